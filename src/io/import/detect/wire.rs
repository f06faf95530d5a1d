//! Wire datelines that open an article's text: a place, maybe a country and
//! a day, and the agency's tag:
//!
//! - `YEREVAN, MAY 26, ARMENPRESS.`
//! - `ASTANA, October 4. /TASS/.`
//! - `Yerevan /Mediamax/.`
//! - `BAKU, Azerbaijan, Nov. 21 (Trend)` and `BAKU, Azerbaijan, November 21.`
//! - `(CNN) —` and `WASHINGTON (AP) —`
//!
//! A dateline is never a title; its tag names the outlet and its day the
//! date (the year comes from elsewhere).

use regex::Regex;
use std::sync::LazyLock;

use super::dates::{self, LineDate};
use super::pattern::regex;

/// One to three capitalised words: `YEREVAN`, `New York`, `Baku`.
const PLACE: &str = r"\p{Lu}[\p{L}'’.\-]*(?:\s\p{Lu}[\p{L}'’.\-]*){0,2}";
/// An agency's name inside a tag: `TASS`, `Mediamax`, `AP`, `Report.az`.
const NAME: &str = r"[\p{L}\d][\p{L}\d .&'’\-]{0,30}?";

/// A place, maybe a country, a day, maybe a tag: `ASTANA, October 4. /TASS/.`.
static WITH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let months = super::months::alternation();
    let day = format!(r"(?i:(?:{months}))\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?i:(?:{months}))\.?");
    let tag = tag();
    regex(&format!(
        r"^\s*(?:{PLACE})(?:,\s*(?:{PLACE}))?,\s*(?P<day>{day})\b(?:{tag}|,\s*(?P<caps>\p{{Lu}}{{3,}}[\p{{Lu}}\d.\-]*?)\.)?(?P<rest>.*)$"
    ))
});
/// A tag with or without a place before it: `Yerevan /Mediamax/.`, `(CNN) —`.
static TAG_ONLY: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"^\s*(?:{PLACE})?{}(?P<rest>.*)$", tag())));
/// An agency tag in slashes or parentheses.
fn tag() -> String {
    format!(r"[.,]?\s*(?:/\s*(?P<slash>{NAME})\s*/|\((?P<paren>{NAME})\))")
}

/// A dateline's parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Dateline {
    /// The month and day, when the dateline gives them.
    pub day: Option<LineDate>,
    /// The agency named in a tag (`TASS`, `ARMENPRESS`, `CNN`), as written.
    pub agency: Option<String>,
    /// Byte offset in the line where the article's own words start.
    pub text_start: usize,
}

/// Separators between a dateline and the text: `.`, `:`, `,`, dashes.
fn skip_separators(line: &str, from: usize) -> usize {
    let rest = &line[from..];
    let kept = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | ':' | ',' | '-' | '—' | '–')
    });
    from + rest.len() - kept.len()
}

/// The dateline opening `line`, if it has one: a day or an agency tag
/// must be present, and the tag must end the dateline (be followed by a
/// separator or the end of the line), so "Minister Aliyev (Azerbaijan)
/// said" is not taken for one.
pub(super) fn parse(line: &str) -> Option<Dateline> {
    let found = WITH_DAY
        .captures(line)
        .or_else(|| TAG_ONLY.captures(line))?;
    let rest = found.name("rest")?;
    let tag = ["slash", "paren", "caps"]
        .into_iter()
        .find_map(|name| found.name(name));
    let day = found.name("day");
    if tag.is_none() && day.is_none() {
        return None;
    }
    let after = rest.as_str();
    let separated = after.is_empty()
        || after.starts_with(['.', ':', ',', '-', '—', '–'])
        || after.starts_with(" —")
        || after.starts_with(" –")
        || after.starts_with(" -");
    // A tag in capitals ends with its own full stop; any other dateline
    // must be followed by a separator ("BAKU, Azerbaijan, November 21. The
    // parliament...").
    if found.name("caps").is_none() && !separated {
        return None;
    }
    let day = day.and_then(|m| {
        dates::find(m.as_str()).map(|mut d| {
            d.start += m.start();
            d.end += m.start();
            d
        })
    });
    Some(Dateline {
        day,
        agency: tag.map(|m| m.as_str().trim().to_string()),
        text_start: skip_separators(line, rest.start()),
    })
}

/// `line` without the dateline that opens it.
pub(super) fn strip(line: &str) -> &str {
    match parse(line) {
        Some(dateline) => &line[dateline.text_start..],
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(line: &str) -> Option<String> {
        parse(line).and_then(|d| d.agency)
    }

    #[test]
    fn wire_datelines_give_agency_day_and_text() {
        let line = "YEREVAN, MAY 26, ARMENPRESS. The two sides met.";
        assert_eq!(agency(line).as_deref(), Some("ARMENPRESS"));
        assert_eq!(strip(line), "The two sides met.");
        let found = parse(line).unwrap().day.unwrap();
        assert_eq!((found.month, found.day, found.year), (5, 26, None));
        assert_eq!(
            agency("ASTANA, October 4. /TASS/. Talks went on.").as_deref(),
            Some("TASS")
        );
        assert_eq!(
            strip("ASTANA, October 4. /TASS/. Talks went on."),
            "Talks went on."
        );
        assert_eq!(
            agency("Yerevan /Mediamax/. Text").as_deref(),
            Some("Mediamax")
        );
        assert_eq!(
            agency("BAKU, Azerbaijan, Nov. 21 (Trend) - Text").as_deref(),
            Some("Trend")
        );
        assert_eq!(agency("(CNN) — The senator said").as_deref(), Some("CNN"));
        assert_eq!(strip("(CNN) — The senator said"), "The senator said");
        assert_eq!(agency("WASHINGTON (AP) — Text").as_deref(), Some("AP"));
        let plain = "BAKU, Azerbaijan, November 21. The parliament met.";
        assert_eq!(agency(plain), None);
        assert_eq!(strip(plain), "The parliament met.");
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        for line in [
            "Minister Aliyev (Azerbaijan) said the talks went well.",
            "Ilham Aliyev: European leaders have never criticized us",
            "On August 20, the Musavat Party sent a letter.",
            "Published: 26 May 2021",
            "The parliament met on November 20, 2024.",
        ] {
            assert_eq!(parse(line), None, "{line}");
        }
    }
}
