//! What every command that changes a project shares: take the project lock
//! (as the window does), load, apply one `Edit`, mention the warnings it
//! introduces, save atomically — or, with `--dry-run`, say what would change
//! and change nothing.

use clap::Args;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::Failure;
use super::describe::describe;
use super::values::AnyId;
use crate::io::lock::{LockError, ProjectLock, lock_path, read_owner};
use crate::io::{self as files, LoadError};
use crate::model::{Edit, Project, ResolveError, apply, introduced};

/// Options of every command that changes a project.
#[derive(Args, Debug, Clone, Copy, Default)]
pub struct Change {
    /// Show what would change, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Change the project even while another Riposte has it open.
    #[arg(long)]
    pub force: bool,
}

/// A project opened for one change.
pub(super) struct Session {
    path: PathBuf,
    pub(super) project: Project,
    change: Change,
    /// Held until the change is saved (dropped with the session).
    _lock: Option<ProjectLock>,
}

/// What to print after a change is applied.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Echo {
    /// The command prints its own result (new ids).
    Quiet,
    /// The command's result is the list of changes.
    Changes,
}

impl Session {
    /// Locks and loads an existing project.
    pub(super) fn open(path: &Path, change: Change) -> Result<Session, Failure> {
        let lock = lock(path, change)?;
        let project = load_for_edit(path)?;
        Ok(Session {
            path: path.to_path_buf(),
            project,
            change,
            _lock: lock,
        })
    }

    /// Locks and loads a project, or starts `new` if there is no file yet.
    pub(super) fn open_or_create(
        path: &Path,
        change: Change,
        new: impl FnOnce() -> Project,
    ) -> Result<Session, Failure> {
        check_folder(path)?;
        let lock = lock(path, change)?;
        let project = if path.exists() {
            load_for_edit(path)?
        } else {
            new()
        };
        Ok(Session {
            path: path.to_path_buf(),
            project,
            change,
            _lock: lock,
        })
    }

    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    pub(super) fn is_dry_run(&self) -> bool {
        self.change.dry_run
    }

    /// Applies `edit` and saves, or with `--dry-run` prints what would
    /// change. Returns true when the file was written.
    pub(super) fn commit(&mut self, edit: Edit, echo: Echo) -> Result<bool, Failure> {
        let before = self.project.clone();
        let inverse = apply(&mut self.project, edit.clone())
            .map_err(|e| Failure(format!("{}: {e}", self.path.display())))?;
        for warning in introduced(&before, &self.project) {
            eprintln!("warning: {}: {warning}", self.path.display());
        }
        let changes = describe(&before, &edit, &inverse);
        if self.change.dry_run {
            for line in &changes {
                println!("would {line}");
            }
            eprintln!("dry run: {} not changed", self.path.display());
            return Ok(false);
        }
        files::save(&self.path, &self.project)?;
        // The change is saved: release the lock before anything is printed.
        // A script reading the output (`read id < <(riposte ...)` does not
        // wait for the process to end) may start the next command at once.
        self._lock = None;
        if echo == Echo::Changes {
            for line in &changes {
                println!("{line}");
            }
        }
        Ok(true)
    }

    /// Saves the project as it is (a new, empty project file).
    pub(super) fn save_new(&self) -> Result<(), Failure> {
        if self.change.dry_run {
            eprintln!("dry run: {} not created", self.path.display());
            return Ok(());
        }
        Ok(files::save(&self.path, &self.project)?)
    }
}

/// Takes the project lock for a change. `--force` goes ahead without it
/// (and leaves another session's lock alone); `--dry-run` changes nothing,
/// so it only warns.
fn lock(path: &Path, change: Change) -> Result<Option<ProjectLock>, Failure> {
    check_folder(path)?;
    if change.dry_run {
        if let Err(message) = holder_of(path) {
            eprintln!("warning: {message}; without --dry-run this command would be refused");
        }
        return Ok(None);
    }
    if change.force {
        return Ok(None);
    }
    match ProjectLock::acquire(path) {
        Ok(lock) => Ok(Some(lock)),
        Err(LockError::Held { pid, host, .. }) => Err(Failure(format!(
            "{}: {}; close it there first, or add --force to change the file anyway",
            path.display(),
            held_by(pid, &host)
        ))),
        Err(error) => Err(error.into()),
    }
}

/// `Err(message)` when another live session holds `path`'s lock.
fn holder_of(path: &Path) -> Result<(), String> {
    match read_owner(&lock_path(path)) {
        Some(owner) if owner != crate::io::lock::LockOwner::current() && owner.is_alive() => Err(
            format!("{}: {}", path.display(), held_by(owner.pid, &owner.host)),
        ),
        _ => Ok(()),
    }
}

fn held_by(pid: u32, host: &str) -> String {
    format!("open in another Riposte (process {pid} on {host})")
}

/// A missing folder is named as such, before anything else is tried.
fn check_folder(path: &Path) -> Result<(), Failure> {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() && !folder.is_dir() => {
            Err(Failure(format!(
                "{}: cannot read: the folder {} does not exist",
                path.display(),
                folder.display()
            )))
        }
        _ => Ok(()),
    }
}

/// Loads a project, naming a missing file or folder in plain words.
pub(super) fn load(path: &Path) -> Result<files::Loaded, Failure> {
    check_folder(path)?;
    files::load(path).map_err(|error| match error {
        LoadError::Io { source, .. } if source.kind() == ErrorKind::NotFound => Failure(format!(
            "{}: cannot read: no such project file",
            path.display()
        )),
        other => other.into(),
    })
}

/// Loads a project for a change. Problems in the file are reported as
/// warnings; the command still runs on the valid parts.
fn load_for_edit(path: &Path) -> Result<Project, Failure> {
    let loaded = load(path)?;
    for problem in &loaded.problems {
        eprintln!("warning: {}: {problem}", path.display());
    }
    Ok(loaded.project)
}

/// The record a typed id means (`c14` for the only `c14-…`). An id that
/// names nothing is passed on as typed, so the command reports it in its
/// own words; an ambiguous one is an error listing the candidates.
pub(super) fn resolved<I>(
    path: &Path,
    typed: I,
    found: Result<I, ResolveError>,
) -> Result<I, Failure> {
    match found {
        Ok(id) => Ok(id),
        Err(ResolveError::Unknown { .. }) => Ok(typed),
        Err(error) => Err(Failure(format!("{}: {error}", path.display()))),
    }
}

/// [`resolved`] for an id of any kind.
pub(super) fn resolved_any(path: &Path, project: &Project, id: AnyId) -> Result<AnyId, Failure> {
    Ok(match id {
        AnyId::Article(a) => AnyId::Article(resolved(path, a, project.resolve_article(a))?),
        AnyId::Claim(c) => AnyId::Claim(resolved(path, c, project.resolve_claim(c))?),
        AnyId::Link(l) => AnyId::Link(resolved(path, l, project.resolve_link(l))?),
    })
}
