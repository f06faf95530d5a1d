//! The project file: RON with a header naming the format and its version.
//!
//! ```ron
//! (
//!     format: "riposte-project",
//!     version: 2,
//!     project: ( title: "...", articles: [...], claims: [...], links: [...] ),
//! )
//! ```
//! Article text is stored inside the file (raw multi-line strings, so diffs
//! stay readable): a project is self-contained. The same project always
//! serialises to the same bytes.

use serde::Serialize;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use super::format::{FORMAT_NAME, FORMAT_VERSION, LoadError};
use crate::model::{Claim, Problem, Project, RecordId, Replica, Review};

/// Files larger than this are refused before reading, so a hostile or
/// mistaken file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;
/// RON nesting limit: our format nests about 6 deep; a deeper file is hostile.
const RECURSION_LIMIT: usize = 64;

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u32,
    project: &'a Project,
}

/// A project read from disk, with whatever is wrong inside it.
#[derive(Debug)]
pub struct Loaded {
    pub project: Project,
    /// Problems found in the file as written (broken anchors, dangling
    /// links...). The project is still usable; these items are flagged.
    pub problems: Vec<Problem>,
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{path}: cannot save: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: cannot serialise the project: {message}")]
    Serialise { path: String, message: String },
}

/// Reads and checks a project file.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let text = read_text(path)?;
    load_str(&text, &path.display().to_string())
}

/// The text of a project file, refused before reading when it is not a
/// regular file or is over the size limit, or after when it is not UTF-8.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let shown = path.display().to_string();
    let io_error = |source| LoadError::Io {
        path: shown.clone(),
        source,
    };
    let metadata = fs::metadata(path).map_err(io_error)?;
    if !metadata.is_file() {
        // A device or pipe (/dev/zero, a FIFO) reports no size and may never end.
        return Err(LoadError::NotAFile { path: shown });
    }
    let too_large = |size| LoadError::TooLarge {
        path: shown.clone(),
        size,
        limit: MAX_FILE_BYTES,
    };
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(metadata.len()));
    }
    // Read at most one byte over the limit, in case the file grows meanwhile.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let (line, col) = line_col_of_end(valid);
        LoadError::NotUtf8 {
            path: shown,
            line,
            col,
        }
    })
}

/// Parses project-file text; `path` is only used in messages.
pub fn load_str(text: &str, path: &str) -> Result<Loaded, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_string(),
        });
    }
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    let mut project = super::migrate::read_project(text, path, &options)?;
    // Id-order problems are reported as written, then repaired; the rest
    // is checked on the repaired project so ids in messages are final.
    let mut problems: Vec<Problem> = project
        .problems()
        .into_iter()
        .filter(|p| {
            matches!(
                p,
                Problem::Unordered { .. } | Problem::IdNotBelowNext { .. }
            )
        })
        .collect();
    normalise(&mut project, &mut problems);
    problems.extend(project.problems());
    Ok(Loaded { project, problems })
}

/// Makes a loaded project safe for the model's lookups: records sorted by
/// id, duplicate ids renumbered, id counters above every id in use, review
/// confidences within 0–1. Hand-edited or damaged files may break any of
/// these; each repair is reported.
fn normalise(project: &mut Project, problems: &mut Vec<Problem>) {
    let next = &mut project.next_ids;
    renumber_duplicates(
        &mut project.articles,
        &mut next.article,
        |a| a.id,
        |a, id| a.id = id,
        problems,
    );
    renumber_duplicates(
        &mut project.claims,
        &mut next.claim,
        |c| c.id,
        |c, id| Arc::make_mut(c).id = id,
        problems,
    );
    renumber_duplicates(
        &mut project.links,
        &mut next.link,
        |l| l.id,
        |l, id| Arc::make_mut(l).id = id,
        problems,
    );
    for claim in &mut project.claims {
        clamp_confidence(Arc::make_mut(claim), problems);
    }
}

/// Sorts by id (stable: records with the same id keep their file order) and
/// gives every later duplicate a fresh id, so that the first record keeps
/// its id and whatever refers to that id (links, claims) still means the
/// first. Leaves `next` above every id in use.
fn renumber_duplicates<T, I: RecordId>(
    items: &mut [T],
    next: &mut u32,
    id_of: impl Fn(&T) -> I,
    set_id: impl Fn(&mut T, I),
    problems: &mut Vec<Problem>,
) {
    items.sort_by_key(&id_of);
    if let Some(last) = items.last() {
        *next = (*next).max(id_of(last).seq().saturating_add(1));
    }
    let mut renumbered = false;
    // Compare with the previous id *as read*: a run of three equal ids
    // must renumber the second and the third.
    let mut previous = None;
    for item in items.iter_mut() {
        let old = id_of(item);
        if Some(old) != previous {
            previous = Some(old);
            continue;
        }
        let kind = I::KIND;
        if *next == u32::MAX {
            // No fresh number left: keep the record, flag it.
            problems.push(Problem::DuplicateId {
                kind,
                id: old.to_string(),
            });
            continue;
        }
        let new = I::new(*next, Replica::session());
        set_id(item, new);
        problems.push(Problem::Renumbered {
            kind,
            old: old.to_string(),
            new: new.to_string(),
        });
        *next += 1;
        renumbered = true;
    }
    if renumbered {
        items.sort_by_key(&id_of);
    }
}

fn clamp_confidence(claim: &mut Claim, problems: &mut Vec<Problem>) {
    if let Some(Review::LowConfidence { confidence, .. }) = &mut claim.review
        && !(0.0..=1.0).contains(confidence)
    {
        let fixed = if confidence.is_nan() {
            0.0
        } else {
            confidence.clamp(0.0, 1.0)
        };
        problems.push(Problem::BadConfidence {
            claim: claim.id,
            found: confidence.to_string(),
            fixed: fixed.to_string(),
        });
        *confidence = fixed;
    }
}

fn line_col_of_end(valid: &[u8]) -> (usize, usize) {
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// The file text for `project`: deterministic, pretty, diff-friendly.
pub fn to_ron_string(project: &Project) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .escape_strings(false)
        .new_line("\n");
    let file = FileOut {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        project,
    };
    let mut text = ron::ser::to_string_pretty(&file, config)?;
    text.push('\n');
    Ok(text)
}

/// Saves atomically: writes a temporary file in the same folder, flushes it
/// to disk, keeps the previous file as `NAME.ron.bak`, then renames the new
/// file into place. A crash at any point leaves either the old or the new
/// file, never a torn one. A symlinked project is saved to the file the
/// link names (the link stays), and the file keeps its permissions.
pub fn save(path: &Path, project: &Project) -> Result<(), SaveError> {
    save_text(path, project).map(drop)
}

/// [`save`], returning the text written (the project cache keys on it).
pub fn save_text(path: &Path, project: &Project) -> Result<String, SaveError> {
    let shown = path.display().to_string();
    let text = to_ron_string(project).map_err(|e| SaveError::Serialise {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    write_atomically(path, text.as_bytes()).map_err(|source| SaveError::Io {
        path: shown,
        source,
    })?;
    Ok(text)
}

/// Writes `bytes` to `path` atomically, keeping the old file as `.bak`.
/// If `path` is a symlink, the file it leads to is replaced (with its
/// backup and temporary file beside it), so the link keeps working.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace_atomically(path, bytes, true)
}

/// Saves atomically without keeping a `.bak`: for a merge result that git
/// takes over, where a backup would be litter in the working tree.
pub fn save_without_backup(path: &Path, project: &Project) -> Result<(), SaveError> {
    let shown = path.display().to_string();
    let text = to_ron_string(project).map_err(|e| SaveError::Serialise {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    write_atomically_without_backup(path, text.as_bytes()).map_err(|source| SaveError::Io {
        path: shown,
        source,
    })
}

/// [`write_atomically`] without the `.bak`.
pub fn write_atomically_without_backup(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace_atomically(path, bytes, false)
}

fn replace_atomically(path: &Path, bytes: &[u8], backup: bool) -> std::io::Result<()> {
    let path = &resolve_symlinks(path)?;
    let dir = parent_dir(path);
    let temp = temp_path(path);
    let permissions = fs::metadata(path).ok().map(|m| m.permissions());
    let result = write_and_sync(&temp, bytes, permissions).and_then(|()| {
        if backup {
            keep_backup(path)?;
        }
        fs::rename(&temp, path)?;
        sync_dir(&dir);
        Ok(())
    });
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    remove_stale_temps(path);
    result
}

/// Removes `NAME.ron.tmpPID` files left by saves that were killed (their
/// process is gone), so crashes do not pile up multi-MB leftovers.
fn remove_stale_temps(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let prefix = format!("{name}.tmp");
    let Ok(entries) = fs::read_dir(parent_dir(path)) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = file_name
            .strip_prefix(&prefix)
            .and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| pid != std::process::id() && !super::lock::process_exists(pid)) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Symlinks followed at most (as Linux's `MAXSYMLINKS`) before giving up.
const MAX_SYMLINKS: usize = 40;

/// The file `path` leads to through any symlinks, which need not exist yet
/// (a dangling link names the file to create). A loop is an error.
fn resolve_symlinks(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_SYMLINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                // A relative target is relative to the link's folder; an
                // absolute one replaces the whole path.
                current = parent_dir(&current).join(fs::read_link(&current)?);
            }
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Writes a new file holding `bytes` and flushes it to disk. It is created
/// with `permissions` (those of the file it will replace) from the start,
/// so a private project's new text is never readable by others.
fn write_and_sync(
    path: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> std::io::Result<()> {
    // A temp file left by an earlier process with our pid (read-only
    // perhaps) would make the create fail.
    let _ = fs::remove_file(path);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if let Some(permissions) = &permissions {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(permissions.mode());
    }
    let mut file = options.open(path)?;
    if let Some(permissions) = permissions {
        // The umask may have taken bits away at creation.
        file.set_permissions(permissions)?;
    }
    file.write_all(bytes)?;
    file.sync_all()
}

/// The previous version becomes `NAME.ron.bak`. A hard link keeps the
/// original in place until the rename replaces it; where links are not
/// supported the file is copied.
fn keep_backup(path: &Path) -> std::io::Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let backup = backup_path(path);
    let staged = with_suffix(path, ".bak.tmp");
    let _ = fs::remove_file(&staged);
    if fs::hard_link(path, &staged).is_err() {
        fs::copy(path, &staged)?;
    }
    fs::rename(&staged, &backup)
}

/// `NAME.ron` → `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

fn temp_path(path: &Path) -> PathBuf {
    with_suffix(path, &format!(".tmp{}", std::process::id()))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Flushes the directory entry of the rename (best effort: not every
/// platform can open a directory).
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}
