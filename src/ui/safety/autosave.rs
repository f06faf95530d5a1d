//! Recovery copies written in the background while there are unsaved
//! changes: at most every [`INTERVAL`] and after every [`EVERY_EDITS`]
//! changes. The copy goes to the app's data folder, never over the
//! analyst's file, and is removed once the project is clean again.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::io::recovery::{self, CopyRequest};
use crate::ui::document::Document;

/// Longest time unsaved changes go without a recovery copy.
pub const INTERVAL: Duration = Duration::from_secs(30);
/// A copy is written after this many changes even within [`INTERVAL`].
pub const EVERY_EDITS: u64 = 20;

type WriteResult = Result<PathBuf, String>;

/// The autosave state of the open document.
pub struct Autosave {
    data_dir: Option<PathBuf>,
    /// History revision when the last copy was started (or the document
    /// became clean / was opened).
    written_revision: u64,
    /// History revision when the document was last clean.
    clean_revision: u64,
    /// Changes already unsaved when the document was restored from a copy.
    carried_changes: u64,
    last_write: Instant,
    in_flight: Option<Receiver<WriteResult>>,
    /// Writes started for a document that has since been closed: their
    /// copies are removed as soon as they land.
    abandoned: Vec<Receiver<WriteResult>>,
    /// The copy on disk for the open document, if one was written.
    written: Option<PathBuf>,
}

impl Autosave {
    pub fn new(data_dir: Option<PathBuf>) -> Autosave {
        Autosave {
            data_dir,
            written_revision: 0,
            clean_revision: 0,
            carried_changes: 0,
            last_write: Instant::now(),
            in_flight: None,
            abandoned: Vec::new(),
            written: None,
        }
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.data_dir.as_deref()
    }

    /// The recovery copy currently on disk for the open document.
    pub fn written(&self) -> Option<&Path> {
        self.written.as_deref()
    }

    /// Changes not yet saved, as recorded in the copy.
    pub fn unsaved_changes(&self, doc: &Document) -> u64 {
        doc.history.revision().saturating_sub(self.clean_revision) + self.carried_changes
    }

    /// Called every frame: collects finished writes, removes the copy of a
    /// clean document and starts a write when one is due. Returns an error
    /// message to show, if a write failed.
    pub fn frame(&mut self, ctx: &egui::Context, doc: &Document) -> Option<String> {
        let error = self.collect();
        let revision = doc.history.revision();
        if !doc.is_dirty() {
            self.clean_revision = revision;
            self.written_revision = revision;
            self.carried_changes = 0;
            self.last_write = Instant::now();
            if self.in_flight.is_none() {
                self.discard_written();
            }
            return error;
        }
        if self.data_dir.is_none() || self.in_flight.is_some() {
            return error;
        }
        let edits = revision.saturating_sub(self.written_revision);
        let waited = self.last_write.elapsed();
        if edits >= EVERY_EDITS || (edits > 0 && waited >= INTERVAL) {
            self.start_write(ctx, doc);
        } else if edits > 0 {
            ctx.request_repaint_after(INTERVAL.saturating_sub(waited));
        }
        error
    }

    /// Clones the project (the only work on the UI thread) and writes the
    /// copy on a worker thread.
    fn start_write(&mut self, ctx: &egui::Context, doc: &Document) {
        let Some(data_dir) = self.data_dir.clone() else {
            return;
        };
        let project = doc.project.clone();
        let path = doc.path.clone();
        let (owner, base) = (doc.owner, doc.base.clone());
        let unsaved = self.unsaved_changes(doc);
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let request = CopyRequest {
                owner,
                project_path: path.as_deref(),
                base,
                unsaved_changes: unsaved,
                made_at: chrono::Utc::now(),
                crash: None,
            };
            let result = recovery::write_copy(&data_dir, &request, &project)
                .map_err(|e| format!("Recovery copy not written: {e}"));
            // The receiver is gone only if the window closed.
            let _ = sender.send(result);
            ctx.request_repaint();
        });
        self.in_flight = Some(receiver);
        self.written_revision = doc.history.revision();
        self.last_write = Instant::now();
    }

    fn collect(&mut self) -> Option<String> {
        self.abandoned.retain(|receiver| match receiver.try_recv() {
            Ok(Ok(path)) => {
                let _ = recovery::discard(&path);
                false
            }
            Ok(Err(_)) | Err(TryRecvError::Disconnected) => false,
            Err(TryRecvError::Empty) => true,
        });
        let receiver = self.in_flight.as_ref()?;
        let result = match receiver.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Err("Recovery copy: the writer stopped".into()),
        };
        self.in_flight = None;
        match result {
            Ok(path) => {
                // Saved under another name since the last copy: drop the old one.
                if let Some(old) = self.written.replace(path.clone())
                    && old != path
                {
                    let _ = recovery::discard(&old);
                }
                None
            }
            Err(message) => Some(message),
        }
    }

    fn discard_written(&mut self) {
        if let Some(path) = self.written.take() {
            let _ = recovery::discard(&path);
        }
    }

    /// The open document is closed or replaced without saving (or was
    /// saved): its copy is no longer needed.
    pub fn forget_document(&mut self, new_revision: u64) {
        if let Some(receiver) = self.in_flight.take() {
            self.abandoned.push(receiver);
        }
        self.discard_written();
        self.clean_revision = new_revision;
        self.written_revision = new_revision;
        self.carried_changes = 0;
        self.last_write = Instant::now();
    }

    /// The open document was restored from `copy`, which stays on disk
    /// (and is rewritten) until the project is saved or discarded.
    pub fn adopt(&mut self, copy: PathBuf, carried_changes: u64, revision: u64) {
        self.written = Some(copy);
        self.carried_changes = carried_changes;
        self.clean_revision = revision;
        self.written_revision = revision;
    }
}
