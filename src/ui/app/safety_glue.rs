//! The window's side of `ui::safety`: the few hooks `app.rs` calls (each
//! frame, after open, before and after save, when a document is replaced)
//! and what the analyst's choices in the safety windows do. A child module
//! of `app`, so it works on the app's state without widening its API.

use std::path::{Path, PathBuf};

use super::App;
use crate::io::lock::{LockError, LockOwner, ProjectLock, lock_path};
use crate::io::recovery::{self, RecoveryCopy, RestoreDecision};
use crate::model::{ClaimId, Edit, Selection, edit_article_text, summarise};
use crate::ui::commands::Command;
use crate::ui::dialogs::FilePurpose;
use crate::ui::document::Document;
use crate::ui::safety::{self, Choice, Prompt, TextEditor};

impl App {
    // ----- hooks called from app.rs -----

    /// Every frame, before the panels: watch the file, autosave, and draw
    /// the safety windows.
    pub(super) fn safety_frame(&mut self, ctx: &egui::Context) {
        // Our own save rewrites the file: only poll when no save runs.
        if self.job.is_none() {
            self.safety.watch.poll(ctx);
            if self.safety_offer_untitled {
                self.safety_offer_untitled = false;
                self.offer_untitled_copies();
            }
        }
        if let Some(message) = self.safety.autosave.frame(ctx, &self.doc) {
            self.error(message);
        }
        let mut choices = Vec::new();
        if let Some(prompt) = self.safety.prompts.front() {
            choices.extend(safety::prompt_ui(ctx, prompt));
            if !choices.is_empty() {
                self.safety.prompts.pop_front();
            }
        }
        for choice in choices {
            self.safety_choice(choice);
        }
    }

    /// The non-modal safety windows, drawn with the app's other windows.
    pub(super) fn safety_windows_ui(&mut self, ctx: &egui::Context) {
        for choice in self.safety_windows(ctx) {
            self.safety_choice(choice);
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
                &self.doc.project,
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
            self.safety_choice(choice);
        }
    }

    /// At start-up: offer untitled recovery copies once the first load (if
    /// any) is done.
    pub(super) fn safety_started(&mut self) {
        self.safety_offer_untitled = true;
    }

    /// A project file was opened: lock it, watch it, offer its recovery copy.
    pub(super) fn safety_opened(&mut self, path: &Path) {
        self.safety.watch.watch(Some(path));
        let held_elsewhere = self.lock_project(path);
        // A copy of a project another live window holds is that window's.
        if !held_elsewhere {
            self.offer_copy_of(Some(path));
        }
    }

    /// The open document is about to be replaced (New, Open, Reload,
    /// restore): its recovery copy, lock and watch go with it.
    pub(super) fn safety_replacing(&mut self) {
        self.safety.autosave.forget_document(0);
        self.safety.lock = None;
        self.safety.lock_warning = None;
        self.safety.watch.watch(None);
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

    /// Before writing `path`: false (and a question shown) when the file
    /// changed on disk since this window read or wrote it.
    pub(super) fn safety_may_save(&mut self, path: &Path) -> bool {
        if self.safety.overwrite_confirmed.as_deref() == Some(path) {
            self.safety.overwrite_confirmed = None;
            return true;
        }
        if !self.safety.watch.changed_before_save(path) {
            return true;
        }
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
        false
    }

    /// After a successful save to `path`.
    pub(super) fn safety_saved(&mut self, path: &Path) {
        self.safety.watch.watch(Some(path));
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

    /// Commands of the safety features (others are ignored here).
    pub(super) fn safety_command(&mut self, command: Command) {
        match command {
            Command::EditArticleText => self.open_text_editor(),
            Command::ReplaceTextFromFile => {
                if self.open_article.is_some() {
                    self.choose_file(FilePurpose::ReplaceText);
                } else {
                    self.error("Open an article first".into());
                }
            }
            Command::ReviewClaims => self.safety.review_open = true,
            _ => {}
        }
    }

    /// A newer version of the open article was chosen: show it in the
    /// editor so the analyst sees it before applying.
    pub(super) fn safety_text_file_chosen(&mut self, paths: &[PathBuf]) {
        let (Some(path), Some(article)) = (paths.first(), self.open_article) else {
            return;
        };
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => return self.error(format!("{}: {error}", path.display())),
        };
        let name = path.display().to_string();
        let decoded = crate::io::import::decode(&bytes, &name);
        for warning in decoded.warnings {
            self.error(warning);
        }
        self.safety.editor = Some(TextEditor {
            article,
            text: decoded.text,
            source: Some(name),
        });
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

    /// Queues the restore prompt for the recovery copy of `path`, if any.
    fn offer_copy_of(&mut self, path: Option<&Path>) {
        let Some(data_dir) = self.safety.data_dir() else {
            return;
        };
        let expected = recovery::recovery_path(data_dir, path);
        let (copies, _) = recovery::find_recovery_copies(data_dir);
        if let Some(copy) = copies.into_iter().find(|c| c.path == expected) {
            self.offer_copy(copy);
        }
    }

    /// Untitled copies left by windows that are no longer running.
    fn offer_untitled_copies(&mut self) {
        let Some(data_dir) = self.safety.data_dir().map(Path::to_path_buf) else {
            return;
        };
        let data_dir = data_dir.as_path();
        let (copies, unreadable) = recovery::find_recovery_copies(data_dir);
        for message in unreadable {
            self.error(message);
        }
        let ours = recovery::recovery_path(data_dir, None);
        let orphaned: Vec<RecoveryCopy> = copies
            .into_iter()
            .filter(|c| c.meta.project_path.is_none() && c.path != ours)
            .filter(|c| !untitled_owner_alive(&c.path))
            .collect();
        for copy in orphaned {
            self.offer_copy(copy);
        }
    }

    fn offer_copy(&mut self, copy: RecoveryCopy) {
        let now = copy
            .meta
            .project_path
            .as_deref()
            .and_then(|p| recovery::disk_state(Path::new(p)).ok().flatten());
        let decision = recovery::restore_decision(&copy.meta, now.as_ref());
        if decision == RestoreDecision::Discard {
            let _ = recovery::discard(&copy.path);
            return;
        }
        self.safety
            .prompts
            .push_back(Prompt::Restore { copy, decision });
    }

    fn restore_copy(&mut self, copy: &RecoveryCopy) {
        let (meta, project) = match recovery::load_recovery(&copy.path) {
            Ok(loaded) => loaded,
            Err(error) => return self.error(error.to_string()),
        };
        let path = meta.project_path.as_ref().map(PathBuf::from);
        let lock = self.safety.lock.take();
        let mut doc = Document::new(project, path.clone());
        // The restored content is not what is on disk: unsaved.
        doc.history.mark_saved_state(u64::MAX);
        self.replace_document(doc);
        self.safety.lock = lock;
        if let Some(path) = &path {
            if self.safety.lock.is_none() {
                self.lock_project(path);
            }
            self.safety.watch.watch(Some(path));
            if let Some(disk) = &meta.disk {
                self.safety
                    .watch
                    .assume_known_hash(disk.content_hash.clone());
            }
        }
        let revision = self.doc.history.revision();
        self.safety
            .autosave
            .adopt(copy.path.clone(), meta.unsaved_changes, revision);
        self.notify(format!(
            "Restored {} unsaved change(s) from the recovery copy; save to keep them",
            meta.unsaved_changes
        ));
    }

    // ----- choices -----

    fn safety_choice(&mut self, choice: Choice) {
        match choice {
            Choice::Restore(copy) => self.restore_copy(&copy),
            Choice::DiscardCopy(path) => {
                if let Err(error) = recovery::discard(&path) {
                    self.error(format!("{}: {error}", path.display()));
                }
            }
            Choice::Later => {}
            Choice::CancelText => self.safety.editor = None,
            Choice::TakeOverLock(path) => match ProjectLock::take_over(&path) {
                Ok(lock) => {
                    self.safety.lock = Some(lock);
                    self.safety.lock_warning = None;
                }
                Err(error) => self.error(error.to_string()),
            },
            Choice::IgnoreLock(path) => {
                self.safety.lock_warning = Some(format!(
                    "{} is also open in another Riposte window: saving here may overwrite its work.",
                    path.display()
                ));
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
            Choice::ApplyText { article, text } => self.apply_article_text(article, &text),
            Choice::ReviewSelect(claim) => self.jump_to_claim(claim),
            Choice::ReviewAccept(claim) => self.accept_review(claim),
            Choice::ReviewDelete(claim) => {
                self.apply_edit(Edit::Delete(Selection {
                    claims: vec![claim],
                    ..Selection::default()
                }));
            }
            Choice::ReviewReattach(claim) => self.reattach(claim),
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
        match crate::io::project_file::load(&path) {
            Ok(loaded) => {
                self.safety.differences = Some(safety::external::compare(
                    &path,
                    &self.doc.project,
                    &loaded.project,
                ));
            }
            Err(error) => self.error(error.to_string()),
        }
    }

    // ----- article text and review -----

    fn open_text_editor(&mut self) {
        let Some(article) = self
            .open_article
            .and_then(|id| self.doc.project.article(id))
        else {
            return self.error("Open an article first".into());
        };
        self.safety.editor = Some(TextEditor {
            article: article.id,
            text: article.text.to_string(),
            source: None,
        });
    }

    fn apply_article_text(&mut self, article: crate::model::ArticleId, text: &str) {
        let stamp = crate::clock::stamp();
        let (edit, results) = match edit_article_text(&self.doc.project, article, text, &stamp) {
            Ok(built) => built,
            Err(error) => return self.error(format!("Not done: {error}")),
        };
        let unchanged = self.doc.project.article(article).is_some_and(
            |a| matches!(&edit, Edit::ReplaceArticleText { text, .. } if *text == a.text),
        );
        self.safety.editor = None;
        if unchanged {
            return self.notify("The text is unchanged".into());
        }
        if self.apply_edit(edit) {
            self.reading.set_selection(None);
            let flagged = results.iter().filter(|r| r.claim.needs_review()).count();
            self.notify(format!(
                "Text replaced; claims: {}{}",
                summarise(&results),
                if flagged > 0 {
                    format!(". {flagged} need review")
                } else {
                    String::new()
                }
            ));
            if flagged > 0 {
                self.safety.review_open = true;
            }
        }
    }

    fn accept_review(&mut self, claim: ClaimId) {
        let Some(found) = self.doc.project.claim(claim) else {
            return;
        };
        let mut accepted = found.clone();
        accepted.review = None;
        self.apply_edit(Edit::ReplaceClaim(Box::new(accepted)));
    }

    /// Gives an orphan the span selected in the reading view.
    fn reattach(&mut self, claim: ClaimId) {
        let Some(found) = self.doc.project.claim(claim).cloned() else {
            return;
        };
        let (article, anchor) = match self.selected_anchor() {
            Ok(selected) => selected,
            Err(message) => return self.error(message),
        };
        if article != found.article {
            return self.error(format!(
                "{claim} belongs to another article: select its new place in {}",
                found.article
            ));
        }
        let stamp = crate::clock::stamp();
        let mut attached = found;
        attached.anchor = anchor;
        attached.review = None;
        attached.modified = stamp.at;
        if self.apply_edit(Edit::ReplaceClaim(Box::new(attached))) {
            self.selected_claim = Some(claim);
            self.reading.set_selection(None);
            self.notify(format!("{claim} re-attached"));
        }
    }
}

/// True when the untitled copy's window (`untitled-PID.ron`) still runs.
fn untitled_owner_alive(copy: &Path) -> bool {
    let pid = copy
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.strip_prefix("untitled-"))
        .and_then(|s| s.parse::<u32>().ok());
    pid.is_some_and(|pid| {
        LockOwner {
            pid,
            ..LockOwner::current()
        }
        .is_alive()
    })
}
