//! Undo and redo over [`Edit`]s. Each step keeps the edit and its inverse
//! (computed when it was applied), so undo → redo restores exactly.

use std::collections::VecDeque;

use super::changes::Touched;
use super::edit::{Edit, EditError, apply};
use super::project::Project;

/// How many steps derived data can fall behind and still catch up from the
/// change log; further behind, it rebuilds. The window catches up after
/// every step.
const CHANGE_LOG_LEN: usize = 64;

#[derive(Clone, Debug)]
pub struct HistoryEntry {
    /// What the step did, for the Edit menu ("link Denies").
    pub label: String,
    forward: Edit,
    inverse: Edit,
    /// Identifies the project content right after this step.
    state: u64,
}

/// The undo and redo stacks of one open project. Transient: never saved.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<HistoryEntry>,
    redo: Vec<HistoryEntry>,
    /// Bumped by every change, undo and redo included; caches key on it.
    revision: u64,
    last_state: u64,
    saved_state: u64,
    /// What each of the latest revisions touched, oldest first.
    changes: VecDeque<Touched>,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// Applies `edit` as one undoable step. A refused edit changes nothing.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditError> {
        let label = edit.label(project);
        let inverse = apply(project, edit.clone())?;
        self.log_change(Touched::of(&edit, &inverse));
        self.last_state += 1;
        self.undo.push(HistoryEntry {
            label,
            forward: edit,
            inverse,
            state: self.last_state,
        });
        self.redo.clear();
        self.revision += 1;
        Ok(())
    }

    /// Undoes the last step; returns its label, or `None` if there is none.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        let Some(entry) = self.undo.pop() else {
            return Ok(None);
        };
        if let Err(error) = apply(project, entry.inverse.clone()) {
            self.undo.push(entry);
            return Err(error);
        }
        self.log_change(Touched::of(&entry.forward, &entry.inverse));
        let label = entry.label.clone();
        self.redo.push(entry);
        self.revision += 1;
        Ok(Some(label))
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        let Some(entry) = self.redo.pop() else {
            return Ok(None);
        };
        if let Err(error) = apply(project, entry.forward.clone()) {
            self.redo.push(entry);
            return Err(error);
        }
        self.log_change(Touched::of(&entry.forward, &entry.inverse));
        let label = entry.label.clone();
        self.undo.push(entry);
        self.revision += 1;
        Ok(Some(label))
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Changes with every edit, undo and redo.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Records touched between `revision` and now, or `None` when the log
    /// no longer reaches back that far (the caller rebuilds instead).
    pub fn changes_since(&self, revision: u64) -> Option<Touched> {
        let behind = usize::try_from(self.revision.checked_sub(revision)?).ok()?;
        let first = self.changes.len().checked_sub(behind)?;
        let mut touched = Touched::default();
        for change in self.changes.range(first..) {
            touched.merge(change);
        }
        Some(touched)
    }

    /// Called once per revision bump, before it.
    fn log_change(&mut self, touched: Touched) {
        if self.changes.len() == CHANGE_LOG_LEN {
            self.changes.pop_front();
        }
        self.changes.push_back(touched);
    }

    /// Identifies the current content: equal states mean equal projects.
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(0, |e| e.state)
    }

    /// Number of steps that can be undone.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// Records that the current content is what is on disk.
    pub fn mark_saved(&mut self) {
        self.saved_state = self.state();
    }

    /// Records that the content on disk matches a state that may no longer
    /// be current (a save finished in the background after more edits).
    pub fn mark_saved_state(&mut self, state: u64) {
        self.saved_state = state;
    }

    /// True when the project differs from what was last saved or opened.
    pub fn is_dirty(&self) -> bool {
        self.state() != self.saved_state
    }
}
