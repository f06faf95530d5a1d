//! Issue 11 in the window: saving while a save runs, a save landing after
//! the document was replaced, recovery copies per window and document, and
//! what the analyst sees when things go wrong. Driven headlessly; the
//! actions a frame handles together are pushed together, so the order of
//! events is exact (a background save cannot finish between them: results
//! are collected at the start of the next frame).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use riposte::io::{project_file, recovery};
use riposte::model::Edit;
use riposte::ui::action::UnsavedChoice;
use riposte::ui::commands::Command;
use riposte::ui::{Action, App, Startup};

mod ui_support;
use ui_support::{settle, window};

fn demo_project(dir: &Path) -> PathBuf {
    let path = dir.join("story.ron");
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves/demo.ron");
    std::fs::copy(demo, &path).unwrap();
    path
}

/// The window on `project`, with recovery copies in `data`.
fn harness(project: Option<&Path>, data: &Path) -> Harness<'static, App> {
    window(Startup {
        data_dir: Some(data.to_path_buf()),
        ..Startup::for_tests(project.map(Path::to_path_buf))
    })
}

fn title_on_disk(path: &Path) -> String {
    project_file::load(path).unwrap().project.title
}

fn rename(title: &str) -> Action {
    Action::Edit(Edit::SetProjectTitle(title.to_string()))
}

/// Pushes `actions` and runs one frame, which handles them in order.
fn in_one_frame(harness: &mut Harness<'_, App>, actions: Vec<Action>) {
    for action in actions {
        harness.state_mut().push(action);
    }
    harness.step();
}

#[test]
fn save_asked_during_a_save_then_quit_saves_the_later_edits_before_closing() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut harness = harness(Some(&path), data.path());
    in_one_frame(
        &mut harness,
        vec![
            rename("first"),
            Action::Command(Command::Save),
            // While that save runs: another edit, then quit and choose Save.
            rename("second"),
            Action::CloseRequested,
            Action::Unsaved(UnsavedChoice::Save),
        ],
    );
    settle(&mut harness);
    settle(&mut harness);
    assert_eq!(title_on_disk(&path), "second", "the later edit was saved");
    assert!(!harness.state().document().is_dirty());
    assert!(harness.state().is_closing(), "and then the window closed");
}

#[test]
fn a_quit_after_a_failed_save_does_not_go_ahead() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut harness = harness(Some(&path), data.path());
    // The file is replaced by a folder: every save to it fails.
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    in_one_frame(
        &mut harness,
        vec![
            rename("unsaved work"),
            Action::CloseRequested,
            Action::Unsaved(UnsavedChoice::Save),
        ],
    );
    settle(&mut harness);
    assert!(!harness.state().is_closing());
    assert!(harness.state().document().is_dirty());
    assert_eq!(harness.state().project().title, "unsaved work");
}

#[test]
fn a_save_that_lands_after_new_does_not_give_the_new_document_its_path() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut harness = harness(Some(&path), data.path());
    in_one_frame(
        &mut harness,
        vec![
            rename("saved before New"),
            Action::Command(Command::Save),
            rename("discarded"),
            Action::Command(Command::NewProject),
            Action::Unsaved(UnsavedChoice::Discard),
        ],
    );
    settle(&mut harness);
    assert_eq!(title_on_disk(&path), "saved before New");
    let doc = harness.state().document();
    assert_eq!(doc.path, None, "the new document is untitled");
    assert_eq!(harness.state().project().title, "Untitled");
    // Saving the new document asks where (the in-app chooser), and leaves
    // the old project alone.
    in_one_frame(
        &mut harness,
        vec![rename("new work"), Action::Command(Command::Save)],
    );
    settle(&mut harness);
    assert_eq!(title_on_disk(&path), "saved before New");
    assert_eq!(harness.state().document().path, None);
}

#[test]
fn two_windows_on_one_file_keep_separate_recovery_copies() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut one = harness(Some(&path), data.path());
    let mut two = harness(Some(&path), data.path());
    for (harness, title) in [(&mut one, "window one"), (&mut two, "window two")] {
        let edits: Vec<Action> = (0..20).map(|i| rename(&format!("{title} {i}"))).collect();
        in_one_frame(harness, edits);
        settle(harness);
    }
    let wait_for_copies = |harness: &mut Harness<'_, App>| {
        for _ in 0..500 {
            harness.step();
            if harness.state().recovery_copy().is_some() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("no recovery copy written");
    };
    wait_for_copies(&mut one);
    wait_for_copies(&mut two);
    let copy_one = one.state().recovery_copy().unwrap().to_path_buf();
    let copy_two = two.state().recovery_copy().unwrap().to_path_buf();
    assert_ne!(copy_one, copy_two);
    // Window one saves: its copy goes, window two's stays.
    in_one_frame(&mut one, vec![Action::Command(Command::Save)]);
    settle(&mut one);
    settle(&mut one);
    assert!(!copy_one.exists());
    let (_, kept) = recovery::load_recovery(&copy_two).unwrap();
    assert_eq!(kept.title, "window two 19");
}

#[test]
fn each_new_document_gets_its_own_recovery_copy() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness(None, data.path());
    let first = harness.state().copy_owner();
    in_one_frame(
        &mut harness,
        vec![
            rename("draft"),
            Action::Command(Command::NewProject),
            Action::Unsaved(UnsavedChoice::Discard),
        ],
    );
    settle(&mut harness);
    let second = harness.state().copy_owner();
    assert_ne!(first, second);
    assert_ne!(
        recovery::copy_path(data.path(), None, first),
        recovery::copy_path(data.path(), None, second),
        "a late write for the closed draft cannot land on the new one's copy"
    );
}

#[test]
fn a_panic_in_a_frame_keeps_the_unsaved_work_and_the_next_start_says_what_happened() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut crashed = harness(Some(&path), data.path());
    in_one_frame(&mut crashed, vec![rename("typed just before the crash")]);
    assert!(crashed.state().recovery_copy().is_none(), "no autosave yet");
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crashed
            .state_mut()
            .run_guarded(|_| panic!("end byte index 21 is out of bounds"))
    }));
    assert!(
        result.is_err(),
        "the panic goes on after the copy is written"
    );
    drop(crashed);
    let (copies, _) = recovery::find_recovery_copies(data.path());
    assert_eq!(copies.len(), 1);
    let crash = copies[0].meta.crash.clone().unwrap();
    assert!(
        crash.contains("end byte index 21 is out of bounds"),
        "{crash}"
    );
    assert!(crash.contains("tests/reliability_window.rs:"), "{crash}");
    assert_eq!(
        title_on_disk(&path),
        "Demo: claims and rebuttals around Azerbaijan, 2020-2024"
    );

    let mut next = harness(Some(&path), data.path());
    next.get_by_label_contains("Recover unsaved work?");
    next.get_by_label_contains("end byte index 21 is out of bounds");
    next.get_by_label("Restore").click();
    next.step();
    settle(&mut next);
    assert_eq!(next.state().project().title, "typed just before the crash");
    assert!(next.state().document().is_dirty());
}

/// The first link of the demo that is not curated yet, with its claim
/// selected in the inspector and the link selected for the status keys.
fn select_a_draft_link(harness: &mut Harness<'_, App>) -> riposte::model::Link {
    let link = harness
        .state()
        .project()
        .links
        .iter()
        .find(|l| l.info.status == riposte::model::Status::Draft)
        .unwrap()
        .as_ref()
        .clone();
    in_one_frame(
        harness,
        vec![
            Action::SelectClaim(Some(link.claim)),
            Action::SelectLink(Some(link.id)),
        ],
    );
    harness.step();
    link
}

#[test]
fn typing_in_the_inspector_then_ctrl_enter_keeps_the_typing_as_its_own_step() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut harness = harness(Some(&path), data.path());
    let link = select_a_draft_link(&mut harness);
    let note_before = harness
        .state()
        .project()
        .claim(link.claim)
        .unwrap()
        .info
        .note
        .clone();
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, "Note");
    field.focus();
    harness.step();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Note")
        .type_text(" Typed before curating.");
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.step();
    harness.step();
    let note = |h: &Harness<'_, App>| {
        h.state()
            .project()
            .claim(link.claim)
            .unwrap()
            .info
            .note
            .clone()
    };
    let status = |h: &Harness<'_, App>| h.state().project().link(link.id).unwrap().info.status;
    assert!(
        note(&harness).ends_with("Typed before curating."),
        "{}",
        note(&harness)
    );
    assert_eq!(status(&harness), riposte::model::Status::Curated);
    let history = &harness.state().document().history;
    assert_eq!(history.undo_label(), Some("set Curated"));
    in_one_frame(&mut harness, vec![Action::Command(Command::Undo)]);
    harness.step();
    assert!(note(&harness).ends_with("Typed before curating."));
    assert_eq!(status(&harness), riposte::model::Status::Draft);
    assert_eq!(
        harness.state().document().history.undo_label(),
        Some("edit claim note")
    );
    in_one_frame(&mut harness, vec![Action::Command(Command::Undo)]);
    harness.step();
    assert_eq!(note(&harness), note_before);
}

#[test]
fn saving_while_a_field_is_being_typed_in_saves_the_typing() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut harness = harness(Some(&path), data.path());
    let link = select_a_draft_link(&mut harness);
    let field = harness.get_by_role_and_label(Role::TextInput, "Speaker");
    field.focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.step();
    harness
        .get_by_role_and_label(Role::TextInput, "Speaker")
        .type_text("Typed, then saved");
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    let saved = project_file::load(&path).unwrap().project;
    assert_eq!(
        saved.claim(link.claim).unwrap().info.speaker,
        "Typed, then saved"
    );
    assert!(!harness.state().document().is_dirty());
}

/// `path` locked by a live process (pid 1 always runs) on this host.
fn locked_elsewhere(path: &Path) {
    let host = riposte::io::lock::LockOwner::current().host;
    std::fs::write(
        riposte::io::lock::lock_path(path),
        format!("pid 1\nhost {host}\n"),
    )
    .unwrap();
}

#[test]
fn a_project_open_elsewhere_can_be_opened_read_only_and_nothing_is_written_to_it() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let before = std::fs::read(&path).unwrap();
    locked_elsewhere(&path);
    let mut harness = harness(Some(&path), data.path());
    harness.get_by_label_contains("already open in another Riposte window (pid 1");
    assert!(harness.query_by_label("Open anyway").is_none());
    harness.get_by_label("Open read-only").click();
    harness.step();
    harness.step();
    assert!(harness.state().document().read_only);
    assert!(
        harness.state().title().contains("read-only"),
        "{}",
        harness.state().title()
    );
    let claims = harness.state().project().claims.len();
    // Edits are refused with a message saying why; nothing is saved.
    in_one_frame(&mut harness, vec![rename("changed here")]);
    harness.step();
    let notice = harness.state().notices().last().unwrap().text.clone();
    assert!(notice.contains("read-only"), "{notice}");
    assert!(notice.contains("Save as"), "{notice}");
    assert_ne!(harness.state().project().title, "changed here");
    in_one_frame(&mut harness, vec![Action::Command(Command::Save)]);
    settle(&mut harness);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(harness.state().project().claims.len(), claims);
    let lock = std::fs::read_to_string(riposte::io::lock::lock_path(&path)).unwrap();
    assert!(
        lock.starts_with("pid 1\n"),
        "the other window keeps its lock: {lock}"
    );
}

#[test]
fn a_project_open_elsewhere_can_be_closed_from_the_prompt() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    locked_elsewhere(&path);
    let mut harness = harness(Some(&path), data.path());
    harness.get_by_label("Close").click();
    harness.step();
    harness.step();
    assert_eq!(harness.state().document().path, None);
    assert!(harness.state().project().articles.is_empty());
    let lock = std::fs::read_to_string(riposte::io::lock::lock_path(&path)).unwrap();
    assert!(lock.starts_with("pid 1\n"), "{lock}");
}

/// Replaces the text of the field labelled `label` with `text`.
fn type_into(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.step();
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.step();
}

fn click(harness: &mut Harness<'_, App>, button: &str) {
    harness.get_by_role_and_label(Role::Button, button).click();
    harness.step();
    harness.step();
}

/// Save as… through the in-app chooser, typing `target`.
fn save_as_in_app(harness: &mut Harness<'_, App>, target: &Path) {
    in_one_frame(harness, vec![Action::Command(Command::SaveAs)]);
    // A modal is laid out in its first frame and shown in the next.
    harness.step();
    harness.step();
    type_into(harness, "Path", &target.display().to_string());
    click(harness, "Save");
}

#[test]
fn save_as_onto_an_existing_file_asks_before_replacing_it() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let other = work.path().join("other.ron");
    project_file::save(
        &other,
        &riposte::model::Project::new("someone's other project"),
    )
    .unwrap();
    let mut harness = harness(Some(&path), data.path());
    save_as_in_app(&mut harness, &other);
    settle(&mut harness);
    assert_eq!(title_on_disk(&other), "someone's other project", "not yet");
    harness.get_by_label_contains("already exists");
    click(&mut harness, "Replace");
    settle(&mut harness);
    assert_eq!(title_on_disk(&other), harness.state().project().title);
    assert_eq!(
        harness.state().document().path.as_deref(),
        Some(other.as_path())
    );
}

#[test]
fn save_as_onto_a_file_open_in_another_window_is_refused() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let other = work.path().join("other.ron");
    project_file::save(&other, &riposte::model::Project::new("open elsewhere")).unwrap();
    locked_elsewhere(&other);
    let mut harness = harness(Some(&path), data.path());
    save_as_in_app(&mut harness, &other);
    settle(&mut harness);
    harness.get_by_label_contains("open in another Riposte window");
    assert!(harness.query_by_label("Replace").is_none());
    assert_eq!(title_on_disk(&other), "open elsewhere");
    assert_eq!(
        harness.state().document().path.as_deref(),
        Some(path.as_path())
    );
}

#[test]
fn the_export_dialog_refuses_to_write_over_the_open_project() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let before = std::fs::read(&path).unwrap();
    let mut harness = harness(Some(&path), data.path());
    in_one_frame(&mut harness, vec![Action::Command(Command::Export)]);
    harness.step();
    harness.step();
    // The same file, spelled another way.
    let roundabout = work.path().join(".").join("story.ron");
    type_into(
        &mut harness,
        "Destination",
        &roundabout.display().to_string(),
    );
    click(&mut harness, "Export");
    settle(&mut harness);
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the project file was overwritten by the export"
    );
    let notice = harness.state().notices().last().unwrap().text.clone();
    assert!(notice.contains("the open project"), "{notice}");
    assert!(notice.contains("story.ron"), "{notice}");
    harness.get_by_role_and_label(Role::TextInput, "Destination");
}

/// The demo with claim `index`'s range shifted by three bytes, as a hand
/// edit could leave it: its range no longer holds its quote.
fn demo_with_a_broken_claim(dir: &Path, index: usize) -> (PathBuf, riposte::model::ClaimId) {
    let path = demo_project(dir);
    let mut project = project_file::load(&path).unwrap().project;
    std::sync::Arc::make_mut(&mut project.claims[index])
        .anchor
        .start += 3;
    std::sync::Arc::make_mut(&mut project.claims[index])
        .anchor
        .end += 3;
    let claim = project.claims[index].id;
    project_file::save(&path, &project).unwrap();
    (path, claim)
}

#[test]
fn a_broken_claim_is_listed_for_review_with_the_reason_and_repaired_there() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let (path, claim) = demo_with_a_broken_claim(work.path(), 0);
    let mut harness = harness(Some(&path), data.path());
    // It stays editable like any other claim.
    let mut info = harness.state().project().claim(claim).unwrap().info.clone();
    info.speaker = "Edited while broken".to_string();
    in_one_frame(&mut harness, vec![Action::SetClaimInfo { claim, info }]);
    assert_eq!(
        harness.state().project().claim(claim).unwrap().info.speaker,
        "Edited while broken"
    );
    in_one_frame(&mut harness, vec![Action::Command(Command::ReviewClaims)]);
    harness.step();
    harness.step();
    harness.get_by_label_contains("does not match its article");
    click(&mut harness, "Repair");
    let project = harness.state().project();
    assert!(project.problems().is_empty(), "{:?}", project.problems());
    assert_eq!(project.claims_for_review().count(), 0);
    assert_eq!(
        harness.state().document().history.undo_label(),
        Some("repair claim")
    );
    let notice = harness.state().notices().last().unwrap().text.clone();
    assert!(notice.contains(&claim.to_string()), "{notice}");
    assert!(notice.contains("found"), "{notice}");
    harness.get_by_label_contains("No claims need review");
}

#[test]
fn when_undo_history_drops_its_oldest_steps_the_window_says_so() {
    let work = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut harness = window(Startup {
        undo_memory_limit: 4096,
        ..Startup::for_tests(Some(path))
    });
    let long_title = "a title long enough to fill the undo history quickly ".repeat(8);
    let edits = (0..40)
        .map(|i| rename(&format!("{long_title}{i}")))
        .collect();
    in_one_frame(&mut harness, edits);
    harness.step();
    let history = &harness.state().document().history;
    assert!(history.dropped_steps() > 0);
    assert!(history.memory_bytes() <= 4096);
    let notice = harness
        .state()
        .notices()
        .iter()
        .map(|n| n.text.clone())
        .find(|t| t.contains("can no longer be undone"))
        .expect("a notice says the oldest steps were dropped");
    assert!(notice.contains("oldest"), "{notice}");
    // The Edit menu says it too.
    harness.get_by_label("Edit").click();
    harness.step();
    harness.step();
    harness.get_by_label_contains("oldest change(s) can no longer be undone");
}

#[test]
fn work_based_on_a_file_someone_else_saved_since_is_not_restored_without_asking() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut crashed = harness(Some(&path), data.path());
    in_one_frame(&mut crashed, vec![rename("my unsaved edit")]);
    // Someone else saves the file; then this window crashes, its copy
    // written after their save.
    let mut theirs = project_file::load(&path).unwrap().project;
    theirs.title = "their saved work".to_string();
    project_file::save(&path, &theirs).unwrap();
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crashed.state_mut().run_guarded(|_| panic!("a crash"))
    }));
    drop(crashed);
    let next = harness(Some(&path), data.path());
    assert_eq!(next.state().project().title, "their saved work");
    next.get_by_label_contains("changed on disk since the work in this copy began");
    assert!(next.query_by_label("Restore").is_none());
    next.get_by_label("Restore the copy anyway");
}
