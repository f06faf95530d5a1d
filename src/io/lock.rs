//! `NAME.ron.lock`: tells a second Riposte (or a second window) that the
//! project is open, so two sessions do not overwrite each other's work.
//!
//! The lock file holds the process id and host name of its owner. A lock is
//! live when its owner is on this host and still running (on Linux:
//! `/proc/PID` exists); otherwise it is stale — left by a crash — and is
//! taken over silently. Elsewhere than Linux a lock on this host is assumed
//! live unless its pid is our own; the window offers "open anyway", which is
//! [`ProjectLock::take_over`]. The lock is released when the guard drops.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A held lock; the file is removed on drop (if it is still ours).
#[derive(Debug)]
pub struct ProjectLock {
    path: PathBuf,
    owner: LockOwner,
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
    /// Locks `project` for this process, unless another live process holds
    /// it. Stale and unreadable lock files are replaced.
    pub fn acquire(project: &Path) -> Result<ProjectLock, LockError> {
        Self::acquire_as(project, LockOwner::current())
    }

    fn acquire_as(project: &Path, owner: LockOwner) -> Result<ProjectLock, LockError> {
        let path = lock_path(project);
        if let Some(holder) = read_owner(&path)
            && holder != owner
            && holder.is_alive()
        {
            return Err(LockError::Held {
                project: project.display().to_string(),
                pid: holder.pid,
                host: holder.host,
            });
        }
        write_owner(&path, &owner).map_err(|source| LockError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Ok(ProjectLock { path, owner })
    }

    /// Locks `project` whoever holds it (the analyst chose "open anyway").
    pub fn take_over(project: &Path) -> Result<ProjectLock, LockError> {
        let path = lock_path(project);
        let owner = LockOwner::current();
        write_owner(&path, &owner).map_err(|source| LockError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Ok(ProjectLock { path, owner })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Another session may have taken the lock over: leave theirs alone.
        if read_owner(&self.path).as_ref() == Some(&self.owner) {
            let _ = fs::remove_file(&self.path);
        }
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
    /// moment: exactly one may win. A check-then-write lock lets several
    /// through.
    #[test]
    fn simultaneous_acquires_have_exactly_one_winner() {
        const RIVALS: usize = 8;
        for _round in 0..20 {
            let dir = tempfile::tempdir().expect("temp dir");
            let project = project_in(&dir);
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
            assert_eq!(winners, 1, "{winners} sessions hold the lock at once");
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
