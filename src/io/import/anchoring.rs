//! Finding an annotation's span in an article's text, the way annotation
//! tools do: a position checked against the quote, else the quote with the
//! context around it deciding between repeats.

use std::ops::Range;

use crate::model::{char_to_byte_index, find_occurrences};

/// What an annotation says about where it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Selector {
    /// The quoted text (W3C `exact`), empty when not given.
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// A `start..end` position, in units the tool may count as code points
    /// (W3C, brat) or UTF-16 units (Hypothesis): both are tried.
    pub position: Option<(usize, usize)>,
}

/// Byte offset of the `units`-th UTF-16 unit, if it falls between chars.
fn utf16_to_byte(text: &str, units: usize) -> Option<usize> {
    let mut counted = 0;
    for (byte, c) in text.char_indices() {
        if counted == units {
            return Some(byte);
        }
        if counted > units {
            return None;
        }
        counted += c.len_utf16();
    }
    (counted == units).then_some(text.len())
}

/// Byte offset of the `chars`-th code point, if the text is that long.
fn char_to_byte(text: &str, chars: usize) -> Option<usize> {
    let byte = char_to_byte_index(text, chars);
    (byte < text.len() || text.chars().count() == chars).then_some(byte)
}

/// The position as a byte range, counted either way, when the text there
/// is the quote (or there is no quote to check).
fn by_position(text: &str, selector: &Selector) -> Option<Range<usize>> {
    let (start, end) = selector.position?;
    if start >= end {
        return None;
    }
    let ways: [fn(&str, usize) -> Option<usize>; 2] = [char_to_byte, utf16_to_byte];
    ways.into_iter().find_map(|to_byte| {
        let range = to_byte(text, start)?..to_byte(text, end)?;
        let fits = selector.exact.is_empty() || text[range.clone()] == selector.exact;
        fits.then_some(range)
    })
}

/// How many chars of `prefix` end the text before `start`, plus how many
/// of `suffix` begin the text after `end`.
fn context_score(text: &str, range: &Range<usize>, selector: &Selector) -> usize {
    let before = text[..range.start].chars().rev();
    let prefix_match = before
        .zip(selector.prefix.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = text[range.end..].chars();
    let suffix_match = after
        .zip(selector.suffix.chars())
        .take_while(|(a, b)| a == b)
        .count();
    prefix_match + suffix_match
}

/// Where the selector points in `text`, or why it cannot be placed.
pub(super) fn locate(text: &str, selector: &Selector) -> Result<Range<usize>, String> {
    if let Some(range) = by_position(text, selector) {
        return Ok(range);
    }
    if selector.exact.is_empty() {
        return Err("no quote, and its position is not in the text".to_string());
    }
    let quote_len = selector.exact.len();
    let candidates: Vec<Range<usize>> = find_occurrences(text, &selector.exact)
        .into_iter()
        .map(|start| start..start + quote_len)
        .collect();
    match candidates.as_slice() {
        [] => Err("its quote is not in the text".to_string()),
        [only] => Ok(only.clone()),
        _ => best_by_context(text, &candidates, selector),
    }
}

fn best_by_context(
    text: &str,
    candidates: &[Range<usize>],
    selector: &Selector,
) -> Result<Range<usize>, String> {
    let scores: Vec<usize> = candidates
        .iter()
        .map(|range| context_score(text, range, selector))
        .collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    let winners: Vec<&Range<usize>> = candidates
        .iter()
        .zip(&scores)
        .filter(|(_, score)| **score == best)
        .map(|(range, _)| range)
        .collect();
    match winners.as_slice() {
        [only] => Ok((*only).clone()),
        _ => Err(format!(
            "its quote occurs {} times and the context does not tell which",
            candidates.len()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selector(
        exact: &str,
        prefix: &str,
        suffix: &str,
        position: Option<(usize, usize)>,
    ) -> Selector {
        Selector {
            exact: exact.into(),
            prefix: prefix.into(),
            suffix: suffix.into(),
            position,
        }
    }

    #[test]
    fn positions_in_code_points_or_utf16_are_checked_against_the_quote() {
        let text = "😀 ab ab";
        // Code points: "ab" at 2..4; UTF-16: at 3..5.
        assert_eq!(
            locate(text, &selector("ab", "", "", Some((2, 4)))),
            Ok(5..7)
        );
        assert_eq!(
            locate(text, &selector("ab", "", "", Some((3, 5)))),
            Ok(5..7)
        );
        assert_eq!(
            locate(text, &selector("ab", "", "", Some((5, 7)))),
            Ok(8..10)
        );
    }

    #[test]
    fn context_decides_between_repeats() {
        let text = "he said no. she said no. they said no.";
        let found = locate(text, &selector("no", "she said ", ".", Some((90, 92)))).unwrap();
        assert_eq!(found.start, text.find("she said no").unwrap() + 9);
        assert!(locate(text, &selector("no", "", "", None)).is_err());
        assert!(locate(text, &selector("yes", "", "", None)).is_err());
    }
}
