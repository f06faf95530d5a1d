//! The eframe desktop app. `app` owns the state and applies every change;
//! each panel has its own file and only pushes [`Action`]s (`action`).

pub mod action;
pub mod app;
mod articles;
pub mod commands;
mod dialogs;
pub mod document;
mod export;
mod fonts;
mod help;
mod inspector;
mod menus;
mod pairs;
mod palette;
mod reader;
pub mod reading_view;
pub mod safety;
mod search;
pub mod theme;
mod widgets;

use std::path::PathBuf;
use std::process::ExitCode;

pub use action::Action;
pub use app::{App, Startup};

/// Opens the window on `project`, or else the last project, or the demo.
pub fn run(project: Option<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Riposte")
            .with_app_id("riposte")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        ..eframe::NativeOptions::default()
    };
    let startup = Startup::from_cli(project);
    let result = eframe::run_native(
        "Riposte",
        options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, startup)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("riposte: cannot open the window: {error}");
            ExitCode::FAILURE
        }
    }
}
