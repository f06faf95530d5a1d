//! Pointer and keyboard handling: hit-testing the placed galleys, the text
//! selection (press-drag, shift+click, shift+arrows, double-click word),
//! clicking a highlight, the context menu and copying.

use std::ops::Range;

use egui::text::CCursor;
use egui::{Event, EventFilter, Key, Pos2, Rect, Response, Ui, Vec2, pos2, vec2};

use super::blocks::{block_byte_to_char, block_char_to_byte};
use super::layout::{DocRef, Placed};
use super::segments::innermost_at;
use super::{ReadingOutput, ReadingView};

/// The text selection as two byte offsets; empty when they are equal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Where the selection started (the end that stays put).
    pub anchor: Option<usize>,
    /// The moving end.
    pub head: usize,
}

impl Selection {
    pub fn range(&self) -> Option<Range<usize>> {
        let anchor = self.anchor?;
        (anchor != self.head).then(|| anchor.min(self.head)..anchor.max(self.head))
    }

    fn collapse_to(&mut self, offset: usize) {
        self.anchor = Some(offset);
        self.head = offset;
    }

    fn extend_to(&mut self, offset: usize) {
        if self.anchor.is_none() {
            self.anchor = Some(offset);
        }
        self.head = offset;
    }
}

/// Where the placed galleys are on screen this frame.
pub struct Geometry<'a> {
    /// Screen position of content (x of the text column, y of content top).
    pub origin: Pos2,
    pub placed: &'a [Placed],
    /// The visible part of the view, in screen coordinates.
    pub visible: Rect,
}

impl Geometry<'_> {
    /// Screen position of the top-left of a placed galley.
    pub fn galley_pos(&self, p: &Placed) -> Pos2 {
        self.origin + vec2(0.0, p.top)
    }

    /// The article byte offset nearest to screen position `pos`.
    pub fn hit(&self, doc: &DocRef<'_>, pos: Pos2) -> Option<usize> {
        let y = pos.y - self.origin.y;
        let i = self
            .placed
            .partition_point(|p| p.top <= y)
            .saturating_sub(1);
        let p = self.placed.get(i)?;
        let local = pos - self.galley_pos(p);
        let cursor = p.galley.cursor_from_pos(local);
        let block = doc.blocks.get(p.block)?;
        Some(block_char_to_byte(doc.text, block, cursor.index.0))
    }

    /// Screen rect (zero width) of the caret at byte `offset`, if its block
    /// is on screen.
    pub fn caret_rect(&self, doc: &DocRef<'_>, offset: usize) -> Option<Rect> {
        let p = self
            .placed
            .iter()
            .find(|p| doc.blocks[p.block].range.end >= offset)?;
        let block = &doc.blocks[p.block];
        let c = block_byte_to_char(doc.text, block, offset);
        let rect = p.galley.pos_from_cursor(CCursor::new(c));
        Some(rect.translate(self.galley_pos(p).to_vec2()))
    }
}

/// The word (run of letters, digits, `_`, apostrophes) around byte `offset`,
/// or the single char there when it is not part of a word.
pub fn word_at(text: &str, offset: usize) -> Range<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '\'' || c == '’';
    let offset = crate::model::floor_char_boundary(text, offset);
    let Some(here) = text[offset..].chars().next() else {
        return offset..offset;
    };
    if !is_word(here) {
        return offset..offset + here.len_utf8();
    }
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|&(_, c)| !is_word(c))
        .map_or(text.len(), |(i, _)| offset + i);
    start..end
}

impl ReadingView {
    /// Handles this frame's input on the view's `response`; returns the
    /// highlight (index) under the pointer, if any.
    pub(super) fn interact(
        selection: &mut Selection,
        ui: &Ui,
        response: &Response,
        geo: &Geometry<'_>,
        doc: &DocRef<'_>,
        output: &mut ReadingOutput,
    ) -> Option<usize> {
        pointer(selection, ui, response, geo, doc, output);
        if response.has_focus() {
            keys(selection, ui, response, geo, doc);
        }
        context_menu(selection, response, doc, output);
        copy(selection, ui, response, doc);
        hover(ui, response, geo, doc)
    }
}

fn pointer(
    selection: &mut Selection,
    ui: &Ui,
    response: &Response,
    geo: &Geometry<'_>,
    doc: &DocRef<'_>,
    output: &mut ReadingOutput,
) {
    let (pressed, shift, pos) = ui.input(|i| {
        (
            i.pointer.primary_pressed(),
            i.modifiers.shift,
            i.pointer.interact_pos(),
        )
    });
    let Some(pos) = pos else {
        return;
    };
    if pressed && response.hovered() {
        response.request_focus();
        if let Some(offset) = geo.hit(doc, pos) {
            if shift {
                selection.extend_to(offset);
            } else {
                selection.collapse_to(offset);
            }
        }
    }
    if response.dragged_by(egui::PointerButton::Primary) {
        if let Some(offset) = geo.hit(doc, pos) {
            selection.extend_to(offset);
        }
        autoscroll(ui, geo, pos);
    }
    let hit = geo.hit(doc, pos);
    if response.triple_clicked()
        && let Some(offset) = hit
        && let Some(b) = super::blocks::block_at_or_after(doc.blocks, offset)
    {
        // Triple-click: the paragraph (or chunk of a very long one).
        selection.anchor = Some(doc.blocks[b].range.start);
        selection.head = doc.blocks[b].range.end;
    } else if response.double_clicked()
        && let Some(offset) = hit
    {
        let word = word_at(doc.text, offset);
        selection.anchor = Some(word.start);
        selection.head = word.end;
    } else if response.clicked() && !shift && selection.range().is_none() {
        output.clicked_claim = clicked_claim(geo, doc, pos);
    }
}

/// The innermost claim under `pos`, when the pointer is over a highlighted
/// glyph (not merely nearest to one).
fn clicked_claim(geo: &Geometry<'_>, doc: &DocRef<'_>, pos: Pos2) -> Option<crate::model::ClaimId> {
    highlight_under(geo, doc, pos).map(|h| doc.highlights[h].claim)
}

/// The innermost highlight (index) whose glyphs contain `pos`.
fn highlight_under(geo: &Geometry<'_>, doc: &DocRef<'_>, pos: Pos2) -> Option<usize> {
    let under = char_under(geo, doc, pos)?;
    let block = doc.blocks.partition_point(|b| b.range.end <= under);
    innermost_at(doc.highlights, doc.index.of_block(block), under)
}

/// Byte offset of the char whose glyph contains `pos`, if any. The hit
/// caret lies between chars: the glyph is the one after it or before it.
fn char_under(geo: &Geometry<'_>, doc: &DocRef<'_>, pos: Pos2) -> Option<usize> {
    let offset = geo.hit(doc, pos)?;
    let caret = geo.caret_rect(doc, offset)?;
    let start = if pos.x >= caret.center().x {
        offset
    } else {
        prev_char(doc.text, offset)
    };
    let left = geo.caret_rect(doc, start)?;
    let right = geo.caret_rect(doc, next_char(doc.text, start))?;
    // At a wrap the next caret is on the next row: the glyph still starts
    // at `left` and is at most about one em wide.
    let right_x = if (right.center().y - left.center().y).abs() < 1.0 {
        right.min.x
    } else {
        left.min.x + left.height()
    };
    let inside = left.y_range().contains(pos.y) && (left.min.x..=right_x).contains(&pos.x);
    (inside && start < doc.text.len()).then_some(start)
}

fn prev_char(text: &str, offset: usize) -> usize {
    text[..offset]
        .chars()
        .next_back()
        .map_or(offset, |c| offset - c.len_utf8())
}

fn next_char(text: &str, offset: usize) -> usize {
    text[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8())
}

/// Scrolls while a selection drag is held above or below the view.
fn autoscroll(ui: &Ui, geo: &Geometry<'_>, pos: Pos2) {
    let above = geo.visible.top() - pos.y;
    let below = pos.y - geo.visible.bottom();
    let speed = if above > 0.0 {
        above.min(60.0)
    } else if below > 0.0 {
        -below.min(60.0)
    } else {
        return;
    };
    ui.scroll_with_delta(Vec2::new(0.0, speed * 0.5));
    ui.ctx().request_repaint();
}

fn keys(
    selection: &mut Selection,
    ui: &Ui,
    response: &Response,
    geo: &Geometry<'_>,
    doc: &DocRef<'_>,
) {
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(
            response.id,
            EventFilter {
                horizontal_arrows: true,
                vertical_arrows: true,
                ..EventFilter::default()
            },
        );
    });
    let presses: Vec<Key> = ui.input(|i| {
        i.events
            .iter()
            .filter_map(|e| match e {
                Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } if modifiers.shift => Some(*key),
                _ => None,
            })
            .collect()
    });
    for key in presses {
        let head = selection.head;
        let moved = match key {
            Key::ArrowLeft => Some(prev_char(doc.text, head)),
            Key::ArrowRight => Some(next_char(doc.text, head)),
            Key::ArrowUp | Key::ArrowDown => vertical(geo, doc, head, key == Key::ArrowUp),
            _ => None,
        };
        if let Some(offset) = moved {
            selection.extend_to(offset);
        }
    }
    if ui.input(|i| i.key_pressed(Key::Escape)) {
        selection.anchor = None;
    }
    if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::A)) {
        selection.anchor = Some(0);
        selection.head = doc.text.len();
    }
}

/// The offset one row above or below `head`, when it is on screen.
fn vertical(geo: &Geometry<'_>, doc: &DocRef<'_>, head: usize, up: bool) -> Option<usize> {
    let caret = geo.caret_rect(doc, head)?;
    let step = caret.height().max(4.0);
    let y = caret.center().y + if up { -step } else { step };
    geo.hit(doc, pos2(caret.min.x, y))
}

fn context_menu(
    selection: &Selection,
    response: &Response,
    doc: &DocRef<'_>,
    output: &mut ReadingOutput,
) {
    let Some(range) = selection.range() else {
        return;
    };
    response.context_menu(|ui| {
        let key =
            crate::ui::commands::shortcut_text(ui.ctx(), crate::ui::commands::Command::MarkClaim);
        if ui.button(format!("Mark as claim ({key})")).clicked() {
            output.mark_requested = true;
            ui.close();
        }
        if ui.button("Copy").clicked() {
            ui.ctx().copy_text(doc.text[range.clone()].to_string());
            ui.close();
        }
    });
}

fn copy(selection: &Selection, ui: &Ui, response: &Response, doc: &DocRef<'_>) {
    let Some(range) = selection.range() else {
        return;
    };
    let nobody_else_focused = ui.memory(|m| m.focused().is_none_or(|id| id == response.id));
    if nobody_else_focused && ui.input(|i| i.events.iter().any(|e| matches!(e, Event::Copy))) {
        ui.ctx().copy_text(doc.text[range].to_string());
    }
}

/// Sets the pointer icon and returns the highlight under the pointer.
fn hover(ui: &Ui, response: &Response, geo: &Geometry<'_>, doc: &DocRef<'_>) -> Option<usize> {
    if !response.hovered() || response.dragged() {
        return None;
    }
    let pos = response.hover_pos()?;
    let under = highlight_under(geo, doc, pos);
    ui.ctx().set_cursor_icon(if under.is_some() {
        egui::CursorIcon::PointingHand
    } else {
        egui::CursorIcon::Text
    });
    under
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_click_word_spans_unicode_letters() {
        let text = "Səfir «Michalko» dedi: ქართული 🙂 ok";
        let at = |needle: &str| text.find(needle).unwrap_or(0);
        assert_eq!(&text[word_at(text, at("əfir"))], "Səfir");
        assert_eq!(&text[word_at(text, at("ქართ") + 3)], "ქართული");
        assert_eq!(&text[word_at(text, at("🙂"))], "🙂");
        assert_eq!(&text[word_at(text, at("«"))], "«");
        assert_eq!(word_at(text, text.len()), text.len()..text.len());
    }

    #[test]
    fn selection_is_ordered_and_empty_when_collapsed() {
        let mut s = Selection::default();
        assert_eq!(s.range(), None);
        s.collapse_to(10);
        assert_eq!(s.range(), None);
        s.extend_to(4);
        assert_eq!(s.range(), Some(4..10));
    }
}
