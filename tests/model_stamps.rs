//! The stamping rule, through the model's edit constructors: a record keeps
//! who created it and when, and gains who changed it last and when. Undo
//! brings the old stamp back with the old content.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::DateTime;
use common::project_with_texts;
use riposte::io::project_file;
use riposte::model::{
    Anchor, Claim, ClaimId, ClaimInfo, Edit, History, Link, LinkId, LinkInfo, Project, Relation,
    Stamp, Status, edit_article_text,
};

const CLAIM_TEXT: &str = "Ambassador said the EU funds the opposition. Əsas xəbər 😀.";
const RESPONSE_TEXT: &str = "The mission categorically denied this as false.";

fn stamp(analyst: &str, secs: i64) -> Stamp {
    Stamp {
        analyst: analyst.to_string(),
        at: DateTime::from_timestamp(secs, 0).unwrap(),
    }
}

fn creator() -> Stamp {
    stamp("Aynur", 1_700_000_000)
}

fn editor() -> Stamp {
    stamp("Boris", 1_700_086_400)
}

/// A claim in each article and a link between them, all made by `creator()`.
fn linked() -> (Project, History, ClaimId, LinkId) {
    let mut project = project_with_texts(&[CLAIM_TEXT, RESPONSE_TEXT]);
    let mut history = History::new();
    let article = project.articles[0].id;
    let anchor = Anchor::from_quote(CLAIM_TEXT, "the EU funds the opposition", None).unwrap();
    let (edit, claim) =
        Edit::add_claim(&project, article, anchor, ClaimInfo::default(), &creator());
    history.apply(&mut project, edit).unwrap();
    let response_article = project.articles[1].id;
    let text = project.article(response_article).unwrap().text.clone();
    let anchor = Anchor::from_quote(&text, "categorically denied", None).unwrap();
    let (edit, _, link) = Edit::add_response(
        &project,
        claim,
        (response_article, anchor),
        ClaimInfo::default(),
        LinkInfo::draft(Relation::Denies),
        &creator(),
    );
    history.apply(&mut project, edit).unwrap();
    (project, history, claim, link)
}

fn assert_claim_stamped(before: &Claim, after: &Claim) {
    assert_eq!(after.analyst, before.analyst, "the creator stays");
    assert_eq!(after.created, before.created, "the creation time stays");
    assert_eq!(after.modified, editor().at);
    assert_eq!(after.modified_by.as_deref(), Some("Boris"));
}

fn assert_link_stamped(before: &Link, after: &Link) {
    assert_eq!(after.analyst, before.analyst, "the creator stays");
    assert_eq!(after.created, before.created, "the creation time stays");
    assert_eq!(after.modified, editor().at);
    assert_eq!(after.modified_by.as_deref(), Some("Boris"));
}

#[test]
fn new_records_carry_their_creator_and_no_modifier() {
    let (project, _, claim, link) = linked();
    let claim = project.claim(claim).unwrap();
    let link = project.link(link).unwrap();
    assert_eq!(claim.analyst, "Aynur");
    assert_eq!(
        (claim.created, claim.modified),
        (creator().at, creator().at)
    );
    assert_eq!(claim.modified_by, None);
    assert_eq!(link.analyst, "Aynur");
    assert_eq!(link.modified_by, None);
    assert_eq!(link.info, LinkInfo::draft(Relation::Denies));
    // Never changed, so the file holds no `modified_by`: files written before
    // the field existed keep their bytes.
    let ron = project_file::to_ron_string(&project).unwrap();
    assert!(!ron.contains("modified_by"), "{ron}");
}

#[test]
fn editing_a_claim_keeps_its_creator_and_undo_restores_the_stamp() {
    let (mut project, mut history, claim, _) = linked();
    let before = project.claim(claim).unwrap().clone();
    let info = ClaimInfo {
        speaker: "EU Mission".to_string(),
        ..ClaimInfo::default()
    };
    let edit = Edit::set_claim_info(&project, claim, info, &editor()).unwrap();
    history.apply(&mut project, edit).unwrap();
    let after = project.claim(claim).unwrap().clone();
    assert_eq!(after.info.speaker, "EU Mission");
    assert_claim_stamped(&before, &after);
    assert_eq!(history.undo_label(), Some("set speaker"));
    // Saved and read back, the stamp is in the file.
    let text = project_file::to_ron_string(&project).unwrap();
    assert!(text.contains("modified_by: Some(\"Boris\")"), "{text}");
    let loaded = project_file::load_str(&text, "stamps.ron").unwrap();
    assert_eq!(loaded.project.claim(claim), Some(&after));
    history.undo(&mut project).unwrap();
    assert_eq!(project.claim(claim), Some(&before));
}

#[test]
fn status_and_link_info_changes_keep_the_creator() {
    let (mut project, mut history, _, link) = linked();
    let before = project.link(link).unwrap().clone();
    let edit = Edit::set_link_status(&project, link, Status::Curated, &editor()).unwrap();
    history.apply(&mut project, edit).unwrap();
    let curated = project.link(link).unwrap().clone();
    assert_eq!(curated.info.status, Status::Curated);
    assert_link_stamped(&before, &curated);
    let info = LinkInfo {
        relation: Relation::Refutes,
        note: "checked".to_string(),
        ..curated.info.clone()
    };
    let edit = Edit::set_link_info(&project, link, info, &editor()).unwrap();
    history.apply(&mut project, edit).unwrap();
    let after = project.link(link).unwrap().clone();
    assert_eq!(after.info.relation, Relation::Refutes);
    assert_eq!(after.info.status, Status::Curated);
    assert_link_stamped(&before, &after);
    // A link that is gone cannot be changed: a clear error, no edit.
    history
        .apply(&mut project, Edit::delete_link(link))
        .unwrap();
    assert!(Edit::set_link_status(&project, link, Status::Draft, &editor()).is_err());
}

#[test]
fn reattaching_an_orphan_and_accepting_a_review_stamp_like_any_change() {
    let (mut project, mut history, claim, _) = linked();
    let article = project.claim(claim).unwrap().article;
    // The claim's sentence goes; another gets a near copy of a word.
    let new_text = "A new first line. Əsas xəbər 😀.";
    let (edit, _) = edit_article_text(&project, article, new_text, &editor()).unwrap();
    history.apply(&mut project, edit).unwrap();
    let orphan = project.claim(claim).unwrap().clone();
    assert!(orphan.is_orphan(), "{orphan:?}");
    // Losing its place is a change by whoever replaced the text.
    assert_eq!(orphan.analyst, "Aynur");

    let late = stamp("Chen", 1_700_172_800);
    let text = &project.article(article).unwrap().text;
    let anchor = Anchor::from_quote(text, "Əsas xəbər", None).unwrap();
    let before = project.claim(claim).unwrap().clone();
    let edit = Edit::move_claim(&project, claim, anchor.clone(), &late).unwrap();
    history.apply(&mut project, edit).unwrap();
    let attached = project.claim(claim).unwrap().clone();
    assert_eq!(attached.anchor, anchor);
    assert!(!attached.needs_review());
    assert_eq!(
        (attached.analyst.as_str(), attached.created),
        ("Aynur", before.created)
    );
    assert_eq!(attached.modified, late.at);
    assert_eq!(attached.modified_by.as_deref(), Some("Chen"));

    // Accepting a review (here: of the re-attached claim, flagged again by
    // hand) is stamped too, where it used to stamp nothing.
    let mut flagged = attached.clone();
    flagged.review = Some(riposte::model::Review::LowConfidence {
        confidence: 0.5,
        old_quote: "x".to_string(),
    });
    history
        .apply(&mut project, Edit::ReplaceClaim(Box::new(flagged.clone())))
        .unwrap();
    let edit = Edit::confirm_claim_position(&project, claim, &editor()).unwrap();
    history.apply(&mut project, edit).unwrap();
    let accepted = project.claim(claim).unwrap().clone();
    assert!(!accepted.needs_review());
    assert_claim_stamped(&flagged, &accepted);
    assert_eq!(history.undo_label(), Some("confirm claim position"));
}

#[test]
fn a_claim_moved_by_a_text_change_is_stamped_by_who_changed_the_text() {
    let (mut project, mut history, claim, _) = linked();
    let before = project.claim(claim).unwrap().clone();
    let article = before.article;
    let new_text = format!("Update: a line on top.\n\n{CLAIM_TEXT}");
    let (edit, _) = edit_article_text(&project, article, &new_text, &editor()).unwrap();
    history.apply(&mut project, edit).unwrap();
    let moved = project.claim(claim).unwrap().clone();
    assert_ne!(moved.anchor.start, before.anchor.start);
    assert_claim_stamped(&before, &moved);
}
