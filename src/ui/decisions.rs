//! The Conflicts and disagreements window: what a merge or a curation left
//! for the analyst to decide. Each merge conflict shows both sides side by
//! side (value, who, when); each curation disagreement shows every copy's
//! choice. One click decides one, as one undoable step.

use crate::model::{Conflict, ConflictKind, ConflictSide, Disagreement, Project, Relation, Side};
use crate::ui::action::Action;
use crate::ui::document::Document;
use crate::ui::widgets::shorten;

/// Longest value shown in full (article texts are cut).
const VALUE_CHARS: usize = 280;

pub fn ui(ctx: &egui::Context, doc: &Document, open: &mut bool, actions: &mut Vec<Action>) {
    let project = &doc.project;
    egui::Window::new("Conflicts and disagreements")
        .open(open)
        // Centred, clear of the menu bar (a window at the top left would
        // cover the File menu); its top stays put as decisions shrink it,
        // so the next buttons do not move under the pointer.
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(crate::ui::widgets::below_menus(ctx))
        .default_width(720.0)
        .default_height(520.0)
        .show(ctx, |ui| {
            let waiting = project.conflicts.len() + project.disagreements.len();
            if waiting == 0 {
                ui.label("Nothing to decide.");
                return;
            }
            ui.label(format!(
                "{waiting} to decide. Each choice is one step: Undo takes it back."
            ));
            egui::ScrollArea::vertical().show(ui, |ui| {
                for conflict in &project.conflicts {
                    conflict_ui(ui, project, conflict, actions);
                }
                for disagreement in &project.disagreements {
                    disagreement_ui(ui, project, disagreement, actions);
                }
            });
        });
}

fn conflict_ui(
    ui: &mut egui::Ui,
    project: &Project,
    conflict: &Conflict,
    actions: &mut Vec<Action>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(egui::RichText::new(conflict_title(project, conflict)).strong());
        ui.columns(2, |columns| {
            side_ui(&mut columns[0], "Ours (kept for now)", &conflict.ours);
            side_ui(&mut columns[1], "Theirs", &conflict.theirs);
        });
        ui.horizontal(|ui| {
            let decide = |side| Action::DecideConflict {
                conflict: Box::new(conflict.clone()),
                side,
            };
            if ui.button("Keep ours").clicked() {
                actions.push(decide(Side::Ours));
            }
            if ui.button("Take theirs").clicked() {
                actions.push(decide(Side::Theirs));
            }
        });
    });
}

/// "Claim c5-k3m9qz: speaker", "Link l3: deleted in theirs".
fn conflict_title(project: &Project, conflict: &Conflict) -> String {
    let what = match conflict.kind {
        ConflictKind::BothChanged if conflict.field.is_empty() => "changed on both sides".into(),
        ConflictKind::BothChanged => format!("{} changed on both sides", conflict.field),
        ConflictKind::DeletedByOurs => "deleted in ours, changed or used in theirs".into(),
        ConflictKind::DeletedByTheirs => "deleted in theirs, changed or used in ours".into(),
    };
    let quote = match conflict.record {
        crate::model::RecordRef::Claim(id) => project
            .claim(id)
            .map(|c| format!(" “{}”", shorten(&c.anchor.quote, 60))),
        _ => None,
    };
    format!("{}{}: {what}", conflict.record, quote.unwrap_or_default())
}

fn side_ui(ui: &mut egui::Ui, heading: &str, side: &ConflictSide) {
    ui.label(egui::RichText::new(heading).small().weak());
    ui.add(egui::Label::new(shorten(&side.shown(), VALUE_CHARS)).wrap());
    let mut who = Vec::new();
    if !side.analyst.is_empty() {
        who.push(format!("by {}", side.analyst));
    }
    if let Some(at) = side.at {
        who.push(at.format("%Y-%m-%d %H:%M UTC").to_string());
    }
    if !who.is_empty() {
        ui.label(egui::RichText::new(who.join(", ")).small());
    }
}

fn disagreement_ui(
    ui: &mut egui::Ui,
    project: &Project,
    disagreement: &Disagreement,
    actions: &mut Vec<Action>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let quote = |id| {
            project
                .claim(id)
                .map_or(String::new(), |c| shorten(&c.anchor.quote, 70))
        };
        ui.label(
            egui::RichText::new(format!(
                "Pair {} → {}: the copies disagree",
                disagreement.claim, disagreement.response
            ))
            .strong(),
        );
        ui.label(format!(
            "“{}” → “{}”",
            quote(disagreement.claim),
            quote(disagreement.response)
        ));
        for choice in &disagreement.choices {
            let made = choice.relation.map_or("no pair", Relation::name);
            let by = if choice.analyst.is_empty() {
                String::new()
            } else {
                format!(" ({})", choice.analyst)
            };
            ui.label(format!("{}{by}: {made}", choice.copy));
        }
        choices_ui(ui, disagreement, actions);
    });
}

/// One button per relation some copy chose, and "No pair".
fn choices_ui(ui: &mut egui::Ui, disagreement: &Disagreement, actions: &mut Vec<Action>) {
    let mut offered: Vec<Option<Relation>> = Vec::new();
    for choice in &disagreement.choices {
        if let Some(relation) = choice.relation
            && !offered.contains(&Some(relation))
        {
            offered.push(Some(relation));
        }
    }
    offered.push(None);
    ui.horizontal(|ui| {
        for relation in offered {
            let label = relation.map_or("No pair".to_string(), |r| format!("Pair: {r}"));
            if ui.button(label).clicked() {
                actions.push(Action::DecideDisagreement {
                    disagreement: Box::new(disagreement.clone()),
                    relation,
                });
            }
        }
    });
}
