//! The first five minutes in the window: the first run opens a copy of the
//! demo (never the repository's file), the tour, Help → About, and File →
//! New with its Import button. Driven without a display.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use riposte::io::project_file;
use riposte::model::Edit;
use riposte::ui::{Action, App, Startup};

mod ui_support;
use ui_support::{settle, window};

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
