//! Drawing the editor: a scroll area as tall as all blocks, in which only
//! the blocks in view (and the one holding the keyboard focus, so it keeps
//! it) get a `TextEdit`. Heights are estimated until a block is laid out.

use egui::text::{CCursor, CCursorRange};
use egui::{Id, Key, Rect, ScrollArea, TextEdit, Ui, UiBuilder, Vec2, vec2};

use super::keys::{Edge, EdgeKeys, edge};
use super::store::{Block, BlockStore};
use super::{FocusRequest, Heights, TextEditorView};

/// The widget id of a block's `TextEdit` in editor session `session`
/// (egui keeps a field's cursor and undo history by id: a new session
/// must not inherit the last one's).
fn block_id(session: u64, block: u64) -> Id {
    Id::unique("article_text_block").with((session, block))
}

/// What one block's frame gave.
struct Drawn {
    height: f32,
    focused: bool,
    edge: Option<Edge>,
}

/// What drawing the blocks of one frame gave.
#[derive(Default)]
struct FrameResult {
    focused: Option<u64>,
    crossed: Option<(usize, Edge)>,
    /// Height change of blocks above the view.
    shift: f32,
}

/// Sizes the estimates and layout need, read from the style once a frame,
/// and the editor session the widget ids belong to.
#[derive(Clone, Copy)]
struct Metrics {
    width: f32,
    row: f32,
    session: u64,
}

impl TextEditorView {
    /// Draws the editor into the space left in `ui`.
    pub fn ui(&mut self, ui: &mut Ui) {
        let mut area = ScrollArea::vertical()
            .id_salt(("article_text_blocks", self.session))
            .auto_shrink(false);
        if let Some(offset) = self.pending_offset.take() {
            area = area.vertical_scroll_offset(offset);
        }
        let crossed = area
            .show_viewport(ui, |ui, viewport| self.contents_ui(ui, viewport))
            .inner;
        if let Some((index, edge)) = crossed {
            self.cross(index, edge);
            ui.ctx().request_repaint();
        }
    }

    fn contents_ui(&mut self, ui: &mut Ui, viewport: Rect) -> Option<(usize, Edge)> {
        let metrics = Metrics {
            width: ui.available_width(),
            row: ui.text_style_height(&egui::TextStyle::Body),
            session: self.session,
        };
        let store = &self.store;
        let heights = self
            .heights
            .get_or_insert_with(|| estimate(store, metrics, ui));
        let origin = ui.max_rect().min;
        let total = heights.total().max(viewport.height());
        ui.allocate_rect(
            Rect::from_min_size(origin, vec2(metrics.width, total)),
            egui::Sense::hover(),
        );
        let indices = self.blocks_to_draw(viewport);
        let frame = self.draw_blocks(ui, &indices, origin, metrics, viewport);
        self.focused = frame.focused;
        self.pending_offset =
            page_offset(ui, viewport, frame.focused.is_some())
                .or((frame.shift.abs() >= 0.5).then_some(viewport.min.y + frame.shift));
        frame.crossed
    }

    /// The blocks in view, and the focused one (or the one about to be)
    /// wherever it is: a field not drawn for a frame loses the focus.
    fn blocks_to_draw(&mut self, viewport: Rect) -> Vec<usize> {
        let Some(heights) = &mut self.heights else {
            return Vec::new();
        };
        let mut indices: Vec<usize> = heights.in_view(viewport.min.y, viewport.max.y).collect();
        for block in [self.focused, self.focus_request.map(|r| r.block)]
            .into_iter()
            .flatten()
        {
            if let Some(index) = self.store.index_of(block).filter(|i| !indices.contains(i)) {
                indices.push(index);
            }
        }
        indices
    }

    /// Draws blocks `indices` and records their measured heights.
    fn draw_blocks(
        &mut self,
        ui: &mut Ui,
        indices: &[usize],
        origin: egui::Pos2,
        metrics: Metrics,
        viewport: Rect,
    ) -> FrameResult {
        let mut frame = FrameResult::default();
        let Some(heights) = &mut self.heights else {
            return frame;
        };
        for &index in indices {
            let top = heights.top(index);
            let id = self.store.blocks()[index].id;
            let request = self.focus_request.filter(|r| r.block == id);
            let drawn = block_ui(
                ui,
                &mut self.store,
                index,
                origin + vec2(0.0, top),
                metrics,
                request,
            );
            if request.is_some() {
                self.focus_request = None;
            }
            // A block above the view that changed height would move the
            // text in view: the scroll offset follows it.
            if top < viewport.min.y {
                frame.shift += drawn.height - heights.get(index);
            }
            heights.set(index, drawn.height);
            if drawn.focused {
                frame.focused = Some(id);
            }
            frame.crossed = frame.crossed.or(drawn.edge.map(|e| (index, e)));
        }
        frame
    }

    /// Joins or moves into a neighbouring block after `edge` was crossed
    /// from block `index`.
    fn cross(&mut self, index: usize, edge: Edge) {
        let target = match edge {
            Edge::JoinPrevious => {
                let joined = self.store.join_with_previous(index);
                self.join(joined)
            }
            Edge::JoinNext => {
                let joined = self.store.join_with_next(index);
                self.join(joined)
            }
            Edge::ToPrevious => index.checked_sub(1).map(|i| (i, char_len(&self.store, i))),
            Edge::ToNext => (index + 1 < self.store.len()).then_some((index + 1, 0)),
        };
        if let Some((index, cursor)) = target {
            let block = self.store.blocks()[index].id;
            self.focus_request = Some(FocusRequest { block, cursor });
        }
    }

    /// After a join: the heights follow, and the byte cursor becomes a char
    /// index.
    fn join(&mut self, joined: Option<(usize, usize)>) -> Option<(usize, usize)> {
        let (index, byte) = joined?;
        if let Some(heights) = &mut self.heights {
            heights.joined(index);
        }
        let text = &self.store.blocks()[index].text;
        Some((index, text[..byte].chars().count()))
    }
}

fn char_len(store: &BlockStore, index: usize) -> usize {
    store.blocks()[index].text.chars().count()
}

/// PageUp/PageDown scroll by most of a page while the editor has the
/// keyboard focus or the pointer.
fn page_offset(ui: &Ui, viewport: Rect, focused: bool) -> Option<f32> {
    if !focused && !ui.ui_contains_pointer() {
        return None;
    }
    let page = viewport.height() * 0.9;
    ui.input(|i| {
        if i.key_pressed(Key::PageDown) {
            Some(viewport.min.y + page)
        } else if i.key_pressed(Key::PageUp) {
            Some((viewport.min.y - page).max(0.0))
        } else {
            None
        }
    })
}

/// Rows of blank space a block's separator shows below it.
fn gap_rows(block: &Block) -> usize {
    block.sep.len().saturating_sub(1)
}

/// Heights guessed from the text: rows of wrapped lines at an average
/// character width, plus the blank lines after each block.
fn estimate(store: &BlockStore, metrics: Metrics, ui: &Ui) -> Heights {
    let char_width = ui.text_style_height(&egui::TextStyle::Body) * 0.5;
    let per_row = (metrics.width / char_width).max(8.0) as usize;
    let heights = store
        .blocks()
        .iter()
        .map(|block| {
            let rows: usize = block
                .text
                .split('\n')
                .map(|line| line.chars().count().div_ceil(per_row).max(1))
                .sum();
            (rows + gap_rows(block)) as f32 * metrics.row
        })
        .collect();
    Heights::new(heights)
}

/// One block's `TextEdit` at `top_left`; the block's height with its gap,
/// whether it has the focus, and the edge crossed by a key this frame.
fn block_ui(
    ui: &mut Ui,
    store: &mut BlockStore,
    index: usize,
    top_left: egui::Pos2,
    metrics: Metrics,
    request: Option<FocusRequest>,
) -> Drawn {
    let (id, gap, count) = {
        let block = &store.blocks()[index];
        (
            block_id(metrics.session, block.id),
            gap_rows(block) as f32 * metrics.row,
            store.len(),
        )
    };
    if let Some(request) = request {
        give_focus(ui, id, request.cursor);
    }
    let has_focus = ui.memory(|m| m.has_focus(id));
    let keys = if has_focus {
        EdgeKeys::read(ui)
    } else {
        EdgeKeys::default()
    };
    let before = TextEdit::load_state(ui.ctx(), id).and_then(|s| s.cursor.char_range());
    // egui reports a change for keys that change nothing (Backspace at the
    // start): the focused block is compared with its text before the keys
    // (a copy of a few KB, only on frames with input).
    let text_before = (has_focus && ui.input(|i| !i.events.is_empty()))
        .then(|| store.blocks()[index].text.clone());
    let rect = Rect::from_min_size(top_left, Vec2::new(metrics.width, metrics.row));
    let output = ui
        .scope_builder(UiBuilder::new().max_rect(rect), |ui| {
            TextEdit::multiline(store.text_mut(index))
                .id(id)
                .frame(egui::Frame::NONE)
                .margin(egui::Margin::ZERO)
                .desired_width(metrics.width)
                .desired_rows(1)
                .show(ui)
        })
        .inner;
    if let Some(request) = request {
        // Keep the cursor in view where it landed (egui scrolls only when
        // the cursor moves inside the field).
        let at = output.galley.pos_from_cursor(CCursor::new(request.cursor));
        ui.scroll_to_rect(at.translate(output.galley_pos.to_vec2()), None);
    }
    let response = output
        .response
        .response
        .clone()
        .accessible_name(block_name(index, count));
    let unchanged = text_before
        .as_ref()
        .is_some_and(|t| *t == store.blocks()[index].text);
    let changed = response.changed() && !unchanged;
    if changed {
        store.changed(index);
    }
    Drawn {
        height: response.rect.height() + gap,
        focused: response.has_focus(),
        edge: if has_focus && unchanged {
            edge(keys, before, &output.galley)
        } else {
            None
        },
    }
}

/// The accessible name of block `index` of `count`.
fn block_name(index: usize, count: usize) -> String {
    if count == 1 {
        "Article text (editing)".to_string()
    } else {
        format!("Article text (editing), part {} of {count}", index + 1)
    }
}

/// Focuses block `id` with the cursor at char `cursor`.
fn give_focus(ui: &Ui, id: Id, cursor: usize) {
    let mut state = TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(CCursorRange::one(CCursor::new(cursor))));
    TextEdit::store_state(ui.ctx(), id, state);
    ui.memory_mut(|m| m.request_focus(id));
}
