//! The reading view: an article's text with its claims highlighted, text
//! selection in bytes, click-to-select, scroll-to-span with a flash.
//!
//! INTERFACE CONTRACT (the app calls only this): `ReadingView::ui`,
//! `scroll_to`, `selection`, `set_selection`, `Highlight`, `HighlightLook`,
//! `ReadingOutput`. Optional extras: `ReadingView::with_id_salt` (two views
//! in one `Ui`), `style`/`set_style` with [`ReadingStyle`] (font size,
//! measure, spacing), `scroll_offset`/`set_scroll_offset` (remember the
//! reading position per article), `set_mark`/`drawn_mark` (a lasting
//! outline of one span, e.g. the current suggested response).
//!
//! Gestures: press-drag selects, shift+click and shift+arrows extend (when
//! the view has focus), double-click selects a word, triple-click the
//! paragraph, Ctrl+A all, Esc clears, Ctrl+C and the context menu copy; the
//! context menu's "Mark as claim (M)" sets `mark_requested` (the M key itself
//! is the app's shortcut). Clicking the view gives it egui focus, so gate
//! letter shortcuts on `ctx.text_edit_focused()`, not on
//! `egui_wants_keyboard_input()`.
//!
//! Per-frame work does not grow with article length: the text is split into
//! blocks once per article ([`blocks`]), highlights are indexed per block
//! once per revision ([`segments`]), and only the blocks intersecting the
//! viewport are laid out, each into a galley cached until its highlights,
//! the width or the theme change ([`layout`]). Selection and the scroll-to
//! flash are painted over the cached galleys, so they never re-lay out text.

mod blocks;
mod interact;
mod layout;
mod paint;
#[cfg(test)]
mod screenshot_tests;
mod segments;
mod style;
#[cfg(test)]
mod ui_tests;

use std::ops::Range;

pub use style::{ReadingStyle, default_fill};

use crate::model::{Article, ArticleId, ClaimId, floor_char_boundary};
use blocks::{Block, MAX_BLOCK_BYTES, split_blocks};
use interact::{Geometry, Selection};
use layout::{DocRef, Layout, LayoutParams};
use paint::Overlay;
use segments::HighlightIndex;

/// How a claim's span is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HighlightLook {
    /// A claim nobody has answered yet.
    Unanswered,
    /// A claim with at least one response.
    Answered,
    /// A span that answers another claim.
    Response,
    /// A claim whose anchor needs review.
    Flagged,
}

/// One claim's span in the article, for drawing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    /// Byte range in the article text (char boundaries).
    pub range: Range<usize>,
    pub claim: ClaimId,
    pub look: HighlightLook,
}

/// What the analyst did in the reading view this frame.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadingOutput {
    /// The claim whose highlight was clicked (the innermost one).
    pub clicked_claim: Option<ClaimId>,
    /// The current text selection as a byte range, if non-empty.
    pub selection: Option<Range<usize>>,
    /// The analyst chose "Mark as claim" in the context menu.
    pub mark_requested: bool,
}

/// How long the scroll-to flash takes to fade.
const FLASH_SECONDS: f64 = 1.0;
/// Horizontal margin kept either side of the text column.
const SIDE_MARGIN: f32 = 16.0;
/// Space above the first and below the last paragraph.
const END_PADDING: f32 = 14.0;

/// Identifies the text the blocks were split from.
#[derive(Clone, Debug, PartialEq)]
struct DocKey {
    article: ArticleId,
    len: usize,
    hash: String,
}

/// Identifies the highlights the index was built from. `revision` changes
/// whenever the project does, so the slice itself is not hashed per frame.
#[derive(Clone, Debug, PartialEq)]
struct IndexKey {
    revision: u64,
    count: usize,
    first: Option<Range<usize>>,
    last: Option<Range<usize>>,
}

/// State of the reading view across frames (caches, selection, scroll).
#[derive(Default)]
pub struct ReadingView {
    /// Salt of the scroll area's id (default "reading_view").
    id_salt: Option<egui::IdSalt>,
    style: ReadingStyle,
    doc: Option<DocKey>,
    blocks: Vec<Block>,
    /// Average glyph width of the article's opening per point of font size,
    /// for height estimates.
    avg_char_width: Option<f32>,
    index_key: Option<IndexKey>,
    index: HighlightIndex,
    layout: Layout,
    selection: Selection,
    scroll_target: Option<Range<usize>>,
    flash: Option<(Range<usize>, f64)>,
    /// A span outlined until the app unsets it (see [`ReadingView::set_mark`]).
    mark: Option<(ArticleId, Range<usize>)>,
    /// The marked span if the last frame drew it (its article was open).
    drawn_mark: Option<Range<usize>>,
    /// Scroll offset to apply at the start of the next frame.
    pending_offset: Option<f32>,
    /// The scroll offset drawn last frame.
    offset: f32,
    /// Where the text column's content origin was on screen last frame, and
    /// the blocks drawn there (for tests and future hit-testing outside).
    last_drawn: (egui::Pos2, Vec<layout::Placed>),
}

impl ReadingView {
    pub fn new() -> ReadingView {
        ReadingView::default()
    }

    /// A view whose scroll state is keyed by `id_salt`, for showing two
    /// articles side by side in the same parent `Ui`.
    pub fn with_id_salt(id_salt: impl egui::AsIdSalt) -> ReadingView {
        ReadingView {
            id_salt: Some(egui::IdSalt::new(id_salt)),
            ..ReadingView::default()
        }
    }

    /// The typography in use.
    pub fn style(&self) -> &ReadingStyle {
        &self.style
    }

    /// Changes the typography (e.g. a font-size preference); the article is
    /// laid out again on the next frame.
    pub fn set_style(&mut self, style: ReadingStyle) {
        self.style = style;
    }

    /// Draws `article`; `highlights` are sorted by start. `revision` changes
    /// whenever the project does, so caches know when to rebuild.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        article: &Article,
        highlights: &[Highlight],
        selected: Option<ClaimId>,
        revision: u64,
    ) -> ReadingOutput {
        self.prepare_doc(article);
        self.prepare_index(highlights, revision);
        self.prepare_layout(ui, &article.text);
        self.layout.begin_frame();
        self.clamp_selection(&article.text);
        let doc = DocRef {
            text: &article.text,
            blocks: &self.blocks,
            highlights,
            index: &self.index,
            selected,
        };
        if let Some(target) = self.scroll_target.take()
            && let Some((offset, flash)) = scroll_target_offset(&mut self.layout, ui, &doc, target)
        {
            self.pending_offset = Some(offset);
            self.flash = Some((flash, ui.input(|i| i.time)));
        }
        let salt = self
            .id_salt
            .unwrap_or_else(|| egui::IdSalt::new("reading_view"));
        let area = scroll_area(salt, self.pending_offset.take());
        let mut output = ReadingOutput::default();
        let mark = self.mark.as_ref().filter(|(a, _)| *a == article.id);
        self.drawn_mark = mark.map(|(_, range)| range.clone());
        let mut frame = Frame {
            layout: &mut self.layout,
            selection: &mut self.selection,
            flash: &mut self.flash,
            mark: self.drawn_mark.clone(),
            doc: &doc,
            output: &mut output,
        };
        let drawn = area
            .show_viewport(ui, |ui, viewport| frame.contents_ui(ui, viewport))
            .inner;
        self.finish_frame(drawn);
        output.selection = self.selection.range();
        output
    }

    /// Remembers what was drawn; when blocks above the anchor changed
    /// height, moves the scroll offset next frame so nothing jumps.
    fn finish_frame(&mut self, drawn: Drawn) {
        self.offset = drawn.viewport_top;
        if drawn.shift.abs() > 0.01 {
            self.pending_offset = Some(drawn.viewport_top + drawn.shift);
        }
        self.last_drawn = (drawn.origin, drawn.placed);
        self.layout.evict();
    }

    /// Outlines `range` of `article` from the next frame on, whenever that
    /// article is shown, until another mark or `None` is set (the app
    /// marks the current suggested response this way). The outline's
    /// colour is none of the claims' colours.
    pub fn set_mark(&mut self, mark: Option<(ArticleId, Range<usize>)>) {
        self.mark = mark;
    }

    /// The marked span, if the last frame drew it.
    pub fn drawn_mark(&self) -> Option<Range<usize>> {
        self.drawn_mark.clone()
    }

    /// Scrolls `range` into view and flashes it briefly.
    pub fn scroll_to(&mut self, range: Range<usize>) {
        self.scroll_target = Some(range);
    }

    /// The vertical scroll offset drawn last frame, in points (e.g. to
    /// remember the reading position of an article).
    pub fn scroll_offset(&self) -> f32 {
        self.offset
    }

    /// Scrolls to vertical offset `y` (points) on the next frame.
    pub fn set_scroll_offset(&mut self, y: f32) {
        self.pending_offset = Some(y.max(0.0));
    }

    /// The current selection as a byte range.
    pub fn selection(&self) -> Option<Range<usize>> {
        self.selection.range()
    }

    /// Replaces the selection (e.g. cleared after marking a claim).
    pub fn set_selection(&mut self, range: Option<Range<usize>>) {
        self.selection = match range {
            Some(r) => Selection {
                anchor: Some(r.start),
                head: r.end,
            },
            None => Selection::default(),
        };
    }

    /// Splits the article into blocks when a different text comes in.
    fn prepare_doc(&mut self, article: &Article) {
        let key = DocKey {
            article: article.id,
            len: article.text.len(),
            hash: article.content_hash.clone(),
        };
        if self.doc.as_ref() == Some(&key) {
            return;
        }
        if self.doc.as_ref().is_some_and(|d| d.article != article.id) {
            self.selection = Selection::default();
            self.flash = None;
            // A different article opens at its top (the app may restore a
            // remembered position with `set_scroll_offset`).
            self.pending_offset.get_or_insert(0.0);
        }
        self.blocks = split_blocks(&article.text, MAX_BLOCK_BYTES);
        self.doc = Some(key);
        self.index_key = None;
        self.avg_char_width = None;
        self.layout = Layout::default();
    }

    /// Re-indexes highlights per block when the project changed.
    fn prepare_index(&mut self, highlights: &[Highlight], revision: u64) {
        let key = IndexKey {
            revision,
            count: highlights.len(),
            first: highlights.first().map(|h| h.range.clone()),
            last: highlights.last().map(|h| h.range.clone()),
        };
        if self.index_key.as_ref() != Some(&key) {
            self.index = HighlightIndex::build(&self.blocks, highlights);
            self.index_key = Some(key);
        }
    }

    /// Resets heights and galleys when the width, theme or style changed.
    fn prepare_layout(&mut self, ui: &egui::Ui, text: &str) {
        let available =
            ui.available_width() - 2.0 * SIDE_MARGIN - ui.spacing().scroll.allocated_width();
        let params = LayoutParams {
            wrap_width: available.clamp(120.0, self.style.max_text_width).floor(),
            dark: ui.visuals().dark_mode,
            text_color: style::text_color(ui.visuals()),
            metrics: self.style.metrics(ui),
        };
        if self.layout.params() == Some(&params) {
            return;
        }
        let em = *self
            .avg_char_width
            .get_or_insert_with(|| average_char_width(ui.ctx(), text));
        let avg = em * params.metrics.font_size;
        // Keep the reading position: the same block, at the same fraction
        // of its height, stays at the top after a resize or theme change.
        let keep = self.layout.params().is_some().then(|| {
            let b = self.layout.block_at_y(self.offset);
            let height = self.layout.slot_height(b).max(1.0);
            (b, (self.offset - self.layout.slot_top(b)) / height)
        });
        self.layout.reset(&self.blocks, params, avg);
        if let Some((b, fraction)) = keep
            && self.pending_offset.is_none()
        {
            let y = self.layout.slot_top(b) + fraction * self.layout.slot_height(b);
            self.pending_offset = Some(y);
        }
    }

    /// Keeps a selection set from outside (or left from an older text)
    /// on char boundaries inside the text.
    fn clamp_selection(&mut self, text: &str) {
        let s = &mut self.selection;
        s.head = floor_char_boundary(text, s.head);
        s.anchor = s.anchor.map(|a| floor_char_boundary(text, a));
    }
}

/// The scroll area, with the scroll offset requested for this frame.
fn scroll_area(salt: egui::IdSalt, offset: Option<f32>) -> egui::ScrollArea {
    let area = egui::ScrollArea::vertical()
        .id_salt(salt)
        .auto_shrink([false, false])
        // Dragging the text selects it; it must not scroll.
        .scroll_source(egui::scroll_area::ScrollSource {
            mouse_wheel: true,
            ..egui::scroll_area::ScrollSource::SCROLL_BAR
        });
    match offset {
        Some(offset) => area.vertical_scroll_offset(offset.max(0.0)),
        None => area,
    }
}

/// What a frame drew.
struct Drawn {
    /// How far the scroll offset must move to keep the content in place.
    shift: f32,
    viewport_top: f32,
    origin: egui::Pos2,
    placed: Vec<layout::Placed>,
}

/// This frame's borrowed state, for drawing inside the scroll area.
struct Frame<'a, 'd> {
    layout: &'a mut Layout,
    selection: &'a mut Selection,
    flash: &'a mut Option<(Range<usize>, f64)>,
    mark: Option<Range<usize>>,
    doc: &'a DocRef<'d>,
    output: &'a mut ReadingOutput,
}

impl Frame<'_, '_> {
    /// Lays out and draws the visible blocks.
    fn contents_ui(&mut self, ui: &mut egui::Ui, viewport: egui::Rect) -> Drawn {
        let (placed, shift) = self.layout.place(
            ui.ctx(),
            self.doc,
            viewport.min.y - END_PADDING,
            viewport.max.y - END_PADDING,
        );
        let origin = ui.max_rect().min;
        let width = ui.available_width();
        let height = (self.layout.total_height() + 2.0 * END_PADDING).max(viewport.height());
        let rect = egui::Rect::from_min_size(origin, egui::vec2(width, height));
        let response = ui.allocate_rect(rect, egui::Sense::click_and_drag());
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Article text"));
        let wrap = self.layout.params().map_or(width, |p| p.wrap_width);
        let geo = Geometry {
            origin: origin + egui::vec2(((width - wrap) / 2.0).max(SIDE_MARGIN), END_PADDING),
            placed: &placed,
            visible: ui.clip_rect(),
        };
        let hovered =
            ReadingView::interact(self.selection, ui, &response, &geo, self.doc, self.output);
        let overlays = self.overlays(ui, hovered);
        let text_color = style::text_color(ui.visuals());
        paint::paint(ui.painter(), &geo, self.doc, text_color, &overlays);
        Drawn {
            shift,
            viewport_top: viewport.min.y,
            origin: geo.origin,
            placed,
        }
    }

    /// What is drawn over the text: the selected claim's outline, the
    /// mark, the hovered claim, the fading flash and the selection.
    fn overlays(&mut self, ui: &egui::Ui, hovered: Option<usize>) -> Vec<(Range<usize>, Overlay)> {
        let dark = ui.visuals().dark_mode;
        let doc = self.doc;
        let mut overlays = Vec::new();
        if let Some(selected) = doc.selected {
            let outline = style::selected_outline(style::text_color(ui.visuals()));
            overlays.extend(
                doc.highlights
                    .iter()
                    .filter(|h| h.claim == selected)
                    .map(|h| (h.range.clone(), Overlay::Outline(outline))),
            );
        }
        if let Some(range) = self.mark.clone() {
            overlays.push((range.clone(), Overlay::Fill(style::mark_fill(dark))));
            overlays.push((range, Overlay::Outline(style::mark_outline(dark))));
        }
        if let Some(h) = hovered {
            let range = doc.highlights[h].range.clone();
            overlays.push((range, Overlay::Fill(style::hover_color(dark))));
        }
        if let Some((range, started)) = self.flash.clone() {
            let age = ui.input(|i| i.time) - started;
            if age < FLASH_SECONDS {
                let strength = (1.0 - age / FLASH_SECONDS) as f32;
                overlays.push((range, Overlay::Fill(style::flash_color(dark, strength))));
                ui.ctx().request_repaint();
            } else {
                *self.flash = None;
            }
        }
        if let Some(range) = self.selection.range() {
            overlays.push((range, Overlay::Fill(style::selection_color(dark))));
        }
        overlays
    }
}

/// The scroll offset that centres `target` (laying out its block), and the
/// target clamped onto char boundaries for the flash.
fn scroll_target_offset(
    layout: &mut Layout,
    ui: &egui::Ui,
    doc: &DocRef<'_>,
    target: Range<usize>,
) -> Option<(f32, Range<usize>)> {
    let text = doc.text;
    let start = floor_char_boundary(text, target.start);
    let end = floor_char_boundary(text, target.end.max(start));
    let b = blocks::block_at_or_after(doc.blocks, start)?;
    let galley = layout.galley(ui.ctx(), b, doc)?;
    let char_index = blocks::block_byte_to_char(text, &doc.blocks[b], start);
    let in_block = galley
        .pos_from_cursor(egui::text::CCursor::new(char_index))
        .center()
        .y;
    let gap = layout.slot_height(b) - galley.size().y;
    let y = END_PADDING + layout.slot_top(b) + gap + in_block;
    Some(((y - ui.available_height() / 2.0).max(0.0), start..end))
}

/// Average advance of the first 2,000 chars of `text`, per point of font
/// size, so height estimates of unlaid blocks are close for this script.
fn average_char_width(ctx: &egui::Context, text: &str) -> f32 {
    let font = egui::FontId::proportional(100.0);
    ctx.fonts_mut(|f| {
        let (mut sum, mut n) = (0.0, 0);
        for c in text.chars().filter(|c| *c != '\n').take(2000) {
            sum += f.glyph_width(&font, c);
            n += 1;
        }
        if n == 0 { 0.5 } else { sum / n as f32 / 100.0 }
    })
}
