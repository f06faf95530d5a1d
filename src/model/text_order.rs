//! Claims in the order of one of their texts (the quote as the pairs table
//! shows it, or the speaker), each with a label: a number that sorts like
//! the text, equal texts having equal labels. Sorting the table by quote
//! then compares numbers, read beside each claim's entry, instead of
//! reading and comparing 20,000 quotes (about 12 ms, most of it waiting on
//! memory for texts scattered over the heap).
//!
//! The order is kept up to date claim by claim: a filed claim is placed by
//! binary search and labelled halfway between its neighbours. Labels start
//! spread over the whole `u64` range, so about 40 claims can land in the
//! same gap before the labels are spread again (one pass, rare).

use std::collections::BTreeSet;
use std::sync::Arc;

use super::ids::ClaimId;
use super::text_sort::TextArena;

/// Which text of a claim an order follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderedText {
    /// The quote with each whitespace run as one space.
    Quote,
    Speaker,
}

/// What an order reads: the filed claims, in id order, and their texts.
pub trait Filed {
    /// The ids of the filed claims, in id order.
    fn ids(&self) -> &[ClaimId];

    /// The text `column` of the claim filed at `slot`.
    fn text_at(&self, slot: usize, column: OrderedText) -> &str;

    fn slot(&self, id: ClaimId) -> Option<usize> {
        self.ids().binary_search(&id).ok()
    }

    fn text(&self, id: ClaimId, column: OrderedText) -> &str {
        self.slot(id).map_or("", |at| self.text_at(at, column))
    }
}

/// The claims by one text, and their labels.
#[derive(Clone, Debug, PartialEq)]
pub struct TextOrder {
    column: OrderedText,
    /// Claim ids by (text, id).
    sorted: Vec<ClaimId>,
    /// Each claim's label, at the claim's place in the filed claims (id
    /// order), so that a walk in id order reads them in memory order.
    /// Shared with a sort of the pairs table on another thread (copied
    /// only if a claim is filed while that sort runs).
    labels: Arc<Vec<u64>>,
}

impl TextOrder {
    pub fn build(filed: &impl Filed, column: OrderedText) -> TextOrder {
        let count = filed.ids().len();
        let mut arena = TextArena::with_places(count);
        for at in 0..count {
            arena.set(at, filed.text_at(at, column));
        }
        // Ties by place are ties by id: the entries are in id order.
        let slots: Vec<usize> = arena
            .sorted_order()
            .into_iter()
            .map(|at| at as usize)
            .collect();
        let mut order = TextOrder {
            column,
            sorted: slots.iter().map(|&slot| filed.ids()[slot]).collect(),
            labels: Arc::new(vec![0; count]),
        };
        order.spread_labels(filed, &slots);
        order
    }

    /// This order, built for the claims `then` (ids in id order) with their
    /// texts then, brought up to date with the claims filed in `now`,
    /// where only the claims in `changed` were filed, refiled or removed
    /// since: their places are taken again, every other claim keeps its
    /// place and label. `None` when some other claim differs (the order
    /// was built for other claims).
    pub fn caught_up(
        self,
        then: &[ClaimId],
        now: &impl Filed,
        changed: &BTreeSet<ClaimId>,
    ) -> Option<TextOrder> {
        let now_ids = now.ids();
        let mut labels = vec![0; now_ids.len()];
        let (mut at_then, mut at_now) = (0, 0);
        loop {
            match (then.get(at_then), now_ids.get(at_now)) {
                (Some(old), Some(new)) if old == new => {
                    if !changed.contains(old) {
                        labels[at_now] = self.labels[at_then];
                    }
                    at_then += 1;
                    at_now += 1;
                }
                (Some(old), new) if new.is_none_or(|new| old < new) => {
                    changed.contains(old).then_some(())?;
                    at_then += 1;
                }
                (_, Some(new)) => {
                    changed.contains(new).then_some(())?;
                    at_now += 1;
                }
                _ => break,
            }
        }
        let mut order = TextOrder {
            column: self.column,
            sorted: self
                .sorted
                .into_iter()
                .filter(|id| !changed.contains(id))
                .collect(),
            labels: Arc::new(labels),
        };
        for &id in changed {
            if let Some(slot) = now.slot(id) {
                order.put_in(now, slot, false);
            }
        }
        Some(order)
    }

    /// Every filed claim's label, by slot.
    pub fn labels(&self) -> Arc<Vec<u64>> {
        Arc::clone(&self.labels)
    }

    /// Takes claim `id` (filed at `slot`, its text as it was when placed)
    /// out, before its entry is replaced or removed.
    pub fn take_out(&mut self, filed: &impl Filed, slot: usize, removed: bool) {
        let id = filed.ids()[slot];
        if let Some(at) = self.place_of(filed, id) {
            self.sorted.remove(at);
        }
        if removed {
            Arc::make_mut(&mut self.labels).remove(slot);
        }
    }

    /// Places claim `id`, filed at `slot` (`added`: a new slot).
    pub fn put_in(&mut self, filed: &impl Filed, slot: usize, added: bool) {
        if added {
            Arc::make_mut(&mut self.labels).insert(slot, 0);
        }
        let id = filed.ids()[slot];
        let text = filed.text(id, self.column);
        let at = self
            .sorted
            .partition_point(|other| (filed.text(*other, self.column), *other) < (text, id));
        self.sorted.insert(at, id);
        match self.label_between(filed, at, text) {
            Some(label) => Arc::make_mut(&mut self.labels)[slot] = label,
            None => self.spread_all_labels(filed),
        }
    }

    /// Where claim `id` is in `sorted`, found by its filed text.
    fn place_of(&self, filed: &impl Filed, id: ClaimId) -> Option<usize> {
        let text = filed.text(id, self.column);
        let at = self
            .sorted
            .partition_point(|other| (filed.text(*other, self.column), *other) < (text, id));
        (self.sorted.get(at) == Some(&id)).then_some(at)
    }

    /// A label for the claim at `at` in `sorted` whose text is `text`: a
    /// neighbour's when their texts are equal, else one strictly between
    /// the neighbours' (`None` when they leave no room).
    fn label_between(&self, filed: &impl Filed, at: usize, text: &str) -> Option<u64> {
        let neighbour = |place: Option<usize>| {
            let id = *self.sorted.get(place?)?;
            let slot = filed.slot(id)?;
            Some((filed.text(id, self.column), self.labels[slot]))
        };
        let before = neighbour(at.checked_sub(1));
        let after = neighbour(Some(at + 1));
        for (neighbour_text, label) in [before, after].into_iter().flatten() {
            if neighbour_text == text {
                return Some(label);
            }
        }
        let low = before.map_or(0, |(_, label)| label);
        let high = after.map_or(u64::MAX, |(_, label)| label);
        (high - low >= 2).then(|| low + (high - low) / 2)
    }

    /// Labels every claim afresh, evenly spread: equal texts share one.
    /// `slots`: where each claim of `sorted` is filed.
    fn spread_labels(&mut self, filed: &impl Filed, slots: &[usize]) {
        let column = self.column;
        let text = |place: usize| filed.text_at(slots[place], column);
        let changes = (1..slots.len()).filter(|&place| text(place - 1) != text(place));
        let gap = u64::MAX / (changes.count() as u64 + 2);
        let mut label = gap;
        let labels = Arc::make_mut(&mut self.labels);
        for (place, &slot) in slots.iter().enumerate() {
            if place > 0 && text(place - 1) != text(place) {
                label += gap;
            }
            labels[slot] = label;
        }
    }

    /// Labels every claim afresh (when a new one finds no room).
    fn spread_all_labels(&mut self, filed: &impl Filed) {
        let slots: Vec<usize> = self
            .sorted
            .iter()
            .filter_map(|id| filed.slot(*id))
            .collect();
        self.spread_labels(filed, &slots);
    }

    /// True when `self` and `other` order and group the claims alike
    /// (their labels may differ as numbers).
    pub fn same_order(&self, other: &TextOrder, filed: &impl Filed) -> bool {
        self.column == other.column
            && self.sorted == other.sorted
            && self.ties(filed) == other.ties(filed)
    }

    /// For each two claims next to each other in the order: whether they
    /// share a label.
    fn ties(&self, filed: &impl Filed) -> Vec<bool> {
        let label = |id: ClaimId| filed.slot(id).map(|slot| self.labels[slot]);
        self.sorted
            .windows(2)
            .map(|pair| label(pair[0]) == label(pair[1]))
            .collect()
    }

    /// True when the labels sort like the texts: equal for equal texts,
    /// increasing along the order otherwise.
    pub fn is_consistent(&self, filed: &impl Filed) -> bool {
        let label = |id: ClaimId| filed.slot(id).map(|slot| self.labels[slot]);
        self.sorted.len() == filed.ids().len()
            && self.sorted.windows(2).all(|pair| {
                let texts = (
                    filed.text(pair[0], self.column),
                    filed.text(pair[1], self.column),
                );
                match texts.0.cmp(texts.1) {
                    std::cmp::Ordering::Equal => label(pair[0]) == label(pair[1]),
                    std::cmp::Ordering::Less => label(pair[0]) < label(pair[1]),
                    std::cmp::Ordering::Greater => false,
                }
            })
    }
}
