//! UI preferences (theme, recent files, panels, reading size), kept in
//! eframe storage, never in the project file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::App;
use crate::ui::theme::{self, ThemeChoice};

/// Key of the preferences in eframe storage.
pub(super) const PREFS_KEY: &str = "riposte-prefs";

/// The preferences file in the data folder: eframe's own default name, so
/// preferences kept before `run` named it stay.
const PREFS_FILE: &str = "app.ron";

const MAX_RECENT: usize = 8;

/// Where the window keeps its preferences, given its data folder.
pub fn prefs_file(data_dir: &Path) -> PathBuf {
    data_dir.join(PREFS_FILE)
}

/// UI preferences, kept in eframe storage (never in the project file).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub theme: ThemeChoice,
    pub recent: Vec<PathBuf>,
    pub last_project: Option<PathBuf>,
    pub show_articles: bool,
    pub show_inspector: bool,
    pub show_pairs: bool,
    pub reading_size: f32,
    /// The getting-started tour was dismissed (it is not shown again).
    pub tour_seen: bool,
}

impl Default for Prefs {
    fn default() -> Prefs {
        Prefs {
            theme: ThemeChoice::System,
            recent: Vec::new(),
            last_project: None,
            show_articles: true,
            show_inspector: true,
            show_pairs: true,
            reading_size: theme::DEFAULT_READING_SIZE,
            tour_seen: false,
        }
    }
}

impl App {
    pub(super) fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path.clone());
        self.prefs.recent.truncate(MAX_RECENT);
        self.prefs.last_project = Some(path);
    }
}
