//! The keys that cross a block's edge: Backspace at its start and Delete at
//! its end join it with the neighbour; Up on its first row, Down on its
//! last, Left at its start and Right at its end move into the neighbour.

use egui::text::{CCursor, CCursorRange};
use egui::{Galley, Key};

/// What to do after a block's `TextEdit` ran this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    JoinPrevious,
    JoinNext,
    /// Move the cursor to the end of the previous block.
    ToPrevious,
    /// Move the cursor to the start of the next block.
    ToNext,
}

/// The edge keys pressed this frame (no modifiers but Shift-free arrows).
#[derive(Clone, Copy, Debug, Default)]
pub struct EdgeKeys {
    backspace: bool,
    delete: bool,
    up: bool,
    down: bool,
    left: bool,
    right: bool,
}

impl EdgeKeys {
    pub fn read(ui: &egui::Ui) -> EdgeKeys {
        ui.input(|i| {
            let plain = i.modifiers.is_none();
            let pressed = |key| plain && i.key_pressed(key);
            EdgeKeys {
                backspace: pressed(Key::Backspace),
                delete: pressed(Key::Delete),
                up: pressed(Key::ArrowUp),
                down: pressed(Key::ArrowDown),
                left: pressed(Key::ArrowLeft),
                right: pressed(Key::ArrowRight),
            }
        })
    }

    fn any(&self) -> bool {
        self.backspace || self.delete || self.up || self.down || self.left || self.right
    }
}

/// The edge crossed, given the cursor before the `TextEdit` ran (`before`)
/// and the block's galley. Only when the text did not change this frame and
/// nothing was selected.
pub fn edge(keys: EdgeKeys, before: Option<CCursorRange>, galley: &Galley) -> Option<Edge> {
    let range = before.filter(|r| r.primary.index == r.secondary.index)?;
    if !keys.any() {
        return None;
    }
    let at = range.primary.index.0;
    let end = galley.text().chars().count();
    let row = galley.layout_from_cursor(CCursor::new(at)).row;
    let last_row = galley.rows.len().saturating_sub(1);
    if keys.backspace && at == 0 {
        Some(Edge::JoinPrevious)
    } else if keys.delete && at == end {
        Some(Edge::JoinNext)
    } else if (keys.up && row == 0) || (keys.left && at == 0) {
        Some(Edge::ToPrevious)
    } else if (keys.down && row == last_row) || (keys.right && at == end) {
        Some(Edge::ToNext)
    } else {
        None
    }
}
