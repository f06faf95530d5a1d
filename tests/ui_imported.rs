//! The "Imported: check the details" list after an import (issue 15): the
//! detected details with guesses marked, corrected and confirmed in the
//! window as one undoable step per article.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use riposte::io::project_file;
use riposte::model::{MetaField, Project};
use riposte::ui::{Action, Startup};
use ui_support::{settle, window};

/// A wire story whose dateline has no year: the date is a guess.
const WIRE: &str = "Ministry calls the report baseless\n\
BAKU, Azerbaijan, Nov. 21 (Trend)\n\
The ministry said on Tuesday that the report about the border was baseless and \
that no such meeting took place. Сообщение назвали ложным. Hesabat əsassızdır.\n";

#[test]
fn imported_details_are_listed_with_guesses_and_confirmed_as_an_undoable_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.ron");
    project_file::save(&path, &Project::new("Story")).unwrap();
    let article_file = dir.path().join("wire.txt");
    std::fs::write(&article_file, WIRE).unwrap();
    let mut harness = window(Startup::for_tests(Some(path)));

    harness.state_mut().push(Action::Import(vec![article_file]));
    settle(&mut harness);
    let article = harness.state().project().articles[0].clone();
    assert!(
        article.meta.is_uncertain(MetaField::Published),
        "a dateline without a year gives a guessed date: {:?}",
        article.meta
    );
    harness.get_by_label("Imported: check the details");
    assert!(
        harness.query_all_by_label("guess").count() >= 1,
        "the guessed date is marked in the list"
    );
    // The new article opens in the reading view.
    assert_eq!(harness.state().open_article(), Some(article.id));

    let date = format!("Date of {}", article.id);
    harness
        .get_by_role_and_label(Role::TextInput, &date)
        .focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.step();
    harness
        .get_by_role_and_label(Role::TextInput, &date)
        .type_text("2023-11-21");
    harness.step();
    harness
        .get_by_label(&format!("Confirm {}", article.id))
        .click();
    harness.step();
    harness.step();

    let meta = &harness.state().project().articles[0].meta;
    assert_eq!(
        meta.published.map(|p| p.date.to_string()).as_deref(),
        Some("2023-11-21")
    );
    assert!(meta.uncertain.is_empty(), "confirmed: nothing is a guess");
    assert_eq!(meta.title, article.meta.title);
    assert!(
        harness
            .query_by_label("Imported: check the details")
            .is_none()
    );

    // One undo step brings the detected details back, guesses included.
    harness
        .state_mut()
        .push(Action::Command(riposte::ui::commands::Command::Undo));
    harness.step();
    assert_eq!(harness.state().project().articles[0].meta, article.meta);
}
