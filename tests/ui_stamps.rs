//! The window stamps every change the same way: a claim or link keeps who
//! made it and when, and gains who changed it last (the analyst at this
//! window) and when: editing a claim in the inspector, curating a link,
//! changing its relation, re-attaching an orphan and accepting a review.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use riposte::model::{Claim, Edit, Link, Relation, Review, Status};
use riposte::ui::action::LinkChange;
use riposte::ui::safety::Choice;
use riposte::ui::{Action, App, Startup};

mod ui_support;
use ui_support::{settle, window};

fn demo(dir: &Path) -> Harness<'static, App> {
    let path = dir.join("demo.ron");
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves/demo.ron");
    std::fs::copy(demo, &path).unwrap();
    window(Startup::for_tests(Some(path)))
}

fn assert_claim_changed_here(before: &Claim, after: &Claim) {
    assert_eq!(after.analyst, before.analyst, "the creator stays");
    assert_eq!(after.created, before.created, "the creation time stays");
    assert!(after.modified >= before.modified);
    assert_eq!(after.modified_by, Some(riposte::clock::analyst()));
}

fn assert_link_changed_here(before: &Link, after: &Link) {
    assert_eq!(after.analyst, before.analyst, "the creator stays");
    assert_eq!(after.created, before.created, "the creation time stays");
    assert!(after.modified >= before.modified);
    assert_eq!(after.modified_by, Some(riposte::clock::analyst()));
}

#[test]
fn inspector_edits_and_status_keys_keep_the_creator() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo(dir.path());
    let before = (*harness.state().project().claims[0]).clone();
    assert_eq!(before.modified_by, None);
    harness
        .state_mut()
        .push(Action::SelectClaim(Some(before.id)));
    harness.step();
    harness.step();
    let field = harness.get_by_role_and_label(Role::TextInput, "Speaker");
    field.focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Speaker")
        .type_text("EU Delegation");
    harness.key_press(Key::Enter);
    harness.step();
    harness.step();
    let after = harness.state().project().claim(before.id).unwrap().clone();
    assert_eq!(after.info.speaker, "EU Delegation");
    assert_claim_changed_here(&before, &after);

    let draft = harness
        .state()
        .project()
        .links
        .iter()
        .find(|l| l.info.status == Status::Draft)
        .unwrap()
        .clone();
    harness.state_mut().push(Action::SelectLink(Some(draft.id)));
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.step();
    let curated = harness.state().project().link(draft.id).unwrap().clone();
    assert_eq!(curated.info.status, Status::Curated);
    assert_link_changed_here(&draft, &curated);

    harness.state_mut().push(Action::ChangeLink {
        link: draft.id,
        change: LinkChange::Relation(Relation::Corrects),
    });
    harness.step();
    let changed = harness.state().project().link(draft.id).unwrap().clone();
    assert_eq!(changed.info.relation, Relation::Corrects);
    assert_eq!(changed.info.status, Status::Curated);
    assert_link_changed_here(&draft, &changed);
}

#[test]
fn reattaching_and_accepting_a_review_stamp_the_claim() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo(dir.path());
    let project = harness.state().project().clone();
    let claim = (*project.claims[0]).clone();
    let text = project.article(claim.article).unwrap().text.clone();
    // The claim's quote is cut out of the text: it is lost.
    let new_text = format!(
        "Editor's note.\n\n{}{}",
        &text[..claim.anchor.start],
        &text[claim.anchor.end..]
    );
    harness.state_mut().push(Action::OpenArticle(claim.article));
    harness.state_mut().push(Action::Safety(Choice::ApplyText {
        article: claim.article,
        text: new_text.clone(),
    }));
    harness.step();
    settle(&mut harness);
    let lost = harness.state().project().claim(claim.id).unwrap().clone();
    assert!(lost.is_orphan(), "{lost:?}");

    // Re-attached to a span the analyst selects.
    let at = new_text.find("Editor's note").unwrap();
    harness
        .state_mut()
        .reading_view_mut()
        .set_selection(Some(at..at + "Editor's note".len()));
    harness.step();
    harness
        .state_mut()
        .push(Action::Safety(Choice::ReviewReattach(claim.id)));
    harness.step();
    let attached = harness.state().project().claim(claim.id).unwrap().clone();
    assert!(!attached.needs_review());
    assert_claim_changed_here(&claim, &attached);

    // Flagged for review again, then "Looks right".
    let mut flagged = attached.clone();
    flagged.review = Some(Review::LowConfidence {
        confidence: 0.6,
        old_quote: claim.anchor.quote.clone(),
    });
    harness
        .state_mut()
        .push(Action::Edit(Edit::ReplaceClaim(Box::new(flagged.clone()))));
    harness
        .state_mut()
        .push(Action::Safety(Choice::ReviewAccept(claim.id)));
    harness.step();
    let accepted = harness.state().project().claim(claim.id).unwrap().clone();
    assert!(!accepted.needs_review());
    assert_claim_changed_here(&flagged, &accepted);
    assert_eq!(
        harness.state().document().history.undo_label(),
        Some("confirm claim position")
    );
}
