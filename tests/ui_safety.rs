//! The window's "never lose an analyst's work" features, driven without a
//! display: autosave and restore, external changes, the lock, and editing
//! an article's text with its claims re-anchored. Assertions are on the
//! project and on files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use riposte::io::lock::{LockOwner, lock_path};
use riposte::io::{project_file, recovery};
use riposte::model::{Edit, Project};
use riposte::ui::commands::Command;
use riposte::ui::{Action, App, Startup};

mod ui_support;
use ui_support::{settle, window};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The window, with recovery copies in `data`.
fn harness(project: Option<&Path>, data: &Path) -> Harness<'static, App> {
    window(Startup {
        data_dir: Some(data.to_path_buf()),
        ..Startup::for_tests(project.map(Path::to_path_buf))
    })
}

/// Steps (in real time) until `done` holds, for at most `limit`.
fn step_until(
    harness: &mut Harness<'_, App>,
    limit: Duration,
    mut done: impl FnMut(&mut Harness<'_, App>) -> bool,
) {
    let start = Instant::now();
    while start.elapsed() < limit {
        harness.step();
        if done(harness) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("condition not met within {limit:?}");
}

fn demo_project(dir: &Path) -> PathBuf {
    let path = dir.join("demo.ron");
    std::fs::copy(repo().join("saves/demo.ron"), &path).unwrap();
    path
}

fn load(path: &Path) -> Project {
    project_file::load(path).unwrap().project
}

/// The recovery copy a window whose process is gone left of `path` (or of
/// an untitled project), its changes based on the file as it is now.
fn crashed_window_copy(data: &Path, path: Option<&Path>, project: &Project, unsaved: u64) {
    let request = recovery::CopyRequest {
        owner: recovery::CopyOwner {
            pid: 4_000_000_000,
            document: 1,
        },
        project_path: path,
        base: recovery::Base::of_file(path).unwrap(),
        unsaved_changes: unsaved,
        made_at: chrono::Utc::now(),
        crash: None,
    };
    recovery::write_copy(data, &request, project).unwrap();
}

fn copies(data: &Path) -> Vec<recovery::RecoveryCopy> {
    recovery::find_recovery_copies(data).0
}

fn rename(harness: &mut Harness<'_, App>, title: &str) {
    harness
        .state_mut()
        .push(Action::Edit(Edit::SetProjectTitle(title.to_string())));
    harness.step();
}

#[test]
fn autosave_writes_a_recovery_copy_after_20_edits_and_a_save_removes_it() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut harness = harness(Some(&path), data.path());
    for i in 0..19 {
        rename(&mut harness, &format!("Edit {i}"));
    }
    // 19 edits, well within 30 s: no copy yet.
    std::thread::sleep(Duration::from_millis(100));
    harness.step();
    assert!(copies(data.path()).is_empty());
    rename(&mut harness, "Edit 19");
    step_until(&mut harness, Duration::from_secs(5), |_| {
        !copies(data.path()).is_empty()
    });
    let found = copies(data.path());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].meta.unsaved_changes, 20);
    assert_eq!(
        found[0].meta.project_path.as_deref(),
        Some(path.display().to_string().as_str())
    );
    let (_, copy) = recovery::load_recovery(&found[0].path).unwrap();
    assert_eq!(copy.title, "Edit 19");
    // The analyst's file is untouched.
    assert_ne!(load(&path).title, "Edit 19");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    harness.step();
    assert_eq!(load(&path).title, "Edit 19");
    assert!(copies(data.path()).is_empty(), "a save removes the copy");
}

#[test]
fn startup_offers_the_recovery_copy_and_restoring_brings_the_edits_back() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut edited = load(&path);
    edited.title = "Recovered title".to_string();
    let claim = edited.claims[0].id;
    std::sync::Arc::make_mut(&mut edited.claims[0]).info.note =
        "note typed before the crash".to_string();
    crashed_window_copy(data.path(), Some(&path), &edited, 2);

    let mut harness = harness(Some(&path), data.path());
    harness.get_by_label_contains("Recover unsaved work?");
    harness.get_by_label_contains("2 unsaved change(s)");
    harness.get_by_label("Restore").click();
    harness.step();
    // The copy is read in the background.
    settle(&mut harness);
    let state = harness.state();
    assert_eq!(state.project().title, "Recovered title");
    assert_eq!(
        state.project().claim(claim).unwrap().info.note,
        "note typed before the crash"
    );
    assert!(state.document().is_dirty(), "restored work is unsaved");
    assert_eq!(state.document().path.as_deref(), Some(path.as_path()));
    // The copy stays until the work is saved.
    assert_eq!(copies(data.path()).len(), 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    harness.step();
    assert_eq!(load(&path), harness.state().project().clone());
    assert!(copies(data.path()).is_empty());
}

#[test]
fn a_copy_older_than_the_file_on_disk_is_never_restored_without_asking() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut edited = load(&path);
    edited.title = "From the copy".to_string();
    crashed_window_copy(data.path(), Some(&path), &edited, 1);
    let mut newer = load(&path);
    newer.title = "Saved later elsewhere".to_string();
    project_file::save(&path, &newer).unwrap();

    let mut harness = harness(Some(&path), data.path());
    assert_eq!(harness.state().project().title, "Saved later elsewhere");
    harness.get_by_label_contains("changed on disk since the work in this copy began");
    assert!(harness.query_by_label("Restore").is_none());
    harness.get_by_label("Discard the copy").click();
    harness.step();
    assert_eq!(harness.state().project().title, "Saved later elsewhere");
    assert!(copies(data.path()).is_empty());
}

#[test]
fn an_external_change_shows_the_banner_and_reload_loads_it() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut harness = harness(Some(&path), data.path());
    rename(&mut harness, "Mine, unsaved");

    let mut theirs = load(&path);
    theirs.title = "Theirs".to_string();
    theirs.links.clear();
    let link_count = load(&path).links.len();
    project_file::save(&path, &theirs).unwrap();
    step_until(&mut harness, Duration::from_secs(6), |h| {
        h.query_by_label("Reload").is_some()
    });
    harness.get_by_label_contains("changed on disk");

    harness.get_by_label("Compare").click();
    harness.step();
    // The file is read and compared in the background; the window shows
    // after its sizing pass.
    settle(&mut harness);
    harness.step();
    harness.get_by_label(&format!("0 added, {link_count} removed, 0 changed"));

    // A save now asks before overwriting their version.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    // The save checks the file in the background, then asks.
    settle(&mut harness);
    harness.step();
    harness.get_by_label("The file changed on disk");
    harness.get_by_label("Cancel").click();
    settle(&mut harness);
    assert_eq!(load(&path).title, "Theirs", "nothing was overwritten");

    // Reload is both in the banner and in the comparison window.
    harness.get_all_by_label("Reload").next().unwrap().click();
    settle(&mut harness);
    let state = harness.state();
    assert_eq!(state.project().title, "Theirs");
    assert!(state.project().links.is_empty());
    assert!(!state.document().is_dirty());
}

#[test]
fn saving_over_an_external_change_after_confirming_overwrites() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut harness = harness(Some(&path), data.path());
    rename(&mut harness, "Mine");
    let mut theirs = load(&path);
    theirs.title = "Theirs".to_string();
    project_file::save(&path, &theirs).unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    // The save checks the file in the background, then asks.
    settle(&mut harness);
    harness.step();
    harness.get_by_label("Overwrite").click();
    settle(&mut harness);
    harness.step();
    assert_eq!(load(&path).title, "Mine");
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn a_project_locked_by_a_live_process_warns_and_can_be_taken_over() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    // Process 1 is always running: a live lock held by someone else.
    let host = LockOwner::current().host;
    std::fs::write(lock_path(&path), format!("pid 1\nhost {host}\n")).unwrap();
    let mut harness = harness(Some(&path), data.path());
    harness.get_by_label_contains("already open in another Riposte window (pid 1");
    harness.get_by_label("Take over").click();
    harness.step();
    let lock = std::fs::read_to_string(lock_path(&path)).unwrap();
    assert!(
        lock.contains(&format!("pid {}", std::process::id())),
        "{lock}"
    );
    drop(harness);
    assert!(!lock_path(&path).exists(), "closing releases the lock");
}

#[test]
fn editing_article_text_in_the_window_reanchors_claims_and_undo_restores_them() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut harness = harness(Some(&path), data.path());
    let before = harness.state().project().clone();
    let article = before.claims[0].article;
    let old_text = before.article(article).unwrap().text.clone();
    let claims_before: Vec<_> = before.claims_of_article(article).cloned().collect();
    assert!(claims_before.len() >= 2);
    // Prepend a note and drop the first claim's sentence entirely.
    let lost = &claims_before[0];
    let prefix = "Editor's note: this article was updated.\n\n";
    let new_text = format!(
        "{prefix}{}{}",
        &old_text[..lost.anchor.start],
        &old_text[lost.anchor.end..]
    );

    harness.state_mut().push(Action::OpenArticle(article));
    harness
        .state_mut()
        .push(Action::Command(Command::EditArticleText));
    // Apply the actions, then the window's sizing pass, then it shows.
    for _ in 0..3 {
        harness.step();
    }
    let field = harness.get_by_role_and_label(Role::MultilineTextInput, "Article text (editing)");
    field.focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Article text (editing)")
        .type_text(&new_text);
    harness.step();
    harness.get_by_label("Apply").click();
    harness.step();
    // The claims are found again in the background.
    settle(&mut harness);

    let project = harness.state().project().clone();
    assert_eq!(*project.article(article).unwrap().text, *new_text);
    let lost_now = project.claim(lost.id).unwrap();
    assert!(lost_now.needs_review(), "{lost_now:?}");
    for claim in &claims_before[1..] {
        let now = project.claim(claim.id).unwrap();
        if !now.needs_review() {
            assert_eq!(now.anchor.quote, claim.anchor.quote);
            assert_eq!(&new_text[now.anchor.range()], claim.anchor.quote);
        }
    }
    // The review list opened and selects a claim when clicked.
    harness.step();
    harness.get_by_label("Needs review");
    harness
        .get_by_label_contains(&format!("{} ·", lost.id))
        .click();
    harness.step();
    harness.step();
    assert_eq!(harness.state().selected_claim(), Some(lost.id));

    // The lost claim is re-attached to a span the analyst selects.
    assert!(project.claim(lost.id).unwrap().is_orphan());
    let again = new_text.find("Editor's note").unwrap();
    let range = again..again + "Editor's note".len();
    harness
        .state_mut()
        .reading_view_mut()
        .set_selection(Some(range.clone()));
    harness.step();
    harness.get_by_label("Re-attach to selection").click();
    harness.step();
    let attached = harness.state().project().claim(lost.id).unwrap().clone();
    assert_eq!(attached.anchor.range(), range);
    assert!(!attached.needs_review());
    harness.state_mut().push(Action::Command(Command::Undo));
    harness.step();

    // One undo step restores the text and every claim.
    harness.state_mut().push(Action::Command(Command::Undo));
    harness.step();
    let undone = harness.state().project();
    assert_eq!(undone.article(article).unwrap().text, old_text);
    for claim in &claims_before {
        assert_eq!(undone.claim(claim.id), Some(claim));
    }
}

#[test]
fn replacing_article_text_from_a_file_goes_through_the_editor() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = demo_project(work.path());
    let mut harness = harness(Some(&path), data.path());
    let before = harness.state().project().clone();
    let article = before.claims[0].article;
    let old_text = before.article(article).unwrap().text.clone();
    // A newer version with Windows line ends and a line added at the top.
    let newer = work.path().join("newer.txt");
    let crlf = format!("Updated 2024-09-01.\n\n{old_text}").replace('\n', "\r\n");
    std::fs::write(&newer, crlf).unwrap();

    harness.state_mut().push(Action::OpenArticle(article));
    harness
        .state_mut()
        .push(Action::Command(Command::ReplaceTextFromFile));
    for _ in 0..3 {
        harness.step();
    }
    let field = harness.get_by_role_and_label(Role::TextInput, "Path");
    field.focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Path")
        .type_text(&newer.display().to_string());
    harness.step();
    harness.get_by_label("Use this text").click();
    harness.step();
    // The file is read in the background, then the editor shows.
    settle(&mut harness);
    for _ in 0..2 {
        harness.step();
    }
    harness.get_by_label_contains("New version read from");
    harness.get_by_label("Apply").click();
    harness.step();
    settle(&mut harness);
    let project = harness.state().project();
    let text = &project.article(article).unwrap().text;
    assert_eq!(**text, *format!("Updated 2024-09-01.\n\n{old_text}"));
    for claim in before.claims_of_article(article) {
        let now = project.claim(claim.id).unwrap();
        assert_eq!(now.anchor.quote, claim.anchor.quote);
        assert_eq!(&text[now.anchor.range()], claim.anchor.quote);
        assert!(!now.needs_review());
    }
}

#[test]
fn an_untitled_copy_left_by_a_crashed_window_is_offered_at_start() {
    let data = tempfile::tempdir().unwrap();
    let mut project = Project::new("Never saved");
    project.title = "Draft from a crashed window".to_string();
    crashed_window_copy(data.path(), None, &project, 4);

    let mut harness = harness(None, data.path());
    harness.get_by_label_contains("an untitled project");
    harness.get_by_label("Restore").click();
    harness.step();
    // The copy is read in the background.
    settle(&mut harness);
    let state = harness.state();
    assert_eq!(state.project().title, "Draft from a crashed window");
    assert!(state.document().is_dirty());
    assert_eq!(state.document().path, None);
}
