//! Suggested responses and repeats in the window: keeping the background
//! index and results current for what is shown, the Candidates tab and the
//! Find repeats window, and the edits they ask for (accept, reject, record
//! repeats), each one undo step built by `model::suggest`.

use std::ops::Range;

use super::App;
use super::layout::LeftTab;
use crate::model::suggest::{RepeatMatch, accept_edit, reject_edit, repeats_edit};
use crate::model::{ArticleId, ClaimId, Relation};
use crate::ui::commands::Command;
use crate::ui::jobs::Job;
use crate::ui::suggest_work::Wanted;
use crate::ui::{candidates, repeats};

impl App {
    /// The quotes the Candidates tab lists for the selected claim, best
    /// first (tests read them).
    pub fn candidate_quotes(&self) -> Vec<String> {
        let found = self
            .selected_claim
            .and_then(|claim| self.panels.suggest.candidates_for(claim));
        match found.map(|f| &f.result) {
            Some(Ok(list)) => list.iter().map(|c| c.quote.clone()).collect(),
            _ => Vec::new(),
        }
    }

    /// The current candidate's span as the reading view drew it last
    /// frame (tests read it): outlined from N, P or a click until another
    /// is made current, it is accepted or rejected, or the claim changes.
    pub fn candidate_mark(&self) -> Option<Range<usize>> {
        self.reading.drawn_mark()
    }

    /// Where the selected claim's current candidate is, if one is current
    /// (the panel need not be shown: the mark stays while the analyst
    /// looks at another tab). Constant work a frame.
    pub(super) fn marked_candidate(&self) -> Option<(ArticleId, Range<usize>)> {
        let claim = self.selected_claim?;
        let index = self.panels.candidates.current(claim)?;
        let found = self.panels.suggest.candidates_for(claim)?;
        found
            .result
            .as_ref()
            .ok()?
            .get(index)
            .map(candidates::place)
    }

    /// What the Candidates tab and the repeats window show now.
    fn wanted_suggestions(&self) -> Wanted {
        let candidates_shown = self.prefs.show_articles && self.left_tab == LeftTab::Candidates;
        Wanted {
            candidates_for: self.selected_claim.filter(|_| candidates_shown),
            repeats_for: self.panels.repeats.as_ref().map(|w| w.claim),
        }
    }

    /// Starts the next suggestion job the shown panels need (one a frame;
    /// each job's end asks for the next frame).
    pub(super) fn suggest_frame(&mut self) {
        let wanted = self.wanted_suggestions();
        if let Some(job) = self.panels.suggest.next_job(&self.doc, wanted) {
            self.jobs.start(&self.ctx, Job::Suggestions(job));
        }
    }

    pub(super) fn candidates_ui(&mut self, ui: &mut egui::Ui) {
        let engine = &self.panels.suggest;
        let view = candidates::CandidatesView {
            claim: self.selected_claim,
            found: self.selected_claim.and_then(|c| engine.candidates_for(c)),
            indexing: engine.indexing(),
            ranking: engine.ranking(),
        };
        let state = &mut self.panels.candidates;
        candidates::ui(ui, &self.doc, &view, state, &mut self.actions);
    }

    pub(super) fn repeats_ui(&mut self, ctx: &egui::Context) {
        let Some(window) = &mut self.panels.repeats else {
            return;
        };
        let revision = self.doc.history.revision();
        let found = self.panels.suggest.repeats_for(window.claim, revision);
        if !repeats::ui(ctx, &self.doc, found, window, &mut self.actions) {
            self.panels.repeats = None;
        }
    }

    pub(super) fn suggest_command(&mut self, command: Command) {
        match command {
            Command::FindResponses => {
                self.prefs.show_articles = true;
                self.left_tab = LeftTab::Candidates;
                if self.selected_claim.is_none() {
                    self.notify("Select a claim first: its likely responses are listed".into());
                }
            }
            Command::NextCandidate => self.step_candidate(1),
            Command::PreviousCandidate => self.step_candidate(-1),
            Command::RejectCandidate => match self.current_candidate() {
                Some((claim, at)) => self.reject_candidate(claim, at),
                None => self.notify("No current candidate to reject".into()),
            },
            Command::FindRepeats => match self.selected_claim {
                Some(claim) => self.panels.repeats = Some(repeats::RepeatsWindow::new(claim)),
                None => self.error("Select a claim first: its repeats are looked for".into()),
            },
            _ => {}
        }
    }

    /// The selected claim and where its current candidate is, when the
    /// Candidates tab shows one.
    fn current_candidate(&self) -> Option<(ClaimId, (ArticleId, Range<usize>))> {
        let claim = self.wanted_suggestions().candidates_for?;
        let index = self.panels.candidates.current(claim)?;
        let found = self.panels.suggest.candidates_for(claim)?;
        let candidate = found.result.as_ref().ok()?.get(index)?;
        Some((claim, candidates::place(candidate)))
    }

    /// Moves the current candidate by `step` and shows it in its article.
    fn step_candidate(&mut self, step: isize) {
        let Some(claim) = self.wanted_suggestions().candidates_for else {
            return;
        };
        let Some(Ok(list)) = self.panels.suggest.candidates_for(claim).map(|f| &f.result) else {
            return;
        };
        let last = list.len().saturating_sub(1);
        let index = match self.panels.candidates.current(claim) {
            Some(current) => current.saturating_add_signed(step).min(last),
            None => 0,
        };
        if let Some(candidate) = list.get(index) {
            self.actions.push(candidates::jump_to(candidate));
            self.panels.candidates.set_current(claim, index);
        }
    }

    /// 1–6 with a current candidate and no other text selected accept it;
    /// false when 1–6 should answer with the selection as usual.
    pub(super) fn accept_current_candidate(&mut self, relation: Relation) -> bool {
        let Some((claim, (article, range))) = self.current_candidate() else {
            return false;
        };
        let selection = self.reading.selection();
        if selection.is_some_and(|s| s != range) {
            return false;
        }
        self.accept_candidate(claim, (article, range), relation);
        true
    }

    pub(super) fn accept_candidate(
        &mut self,
        claim: ClaimId,
        at: (ArticleId, Range<usize>),
        relation: Relation,
    ) {
        let stamp = crate::clock::stamp();
        match accept_edit(&self.doc.project, claim, at, relation, &stamp) {
            Ok((edit, link)) => {
                if self.apply_edit(edit) {
                    self.panels.candidates.clear();
                    self.selected_link = Some(link);
                    self.notify(format!("Accepted as a response to {claim}: {relation}"));
                }
            }
            Err(error) => self.error(format!("Not done: {error}")),
        }
    }

    pub(super) fn reject_candidate(&mut self, claim: ClaimId, at: (ArticleId, Range<usize>)) {
        match reject_edit(&self.doc.project, claim, at) {
            Ok(edit) => {
                if self.apply_edit(edit) {
                    self.panels.candidates.clear();
                    self.notify(format!("Rejected; not suggested again for {claim}"));
                }
            }
            Err(error) => self.error(format!("Not done: {error}")),
        }
    }

    pub(super) fn record_repeats(
        &mut self,
        claim: ClaimId,
        matches: &[RepeatMatch],
        link_responses: bool,
    ) {
        let stamp = crate::clock::stamp();
        let Some((edit, recorded)) =
            repeats_edit(&self.doc.project, claim, matches, link_responses, &stamp)
        else {
            return self.notify("Nothing to record".into());
        };
        if self.apply_edit(edit) {
            self.panels.repeats = None;
            let count = recorded.len();
            self.notify(format!("Recorded {count} repeat(s) of {claim}"));
        }
    }
}
