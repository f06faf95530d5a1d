//! Recovery copies (autosave) and the external-change check. No egui: the
//! window decides when to call these and what to ask.
//!
//! A recovery copy is written atomically to
//! `DATA/recovery/STEM-HASH-PID-DOC.ron`, where `HASH` identifies the
//! project's path and `PID-DOC` the [`CopyOwner`]: the process and the
//! document in it. Each open document has its own copy, replaced each
//! time, so two windows on one file never share one, and a late write for a
//! closed document never lands on the next document's copy. The file holds
//! the project plus [`RecoveryMeta`]: when it was made, how many changes
//! were unsaved, the [`Base`] (the project file as it was when those
//! changes began: opened or last saved) and the file's state when the copy
//! was made. At start-up [`find_recovery_copies`] lists the copies of
//! windows no longer running and [`restore_decision`] says what to do with
//! each: a copy is restored without asking only over the very file its
//! changes were made to. A clean save or close discards the copy.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::Project;

mod disk;
pub use disk::{
    disk_state, file_changed_since, file_hash, hash_bytes, hash_from_xxh3, restore_decision,
    xxh3_of_file,
};

const FORMAT_NAME: &str = "riposte-recovery";
const FORMAT_VERSION: u32 = 1;
/// Same nesting limit as project files.
const RECURSION_LIMIT: usize = 64;

/// What is known about a recovery copy without reading its project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryMeta {
    /// The project file the copy belongs to; `None` for a project never saved.
    pub project_path: Option<String>,
    pub made_at: DateTime<Utc>,
    /// Changes not yet saved to the project file when the copy was made.
    pub unsaved_changes: u64,
    /// The project file on disk when the copy was made (`None` if absent).
    pub disk: Option<DiskState>,
    /// The project file the unsaved changes were made to. Absent in copies
    /// written before it was recorded.
    #[serde(default)]
    pub base: Base,
    /// The process that wrote the copy; its copies are left alone while it
    /// runs. Absent in copies written before it was recorded.
    #[serde(default)]
    pub owner_pid: Option<u32>,
    /// Set when the copy was written as the window crashed: what happened
    /// (the panic message and where), to show when the copy is offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crash: Option<String>,
}

/// The project file as it was when a document's unsaved changes began: when
/// it was opened, last saved, or reloaded. A copy is safe to restore only
/// over this very file; if the file is different now, someone else saved it
/// meanwhile and restoring would overwrite their work.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Base {
    /// Not recorded (a copy from an older build): the file's state when the
    /// copy was made stands in for it.
    #[default]
    Unrecorded,
    /// The changes began with no file on disk (a new project, or one whose
    /// file was gone).
    NoFile,
    /// The changes began from the file with this content ([`hash_bytes`]).
    File { content_hash: String },
}

impl Base {
    /// The base of a document whose file is (or is not) at `path` now:
    /// call it when the document is opened, saved or reloaded.
    pub fn of_file(path: Option<&Path>) -> std::io::Result<Base> {
        let hash = match path {
            Some(path) => file_hash(path)?,
            None => None,
        };
        Ok(Base::from_hash(hash))
    }

    /// The base of a file with this content hash (`None`: no file).
    pub fn from_hash(content_hash: Option<String>) -> Base {
        content_hash.map_or(Base::NoFile, |content_hash| Base::File { content_hash })
    }
}

/// Who writes a recovery copy: a process, and one document opened in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CopyOwner {
    pub pid: u32,
    pub document: u64,
}

impl CopyOwner {
    /// A new owner for the next document this process opens (or creates,
    /// or restores): never the same as an earlier one.
    pub fn next_document() -> CopyOwner {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        CopyOwner {
            pid: std::process::id(),
            document: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }
}

/// Everything about a recovery copy to write except the project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyRequest<'a> {
    pub owner: CopyOwner,
    /// The document's project file; `None` while it is untitled.
    pub project_path: Option<&'a Path>,
    pub base: Base,
    pub unsaved_changes: u64,
    pub made_at: DateTime<Utc>,
    /// What went wrong, for a copy written as the window crashed.
    pub crash: Option<String>,
}

/// A project file's state on disk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiskState {
    /// Modification time in milliseconds since 1970, when the system has it.
    pub modified_ms: Option<i64>,
    pub len: u64,
    /// [`hash_bytes`] of the file's content.
    pub content_hash: String,
}

/// A recovery copy found on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryCopy {
    pub path: PathBuf,
    pub meta: RecoveryMeta,
}

/// What to do with a recovery copy at start-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestoreDecision {
    /// The project file is as it was when the copy was made: offer to
    /// restore (restoring loses nothing on disk).
    Offer,
    /// The project file changed on disk after the copy was made (saved by
    /// another session or tool): ask, showing both; never restore silently.
    AskProjectChanged,
    /// The project file existed when the copy was made and is gone now: ask
    /// (restore elsewhere, or discard).
    AskProjectMissing,
    /// The copy holds nothing that is not on disk: discard it.
    Discard,
}

#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: cannot write the recovery copy: {message}")]
    Serialise { path: String, message: String },
    #[error("{path}:{line}:{col}: not a readable recovery copy: {message}")]
    Parse {
        path: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{path}: not a Riposte recovery copy of a version this build reads")]
    WrongFormat { path: String },
}

#[derive(Serialize)]
struct CopyOut<'a> {
    format: &'a str,
    version: u32,
    meta: &'a RecoveryMeta,
    project: &'a Project,
}

#[derive(Deserialize)]
struct CopyIn {
    format: String,
    version: u32,
    meta: RecoveryMeta,
    project: Project,
}

/// The header and meta only; the project is skipped (still parsed by RON,
/// but not kept).
#[derive(Deserialize)]
struct MetaIn {
    format: String,
    version: u32,
    meta: RecoveryMeta,
}

/// The folder holding recovery copies inside the app's data folder.
pub fn recovery_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("recovery")
}

/// Where `owner`'s recovery copy of `project_path` goes: one per document
/// and project path.
pub fn copy_path(data_dir: &Path, project_path: Option<&Path>, owner: CopyOwner) -> PathBuf {
    let who = format!("-{}-{}", owner.pid, owner.document);
    let name = match project_path {
        Some(path) => {
            // FNV-1a of the path (not a content hash): names stay as
            // older builds made them.
            let key = crate::model::content_hash_bytes(project_key(path).as_bytes());
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!("{}-{key}{who}.ron", safe_name(&stem))
        }
        None => format!("untitled{who}.ron"),
    };
    recovery_dir(data_dir).join(name)
}

/// The project file a path names, the same however it is reached: through
/// a symlink, a relative path or `..` (resolved as far as the file exists).
fn project_key(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let resolved = fs::canonicalize(&absolute).unwrap_or(absolute);
    resolved.to_string_lossy().into_owned()
}

/// True when `copy` was made of the project file at `project_path`.
pub fn is_copy_of(copy: &RecoveryCopy, project_path: &Path) -> bool {
    copy.meta
        .project_path
        .as_deref()
        .is_some_and(|p| project_key(Path::new(p)) == project_key(project_path))
}

/// Keeps letters, digits, `-` and `_` (at most 40), so the copy's name is
/// readable but safe on every file system.
fn safe_name(stem: &str) -> String {
    let kept: String = stem
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect();
    if kept.is_empty() {
        "project".to_string()
    } else {
        kept
    }
}

/// Writes (or replaces) a document's recovery copy atomically; returns its
/// path.
pub fn write_copy(
    data_dir: &Path,
    request: &CopyRequest,
    project: &Project,
) -> Result<PathBuf, RecoveryError> {
    let target = copy_path(data_dir, request.project_path, request.owner);
    let io_error = |source| RecoveryError::Io {
        path: target.display().to_string(),
        source,
    };
    let disk = match request.project_path {
        Some(path) => disk_state(path).map_err(io_error)?,
        None => None,
    };
    let meta = RecoveryMeta {
        project_path: request.project_path.map(|p| p.display().to_string()),
        made_at: request.made_at,
        unsaved_changes: request.unsaved_changes,
        disk,
        base: request.base.clone(),
        owner_pid: Some(request.owner.pid),
        crash: request.crash.clone(),
    };
    let copy = CopyOut {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        meta: &meta,
        project,
    };
    let config = ron::ser::PrettyConfig::new().escape_strings(false);
    let text = ron::ser::to_string_pretty(&copy, config).map_err(|e| RecoveryError::Serialise {
        path: target.display().to_string(),
        message: e.to_string(),
    })?;
    fs::create_dir_all(recovery_dir(data_dir)).map_err(io_error)?;
    replace_atomically(&target, text.as_bytes()).map_err(io_error)?;
    Ok(target)
}

/// Every recovery copy in `data_dir` left by a process no longer running
/// (or by this one), oldest first, plus one message per file that could not
/// be read (left in place for the analyst). The copies of other running
/// windows are theirs: not listed.
pub fn find_recovery_copies(data_dir: &Path) -> (Vec<RecoveryCopy>, Vec<String>) {
    let mut copies = Vec::new();
    let mut unreadable = Vec::new();
    let Ok(entries) = fs::read_dir(recovery_dir(data_dir)) else {
        return (copies, unreadable);
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.extension().and_then(|e| e.to_str()) != Some("ron") {
            continue; // temporary files of an interrupted write
        }
        match read_meta(&path) {
            Ok(meta) if owned_by_another_live_process(&path, &meta) => {}
            Ok(meta) => copies.push(RecoveryCopy { path, meta }),
            Err(error) => unreadable.push(error.to_string()),
        }
    }
    copies.sort_by_key(|c| c.meta.made_at);
    (copies, unreadable)
}

fn owned_by_another_live_process(path: &Path, meta: &RecoveryMeta) -> bool {
    if meta.crash.is_some() {
        // Written as its window died: no window works on it any more.
        return false;
    }
    // Older builds named untitled copies `untitled-PID.ron` and recorded no
    // owner.
    let legacy_pid = || {
        path.file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.strip_prefix("untitled-"))
            .and_then(|s| s.parse::<u32>().ok())
    };
    meta.owner_pid
        .or_else(legacy_pid)
        .is_some_and(|pid| pid != std::process::id() && super::lock::process_exists(pid))
}

fn parse_copy<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, RecoveryError> {
    let shown = path.display().to_string();
    let text = fs::read_to_string(path).map_err(|source| RecoveryError::Io {
        path: shown.clone(),
        source,
    })?;
    ron::Options::default()
        .with_recursion_limit(RECURSION_LIMIT)
        .from_str(&text)
        .map_err(|error| RecoveryError::Parse {
            path: shown,
            line: error.span.start.line,
            col: error.span.start.col,
            message: error.code.to_string(),
        })
}

fn read_meta(path: &Path) -> Result<RecoveryMeta, RecoveryError> {
    let mut copy: MetaIn = parse_copy(path)?;
    check_format(path, &copy.format, copy.version)?;
    disk::update_old_hashes(&mut copy.meta);
    Ok(copy.meta)
}

fn check_format(path: &Path, format: &str, version: u32) -> Result<(), RecoveryError> {
    if format != FORMAT_NAME || version > FORMAT_VERSION {
        return Err(RecoveryError::WrongFormat {
            path: path.display().to_string(),
        });
    }
    Ok(())
}

/// Reads a recovery copy's project.
pub fn load_recovery(path: &Path) -> Result<(RecoveryMeta, Project), RecoveryError> {
    let mut copy: CopyIn = parse_copy(path)?;
    check_format(path, &copy.format, copy.version)?;
    disk::update_old_hashes(&mut copy.meta);
    Ok((copy.meta, copy.project))
}

/// Removes a recovery copy (after a save, a clean close, or when the analyst
/// declines it). A copy already gone is not an error.
pub fn discard(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// Temp file in the same folder, flushed, then renamed over the target.
fn replace_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp{}", std::process::id()));
    let temp = path.with_file_name(name);
    let result = File::create(&temp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests;
