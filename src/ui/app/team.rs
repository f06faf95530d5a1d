//! Team work in the window: merging another analyst's copy (File → Merge
//! another copy…), deciding what a merge or a curation left open (the
//! Conflicts and disagreements window), and comparing copies annotated
//! independently (the Agreement window), which can open the curated
//! project.

use std::path::PathBuf;

use super::App;
use super::files::AfterDiscard;
use crate::model::{
    Conflict, Disagreement, Project, Relation, Side, decide_disagreement, resolve_conflict,
};
use crate::ui::agreement::AgreementWindow;
use crate::ui::commands::Command;
use crate::ui::dialogs::FilePurpose;
use crate::ui::document::Document;
use crate::ui::jobs::Job;
use crate::ui::jobs::team::Compared;

impl App {
    pub(super) fn team_command(&mut self, command: Command) {
        match command {
            Command::MergeCopy => self.choose_file(FilePurpose::MergeCopy),
            Command::Decisions => self.panels.decisions_open = !self.panels.decisions_open,
            Command::Agreement => self.choose_file(FilePurpose::AgreementCopy),
            _ => {}
        }
    }

    pub(super) fn team_file_chosen(&mut self, purpose: FilePurpose, paths: Vec<PathBuf>) {
        match purpose {
            FilePurpose::MergeCopy => {
                if let Some(path) = paths.into_iter().next() {
                    let ours = self.doc.project.clone();
                    self.jobs.start(&self.ctx, Job::MergeCopy { path, ours });
                }
            }
            FilePurpose::AgreementCopy => {
                let window = self
                    .panels
                    .agreement
                    .get_or_insert_with(AgreementWindow::default);
                window.copies.extend(paths);
                window.copies.dedup();
                window.compared = None;
                window.error = None;
                let name = self.doc.path.as_deref().and_then(|p| p.file_name());
                let name = name.map_or_else(|| self.doc.name(), |n| n.to_string_lossy().into());
                let ours = (name, self.doc.project.clone());
                let copies = window.copies.clone();
                self.jobs.start(&self.ctx, Job::Agree { ours, copies });
            }
            _ => {}
        }
    }

    /// The merge held the queue, so its edit applies to the project it was
    /// built from; it is one undo step.
    pub(super) fn copy_merged(
        &mut self,
        path: PathBuf,
        result: Result<(Option<crate::model::Edit>, usize), String>,
    ) {
        let name = path.display();
        match result {
            Err(message) => self.error(message),
            Ok((None, _)) => self.notify(format!("{name} holds nothing this project lacks")),
            Ok((Some(edit), conflicts)) => {
                if self.apply_edit(edit) {
                    self.notify(format!("Merged {name}: {conflicts} conflict(s) to decide"));
                    self.panels.decisions_open |= conflicts > 0;
                }
            }
        }
    }

    pub(super) fn agreed(&mut self, result: Result<Compared, String>) {
        let Some(window) = &mut self.panels.agreement else {
            return;
        };
        match result {
            Ok(compared) => window.compared = Some(compared),
            Err(message) => window.error = Some(message),
        }
    }

    /// Decided from the conflict as it is now in the list (the list may
    /// have changed since the button was drawn).
    pub(super) fn decide_conflict(&mut self, conflict: &Conflict, side: Side) {
        let project = &self.doc.project;
        let Some(index) = project.conflicts.iter().position(|c| c == conflict) else {
            return self.error("Not done: that conflict was already decided".into());
        };
        match resolve_conflict(project, index, side, &crate::clock::stamp()) {
            Ok(edit) => {
                self.apply_edit(edit);
            }
            Err(error) => self.error(format!("Not done: {error}")),
        }
    }

    pub(super) fn decide_disagreement(
        &mut self,
        disagreement: &Disagreement,
        relation: Option<Relation>,
    ) {
        let project = &self.doc.project;
        let Some(index) = project.disagreements.iter().position(|d| d == disagreement) else {
            return self.error("Not done: that disagreement was already decided".into());
        };
        match decide_disagreement(project, index, relation, &crate::clock::stamp()) {
            Ok(edit) => {
                self.apply_edit(edit);
            }
            Err(error) => self.error(format!("Not done: {error}")),
        }
    }

    pub(super) fn open_curated(&mut self, project: Project) {
        self.guard_unsaved(AfterDiscard::Curated(Box::new(project)));
    }

    /// The curated project becomes the open, unsaved document.
    pub(super) fn adopt_curated(&mut self, project: Project) {
        let mut doc = Document::new(project, None);
        // Not on disk yet: unsaved until the analyst saves it.
        doc.history.mark_saved_state(u64::MAX);
        self.replace_document(doc);
        self.decisions_waiting();
    }

    /// After a project is opened: decisions left in it are shown.
    pub(super) fn decisions_waiting(&mut self) {
        let project = &self.doc.project;
        let waiting = project.conflicts.len() + project.disagreements.len();
        if waiting > 0 {
            self.panels.decisions_open = true;
            self.notify(format!(
                "{waiting} conflict(s) or disagreement(s) to decide"
            ));
        }
    }
}
