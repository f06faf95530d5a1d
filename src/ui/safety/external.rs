//! Noticing that the open project file was changed by someone else: a
//! cheap `stat` every [`POLL_EVERY`] (modified time, length and inode, since
//! an atomic save replaces the file), then the content hash to rule out a
//! mere touch. Also what differs between the open project and the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::io::recovery;
use crate::model::Project;

pub const POLL_EVERY: Duration = Duration::from_secs(2);

/// What `stat` says about the file; compared, never interpreted.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stat {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

fn stat(path: &Path) -> Option<Stat> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Stat {
        modified: meta.modified().ok(),
        len: meta.len(),
        inode,
    })
}

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
    stat: Option<Stat>,
    last_poll: Option<Instant>,
    pub change: Option<ExternalChange>,
}

impl DiskWatch {
    /// Starts watching `path`, whose content is now what the window holds.
    pub fn watch(&mut self, path: Option<&Path>) {
        let path = path.map(Path::to_path_buf);
        self.known_hash = path
            .as_deref()
            .and_then(|p| recovery::file_hash(p).ok().flatten());
        self.stat = path.as_deref().and_then(stat);
        self.path = path;
        self.change = None;
        self.last_poll = Some(Instant::now());
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

    /// Polls at most every [`POLL_EVERY`]; the hash is read only when the
    /// `stat` changed.
    pub fn poll(&mut self, ctx: &egui::Context) {
        let Some(path) = self.path.clone() else {
            return;
        };
        ctx.request_repaint_after(POLL_EVERY);
        if self.last_poll.is_some_and(|at| at.elapsed() < POLL_EVERY) {
            return;
        }
        self.last_poll = Some(Instant::now());
        let now = stat(&path);
        if now == self.stat {
            return;
        }
        self.stat = now;
        self.change = match recovery::file_hash(&path) {
            Ok(None) => Some(ExternalChange::Deleted),
            Ok(Some(hash)) if Some(&hash) != self.known_hash.as_ref() => {
                Some(ExternalChange::Modified)
            }
            // Touched but the same content, or unreadable for a moment.
            Ok(Some(_)) | Err(_) => self.change,
        };
    }

    /// True when `path` is the watched file and its content is no longer
    /// the one this window last read or wrote (checked before a save).
    pub fn changed_before_save(&self, path: &Path) -> bool {
        if self.path.as_deref() != Some(path) {
            return false;
        }
        match &self.known_hash {
            Some(hash) => recovery::file_changed_since(path, hash).unwrap_or(true),
            // Nothing was read from it: only an existing file is a change.
            None => path.exists(),
        }
    }
}

/// Records added, removed and changed in the file on disk, compared with
/// the open project.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

impl Counts {
    fn of<K: Ord, T: PartialEq>(
        open: impl Iterator<Item = (K, T)>,
        disk: impl Iterator<Item = (K, T)>,
    ) -> Counts {
        let open: BTreeMap<K, T> = open.collect();
        let disk: BTreeMap<K, T> = disk.collect();
        Counts {
            added: disk.keys().filter(|k| !open.contains_key(k)).count(),
            removed: open.keys().filter(|k| !disk.contains_key(k)).count(),
            changed: disk
                .iter()
                .filter(|(k, v)| open.get(k).is_some_and(|o| o != *v))
                .count(),
        }
    }

    pub fn describe(&self) -> String {
        format!(
            "{} added, {} removed, {} changed",
            self.added, self.removed, self.changed
        )
    }

    pub fn is_empty(&self) -> bool {
        self.added + self.removed + self.changed == 0
    }
}

/// How the project on disk differs from the open one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Differences {
    pub path: PathBuf,
    pub articles: Counts,
    pub claims: Counts,
    pub links: Counts,
    pub title_changed: bool,
}

pub fn compare(path: &Path, open: &Project, disk: &Project) -> Differences {
    Differences {
        path: path.to_path_buf(),
        articles: Counts::of(
            open.articles.iter().map(|a| (a.id, a)),
            disk.articles.iter().map(|a| (a.id, a)),
        ),
        claims: Counts::of(
            open.claims.iter().map(|c| (c.id, c)),
            disk.claims.iter().map(|c| (c.id, c)),
        ),
        links: Counts::of(
            open.links.iter().map(|l| (l.id, l)),
            disk.links.iter().map(|l| (l.id, l)),
        ),
        title_changed: open.title != disk.title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, History};

    #[test]
    fn compare_counts_added_removed_changed() {
        let open = Project::new("A");
        let mut disk = open.clone();
        let mut history = History::new();
        history
            .apply(&mut disk, Edit::SetProjectTitle("B".into()))
            .expect("title");
        let differences = compare(Path::new("p.ron"), &open, &disk);
        assert!(differences.title_changed);
        assert!(differences.articles.is_empty());
        assert_eq!(
            Counts::of(
                [(1, "a"), (2, "b")].into_iter(),
                [(2, "c"), (3, "d")].into_iter()
            ),
            Counts {
                added: 1,
                removed: 1,
                changed: 1
            }
        );
    }

    #[test]
    fn the_watch_sees_a_replaced_file_and_ignores_a_touch() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("p.ron");
        std::fs::write(&path, "one").expect("write");
        let ctx = egui::Context::default();
        let mut watch = DiskWatch::default();
        watch.watch(Some(&path));
        assert!(!watch.changed_before_save(&path));
        // Same content rewritten: not a change.
        std::fs::write(&path, "one").expect("write");
        watch.last_poll = None;
        watch.poll(&ctx);
        assert_eq!(watch.change, None);
        std::fs::write(&path, "two!").expect("write");
        watch.last_poll = None;
        watch.poll(&ctx);
        assert_eq!(watch.change, Some(ExternalChange::Modified));
        assert!(watch.changed_before_save(&path));
        std::fs::remove_file(&path).expect("remove");
        watch.last_poll = None;
        watch.poll(&ctx);
        assert_eq!(watch.change, Some(ExternalChange::Deleted));
    }
}
