//! The open project with its undo history, file path and derived index.

use std::path::{Path, PathBuf};

use crate::io::recovery::{Base, CopyOwner};
use crate::model::{Edit, EditError, History, Project, ProjectIndex};

/// One open project. Only [`Document::apply`], `undo` and `redo` change it.
pub struct Document {
    pub project: Project,
    pub history: History,
    pub path: Option<PathBuf>,
    pub index: ProjectIndex,
    /// What was wrong in the file when it was opened (flagged claims...).
    pub problems: Vec<String>,
    /// Names this document (not its file): its recovery copy, and the
    /// results of saves started for it, which a replaced document ignores.
    pub owner: CopyOwner,
    /// The file its unsaved changes began from (opened, saved, reloaded),
    /// recorded in its recovery copy.
    pub base: Base,
    /// Opened read-only because another Riposte window holds its file: no
    /// edit applies and nothing is saved to that file (Save as… can).
    pub read_only: bool,
}

impl Document {
    pub fn new(project: Project, path: Option<PathBuf>) -> Document {
        let history = History::new();
        let mut index = ProjectIndex::build(&project, history.revision());
        index.build_text_orders_in_background(&project);
        Document {
            project,
            history,
            path,
            index,
            problems: Vec::new(),
            owner: CopyOwner::next_document(),
            base: Base::NoFile,
            read_only: false,
        }
    }

    /// Applies `edit` as one undoable step. A delete finds the links of
    /// the claims it removes, and a new link the links it could repeat, in
    /// the index (brought up to date first) rather than reading every link.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.refresh_index();
        self.history
            .apply_indexed(&mut self.project, edit, &self.index)?;
        self.refresh_index();
        Ok(())
    }

    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        self.refresh_index();
        let label = self.history.undo_indexed(&mut self.project, &self.index)?;
        self.refresh_index();
        Ok(label)
    }

    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        self.refresh_index();
        let label = self.history.redo_indexed(&mut self.project, &self.index)?;
        self.refresh_index();
        Ok(label)
    }

    /// Updates derived lookups from the records the latest steps touched.
    pub fn refresh_index(&mut self) {
        self.index.refresh(&self.project, &self.history);
    }

    /// The name shown in the title bar: the project title, else the file name.
    pub fn name(&self) -> String {
        if !self.project.title.trim().is_empty() {
            return self.project.title.clone();
        }
        self.path.as_deref().and_then(Path::file_stem).map_or_else(
            || "Untitled".to_string(),
            |s| s.to_string_lossy().into_owned(),
        )
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }
}
