//! The first five minutes in the window: the first run opens a copy of the
//! demo (never the repository's file), the tour, Help → About, and File →
//! New with its Import button. Driven without a display.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use riposte::io::cache::ProjectCache;
use riposte::io::{project_file, recovery};
use riposte::model::Edit;
use riposte::ui::commands::{self, Command};
use riposte::ui::{Action, App, Startup};

mod ui_support;
use ui_support::{saved_storage, settle, window, window_with_storage};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The window as `riposte` without a path starts it, with no preferences
/// yet (a first run), keeping its files in `data`.
fn first_run(data: &Path) -> Harness<'static, App> {
    window(Startup {
        restore_last: true,
        data_dir: Some(data.to_path_buf()),
        ..Startup::for_tests(None)
    })
}

#[test]
fn a_first_run_opens_a_copy_of_the_demo_and_saving_leaves_the_repository_alone() {
    let demo = repo().join("saves/demo.ron");
    let before = std::fs::read(&demo).unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut harness = first_run(data.path());
    let path = harness.state().document().path.clone().expect("a path");
    assert!(
        path.starts_with(data.path()),
        "the first run opened {}",
        path.display()
    );
    assert!(!harness.state().project().articles.is_empty());

    harness
        .state_mut()
        .push(Action::Edit(Edit::SetProjectTitle("My first try".into())));
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    assert_eq!(
        project_file::load(&path).unwrap().project.title,
        "My first try"
    );
    assert_eq!(std::fs::read(&demo).unwrap(), before, "the demo changed");
    for leftover in ["saves/demo.ron.lock", "saves/demo.ron.bak"] {
        assert!(!repo().join(leftover).exists(), "{leftover} was written");
    }

    // Another start without preferences keeps the analyst's changed copy.
    drop(harness);
    let harness = first_run(data.path());
    assert_eq!(harness.state().document().path.as_deref(), Some(&*path));
    assert_eq!(harness.state().project().title, "My first try");
}

#[test]
fn without_a_writable_data_folder_the_first_run_opens_the_demo_untitled() {
    let data = tempfile::tempdir().unwrap();
    let not_a_folder = data.path().join("a-file");
    std::fs::write(&not_a_folder, "x").unwrap();
    let harness = first_run(&not_a_folder.join("riposte"));
    assert_eq!(harness.state().document().path, None);
    assert!(!harness.state().project().articles.is_empty());
    let notice = &harness.state().notices().last().expect("a notice").text;
    assert!(
        notice.contains("untitled") && notice.contains("a-file"),
        "{notice}"
    );
}

#[test]
fn file_new_shows_an_import_button_that_opens_the_chooser() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = first_run(data.path());
    assert!(
        harness
            .query_by_label("This project has no articles yet")
            .is_none()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.step();
    harness.step();
    assert!(harness.state().project().articles.is_empty());
    harness.get_by_label("This project has no articles yet");
    harness.get_by_label_contains("drop .txt and .md files");
    harness
        .get_by_role_and_label(Role::Button, "Import articles…")
        .click();
    // Pointer, click, the action, then the chooser's first frame.
    for _ in 0..4 {
        harness.step();
    }
    // Tests have no system dialogs: the in-app chooser asks for the path.
    harness.get_by_role_and_label(Role::TextInput, "Path");
}

/// A first run as `riposte` without a path starts it, tour included, with
/// the preferences an earlier run kept in `storage`.
fn start_with(data: &Path, storage: ui_support::MemoryStorage) -> Harness<'static, App> {
    window_with_storage(
        Startup {
            restore_last: true,
            data_dir: Some(data.to_path_buf()),
            offer_tour: true,
            cache: Some(ProjectCache::at(data.join("cache"))),
            ..Startup::for_tests(None)
        },
        storage,
    )
}

/// Clicks `button`, then lets a window that changed size settle where it
/// goes (it sizes itself to its new text over a few frames).
fn click(harness: &mut Harness<'_, App>, button: &str) {
    harness.get_by_role_and_label(Role::Button, button).click();
    for _ in 0..4 {
        harness.step();
    }
}

/// As the Help menu does it; a new window shows from its second frame.
fn run_command(harness: &mut Harness<'_, App>, command: Command) {
    harness.state_mut().push(Action::Command(command));
    for _ in 0..3 {
        harness.step();
    }
}

/// Whether any text on screen contains `text` (a label and its text runs
/// both match, so there may be several).
fn shows_text(harness: &Harness<'_, App>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

fn key_of(harness: &Harness<'_, App>, command: Command) -> String {
    commands::shortcut_text(&harness.ctx, command)
}

#[test]
fn the_tour_shows_on_a_first_run_and_once_done_not_after_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_with(data.path(), Default::default());
    harness.get_by_label("Select a quote");
    // Closed before it was finished: the next start shows it again.
    let unfinished = saved_storage(&mut harness);

    click(&mut harness, "Next");
    harness.get_by_label("Mark it as a claim");
    let mark = key_of(&harness, Command::MarkClaim);
    assert_eq!(mark, "M");
    assert!(shows_text(&harness, &format!("press {mark}")));
    click(&mut harness, "Next");
    harness.get_by_label("Pair it with its response");
    let relation_keys = commands::relation_keys(&harness.ctx);
    assert_eq!(relation_keys, "1–6");
    assert!(shows_text(&harness, &format!("press {relation_keys}")));
    click(&mut harness, "Next");
    harness.get_by_label("The pairs table");
    click(&mut harness, "Done");
    assert!(harness.query_by_label("The pairs table").is_none());
    assert!(harness.query_by_label("Getting started").is_none());

    let done = saved_storage(&mut harness);
    drop(harness);
    let mut again = start_with(data.path(), done);
    assert!(again.query_by_label("Select a quote").is_none());
    // The restart opened the same project, and the window works as usual.
    assert!(!again.state().project().articles.is_empty());
    again.step();
    assert!(again.query_by_label("Getting started").is_none());

    let unfinished = start_with(data.path(), unfinished);
    unfinished.get_by_label("Select a quote");
}

#[test]
fn a_skipped_tour_stays_away_and_help_shows_it_again() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_with(data.path(), Default::default());
    click(&mut harness, "Skip the tour");
    assert!(harness.query_by_label("Select a quote").is_none());
    let skipped = saved_storage(&mut harness);
    drop(harness);

    let mut harness = start_with(data.path(), skipped);
    assert!(harness.query_by_label("Select a quote").is_none());
    run_command(&mut harness, Command::Tour);
    harness.get_by_label("Select a quote");
    click(&mut harness, "Next");
    click(&mut harness, "Back");
    harness.get_by_label("Select a quote");
}

#[test]
fn about_shows_the_version_the_licence_and_the_paths_in_use() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = start_with(data.path(), Default::default());
    click(&mut harness, "Skip the tour");
    run_command(&mut harness, Command::About);
    harness.get_by_label(&format!("Riposte {}", env!("CARGO_PKG_VERSION")));
    harness.get_by_label("Licence: MIT OR Apache-2.0");
    let project = harness
        .state()
        .document()
        .path
        .clone()
        .expect("the demo copy");
    let shown = [
        project.display().to_string(),
        data.path().join("app.ron").display().to_string(),
        recovery::recovery_dir(data.path()).display().to_string(),
        data.path().join("cache").display().to_string(),
    ];
    for path in shown {
        assert!(shows_text(&harness, &path), "{path} is not shown");
    }
    assert!(shows_text(
        &harness,
        &format!("this one: {}", project.display())
    ));
    // Every path shown has a button that copies it.
    let copy_buttons = harness.query_all_by_role_and_label(Role::Button, "Copy");
    assert_eq!(copy_buttons.count(), 4);
}
