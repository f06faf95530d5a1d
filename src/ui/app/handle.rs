//! The one place where what was asked during a frame is done: the queued
//! actions, in the order pushed, after the frame is drawn. Edits go through
//! `apply_edit`, the only caller of `Document::apply` (and so of
//! `History::apply`).

use std::time::Duration;

use super::App;
use super::files::{AfterDiscard, file_stem_for};
use super::layout::LeftTab;
use crate::model::{ClaimId, Edit, EditError, LinkId};
use crate::ui::action::Action;
use crate::ui::commands::Command;
use crate::ui::dialogs::FilePurpose;
use crate::ui::jobs::JobOutcome;
use crate::ui::{export, theme};

impl App {
    /// The one place where what the panels, windows, keys and jobs asked
    /// for is done, in the order it was asked. While a job runs whose result
    /// changes the document (a load, an import…), later actions wait here
    /// and are done, in order, after its result.
    pub(super) fn handle_actions(&mut self) {
        self.pending.extend(self.actions.drain(..));
        if !self.pending.is_empty() {
            // What they change is drawn in the next frame.
            self.ctx.request_repaint();
        }
        while !self.jobs.holds_queue() {
            let Some(action) = self.pending.pop_front() else {
                break;
            };
            self.handle(action);
            // What handling asked for comes next, before the rest.
            for asked in self.actions.drain(..).rev() {
                self.pending.push_front(asked);
            }
        }
    }

    /// Results of finished jobs go first in the queue, oldest job first.
    pub(super) fn collect_jobs(&mut self) {
        for outcome in self.jobs.finished().into_iter().rev() {
            self.pending.push_front(Action::JobDone(outcome));
        }
        if self.jobs.progress().is_some() {
            // The spinner turns; results are announced by the job itself.
            self.ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    /// Hands a job's result to the part of the app that asked for it.
    fn job_done(&mut self, outcome: Result<JobOutcome, String>) {
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(message) => return self.error(message),
        };
        match outcome {
            JobOutcome::Loaded {
                path,
                result,
                baseline,
            } => self.loaded(path, result, baseline),
            JobOutcome::DemoOpened(Ok(loaded)) => self.job_done(Ok(*loaded)),
            JobOutcome::DemoOpened(Err(no_copy)) => self.built_in_demo_opened(no_copy),
            JobOutcome::Saved {
                path,
                document,
                state,
                result,
            } => self.saved(path, (document, state), result),
            JobOutcome::Imported(report) => self.imported(report),
            JobOutcome::Exported(result) => self.exported(result),
            JobOutcome::Compared(result) => self.compared(result),
            JobOutcome::TextEdited { result } => self.text_edited(result),
            JobOutcome::Restored { copy, result } => self.restored(copy, result),
            JobOutcome::TextRead {
                article,
                source,
                result,
            } => self.text_read(article, source, result),
            JobOutcome::CopiesFound { offers, unreadable } => self.copies_found(offers, unreadable),
            JobOutcome::Suggestions(outcome) => self.panels.suggest.done(outcome),
            JobOutcome::CopyMerged { path, result } => self.copy_merged(path, result),
            JobOutcome::Agreed(result) => self.agreed(result),
            JobOutcome::Story(result) => self.panels.story.receive(result),
        }
    }

    pub(super) fn handle(&mut self, action: Action) {
        match action {
            Action::Edit(edit) => {
                self.apply_edit(edit);
            }
            Action::SelectClaim(claim) => {
                self.selected_claim = claim;
                self.selected_link = None;
            }
            Action::SelectLink(link) => self.select_link(link),
            Action::OpenArticle(article) => self.open_article = Some(article),
            Action::JumpTo { article, range } => {
                self.open_article = Some(article);
                self.reading.scroll_to(range);
            }
            Action::JumpToClaim(claim) => self.jump_to_claim(claim),
            Action::Command(command) => {
                self.commit_typing();
                self.run_command(command);
            }
            Action::LinkExisting {
                claim,
                response,
                relation,
            } => self.link_existing(claim, response, relation),
            Action::OpenRecent(path) => self.guard_unsaved(AfterDiscard::OpenPath(path)),
            Action::Notify(text) => self.notify(text),
            Action::SetClaimInfo { claim, info } => self.set_claim_info(claim, info),
            Action::ChangeLink { link, change } => self.change_link(link, change),
            Action::Import(paths) => self.import(paths),
            Action::FileChosen { purpose, paths } => self.file_chosen(purpose, paths),
            Action::BrowseExport => self.browse_export(),
            Action::Export(request) => self.export(request),
            Action::Unsaved(choice) => self.unsaved_answered(choice),
            Action::CloseRequested => self.guard_unsaved(AfterDiscard::Quit),
            Action::Safety(choice) => self.safety_choice(choice),
            Action::JobDone(outcome) => self.job_done(outcome),
            Action::AcceptCandidate {
                claim,
                article,
                range,
                relation,
            } => self.accept_candidate(claim, (article, range), relation),
            Action::RejectCandidate {
                claim,
                article,
                range,
            } => self.reject_candidate(claim, (article, range)),
            Action::RecordRepeats {
                claim,
                matches,
                link_responses,
            } => self.record_repeats(claim, &matches, link_responses),
            Action::DecideConflict { conflict, side } => self.decide_conflict(&conflict, side),
            Action::DecideDisagreement {
                disagreement,
                relation,
            } => self.decide_disagreement(&disagreement, relation),
            Action::OpenCurated(project) => self.open_curated(*project),
        }
    }

    /// Says once per document that its undo history dropped its oldest
    /// steps to stay within its memory limit.
    fn tell_if_steps_dropped(&mut self) {
        let history = &self.doc.history;
        if history.dropped_steps() == 0 || self.told_steps_dropped == Some(self.doc.owner) {
            return;
        }
        self.told_steps_dropped = Some(self.doc.owner);
        let limit = history.memory_limit();
        let limit = if limit >= 1 << 20 {
            format!("{} MB", limit >> 20)
        } else {
            format!("{} KB", limit.div_ceil(1024))
        };
        self.notify(format!(
            "Undo keeps at most {limit} of changes: the oldest can no longer be undone \
             (the Edit menu says how many)."
        ));
    }

    /// Text typed in the inspector and not committed yet becomes its own
    /// undo step, before a command runs: nothing typed is lost to Ctrl+Enter,
    /// Ctrl+S or an undo.
    fn commit_typing(&mut self) {
        for action in self.panels.inspector.take_uncommitted(&self.doc) {
            self.handle(action);
        }
    }

    /// Applies an edit a model constructor built; one it refused to build
    /// (the record is gone) is shown like a refused edit.
    pub(super) fn apply_built(&mut self, built: Result<Edit, EditError>) -> bool {
        match built {
            Ok(edit) => self.apply_edit(edit),
            Err(error) => {
                self.error(format!("Not done: {error}"));
                false
            }
        }
    }

    /// Applies an edit as one undo step; a refused edit is shown, not lost.
    pub(super) fn apply_edit(&mut self, edit: Edit) -> bool {
        if self.doc.read_only {
            self.error(format!(
                "Not done: {} is open read-only (another Riposte window has it). Save as… \
                 to edit a copy.",
                self.doc.name()
            ));
            return false;
        }
        let links = crate::model::links_written(&edit);
        match self.doc.apply(edit) {
            Ok(()) => {
                self.tell_if_steps_dropped();
                self.tell_doubtful_pairs(&links);
                true
            }
            Err(error) => {
                self.error(format!("Not done: {error}"));
                false
            }
        }
    }

    /// A pair the edit made doubtful (the same relation twice, or one
    /// response both denying and supporting a claim) is legal but worth a
    /// second look: said at once, as `riposte check` would.
    fn tell_doubtful_pairs(&mut self, links: &[LinkId]) {
        let doc = &self.doc;
        let warnings = crate::model::pair_warnings_for(&doc.project, &doc.index, links);
        for warning in warnings {
            self.notify(format!("Note: {warning}"));
        }
    }

    pub(super) fn select_link(&mut self, link: Option<LinkId>) {
        self.selected_link = link;
        if let Some(link) = link.and_then(|id| self.doc.project.link(id)) {
            self.selected_claim = Some(link.claim);
        }
    }

    pub(super) fn jump_to_claim(&mut self, claim: ClaimId) {
        if let Some(found) = self.doc.project.claim(claim) {
            self.open_article = Some(found.article);
            self.reading.scroll_to(found.anchor.range());
            self.selected_claim = Some(claim);
        }
    }

    /// Drops selections that an undo or delete made stale.
    pub(super) fn validate_selection(&mut self) {
        let project = &self.doc.project;
        if self
            .selected_claim
            .is_some_and(|c| project.claim(c).is_none())
        {
            self.selected_claim = None;
        }
        if self
            .selected_link
            .is_some_and(|l| project.link(l).is_none())
        {
            self.selected_link = None;
        }
        if self
            .open_article
            .is_some_and(|a| project.article(a).is_none())
        {
            self.open_article = project.articles.first().map(|a| a.id);
        }
        if self.open_article.is_none() {
            self.open_article = project.articles.first().map(|a| a.id);
        }
    }

    /// A command from a key, a menu, the palette or a button.
    pub(super) fn run_command(&mut self, command: Command) {
        match command {
            Command::NewProject
            | Command::Open
            | Command::Save
            | Command::SaveAs
            | Command::Import
            | Command::ImportFolder
            | Command::Export
            | Command::Quit => self.file_command(command),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::MarkClaim => self.mark_selection(),
            Command::Respond(relation) => {
                if !self.accept_current_candidate(relation) {
                    self.respond(relation);
                }
            }
            Command::FindResponses
            | Command::NextCandidate
            | Command::PreviousCandidate
            | Command::RejectCandidate
            | Command::FindRepeats => self.suggest_command(command),
            Command::LinkExisting => self.open_link_picker(),
            Command::SetStatus(status) => self.set_status(status),
            Command::DeleteSelected => self.delete_selected(),
            Command::EditArticleText | Command::ReplaceTextFromFile | Command::ReviewClaims => {
                self.text_command(command);
            }
            Command::MergeCopy | Command::Decisions | Command::Agreement => {
                self.team_command(command);
            }
            _ => self.view_command(command),
        }
    }

    fn file_command(&mut self, command: Command) {
        match command {
            Command::NewProject => self.guard_unsaved(AfterDiscard::New),
            Command::Open => self.guard_unsaved(AfterDiscard::ChooseOpen),
            Command::Save => self.save(),
            Command::SaveAs => self.choose_file(FilePurpose::SaveAs),
            Command::Import => self.choose_file(FilePurpose::Import),
            Command::ImportFolder => self.choose_file(FilePurpose::ImportFolder),
            Command::Export => {
                let start = self.start_dir();
                let stem = file_stem_for(&self.doc.name());
                self.panels.export = Some(export::ExportDialog::new(&start, &stem));
            }
            Command::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            _ => {}
        }
    }

    /// Commands that change what is shown, not the project.
    fn view_command(&mut self, command: Command) {
        match command {
            Command::ClearPending => {
                self.selected_claim = None;
                self.selected_link = None;
                self.reading.set_selection(None);
            }
            Command::Search => {
                self.prefs.show_articles = true;
                self.left_tab = LeftTab::Search;
                self.panels.search.focus_requested = true;
            }
            Command::Palette => self.panels.palette.show(),
            Command::TogglePairs => self.prefs.show_pairs = !self.prefs.show_pairs,
            Command::ToggleArticles => self.prefs.show_articles = !self.prefs.show_articles,
            Command::ToggleInspector => self.prefs.show_inspector = !self.prefs.show_inspector,
            Command::Help => self.panels.help_open = !self.panels.help_open,
            Command::Tour => self.panels.tour = Some(Default::default()),
            Command::About => self.panels.about_open = true,
            Command::ToggleTheme => {
                self.prefs.theme = self.prefs.theme.next();
                self.prefs.theme.apply(&self.ctx);
                self.notify(format!("Theme: {}", self.prefs.theme.name()));
            }
            Command::FontLarger => self.resize_reading(1.0),
            Command::FontSmaller => self.resize_reading(-1.0),
            _ => {}
        }
    }

    pub(super) fn resize_reading(&mut self, delta: f32) {
        let size = self.prefs.reading_size + delta;
        self.prefs.reading_size =
            size.clamp(*theme::READING_SIZES.start(), *theme::READING_SIZES.end());
    }

    pub(super) fn undo(&mut self) {
        match self.doc.undo() {
            Ok(Some(label)) => self.notify(format!("Undid {label}")),
            Ok(None) => self.notify("Nothing to undo".into()),
            Err(error) => self.error(format!("Cannot undo: {error}")),
        }
    }

    pub(super) fn redo(&mut self) {
        match self.doc.redo() {
            Ok(Some(label)) => self.notify(format!("Redid {label}")),
            Ok(None) => self.notify("Nothing to redo".into()),
            Err(error) => self.error(format!("Cannot redo: {error}")),
        }
    }
}
