//! Issue 11, item 16: the undo history is bounded by memory. The oldest
//! steps are dropped (and the history says how many), an article-text edit
//! keeps only what changed, and dirty tracking stays right after a drop.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{project_with_texts, stamp};
use riposte::model::{ArticleId, Edit, History, Project, edit_article_text};

const MB: usize = 1 << 20;

/// About `bytes` of Unicode text in short lines (ə, ş, Armenian, emoji).
fn long_text(bytes: usize, seed: usize) -> String {
    let line = format!("Line {seed}: Əsas xəbər — Հայաստան 😀 and some plain words.\n");
    line.repeat(bytes / line.len() + 1)
}

fn first_article(project: &Project) -> ArticleId {
    project.articles[0].id
}

fn text_of(project: &Project) -> &str {
    &project.articles[0].text
}

fn text_edit(project: &Project, new_text: &str) -> Edit {
    edit_article_text(project, first_article(project), new_text, &stamp())
        .unwrap()
        .0
}

#[test]
fn a_small_change_to_a_long_article_costs_little_history() {
    let text = long_text(MB, 0);
    let mut project = project_with_texts(&[&text]);
    let start = project.clone();
    let mut history = History::new();
    let edited = text.replacen("plain words", "plain wording", 1);
    let edit = text_edit(&project, &edited);
    history.apply(&mut project, edit).unwrap();
    assert!(
        history.memory_bytes() < 16 * 1024,
        "{} bytes kept for a two-letter change in a 1 MB article",
        history.memory_bytes()
    );
    assert_eq!(text_of(&project), edited);
    let after = project.clone();
    history.undo(&mut project).unwrap();
    assert_eq!(project, start);
    history.redo(&mut project).unwrap();
    assert_eq!(project, after);
}

#[test]
fn multibyte_characters_split_at_the_edit_still_undo_exactly() {
    // "ə" (C9 99) and "ɛ" (C9 9B) share their first byte: the common start
    // must stop before it, on a character boundary of both texts.
    let mut project = project_with_texts(&["Bu xəbər doğrudur."]);
    let start = project.clone();
    let mut history = History::new();
    let edit = text_edit(&project, "Bu xɛbər doğrudur.");
    history.apply(&mut project, edit).unwrap();
    let edit = text_edit(&project, "Bu xɛbɛr doğru deyil 😀.");
    history.apply(&mut project, edit).unwrap();
    let after = project.clone();
    history.undo(&mut project).unwrap();
    history.undo(&mut project).unwrap();
    assert_eq!(project, start);
    history.redo(&mut project).unwrap();
    history.redo(&mut project).unwrap();
    assert_eq!(project, after);
}

#[test]
fn the_oldest_steps_are_dropped_to_stay_within_the_limit() {
    let mut project = project_with_texts(&[&long_text(100 * 1024, 0)]);
    let mut history = History::with_memory_limit(MB);
    history.mark_saved();
    let mut states = vec![project.clone()];
    for i in 1..=40 {
        // Every line changes: the whole text is the changed middle.
        let edit = text_edit(&project, &long_text(100 * 1024, i));
        history.apply(&mut project, edit).unwrap();
        states.push(project.clone());
        assert!(
            history.memory_bytes() <= MB,
            "{} bytes after step {i}",
            history.memory_bytes()
        );
    }
    let kept = history.undo_depth();
    assert!((2..40).contains(&kept), "{kept} steps kept");
    assert_eq!(history.dropped_steps(), 40 - kept as u64);
    while history.can_undo() {
        history.undo(&mut project).unwrap();
    }
    assert_eq!(
        project,
        states[40 - kept],
        "undo stops at the oldest kept step"
    );
    assert!(
        history.is_dirty(),
        "the project differs from the saved one even with no step left to undo"
    );
    while history.can_redo() {
        history.redo(&mut project).unwrap();
    }
    assert_eq!(project, states[40]);
}

#[test]
fn the_newest_step_is_kept_even_when_it_alone_is_over_the_limit() {
    let mut project = project_with_texts(&["short"]);
    let mut history = History::with_memory_limit(1024);
    history
        .apply(&mut project, Edit::SetProjectTitle("first".to_string()))
        .unwrap();
    let big = long_text(64 * 1024, 1);
    let edit = text_edit(&project, &big);
    history.apply(&mut project, edit).unwrap();
    assert_eq!(history.undo_depth(), 1);
    assert_eq!(history.dropped_steps(), 1);
    assert_eq!(history.undo_label(), Some("edit article text"));
    history.undo(&mut project).unwrap();
    assert_eq!(text_of(&project), "short");
    assert_eq!(project.title, "first");
}

#[test]
fn a_new_history_has_a_generous_default_limit() {
    let history = History::new();
    assert!(history.memory_limit() >= 64 * MB);
    assert_eq!(history.memory_bytes(), 0);
    assert_eq!(history.dropped_steps(), 0);
}
