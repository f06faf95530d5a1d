//! Help → About: the version, the licence, and where this build keeps
//! projects, preferences and recovery copies on this machine.

use std::path::{Path, PathBuf};

use crate::io::{demo, recovery};

/// The paths the running window uses (the About window shows them as they
/// are, so the analyst can find or back up their files).
#[derive(Clone, Debug, Default)]
pub struct AboutInfo {
    /// Riposte's own folder (demo copy, recovery copies, preferences);
    /// `None` when this session keeps none.
    pub data_dir: Option<PathBuf>,
    /// The preferences file; `None` when this session keeps no preferences.
    pub prefs_file: Option<PathBuf>,
    /// The open project's file, if it has one.
    pub project: Option<PathBuf>,
    /// The binary copies of opened projects for quick reopening (safe to
    /// delete); `None` when this session keeps none.
    pub cache_dir: Option<PathBuf>,
}

pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub const LICENCE: &str = env!("CARGO_PKG_LICENSE");

pub fn ui(ctx: &egui::Context, open: &mut bool, info: &AboutInfo) {
    egui::Window::new("About Riposte")
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .open(open)
        .collapsible(false)
        .default_width(680.0)
        .show(ctx, |ui| {
            ui.heading(format!("Riposte {VERSION}"));
            ui.label(env!("CARGO_PKG_DESCRIPTION"));
            ui.label(format!("Licence: {LICENCE}"));
            ui.separator();
            ui.strong("On this machine");
            egui::Grid::new("about_paths")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| paths_ui(ui, info));
        });
}

fn paths_ui(ui: &mut egui::Ui, info: &AboutInfo) {
    let project = info
        .project
        .as_ref()
        .map_or("this one is not saved yet".to_string(), |p| {
            format!("this one: {}", p.display())
        });
    row_ui(
        ui,
        "Projects",
        &format!("wherever you save them; {project}"),
    );
    row_ui(
        ui,
        "Beside a project",
        "NAME.ron.bak (the version before the last save), \
         NAME.ron.lock (while a window has it open)",
    );
    let data = info.data_dir.as_deref();
    path_row_ui(ui, "Demo copy", data.map(demo::copy_path));
    path_row_ui(ui, "Preferences", info.prefs_file.clone());
    path_row_ui(ui, "Recovery copies", data.map(recovery::recovery_dir));
    path_row_ui(ui, "Quick-open cache", info.cache_dir.clone());
}

fn row_ui(ui: &mut egui::Ui, name: &str, text: &str) {
    ui.label(egui::RichText::new(name).strong());
    ui.add(egui::Label::new(text).wrap());
    ui.end_row();
}

/// A path the analyst may want to open or copy; `None`: not kept.
fn path_row_ui(ui: &mut egui::Ui, name: &str, path: Option<PathBuf>) {
    ui.label(egui::RichText::new(name).strong());
    match path {
        Some(path) => {
            ui.horizontal(|ui| {
                copy_button_ui(ui, name, &path);
                ui.add(egui::Label::new(egui::RichText::new(shown(&path)).monospace()).wrap());
            });
        }
        None => {
            ui.label(egui::RichText::new("not kept in this session").weak());
        }
    }
    ui.end_row();
}

fn copy_button_ui(ui: &mut egui::Ui, name: &str, path: &Path) {
    let button = ui
        .small_button("Copy")
        .on_hover_text(format!("Copy the {} path", name.to_lowercase()));
    if button.clicked() {
        ui.ctx().copy_text(shown(path));
    }
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}
