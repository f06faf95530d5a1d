//! The Candidates panel (the left panel's third tab, Ctrl+Shift+F): for
//! the selected claim, the spans most likely to answer it, best first, with
//! score and reasons. Clicking a candidate (or N / P) makes it current and
//! shows it in its article; 1–6 accept the current one with that relation
//! (response claim and link, one undo step, as a manual pair); X rejects it
//! (kept in the project, never suggested again for this claim); the
//! "Rejected (N)" fold lists the claim's rejected ones, each with a
//! Restore button (one undo step).

use std::ops::Range;

use crate::model::suggest::Candidate;
use crate::model::{ArticleId, ClaimId, Edit, RejectedCandidate, Relation};
use crate::ui::action::Action;
use crate::ui::commands::{Command, shortcut_text};
use crate::ui::document::Document;
use crate::ui::suggest_work::Found;
use crate::ui::widgets::shorten;

/// Which candidate is current, for which claim.
#[derive(Default)]
pub struct CandidatesState {
    current: Option<(ClaimId, usize)>,
}

impl CandidatesState {
    /// The current candidate's rank (0-based) for `claim`.
    pub fn current(&self, claim: ClaimId) -> Option<usize> {
        self.current.filter(|(c, _)| *c == claim).map(|(_, i)| i)
    }

    pub fn set_current(&mut self, claim: ClaimId, index: usize) {
        self.current = Some((claim, index));
    }

    /// No candidate is current: after an accept or a reject the list is
    /// ranked anew, and a key must not act on one the analyst has not seen
    /// in its article (N makes the new first one current).
    pub fn clear(&mut self) {
        self.current = None;
    }
}

/// What the panel shows: the claim and what the engine found for it.
pub struct CandidatesView<'a> {
    pub claim: Option<ClaimId>,
    pub found: Option<&'a Found<Vec<Candidate>>>,
    pub indexing: bool,
    pub ranking: bool,
}

/// Where a candidate is: what accepting or rejecting it needs.
pub fn place(candidate: &Candidate) -> (ArticleId, Range<usize>) {
    (candidate.article, candidate.range.clone())
}

pub fn ui(
    ui: &mut egui::Ui,
    doc: &Document,
    view: &CandidatesView<'_>,
    state: &mut CandidatesState,
    actions: &mut Vec<Action>,
) {
    let Some(claim) = view.claim.and_then(|id| doc.project.claim(id)) else {
        ui.label(
            egui::RichText::new("Select a claim: the spans most likely to answer it appear here.")
                .weak(),
        );
        return;
    };
    ui.label(egui::RichText::new(format!("Responses to {}", claim.id)).strong());
    ui.label(egui::RichText::new(format!("“{}”", shorten(&claim.anchor.quote, 90))).italics());
    status_ui(ui, view);
    rejected_ui(ui, doc, claim.id, actions);
    let Some(Ok(list)) = view.found.map(|f| &f.result) else {
        return;
    };
    ui.label(egui::RichText::new(keys_hint(ui.ctx())).small().weak());
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, candidate) in list.iter().enumerate() {
                let current = state.current(claim.id) == Some(index);
                if candidate_ui(ui, doc, (index, candidate), current, claim.id, actions) {
                    state.set_current(claim.id, index);
                    actions.push(jump_to(candidate));
                }
            }
        });
}

/// "Indexing…", "Ranking…", an error, or how many were found.
fn status_ui(ui: &mut egui::Ui, view: &CandidatesView<'_>) {
    let busy = if view.indexing {
        Some("Indexing the articles…")
    } else if view.ranking {
        Some("Ranking…")
    } else {
        None
    };
    ui.horizontal(|ui| {
        if let Some(text) = busy {
            ui.spinner();
            ui.label(egui::RichText::new(text).small().weak());
        }
        match view.found.map(|f| &f.result) {
            Some(Err(error)) => {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            Some(Ok(list)) if busy.is_none() => {
                let text = match list.len() {
                    0 => "No candidates".to_string(),
                    1 => "1 candidate".to_string(),
                    n => format!("{n} candidates"),
                };
                ui.label(egui::RichText::new(text).small().weak());
            }
            _ => {}
        }
    });
}

/// "Rejected (N)": the claim's rejected candidates, folded, each with a
/// Restore button (one undo step; the span is suggested again).
fn rejected_ui(ui: &mut egui::Ui, doc: &Document, claim: ClaimId, actions: &mut Vec<Action>) {
    let rejected: Vec<&RejectedCandidate> = doc
        .project
        .rejected_candidates
        .iter()
        .filter(|r| r.claim == claim)
        .collect();
    if rejected.is_empty() {
        return;
    }
    let title = format!("Rejected ({})", rejected.len());
    egui::CollapsingHeader::new(title)
        .id_salt(("rejected candidates", claim))
        .show(ui, |ui| {
            for (index, candidate) in rejected.into_iter().enumerate() {
                ui.horizontal(|ui| {
                    let restore = ui
                        .button(format!("Restore {}", index + 1))
                        .on_hover_text("Suggest this span again for this claim");
                    if restore.clicked() {
                        let edit = Edit::restore_candidate(candidate.clone());
                        actions.push(Action::Edit(edit));
                    }
                    let text = format!("{} “{}”", candidate.article, shorten(&candidate.quote, 80));
                    ui.add(egui::Label::new(egui::RichText::new(text).small()).wrap());
                });
            }
        });
}

fn keys_hint(ctx: &egui::Context) -> String {
    format!(
        "{} accept the current one · {} reject · {} / {} next, previous",
        crate::ui::commands::relation_keys(ctx),
        shortcut_text(ctx, Command::RejectCandidate),
        shortcut_text(ctx, Command::NextCandidate),
        shortcut_text(ctx, Command::PreviousCandidate),
    )
}

pub fn jump_to(candidate: &Candidate) -> Action {
    Action::JumpTo {
        article: candidate.article,
        range: candidate.range.clone(),
    }
}

/// One candidate: where, the quote, the reasons, and its buttons; true
/// when the analyst clicked it.
fn candidate_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    (index, candidate): (usize, &Candidate),
    current: bool,
    claim: ClaimId,
    actions: &mut Vec<Action>,
) -> bool {
    let rank = index + 1;
    let clicked = egui::Frame::group(ui.style())
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let job = candidate_job(ui, doc, rank, candidate);
            let row = ui.add(egui::Button::selectable(current, job).wrap());
            ui.horizontal(|ui| buttons_ui(ui, rank, candidate, claim, actions));
            row.clicked()
        })
        .inner;
    ui.add_space(2.0);
    clicked
}

/// "Accept 2 as…" (a menu of the six relations) and "Reject 2".
fn buttons_ui(
    ui: &mut egui::Ui,
    rank: usize,
    candidate: &Candidate,
    claim: ClaimId,
    actions: &mut Vec<Action>,
) {
    ui.menu_button(format!("Accept {rank} as…"), |ui| {
        for relation in Relation::ALL {
            let key = shortcut_text(ui.ctx(), Command::Respond(relation));
            let button = egui::Button::new(relation.name()).shortcut_text(key);
            if ui.add(button).on_hover_text(relation.meaning()).clicked() {
                let (article, range) = place(candidate);
                actions.push(Action::AcceptCandidate {
                    claim,
                    article,
                    range,
                    relation,
                });
            }
        }
    });
    if ui
        .button(format!("Reject {rank}"))
        .on_hover_text("Never suggest this span again for this claim")
        .clicked()
    {
        let (article, range) = place(candidate);
        actions.push(Action::RejectCandidate {
            claim,
            article,
            range,
        });
    }
}

/// Rank, score, outlet and date (small), the quote, then the reasons.
fn candidate_job(
    ui: &egui::Ui,
    doc: &Document,
    rank: usize,
    candidate: &Candidate,
) -> egui::text::LayoutJob {
    let style = ui.style();
    let format = |font: egui::TextStyle, color| egui::TextFormat {
        font_id: font.resolve(style),
        color,
        ..Default::default()
    };
    let weak = style.visuals.weak_text_color();
    let where_ = doc
        .project
        .article(candidate.article)
        .map_or_else(String::new, |a| {
            let date = a
                .meta
                .published
                .map(|p| p.date.to_string())
                .unwrap_or_default();
            format!(
                "{} {} {date} · {}",
                a.id,
                a.meta.outlet,
                shorten(&a.meta.title, 50)
            )
        });
    let reasons: Vec<String> = candidate.reasons.iter().map(ToString::to_string).collect();
    let mut job = egui::text::LayoutJob::default();
    let head = format!("{rank} · {:.2} · {where_}\n", candidate.score);
    job.append(&head, 0.0, format(egui::TextStyle::Small, weak));
    let quote = shorten(&candidate.quote, 320);
    job.append(
        &quote,
        0.0,
        format(egui::TextStyle::Body, style.visuals.text_color()),
    );
    let reasons = format!("\n{}", reasons.join(" · "));
    job.append(&reasons, 0.0, format(egui::TextStyle::Small, weak));
    job.wrap = egui::text::TextWrapping::wrap_at_width(ui.available_width());
    job
}
