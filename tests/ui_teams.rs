//! Team work in the real window (headless): conflicts shown side by side
//! and decided in one undoable step, File → Merge another copy…, and the
//! Agreement window opening a curated project.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use riposte::io::project_file;
use riposte::model::{ClaimInfo, Edit, Project, Relation, Stamp, Status, apply, merge};
use riposte::ui::commands::Command;
use riposte::ui::{Action, App, Startup};

mod ui_support;
use ui_support::{settle, window};

fn demo() -> Project {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves/demo.ron");
    project_file::load(&path).unwrap().project
}

fn stamp(analyst: &str) -> Stamp {
    Stamp {
        analyst: analyst.to_string(),
        at: chrono::DateTime::from_timestamp(1_732_600_000, 0).unwrap(),
    }
}

/// The demo with the first claim's speaker set by `analyst`.
fn with_speaker(speaker: &str, analyst: &str) -> Project {
    let mut project = demo();
    let claim = project.claims[0].id;
    let info = ClaimInfo {
        speaker: speaker.to_string(),
        ..project.claims[0].info.clone()
    };
    let edit = Edit::set_claim_info(&project, claim, info, &stamp(analyst)).unwrap();
    apply(&mut project, edit).unwrap();
    project
}

fn save(dir: &Path, name: &str, project: &Project) -> PathBuf {
    let path = dir.join(name);
    project_file::save(&path, project).unwrap();
    path
}

fn steps(harness: &mut Harness<'_, App>, n: usize) {
    for _ in 0..n {
        harness.step();
    }
}

/// Types `path` into the in-app file chooser and presses its button.
fn choose(harness: &mut Harness<'_, App>, path: &Path, button: &str) {
    steps(harness, 3);
    harness
        .get_by_role_and_label(Role::TextInput, "Path")
        .focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Path")
        .type_text(&path.display().to_string());
    harness.step();
    harness.get_by_label(button).click();
    harness.step();
    settle(harness);
    steps(harness, 2);
}

fn first_speaker(harness: &Harness<'_, App>) -> String {
    harness.state().project().claims[0].info.speaker.clone()
}

#[test]
fn conflicts_are_shown_side_by_side_and_taking_theirs_is_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, theirs) = (
        with_speaker("Ana's reading", "ana"),
        with_speaker("Bob's reading", "bob"),
    );
    let merged = merge(&demo(), &ours, &theirs).project;
    let path = save(dir.path(), "merged.ron", &merged);
    let mut harness = window(Startup::for_tests(Some(path)));
    steps(&mut harness, 2);

    // Opened with a conflict: the window lists it, both sides, who.
    harness.get_by_label_contains("info.speaker changed on both sides");
    harness.get_by_label("\"Ana's reading\"");
    harness.get_by_label("\"Bob's reading\"");
    harness.get_by_label_contains("by ana");
    harness.get_by_label_contains("by bob");

    harness.get_by_label("Take theirs").click();
    steps(&mut harness, 2);
    assert_eq!(first_speaker(&harness), "Bob's reading");
    assert!(harness.state().project().conflicts.is_empty());
    harness.get_by_label("Nothing to decide.");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    steps(&mut harness, 2);
    assert_eq!(harness.state().project(), &merged);
    harness.get_by_label("Keep ours").click();
    steps(&mut harness, 2);
    assert_eq!(first_speaker(&harness), "Ana's reading");
    assert!(harness.state().project().conflicts.is_empty());
}

#[test]
fn file_merge_another_copy_brings_their_work_in_as_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let ours = with_speaker("Ana's reading", "ana");
    let mut theirs = with_speaker("Bob's reading", "bob");
    let link = theirs.links[0].id;
    let edit = Edit::set_link_status(&theirs, link, Status::Rejected, &stamp("bob")).unwrap();
    apply(&mut theirs, edit).unwrap();
    let ours_path = save(dir.path(), "ours.ron", &ours);
    let theirs_path = save(dir.path(), "theirs.ron", &theirs);
    let mut harness = window(Startup::for_tests(Some(ours_path)));

    harness
        .state_mut()
        .push(Action::Command(Command::MergeCopy));
    choose(&mut harness, &theirs_path, "Merge");

    // No common version: every difference is listed, ours kept meanwhile.
    let project = harness.state().project().clone();
    assert_eq!(project.conflicts.len(), 2, "{:?}", project.conflicts);
    assert_eq!(first_speaker(&harness), "Ana's reading");
    harness.get_by_label_contains("info.status changed on both sides");
    harness.get_by_label_contains("Merged");
    // Take theirs for both: their speaker and their status.
    harness
        .get_all_by_label("Take theirs")
        .next()
        .unwrap()
        .click();
    steps(&mut harness, 2);
    harness.get_by_label("Take theirs").click();
    steps(&mut harness, 2);
    let project = harness.state().project();
    assert_eq!(project.claims[0].info.speaker, "Bob's reading");
    assert_eq!(project.link(link).unwrap().info.status, Status::Rejected);
    // Three steps back: the two decisions and the merge.
    for _ in 0..3 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        steps(&mut harness, 1);
    }
    let mut back = harness.state().project().clone();
    back.next_ids = ours.next_ids.clone();
    assert_eq!(back, ours);
}

#[test]
fn the_agreement_window_compares_copies_and_opens_the_curated_project() {
    let dir = tempfile::tempdir().unwrap();
    let ana = demo();
    let mut bob = demo();
    // Bob reads the first pair as a refutation and never made the last one.
    let first = bob.links[0].id;
    let mut info = bob.links[0].info.clone();
    info.relation = Relation::Refutes;
    let edit = Edit::set_link_info(&bob, first, info, &stamp("bob")).unwrap();
    apply(&mut bob, edit).unwrap();
    let last = bob.links.last().unwrap().id;
    apply(&mut bob, Edit::delete_link(last)).unwrap();
    let ana_path = save(dir.path(), "ana.ron", &ana);
    let bob_path = save(dir.path(), "bob.ron", &bob);
    let mut harness = window(Startup::for_tests(Some(ana_path)));

    harness
        .state_mut()
        .push(Action::Command(Command::Agreement));
    choose(&mut harness, &bob_path, "Compare");
    // 13 claims each, all matched; 7 and 6 pairs, 6 matched: F1 12/13.
    harness.get_by_label("ana.ron ~ bob.ron");
    harness.get_by_label("1.000 (13 matched of 13 / 13)");
    harness.get_by_label("0.923 (6 matched of 7 / 6)");
    harness.get_by_label("5 of 6");
    harness.get_by_label_contains("Curation: 5 pairs every copy made alike; 2 disagreements.");

    harness.get_by_label("Open the curated project").click();
    steps(&mut harness, 3);
    let project = harness.state().project().clone();
    assert_eq!(project.disagreements.len(), 2);
    assert_eq!(project.links.len(), 5);
    assert!(
        project
            .links
            .iter()
            .all(|l| l.info.status == Status::Curated)
    );
    harness.get_by_label("Pair: Refutes").click();
    steps(&mut harness, 2);
    let project = harness.state().project();
    assert_eq!(project.disagreements.len(), 1);
    assert_eq!(project.links.len(), 6);
    assert!(
        project
            .links
            .iter()
            .any(|l| l.info.relation == Relation::Refutes)
    );
}
