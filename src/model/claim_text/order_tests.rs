use std::collections::BTreeMap;
use std::sync::Arc;

use proptest::prelude::*;

use super::super::build::new_claim;
use super::super::ids::ArticleId;
use super::super::project::ClaimInfo;
use super::super::{Anchor, Stamp};
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
    texts.prepare_orders();
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

fn sample(count: u32) -> Vec<Arc<Claim>> {
    (1..=count)
        .map(|id| {
            let quote = format!("Quote  {} ə\n{}", id % 7, id % 3);
            claim(id, &quote, ["Я", "b", "a"][id as usize % 3])
        })
        .collect()
}

#[test]
fn a_walk_finds_each_wanted_claim_near_or_far_repeated_or_missing() {
    let claims: Vec<Arc<Claim>> = (1..=100).map(|id| claim(id * 2, "q", "s")).collect();
    let mut texts = ClaimTexts::default();
    claims.iter().for_each(|c| texts.file(c));
    // Ids 2, 4, …, 200 are filed at slots 0, 1, …, 99.
    let wanted = [1, 2, 2, 4, 6, 7, 60, 62, 199, 200, 400];
    let mut found = Vec::new();
    super::walk_slots(
        &texts.ids,
        wanted.map(|id| (ClaimId::untagged(id), id)),
        |id, slot| found.push((id, slot)),
    );
    assert_eq!(
        found,
        [
            (2, 0),
            (2, 0),
            (4, 1),
            (6, 2),
            (60, 29),
            (62, 30),
            (200, 99)
        ]
    );
}

#[test]
fn orders_built_on_another_thread_equal_orders_built_here() {
    let claims = sample(200);
    let mut texts = ClaimTexts::default();
    claims.iter().for_each(|c| texts.file(c));
    texts.build_orders_in_background(claims.clone());
    let built = texts
        .orders_built_elsewhere()
        .expect("the thread's orders, built for these claims");
    let here = TextOrders::build(&texts.filed());
    let filed = texts.filed();
    assert!(built.quote.same_order(&here.quote, &filed));
    assert!(built.speaker.same_order(&here.speaker, &filed));
    assert!(built.quote.is_consistent(&filed) && built.speaker.is_consistent(&filed));
    // Built for other claims (one missing): not used.
    texts.build_orders_in_background(claims[1..].to_vec());
    assert!(texts.orders_built_elsewhere().is_none());
}

#[test]
fn orders_from_another_thread_catch_up_with_claims_changed_first() {
    let mut claims = sample(50);
    let mut texts = ClaimTexts::default();
    claims.iter().for_each(|c| texts.file(c));
    texts.build_orders_in_background(claims.clone());
    claims[10] = claim(11, "A different quote", "z");
    texts.file(&claims[10]);
    texts.remove(claims[20].id);
    claims.remove(20);
    let added = claim(77, "Added while the orders were built", "q");
    texts.file(&added);
    claims.push(added);
    let caught_up = texts
        .orders_built_elsewhere()
        .expect("orders caught up with the three changes");
    let filed = texts.filed();
    assert!(caught_up.quote.is_consistent(&filed) && caught_up.speaker.is_consistent(&filed));
    texts.prepare_orders();
    assert!(texts.orders_are_consistent());
    assert!(texts == fresh_copy(&claims));
}

#[test]
fn orders_built_for_other_claims_are_not_caught_up() {
    let claims = sample(50);
    let mut texts = ClaimTexts::default();
    claims.iter().for_each(|c| texts.file(c));
    // Built without claim 5, which was never changed here: not these
    // claims' orders, whatever changed since.
    let mut others = claims.clone();
    others.remove(4);
    texts.build_orders_in_background(others);
    texts.file(&claim(9, "changed", "z"));
    assert!(texts.orders_built_elsewhere().is_none());
}

/// A random edit of the property tests: claim id, quote, speaker, and
/// whether it removes the claim rather than files it.
type ClaimEdit = (u32, String, String, bool);

/// Applies `edit` to `texts` and to `live`, the claims it should hold.
fn apply(texts: &mut ClaimTexts, live: &mut BTreeMap<u32, Arc<Claim>>, edit: ClaimEdit) {
    let (id, quote, speaker, remove) = edit;
    if remove {
        texts.remove(ClaimId::untagged(id));
        live.remove(&id);
    } else {
        let new = claim(id, &quote, &speaker);
        texts.file(&new);
        live.insert(id, new);
    }
}

proptest! {
    #[test]
    fn kept_orders_equal_orders_built_afresh(
        edits in prop::collection::vec((1u32..30, "[ab ]{0,3}", "[xy]{0,1}", any::<bool>()), 1..80),
    ) {
        let mut texts = ClaimTexts::default();
        with_orders(&mut texts);
        let mut live: BTreeMap<u32, Arc<Claim>> = Default::default();
        for edit in edits {
            apply(&mut texts, &mut live, edit);
            prop_assert!(texts.orders_are_consistent());
        }
        let claims: Vec<Arc<Claim>> = live.into_values().collect();
        prop_assert!(texts == fresh_copy(&claims));
    }
}

proptest! {
    /// Orders built on another thread while claims are filed, refiled and
    /// removed here end equal to orders built afresh for the claims as
    /// they are then.
    #[test]
    fn orders_caught_up_equal_orders_built_afresh(
        start in 1u32..40,
        edits in prop::collection::vec((1u32..50, "[ab ]{0,3}", "[xy]{0,1}", any::<bool>()), 0..40),
    ) {
        let mut live: BTreeMap<u32, Arc<Claim>> = (1..=start)
            .map(|id| (id, claim(id, ["a", "b a", "ab"][id as usize % 3], "x")))
            .collect();
        let mut texts = ClaimTexts::default();
        live.values().for_each(|c| texts.file(c));
        texts.build_orders_in_background(live.values().cloned().collect());
        for edit in edits {
            apply(&mut texts, &mut live, edit);
        }
        let claims: Vec<Arc<Claim>> = live.into_values().collect();
        let fresh = fresh_copy(&claims);
        let fresh = fresh.orders.get().expect("built");
        let caught_up = texts.orders_built_elsewhere().expect("caught up");
        let filed = texts.filed();
        prop_assert!(caught_up.quote.same_order(&fresh.quote, &filed));
        prop_assert!(caught_up.speaker.same_order(&fresh.speaker, &filed));
        prop_assert!(caught_up.quote.is_consistent(&filed));
        prop_assert!(caught_up.speaker.is_consistent(&filed));
    }
}
