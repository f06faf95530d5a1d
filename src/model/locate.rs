//! Finding a quote in a text that changed: how well the stored context
//! (prefix and suffix) surrounds a span, and an approximate substring
//! search (Sellers' edit-distance algorithm) in windows around likely
//! positions, bounded by a budget of dynamic-programming cells. Used by
//! re-anchoring (`model::reanchor`), which decides what a match means.

use super::anchor::Anchor;
use super::text::floor_char_boundary;

/// At most this share of a quote's characters may differ in a fuzzy match.
pub(super) const MAX_ERROR_RATE: f64 = 0.25;
/// Length of the snippets (quote start/middle/end, context) looked up to
/// choose where to run the fuzzy search.
pub(super) const SEED_CHARS: usize = 12;
/// Seed occurrences considered per snippet (those nearest the expected spot).
pub(super) const MAX_SEED_HITS: usize = 16;
/// Occurrences of one exact quote scanned at most (a one-letter quote in a
/// 100 MB article would otherwise take long).
pub(super) const MAX_OCCURRENCES: usize = 100_000;
/// Weight of the quote's similarity in a fuzzy match's confidence; the rest
/// comes from the context.
pub(super) const QUOTE_WEIGHT: f32 = 0.85;
/// How many chars of a long quote's head and tail are matched
/// (see `reanchor`'s `LONG_QUOTE_CHARS`).
pub(super) const LONG_QUOTE_END: usize = 96;

/// 0–1: how much of the stored prefix and suffix surround `start..end`.
pub(super) fn context_score(text: &str, start: usize, end: usize, anchor: &Anchor) -> f32 {
    let before = side_score(
        anchor.prefix.chars().rev(),
        text[..start].chars().rev(),
        anchor.prefix.is_empty(),
        start == 0,
    );
    let after = side_score(
        anchor.suffix.chars(),
        text[end..].chars(),
        anchor.suffix.is_empty(),
        end == text.len(),
    );
    (before + after) / 2.0
}

/// Share of the stored context that the text repeats, from the quote
/// outwards. An empty context (the quote was at an edge) scores 1 at the
/// same edge and 0.5 elsewhere, since it says little.
fn side_score(
    stored: impl Iterator<Item = char> + Clone,
    actual: impl Iterator<Item = char>,
    stored_empty: bool,
    at_edge: bool,
) -> f32 {
    if stored_empty {
        return if at_edge { 1.0 } else { 0.5 };
    }
    let total = stored.clone().count();
    let same = stored.zip(actual).take_while(|(a, b)| a == b).count();
    same as f32 / total as f32
}

/// A span found by the approximate search (also used by `quote_match`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Hit {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Edit distance between the pattern and `start..end`.
    pub(super) distance: usize,
}

/// The best approximate match of the whole quote: lowest distance plus
/// context, ties nearest to `expected`.
pub(super) fn best_hit(
    text: &str,
    anchor: &Anchor,
    pattern: &[char],
    expected: usize,
    allowance: &mut usize,
) -> Option<Hit> {
    let max_distance = max_distance(pattern.len());
    let windows = search_windows(text, anchor, pattern, expected, allowance);
    let score = |hit: &Hit| {
        let similarity = 1.0 - hit.distance as f32 / pattern.len() as f32;
        QUOTE_WEIGHT * similarity
            + (1.0 - QUOTE_WEIGHT) * context_score(text, hit.start, hit.end, anchor)
    };
    windows
        .into_iter()
        .filter_map(|(from, to)| sellers(pattern, text, from, to, max_distance, expected))
        .max_by(|a, b| {
            score(a)
                .total_cmp(&score(b))
                .then_with(|| b.start.abs_diff(expected).cmp(&a.start.abs_diff(expected)))
        })
}

/// A long quote: match its head and its tail separately, then take the span
/// between them if its length is plausible.
pub(super) fn find_long_quote(
    text: &str,
    anchor: &Anchor,
    quote: &[char],
    expected: usize,
    allowance: &mut usize,
) -> Option<(usize, usize, f32)> {
    let head = &quote[..LONG_QUOTE_END];
    let tail = &quote[quote.len() - LONG_QUOTE_END..];
    let quote_bytes = anchor.quote.len();
    let head_anchor = Anchor {
        start: 0,
        end: 0,
        quote: head.iter().collect(),
        prefix: anchor.prefix.clone(),
        suffix: String::new(),
    };
    let head_hit = best_hit(text, &head_anchor, head, expected, allowance)?;
    let tail_expected = floor_char_boundary(text, head_hit.start + quote_bytes);
    let tail_text_bytes: usize = tail.iter().map(|c| c.len_utf8()).sum();
    let tail_anchor = Anchor {
        start: 0,
        end: 0,
        quote: tail.iter().collect(),
        prefix: String::new(),
        suffix: anchor.suffix.clone(),
    };
    let tail_start = floor_char_boundary(text, tail_expected.saturating_sub(tail_text_bytes));
    let tail_hit = best_hit(text, &tail_anchor, tail, tail_start, allowance)?;
    if tail_hit.end <= head_hit.start {
        return None;
    }
    let length = (tail_hit.end - head_hit.start) as f32;
    let ratio = (length / quote_bytes as f32).min(quote_bytes as f32 / length);
    if ratio < 0.5 {
        return None;
    }
    let ends = 1.0 - (head_hit.distance + tail_hit.distance) as f32 / (2 * LONG_QUOTE_END) as f32;
    Some((head_hit.start, tail_hit.end, ends * ratio))
}

fn max_distance(pattern_chars: usize) -> usize {
    (pattern_chars as f64 * MAX_ERROR_RATE).floor() as usize
}

/// Byte windows of `text` worth searching, nearest to `expected` first,
/// cut to what `allowance` permits. A short text is searched whole.
fn search_windows(
    text: &str,
    anchor: &Anchor,
    pattern: &[char],
    expected: usize,
    allowance: &mut usize,
) -> Vec<(usize, usize)> {
    let m = pattern.len();
    let pattern_bytes: usize = pattern.iter().map(|c| c.len_utf8()).sum();
    if m.saturating_mul(text.len()) <= *allowance {
        *allowance -= m * text.len();
        return vec![(0, text.len())];
    }
    let slack = pattern_bytes / 2 + 16;
    let mut windows: Vec<(usize, usize)> = candidate_starts(text, anchor, pattern, expected)
        .into_iter()
        .map(|start| {
            let from = floor_char_boundary(text, start.saturating_sub(slack));
            let to = ceil_char_boundary(text, start.saturating_add(pattern_bytes + slack));
            (from, to)
        })
        .collect();
    windows.sort_unstable();
    let merged = merge_windows(windows);
    let mut by_distance = merged;
    by_distance.sort_by_key(|&(from, to)| distance_to_window(expected, from, to));
    let mut chosen = Vec::new();
    for (from, to) in by_distance {
        let cells = m.saturating_mul(to - from);
        if cells > *allowance {
            continue;
        }
        *allowance -= cells;
        chosen.push((from, to));
    }
    chosen
}

fn distance_to_window(at: usize, from: usize, to: usize) -> usize {
    if at < from {
        from - at
    } else {
        at.saturating_sub(to)
    }
}

fn merge_windows(sorted: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(sorted.len());
    for (from, to) in sorted {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// Likely byte starts of the quote: where snippets of the quote and its
/// context occur (shifted to where the quote would start), and `expected`.
fn candidate_starts(text: &str, anchor: &Anchor, pattern: &[char], expected: usize) -> Vec<usize> {
    let pattern_bytes: usize = pattern.iter().map(|c| c.len_utf8()).sum();
    let m = pattern.len();
    let seed = SEED_CHARS.min(m);
    let mid = m / 2 - m.min(seed) / 2;
    let bytes_before =
        |chars: usize| -> usize { pattern[..chars].iter().map(|c| c.len_utf8()).sum() };
    let mut starts = vec![expected];
    // (snippet, how far the quote starts after the snippet's start)
    let mut snippets: Vec<(String, isize)> = vec![
        (pattern[..seed].iter().collect(), 0),
        (
            pattern[mid..mid + seed].iter().collect(),
            -(bytes_before(mid) as isize),
        ),
        (
            pattern[m - seed..].iter().collect(),
            -(bytes_before(m - seed) as isize),
        ),
    ];
    let prefix_tail: String = last_chars(&anchor.prefix, SEED_CHARS);
    if !prefix_tail.is_empty() {
        let len = prefix_tail.len() as isize;
        snippets.push((prefix_tail, len));
    }
    let suffix_head: String = anchor.suffix.chars().take(SEED_CHARS).collect();
    if !suffix_head.is_empty() {
        snippets.push((suffix_head, -(pattern_bytes as isize)));
    }
    for (snippet, shift) in snippets {
        starts.extend(
            nearest_occurrences(text, &snippet, expected)
                .into_iter()
                .map(|at| at.saturating_add_signed(shift)),
        );
    }
    starts
}

fn last_chars(text: &str, count: usize) -> String {
    let skip = text.chars().count().saturating_sub(count);
    text.chars().skip(skip).collect()
}

/// Up to [`MAX_SEED_HITS`] occurrences of `snippet`, nearest `expected`.
fn nearest_occurrences(text: &str, snippet: &str, expected: usize) -> Vec<usize> {
    if snippet.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<usize> = text
        .match_indices(snippet)
        .take(MAX_OCCURRENCES)
        .map(|(at, _)| at)
        .collect();
    hits.sort_by_key(|&at| at.abs_diff(expected));
    hits.truncate(MAX_SEED_HITS);
    hits
}

/// The smallest char boundary `>= index` (clamped to the text length).
fn ceil_char_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Sellers' algorithm: the substring of `text[from..to]` closest to
/// `pattern` in edit distance (any start, any end), if within
/// `max_distance`. Equal distances go to the span nearest `expected`.
pub(super) fn sellers(
    pattern: &[char],
    text: &str,
    from: usize,
    to: usize,
    max_distance: usize,
    expected: usize,
) -> Option<Hit> {
    let m = pattern.len();
    // cost[i]: distance of pattern[..i] to the best substring ending here;
    // begin[i]: where that substring starts.
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut begin: Vec<usize> = vec![from; m + 1];
    let mut best: Option<Hit> = None;
    for (offset, ch) in text[from..to].char_indices() {
        let next = from + offset + ch.len_utf8();
        let (mut diagonal_cost, mut diagonal_begin) = (cost[0], begin[0]);
        cost[0] = 0;
        begin[0] = next;
        for i in 1..=m {
            let substitute = diagonal_cost + usize::from(pattern[i - 1] != ch);
            let skip_text = cost[i] + 1;
            let skip_pattern = cost[i - 1] + 1;
            let (above_cost, above_begin) = (cost[i], begin[i]);
            if substitute <= skip_text && substitute <= skip_pattern {
                cost[i] = substitute;
                begin[i] = diagonal_begin;
            } else if skip_text <= skip_pattern {
                cost[i] = skip_text;
            } else {
                cost[i] = skip_pattern;
                begin[i] = begin[i - 1];
            }
            diagonal_cost = above_cost;
            diagonal_begin = above_begin;
        }
        if cost[m] <= max_distance && begin[m] < next {
            let hit = Hit {
                start: begin[m],
                end: next,
                distance: cost[m],
            };
            let better = best.is_none_or(|b| {
                hit.distance < b.distance
                    || (hit.distance == b.distance
                        && hit.start.abs_diff(expected) < b.start.abs_diff(expected))
            });
            if better {
                best = Some(hit);
            }
        }
    }
    best
}
