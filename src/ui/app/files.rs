//! Files: open, save, import and export (each a background job, see
//! `ui::jobs`, whose result comes back as an action), the file dialogs,
//! dropped files, and the unsaved-changes guard before New, Open and
//! closing the window.

use std::path::{Path, PathBuf};

use super::App;
use crate::io::import::ImportReport;
use crate::io::recovery::{Base, CopyOwner};
use crate::io::watch::Baseline;
use crate::model::Project;
use crate::ui::action::{Action, UnsavedChoice};
use crate::ui::dialogs::{self, FileChooser, FilePurpose, Native};
use crate::ui::document::Document;
use crate::ui::imported;
use crate::ui::jobs::{self, ExportRequest, Job, SaveFailure};
use crate::ui::reading_view::ReadingView;

/// What to do once unsaved changes are saved or discarded.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum AfterDiscard {
    New,
    ChooseOpen,
    OpenPath(PathBuf),
    Quit,
}

impl App {
    /// A project file was read (or could not be).
    pub(super) fn loaded(
        &mut self,
        path: PathBuf,
        result: Result<Box<Document>, String>,
        baseline: Baseline,
    ) {
        match result {
            Ok(doc) => {
                if !doc.problems.is_empty() {
                    self.error(format!(
                        "{}: {} problem(s); affected claims are flagged. First: {}",
                        path.display(),
                        doc.problems.len(),
                        doc.problems[0]
                    ));
                }
                self.replace_document(*doc);
                self.safety_opened(&path, baseline);
                self.remember(&path);
            }
            Err(message) => self.error(message),
        }
        self.start_queued_save();
    }

    /// A save finished. The document it was for is clean if nothing changed
    /// meanwhile; a document opened since (New, Open) gets nothing from it.
    pub(super) fn saved(
        &mut self,
        path: PathBuf,
        (document, state): (CopyOwner, u64),
        result: Result<Baseline, SaveFailure>,
    ) {
        match result {
            Ok(_) if document != self.doc.owner => {
                self.notify(format!("Saved {}", path.display()));
            }
            Ok(baseline) => {
                self.doc.history.mark_saved_state(state);
                self.doc.path = Some(path.clone());
                self.doc.read_only = false;
                self.doc.base = Base::from_hash(baseline.hash.clone());
                self.safety_saved(&path, baseline);
                self.remember(&path);
                self.notify(format!("Saved {}", path.display()));
                self.continue_after_save();
            }
            // Asked first; what follows the save waits for the answer.
            Err(SaveFailure::ChangedOnDisk) => {
                self.queued_save = None;
                self.safety_changed_on_disk(&path);
            }
            Err(SaveFailure::Failed(message)) => {
                self.after_save = None;
                self.error(message);
            }
        }
        self.start_queued_save();
    }

    /// After a save asked for by "Save the changes first?": go on only when
    /// nothing is left unsaved; changes made while it ran are saved first.
    fn continue_after_save(&mut self) {
        if self.after_save.is_none() {
            return;
        }
        if self.doc.is_dirty() {
            if self.queued_save.is_none() {
                self.save();
            }
        } else if let Some(after) = self.after_save.take() {
            self.continue_with(after);
        }
    }

    /// Starts the save asked for while another load or save ran, if its
    /// document is still the open one.
    fn start_queued_save(&mut self) {
        if self.jobs.loading_or_saving() {
            return;
        }
        if let Some((document, path)) = self.queued_save.take()
            && document == self.doc.owner
        {
            self.save_to(path);
        }
    }

    pub(super) fn replace_document(&mut self, doc: Document) {
        self.safety_replacing();
        self.open_article = doc.project.articles.first().map(|a| a.id);
        self.doc = doc;
        self.doc.history.set_memory_limit(self.undo_memory_limit);
        self.selected_claim = None;
        self.selected_link = None;
        self.reading = ReadingView::new();
        self.highlights = (None, u64::MAX, Vec::new());
        self.panels.forget_document();
    }

    pub(super) fn start_load(&mut self, path: PathBuf) {
        if self.jobs.loading_or_saving() {
            self.error("Wait for the current load or save to finish".into());
            return;
        }
        let cache = self.cache.clone();
        self.jobs.start(&self.ctx, Job::Load { path, cache });
    }

    pub(super) fn save(&mut self) {
        match self.doc.path.clone() {
            Some(path) if !self.doc.read_only => self.save_to(path),
            _ => self.choose_file(FilePurpose::SaveAs),
        }
    }

    /// Writes a copy of the project in the background; the window keeps
    /// working on the original meanwhile.
    pub(super) fn save_to(&mut self, path: PathBuf) {
        if self.doc.read_only && self.doc.path.as_deref() == Some(path.as_path()) {
            return self.error(format!(
                "{} is open in another Riposte window: choose another name",
                path.display()
            ));
        }
        if self.jobs.loading_or_saving() {
            // Never dropped: done as soon as the running one finishes.
            self.queued_save = Some((self.doc.owner, path));
            return;
        }
        // A look at the file started before this save would see our write.
        self.safety.watch.forget_look();
        let job = Job::Save {
            check: self.safety_save_check(&path),
            path,
            project: self.doc.project.clone(),
            document: self.doc.owner,
            state: self.doc.history.state(),
            cache: self.cache.clone(),
        };
        self.jobs.start(&self.ctx, job);
    }

    pub(super) fn start_dir(&self) -> PathBuf {
        self.doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default()
    }

    pub(super) fn choose_file(&mut self, purpose: FilePurpose) {
        let start = self.start_dir();
        let name = match purpose {
            FilePurpose::SaveAs => format!("{}.ron", file_stem_for(&self.doc.name())),
            _ => String::new(),
        };
        if self.native_dialogs {
            match dialogs::native_pick(purpose, &start, &name) {
                Native::Chosen(paths) => return self.file_chosen(purpose, paths),
                Native::Cancelled => return,
                Native::Unavailable => self.native_dialogs = false,
            }
        }
        self.chooser = Some(FileChooser::new(purpose, &start, &name));
    }

    pub(super) fn file_chosen(&mut self, purpose: FilePurpose, paths: Vec<PathBuf>) {
        match purpose {
            FilePurpose::Open => {
                if let Some(path) = paths.into_iter().next() {
                    self.start_load(path);
                }
            }
            FilePurpose::SaveAs => {
                if let Some(path) = paths.into_iter().next() {
                    self.save_to(path);
                }
            }
            FilePurpose::Import | FilePurpose::ImportFolder => self.import(paths),
            FilePurpose::ReplaceText => self.text_file_chosen(&paths),
            FilePurpose::ExportTo => {
                if let (Some(dialog), Some(path)) = (&mut self.panels.export, paths.first()) {
                    dialog.destination = path.display().to_string();
                }
            }
        }
    }

    /// Imports files and folders as one undo step: what the Import command,
    /// the file chooser and drag-and-drop all ask for.
    pub(super) fn import(&mut self, paths: Vec<PathBuf>) {
        let job = Job::Import {
            paths,
            snapshot: jobs::import_snapshot(&self.doc.project),
            stamp: crate::clock::stamp(),
        };
        self.jobs.start(&self.ctx, job);
    }

    /// The import's edit is applied (it held the queue, so the ids it chose
    /// are still free), what happened is said, the first new article opens
    /// in the reading view and the new articles are listed for checking.
    pub(super) fn imported(&mut self, report: ImportReport) {
        let message = import_summary(&report);
        let nothing_new = report.added.is_empty() && report.claims.is_empty();
        let failed = !report.failures.is_empty();
        if let Some(edit) = report.edit
            && self.apply_edit(edit)
            && let Some(first) = report.added.first()
        {
            self.open_article = Some(*first);
            self.panels.imported = imported::ImportedState::new(&report.added);
        }
        if failed || nothing_new {
            self.error(message);
        } else {
            self.notify(message);
        }
    }

    pub(super) fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.actions.push(Action::Import(dropped));
        }
    }

    pub(super) fn guard_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.actions.push(Action::CloseRequested);
        }
    }

    pub(super) fn unsaved_answered(&mut self, choice: UnsavedChoice) {
        let Some(after) = self.confirm.take() else {
            return;
        };
        match choice {
            UnsavedChoice::Save => {
                self.after_save = Some(after);
                self.save();
            }
            UnsavedChoice::Discard => self.continue_with(after),
            UnsavedChoice::Cancel => {}
        }
    }

    /// The Export dialog's Browse…: the system dialog, else type the path.
    pub(super) fn browse_export(&mut self) {
        let start = self.start_dir();
        let Some(dialog) = &mut self.panels.export else {
            return;
        };
        let name = dialog.file_name();
        match dialogs::native_pick(FilePurpose::ExportTo, &start, &name) {
            Native::Chosen(paths) => {
                if let Some(path) = paths.into_iter().next() {
                    dialog.destination = path.display().to_string();
                }
            }
            Native::Cancelled => {}
            Native::Unavailable => {
                dialog.note = Some("No system file dialog here: type the path.".into());
            }
        }
    }

    pub(super) fn export(&mut self, request: ExportRequest) {
        if let Some(project_path) = &self.doc.path
            && same_file(&request.destination, project_path)
        {
            // The dialog stays open for another destination.
            return self.error(format!(
                "Not exported: {} is the open project's file; choose another destination",
                request.destination.display()
            ));
        }
        let project = self.doc.project.clone();
        self.jobs.start(&self.ctx, Job::Export { request, project });
    }

    /// The export was written (the dialog closes) or failed (it stays open).
    pub(super) fn exported(&mut self, result: Result<String, String>) {
        match result {
            Ok(message) => {
                self.notify(message);
                self.panels.export = None;
            }
            Err(message) => self.error(message),
        }
    }

    pub(super) fn guard_unsaved(&mut self, after: AfterDiscard) {
        if self.doc.is_dirty() {
            self.confirm = Some(after);
        } else {
            self.continue_with(after);
        }
    }

    pub(super) fn continue_with(&mut self, after: AfterDiscard) {
        match after {
            AfterDiscard::New => {
                self.replace_document(Document::new(Project::new("Untitled"), None))
            }
            AfterDiscard::ChooseOpen => self.choose_file(FilePurpose::Open),
            AfterDiscard::OpenPath(path) => self.start_load(path),
            AfterDiscard::Quit => {
                self.safety_quitting();
                self.allow_close = true;
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }
}

/// True when both paths name one existing file, however spelled (`.`,
/// `..`, symlinks).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A file name made from a project name (no path separators).
pub(super) fn file_stem_for(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.trim_matches('_').is_empty() {
        "project".into()
    } else {
        stem
    }
}

/// "Imported 2 article(s), 5 claim(s) and 3 link(s). …" with duplicates,
/// unplaced annotations, warnings and failures.
fn import_summary(report: &ImportReport) -> String {
    let mut parts = vec![format!("Imported {} article(s)", report.added.len())];
    if !report.claims.is_empty() || !report.links.is_empty() {
        parts.push(format!(
            "{} claim(s) and {} link(s) from annotations",
            report.claims.len(),
            report.links.len()
        ));
    }
    if !report.duplicates.is_empty() {
        let names: Vec<String> = report
            .duplicates
            .iter()
            .map(|(path, id)| format!("{} (= {id})", file_name(path)))
            .collect();
        parts.push(format!(
            "{} duplicate(s) skipped: {}",
            names.len(),
            names.join(", ")
        ));
    }
    if !report.orphans.is_empty() {
        parts.push(format!(
            "{} annotation(s) not placed: {}",
            report.orphans.len(),
            report.orphans.join("; ")
        ));
    }
    parts.extend(report.warnings.iter().cloned());
    parts.extend(report.failures.iter().cloned());
    parts.join(". ")
}
