//! Opening a project builds its index on several threads, and leaves the
//! search folds running after it: the result is the same as filing each
//! record one by one, and a search or an edit right after opening waits
//! for the folds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use riposte::bench_support::{CorpusSpec, corpus};
use riposte::model::{
    ClaimTexts, History, ProjectIndex, SearchIndex, Stamp, Touched, edit_article_text,
};

fn stamp() -> Stamp {
    Stamp {
        analyst: "t".into(),
        at: chrono::DateTime::default(),
    }
}

/// More claims than `ClaimTexts::of_claims` folds on one thread, and more
/// article text than `ProjectIndex::build` folds before it returns.
fn big() -> riposte::model::Project {
    corpus(&CorpusSpec {
        articles: 300,
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
    let text: usize = project.articles.iter().map(|a| a.text.len()).sum();
    assert!(text > 1 << 20, "{text} bytes of text");
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

#[test]
fn a_search_or_an_edit_right_after_opening_sees_every_article() {
    let mut project = big();
    let mut history = History::new();
    let index = ProjectIndex::build(&project, history.revision());
    assert_eq!(index.search(), &SearchIndex::build(&project));

    let mut index = ProjectIndex::build(&project, history.revision());
    let article = project.articles[3].id;
    let (edit, _) = edit_article_text(&project, article, "Yeni mətn, ə ş.", &stamp()).unwrap();
    history.apply(&mut project, edit).unwrap();
    index.refresh(&project, &history);
    assert_eq!(index, ProjectIndex::build(&project, history.revision()));
    let (hits, _) = index.search().search("MƏTN", 10);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].article, article);
}
