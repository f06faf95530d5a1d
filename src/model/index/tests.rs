use super::*;
use crate::model::{Anchor, ClaimInfo, Edit, History, LinkInfo, Relation, Stamp, Status};

fn stamp() -> Stamp {
    Stamp {
        analyst: "t".into(),
        at: chrono::DateTime::default(),
    }
}

fn project() -> (Project, History) {
    let mut project = Project::new("t");
    let article = crate::io::import::article_from_text(
        ArticleId::untagged(1),
        "Alpha beta gamma delta.",
        "x",
        &stamp(),
    );
    project.articles.push(article);
    project.next_ids.article = 2;
    (project, History::new())
}

#[test]
fn orders_claims_by_start_and_tracks_roles() {
    let (mut project, mut history) = project();
    let text = project.articles[0].text.clone();
    let late = Anchor::from_quote(&text, "gamma", None).unwrap();
    let early = Anchor::from_quote(&text, "Alpha", None).unwrap();
    let (edit, late_id) = Edit::add_claim(
        &project,
        ArticleId::untagged(1),
        late,
        ClaimInfo::default(),
        &stamp(),
    );
    history.apply(&mut project, edit).unwrap();
    let info = LinkInfo {
        relation: Relation::Denies,
        status: Status::Draft,
        note: String::new(),
    };
    let (edit, early_id, _) = Edit::add_response(
        &project,
        late_id,
        (ArticleId::untagged(1), early),
        ClaimInfo::default(),
        info,
        &stamp(),
    );
    history.apply(&mut project, edit).unwrap();
    let index = ProjectIndex::build(&project, history.revision());
    assert_eq!(
        index.claims_of(ArticleId::untagged(1)),
        &[early_id, late_id]
    );
    assert_eq!(index.role(late_id), ClaimRole::Answered);
    assert_eq!(index.role(early_id), ClaimRole::Response);
    assert_eq!(index.links_of(late_id).len(), 1);
    assert_eq!(
        index.counts(ArticleId::untagged(1)),
        ArticleCounts {
            claims: 2,
            linked: 2
        }
    );
    assert_eq!(index.summary(&project), project.summary());
    let (hits, _) = index.search().search("BETA", 10);
    assert_eq!(hits.len(), 1);
}

/// A project big enough that the build leaves its pairs rows, claims'
/// texts and search folds on threads of their own (3,600 records, 1 MB of
/// article text).
fn big_project() -> Project {
    let project = crate::bench_support::long_article(2400, 1200, 3).expect("generated project");
    assert!(project.claims.len() + project.links.len() >= PARALLEL_FROM_RECORDS);
    let text: usize = project.articles.iter().map(|a| a.text.len()).sum();
    assert!(text >= FOLD_LATER_FROM_BYTES);
    project
}

#[test]
fn getters_right_after_the_build_see_the_complete_parts() {
    let project = big_project();
    let index = ProjectIndex::build(&project, 0);
    // Asked at once: each waits for its part, never answers from a partial one.
    assert_eq!(*index.pair_rows(), PairRows::build(&project));
    assert_eq!(*index.claim_texts(), ClaimTexts::of_claims(&project.claims));
    assert_eq!(*index.search(), SearchIndex::build(&project));
    assert!(index.pairs_ready());
    assert_eq!(index.pair_rows().len(), project.links.len());
}

#[test]
fn the_pairs_are_ready_once_their_threads_end() {
    let project = big_project();
    let index = ProjectIndex::build(&project, 0);
    let waited = std::time::Instant::now();
    while !index.pairs_ready() {
        assert!(waited.elapsed().as_secs() < 60, "the pairs never got ready");
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(index.pairs.is_ready() && index.texts.is_ready());
    index.wait_until_complete();
    assert!(index.search.is_ready());
}

#[test]
fn an_edit_right_after_the_build_updates_the_complete_index() {
    let mut project = big_project();
    let mut history = History::new();
    let mut index = ProjectIndex::build(&project, history.revision());
    let mut link = project.links[0].as_ref().clone();
    link.info.status = match link.info.status {
        Status::Curated => Status::Rejected,
        _ => Status::Curated,
    };
    let claim = project.claims[1].id;
    let edit = Edit::Batch(vec![
        Edit::ReplaceLink(Box::new(link)),
        Edit::delete_claim(claim),
    ]);
    history.apply(&mut project, edit).expect("applies");
    index.refresh(&project, &history);
    let fresh = ProjectIndex::build(&project, history.revision());
    assert!(
        index == fresh,
        "the updated index differs from a fresh build"
    );
    assert!(index.claim_texts().get(claim).is_none());
    history.undo(&mut project).expect("undoes");
    index.refresh(&project, &history);
    assert!(index == ProjectIndex::build(&project, history.revision()));
}

#[test]
fn builds_and_clones_are_equal_once_their_threads_end() {
    let project = big_project();
    let one = ProjectIndex::build(&project, 0);
    let other = ProjectIndex::build(&project, 0);
    one.wait_until_complete();
    assert!(one == other);
    let copy = other.clone();
    assert!(copy.pairs_ready());
    assert!(copy == one);
}

#[test]
fn text_orders_asked_for_while_the_texts_are_made_start_after_them() {
    let project = big_project();
    let mut index = ProjectIndex::build(&project, 0);
    index.build_text_orders_in_background(&project);
    index.claim_texts().prepare_orders();
    assert!(index.claim_texts().orders_are_consistent());
    let fresh = ProjectIndex::build(&project, 0);
    fresh.claim_texts().prepare_orders();
    assert!(index == fresh, "orders built in the background differ");
}
