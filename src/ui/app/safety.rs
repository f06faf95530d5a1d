//! The window's side of `ui::safety`: the few hooks the rest of the app
//! calls (each frame, after open, before and after save, when a document is
//! replaced), the lock and recovery copies, and what the analyst's choices
//! in the safety prompts and windows do. Reading, comparing and restoring
//! run as background jobs; their results come back here.

use std::path::{Path, PathBuf};

use super::App;
use crate::io::compare::Differences;
use crate::io::lock::{LockError, ProjectLock, lock_path};
use crate::io::recovery::{self, Base, RecoveryCopy, RestoreDecision};
use crate::io::watch::Baseline;
use crate::model::{Edit, Project};
use crate::ui::action::Action;
use crate::ui::dialogs::FilePurpose;
use crate::ui::document::Document;
use crate::ui::jobs::{Job, Restored};
use crate::ui::safety::{self, Choice, Prompt};

impl App {
    /// Every frame, before the panels: watch the file, autosave, and draw
    /// the safety windows.
    pub(super) fn safety_frame(&mut self, ctx: &egui::Context) {
        // Our own save rewrites the file: only look at it when no load or
        // save runs.
        if !self.jobs.loading_or_saving() {
            self.safety.watch.poll(ctx);
            if self.safety_offer_untitled {
                self.safety_offer_untitled = false;
                self.find_copies(None);
            }
        }
        if let Some(message) = self.safety.autosave.frame(ctx, &self.doc) {
            self.error(message);
        }
        if let Some(prompt) = self.safety.prompts.front()
            && let Some(choice) = safety::prompt_ui(ctx, prompt)
        {
            self.safety.prompts.pop_front();
            self.actions.push(Action::Safety(choice));
        }
    }

    /// The non-modal safety windows, drawn with the app's other windows.
    pub(super) fn safety_windows_ui(&mut self, ctx: &egui::Context) {
        for choice in self.safety_windows(ctx) {
            self.actions.push(Action::Safety(choice));
        }
    }

    fn safety_windows(&mut self, ctx: &egui::Context) -> Vec<Choice> {
        let mut choices = Vec::new();
        if let Some(differences) = &self.safety.differences {
            let (open, choice) = safety::differences_ui(ctx, differences);
            if !open {
                self.safety.differences = None;
            }
            choices.extend(choice);
        }
        if let Some(editor) = &mut self.safety.editor {
            choices.extend(safety::text_editor_ui(ctx, editor, &self.doc.project));
        }
        if self.safety.review_open {
            choices.extend(safety::review_ui(
                ctx,
                &mut self.safety.review_open,
                &self.doc,
                &mut self.safety.review,
            ));
        }
        choices
    }

    /// The banner under the menu bar (external change, lock warning).
    pub(super) fn safety_banner_ui(&mut self, ui: &mut egui::Ui) {
        let change = self.safety.watch.change;
        if change.is_none() && self.safety.lock_warning.is_none() {
            return;
        }
        let warning = self.safety.lock_warning.clone();
        let choice = egui::Panel::top("safety_banner")
            .show(ui, |ui| safety::banner_ui(ui, change, warning.as_deref()))
            .inner;
        if let Some(choice) = choice {
            self.actions.push(Action::Safety(choice));
        }
    }

    /// At start-up: offer untitled recovery copies once the first load (if
    /// any) is done.
    pub(super) fn safety_started(&mut self) {
        self.safety_offer_untitled = true;
    }

    /// A project file was opened: lock it, watch it, offer its recovery copy.
    pub(super) fn safety_opened(&mut self, path: &Path, baseline: Baseline) {
        self.safety.watch.watch(Some(path), baseline);
        let held_elsewhere = self.lock_project(path);
        // A copy of a project another live window holds is that window's.
        if !held_elsewhere {
            self.find_copies(Some(path.to_path_buf()));
        }
    }

    /// The open document is about to be replaced (New, Open, Reload,
    /// restore): its recovery copy, lock and watch go with it.
    pub(super) fn safety_replacing(&mut self) {
        self.safety.autosave.forget_document(0);
        self.safety.lock = None;
        self.safety.lock_warning = None;
        self.safety.watch.watch(None, Baseline::default());
        self.safety.differences = None;
        self.safety.editor = None;
        self.safety
            .prompts
            .retain(|p| matches!(p, Prompt::Restore { .. }));
    }

    /// Quitting: a clean or discarded project needs no recovery copy.
    pub(super) fn safety_quitting(&mut self) {
        self.safety.autosave.forget_document(0);
        self.safety.lock = None;
    }

    /// What a save to `path` checks first (see `jobs::Job::Save`): that the
    /// watched file is still what this window read or wrote, unless the
    /// analyst confirmed overwriting it.
    pub(super) fn safety_save_check(&mut self, path: &Path) -> Option<Option<String>> {
        if self.safety.overwrite_confirmed.as_deref() == Some(path) {
            self.safety.overwrite_confirmed = None;
            return None;
        }
        if self.safety.watch.path() != Some(path) {
            return None;
        }
        Some(self.safety.watch.known_hash().map(str::to_string))
    }

    /// The save found the file changed on disk: ask before overwriting.
    pub(super) fn safety_changed_on_disk(&mut self, path: &Path) {
        if !self
            .safety
            .prompts
            .iter()
            .any(|p| matches!(p, Prompt::Overwrite { .. }))
        {
            self.safety.prompts.push_back(Prompt::Overwrite {
                path: path.to_path_buf(),
            });
        }
    }

    /// After a successful save to `path`.
    pub(super) fn safety_saved(&mut self, path: &Path, baseline: Baseline) {
        self.safety.watch.watch(Some(path), baseline);
        let locked_here = self
            .safety
            .lock
            .as_ref()
            .is_some_and(|lock| lock.path() == lock_path(path));
        if !locked_here {
            self.safety.lock = None;
            self.lock_project(path);
        }
    }

    // ----- lock and recovery -----

    /// Locks `path`; true when another live Riposte holds it (then asks).
    fn lock_project(&mut self, path: &Path) -> bool {
        match ProjectLock::acquire(path) {
            Ok(lock) => {
                self.safety.lock = Some(lock);
                self.safety.lock_warning = None;
                false
            }
            Err(LockError::Held { pid, host, .. }) => {
                self.safety.prompts.push_back(Prompt::LockHeld {
                    path: path.to_path_buf(),
                    pid,
                    host,
                });
                true
            }
            Err(error @ LockError::Io { .. }) => {
                self.safety.lock_warning = Some(format!("Not locked: {error}"));
                false
            }
        }
    }

    /// Looks for the recovery copy of `project` (or, for `None`, untitled
    /// copies left by windows no longer running) in the background.
    fn find_copies(&mut self, project: Option<PathBuf>) {
        if let Some(data_dir) = self.safety.data_dir().map(Path::to_path_buf) {
            self.jobs
                .start(&self.ctx, Job::FindCopies { data_dir, project });
        }
    }

    /// The copies found: each is offered in a prompt.
    pub(super) fn copies_found(
        &mut self,
        offers: Vec<(RecoveryCopy, RestoreDecision)>,
        unreadable: Vec<String>,
    ) {
        for message in unreadable {
            self.error(message);
        }
        for (copy, decision) in offers {
            self.safety
                .prompts
                .push_back(Prompt::Restore { copy, decision });
        }
    }

    /// The recovery copy was read: it replaces the document, unsaved.
    pub(super) fn restored(&mut self, copy: PathBuf, result: Restored) {
        let (meta, doc) = match result {
            Ok(restored) => restored,
            Err(message) => return self.error(message),
        };
        let path = doc.path.clone();
        let lock = self.safety.lock.take();
        self.replace_document(*doc);
        self.safety.lock = lock;
        if let Some(path) = &path {
            if self.safety.lock.is_none() {
                self.lock_project(path);
            }
            self.safety.watch.watch(Some(path), Baseline::default());
            // The copy's changes began from its base: a file that is not
            // the base any more shows the external-change banner.
            if let Base::File { content_hash } = &self.doc.base {
                self.safety.watch.assume_known_hash(content_hash.clone());
            }
        }
        let revision = self.doc.history.revision();
        self.safety
            .autosave
            .adopt(copy, meta.unsaved_changes, revision);
        self.notify(format!(
            "Restored {} unsaved change(s) from the recovery copy; save to keep them",
            meta.unsaved_changes
        ));
    }

    // ----- choices -----

    /// What an answer in a safety prompt or window does (from the handler).
    pub(super) fn safety_choice(&mut self, choice: Choice) {
        match choice {
            Choice::Restore(copy) => self.jobs.start(&self.ctx, Job::Restore { copy }),
            Choice::DiscardCopy(path) => {
                if let Err(error) = recovery::discard(&path) {
                    self.error(format!("{}: {error}", path.display()));
                }
            }
            Choice::Later => {}
            Choice::TakeOverLock(path) => self.take_over_lock(&path),
            Choice::OpenReadOnly(path) => {
                self.doc.read_only = true;
                self.safety.lock_warning = Some(format!(
                    "{} is open in another Riposte window: read-only here. Save as… to keep \
                     changes under another name.",
                    path.display()
                ));
            }
            Choice::CloseProject => {
                self.replace_document(Document::new(Project::new("Untitled"), None));
            }
            Choice::Overwrite(path) => {
                self.safety.overwrite_confirmed = Some(path.clone());
                self.save_to(path);
            }
            Choice::SaveAs => self.choose_file(FilePurpose::SaveAs),
            Choice::CancelSave => self.after_save = None,
            Choice::Reload => self.reload_from_disk(),
            Choice::Compare => self.compare_with_disk(),
            Choice::DismissBanner => self.safety.watch.change = None,
            Choice::ApplyText { article, text } => self.apply_article_text(article, text),
            Choice::CancelText => self.safety.editor = None,
            Choice::ReviewSelect(claim) => self.jump_to_claim(claim),
            Choice::ReviewAccept(claim) => self.accept_review(claim),
            Choice::ReviewDelete(claim) => {
                self.apply_edit(Edit::delete_claim(claim));
            }
            Choice::ReviewReattach(claim) => self.reattach(claim),
            Choice::ReviewRepair(claim) => self.repair(claim),
        }
    }

    fn take_over_lock(&mut self, path: &Path) {
        match ProjectLock::take_over(path) {
            Ok(lock) => {
                self.safety.lock = Some(lock);
                self.safety.lock_warning = None;
            }
            Err(error) => self.error(error.to_string()),
        }
    }

    fn reload_from_disk(&mut self) {
        let Some(path) = self.safety.watch.path().map(Path::to_path_buf) else {
            return;
        };
        // The analyst chose to discard: no recovery copy of it is kept.
        self.safety.autosave.forget_document(0);
        self.safety.differences = None;
        self.start_load(path);
    }

    fn compare_with_disk(&mut self) {
        let Some(path) = self.safety.watch.path().map(Path::to_path_buf) else {
            return;
        };
        let project = self.doc.project.clone();
        self.jobs.start(&self.ctx, Job::Compare { path, project });
    }

    pub(super) fn compared(&mut self, result: Result<Differences, String>) {
        match result {
            Ok(differences) => self.safety.differences = Some(differences),
            Err(message) => self.error(message),
        }
    }
}
