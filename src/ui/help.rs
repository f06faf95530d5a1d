//! The help window (F1): every shortcut, what the highlight colours mean,
//! and the relations.

use crate::model::{Relation, Status};
use crate::ui::commands::{Command, relation_keys, shortcut_text};
use crate::ui::reading_view::HighlightLook;
use crate::ui::theme;

pub fn ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Help")
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .open(open)
        .default_width(560.0)
        .default_height(560.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                workflow_ui(ui);
                ui.separator();
                colours_ui(ui);
                ui.separator();
                relations_ui(ui);
                ui.separator();
                shortcuts_ui(ui);
            });
        });
}

fn workflow_ui(ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    let key = |command| shortcut_text(&ctx, command);
    ui.heading("Pairing a claim with its response");
    ui.label(format!(
        "1. Select the claim's text in an article and press {}: it becomes the pending claim.",
        key(Command::MarkClaim)
    ));
    ui.label("2. Open the article with the response (or stay), select the response text.");
    ui.label(format!(
        "3. Press {} for the relation. The response and the link are one undo step.",
        relation_keys(&ctx)
    ));
    ui.label(format!(
        "Then set the link's status in the inspector, or {} for Curated.",
        key(Command::SetStatus(Status::Curated))
    ));
}

fn colours_ui(ui: &mut egui::Ui) {
    ui.heading("Highlight colours");
    let dark = ui.visuals().dark_mode;
    for (look, meaning) in [
        (HighlightLook::Unanswered, "a claim nobody has answered yet"),
        (
            HighlightLook::Answered,
            "a claim with at least one response",
        ),
        (HighlightLook::Response, "a span that answers another claim"),
        (
            HighlightLook::Flagged,
            "a claim whose text no longer matches (review it)",
        ),
    ] {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(28.0, 14.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect, 3.0, theme::highlight_color(look, dark));
            ui.label(format!("{look:?}: {meaning}"));
        });
    }
    ui.label("The selected (pending) claim is filled strongly and underlined.");
}

fn relations_ui(ui: &mut egui::Ui) {
    ui.heading("Relations (response → claim)");
    let dark = ui.visuals().dark_mode;
    egui::Grid::new("help_relations")
        .num_columns(3)
        .show(ui, |ui| {
            for (i, relation) in Relation::ALL.into_iter().enumerate() {
                ui.label(format!("{}", i + 1));
                ui.label(
                    egui::RichText::new(relation.name())
                        .strong()
                        .color(theme::relation_color(relation, dark)),
                );
                ui.label(relation.meaning());
                ui.end_row();
            }
        });
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();
    ui.label(format!(
        "Status of a link: {} (new links are Draft; exports usually take Curated).",
        statuses.join(" → ")
    ));
}

fn shortcuts_ui(ui: &mut egui::Ui) {
    ui.heading("Commands and shortcuts");
    ui.label(egui::RichText::new(text_field_note(ui.ctx())).weak());
    egui::Grid::new("help_shortcuts")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for command in Command::all() {
                let mut keys = vec![shortcut_text(ui.ctx(), command)];
                keys.extend(
                    command
                        .alternate_shortcuts()
                        .iter()
                        .map(|s| ui.ctx().format_shortcut(s)),
                );
                ui.label(egui::RichText::new(keys.join(", ")).monospace());
                ui.label(command.label()).on_hover_text(command.tooltip());
                ui.end_row();
            }
        });
}

/// Which shortcuts a focused text field keeps for itself, from the command
/// list ("M, 1, 2, …, Ctrl+Z, …").
fn text_field_note(ctx: &egui::Context) -> String {
    let keys: Vec<String> = Command::all()
        .into_iter()
        .filter_map(|c| c.shortcut())
        .filter(Command::is_text_editing_key)
        .map(|s| ctx.format_shortcut(&s))
        .collect();
    format!(
        "These shortcuts act on the project only when no text field has focus: {}.",
        keys.join(", ")
    )
}
