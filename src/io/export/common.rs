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
            let sign = if offset < 0 { '-' } else { '+' };
            let abs = offset.unsigned_abs();
            out.push_str(&format!("{sign}{:02}:{:02}", abs / 60, abs % 60));
        }
    }
    out
}

/// The article's date in ISO form, if it has one.
pub fn article_date(article: &Article) -> Option<String> {
    article.meta.published.as_ref().map(iso_date)
}

/// Where an article lives: its URL when known, otherwise a URN derived from
/// its content hash, which stays the same across exports and projects.
pub fn article_source(article: &Article) -> String {
    let url = article.meta.url.trim();
    if url.is_empty() {
        format!("urn:riposte:article:{}", article.content_hash)
    } else {
        url.to_string()
    }
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
