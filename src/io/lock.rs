//! `NAME.ron.lock`: tells a second Riposte (or a second window, or a CLI
//! command) that the project is open, so two sessions do not overwrite each
//! other's work.
//!
//! Holding the lock means holding the operating system's exclusive lock on
//! that file (`File::try_lock`: `flock` on Unix, `LockFileEx` on Windows).
//! The kernel grants it to exactly one of several sessions opening the
//! project at the same moment, and releases it when its holder exits or
//! crashes, so a lock left by a crash is simply free: no check-then-write
//! race, no stale file to clear. The file's text names the holder (process
//! id and host) for messages.
//!
//! The text is also honoured on its own: a lock naming another live process
//! on this host (an older Riposte, which wrote the file without the OS
//! lock) or any process on another host (a shared folder, where OS locks
//! may not reach) counts as held. Elsewhere than Linux a process on this
//! host is assumed live unless it is our own. The window offers "open
//! anyway", which is [`ProjectLock::take_over`]. The lock is released, and
//! its file removed, when the guard drops.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Attempts when the lock file is replaced between opening and locking it.
const RETRIES: usize = 8;
/// How long to wait for a new holder to finish writing its name.
const READ_RETRIES: usize = 20;
const READ_PAUSE: Duration = Duration::from_millis(5);

/// A held lock; the file is removed on drop (if it is still ours).
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
    owner: LockOwner,
    /// The open lock file holding the OS lock (`None` after a take-over of
    /// a lock another session holds, or where the file system has no
    /// locks). Closing it releases the lock.
    file: Option<File>,
}

/// Who holds a lock, as written in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockOwner {
    pub pid: u32,
    pub host: String,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "{project}: already open in another Riposte (process {pid} on {host}); close it there or open anyway"
    )]
    Held {
        project: String,
        pid: u32,
        host: String,
    },
    #[error("{path}: cannot create the lock file: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// `NAME.ron` → `NAME.ron.lock`.
pub fn lock_path(project: &Path) -> PathBuf {
    let mut name = project.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    project.with_file_name(name)
}

impl ProjectLock {
    /// Locks `project` for this process, unless another live session holds
    /// it. A lock left by a process that is gone is taken over.
    pub fn acquire(project: &Path) -> Result<ProjectLock, LockError> {
        Self::acquire_as(project, LockOwner::current())
    }

    fn acquire_as(project: &Path, owner: LockOwner) -> Result<ProjectLock, LockError> {
        let path = lock_path(project);
        let io_error = |source| LockError::Io {
            path: path.display().to_string(),
            source,
        };
        let held = |holder: LockOwner| LockError::Held {
            project: project.display().to_string(),
            pid: holder.pid,
            host: holder.host,
        };
        for _ in 0..RETRIES {
            let mut file = open_lock_file(&path).map_err(io_error)?;
            let os_locked = match file.try_lock() {
                Ok(()) => true,
                Err(TryLockError::WouldBlock) => return Err(held(wait_for_holder(&path))),
                // No OS locks here (some network shares): the text decides.
                Err(TryLockError::Error(_)) => false,
            };
            if os_locked && !still_named(&file, &path) {
                // The holder removed the file as we opened it: open anew.
                continue;
            }
            if let Some(holder) = read_from(&mut file)
                && holder != owner
                && holder.is_alive()
            {
                return Err(held(holder));
            }
            write_into(&mut file, &owner).map_err(io_error)?;
            let file = os_locked.then_some(file);
            return Ok(ProjectLock { path, owner, file });
        }
        Err(io_error(std::io::Error::other(
            "the lock file keeps being replaced by another Riposte",
        )))
    }

    /// Locks `project` whoever holds it (the analyst chose "open anyway").
    /// The holder keeps its OS lock on the old file; the lock file now
    /// names us, so later sessions see this one as the holder.
    pub fn take_over(project: &Path) -> Result<ProjectLock, LockError> {
        let path = lock_path(project);
        let owner = LockOwner::current();
        write_owner(&path, &owner).map_err(|source| LockError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Ok(ProjectLock {
            path,
            owner,
            file: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Another session may have taken the lock over: leave theirs alone.
        // Removing before closing keeps the OS lock until the name is gone.
        if read_owner(&self.path).as_ref() == Some(&self.owner) {
            let _ = fs::remove_file(&self.path);
        }
        self.file.take();
    }
}

impl LockOwner {
    pub fn current() -> LockOwner {
        LockOwner {
            pid: std::process::id(),
            host: host_name(),
        }
    }

    /// True when the owner may still be running. Only processes on this host
    /// can be checked; a lock from another host (a shared folder) counts as
    /// live.
    pub fn is_alive(&self) -> bool {
        if self.host != host_name() {
            return true;
        }
        process_exists(self.pid)
    }

    fn to_text(&self) -> String {
        format!("pid {}\nhost {}\n", self.pid, self.host)
    }

    fn parse(text: &str) -> Option<LockOwner> {
        let mut pid = None;
        let mut host = String::new();
        for line in text.lines() {
            if let Some(value) = line.strip_prefix("pid ") {
                pid = value.trim().parse().ok();
            } else if let Some(value) = line.strip_prefix("host ") {
                host = value.trim().to_string();
            }
        }
        Some(LockOwner { pid: pid?, host })
    }
}

/// The owner named in a lock file; `None` if there is none or it is
/// unreadable (a torn write from a crash), which makes the lock stale.
pub fn read_owner(path: &Path) -> Option<LockOwner> {
    let text = fs::read_to_string(path).ok()?;
    LockOwner::parse(&text)
}

fn open_lock_file(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

/// The holder of an OS-locked file; it may be writing its name right now.
fn wait_for_holder(path: &Path) -> LockOwner {
    for _ in 0..READ_RETRIES {
        if let Some(holder) = read_owner(path) {
            return holder;
        }
        std::thread::sleep(READ_PAUSE);
    }
    LockOwner {
        pid: 0,
        host: "an unknown host".to_string(),
    }
}

/// True when `path` still names the open `file` (on Unix: same device and
/// inode). A holder removes the file when it lets go; a lock taken on the
/// removed file would guard nothing.
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_named(_file: &File, path: &Path) -> bool {
    // Windows does not remove a file that another process has open.
    path.exists()
}

fn read_from(file: &mut File) -> Option<LockOwner> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    LockOwner::parse(&text)
}

fn write_into(file: &mut File, owner: &LockOwner) -> std::io::Result<()> {
    file.set_len(0)?;
    file.rewind()?;
    file.write_all(owner.to_text().as_bytes())?;
    file.sync_all()
}

/// Replaces the lock file's text whole (a temporary file renamed over it).
fn write_owner(path: &Path, owner: &LockOwner) -> std::io::Result<()> {
    let temp = path.with_extension(format!("lock.tmp{}", owner.pid));
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&temp)?;
    file.write_all(owner.to_text().as_bytes())?;
    file.sync_all()?;
    fs::rename(&temp, path)
}

/// True when a process with this id runs on this machine (Linux: checks
/// `/proc`; elsewhere assumed true, the safe answer for locks and temps).
#[cfg(target_os = "linux")]
pub fn process_exists(pid: u32) -> bool {
    pid != 0 && Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
pub fn process_exists(pid: u32) -> bool {
    // Without /proc we cannot tell; assume live so a second session asks.
    pid != 0
}

fn host_name() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| fs::read_to_string(p).ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project_in(dir: &tempfile::TempDir) -> PathBuf {
        dir.path().join("story.ron")
    }

    #[test]
    fn lock_is_created_and_released_on_drop() {
        let dir = tempfile::tempdir().expect("temp dir");
        let project = project_in(&dir);
        let lock = ProjectLock::acquire(&project).expect("free");
        assert_eq!(lock.path(), dir.path().join("story.ron.lock"));
        assert_eq!(read_owner(lock.path()), Some(LockOwner::current()));
        drop(lock);
        assert!(!lock_path(&project).exists());
    }

    #[test]
    fn live_lock_of_another_process_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let project = project_in(&dir);
        // A child that is certainly alive while we test.
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .expect("spawn sleep");
        let owner = LockOwner {
            pid: child.id(),
            host: host_name(),
        };
        write_owner(&lock_path(&project), &owner).expect("write");
        let refused = ProjectLock::acquire(&project);
        let _ = child.kill();
        let _ = child.wait();
        let error = refused.expect_err("held by the child");
        assert!(error.to_string().contains("already open"), "{error}");
        // Once the owner is gone the lock is stale and is taken over.
        let lock = ProjectLock::acquire(&project).expect("stale lock taken");
        assert_eq!(read_owner(lock.path()), Some(LockOwner::current()));
    }

    #[test]
    fn stale_and_garbled_locks_are_taken_over() {
        let dir = tempfile::tempdir().expect("temp dir");
        let project = project_in(&dir);
        // Pid numbers are below 2^22 on Linux: this one cannot be running.
        let dead = LockOwner {
            pid: 4_000_000_000,
            host: host_name(),
        };
        write_owner(&lock_path(&project), &dead).expect("write");
        assert!(ProjectLock::acquire(&project).is_ok());
        fs::write(lock_path(&project), b"\xff\x00garbage").expect("write");
        assert!(ProjectLock::acquire(&project).is_ok());
    }

    /// Several sessions (live processes) try to lock one project at the same
    /// moment, with no lock file or with a stale one left by a crash:
    /// exactly one may win. A check-then-write lock lets several through.
    #[test]
    fn simultaneous_acquires_have_exactly_one_winner() {
        const RIVALS: usize = 8;
        for round in 0..20 {
            let dir = tempfile::tempdir().expect("temp dir");
            let project = project_in(&dir);
            if round % 2 == 1 {
                let dead = LockOwner {
                    pid: 4_000_000_000,
                    host: host_name(),
                };
                write_owner(&lock_path(&project), &dead).expect("stale lock");
            }
            let mut children: Vec<_> = (0..RIVALS)
                .map(|_| {
                    std::process::Command::new("sleep")
                        .arg("30")
                        .spawn()
                        .expect("spawn sleep")
                })
                .collect();
            let barrier = std::sync::Barrier::new(RIVALS);
            let winners = std::thread::scope(|scope| {
                let handles: Vec<_> = children
                    .iter()
                    .map(|child| {
                        let owner = LockOwner {
                            pid: child.id(),
                            host: host_name(),
                        };
                        let (barrier, project) = (&barrier, &project);
                        scope.spawn(move || {
                            barrier.wait();
                            ProjectLock::acquire_as(project, owner)
                        })
                    })
                    .collect();
                let results: Vec<_> = handles
                    .into_iter()
                    .map(|h| h.join().expect("thread"))
                    .collect();
                let winners = results.iter().filter(|r| r.is_ok()).count();
                // Forget the guards: their drop would remove the winner's file.
                results.into_iter().flatten().for_each(std::mem::forget);
                winners
            });
            for child in &mut children {
                let _ = child.kill();
                let _ = child.wait();
            }
            assert_eq!(
                winners, 1,
                "round {round}: {winners} sessions hold the lock"
            );
            let leftovers = fs::read_dir(dir.path()).expect("list").count();
            assert_eq!(leftovers, 1, "only the lock file is left");
        }
    }

    #[test]
    fn take_over_replaces_a_live_lock_and_drop_leaves_the_new_owners_lock() {
        let dir = tempfile::tempdir().expect("temp dir");
        let project = project_in(&dir);
        let first = ProjectLock::acquire(&project).expect("free");
        let other = LockOwner {
            pid: 1,
            host: "elsewhere".to_string(),
        };
        write_owner(&lock_path(&project), &other).expect("write");
        drop(first);
        assert_eq!(read_owner(&lock_path(&project)), Some(other));
        assert!(ProjectLock::acquire(&project).is_err());
        assert!(ProjectLock::take_over(&project).is_ok());
    }
}
