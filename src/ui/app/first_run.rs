//! What a window start opens. With a path, that project; without one, the
//! last project; on a first run (no last project), the analyst's own copy
//! of the demo in the data folder, never the demo file in a source tree.

use super::{App, Startup};
use crate::ui::jobs::{Job, NoDemoCopy};

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
                self.jobs.start(&self.ctx, Job::OpenDemo { data_dir });
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
                    "The demo is open untitled (no copy could be written: {}). Save as… keeps your changes.",
                    no_copy.why
                ));
            }
            Err(message) => self.error(format!("The built-in demo cannot be read: {message}")),
        }
    }
}
