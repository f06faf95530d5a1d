//! The reading view: an article's text with its claims highlighted, text
//! selection in bytes, click-to-select, scroll-to-span with a flash.
//!
//! INTERFACE CONTRACT (the app calls only this): `ReadingView::ui`,
//! `scroll_to`, `selection`, `set_selection`, `Highlight`, `HighlightLook`,
//! `ReadingOutput`. The implementation must lay out per paragraph, only what
//! is visible, cached by (article, revision, width, style), so per-frame work
//! does not grow with article length.

use std::ops::Range;

use crate::model::{Article, ArticleId, ClaimId};

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

/// State of the reading view across frames (caches, selection, scroll).
#[derive(Default)]
pub struct ReadingView {
    article: Option<ArticleId>,
    selection: Option<Range<usize>>,
    scroll_target: Option<Range<usize>>,
}

impl ReadingView {
    pub fn new() -> ReadingView {
        ReadingView::default()
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
        let _ = (highlights, selected, revision);
        if self.article != Some(article.id) {
            self.article = Some(article.id);
            self.selection = None;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for paragraph in article.text.split("\n\n") {
                    ui.label(paragraph);
                    ui.add_space(8.0);
                }
            });
        ReadingOutput {
            selection: self.selection.clone(),
            ..ReadingOutput::default()
        }
    }

    /// Scrolls `range` into view and flashes it briefly.
    pub fn scroll_to(&mut self, range: Range<usize>) {
        self.scroll_target = Some(range);
    }

    /// The current selection as a byte range.
    pub fn selection(&self) -> Option<Range<usize>> {
        self.selection.clone()
    }

    /// Replaces the selection (e.g. cleared after marking a claim).
    pub fn set_selection(&mut self, range: Option<Range<usize>>) {
        self.selection = range;
    }
}
