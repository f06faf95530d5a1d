//! The first five minutes. What a window start opens: with a path, that
//! project; without one, the last project; on a first run (no last
//! project), the analyst's own copy of the demo in the data folder, never
//! the demo file in a source tree. The getting-started tour, and About.

use std::path::Path;

use super::{App, Startup};
use crate::ui::about::{self, AboutInfo};
use crate::ui::jobs::{Job, NoDemoCopy};
use crate::ui::tour::{self, Tour, TourOutcome};

impl App {
    pub(super) fn open_at_start(&mut self, startup: &Startup) {
        if let Some(path) = &startup.project {
            return self.start_load(path.clone());
        }
        if !startup.restore_last {
            return;
        }
        match self.prefs.last_project.clone().filter(|p| p.exists()) {
            Some(last) => self.start_load(last),
            None => {
                let data_dir = startup.data_dir.clone();
                let cache = self.cache.clone();
                self.jobs
                    .start(&self.ctx, Job::OpenDemo { data_dir, cache });
            }
        }
    }

    /// No copy of the demo could be written: the built-in demo opens
    /// untitled, so that Save asks where to keep it.
    pub(super) fn built_in_demo_opened(&mut self, no_copy: NoDemoCopy) {
        match no_copy.built_in {
            Ok(doc) => {
                self.replace_document(*doc);
                self.notify(format!(
                    "The demo is open untitled (no copy could be written: {}). \
                     Save as… keeps your changes.",
                    no_copy.why
                ));
            }
            Err(message) => self.error(format!("The built-in demo cannot be read: {message}")),
        }
    }
}

impl App {
    /// The tour, unless it was dismissed before (the preferences say so).
    pub(super) fn offer_tour(&mut self, startup: &Startup) {
        if startup.offer_tour && !self.prefs.tour_seen {
            self.panels.tour = Some(Tour::default());
        }
    }

    /// Help → About and the tour, when open. Dismissing the tour is kept in
    /// the preferences, so it is not shown again (Help → tour shows it).
    pub(super) fn about_and_tour_ui(&mut self, ctx: &egui::Context) {
        if self.panels.about_open {
            let info = AboutInfo {
                data_dir: self.safety.data_dir().map(Path::to_path_buf),
                prefs_file: self.prefs_file.clone(),
                project: self.doc.path.clone(),
                cache_dir: self.cache.as_ref().map(|c| c.dir().to_path_buf()),
            };
            about::ui(ctx, &mut self.panels.about_open, &info);
        }
        if let Some(state) = &mut self.panels.tour
            && tour::ui(ctx, state, &self.panels.tour_targets) == TourOutcome::Dismissed
        {
            self.panels.tour = None;
            self.prefs.tour_seen = true;
        }
    }
}
