//! Undo and redo over [`Edit`]s. Each step keeps the edit and its inverse
//! (computed when it was applied), so undo → redo restores exactly.
//!
//! The history is bounded by memory ([`History::memory_limit`]): when the
//! steps kept would take more, the oldest are dropped and counted
//! ([`History::dropped_steps`], for the window to say so). An article-text
//! edit keeps only the part of the text that changed, not both whole texts.

use std::collections::VecDeque;

use super::changes::Touched;
use super::edit::{Dependents, Edit, EditError, apply, apply_indexed, replay, replay_indexed};
use super::project::Project;
use super::step::Step;

/// Memory the undo and redo steps of one project may take by default.
pub const DEFAULT_MEMORY_LIMIT: usize = 256 << 20;

/// How many steps derived data can fall behind and still catch up from the
/// change log; further behind, it rebuilds. The window catches up after
/// every step.
const CHANGE_LOG_LEN: usize = 64;

#[derive(Clone, Debug)]
pub struct HistoryEntry {
    /// What the step did, for the Edit menu ("link Denies").
    pub label: String,
    forward: Step,
    inverse: Step,
    /// Identifies the project content right after this step.
    state: u64,
    /// Approximate memory the step takes.
    bytes: usize,
    /// The records the step touches (either way): what derived data must
    /// update after it is undone or redone.
    touched: Touched,
}

/// The undo and redo stacks of one open project. Transient: never saved.
#[derive(Clone, Debug)]
pub struct History {
    /// Oldest first, so the oldest can be dropped cheaply.
    undo: VecDeque<HistoryEntry>,
    redo: Vec<HistoryEntry>,
    /// Bumped by every change, undo and redo included; caches key on it.
    revision: u64,
    last_state: u64,
    saved_state: u64,
    /// The state with nothing left to undo: the start, or the state after
    /// the newest dropped step.
    floor_state: u64,
    memory_limit: usize,
    memory_bytes: usize,
    dropped_steps: u64,
    /// What each of the latest revisions touched, oldest first.
    changes: VecDeque<Touched>,
}

impl Default for History {
    fn default() -> History {
        History::with_memory_limit(DEFAULT_MEMORY_LIMIT)
    }
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// A history whose steps take at most about `bytes` of memory (the
    /// newest step is always kept, whatever its size).
    pub fn with_memory_limit(bytes: usize) -> History {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            revision: 0,
            last_state: 0,
            saved_state: 0,
            floor_state: 0,
            memory_limit: bytes,
            memory_bytes: 0,
            dropped_steps: 0,
            changes: VecDeque::new(),
        }
    }

    /// Changes the memory the steps may take, dropping the oldest at once
    /// if they take more.
    pub fn set_memory_limit(&mut self, bytes: usize) {
        self.memory_limit = bytes;
        self.drop_oldest_over_limit();
    }

    /// Applies `edit` as one undoable step. A refused edit changes nothing.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditError> {
        self.apply_finding(project, edit, None)
    }

    /// Like [`History::apply`], looking up in `dependents` (the project
    /// index, current for `project`) what a delete takes along and which
    /// links a new link could repeat, instead of reading every record.
    pub fn apply_indexed(
        &mut self,
        project: &mut Project,
        edit: Edit,
        dependents: &dyn Dependents,
    ) -> Result<(), EditError> {
        self.apply_finding(project, edit, Some(dependents))
    }

    fn apply_finding(
        &mut self,
        project: &mut Project,
        edit: Edit,
        dependents: Option<&dyn Dependents>,
    ) -> Result<(), EditError> {
        let label = edit.label(project);
        let inverse = match dependents {
            Some(dependents) => apply_indexed(project, edit.clone(), dependents)?,
            None => apply(project, edit.clone())?,
        };
        let touched = Touched::of(&edit, &inverse);
        self.log_change(touched.clone());
        let (forward, inverse) = Step::record(edit, inverse);
        self.last_state += 1;
        let bytes = label.len() + forward.bytes() + inverse.bytes() + touched.bytes();
        self.undo.push_back(HistoryEntry {
            label,
            forward,
            inverse,
            state: self.last_state,
            bytes,
            touched,
        });
        self.memory_bytes += bytes;
        for dropped in self.redo.drain(..) {
            self.memory_bytes -= dropped.bytes;
        }
        self.drop_oldest_over_limit();
        self.revision += 1;
        Ok(())
    }

    /// Drops the oldest steps while the history is over its limit, always
    /// keeping the newest.
    fn drop_oldest_over_limit(&mut self) {
        while self.memory_bytes > self.memory_limit && self.undo.len() > 1 {
            let Some(oldest) = self.undo.pop_front() else {
                break;
            };
            self.memory_bytes -= oldest.bytes;
            self.floor_state = oldest.state;
            self.dropped_steps += 1;
        }
    }

    /// Undoes the last step; returns its label, or `None` if there is none.
    /// A recorded step is replayed on the state it was recorded against and
    /// restores it exactly, broken records included: it does not fail
    /// unless the project was changed behind the history's back.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        self.undo_finding(project, None)
    }

    /// Like [`History::undo`], with `dependents` as in
    /// [`History::apply_indexed`] (undoing an insert deletes).
    pub fn undo_indexed(
        &mut self,
        project: &mut Project,
        dependents: &dyn Dependents,
    ) -> Result<Option<String>, EditError> {
        self.undo_finding(project, Some(dependents))
    }

    fn undo_finding(
        &mut self,
        project: &mut Project,
        dependents: Option<&dyn Dependents>,
    ) -> Result<Option<String>, EditError> {
        let Some(entry) = self.undo.pop_back() else {
            return Ok(None);
        };
        if let Err(error) = replay_step(project, &entry.inverse, dependents) {
            self.undo.push_back(entry);
            return Err(error);
        }
        self.log_change(entry.touched.clone());
        let label = entry.label.clone();
        self.redo.push(entry);
        self.revision += 1;
        Ok(Some(label))
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        self.redo_finding(project, None)
    }

    /// Like [`History::redo`], with `dependents` as in
    /// [`History::apply_indexed`].
    pub fn redo_indexed(
        &mut self,
        project: &mut Project,
        dependents: &dyn Dependents,
    ) -> Result<Option<String>, EditError> {
        self.redo_finding(project, Some(dependents))
    }

    fn redo_finding(
        &mut self,
        project: &mut Project,
        dependents: Option<&dyn Dependents>,
    ) -> Result<Option<String>, EditError> {
        let Some(entry) = self.redo.pop() else {
            return Ok(None);
        };
        if let Err(error) = replay_step(project, &entry.forward, dependents) {
            self.redo.push(entry);
            return Err(error);
        }
        self.log_change(entry.touched.clone());
        let label = entry.label.clone();
        self.undo.push_back(entry);
        self.revision += 1;
        Ok(Some(label))
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|e| e.label.as_str())
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
        self.undo.back().map_or(self.floor_state, |e| e.state)
    }

    /// Number of steps that can be undone.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// Approximate memory the undo and redo steps take.
    pub fn memory_bytes(&self) -> usize {
        self.memory_bytes
    }

    /// The memory the steps may take before the oldest are dropped.
    pub fn memory_limit(&self) -> usize {
        self.memory_limit
    }

    /// Steps dropped (oldest first) to stay within the memory limit: that
    /// many of the first changes can no longer be undone.
    pub fn dropped_steps(&self) -> u64 {
        self.dropped_steps
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

/// Replays a recorded step on `project`, looking up what depends on
/// records in `dependents` when given.
fn replay_step(
    project: &mut Project,
    step: &Step,
    dependents: Option<&dyn Dependents>,
) -> Result<Edit, EditError> {
    let edit = step.edit(project)?;
    match dependents {
        Some(dependents) => replay_indexed(project, edit, dependents),
        None => replay(project, edit),
    }
}
