//! The native window: its viewport (title, size, icon) and `run`, which
//! opens it.

use std::path::PathBuf;
use std::process::ExitCode;

use super::prefs::prefs_file;
use super::{App, Startup};

/// The 256 px app icon, built into the binary so an installed copy has it.
const ICON_PNG: &[u8] = include_bytes!("../../../assets/icon/riposte-256.png");

/// Opens the window on `project`, or else the last project, or the demo.
pub fn run(project: Option<PathBuf>) -> ExitCode {
    let startup = Startup::from_cli(project);
    let options = eframe::NativeOptions {
        viewport: viewport(),
        // Named here so that Help → About shows the very file.
        persistence_path: startup.data_dir.as_deref().map(prefs_file),
        ..eframe::NativeOptions::default()
    };
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

fn viewport() -> egui::ViewportBuilder {
    let viewport = egui::ViewportBuilder::default()
        .with_title("Riposte")
        .with_app_id("riposte")
        .with_inner_size([1440.0, 900.0])
        .with_min_inner_size([900.0, 560.0])
        .with_drag_and_drop(true);
    match window_icon() {
        Ok(icon) => viewport.with_icon(icon),
        // A window without its icon is still the window.
        Err(error) => {
            eprintln!("riposte: the window icon cannot be read ({error}); opening without it");
            viewport
        }
    }
}

fn window_icon() -> Result<egui::IconData, String> {
    eframe::icon_data::from_png_bytes(ICON_PNG).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_icon_decodes_to_256_pixels_square() {
        let icon = window_icon().expect("the icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }

    #[test]
    fn the_viewport_carries_the_icon() {
        assert!(viewport().icon.is_some());
    }
}
