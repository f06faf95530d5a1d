//! The Agreement window: how far the open project and copies annotated
//! independently agree (claim F1, pair F1, Cohen's κ per two copies;
//! Krippendorff's α for three or more), the pairs they disagree on, and a
//! button to open the project curated from them, whose disagreements are
//! then decided one by one (the Conflicts and disagreements window).

use std::path::PathBuf;

use crate::model::{Counts, Relation};
use crate::ui::action::Action;
use crate::ui::commands::Command;
use crate::ui::jobs::team::Compared;
use crate::ui::widgets::flat;

/// The window's state: the copies chosen, and the last comparison.
#[derive(Default)]
pub struct AgreementWindow {
    pub copies: Vec<PathBuf>,
    pub compared: Option<Compared>,
    pub error: Option<String>,
}

/// Draws the window; false once it is closed.
pub fn ui(ctx: &egui::Context, window: &mut AgreementWindow, actions: &mut Vec<Action>) -> bool {
    let mut open = true;
    egui::Window::new("Agreement")
        .open(&mut open)
        // Centred, clear of the menu bar (a window at the top left would
        // cover the File menu); its top stays put as decisions shrink it,
        // so the next buttons do not move under the pointer.
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(crate::ui::widgets::below_menus(ctx))
        .default_width(760.0)
        .show(ctx, |ui| {
            if let Some(error) = &window.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            match &window.compared {
                Some(compared) => figures_ui(ui, compared, actions),
                None if window.copies.is_empty() => {
                    ui.label("Choose a copy annotated independently to compare with.");
                }
                None => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Comparing…");
                    });
                }
            }
            ui.separator();
            if ui.button("Add a copy…").clicked() {
                actions.push(Action::Command(Command::Agreement));
            }
        });
    open
}

fn figures_ui(ui: &mut egui::Ui, compared: &Compared, actions: &mut Vec<Action>) {
    let agreement = &compared.agreement;
    ui.label(format!(
        "Claims match when they share at least {}% of their characters; pairs when both ends match.",
        (agreement.overlap * 100.0).round()
    ));
    egui::Grid::new("agreement_figures")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for heading in [
                "Copies",
                "Claims F1",
                "Pairs F1",
                "Same relation",
                "Cohen's κ",
            ] {
                ui.label(egui::RichText::new(heading).strong());
            }
            ui.end_row();
            for pair in &agreement.pairs_of_copies {
                let name = |i: usize| compared.names.get(i).map_or("?", String::as_str);
                ui.label(format!("{} ~ {}", name(pair.first), name(pair.second)));
                ui.label(counts(&pair.claims));
                ui.label(counts(&pair.pairs));
                let relations = &pair.relations;
                ui.label(format!(
                    "{} of {}",
                    relations.same_relation, relations.matched_pairs
                ));
                ui.label(figure(relations.kappa));
                ui.end_row();
            }
        });
    if let Some(alpha) = &agreement.alpha {
        ui.label(format!(
            "Krippendorff's α (nominal, relations of pairs, {} copies): {} over {} pairs made by two or more",
            compared.names.len(),
            figure(alpha.value),
            alpha.units
        ));
    }
    curation_ui(ui, compared, actions);
}

fn curation_ui(ui: &mut egui::Ui, compared: &Compared, actions: &mut Vec<Action>) {
    let curated = &compared.curated;
    let project = &curated.project;
    ui.separator();
    ui.label(format!(
        "Curation: {} pairs every copy made alike; {} disagreements.",
        curated.accepted,
        project.disagreements.len()
    ));
    egui::ScrollArea::vertical()
        .max_height(220.0)
        .show(ui, |ui| {
            for disagreement in &project.disagreements {
                let quote = |id| {
                    project
                        .claim(id)
                        .map_or(String::new(), |c| flat(&c.anchor.quote))
                };
                let choices: Vec<String> = disagreement
                    .choices
                    .iter()
                    .map(|c| {
                        format!(
                            "{}: {}",
                            c.copy,
                            c.relation.map_or("no pair", Relation::name)
                        )
                    })
                    .collect();
                ui.add(
                    egui::Label::new(format!(
                        "“{}” → “{}” — {}",
                        quote(disagreement.claim),
                        quote(disagreement.response),
                        choices.join("; ")
                    ))
                    .truncate(),
                );
            }
        });
    let button = ui.button("Open the curated project").on_hover_text(
        "A new, unsaved project: the agreed pairs curated, the disagreements listed to decide",
    );
    if button.clicked() {
        actions.push(Action::OpenCurated(Box::new(project.clone())));
    }
}

fn counts(counts: &Counts) -> String {
    format!(
        "{} ({} matched of {} / {})",
        figure(counts.f1),
        counts.matched,
        counts.first,
        counts.second
    )
}

fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "undefined".to_string(), |v| format!("{v:.3}"))
}
