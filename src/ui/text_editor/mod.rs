//! The article text editor: the text held as blocks (`store`), each block
//! its own `TextEdit`, drawn only while in view (`view`), with estimated
//! heights until laid out (`heights`). A keystroke lays out one block of a
//! few KB, never the whole article; the full text is joined only on Apply.
//!
//! What crosses blocks: Backspace at a block's start and Delete at its end
//! join it with its neighbour; the arrow keys leave a block at its edges
//! (`keys`). What stays inside a block: selection, Ctrl+A, copy and paste,
//! and Undo (egui's per-`TextEdit` undo: Ctrl+Z undoes the typing in the
//! block being edited; a join is not undone, Cancel discards everything).

mod heights;
mod keys;
mod split;
mod store;
mod view;

use std::sync::atomic::{AtomicU64, Ordering};

use heights::Heights;
pub use store::{BlockStore, Counts};

/// Blocks gather paragraphs up to about this many bytes (a paragraph over
/// twice this is cut): big enough that most articles of a page or two are
/// one block, small enough that laying one out per keystroke costs well
/// under a millisecond.
pub const BLOCK_BYTES: usize = 4096;

/// A block to give the keyboard focus to, with the cursor at a char index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FocusRequest {
    block: u64,
    cursor: usize,
}

/// The editor's state: the blocks, their heights, and where the keyboard
/// focus goes next.
#[derive(Debug)]
pub struct TextEditorView {
    store: BlockStore,
    heights: Option<Heights>,
    /// The block holding the keyboard focus after the last frame.
    focused: Option<u64>,
    focus_request: Option<FocusRequest>,
    /// A scroll offset to apply on the next frame.
    pending_offset: Option<f32>,
    /// Distinguishes this editor's widget ids from an earlier one's.
    session: u64,
}

/// Editor sessions opened so far in this process.
static SESSIONS: AtomicU64 = AtomicU64::new(0);

impl TextEditorView {
    pub fn new(text: &str) -> TextEditorView {
        TextEditorView::with_block_size(text, BLOCK_BYTES)
    }

    /// Like [`TextEditorView::new`] with another block size (tests).
    pub fn with_block_size(text: &str, block_bytes: usize) -> TextEditorView {
        let store = BlockStore::new(text, block_bytes);
        TextEditorView {
            store,
            heights: None,
            focused: None,
            focus_request: None,
            pending_offset: None,
            session: SESSIONS.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The article text as edited (joined from the blocks: costs the size
    /// of the article, so only on Apply).
    pub fn text(&self) -> String {
        self.store.join()
    }

    pub fn is_modified(&self) -> bool {
        self.store.is_modified()
    }

    pub fn counts(&self) -> Counts {
        self.store.counts()
    }

    pub fn block_count(&self) -> usize {
        self.store.len()
    }
}

#[cfg(test)]
mod ui_tests;
