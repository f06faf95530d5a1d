//! Files and background jobs: open, save, import, export, the file
//! dialogs, dropped files, and the unsaved-changes guard before New, Open
//! and closing the window.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::App;
use crate::model::Project;
use crate::ui::action::{Action, ExportRequest, UnsavedChoice};
use crate::ui::dialogs::{self, FileChooser, FilePurpose, Native};
use crate::ui::document::{Document, Job, JobOutcome};
use crate::ui::reading_view::ReadingView;
use crate::ui::{export, inspector, pairs, search};

/// What to do once unsaved changes are saved or discarded.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum AfterDiscard {
    New,
    ChooseOpen,
    OpenPath(PathBuf),
    Quit,
}

impl App {
    pub(super) fn poll_job(&mut self) {
        let Some(job) = &self.job else {
            return;
        };
        if job.shows_progress() {
            self.ctx.request_repaint_after(Duration::from_millis(100));
        }
        let Some(outcome) = job.poll() else {
            return;
        };
        self.job = None;
        // Handled with this frame's actions, before them.
        self.actions.insert(0, Action::JobDone(outcome));
    }

    pub(super) fn job_done(&mut self, outcome: Result<JobOutcome, String>) {
        match outcome {
            Ok(JobOutcome::Loaded { path, result }) => self.loaded(path, result),
            Ok(JobOutcome::Saved {
                path,
                state,
                result,
            }) => self.saved(path, state, result),
            Err(message) => self.error(message),
        }
    }

    pub(super) fn loaded(&mut self, path: PathBuf, result: Result<Box<Document>, String>) {
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
                self.safety_opened(&path);
                self.remember(&path);
            }
            Err(message) => self.error(message),
        }
    }

    pub(super) fn saved(&mut self, path: PathBuf, state: u64, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.doc.history.mark_saved_state(state);
                self.doc.path = Some(path.clone());
                self.safety_saved(&path);
                self.remember(&path);
                self.notify(format!("Saved {}", path.display()));
                if let Some(after) = self.after_save.take() {
                    self.continue_with(after);
                }
            }
            Err(message) => {
                self.after_save = None;
                self.error(message);
            }
        }
    }

    pub(super) fn replace_document(&mut self, doc: Document) {
        self.safety_replacing();
        self.open_article = doc.project.articles.first().map(|a| a.id);
        self.doc = doc;
        self.selected_claim = None;
        self.selected_link = None;
        self.reading = ReadingView::new();
        self.highlights = (None, u64::MAX, Vec::new());
        self.inspector = inspector::InspectorState::default();
        self.pairs = pairs::PairsState::default();
        self.search = search::SearchState::default();
        self.link_picker = None;
        self.export = None;
    }

    pub(super) fn start_load(&mut self, path: PathBuf) {
        if self.job.is_some() {
            self.error("Wait for the current load or save to finish".into());
            return;
        }
        self.job = Some(Job::load(&self.ctx, path));
    }

    pub(super) fn save(&mut self) {
        match self.doc.path.clone() {
            Some(path) => self.save_to(path),
            None => self.choose_file(FilePurpose::SaveAs),
        }
    }

    pub(super) fn save_to(&mut self, path: PathBuf) {
        if self.job.is_some() {
            self.error("Wait for the current load or save to finish".into());
            return;
        }
        if !self.safety_may_save(&path) {
            return;
        }
        let state = self.doc.history.state();
        let copy = self.doc.project.clone();
        self.job = Some(Job::save(&self.ctx, path, copy, state));
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
            FilePurpose::Import | FilePurpose::ImportFolder => self.import(&paths),
            FilePurpose::ReplaceText => self.safety_text_file_chosen(&paths),
            FilePurpose::ExportTo => {
                if let (Some(dialog), Some(path)) = (&mut self.export, paths.first()) {
                    dialog.destination = path.display().to_string();
                }
            }
        }
    }

    /// Imports files and folders as one undo step: what the Import command,
    /// the file chooser and drag-and-drop all ask for.
    pub(super) fn import(&mut self, paths: &[PathBuf]) {
        let stamp = crate::clock::stamp();
        let report = crate::io::import::import_paths(&self.doc.project, paths, &stamp);
        let added = report.added.len();
        let mut parts = vec![format!("Imported {added} article(s)")];
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
        parts.extend(report.warnings.iter().cloned());
        let failed = !report.failures.is_empty();
        parts.extend(report.failures.iter().cloned());
        if let Some(edit) = report.edit
            && self.apply_edit(edit)
            && self.open_article.is_none()
        {
            self.open_article = report.added.first().copied();
        }
        let message = parts.join(". ");
        if failed || added == 0 {
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
        let Some(dialog) = &mut self.export else {
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

    pub(super) fn export(&mut self, request: &ExportRequest) {
        match export::run(&self.doc.project, request) {
            Ok(message) => {
                self.notify(message);
                self.export = None;
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
