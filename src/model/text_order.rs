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

use super::claim_text::ClaimText;
use super::ids::ClaimId;
use super::text_sort::TextArena;

/// Which text of a claim an order follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderedText {
    /// The quote with each whitespace run as one space.
    Quote,
    Speaker,
}

impl OrderedText {
    pub fn of(self, entry: &ClaimText) -> &str {
        match self {
            OrderedText::Quote => entry.flat_quote(),
            OrderedText::Speaker => entry.speaker(),
        }
    }
}

/// What an order reads: the filed claims, in id order.
pub struct Filed<'a> {
    pub ids: &'a [ClaimId],
    pub entries: &'a [ClaimText],
}

impl<'a> Filed<'a> {
    fn slot(&self, id: ClaimId) -> Option<usize> {
        self.ids.binary_search(&id).ok()
    }

    fn text(&self, id: ClaimId, column: OrderedText) -> &'a str {
        self.slot(id).map_or("", |at| column.of(&self.entries[at]))
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
    labels: Vec<u64>,
}

impl TextOrder {
    pub fn build(filed: &Filed<'_>, column: OrderedText) -> TextOrder {
        let mut arena = TextArena::with_places(filed.ids.len(), 0);
        for (at, entry) in filed.entries.iter().enumerate() {
            arena.set(at, column.of(entry));
        }
        // Ties by place are ties by id: the entries are in id order.
        let sorted = arena
            .sorted_order(false)
            .into_iter()
            .map(|at| filed.ids[at as usize])
            .collect();
        let mut order = TextOrder {
            column,
            sorted,
            labels: vec![0; filed.ids.len()],
        };
        order.spread_labels(filed);
        order
    }

    /// The label of the claim filed at `slot`.
    pub fn label(&self, slot: usize) -> u64 {
        self.labels.get(slot).copied().unwrap_or(0)
    }

    /// Takes claim `id` (filed at `slot`, its text as it was when placed)
    /// out, before its entry is replaced or removed.
    pub fn take_out(&mut self, filed: &Filed<'_>, slot: usize, removed: bool) {
        let id = filed.ids[slot];
        if let Some(at) = self.place_of(filed, id) {
            self.sorted.remove(at);
        }
        if removed {
            self.labels.remove(slot);
        }
    }

    /// Places claim `id`, filed at `slot` (`added`: a new slot).
    pub fn put_in(&mut self, filed: &Filed<'_>, slot: usize, added: bool) {
        if added {
            self.labels.insert(slot, 0);
        }
        let id = filed.ids[slot];
        let text = filed.text(id, self.column);
        let at = self
            .sorted
            .partition_point(|other| (filed.text(*other, self.column), *other) < (text, id));
        self.sorted.insert(at, id);
        match self.label_between(filed, at, text) {
            Some(label) => self.labels[slot] = label,
            None => self.spread_labels(filed),
        }
    }

    /// Where claim `id` is in `sorted`, found by its filed text.
    fn place_of(&self, filed: &Filed<'_>, id: ClaimId) -> Option<usize> {
        let text = filed.text(id, self.column);
        let at = self
            .sorted
            .partition_point(|other| (filed.text(*other, self.column), *other) < (text, id));
        (self.sorted.get(at) == Some(&id)).then_some(at)
    }

    /// A label for the claim at `at` in `sorted` whose text is `text`: a
    /// neighbour's when their texts are equal, else one strictly between
    /// the neighbours' (`None` when they leave no room).
    fn label_between(&self, filed: &Filed<'_>, at: usize, text: &str) -> Option<u64> {
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
    fn spread_labels(&mut self, filed: &Filed<'_>) {
        let texts: Vec<&str> = self
            .sorted
            .iter()
            .map(|id| filed.text(*id, self.column))
            .collect();
        let distinct = 1 + texts.windows(2).filter(|w| w[0] != w[1]).count();
        let gap = u64::MAX / (distinct as u64 + 1);
        let mut label = gap;
        for (place, id) in self.sorted.iter().enumerate() {
            if place > 0 && texts[place - 1] != texts[place] {
                label += gap;
            }
            if let Some(slot) = filed.slot(*id) {
                self.labels[slot] = label;
            }
        }
    }

    /// True when `self` and `other` order and group the claims alike
    /// (their labels may differ as numbers).
    pub fn same_order(&self, other: &TextOrder, filed: &Filed<'_>) -> bool {
        self.column == other.column
            && self.sorted == other.sorted
            && self.ties(filed) == other.ties(filed)
    }

    /// For each two claims next to each other in the order: whether they
    /// share a label.
    fn ties(&self, filed: &Filed<'_>) -> Vec<bool> {
        let label = |id: ClaimId| filed.slot(id).map(|slot| self.labels[slot]);
        self.sorted
            .windows(2)
            .map(|pair| label(pair[0]) == label(pair[1]))
            .collect()
    }

    /// True when the labels sort like the texts: equal for equal texts,
    /// increasing along the order otherwise.
    pub fn is_consistent(&self, filed: &Filed<'_>) -> bool {
        let label = |id: ClaimId| filed.slot(id).map(|slot| self.labels[slot]);
        self.sorted.len() == filed.ids.len()
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::super::build::new_claim;
    use super::super::claim_text::ClaimTexts;
    use super::super::ids::ArticleId;
    use super::super::project::{Claim, ClaimInfo};
    use super::super::{Anchor, ClaimId, Stamp};
    use super::*;

    fn claim(id: u32, quote: &str, speaker: &str) -> Arc<Claim> {
        let anchor = Anchor {
            start: 0,
            end: quote.len(),
            quote: quote.into(),
            prefix: String::new(),
            suffix: String::new(),
        };
        let info = ClaimInfo {
            speaker: speaker.into(),
            ..ClaimInfo::default()
        };
        let stamp = Stamp {
            analyst: "t".into(),
            at: chrono::DateTime::default(),
        };
        Arc::new(new_claim(
            ClaimId::untagged(id),
            ArticleId::untagged(1),
            anchor,
            info,
            &stamp,
        ))
    }

    /// The texts' orders, built now, and then kept up to date by `file`.
    fn with_orders(texts: &mut ClaimTexts) {
        texts.walk_labels(
            OrderedText::Quote,
            std::iter::empty::<(ClaimId, ())>(),
            |_, _| {},
        );
    }

    fn fresh_copy(claims: &[Arc<Claim>]) -> ClaimTexts {
        let mut fresh = ClaimTexts::default();
        claims.iter().for_each(|c| fresh.file(c));
        with_orders(&mut fresh);
        fresh
    }

    #[test]
    fn many_claims_between_the_same_two_spread_the_labels_again() {
        let mut texts = ClaimTexts::default();
        let mut claims = vec![claim(1, "a", "x"), claim(2, "b", "x")];
        claims.iter().for_each(|c| texts.file(c));
        with_orders(&mut texts);
        // Each new quote sorts just before "b": it halves the same gap, so
        // 70 of them exhaust the 64-bit labels and force a spread.
        let mut quote = String::from("a");
        for id in 3..73 {
            quote.push('z');
            let new = claim(id, &quote, if id % 2 == 0 { "y" } else { "x" });
            texts.file(&new);
            claims.push(new);
            assert!(texts.orders_are_consistent(), "after {quote}");
        }
        assert!(texts == fresh_copy(&claims));
    }

    proptest! {
        #[test]
        fn kept_orders_equal_orders_built_afresh(
            edits in prop::collection::vec((1u32..30, "[ab ]{0,3}", "[xy]{0,1}", any::<bool>()), 1..80),
        ) {
            let mut texts = ClaimTexts::default();
            with_orders(&mut texts);
            let mut live: std::collections::BTreeMap<u32, Arc<Claim>> = Default::default();
            for (id, quote, speaker, remove) in edits {
                if remove {
                    texts.remove(ClaimId::untagged(id));
                    live.remove(&id);
                } else {
                    let new = claim(id, &quote, &speaker);
                    texts.file(&new);
                    live.insert(id, new);
                }
                prop_assert!(texts.orders_are_consistent());
            }
            let claims: Vec<Arc<Claim>> = live.into_values().collect();
            prop_assert!(texts == fresh_copy(&claims));
        }
    }
}
