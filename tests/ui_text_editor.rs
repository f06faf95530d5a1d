//! The article text editor in the real window (Edit ▸ Edit article text):
//! the text is shown as blocks of paragraphs, each its own text field;
//! typing, joining blocks with Backspace, moving between blocks with the
//! arrow keys, Cancel asking before discarding, and Apply giving back the
//! exact bytes when nothing changed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::DateTime;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use riposte::io::import::article_from_text;
use riposte::model::{
    Anchor, ArticleId, Bundle, ClaimInfo, Edit, Project, Stamp, apply, content_hash,
};
use riposte::ui::commands::Command;
use riposte::ui::text_editor::{BLOCK_BYTES, BlockStore};
use riposte::ui::{Action, App, Startup};

mod ui_support;
use ui_support::{settle, window};

fn stamp() -> Stamp {
    Stamp {
        analyst: "Test Analyst".to_string(),
        at: DateTime::from_timestamp(1_732_000_000, 0).unwrap(),
    }
}

/// About 15 KB of short paragraphs (written for this test), each naming
/// its number so quotes are unique: several editor blocks.
fn long_text() -> String {
    (1..=60)
        .map(|i| {
            format!(
                "Paragraph {i}: Səfirlik bəyanat yaydı; Посольство опровергло эту информацию; \
                 Դեսպանատունը հերքել է; საელჩომ განცხადება გაავრცელა 😀. The ministry said \
                 the report on item {i} was wrong."
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A project file holding one article with `text` (kept exactly, BOM and
/// CRLF included) and a claim on each of `quotes`.
fn project_file(dir: &Path, text: &str, quotes: &[&str]) -> PathBuf {
    let mut project = Project::default();
    let mut article = article_from_text(ArticleId::untagged(1), text, "test.txt", &stamp());
    article.text = text.into();
    article.content_hash = content_hash(text);
    let bundle = Bundle {
        articles: vec![article],
        ..Bundle::default()
    };
    apply(&mut project, Edit::Insert(Box::new(bundle))).unwrap();
    let id = project.articles[0].id;
    for quote in quotes {
        let anchor = Anchor::from_quote(text, quote, None).unwrap();
        let (edit, _) = Edit::add_claim(&project, id, anchor, ClaimInfo::default(), &stamp());
        apply(&mut project, edit).unwrap();
    }
    let path = dir.join("project.ron");
    riposte::io::save(&path, &project).unwrap();
    path
}

/// The window on `path` with the editor open on its article.
fn editor_on(path: &Path, data: &Path) -> Harness<'static, App> {
    let mut harness = window(Startup {
        data_dir: Some(data.to_path_buf()),
        ..Startup::for_tests(Some(path.to_path_buf()))
    });
    let article = harness.state().project().articles[0].id;
    harness.state_mut().push(Action::OpenArticle(article));
    harness
        .state_mut()
        .push(Action::Command(Command::EditArticleText));
    // The actions, the window's sizing pass, then it shows.
    for _ in 0..3 {
        harness.step();
    }
    harness
}

fn block_label(index: usize, count: usize) -> String {
    format!("Article text (editing), part {} of {count}", index + 1)
}

fn article_text(harness: &Harness<'_, App>) -> String {
    harness.state().project().articles[0].text.to_string()
}

/// Focuses the first block, goes to its end, and presses Down: the cursor
/// moves to the start of the second block.
fn to_second_block(harness: &mut Harness<'_, App>, count: usize) {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, &block_label(0, count))
        .focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::CTRL, Key::End);
    harness.step();
    harness.key_press(Key::ArrowDown);
    for _ in 0..3 {
        harness.step();
    }
    let label = block_label(1, count);
    let second = harness.get_by_role_and_label(Role::MultilineTextInput, &label);
    assert!(
        second.is_focused(),
        "Down at the end of a block moves to the next"
    );
}

fn apply_and_settle(harness: &mut Harness<'_, App>) {
    harness.get_by_label("Apply").click();
    harness.step();
    settle(harness);
}

#[test]
fn typing_in_a_paragraph_changes_the_text_there_and_claims_follow() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let text = long_text();
    let early = "report on item 3 was wrong";
    let late = "report on item 50 was wrong";
    let path = project_file(work.path(), &text, &[early, late]);
    let blocks = BlockStore::new(&text, BLOCK_BYTES);
    assert!(blocks.len() >= 3, "the text spans several blocks");
    let mut harness = editor_on(&path, data.path());
    to_second_block(&mut harness, blocks.len());
    harness.event(egui::Event::Text("Inserted → ə 😀. ".into()));
    harness.step();
    harness.step();
    harness.get_by_label_contains("· modified");
    apply_and_settle(&mut harness);

    let at = blocks.blocks()[0].len();
    let mut expected = text.clone();
    expected.insert_str(at, "Inserted → ə 😀. ");
    let got = article_text(&harness);
    assert!(
        got == expected,
        "inserted at {:?}, expected at {at}",
        got.find("Inserted")
    );
    let project = harness.state().project();
    let claims: Vec<_> = project.claims.iter().collect();
    assert_eq!(claims.len(), 2);
    for claim in claims {
        assert!(!claim.needs_review(), "{claim:?}");
        assert_eq!(&expected[claim.anchor.range()], claim.anchor.quote);
    }
    let moved = project
        .claims
        .iter()
        .find(|c| c.anchor.quote == late)
        .unwrap();
    assert_eq!(
        moved.anchor.start,
        text.find(late).unwrap() + "Inserted → ə 😀. ".len()
    );
}

#[test]
fn backspace_at_a_block_start_joins_it_with_the_block_before() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let text = long_text();
    let path = project_file(work.path(), &text, &["report on item 40 was wrong"]);
    let blocks = BlockStore::new(&text, BLOCK_BYTES);
    let count = blocks.len();
    let mut harness = editor_on(&path, data.path());
    to_second_block(&mut harness, count);
    harness.key_press(Key::Backspace);
    for _ in 0..3 {
        harness.step();
    }
    // One block fewer; the cursor stays where the blocks met.
    let label = block_label(0, count - 1);
    let merged = harness.get_by_role_and_label(Role::MultilineTextInput, &label);
    assert!(merged.is_focused());
    harness.event(egui::Event::Text("|".into()));
    harness.step();
    apply_and_settle(&mut harness);

    let first = &blocks.blocks()[0];
    let joint = first.len() - 1;
    let mut expected = text.clone();
    expected.replace_range(joint..joint + 1, "|");
    assert_eq!(article_text(&harness), expected);
    let claim = &harness.state().project().claims[0];
    assert_eq!(&expected[claim.anchor.range()], claim.anchor.quote);
}

#[test]
fn cancel_asks_before_discarding_changes() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let text = long_text();
    let path = project_file(work.path(), &text, &[]);
    let count = BlockStore::new(&text, BLOCK_BYTES).len();
    let mut harness = editor_on(&path, data.path());
    // Unchanged: Cancel closes at once.
    harness.get_by_label("Cancel").click();
    harness.step();
    harness.step();
    assert!(harness.query_by_label("Apply").is_none());

    harness
        .state_mut()
        .push(Action::Command(Command::EditArticleText));
    for _ in 0..3 {
        harness.step();
    }
    harness
        .get_by_role_and_label(Role::MultilineTextInput, &block_label(0, count))
        .focus();
    harness.step();
    harness.event(egui::Event::Text("typed".into()));
    harness.step();
    harness.get_by_label("Cancel").click();
    harness.step();
    harness.step();
    harness.get_by_label("Discard your changes to the text?");
    harness.get_by_label("Keep editing").click();
    harness.step();
    harness.step();
    assert!(
        harness
            .query_by_label("Discard your changes to the text?")
            .is_none()
    );
    harness.get_by_label("Cancel").click();
    harness.step();
    harness.step();
    harness.get_by_label("Discard changes").click();
    harness.step();
    harness.step();
    assert!(
        harness.query_by_label("Apply").is_none(),
        "the editor closed"
    );
    assert_eq!(article_text(&harness), text, "nothing was applied");
}

/// The project keeps article texts normalised (LF, no BOM: see
/// `model::Article::text`), so the CRLF and BOM case is tested on the
/// editor itself (`ui::text_editor::ui_tests`); here, the window.
#[test]
fn apply_without_changes_keeps_the_text_byte_for_byte() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let text = format!("{}\n", long_text());
    let path = project_file(work.path(), &text, &["report on item 12 was wrong"]);
    let before = riposte::io::project_file::load(&path).unwrap().project;
    let count = BlockStore::new(&text, BLOCK_BYTES).len();
    let mut harness = editor_on(&path, data.path());
    // Scroll through the whole text with the keyboard first: drawing and
    // measuring blocks changes nothing.
    harness
        .get_by_role_and_label(Role::MultilineTextInput, &block_label(0, count))
        .focus();
    harness.step();
    for _ in 0..6 {
        harness.key_press(Key::PageDown);
        harness.step();
    }
    harness.step();
    assert!(harness.query_by_label_contains("· modified").is_none());
    apply_and_settle(&mut harness);
    harness.get_by_label_contains("The text is unchanged");
    assert!(article_text(&harness).as_bytes() == text.as_bytes());
    assert_eq!(harness.state().project().claims, before.claims);
}

#[test]
fn clicking_into_the_text_puts_the_cursor_there() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let text = long_text();
    let path = project_file(work.path(), &text, &[]);
    let count = BlockStore::new(&text, BLOCK_BYTES).len();
    let mut harness = editor_on(&path, data.path());
    let label = block_label(0, count);
    let at = harness.get_by_label(&label).rect().min + egui::vec2(40.0, 10.0);
    harness.hover_at(at);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.step();
    assert!(harness.get_by_label(&label).is_focused());
}

#[test]
fn a_reopened_editor_starts_at_the_top_with_fresh_fields() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let text = long_text();
    let path = project_file(work.path(), &text, &[]);
    let count = BlockStore::new(&text, BLOCK_BYTES).len();
    let first = block_label(0, count);
    let mut harness = editor_on(&path, data.path());
    // PageDown scrolls the text under the pointer.
    let over = harness.get_by_label(&first).rect().min + egui::vec2(40.0, 10.0);
    harness.hover_at(over);
    for _ in 0..6 {
        harness.key_press(Key::PageDown);
        harness.step();
    }
    harness.step();
    assert!(harness.query_by_label(&first).is_none(), "scrolled away");
    harness.get_by_label("Cancel").click();
    harness.step();
    harness.step();
    harness
        .state_mut()
        .push(Action::Command(Command::EditArticleText));
    for _ in 0..3 {
        harness.step();
    }
    assert!(harness.query_by_label(&first).is_some(), "back at the top");
}
