//! The model's invariants and undo/redo, through the public `Edit` API.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{project_with_texts, stamp};
use riposte::model::{
    Anchor, AnchorError, ArticleId, ClaimId, ClaimInfo, Edit, EditError, History, LinkId, LinkInfo,
    Project, RecordIds, Relation, Replica, Status, apply,
};

const CLAIM_TEXT: &str = "Ambassador said the EU funds the opposition. Əsas xəbər 😀.";
const RESPONSE_TEXT: &str = "The mission categorically denied this as false.";

fn info(relation: Relation) -> LinkInfo {
    LinkInfo {
        relation,
        status: Status::Draft,
        note: String::new(),
    }
}

fn two_articles() -> Project {
    project_with_texts(&[CLAIM_TEXT, RESPONSE_TEXT])
}

fn quote_anchor(project: &Project, article: u32, quote: &str) -> Anchor {
    let text = &project.article(ArticleId::untagged(article)).unwrap().text;
    Anchor::from_quote(text, quote, None).unwrap()
}

/// Marks `quote` in article `article` as a claim, as one undoable step.
fn mark(project: &mut Project, history: &mut History, article: u32, quote: &str) -> ClaimId {
    let anchor = quote_anchor(project, article, quote);
    let (edit, id) = Edit::add_claim(
        project,
        ArticleId::untagged(article),
        anchor,
        ClaimInfo::default(),
        &stamp(),
    );
    history.apply(project, edit).unwrap();
    id
}

#[test]
fn claim_must_lie_in_its_article_and_match_its_quote() {
    let mut project = two_articles();
    let mut anchor = quote_anchor(&project, 1, "the EU funds");
    anchor.quote = "the US funds".to_string();
    let (edit, _) = Edit::add_claim(
        &project,
        ArticleId::untagged(1),
        anchor,
        ClaimInfo::default(),
        &stamp(),
    );
    let error = apply(&mut project, edit).unwrap_err();
    assert!(matches!(
        error,
        EditError::BadAnchor {
            error: AnchorError::QuoteMismatch { .. },
            ..
        }
    ));
    assert!(project.claims.is_empty());

    let mut off_boundary = quote_anchor(&project, 1, "Əsas");
    off_boundary.start += 1;
    let (edit, _) = Edit::add_claim(
        &project,
        ArticleId::untagged(1),
        off_boundary,
        ClaimInfo::default(),
        &stamp(),
    );
    assert!(matches!(
        apply(&mut project, edit),
        Err(EditError::BadAnchor {
            error: AnchorError::NotCharBoundary { .. },
            ..
        })
    ));

    let anchor = quote_anchor(&project, 1, "the EU funds");
    let (edit, _) = Edit::add_claim(
        &project,
        ArticleId::untagged(9),
        anchor,
        ClaimInfo::default(),
        &stamp(),
    );
    assert_eq!(
        apply(&mut project, edit),
        Err(EditError::UnknownArticle(ArticleId::untagged(9)))
    );
    assert!(project.claims.is_empty());
}

#[test]
fn links_join_two_existing_different_claims() {
    let mut project = two_articles();
    let anchor = quote_anchor(&project, 1, "the EU funds the opposition");
    let (edit, claim) = Edit::add_claim(
        &project,
        ArticleId::untagged(1),
        anchor,
        ClaimInfo::default(),
        &stamp(),
    );
    apply(&mut project, edit).unwrap();

    let (edit, _) = Edit::add_link(&project, claim, claim, info(Relation::Denies), &stamp());
    assert_eq!(apply(&mut project, edit), Err(EditError::SelfLink(claim)));
    let (edit, _) = Edit::add_link(
        &project,
        claim,
        ClaimId::untagged(77),
        info(Relation::Denies),
        &stamp(),
    );
    assert_eq!(
        apply(&mut project, edit),
        Err(EditError::UnknownClaim(ClaimId::untagged(77)))
    );
    assert!(project.links.is_empty());
}

#[test]
fn response_and_link_are_one_undo_step_and_redo_restores_exactly() {
    let mut project = two_articles();
    let mut history = History::new();
    let claim = mark(&mut project, &mut history, 1, "the EU funds the opposition");
    let after_claim = project.clone();

    let response = quote_anchor(&project, 2, "categorically denied this as false");
    let (edit, response_id, link_id) = Edit::add_response(
        &project,
        claim,
        (ArticleId::untagged(2), response),
        ClaimInfo::default(),
        info(Relation::Denies),
        &stamp(),
    );
    history.apply(&mut project, edit).unwrap();
    let after_pair = project.clone();
    assert_eq!(history.undo_label(), Some("link Denies"));
    assert_eq!(project.link(link_id).unwrap().response, response_id);

    let revision = history.revision();
    assert_eq!(
        history.undo(&mut project).unwrap().as_deref(),
        Some("link Denies")
    );
    // Undo restores the records; the id counters stay advanced so ids are
    // never handed out twice.
    assert_eq!(project.claims, after_claim.claims);
    assert_eq!(project.links, after_claim.links);
    assert!(project.next_ids.link > after_claim.next_ids.link);
    assert!(history.revision() > revision);
    history.redo(&mut project).unwrap();
    assert_eq!(project, after_pair);
}

#[test]
fn new_edit_after_undo_drops_redo() {
    let mut project = two_articles();
    let mut history = History::new();
    mark(&mut project, &mut history, 1, "the EU funds");
    history.undo(&mut project).unwrap();
    assert!(history.can_redo());
    let id = mark(&mut project, &mut history, 2, "denied");
    assert!(!history.can_redo());
    assert_eq!(history.redo(&mut project).unwrap(), None);
    // Ids are never reused, even for an undone claim.
    assert_eq!(id, ClaimId::new(2, Replica::session()));
}

#[test]
fn deleting_a_claim_deletes_its_links_and_undo_restores_them() {
    let mut project = two_articles();
    let mut history = History::new();
    let claim = mark(&mut project, &mut history, 1, "the EU funds the opposition");
    for (quote, relation) in [("denied", Relation::Denies), ("false", Relation::Refutes)] {
        let response = quote_anchor(&project, 2, quote);
        let (edit, _, _) = Edit::add_response(
            &project,
            claim,
            (ArticleId::untagged(2), response),
            ClaimInfo::default(),
            info(relation),
            &stamp(),
        );
        history.apply(&mut project, edit).unwrap();
    }
    let before = project.clone();
    assert_eq!(project.links.len(), 2);
    let delete = Edit::Delete(RecordIds {
        claims: vec![claim],
        ..RecordIds::default()
    });
    history.apply(&mut project, delete).unwrap();
    assert!(project.links.is_empty());
    assert_eq!(project.claims.len(), 2);
    history.undo(&mut project).unwrap();
    assert_eq!(project, before);
}

#[test]
fn undo_of_delete_then_redo_round_trips() {
    let mut project = two_articles();
    let mut history = History::new();
    let claim = mark(&mut project, &mut history, 1, "the EU funds");
    let with_claim = project.clone();
    let delete = Edit::Delete(RecordIds {
        claims: vec![claim],
        ..RecordIds::default()
    });
    history.apply(&mut project, delete).unwrap();
    let without = project.clone();
    history.undo(&mut project).unwrap();
    assert_eq!(project, with_claim);
    history.redo(&mut project).unwrap();
    assert_eq!(project, without);
    assert_eq!(history.undo_label(), Some("delete claim"));
}

#[test]
fn deleting_an_article_cascades_and_ids_are_not_reused() {
    let mut project = two_articles();
    let mut history = History::new();
    mark(&mut project, &mut history, 2, "denied");
    let delete = Edit::Delete(RecordIds {
        articles: vec![ArticleId::untagged(2)],
        ..RecordIds::default()
    });
    history.apply(&mut project, delete).unwrap();
    assert!(project.claims.is_empty());
    let anchor = quote_anchor(&project, 1, "EU");
    let (_, next) = Edit::add_claim(
        &project,
        ArticleId::untagged(1),
        anchor,
        ClaimInfo::default(),
        &stamp(),
    );
    assert_eq!(next, ClaimId::new(2, Replica::session()));
}

#[test]
fn status_change_is_named_and_dirty_tracking_follows_undo() {
    let mut project = two_articles();
    let mut history = History::new();
    assert!(!history.is_dirty());
    let claim_anchor = quote_anchor(&project, 1, "the EU funds");
    let (edit, claim) = Edit::add_claim(
        &project,
        ArticleId::untagged(1),
        claim_anchor,
        ClaimInfo::default(),
        &stamp(),
    );
    history.apply(&mut project, edit).unwrap();
    let response = quote_anchor(&project, 2, "denied");
    let (edit, _, link) = Edit::add_response(
        &project,
        claim,
        (ArticleId::untagged(2), response),
        ClaimInfo::default(),
        info(Relation::Denies),
        &stamp(),
    );
    history.apply(&mut project, edit).unwrap();
    history.mark_saved();
    assert!(!history.is_dirty());

    let mut curated = project.link(link).unwrap().clone();
    curated.info.status = Status::Curated;
    history
        .apply(&mut project, Edit::ReplaceLink(Box::new(curated)))
        .unwrap();
    assert_eq!(history.undo_label(), Some("set Curated"));
    assert!(history.is_dirty());
    history.undo(&mut project).unwrap();
    assert!(!history.is_dirty());
    assert_eq!(project.link(link).unwrap().info.status, Status::Draft);
    assert_eq!(
        project
            .link(LinkId::new(1, Replica::session()))
            .map(|l| l.id),
        Some(link)
    );
}

#[test]
fn refused_batch_changes_nothing() {
    let mut project = two_articles();
    let before = project.clone();
    let anchor = quote_anchor(&project, 1, "the EU funds");
    let (good, _) = Edit::add_claim(
        &project,
        ArticleId::untagged(1),
        anchor,
        ClaimInfo::default(),
        &stamp(),
    );
    let bad = Edit::Delete(RecordIds {
        links: vec![LinkId::untagged(40)],
        ..RecordIds::default()
    });
    assert_eq!(
        apply(&mut project, Edit::Batch(vec![good, bad])),
        Err(EditError::UnknownLink(LinkId::untagged(40)))
    );
    assert_eq!(project, before);
}

#[test]
fn analysts_and_timestamps_are_recorded() {
    let mut project = two_articles();
    let anchor = quote_anchor(&project, 1, "the EU funds");
    let (edit, id) = Edit::add_claim(
        &project,
        ArticleId::untagged(1),
        anchor,
        ClaimInfo::default(),
        &stamp(),
    );
    apply(&mut project, edit).unwrap();
    let claim = project.claim(id).unwrap();
    assert_eq!(claim.analyst, "tester");
    assert_eq!(claim.created, stamp().at);
    assert_eq!(project.analysts(), vec!["tester"]);
    assert!(project.problems().is_empty());
}
