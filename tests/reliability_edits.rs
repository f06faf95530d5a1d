//! Issue 11, item 2: a project loaded with broken records (a claim whose
//! anchor no longer matches, a claim of a missing article, a link to a
//! missing claim) stays fully editable, and every recorded step undoes and
//! redoes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{project_with_texts, stamp};
use riposte::io::{load_str, to_ron_string};
use riposte::model::{
    Anchor, ArticleId, ClaimId, ClaimInfo, Edit, EditError, History, LinkId, LinkInfo, Problem,
    Project, RecordIds, Relation, ReviewReason, Status, repair_claim,
};

const CLAIM_TEXT: &str = "Ambassador said the EU funds the opposition. Əsas xəbər 😀.";
const RESPONSE_TEXT: &str = "The mission categorically denied this as false.";

/// Two articles, a claim in the first, its response in the second, a link.
/// The first and second articles of a project.
fn articles(project: &Project) -> (ArticleId, ArticleId) {
    (project.articles[0].id, project.articles[1].id)
}

fn healthy() -> (Project, ClaimId, ClaimId, LinkId) {
    let mut project = project_with_texts(&[CLAIM_TEXT, RESPONSE_TEXT]);
    let (first, second) = articles(&project);
    let text = &project.article(first).unwrap().text;
    let anchor = Anchor::from_quote(text, "the EU funds the opposition", None).unwrap();
    let (edit, claim) = Edit::add_claim(&project, first, anchor, ClaimInfo::default(), &stamp());
    riposte::model::apply(&mut project, edit).unwrap();
    let text = &project.article(second).unwrap().text;
    let anchor = Anchor::from_quote(text, "categorically denied", None).unwrap();
    let info = LinkInfo {
        relation: Relation::Denies,
        status: Status::Draft,
        note: String::new(),
    };
    let (edit, response, link) = Edit::add_response(
        &project,
        claim,
        (second, anchor),
        ClaimInfo::default(),
        info,
        &stamp(),
    );
    riposte::model::apply(&mut project, edit).unwrap();
    (project, claim, response, link)
}

/// Saves `project` after `break_it` changed it by hand, and loads it back,
/// as the window would open a hand-edited file.
fn loaded_after(mut project: Project, break_it: impl FnOnce(&mut Project)) -> Project {
    break_it(&mut project);
    let loaded = load_str(&to_ron_string(&project).unwrap(), "hand-edited.ron").unwrap();
    assert!(!loaded.problems.is_empty(), "the file should be flagged");
    loaded.project
}

/// The claim's quote was changed by hand: it no longer matches its range.
fn with_broken_claim() -> (Project, ClaimId, LinkId) {
    let (project, claim, _, link) = healthy();
    let project = loaded_after(project, |p| {
        std::sync::Arc::make_mut(&mut p.claims[0]).anchor.quote =
            "the US funds the opposition".to_string();
    });
    (project, claim, link)
}

fn set_speaker(project: &Project, claim: ClaimId, speaker: &str) -> Edit {
    let mut claim = project.claim(claim).unwrap().clone();
    claim.info.speaker = speaker.to_string();
    Edit::ReplaceClaim(Box::new(claim))
}

fn delete_claim(claim: ClaimId) -> Edit {
    Edit::Delete(RecordIds {
        claims: vec![claim],
        ..RecordIds::default()
    })
}

/// Undoes every step, checking each succeeds, then redoes every step.
fn undo_all_then_redo_all(history: &mut History, project: &mut Project) {
    while history.can_undo() {
        history
            .undo(project)
            .expect("a recorded step always undoes");
    }
    while history.can_redo() {
        history
            .redo(project)
            .expect("a recorded step always redoes");
    }
}

#[test]
fn a_broken_claim_can_be_edited_and_the_edit_undone_and_redone() {
    let (start, claim, _) = with_broken_claim();
    let mut project = start.clone();
    let mut history = History::new();
    history
        .apply(&mut project, set_speaker(&start, claim, "EU Delegation"))
        .expect("editing a broken claim's speaker is allowed");
    let edited = project.clone();
    assert_eq!(
        project.claim(claim).unwrap().info.speaker,
        "EU Delegation".to_string()
    );
    history.undo(&mut project).expect("undo");
    assert_eq!(project, start);
    history.redo(&mut project).expect("redo");
    assert_eq!(project, edited);
}

#[test]
fn deleting_a_broken_claim_undoes_exactly_and_older_steps_stay_reachable() {
    let (start, claim, link) = with_broken_claim();
    let mut project = start.clone();
    let mut history = History::new();
    history
        .apply(&mut project, Edit::SetProjectTitle("Renamed".to_string()))
        .unwrap();
    let renamed = project.clone();
    history.apply(&mut project, delete_claim(claim)).unwrap();
    assert!(project.claim(claim).is_none() && project.link(link).is_none());
    let deleted = project.clone();

    history.undo(&mut project).expect("undo the delete");
    assert_eq!(project, renamed, "the broken claim and its link are back");
    history
        .undo(&mut project)
        .expect("the older step is reachable");
    assert_eq!(project, start);
    undo_all_then_redo_all(&mut history, &mut project);
    assert_eq!(project, deleted);
}

#[test]
fn a_refused_batch_puts_back_the_broken_claim_it_deleted() {
    let (start, claim, _) = with_broken_claim();
    let mut project = start.clone();
    let mut history = History::new();
    let batch = Edit::Batch(vec![delete_claim(claim), delete_claim(claim)]);
    let error = history.apply(&mut project, batch).unwrap_err();
    assert_eq!(error, EditError::UnknownClaim(claim));
    assert_eq!(project, start, "nothing lost when the batch is rolled back");
}

#[test]
fn moving_a_broken_claim_onto_another_bad_span_is_still_refused() {
    let (start, claim, _) = with_broken_claim();
    let mut project = start.clone();
    let mut moved = start.claim(claim).unwrap().clone();
    moved.anchor.start += 1;
    let error = History::new()
        .apply(&mut project, Edit::ReplaceClaim(Box::new(moved)))
        .unwrap_err();
    assert!(matches!(error, EditError::BadAnchor { .. }), "{error:?}");
    assert_eq!(project, start);
}

#[test]
fn clearing_an_orphans_flag_without_placing_it_is_still_refused() {
    let (project, claim, _, _) = healthy();
    let mut project = loaded_after(project, |p| {
        std::sync::Arc::make_mut(&mut p.claims[0]).anchor.quote =
            "words this article never had".to_string();
    });
    let mut history = History::new();
    let (repair, _) = repair_claim(&project, claim, &stamp()).unwrap();
    history.apply(&mut project, repair).unwrap();
    let mut unflagged = project.claim(claim).unwrap().clone();
    assert!(unflagged.is_orphan());
    unflagged.review = None;
    let error = history
        .apply(&mut project, Edit::ReplaceClaim(Box::new(unflagged)))
        .unwrap_err();
    assert!(matches!(error, EditError::BadAnchor { .. }), "{error:?}");
}

#[test]
fn a_link_to_a_missing_claim_can_be_edited_deleted_and_restored() {
    let (project, _, response, link) = healthy();
    let start = loaded_after(project, |p| p.claims.retain(|c| c.id != response));
    let mut project = start.clone();
    let mut history = History::new();
    let mut noted = start.link(link).unwrap().clone();
    noted.info.note = "response claim lost in a merge".to_string();
    history
        .apply(&mut project, Edit::ReplaceLink(Box::new(noted)))
        .expect("a dangling link's note can be edited");
    let delete = Edit::Delete(RecordIds {
        links: vec![link],
        ..RecordIds::default()
    });
    history.apply(&mut project, delete).unwrap();
    let after = project.clone();
    while history.can_undo() {
        history.undo(&mut project).expect("undo");
    }
    assert_eq!(project, start);
    undo_all_then_redo_all(&mut history, &mut project);
    assert_eq!(project, after);
}

#[test]
fn a_claim_of_a_missing_article_can_be_edited_deleted_and_restored() {
    let (project, _, response, _) = healthy();
    let (_, second) = articles(&project);
    let start = loaded_after(project, |p| p.articles.retain(|a| a.id != second));
    let mut project = start.clone();
    let mut history = History::new();
    history
        .apply(&mut project, set_speaker(&start, response, "EU Mission"))
        .expect("edit");
    history.apply(&mut project, delete_claim(response)).unwrap();
    let after = project.clone();
    while history.can_undo() {
        history.undo(&mut project).expect("undo");
    }
    assert_eq!(project, start);
    undo_all_then_redo_all(&mut history, &mut project);
    assert_eq!(project, after);
}

#[test]
fn broken_claims_are_listed_for_review_with_the_reason() {
    let (project, claim, _) = with_broken_claim();
    let flagged: Vec<ClaimId> = project.claims_for_review().map(|c| c.id).collect();
    assert_eq!(flagged, vec![claim]);
    let reason = project.review_reason(project.claim(claim).unwrap());
    assert!(
        matches!(reason, Some(ReviewReason::BrokenAnchor(_))),
        "{reason:?}"
    );
    let (healthy, claim, response, _) = healthy();
    assert_eq!(healthy.claims_for_review().count(), 0);
    let (_, second) = articles(&healthy);
    let orphaned = loaded_after(healthy, |p| p.articles.retain(|a| a.id != second));
    let reason = orphaned.review_reason(orphaned.claim(response).unwrap());
    assert_eq!(reason, Some(ReviewReason::MissingArticle(second)));
    assert_eq!(orphaned.review_reason(orphaned.claim(claim).unwrap()), None);
}

#[test]
fn repairing_a_claim_whose_range_shifted_finds_its_quote_and_undoes() {
    let (project, claim, _, _) = healthy();
    // A hand edit that shifted the range by three bytes: the quote is right.
    let start = loaded_after(project, |p| {
        std::sync::Arc::make_mut(&mut p.claims[0]).anchor.start += 3;
        std::sync::Arc::make_mut(&mut p.claims[0]).anchor.end += 3;
    });
    assert!(
        start
            .problems()
            .iter()
            .any(|p| matches!(p, Problem::BrokenAnchor { .. }))
    );
    let mut project = start.clone();
    let mut history = History::new();
    let (edit, found) = repair_claim(&project, claim, &stamp()).unwrap();
    assert_eq!(found.outcome.name(), "moved");
    history.apply(&mut project, edit).unwrap();
    assert!(project.problems().is_empty(), "{:?}", project.problems());
    assert_eq!(project.claims_for_review().count(), 0);
    let repaired = project.claim(claim).unwrap();
    let text = &project.articles[0].text;
    assert_eq!(
        &text[repaired.anchor.range()],
        "the EU funds the opposition"
    );
    assert_eq!(history.undo_label(), Some("repair claim"));
    history.undo(&mut project).expect("undo the repair");
    assert_eq!(project, start);
}

#[test]
fn repairing_a_claim_whose_quote_is_gone_keeps_it_as_a_flagged_orphan() {
    let (project, claim, _, _) = healthy();
    let start = loaded_after(project, |p| {
        std::sync::Arc::make_mut(&mut p.claims[0]).anchor.quote =
            "words this article never had".to_string();
    });
    let mut project = start.clone();
    let (edit, found) = repair_claim(&project, claim, &stamp()).unwrap();
    assert_eq!(found.outcome.name(), "orphaned");
    History::new().apply(&mut project, edit).unwrap();
    assert!(project.problems().is_empty(), "{:?}", project.problems());
    let kept = project.claim(claim).unwrap();
    assert!(kept.is_orphan());
    assert_eq!(kept.anchor.quote, "words this article never had");
    assert_eq!(project.review_reason(kept), Some(ReviewReason::Orphaned));
}

#[test]
fn a_healthy_claim_needs_no_repair() {
    let (project, claim, _, _) = healthy();
    assert_eq!(
        repair_claim(&project, claim, &stamp()).unwrap_err(),
        EditError::Empty
    );
}

/// A file written before duplicate links were refused may hold two links
/// joining the same claims with the same relation.
fn with_duplicate_links() -> (Project, LinkId) {
    let (project, _, _, _) = healthy();
    let mut duplicate = None;
    let project = loaded_after(project, |p| {
        let mut copy = (*p.links[0]).clone();
        copy.id = p.next_ids.take_link();
        duplicate = Some(copy.id);
        p.links.push(std::sync::Arc::new(copy));
        std::sync::Arc::make_mut(&mut p.claims[0])
            .anchor
            .quote
            .push('!'); // so the file is flagged
    });
    (project, duplicate.unwrap())
}

#[test]
fn a_duplicate_link_from_an_old_file_can_be_edited_deleted_and_restored() {
    let (start, duplicate) = with_duplicate_links();
    assert_eq!(start.links.len(), 2);
    let mut project = start.clone();
    let mut history = History::new();
    let mut noted = start.link(duplicate).unwrap().clone();
    noted.info.note = "the same pair, recorded twice".to_string();
    history
        .apply(&mut project, Edit::ReplaceLink(Box::new(noted)))
        .expect("a duplicate's note can be edited");
    let mut curated = project.link(duplicate).unwrap().clone();
    curated.info.status = Status::Curated;
    history
        .apply(&mut project, Edit::ReplaceLink(Box::new(curated)))
        .expect("and its status");
    let delete = Edit::Delete(RecordIds {
        links: vec![duplicate],
        ..RecordIds::default()
    });
    history.apply(&mut project, delete).unwrap();
    let after = project.clone();
    while history.can_undo() {
        history.undo(&mut project).expect("undo");
    }
    assert_eq!(project, start);
    undo_all_then_redo_all(&mut history, &mut project);
    assert_eq!(project, after);
}

#[test]
fn turning_a_link_into_a_duplicate_is_still_refused() {
    let (start, duplicate) = with_duplicate_links();
    let mut project = start.clone();
    let mut history = History::new();
    let delete = Edit::Delete(RecordIds {
        links: vec![duplicate],
        ..RecordIds::default()
    });
    history.apply(&mut project, delete).unwrap();
    let mut other = (*project.links[0]).clone();
    other.info.relation = Relation::Refutes;
    history
        .apply(&mut project, Edit::ReplaceLink(Box::new(other.clone())))
        .unwrap();
    // Adding a Denies link beside the Refutes one is fine; making the
    // Refutes one Denies again while a Denies twin exists is not.
    let (edit, _) = Edit::add_link(
        &project,
        other.claim,
        other.response,
        LinkInfo {
            relation: Relation::Denies,
            status: Status::Draft,
            note: String::new(),
        },
        &stamp(),
    );
    history.apply(&mut project, edit).unwrap();
    other.info.relation = Relation::Denies;
    let error = history
        .apply(&mut project, Edit::ReplaceLink(Box::new(other)))
        .unwrap_err();
    assert!(
        matches!(error, EditError::DuplicateLink { .. }),
        "{error:?}"
    );
}
