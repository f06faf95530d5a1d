//! Noticing that the open project file was changed by someone else: every
//! [`POLL_EVERY`] a worker thread looks at the file (`io::watch::look`: a
//! `stat`, and the content hash only when the `stat` changed); the frame
//! only collects the answer. The comparison itself is `io::compare`.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::io::watch::{self, Baseline, FileStat, Look};

pub use crate::io::compare::{Counts, Differences};

pub const POLL_EVERY: Duration = Duration::from_secs(2);

/// How the file on disk differs from what was opened or last saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExternalChange {
    Modified,
    Deleted,
}

/// Watches the open project's file.
#[derive(Default)]
pub struct DiskWatch {
    path: Option<PathBuf>,
    /// Content hash of the file as this window last read or wrote it.
    known_hash: Option<String>,
    stat: Option<FileStat>,
    last_poll: Option<Instant>,
    in_flight: Option<Receiver<Look>>,
    pub change: Option<ExternalChange>,
}

impl DiskWatch {
    /// Starts watching `path`, whose content is now what the window holds
    /// (`baseline` was taken by the load or save that read or wrote it).
    pub fn watch(&mut self, path: Option<&Path>, baseline: Baseline) {
        self.path = path.map(Path::to_path_buf);
        self.known_hash = baseline.hash;
        self.stat = baseline.stat;
        self.change = None;
        self.last_poll = Some(Instant::now());
        // A look at the previous file would be about the wrong one.
        self.in_flight = None;
    }

    /// The content the window's changes are based on is `hash` (a restored
    /// recovery copy based on an older file): a different file on disk is
    /// then an external change.
    pub fn assume_known_hash(&mut self, hash: String) {
        self.known_hash = Some(hash);
        self.stat = None;
        self.last_poll = None;
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The hash a save checks the file against (see `io::watch::changed_since`).
    pub fn known_hash(&self) -> Option<&str> {
        self.known_hash.as_deref()
    }

    /// Drops a look in progress (this window is about to write the file).
    pub fn forget_look(&mut self) {
        self.in_flight = None;
        self.last_poll = Some(Instant::now());
    }

    /// True while a look at the file runs in the background.
    pub fn is_looking(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Collects a finished look, and starts one at most every [`POLL_EVERY`].
    pub fn poll(&mut self, ctx: &egui::Context) {
        let Some(path) = self.path.clone() else {
            return;
        };
        ctx.request_repaint_after(POLL_EVERY);
        if let Some(receiver) = &self.in_flight {
            match receiver.try_recv() {
                Ok(look) => self.seen(look),
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => {}
            }
            self.in_flight = None;
        }
        if self.last_poll.is_some_and(|at| at.elapsed() < POLL_EVERY) {
            return;
        }
        self.last_poll = Some(Instant::now());
        let (sender, receiver) = channel();
        let last = self.stat.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // The receiver is gone only if the watch moved on; nothing to tell.
            let _ = sender.send(watch::look(&path, last.as_ref()));
            ctx.request_repaint();
        });
        self.in_flight = Some(receiver);
    }

    fn seen(&mut self, look: Look) {
        self.stat = look.stat;
        self.change = match look.hash {
            Some(Ok(None)) => Some(ExternalChange::Deleted),
            Some(Ok(Some(hash))) if Some(&hash) != self.known_hash.as_ref() => {
                Some(ExternalChange::Modified)
            }
            // Touched but the same content, unreadable for a moment, or
            // the stat did not change.
            _ => self.change,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Polls until the look started now has been collected.
    fn poll_now(watch: &mut DiskWatch, ctx: &egui::Context) {
        watch.last_poll = None;
        watch.poll(ctx);
        while watch.is_looking() {
            std::thread::sleep(Duration::from_millis(2));
            watch.last_poll = Some(Instant::now());
            watch.poll(ctx);
        }
    }

    #[test]
    fn the_watch_sees_a_replaced_file_and_ignores_a_touch() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("p.ron");
        std::fs::write(&path, "one").expect("write");
        let ctx = egui::Context::default();
        let mut watch = DiskWatch::default();
        watch.watch(Some(&path), watch::baseline(&path));
        assert!(!watch::changed_since(&path, watch.known_hash()));
        // Same content rewritten: not a change.
        std::fs::write(&path, "one").expect("write");
        poll_now(&mut watch, &ctx);
        assert_eq!(watch.change, None);
        std::fs::write(&path, "two!").expect("write");
        poll_now(&mut watch, &ctx);
        assert_eq!(watch.change, Some(ExternalChange::Modified));
        assert!(watch::changed_since(&path, watch.known_hash()));
        std::fs::remove_file(&path).expect("remove");
        poll_now(&mut watch, &ctx);
        assert_eq!(watch.change, Some(ExternalChange::Deleted));
    }
}
