//! The command palette (Ctrl+K, Ctrl+Shift+P): every command by name, with
//! its shortcut; type to filter, Enter or click to run.

use crate::ui::action::Action;
use crate::ui::commands::{Command, shortcut_text};

#[derive(Default)]
pub struct PaletteState {
    pub open: bool,
    query: String,
    highlighted: usize,
    focus: bool,
}

impl PaletteState {
    pub fn show(&mut self) {
        self.open = true;
        self.query.clear();
        self.highlighted = 0;
        self.focus = true;
    }
}

fn matches(command: Command, query: &str) -> bool {
    let label = command.label().to_lowercase();
    query
        .split_whitespace()
        .all(|word| label.contains(&word.to_lowercase()))
}

/// The keys the palette reads itself.
struct Keys {
    up: bool,
    down: bool,
    enter: bool,
    escape: bool,
}

pub fn ui(ctx: &egui::Context, state: &mut PaletteState, actions: &mut Vec<Action>) {
    let commands: Vec<Command> = Command::all()
        .into_iter()
        .filter(|c| *c != Command::Palette && matches(*c, &state.query))
        .collect();
    let keys = ctx.input(|i| Keys {
        up: i.key_pressed(egui::Key::ArrowUp),
        down: i.key_pressed(egui::Key::ArrowDown),
        enter: i.key_pressed(egui::Key::Enter),
        escape: i.key_pressed(egui::Key::Escape),
    });
    if keys.down {
        state.highlighted = (state.highlighted + 1).min(commands.len().saturating_sub(1));
    }
    if keys.up {
        state.highlighted = state.highlighted.saturating_sub(1);
    }
    let mut chosen = None;
    let modal = egui::Modal::new(egui::Id::unique("palette")).show(ctx, |ui| {
        ui.set_width(480.0);
        query_ui(ui, state);
        let moved = keys.up || keys.down;
        chosen = list_ui(ui, &commands, state.highlighted, moved);
    });
    if keys.enter && chosen.is_none() {
        chosen = commands.get(state.highlighted).copied();
    }
    if let Some(command) = chosen {
        state.open = false;
        actions.push(Action::Command(command));
    } else if keys.escape || modal.should_close() {
        state.open = false;
    }
}

fn query_ui(ui: &mut egui::Ui, state: &mut PaletteState) {
    let label = ui.label("Command");
    let field = ui
        .add(
            egui::TextEdit::singleline(&mut state.query)
                .hint_text("type a command…")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if state.focus {
        field.request_focus();
        state.focus = false;
    }
    if field.changed() {
        state.highlighted = 0;
    }
}

/// The matching commands; the one clicked, if any.
fn list_ui(
    ui: &mut egui::Ui,
    commands: &[Command],
    highlighted: usize,
    moved: bool,
) -> Option<Command> {
    let mut chosen = None;
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            for (i, command) in commands.iter().enumerate() {
                let button = egui::Button::selectable(i == highlighted, command.label())
                    .shortcut_text(shortcut_text(ui.ctx(), *command))
                    .min_size(egui::vec2(ui.available_width(), 0.0));
                let response = ui.add(button).on_hover_text(command.tooltip());
                if i == highlighted && moved {
                    response.scroll_to_me(None);
                }
                if response.clicked() {
                    chosen = Some(*command);
                }
            }
        });
    chosen
}
