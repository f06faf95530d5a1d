//! The widget driven through egui_kittest: dragging selects the right byte
//! range, clicking a highlight reports its claim.

use egui::{Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::blocks::block_byte_to_char;
use super::{Highlight, HighlightLook, ReadingOutput, ReadingView};
use crate::model::{Article, ArticleId, ArticleMeta, ClaimId};

struct State {
    view: ReadingView,
    article: Article,
    highlights: Vec<Highlight>,
    clicked: Option<ClaimId>,
    marked: bool,
    last: ReadingOutput,
}

const TEXT: &str = "Səfir dedi: ქართული ტექსტი და русский текст 🙂.\n\n\
                    The mission denied it flatly. Nothing else happened.";

fn state() -> State {
    let start = TEXT.find("mission").unwrap_or(0);
    State {
        view: ReadingView::new(),
        article: Article {
            id: ArticleId::untagged(1),
            meta: ArticleMeta::default(),
            imported_at: Default::default(),
            content_hash: crate::model::content_hash(TEXT),
            text: TEXT.into(),
        },
        highlights: vec![Highlight {
            range: start..start + "mission".len(),
            claim: ClaimId::untagged(7),
            look: HighlightLook::Unanswered,
        }],
        clicked: None,
        marked: false,
        last: ReadingOutput::default(),
    }
}

fn harness() -> Harness<'static, State> {
    Harness::builder()
        .with_size(vec2(800.0, 500.0))
        // egui's bundled font lacks ə, Georgian and Armenian: the app installs
        // fonts for them; here tofu boxes have the same geometry for the test.
        .allow_missing_glyphs()
        // Fast enough frames for two clicks to make a double-click.
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            |ui, s: &mut State| {
                let out = s.view.ui(ui, &s.article, &s.highlights, None, 1);
                if out.clicked_claim.is_some() {
                    s.clicked = out.clicked_claim;
                }
                s.marked |= out.mark_requested;
                s.last = out;
            },
            state(),
        )
}

/// Screen position of the caret before byte `offset` (its vertical centre).
fn caret(view: &ReadingView, text: &str, offset: usize) -> Pos2 {
    let (origin, placed) = &view.last_drawn;
    let p = placed
        .iter()
        .find(|p| view.blocks[p.block].range.end >= offset)
        .unwrap_or_else(|| panic!("byte {offset} is not on screen"));
    let c = block_byte_to_char(text, &view.blocks[p.block], offset);
    let rect = p.galley.pos_from_cursor(egui::text::CCursor::new(c));
    *origin + vec2(0.0, p.top) + rect.center().to_vec2()
}

#[test]
fn dragging_selects_a_byte_range_on_char_boundaries() {
    let mut harness = harness();
    harness.run();
    // Found by its accessible name, as the app's UI tests will.
    let node = harness.get_by_label("Article text");
    assert!(node.rect().height() > 100.0);
    let end = TEXT.find(" ტექსტი").unwrap_or(0);
    let (from, to) = {
        let view = &harness.state().view;
        (caret(view, TEXT, 0), caret(view, TEXT, end))
    };
    harness.hover_at(from);
    harness.drag_at(from);
    harness.step();
    harness.hover_at(from + vec2(10.0, 0.0));
    harness.step();
    harness.hover_at(to);
    harness.step();
    harness.drop_at(to);
    harness.run();
    let selection = harness.state().view.selection();
    assert_eq!(selection, Some(0..end));
    assert_eq!(&TEXT[0..end], "Səfir dedi: ქართული");
    assert_eq!(harness.state().last.selection, Some(0..end));
    assert_eq!(harness.state().clicked, None, "a drag is not a click");
}

#[test]
fn clicking_a_highlight_reports_its_claim_and_plain_text_does_not() {
    let mut harness = harness();
    harness.run();
    let m = TEXT.find("mission").unwrap_or(0);
    let (on_claim, on_plain) = {
        let view = &harness.state().view;
        let a = caret(view, TEXT, m + 2);
        let b = caret(view, TEXT, m + 3);
        let plain = caret(view, TEXT, TEXT.find("flatly").unwrap_or(0) + 2);
        (Pos2::new((a.x + b.x) / 2.0, a.y), plain + vec2(2.0, 0.0))
    };
    harness.hover_at(on_plain);
    harness.drag_at(on_plain);
    harness.step();
    harness.drop_at(on_plain);
    harness.run();
    assert_eq!(harness.state().clicked, None);

    harness.hover_at(on_claim);
    harness.drag_at(on_claim);
    harness.step();
    harness.drop_at(on_claim);
    harness.run();
    assert_eq!(harness.state().clicked, Some(ClaimId::untagged(7)));
    assert_eq!(harness.state().view.selection(), None);
}

#[test]
fn double_click_selects_a_word_and_scroll_to_flashes() {
    let mut harness = harness();
    harness.run();
    let w = TEXT.find("русский").unwrap_or(0);
    let pos = caret(&harness.state().view, TEXT, w + 4);
    for _ in 0..2 {
        harness.hover_at(pos);
        harness.drag_at(pos);
        harness.step();
        harness.drop_at(pos);
        harness.step();
    }
    harness.run();
    assert_eq!(
        harness.state().view.selection(),
        Some(w..w + "русский".len())
    );

    let m = TEXT.find("mission").unwrap_or(0);
    harness.state_mut().view.scroll_to(m..m + 7);
    harness.step();
    assert!(harness.state().view.flash.is_some(), "flash starts");
}

/// Screen y of the top of block `block` if it was drawn last frame.
fn block_screen_top(view: &ReadingView, block: usize) -> Option<f32> {
    let (origin, placed) = &view.last_drawn;
    placed
        .iter()
        .find(|p| p.block == block)
        .map(|p| origin.y + p.top)
}

#[test]
fn content_does_not_jump_when_blocks_above_get_measured() {
    let mut harness = harness();
    // Paragraphs of very different lengths, so estimates are off.
    let text: String = (0..300)
        .map(|i| format!("Paragraf {i}: {}\n\n", "söz ".repeat(5 + (i * 37) % 120)))
        .collect();
    harness.state_mut().article.text = text.into();
    harness.state_mut().highlights.clear();
    harness.state_mut().view.set_style(super::ReadingStyle {
        font_size: Some(16.5),
        ..super::ReadingStyle::default()
    });
    harness.state_mut().view.set_scroll_offset(20_000.0);
    harness.run();
    // Scroll up into blocks never laid out; the first block that was
    // already measured must stay put while the ones above it are measured.
    harness.state_mut().view.set_scroll_offset(19_800.0);
    harness.step();
    let view = &harness.state().view;
    let (_, placed) = &view.last_drawn;
    let anchor = placed
        .iter()
        .map(|p| p.block)
        .max()
        .unwrap_or_else(|| panic!("nothing drawn"));
    let before = block_screen_top(view, anchor);
    harness.step();
    harness.step();
    let after = block_screen_top(&harness.state().view, anchor);
    assert!(before.is_some());
    assert_eq!(before, after, "block {anchor} moved on screen");
}

#[test]
fn shift_arrows_extend_and_ctrl_a_selects_all_when_focused() {
    let mut harness = harness();
    harness.run();
    let start = TEXT.find("dedi").unwrap_or(0);
    let pos = caret(&harness.state().view, TEXT, start);
    harness.hover_at(pos);
    harness.drag_at(pos);
    harness.step();
    harness.drop_at(pos);
    harness.run();
    for _ in 0..4 {
        harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::ArrowRight);
        harness.step();
    }
    assert_eq!(harness.state().view.selection(), Some(start..start + 4));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.step();
    assert_eq!(harness.state().view.selection(), Some(0..TEXT.len()));
}

#[test]
fn context_menu_marks_the_selection() {
    let mut harness = harness();
    harness.run();
    let start = TEXT.find("русский").unwrap_or(0);
    harness
        .state_mut()
        .view
        .set_selection(Some(start..start + "русский".len()));
    harness.run();
    let pos = caret(&harness.state().view, TEXT, start + 2);
    harness.hover_at(pos);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
    harness.get_by_label("Copy");
    harness.get_by_label("Mark as claim (M)").click();
    harness.run();
    assert!(harness.state().marked);
    assert_eq!(
        harness.state().view.selection(),
        Some(start..start + "русский".len())
    );
}

#[test]
fn resizing_keeps_the_reading_position_and_follows_the_body_size() {
    let mut harness = harness();
    let text: String = (0..300)
        .map(|i| format!("Abzas {i}: {}\n\n", "mətn ".repeat(5 + (i * 37) % 120)))
        .collect();
    harness.state_mut().article.text = text.into();
    harness.state_mut().highlights.clear();
    harness.state_mut().view.set_scroll_offset(12_000.0);
    harness.run();
    let top_block = |h: &Harness<'_, State>| {
        let view = &h.state().view;
        view.layout.block_at_y(view.scroll_offset())
    };
    let before = top_block(&harness);
    assert!(before > 20, "scrolled well into the text");
    harness.set_size(vec2(560.0, 500.0));
    harness.run();
    assert_eq!(
        top_block(&harness),
        before,
        "narrower window, same paragraph on top"
    );
    // No explicit font size: the view follows the Ui's Body size.
    let body = harness.ctx.global_style().text_styles[&egui::TextStyle::Body].size;
    let drawn = &harness.state().view.last_drawn.1;
    let first_glyph = drawn[0].galley.rows[0].glyphs[0].font_height;
    assert!(
        (first_glyph - body).abs() < body * 0.5,
        "{first_glyph} vs {body}"
    );
}
