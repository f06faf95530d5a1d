//! The open project with its undo history, file path and derived index, and
//! the background thread that loads and saves it without blocking a frame.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::io::project_file;
use crate::model::{Edit, EditError, History, Project, ProjectIndex};

/// One open project. Only [`Document::apply`], `undo` and `redo` change it.
pub struct Document {
    pub project: Project,
    pub history: History,
    pub path: Option<PathBuf>,
    pub index: ProjectIndex,
    /// What was wrong in the file when it was opened (flagged claims...).
    pub problems: Vec<String>,
}

impl Document {
    pub fn new(project: Project, path: Option<PathBuf>) -> Document {
        let history = History::new();
        let index = ProjectIndex::build(&project, history.revision());
        Document {
            project,
            history,
            path,
            index,
            problems: Vec::new(),
        }
    }

    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.project, edit)?;
        self.refresh_index();
        Ok(())
    }

    pub fn undo(&mut self) -> Result<Option<String>, EditError> {
        let label = self.history.undo(&mut self.project)?;
        self.refresh_index();
        Ok(label)
    }

    pub fn redo(&mut self) -> Result<Option<String>, EditError> {
        let label = self.history.redo(&mut self.project)?;
        self.refresh_index();
        Ok(label)
    }

    /// Updates derived lookups from the records the latest steps touched.
    pub fn refresh_index(&mut self) {
        self.index.refresh(&self.project, &self.history);
    }

    /// The name shown in the title bar: the project title, else the file name.
    pub fn name(&self) -> String {
        if !self.project.title.trim().is_empty() {
            return self.project.title.clone();
        }
        self.path.as_deref().and_then(Path::file_stem).map_or_else(
            || "Untitled".to_string(),
            |s| s.to_string_lossy().into_owned(),
        )
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }
}

/// What a background job produced.
pub enum JobOutcome {
    /// The document is built (index included) on the background thread,
    /// so the frame that receives it only swaps it in.
    Loaded {
        path: PathBuf,
        result: Result<Box<Document>, String>,
    },
    Saved {
        path: PathBuf,
        /// The history state that was written, to mark clean if still current.
        state: u64,
        result: Result<(), String>,
    },
}

/// A load or save running on its own thread.
pub struct Job {
    pub label: String,
    pub started: Instant,
    receiver: Receiver<JobOutcome>,
}

/// Jobs slower than this show progress; quicker ones never flicker a spinner.
pub const PROGRESS_AFTER: Duration = Duration::from_millis(200);

impl Job {
    /// Reads `path` on a background thread.
    pub fn load(ctx: &egui::Context, path: PathBuf) -> Job {
        let label = format!("Opening {}", path.display());
        Job::spawn(ctx, label, move || {
            let result = project_file::load(&path)
                .map(|loaded| {
                    let mut doc = Document::new(loaded.project, Some(path.clone()));
                    doc.problems = loaded.problems.iter().map(ToString::to_string).collect();
                    Box::new(doc)
                })
                .map_err(|e| e.to_string());
            JobOutcome::Loaded { path, result }
        })
    }

    /// Writes a copy of `project` to `path` on a background thread; the
    /// window keeps working on the original meanwhile.
    pub fn save(ctx: &egui::Context, path: PathBuf, project: Project, state: u64) -> Job {
        let label = format!("Saving {}", path.display());
        Job::spawn(ctx, label, move || {
            let result = project_file::save(&path, &project).map_err(|e| e.to_string());
            JobOutcome::Saved {
                path,
                state,
                result,
            }
        })
    }

    fn spawn(
        ctx: &egui::Context,
        label: String,
        work: impl FnOnce() -> JobOutcome + Send + 'static,
    ) -> Job {
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // The receiver is gone only if the window closed; nothing to tell.
            let _ = sender.send(work());
            ctx.request_repaint();
        });
        Job {
            label,
            started: Instant::now(),
            receiver,
        }
    }

    /// `Some` once the job has finished; an `Err` if its thread died
    /// without reporting (a bug, shown to the analyst rather than hidden).
    pub fn poll(&self) -> Option<Result<JobOutcome, String>> {
        match self.receiver.try_recv() {
            Ok(outcome) => Some(Ok(outcome)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(Err(format!("{}: failed unexpectedly", self.label)))
            }
        }
    }

    pub fn shows_progress(&self) -> bool {
        self.started.elapsed() >= PROGRESS_AFTER
    }
}
