//! When a quote is not in the article: the passage closest to it (in edit
//! distance, ignoring what copy-paste changes) and how the two differ, word
//! by word.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::normalize::{Level, Normalized};
use crate::model::locate::sellers;
use crate::model::text::floor_char_boundary;

/// A passage is shown only if at most this share of the quote's
/// characters differ; anything further is not "close".
const CLOSE_ENOUGH: f64 = 0.4;
/// Texts up to this many dynamic-programming cells are searched whole;
/// longer ones only around words of the quote.
const FULL_SCAN_CELLS: usize = 30_000_000;
/// Quote words shorter than this are too common to suggest a position.
const SEED_MIN_CHARS: usize = 4;
/// Occurrences of one quote word considered.
const MAX_SEED_HITS: usize = 32;
/// Differences listed before "and N more".
const MAX_DIFFERENCES: usize = 3;

/// The passage of an article most like a quote that is not in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Closest {
    /// Byte range in the article text.
    pub start: usize,
    pub end: usize,
    /// 1-based line of the article where the passage starts.
    pub line: usize,
    /// The passage with its spacing collapsed, for display.
    pub passage: String,
    /// Word-level differences, quote against passage, in reading order.
    pub differences: Vec<Difference>,
    /// How many differences there are beyond those listed.
    pub more: usize,
}

/// One place where quote and passage differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// The article has `article` where the quote has `quote`.
    Replaced { quote: String, article: String },
    /// The quote has words the article does not.
    Added { quote: String },
    /// The article has words the quote leaves out.
    Missing { article: String },
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Difference::Replaced { quote, article } => {
                write!(
                    f,
                    "the article has \"{article}\" where the quote has \"{quote}\""
                )
            }
            Difference::Added { quote } => write!(f, "the article does not have \"{quote}\""),
            Difference::Missing { article } => {
                write!(f, "the quote leaves out \"{article}\"")
            }
        }
    }
}

/// The passage of `text` closest to `quote`, if one is close enough.
pub(super) fn closest_passage(text: &str, quote: &str) -> Option<Closest> {
    let hay = Normalized::new(text, Level::MarksAndCase);
    let needle = Normalized::needle(quote, Level::MarksAndCase);
    let pattern: Vec<char> = needle.chars().collect();
    if pattern.is_empty() {
        return None;
    }
    let max_distance = (pattern.len() as f64 * CLOSE_ENOUGH).floor() as usize;
    let hit = windows(&hay, &needle, pattern.len())
        .into_iter()
        .filter_map(|(from, to)| sellers(&pattern, &hay.text, from, to, max_distance, 0))
        .min_by_key(|hit| (hit.distance, hit.start))?;
    let range = hay.original_range(hit.start, hit.end);
    let original = &text[range.clone()];
    let (differences, more) = differences(
        &Normalized::needle(quote, Level::Marks),
        &Normalized::needle(original, Level::Marks),
    );
    let passage = original.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(Closest {
        line: text[..range.start].matches('\n').count() + 1,
        start: range.start,
        end: range.end,
        passage,
        differences,
        more,
    })
}

/// Byte windows of the normalised text to search: all of it when that is
/// cheap, else around the places where long words of the quote occur.
fn windows(hay: &Normalized, needle: &str, pattern_chars: usize) -> Vec<(usize, usize)> {
    let text = &hay.text;
    if pattern_chars.saturating_mul(hay.char_count()) <= FULL_SCAN_CELLS {
        return vec![(0, text.len())];
    }
    let slack = needle.len() / 2 + 16;
    let mut windows: Vec<(usize, usize)> = seed_starts(text, needle)
        .into_iter()
        .map(|start| {
            let from = floor_char_boundary(text, start.saturating_sub(slack));
            let to = ceil_boundary(text, start.saturating_add(needle.len() + slack));
            (from, to)
        })
        .collect();
    windows.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (from, to) in windows {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    let mut budget = FULL_SCAN_CELLS;
    merged.retain(|(from, to)| {
        let cells = pattern_chars.saturating_mul(to - from);
        let fits = cells <= budget;
        budget = budget.saturating_sub(cells);
        fits
    });
    merged
}

/// Where the quote would start if one of its longer words is where it
/// occurs in the text.
fn seed_starts(text: &str, needle: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for word in needle.split(' ') {
        if word.chars().count() >= SEED_MIN_CHARS {
            starts.extend(
                text.match_indices(word)
                    .take(MAX_SEED_HITS)
                    .map(|(at, _)| at.saturating_sub(offset)),
            );
        }
        offset += word.len() + 1;
    }
    starts
}

fn ceil_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Word differences between `quote` and `passage`, the first few of them.
fn differences(quote: &str, passage: &str) -> (Vec<Difference>, usize) {
    let old: Vec<&str> = quote.split(' ').collect();
    let new: Vec<&str> = passage.split(' ').collect();
    let words = |list: &[&str], at: usize, len: usize| list[at..at + len].join(" ");
    let mut found = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
        let difference = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index, old_len, ..
            } => Difference::Added {
                quote: words(&old, old_index, old_len),
            },
            DiffOp::Insert {
                new_index, new_len, ..
            } => Difference::Missing {
                article: words(&new, new_index, new_len),
            },
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => Difference::Replaced {
                quote: words(&old, old_index, old_len),
                article: words(&new, new_index, new_len),
            },
        };
        found.push(difference);
    }
    let found = merge_adjacent(found);
    let more = found.len().saturating_sub(MAX_DIFFERENCES);
    (found.into_iter().take(MAX_DIFFERENCES).collect(), more)
}

/// A deletion next to an insertion is one replacement.
fn merge_adjacent(found: Vec<Difference>) -> Vec<Difference> {
    let mut merged: Vec<Difference> = Vec::with_capacity(found.len());
    for difference in found {
        match (merged.last_mut(), difference) {
            (Some(last @ Difference::Added { .. }), Difference::Missing { article }) => {
                if let Difference::Added { quote } = last {
                    *last = Difference::Replaced {
                        quote: std::mem::take(quote),
                        article,
                    };
                }
            }
            (_, difference) => merged.push(difference),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The ministry said on Monday.\n\nThe elections were held wholly in \
        compliance with national laws and international commitments, the statement reads.";

    #[test]
    fn a_changed_word_is_named() {
        let closest = closest_passage(
            TEXT,
            "The elections were held fully in compliance with national laws",
        )
        .expect("close passage");
        assert_eq!(
            closest.passage,
            "The elections were held wholly in compliance with national laws"
        );
        assert_eq!(closest.line, 3);
        assert_eq!(
            closest.differences,
            vec![Difference::Replaced {
                quote: "fully".to_string(),
                article: "wholly".to_string()
            }]
        );
        assert_eq!(
            closest.differences[0].to_string(),
            "the article has \"wholly\" where the quote has \"fully\""
        );
    }

    #[test]
    fn added_and_missing_words_are_named() {
        let closest = closest_passage(
            TEXT,
            "The elections were held in full compliance with national laws",
        )
        .expect("close passage");
        let shown: Vec<String> = closest.differences.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            shown,
            [
                "the quote leaves out \"wholly\"",
                "the article does not have \"full\""
            ]
        );
    }

    #[test]
    fn nothing_close_gives_none() {
        assert_eq!(closest_passage(TEXT, "Qarabağ futbol klubu"), None);
    }

    #[test]
    fn long_texts_are_searched_around_quote_words() {
        let filler = "Lorem ipsum dolor sit amet, consectetur adipiscing. ".repeat(20_000);
        let text = format!("{filler}{TEXT}{filler}");
        let closest = closest_passage(&text, "the elections were held fully in compliance")
            .expect("close passage");
        assert_eq!(
            closest.passage,
            "The elections were held wholly in compliance"
        );
    }
}
