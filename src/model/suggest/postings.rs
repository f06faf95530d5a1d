//! The index's postings: for every term, one list of the segments holding
//! it across all articles, with the term's document frequency.
//!
//! Why one list per term rather than per article: a query walks the lists
//! of its own terms only, so its cost follows how many segments hold those
//! terms, not how many articles there are. (Postings kept per article
//! cost a binary search per query term in every article: 2,000 × ~100 on
//! the benchmark project, a quarter of a query's time.)
//!
//! Why segments die rather than leave: re-indexing an edited article must
//! stay cheap, and taking its postings out of every list it appears in
//! would cost a search in each. So its old segments are marked dead (their
//! length set to [`DEAD`], skipped while walking a list), its new ones get
//! fresh numbers at the end, and when dead segments outnumber live ones a
//! compaction drops them and renumbers everything in one pass over all
//! lists. Each re-indexed segment pays for its share of one such pass, so
//! an edit stays proportional to the edited article.

use rustc_hash::FxHashMap;
use std::ops::Range;

use crate::model::ArticleId;

/// The length recorded for a segment of a removed or re-indexed article
/// until the next compaction drops its postings.
pub(super) const DEAD: u32 = u32::MAX;

/// Compaction waits for at least this many dead segments, so that a small
/// index is not renumbered on every edit.
const MIN_DEAD_TO_COMPACT: usize = 4096;

/// A term in one segment: the segment's number and how often the term
/// occurs there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Posting {
    segment: u32,
    count: u32,
}

/// Every segment holding one term.
#[derive(Clone, Debug, Default)]
struct TermPostings {
    /// Live segments holding the term.
    document_frequency: u32,
    /// Live and dead, in no particular order.
    list: Vec<Posting>,
}

/// Postings of all articles, segments numbered index-wide.
#[derive(Clone, Debug, Default)]
pub(super) struct Postings {
    terms: FxHashMap<u32, TermPostings>,
    /// Each segment's length in terms, [`DEAD`] once its article left.
    lengths: Vec<u32>,
    /// Each segment's article.
    owners: Vec<ArticleId>,
    dead: usize,
}

impl Postings {
    /// Numbers an article's segments (their lengths given in order) and
    /// adds its postings, given as `(term, segment, count)` with segments
    /// numbered from 0; returns the number given to its first segment.
    pub fn add(&mut self, id: ArticleId, lengths: &[u32], postings: &[(u32, u32, u32)]) -> u32 {
        let first = self.lengths.len() as u32;
        self.lengths.extend_from_slice(lengths);
        self.owners.extend(std::iter::repeat_n(id, lengths.len()));
        for &(term, segment, count) in postings {
            let entry = self.terms.entry(term).or_default();
            entry.document_frequency += 1;
            entry.list.push(Posting {
                segment: first + segment,
                count,
            });
        }
        first
    }

    /// Marks the segments `numbers` dead and takes the article's terms
    /// (each with the number of its segments holding it) off the document
    /// frequencies.
    pub fn kill(&mut self, numbers: Range<usize>, terms: &[(u32, u32)]) {
        self.dead += numbers.len();
        self.lengths[numbers].fill(DEAD);
        for &(term, segments) in terms {
            if let Some(entry) = self.terms.get_mut(&term) {
                entry.document_frequency -= segments;
                if entry.document_frequency == 0 {
                    // Every posting left is dead: drop them now.
                    self.terms.remove(&term);
                }
            }
        }
    }

    /// True when dead segments outnumber live ones (and are many).
    pub fn wants_compaction(&self) -> bool {
        self.dead >= MIN_DEAD_TO_COMPACT && self.dead > self.lengths.len() - self.dead
    }

    /// Drops dead segments and renumbers the live ones: `kept` lists
    /// every live article's segment numbers; they become `0..` in that
    /// order.
    pub fn renumber(&mut self, kept: &[Range<usize>]) {
        let live = self.lengths.len() - self.dead;
        let mut forward = vec![DEAD; self.lengths.len()];
        let mut lengths = Vec::with_capacity(live);
        let mut owners = Vec::with_capacity(live);
        for old in kept.iter().flat_map(|range| range.clone()) {
            forward[old] = lengths.len() as u32;
            lengths.push(self.lengths[old]);
            owners.push(self.owners[old]);
        }
        for entry in self.terms.values_mut() {
            entry.list.retain_mut(|posting| {
                posting.segment = forward[posting.segment as usize];
                posting.segment != DEAD
            });
        }
        (self.lengths, self.owners, self.dead) = (lengths, owners, 0);
    }

    /// Segment numbers given so far (live and dead): the size of an array
    /// with one value per segment.
    pub fn numbered(&self) -> usize {
        self.lengths.len()
    }

    /// How many live segments hold `term`.
    pub fn document_frequency(&self, term: u32) -> u32 {
        self.terms.get(&term).map_or(0, |e| e.document_frequency)
    }

    /// Every term with its document frequency (for tests).
    #[cfg(test)]
    pub fn frequencies(&self) -> Vec<(u32, u32)> {
        let mut all: Vec<(u32, u32)> = self
            .terms
            .iter()
            .map(|(term, entry)| (*term, entry.document_frequency))
            .collect();
        all.sort_unstable();
        all
    }

    /// Calls `visit(segment, count, length)` for every live segment
    /// holding `term`.
    #[inline]
    pub fn for_each(&self, term: u32, mut visit: impl FnMut(usize, u32, u32)) {
        let Some(entry) = self.terms.get(&term) else {
            return;
        };
        for posting in &entry.list {
            let segment = posting.segment as usize;
            let length = self.lengths[segment];
            if length != DEAD {
                visit(segment, posting.count, length);
            }
        }
    }

    /// The live segments holding at least three quarters of `terms` (the
    /// grams of one word: the word, or an inflected form of it), with
    /// their articles, in number order.
    pub fn holding_most_of(&self, terms: &[u32]) -> Vec<(ArticleId, usize)> {
        let needed = (terms.len() * 3).div_ceil(4).max(1);
        let mut counts: FxHashMap<usize, usize> = FxHashMap::default();
        for &term in terms {
            self.for_each(term, |segment, _, _| {
                *counts.entry(segment).or_insert(0) += 1
            });
        }
        let mut holding: Vec<usize> = counts
            .into_iter()
            .filter(|(_, count)| *count >= needed)
            .map(|(segment, _)| segment)
            .collect();
        holding.sort_unstable();
        holding
            .into_iter()
            .map(|segment| (self.owners[segment], segment))
            .collect()
    }
}
