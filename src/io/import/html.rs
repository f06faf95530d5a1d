//! Saved web pages (`.html`, `.htm`): the article's text is extracted with
//! `dom_smoothie` (a port of Mozilla's Readability, the engine of Firefox's
//! reader view), and its metadata read from the page's tags: `og:title`,
//! `og:site_name`, `article:published_time`, the canonical URL and a JSON-LD
//! `NewsArticle` (headline, publisher, datePublished, url). What the tags
//! do not say is detected in the text as for pasted articles.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike};
use dom_smoothie::{Config, Readability, TextMode};

use super::decode::{decode, normalise_newlines};
use super::detect::{Detected, detect_at};
use crate::model::{MetaField, Published, Stamp};

/// An article read from a page, with what the analyst should know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlPage {
    pub detected: Detected,
    pub warnings: Vec<String>,
}

/// The page's encoding: a `charset` in its first kilobytes, else UTF-8,
/// else Windows-1252 (with a warning).
fn decode_page(bytes: &[u8], name: &str) -> (String, Vec<String>) {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let declared = head.find("charset=").and_then(|at| {
        let label: String = head[at + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    });
    match declared {
        Some(encoding) if encoding != encoding_rs::UTF_8 => {
            let (text, _, _) = encoding.decode(bytes);
            (text.into_owned(), Vec::new())
        }
        _ => {
            let decoded = decode(bytes, name);
            (decoded.text, decoded.warnings)
        }
    }
}

/// The `href` of `<link rel="canonical">`, else the `og:url`.
fn canonical_url(document: &dom_query::Document) -> Option<String> {
    let canonical = document
        .select(r#"link[rel="canonical"]"#)
        .attr("href")
        .map(|href| href.to_string());
    let og = || {
        document
            .select(r#"meta[property="og:url"]"#)
            .attr("content")
            .map(|url| url.to_string())
    };
    canonical
        .or_else(og)
        .map(|url| url.trim().to_string())
        .filter(|url| !url.is_empty())
}

/// True when the page's title comes from its own metadata (`og:title`,
/// JSON-LD), not only the window `<title>` (often "Headline | Site").
fn has_title_metadata(document: &dom_query::Document) -> bool {
    document.select(r#"meta[property="og:title"]"#).exists()
        || document
            .select(r#"script[type="application/ld+json"]"#)
            .text()
            .contains("headline")
}

/// `2021-05-26T11:02:00+04:00`, `2021-05-26T11:02:00Z`,
/// `2021-05-26T11:02:00`, `2021-05-26`.
pub(super) fn parse_published(text: &str) -> Option<Published> {
    let text = text.trim();
    if let Ok(stamp) = DateTime::parse_from_rfc3339(text) {
        let local = stamp.naive_local();
        return Some(Published {
            date: local.date(),
            time: local.time().with_nanosecond(0),
            utc_offset_minutes: Some(stamp.offset().local_minus_utc() / 60),
        });
    }
    let with_offset = [
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S%:z",
    ];
    if let Some(stamp) = with_offset
        .iter()
        .find_map(|format| DateTime::parse_from_str(text, format).ok())
    {
        let local = stamp.naive_local();
        return Some(Published {
            date: local.date(),
            time: local.time().with_nanosecond(0),
            utc_offset_minutes: Some(stamp.offset().local_minus_utc() / 60),
        });
    }
    let naive = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"];
    if let Some(local) = naive
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    {
        return Some(Published {
            date: local.date(),
            time: local.time().with_nanosecond(0),
            utc_offset_minutes: None,
        });
    }
    let date = NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
    Some(Published {
        date,
        time: None,
        utc_offset_minutes: None,
    })
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
}

/// Reads a saved page. Never fails: a page with no article text gives an
/// empty text (the caller reports it).
pub fn read_html(bytes: &[u8], name: &str, stamp: &Stamp) -> HtmlPage {
    let (html, mut warnings) = decode_page(bytes, name);
    let document = dom_query::Document::from(html.as_str());
    let url = canonical_url(&document);
    let titled = has_title_metadata(&document);
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let parsed = Readability::with_document(document, url.as_deref(), Some(config))
        .and_then(|mut readability| readability.parse());
    let detected = match parsed {
        Ok(article) => from_article(article, url, titled, stamp),
        Err(error) => {
            warnings.push(format!("{name}: no article found in the page ({error})"));
            Detected {
                text: String::new(),
                meta: Default::default(),
            }
        }
    };
    HtmlPage { detected, warnings }
}

/// The text Readability found, with the page's metadata over what the
/// text's own date lines and datelines say.
fn from_article(
    article: dom_smoothie::Article,
    url: Option<String>,
    titled: bool,
    stamp: &Stamp,
) -> Detected {
    let text = normalise_newlines(article.text_content.trim());
    let mut detected = detect_at(&text, Some(stamp.at.date_naive()));
    let meta = &mut detected.meta;
    if let Some(title) = non_empty(Some(article.title)) {
        meta.title = title;
        if titled {
            meta.uncertain.remove(&MetaField::Title);
        } else {
            meta.uncertain.insert(MetaField::Title);
        }
    }
    if let Some(outlet) = non_empty(article.site_name) {
        meta.outlet = outlet;
        meta.uncertain.remove(&MetaField::Outlet);
    }
    if let Some(published) = article.published_time.as_deref().and_then(parse_published) {
        meta.published = Some(published);
        meta.uncertain.remove(&MetaField::Published);
    }
    meta.url = url.or(article.url).unwrap_or_default();
    detected
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_times_in_the_forms_pages_use() {
        let at = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0);
        let day = NaiveDate::from_ymd_opt(2021, 5, 26);
        let full = parse_published("2021-05-26T11:02:00+04:00").unwrap();
        assert_eq!(
            (Some(full.date), full.time, full.utc_offset_minutes),
            (day, at(11, 2), Some(240))
        );
        let utc = parse_published("2021-05-26T07:02:00Z").unwrap();
        assert_eq!(utc.utc_offset_minutes, Some(0));
        let no_seconds = parse_published("2021-05-26T11:02+04:00").unwrap();
        assert_eq!(no_seconds.time, at(11, 2));
        let naive = parse_published("2021-05-26T11:02:00").unwrap();
        assert_eq!(naive.utc_offset_minutes, None);
        assert_eq!(parse_published("2021-05-26").map(|p| p.time), Some(None));
        assert_eq!(parse_published("yesterday"), None);
    }
}
