//! The spans a suggestion can point at: sentences (Unicode UAX #29 sentence
//! bounds, which also break at line ends), and the clauses of long
//! sentences, because a response is often one clause of a long report
//! sentence. Ranges are byte offsets on char boundaries, trimmed of
//! surrounding white space.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// Sentences longer than this (in chars) are offered clause by clause.
const LONG_SENTENCE_CHARS: usize = 220;
/// A clause is cut only when both sides keep at least this many chars.
const MIN_CLAUSE_CHARS: usize = 60;

/// The candidate spans of `text`, in order, not overlapping.
pub(crate) fn segments(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for (start, sentence) in text.split_sentence_bound_indices() {
        let Some(range) = trimmed(text, start..start + sentence.len()) else {
            continue;
        };
        if text[range.clone()].chars().count() > LONG_SENTENCE_CHARS {
            found.extend(clauses(text, range));
        } else {
            found.push(range);
        }
    }
    found
}

/// `range` without leading and trailing white space; `None` when nothing
/// with a letter or digit is left.
fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let piece = &text[range.clone()];
    let start = range.start + (piece.len() - piece.trim_start().len());
    let end = range.start + piece.trim_end().len();
    let kept = text.get(start..end)?;
    kept.chars()
        .any(char::is_alphanumeric)
        .then_some(start..end)
}

/// Splits a long sentence after `;`, `:`, `,` or before a dash, where both
/// sides keep [`MIN_CLAUSE_CHARS`].
fn clauses(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = sentence.start;
    for cut in clause_cuts(text, sentence.clone()) {
        let before = text[from..cut].chars().count();
        let after = text[cut..sentence.end].chars().count();
        if before >= MIN_CLAUSE_CHARS
            && after >= MIN_CLAUSE_CHARS
            && let Some(range) = trimmed(text, from..cut)
        {
            found.push(range);
            from = cut;
        }
    }
    if let Some(range) = trimmed(text, from..sentence.end) {
        found.push(range);
    }
    found
}

/// Byte offsets inside `sentence` where a clause may end: after clause
/// punctuation followed by a space, and before a spaced dash.
fn clause_cuts(text: &str, sentence: Range<usize>) -> Vec<usize> {
    let piece = &text[sentence.clone()];
    let mut cuts = Vec::new();
    let mut chars = piece.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next_is_space = chars.peek().is_some_and(|&(_, n)| n.is_whitespace());
        let cut = match c {
            ';' | ':' | ',' if next_is_space => Some(at + c.len_utf8()),
            '—' | '–' if at > 0 && piece[..at].ends_with(' ') => Some(at),
            _ => None,
        };
        if let Some(cut) = cut {
            cuts.push(sentence.start + cut);
        }
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        segments(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_and_lines_are_segments() {
        let text =
            "Title line\n\nThe mission denied it. «Это ложь», — заявил он!  Bu yalandır.\r\n";
        assert_eq!(
            pieces(text),
            [
                "Title line",
                "The mission denied it.",
                "«Это ложь», — заявил он!",
                "Bu yalandır."
            ]
        );
    }

    #[test]
    fn long_sentences_are_split_into_clauses() {
        let clause_a = "According to the outlet, which cited unnamed diplomats in the capital";
        let clause_b =
            "the ambassador said that for many years the US and the EU have funded the opposition";
        let clause_c =
            "a statement the mission later described as entirely baseless and provocative";
        let text = format!("{clause_a}; {clause_b} — {clause_c}.");
        let found = pieces(&text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0], format!("{clause_a};"));
        assert_eq!(found[1], clause_b);
        assert_eq!(found[2], format!("— {clause_c}."));
    }

    #[test]
    fn segments_fall_on_char_boundaries_and_skip_punctuation_only_text() {
        let text = "ə😀 — ...\n\nՀայտարարությունը կեղծ է։ ამბავი სიცრუეა.";
        for range in segments(text) {
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            assert!(!text[range].trim().is_empty());
        }
        assert!(pieces("... — !!").is_empty());
    }
}
