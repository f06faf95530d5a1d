//! The shortlist of a query: the best segments seen so far, kept in a
//! heap whose top is the worst kept, in an order that is the same on every
//! run.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::index::IndexedArticle;
use super::signals::Signals;

/// A segment on the shortlist.
pub(super) struct Scored<'a> {
    pub article: &'a IndexedArticle,
    pub segment: usize,
    pub signals: Signals,
    pub score: f32,
}

/// The best segments seen so far, at most `keep` of them: a heap whose top
/// is the worst kept, so a segment that cannot enter costs one comparison.
pub(super) struct Shortlist<'a> {
    keep: usize,
    heap: BinaryHeap<WorstFirst<'a>>,
}

struct WorstFirst<'a>(Scored<'a>);

/// Best first: higher score, then earlier article and segment (so results
/// are the same on every run).
pub(super) fn best_first(a: &Scored<'_>, b: &Scored<'_>) -> Ordering {
    b.score
        .total_cmp(&a.score)
        .then(a.article.doc.id.cmp(&b.article.doc.id))
        .then(a.segment.cmp(&b.segment))
}

impl Ord for WorstFirst<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        best_first(&self.0, &other.0)
    }
}

impl PartialOrd for WorstFirst<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for WorstFirst<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for WorstFirst<'_> {}

impl<'a> Shortlist<'a> {
    pub fn new(keep: usize) -> Shortlist<'a> {
        Shortlist {
            keep,
            heap: BinaryHeap::with_capacity(keep + 1),
        }
    }

    /// The score a segment must beat to enter (none while not full).
    pub fn floor(&self) -> Option<f32> {
        (self.heap.len() >= self.keep).then(|| self.heap.peek().map_or(0.0, |w| w.0.score))
    }

    pub fn push(&mut self, scored: Scored<'a>) {
        if self.heap.len() < self.keep {
            self.heap.push(WorstFirst(scored));
        } else if let Some(worst) = self.heap.peek()
            && best_first(&scored, &worst.0) == Ordering::Less
        {
            self.heap.pop();
            self.heap.push(WorstFirst(scored));
        }
    }

    pub fn into_sorted(self) -> Vec<Scored<'a>> {
        let mut list: Vec<Scored<'a>> = self.heap.into_iter().map(|w| w.0).collect();
        list.sort_by(best_first);
        list
    }
}
