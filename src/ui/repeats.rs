//! The Find repeats window (Ctrl+Shift+D): every near-identical span of the
//! selected claim's original in all articles, each pre-checked; one button
//! records the checked ones as repeats (claims with the original's speaker,
//! optionally linked to its responses), as one undo step.

use crate::model::ClaimId;
use crate::model::suggest::RepeatMatch;
use crate::ui::action::Action;
use crate::ui::document::Document;
use crate::ui::suggest_work::Found;
use crate::ui::widgets::shorten;

/// The window's own state: for which claim, which matches are checked.
pub struct RepeatsWindow {
    pub claim: ClaimId,
    /// One flag a match, reset (all checked) when new results arrive.
    checked: Vec<bool>,
    /// The revision the flags were made for.
    checked_for: Option<u64>,
    link_responses: bool,
}

impl RepeatsWindow {
    pub fn new(claim: ClaimId) -> RepeatsWindow {
        RepeatsWindow {
            claim,
            checked: Vec::new(),
            checked_for: None,
            link_responses: true,
        }
    }
}

/// Draws the window; false once it is closed.
pub fn ui(
    ctx: &egui::Context,
    doc: &Document,
    found: Option<&Found<Vec<RepeatMatch>>>,
    window: &mut RepeatsWindow,
    actions: &mut Vec<Action>,
) -> bool {
    let mut open = true;
    let mut close = false;
    egui::Window::new(format!("Repeats of {}", window.claim))
        .id(egui::Id::unique("repeats_window"))
        .open(&mut open)
        .default_width(560.0)
        .show(ctx, |ui| {
            close = contents_ui(ui, doc, found, window, actions);
        });
    open && !close
}

/// The list and the buttons; true when the window should close.
fn contents_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    found: Option<&Found<Vec<RepeatMatch>>>,
    window: &mut RepeatsWindow,
    actions: &mut Vec<Action>,
) -> bool {
    if let Some(claim) = doc.project.claim(window.claim) {
        ui.label(egui::RichText::new(format!("“{}”", shorten(&claim.anchor.quote, 120))).italics());
    }
    let Some(found) = found else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Looking for repeats in every article…");
        });
        return false;
    };
    let matches = match &found.result {
        Ok(matches) => matches,
        Err(error) => {
            ui.colored_label(ui.visuals().error_fg_color, error);
            return ui.button("Close").clicked();
        }
    };
    if window.checked_for != Some(found.revision) || window.checked.len() != matches.len() {
        window.checked = vec![true; matches.len()];
        window.checked_for = Some(found.revision);
    }
    if matches.is_empty() {
        ui.label("No repeats found (spans already recorded as repeats are not listed).");
        return ui.button("Close").clicked();
    }
    list_ui(ui, doc, matches, &mut window.checked);
    ui.checkbox(
        &mut window.link_responses,
        "Also link each to the original's responses, with the same relation",
    );
    buttons_ui(ui, matches, window, actions)
}

fn list_ui(ui: &mut egui::Ui, doc: &Document, matches: &[RepeatMatch], checked: &mut [bool]) {
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (found, on) in matches.iter().zip(checked.iter_mut()) {
                let place = doc
                    .project
                    .article(found.article)
                    .map_or_else(String::new, |a| {
                        format!(" · {}", shorten(&a.meta.title, 40))
                    });
                let existing = found
                    .existing
                    .map_or_else(String::new, |c| format!(" · already {c}"));
                let label = format!(
                    "{}{place} · {:.0}%{existing}: {}",
                    found.article,
                    found.similarity * 100.0,
                    shorten(&found.quote, 140)
                );
                ui.checkbox(on, label);
            }
        });
}

/// "Record N repeats" and "Close"; true when the window should close.
fn buttons_ui(
    ui: &mut egui::Ui,
    matches: &[RepeatMatch],
    window: &RepeatsWindow,
    actions: &mut Vec<Action>,
) -> bool {
    let chosen: Vec<RepeatMatch> = matches
        .iter()
        .zip(&window.checked)
        .filter(|(_, on)| **on)
        .map(|(m, _)| m.clone())
        .collect();
    let label = match chosen.len() {
        1 => "Record 1 repeat".to_string(),
        n => format!("Record {n} repeats"),
    };
    ui.horizontal(|ui| {
        let record = ui.add_enabled(!chosen.is_empty(), egui::Button::new(label));
        if record.clicked() {
            actions.push(Action::RecordRepeats {
                claim: window.claim,
                matches: chosen,
                link_responses: window.link_responses,
            });
            return true;
        }
        ui.button("Close").clicked()
    })
    .inner
}
