//! The editor driven through egui_kittest on its own (the window's tests
//! are in `tests/ui_text_editor.rs`): CRLF and BOM kept, blocks drawn only
//! in view, the arrow keys crossing blocks, PageDown scrolling.

use egui::accesskit::Role;
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::TextEditorView;

/// About 60 KB of paragraphs written for these tests.
fn long_text(newline: &str) -> String {
    (1..=240)
        .map(|i| {
            format!(
                "Abzas {i}: Səfirlik bəyanat yaydı. Посольство опровергло эту информацию. \
                 Դեսպանատունը հերքել է։ საელჩომ განცხადება გაავრცელა. 😀{newline}\
                 Second line of paragraph {i}."
            )
        })
        .collect::<Vec<_>>()
        .join(&format!("{newline}{newline}"))
}

fn harness(text: &str) -> Harness<'static, TextEditorView> {
    Harness::builder()
        .with_size(vec2(700.0, 500.0))
        // egui's bundled fonts lack ə, Georgian and Armenian (the app
        // installs them); tofu boxes keep the layout for the test.
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, view: &mut TextEditorView| view.ui(ui),
            TextEditorView::new(text),
        )
}

fn label(index: usize, count: usize) -> String {
    format!("Article text (editing), part {} of {count}", index + 1)
}

fn fields(harness: &Harness<'_, TextEditorView>) -> usize {
    harness.query_all_by_role(Role::MultilineTextInput).count()
}

#[test]
fn crlf_and_bom_come_back_unchanged_and_a_new_line_is_crlf() {
    let text = format!("\u{FEFF}{}\r\n", long_text("\r\n"));
    let mut harness = harness(&text);
    harness.run_steps(3);
    for _ in 0..5 {
        harness.key_press(Key::PageDown);
        harness.run_steps(2);
    }
    assert!(!harness.state().is_modified());
    assert!(harness.state().text() == text, "unchanged text, same bytes");

    let count = harness.state().block_count();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, &label(0, count))
        .focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::CTRL, Key::Home);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert!(harness.state().is_modified());
    let expected = format!("\u{FEFF}\r\n{}", &text[3..]);
    assert!(harness.state().text() == expected, "the new line is CRLF");
}

#[test]
fn only_blocks_in_view_get_a_text_field_and_page_down_scrolls() {
    let text = long_text("\n");
    let mut harness = harness(&text);
    harness.run_steps(3);
    let count = harness.state().block_count();
    assert!(count > 10, "{count} blocks");
    assert!(fields(&harness) <= 3, "{} fields drawn", fields(&harness));
    assert!(harness.query_by_label(&label(0, count)).is_some());
    harness.hover_at(egui::pos2(300.0, 300.0));
    for _ in 0..8 {
        harness.key_press(Key::PageDown);
        harness.run_steps(2);
    }
    assert!(
        harness.query_by_label(&label(0, count)).is_none(),
        "scrolled away"
    );
    assert!(fields(&harness) <= 3);
}

#[test]
fn arrow_keys_leave_a_block_at_its_edges() {
    let text = long_text("\n");
    let mut harness = harness(&text);
    harness.run_steps(3);
    let count = harness.state().block_count();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, &label(0, count))
        .focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::CTRL, Key::End);
    harness.run_steps(1);
    harness.key_press(Key::ArrowRight);
    harness.run_steps(3);
    assert!(
        harness.get_by_label(&label(1, count)).is_focused(),
        "Right at the end"
    );
    harness.key_press(Key::ArrowUp);
    harness.run_steps(3);
    assert!(
        harness.get_by_label(&label(0, count)).is_focused(),
        "Up on the first row"
    );
    harness.key_press(Key::ArrowDown);
    harness.run_steps(3);
    assert!(
        harness.get_by_label(&label(1, count)).is_focused(),
        "Down on the last row"
    );
    // Typing lands at the start of the block entered with Down.
    harness.event(egui::Event::Text("X".into()));
    harness.run_steps(2);
    let first = &harness.state().store.blocks()[0];
    let at = first.len();
    let mut expected = text.clone();
    expected.insert(at, 'X');
    assert!(harness.state().text() == expected);
    assert!(!harness.state().text()[..at].contains('X'));
}

#[test]
fn clicking_into_a_block_puts_the_cursor_there() {
    let text = long_text("\n");
    let mut harness = harness(&text);
    harness.run_steps(3);
    let count = harness.state().block_count();
    harness.get_by_label(&label(0, count)).click();
    harness.run_steps(2);
    assert!(
        harness.get_by_label(&label(0, count)).is_focused(),
        "a click focuses"
    );
    harness.event(egui::Event::Text("X".into()));
    harness.run_steps(2);
    assert!(harness.state().text().contains('X'));
}
