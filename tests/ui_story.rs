//! The story over time in the window: the Timeline tab selects a pair and
//! opens it in the reading view, the Stories list filters the timeline to
//! one story, and renaming a story is one undoable step.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use riposte::model::{LinkId, Stories};
use riposte::ui::commands::Command;
use riposte::ui::{Action, App, Startup};

mod ui_support;
use ui_support::{settle, window};

fn demo_project(dir: &Path) -> PathBuf {
    let path = dir.join("demo.ron");
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves/demo.ron");
    std::fs::copy(demo, &path).unwrap();
    path
}

/// Clicks a bottom-panel tab and waits for its background job.
fn open_tab(harness: &mut Harness<'_, App>, name: &str) {
    harness.get_by_label(name).click();
    harness.run_steps(2);
    settle(harness);
    harness.run_steps(2);
}

/// The pair a timeline label names ("Pair l3: Contradicts, 293 d").
fn pair_of(label: &str) -> LinkId {
    let rest = label.strip_prefix("Pair ").unwrap();
    rest.split(':').next().unwrap().parse().unwrap()
}

#[test]
fn a_pair_clicked_on_the_timeline_is_selected_and_opened() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(Startup::for_tests(Some(demo_project(dir.path()))));
    assert_eq!(harness.state().selected_link(), None);
    open_tab(&mut harness, "Timeline");
    let all = harness.state().project().links.len();
    let shown = harness.state().timeline_pair_count().unwrap();
    assert!(shown > 3 && shown <= all, "{shown} of {all}");

    let label = harness
        .query_all(By::new().role(Role::Button).label_contains("Pair "))
        .next()
        .expect("the timeline labels its pairs")
        .accesskit_node()
        .label()
        .unwrap();
    let link = pair_of(&label);
    harness.get_by_label(&label).click();
    harness.run_steps(3);

    let project = harness.state().project().clone();
    let pair = project.link(link).unwrap();
    let claim = project.claim(pair.claim).unwrap();
    assert_eq!(harness.state().selected_link(), Some(link));
    assert_eq!(harness.state().selected_claim(), Some(pair.claim));
    assert_eq!(harness.state().open_article(), Some(claim.article));
}

#[test]
fn a_story_chosen_in_the_list_filters_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(Startup::for_tests(Some(demo_project(dir.path()))));
    let project = harness.state().project().clone();
    let stories = Stories::build(&project);
    assert!(stories.len() > 1);
    let story = stories.iter().max_by_key(|s| s.pairs).unwrap().clone();

    open_tab(&mut harness, "Timeline");
    let everything = harness.state().timeline_pair_count().unwrap();
    open_tab(&mut harness, "Stories");
    harness
        .get_by_label(&format!("Timeline of {}", story.title()))
        .click();
    harness.run_steps(2);
    settle(&mut harness);
    harness.run_steps(2);

    let shown = harness.state().timeline_pair_count().unwrap();
    assert_eq!(shown, story.links.len());
    assert!(shown < everything, "{shown} of {everything}");
}

#[test]
fn renaming_a_story_is_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(Startup::for_tests(Some(demo_project(dir.path()))));
    let project = harness.state().project().clone();
    let stories = Stories::build(&project);
    let story = stories.iter().find(|s| s.name().is_none()).unwrap().clone();
    let names_before = project.story_names.clone();

    open_tab(&mut harness, "Stories");
    harness
        .get_by_label(&format!("Rename {}", story.title()))
        .click();
    harness.run_steps(2);
    let field = harness.get_by_role_and_label(Role::TextInput, "Story name");
    field.focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Story name")
        .type_text("Qarabağ talks — Переговоры 🕊");
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Save").click();
    harness.run_steps(3);

    let named = harness.state().project().story_names.clone();
    assert_eq!(
        named.get(&story.name_key()).map(String::as_str),
        Some("Qarabağ talks — Переговоры 🕊")
    );
    // The list shows the new name once the stories are rebuilt.
    settle(&mut harness);
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("Rename Qarabağ talks — Переговоры 🕊")
            .is_some()
    );

    harness.state_mut().push(Action::Command(Command::Undo));
    harness.run_steps(2);
    assert_eq!(harness.state().project().story_names, names_before);
}
