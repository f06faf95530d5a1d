//! The menu bar, built from [`Command`]s so labels and shortcuts match the
//! palette and the help window.

use std::path::PathBuf;

use crate::model::{Relation, Status};
use crate::ui::action::Action;
use crate::ui::commands::{Command, shortcut_text};
use crate::ui::theme::ThemeChoice;

/// What the menus show that is not a command.
pub struct MenuState<'a> {
    pub undo: Option<&'a str>,
    pub redo: Option<&'a str>,
    /// The oldest undo steps dropped to stay within the memory limit.
    pub dropped_steps: u64,
    pub recent: &'a [PathBuf],
    pub theme: ThemeChoice,
}

pub fn ui(ui: &mut egui::Ui, state: &MenuState<'_>, actions: &mut Vec<Action>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, state, actions));
        ui.menu_button("Edit", |ui| edit_menu_ui(ui, state, actions));
        ui.menu_button("Link", |ui| link_menu_ui(ui, actions));
        ui.menu_button("View", |ui| view_menu_ui(ui, state, actions));
        ui.menu_button("Help", |ui| {
            command_ui(ui, Command::Help, actions);
            command_ui(ui, Command::Palette, actions);
        });
    });
}

/// A menu entry running `command`, with its shortcut and tooltip.
pub fn command_ui(ui: &mut egui::Ui, command: Command, actions: &mut Vec<Action>) {
    labelled_command_ui(ui, command, &command.label(), true, actions);
}

fn labelled_command_ui(
    ui: &mut egui::Ui,
    command: Command,
    label: &str,
    enabled: bool,
    actions: &mut Vec<Action>,
) {
    let button = egui::Button::new(label).shortcut_text(shortcut_text(ui.ctx(), command));
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(command.tooltip())
        .clicked()
    {
        actions.push(Action::Command(command));
    }
}

fn file_menu_ui(ui: &mut egui::Ui, state: &MenuState<'_>, actions: &mut Vec<Action>) {
    command_ui(ui, Command::NewProject, actions);
    command_ui(ui, Command::Open, actions);
    ui.menu_button("Open recent", |ui| {
        if state.recent.is_empty() {
            ui.label("No recent projects");
        }
        for path in state.recent {
            if ui.button(path.display().to_string()).clicked() {
                actions.push(Action::OpenRecent(path.clone()));
            }
        }
    });
    ui.separator();
    command_ui(ui, Command::Save, actions);
    command_ui(ui, Command::SaveAs, actions);
    ui.separator();
    command_ui(ui, Command::Import, actions);
    command_ui(ui, Command::ImportFolder, actions);
    command_ui(ui, Command::Export, actions);
    ui.separator();
    command_ui(ui, Command::Quit, actions);
}

fn edit_menu_ui(ui: &mut egui::Ui, state: &MenuState<'_>, actions: &mut Vec<Action>) {
    let undo = state
        .undo
        .map_or("Undo".to_string(), |l| format!("Undo {l}"));
    labelled_command_ui(ui, Command::Undo, &undo, state.undo.is_some(), actions);
    let redo = state
        .redo
        .map_or("Redo".to_string(), |l| format!("Redo {l}"));
    labelled_command_ui(ui, Command::Redo, &redo, state.redo.is_some(), actions);
    if state.dropped_steps > 0 {
        ui.label(
            egui::RichText::new(format!(
                "The {} oldest change(s) can no longer be undone (kept within the undo \
                 memory limit)",
                state.dropped_steps
            ))
            .small()
            .weak(),
        );
    }
    ui.separator();
    command_ui(ui, Command::MarkClaim, actions);
    command_ui(ui, Command::DeleteSelected, actions);
    command_ui(ui, Command::ClearPending, actions);
    ui.separator();
    command_ui(ui, Command::Search, actions);
    ui.separator();
    command_ui(ui, Command::EditArticleText, actions);
    command_ui(ui, Command::ReplaceTextFromFile, actions);
    command_ui(ui, Command::ReviewClaims, actions);
}

fn link_menu_ui(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    for relation in Relation::ALL {
        command_ui(ui, Command::Respond(relation), actions);
    }
    command_ui(ui, Command::LinkExisting, actions);
    ui.separator();
    for status in Status::ALL {
        command_ui(ui, Command::SetStatus(status), actions);
    }
}

fn view_menu_ui(ui: &mut egui::Ui, state: &MenuState<'_>, actions: &mut Vec<Action>) {
    command_ui(ui, Command::ToggleArticles, actions);
    command_ui(ui, Command::ToggleInspector, actions);
    command_ui(ui, Command::TogglePairs, actions);
    ui.separator();
    let theme = format!("Theme: {} (switch)", state.theme.name());
    labelled_command_ui(ui, Command::ToggleTheme, &theme, true, actions);
    command_ui(ui, Command::FontLarger, actions);
    command_ui(ui, Command::FontSmaller, actions);
}
