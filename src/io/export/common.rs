//! Helpers shared by the export formats: offsets in the units other tools
//! count, ISO dates, stable identifiers for articles, sentences around a
//! span, and stories (groups of pairs joined through their claims).

use std::collections::BTreeMap;

use crate::model::{
    Article, ClaimId, LinkId, Pair, PairSide, Published, byte_to_char_index, floor_char_boundary,
    utf16_len,
};

/// A half-open range `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Range {
    pub start: usize,
    pub end: usize,
}

/// A claim's span counted three ways. Riposte stores bytes; W3C Web
/// Annotation and brat count code points; Hypothesis, Label Studio and
/// JavaScript count UTF-16 code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Offsets {
    pub byte: Range,
    pub code_point: Range,
    pub utf16: Range,
}

/// The offsets of a claim in its article's text.
pub fn offsets(side: &PairSide<'_>) -> Offsets {
    offsets_in(
        &side.article.text,
        side.claim.anchor.start,
        side.claim.anchor.end,
    )
}

/// Offsets of the byte range `start..end` of `text` (clamped to char
/// boundaries, so a damaged anchor cannot make an export panic).
pub fn offsets_in(text: &str, start: usize, end: usize) -> Offsets {
    let start = floor_char_boundary(text, start);
    let end = floor_char_boundary(text, end).max(start);
    Offsets {
        byte: Range { start, end },
        code_point: Range {
            start: byte_to_char_index(text, start),
            end: byte_to_char_index(text, end),
        },
        utf16: Range {
            start: utf16_len(&text[..start]),
            end: utf16_len(&text[..end]),
        },
    }
}

/// ISO 8601: `2024-02-02`, or `2024-02-02T12:18:00+04:00` when the time
/// and offset are known (`2024-02-02T12:18:00` with a time but no offset).
pub fn iso_date(published: &Published) -> String {
    let mut out = published.date.format("%Y-%m-%d").to_string();
    if let Some(time) = published.time {
        out.push_str(&time.format("T%H:%M:%S").to_string());
        if let Some(offset) = published.utc_offset_minutes {
            out.push_str(&iso_offset(offset));
        }
    }
    out
}

/// The article's date in ISO form, if it has one.
pub fn article_date(article: &Article) -> Option<String> {
    article.meta.published.as_ref().map(iso_date)
}

/// `url` as a link other tools may follow: only `http` and `https` URLs
/// with a host qualify (never `javascript:` or `data:`), and every
/// character a URI may not hold (spaces, line breaks, `|`, `<`, `"`,
/// non-ASCII letters) is percent-encoded, so the result is a valid URI
/// that cannot break out of a Markdown link, an HTML attribute or a JSON-LD
/// `@id`.
pub fn link_url(url: &str) -> Option<String> {
    let url = url.trim();
    let scheme_end = url.find("://")?;
    let scheme = &url[..scheme_end];
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    let rest = &url[scheme_end + 3..];
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if rest[..host_end].trim().is_empty() {
        return None;
    }
    // Brackets belong only around an IPv6 host; anywhere else they must be
    // encoded.
    let (host, path) = rest.split_at(host_end);
    let host_punctuation = if host.starts_with('[') { "[]" } else { "" };
    Some(format!(
        "{}://{}{}",
        scheme.to_ascii_lowercase(),
        percent_encode_uri(host, host_punctuation),
        percent_encode_uri(path, "")
    ))
}

/// Characters RFC 3986 allows in a URI's host, path, query and fragment
/// besides letters and digits.
const URI_PUNCTUATION: &str = "-._~:/?#@!$&'()*+,;=";

/// Percent-encodes every byte that is not allowed in a URI (`also` adds
/// allowed punctuation), keeping existing `%XX` escapes.
fn percent_encode_uri(text: &str, also: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, &byte) in bytes.iter().enumerate() {
        let escape_follows = byte == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        let allowed = URI_PUNCTUATION.as_bytes().contains(&byte) || also.as_bytes().contains(&byte);
        if byte.is_ascii_alphanumeric() || allowed || escape_follows {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Where an article lives: its web address when it has an `http(s)` one
/// (see [`link_url`]), otherwise a URN derived from its content hash, which
/// stays the same across exports and projects.
pub fn article_source(article: &Article) -> String {
    link_url(&article.meta.url)
        .unwrap_or_else(|| format!("urn:riposte:article:{}", article.content_hash))
}

/// JSON for pasting into an HTML page (`<script type="application/ld+json">`):
/// `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026`, so no
/// text can close the script element, and U+2028/U+2029 as escapes, so the
/// JSON is also valid JavaScript. These characters only ever occur inside
/// JSON strings, where the escapes mean the same.
pub fn embeddable_json(value: &serde_json::Value) -> Result<Vec<u8>, serde_json::Error> {
    let text = serde_json::to_string_pretty(value)?;
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            other => out.push(other),
        }
    }
    out.push('\n');
    Ok(out.into_bytes())
}

/// A publication date in the one convention every export uses: ISO 8601
/// parts that a spreadsheet or `pandas.to_datetime` reads without options.
/// The date is always date-only (`2024-02-02`); the time (`12:18:00`) and
/// the UTC offset (`+04:00`) are separate because many articles lack them.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct DateParts {
    pub date: Option<String>,
    pub time: Option<String>,
    pub utc_offset: Option<String>,
}

/// `+04:00` / `-05:30`.
pub fn iso_offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let abs = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 60, abs % 60)
}

/// The article's publication date in parts.
pub fn date_parts(article: &Article) -> DateParts {
    let Some(published) = article.meta.published else {
        return DateParts::default();
    };
    DateParts {
        date: Some(published.date.format("%Y-%m-%d").to_string()),
        time: published.time.map(|t| t.format("%H:%M:%S").to_string()),
        utc_offset: published.utc_offset_minutes.map(iso_offset),
    }
}

/// `text` on one line in at most `max` characters, cut at a word with "…"
/// when longer.
pub fn shorten_at_word(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|&i| i > cut.len() / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end_matches([',', ';', ':', ' ']))
}

/// Text for one-line fields (TSV cells, brat notes): tabs and line breaks
/// become spaces so the line structure of the file survives.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\t' || is_line_break(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Characters that end a line for some reader: LF and CR, and the others
/// Python's `str.splitlines` (used by brat and many scripts) splits on.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// How far a context sentence may reach on each side of a quote.
const MAX_CONTEXT_BYTES: usize = 400;

/// The sentence around a span: the text between the previous sentence end
/// (or paragraph break) and the next one. Returns `(before, quote, after)`;
/// `before`/`after` start or end with `…` when cut at [`MAX_CONTEXT_BYTES`].
pub fn sentence_around(text: &str, start: usize, end: usize) -> (String, String, String) {
    let start = floor_char_boundary(text, start);
    let end = floor_char_boundary(text, end).max(start);
    let begin = sentence_start(text, start);
    let finish = sentence_end(text, end);
    let (before, before_cut) = limit_tail(&text[begin..start]);
    let (after, after_cut) = limit_head(&text[end..finish]);
    let before = if before_cut {
        format!("…{}", before.trim_start())
    } else {
        before.trim_start().to_string()
    };
    let after = if after_cut {
        format!("{}…", after.trim_end())
    } else {
        after.trim_end().to_string()
    };
    (before, text[start..end].to_string(), after)
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '։' | '。')
}

/// Start of the sentence containing byte `at`: after the last sentence end
/// followed by whitespace, or after the last line break.
fn sentence_start(text: &str, at: usize) -> usize {
    let mut previous_was_space = false;
    for (i, c) in text[..at].char_indices().rev() {
        if c == '\n' {
            return i + 1;
        }
        if is_sentence_end(c) && previous_was_space {
            return i + c.len_utf8();
        }
        previous_was_space = c.is_whitespace();
    }
    0
}

/// End of the sentence containing byte `at` (exclusive, sentence mark
/// included).
fn sentence_end(text: &str, at: usize) -> usize {
    for (i, c) in text[at..].char_indices() {
        let here = at + i;
        if c == '\n' {
            return here;
        }
        if !is_sentence_end(c) {
            continue;
        }
        // Keep a closing quotation mark with its sentence.
        let mut stop = here + c.len_utf8();
        if let Some(q) = text[stop..].chars().next()
            && matches!(q, '"' | '”' | '»' | '\'' | '’')
        {
            stop += q.len_utf8();
        }
        if text[stop..].chars().next().is_none_or(char::is_whitespace) {
            return stop;
        }
    }
    text.len()
}

fn limit_tail(text: &str) -> (&str, bool) {
    if text.len() <= MAX_CONTEXT_BYTES {
        return (text, false);
    }
    let mut cut = text.len() - MAX_CONTEXT_BYTES;
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    let cut = text[cut..].find(' ').map_or(cut, |space| cut + space + 1);
    (&text[cut..], true)
}

fn limit_head(text: &str) -> (&str, bool) {
    if text.len() <= MAX_CONTEXT_BYTES {
        return (text, false);
    }
    let cut = floor_char_boundary(text, MAX_CONTEXT_BYTES);
    let cut = text[..cut].rfind(' ').unwrap_or(cut);
    (&text[..cut], true)
}

/// Pairs grouped into stories: connected components of claims through the
/// exported links. Pairs inside a story are ordered by date (response date,
/// then claim date, then link id); stories by their earliest date.
pub fn stories<'a>(pairs: &[Pair<'a>]) -> Vec<Vec<Pair<'a>>> {
    let mut roots = UnionFind::default();
    for pair in pairs {
        roots.join(pair.claim.claim.id, pair.response.claim.id);
    }
    let mut groups: BTreeMap<ClaimId, Vec<Pair<'a>>> = BTreeMap::new();
    for pair in pairs {
        let root = roots.find(pair.claim.claim.id);
        groups.entry(root).or_default().push(*pair);
    }
    let mut stories: Vec<Vec<Pair<'a>>> = groups.into_values().collect();
    for story in &mut stories {
        story.sort_by_key(pair_order_key);
    }
    stories.sort_by_key(|story| story.first().map(pair_order_key));
    stories
}

type OrderKey = (Option<Published>, Option<Published>, LinkId);

/// Dated pairs first (undated ones last), by date then link id.
fn pair_order_key(pair: &Pair<'_>) -> (bool, OrderKey) {
    let claim_date = pair.claim.article.meta.published;
    let response_date = pair.response.article.meta.published;
    let earliest = match (claim_date, response_date) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    (earliest.is_none(), (earliest, response_date, pair.link.id))
}

/// Union-find over claim ids, with the smallest id as the representative
/// so stories come out in a stable order.
#[derive(Default)]
struct UnionFind {
    parent: BTreeMap<ClaimId, ClaimId>,
}

impl UnionFind {
    fn find(&mut self, id: ClaimId) -> ClaimId {
        let mut root = id;
        while let Some(&parent) = self.parent.get(&root) {
            if parent == root {
                break;
            }
            root = parent;
        }
        // Path compression keeps later look-ups short.
        let mut node = id;
        while node != root {
            let next = self.parent.get(&node).copied().unwrap_or(root);
            self.parent.insert(node, root);
            node = next;
        }
        root
    }

    fn join(&mut self, a: ClaimId, b: ClaimId) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (low, high) = if ra <= rb { (ra, rb) } else { (rb, ra) };
        self.parent.insert(low, low);
        self.parent.insert(high, low);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_code_points_and_utf16_units() {
        let text = "a😀Հ b";
        let start = text.find('Հ').unwrap();
        let found = offsets_in(text, start, text.len());
        assert_eq!(found.byte, Range { start: 5, end: 9 });
        assert_eq!(found.code_point, Range { start: 2, end: 5 });
        assert_eq!(found.utf16, Range { start: 3, end: 6 });
    }

    #[test]
    fn sentence_is_found_around_a_span() {
        let text = "First one. The EU denied it, said Mr. X. Last.\nNext line.";
        let start = text.find("denied").unwrap();
        let (before, quote, after) = sentence_around(text, start, start + 6);
        assert_eq!(before, "The EU ");
        assert_eq!(quote, "denied");
        assert_eq!(after, " it, said Mr.");
        let quoted = "He said \"no.\" Then left.";
        let (_, _, after) = sentence_around(quoted, 3, 7);
        assert_eq!(after, " \"no.\"");
        let start = text.find("Last").unwrap();
        let (_, _, after) = sentence_around(text, start, start + 4);
        assert_eq!(after, ".");
    }

    #[test]
    fn long_context_is_cut_with_an_ellipsis() {
        let text = format!("{} quote {}", "word ".repeat(200), "tail ".repeat(200));
        let start = text.find("quote").unwrap();
        let (before, _, after) = sentence_around(&text, start, start + 5);
        assert!(before.starts_with('…') && before.len() <= MAX_CONTEXT_BYTES + 4);
        assert!(after.ends_with('…') && after.len() <= MAX_CONTEXT_BYTES + 4);
    }

    #[test]
    fn only_http_urls_become_links_and_they_are_valid_uris() {
        assert_eq!(link_url("javascript:alert(1)"), None);
        assert_eq!(link_url("JavaScript://%0Aalert(1)"), None);
        assert_eq!(link_url("data:text/html,<script>"), None);
        assert_eq!(link_url("https://"), None);
        assert_eq!(link_url("ftp://example.org/a"), None);
        assert_eq!(
            link_url(" HTTPS://example.org/a|b c\n<x>\"y\"?q=ə&z=%41 ").as_deref(),
            Some("https://example.org/a%7Cb%20c%0A%3Cx%3E%22y%22?q=%C9%99&z=%41")
        );
        assert_eq!(
            link_url("http://example.org/(1)").as_deref(),
            Some("http://example.org/(1)")
        );
    }

    #[test]
    fn embeddable_json_cannot_close_a_script_element() {
        let value = serde_json::json!({ "q": "</script><script>alert(1)</script> & \u{2028}" });
        let bytes = embeddable_json(&value).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert!(!text.contains('\u{2028}'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn iso_dates_include_time_and_offset_when_known() {
        let published = Published {
            date: chrono::NaiveDate::from_ymd_opt(2024, 2, 2).unwrap(),
            time: chrono::NaiveTime::from_hms_opt(12, 18, 0),
            utc_offset_minutes: Some(240),
        };
        assert_eq!(iso_date(&published), "2024-02-02T12:18:00+04:00");
        let date_only = Published {
            time: None,
            ..published
        };
        assert_eq!(iso_date(&date_only), "2024-02-02");
    }
}
