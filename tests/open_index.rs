//! Opening a project builds its index on several threads: the result is
//! the same as filing each record one by one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use riposte::bench_support::{CorpusSpec, corpus};
use riposte::model::{ClaimTexts, ProjectIndex, Touched};

/// More claims than `ClaimTexts::of_claims` folds on one thread.
fn big() -> riposte::model::Project {
    corpus(&CorpusSpec {
        articles: 40,
        claims: 5000,
        links: 300,
        seed: 5,
    })
    .unwrap()
}

fn one_by_one(claims: &[std::sync::Arc<riposte::model::Claim>]) -> ClaimTexts {
    let mut texts = ClaimTexts::default();
    claims.iter().for_each(|claim| texts.file(claim));
    texts
}

#[test]
fn claim_texts_filed_at_once_equal_those_filed_one_by_one() {
    let project = big();
    let claims = &project.claims;
    assert!(claims.len() >= 5000);
    assert_eq!(ClaimTexts::of_claims(claims), one_by_one(claims));
    // Out of id order (and with a claim twice): filed one by one.
    let mut shuffled = claims.clone();
    shuffled.reverse();
    shuffled.push(claims[7].clone());
    assert_eq!(ClaimTexts::of_claims(&shuffled), one_by_one(&shuffled));
    assert_eq!(ClaimTexts::of_claims(&[]), ClaimTexts::default());
}

#[test]
fn the_index_built_on_open_equals_one_filed_record_by_record() {
    let project = big();
    let built = ProjectIndex::build(&project, 0);
    let mut filed = ProjectIndex::default();
    let touched = Touched {
        articles: project.articles.iter().map(|a| a.id).collect(),
        claims: project.claims.iter().map(|c| c.id).collect(),
        links: project.links.iter().map(|l| l.id).collect(),
    };
    filed.update(&project, &touched);
    assert_eq!(filed, built);
}
