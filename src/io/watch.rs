//! Noticing that a project file was changed by someone else, as plain
//! functions the window runs on a worker thread: a cheap `stat` (modified
//! time, length and inode, since an atomic save replaces the file), and the
//! content hash only when the `stat` changed, to rule out a mere touch.

use std::path::Path;
use std::time::SystemTime;

use super::recovery;

/// What `stat` says about a file; compared, never interpreted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStat {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

/// The file's `stat`, or `None` when it cannot be read (gone, no access).
pub fn stat(path: &Path) -> Option<FileStat> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(FileStat {
        modified: meta.modified().ok(),
        len: meta.len(),
        inode,
    })
}

/// A file as this window last read or wrote it: what later looks compare with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    pub stat: Option<FileStat>,
    /// Content hash ([`recovery::hash_bytes`]); `None` when absent or unreadable.
    pub hash: Option<String>,
}

/// The file's `stat` and content hash now (after a save).
pub fn baseline(path: &Path) -> Baseline {
    Baseline {
        stat: stat(path),
        hash: recovery::file_hash(path).ok().flatten(),
    }
}

/// The baseline of a file just loaded, from its `stat` taken before it was
/// read (a change made meanwhile then has another `stat`, so the next look
/// hashes the file) and the xxh3-128 of the bytes that were loaded: the
/// file is not read again.
pub fn baseline_of_load(stat: Option<FileStat>, xxh3: u128) -> Baseline {
    Baseline {
        stat,
        hash: Some(recovery::hash_from_xxh3(xxh3)),
    }
}

/// One look at a watched file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Look {
    pub stat: Option<FileStat>,
    /// Set only when the `stat` differs from the last one: the content hash
    /// (`None`: the file is gone), or why it could not be read.
    pub hash: Option<Result<Option<String>, String>>,
}

/// Stats the file, and hashes it only when the stat is not `last`.
pub fn look(path: &Path, last: Option<&FileStat>) -> Look {
    let now = stat(path);
    if now.as_ref() == last {
        return Look {
            stat: now,
            hash: None,
        };
    }
    let hash = recovery::file_hash(path).map_err(|e| e.to_string());
    Look {
        stat: now,
        hash: Some(hash),
    }
}

/// True when the file's content is no longer `known` (a hash this window
/// read or wrote), checked before a save: changed by another program,
/// deleted, or (when nothing was read from it) created meanwhile.
pub fn changed_since(path: &Path, known: Option<&str>) -> bool {
    match known {
        Some(hash) => recovery::file_changed_since(path, hash).unwrap_or(true),
        None => path.exists(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_look_hashes_only_when_the_stat_changed() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("p.ron");
        std::fs::write(&path, "one").expect("write");
        let base = baseline(&path);
        assert!(base.hash.is_some());
        let same = look(&path, base.stat.as_ref());
        assert_eq!(same.hash, None);
        assert!(!changed_since(&path, base.hash.as_deref()));
        std::fs::write(&path, "two!").expect("write");
        let changed = look(&path, base.stat.as_ref());
        assert!(matches!(changed.hash, Some(Ok(Some(ref h))) if Some(h) != base.hash.as_ref()));
        assert!(changed_since(&path, base.hash.as_deref()));
        std::fs::remove_file(&path).expect("remove");
        assert_eq!(look(&path, changed.stat.as_ref()).hash, Some(Ok(None)));
        assert!(!changed_since(&path, None));
    }
}
