//! Which files a folder import reads (issue 11, item 7): regular files only,
//! no symlink loops, nothing over the size limit, each refusal a clear
//! message naming the file. Every test runs the import on a thread with a
//! deadline, so a hang fails the test instead of stalling the suite.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use common::stamp;
use riposte::io::import::{ImportReport, MAX_IMPORT_BYTES, import_paths};
use riposte::model::Project;

/// Imports `paths` into a new project, failing the test after 30 s.
fn import_within_deadline(paths: Vec<PathBuf>) -> ImportReport {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let report = import_paths(&Project::new("t"), &paths, &stamp());
        let _ = send.send(report);
    });
    receive
        .recv_timeout(Duration::from_secs(30))
        .expect("the import finished within 30 s (it hung on a pipe or a loop)")
}

/// Makes a named pipe with the `mkfifo` program; the test fails if it
/// cannot (it must really run, never skip).
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("the mkfifo program runs (install coreutils)");
    assert!(status.success(), "mkfifo {} failed", path.display());
}

#[test]
fn a_symlink_loop_in_a_folder_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("story");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::write(root.join("a.txt"), "First article.").unwrap();
    std::fs::write(root.join("sub/b.txt"), "Second article.").unwrap();
    std::os::unix::fs::symlink(&root, root.join("sub/loop")).unwrap();
    let report = import_within_deadline(vec![root]);
    assert_eq!(report.added.len(), 2);
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    assert!(report.duplicates.is_empty(), "{:?}", report.duplicates);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("loop") && w.contains("already imported")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn a_pipe_in_a_folder_is_skipped_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "An article.").unwrap();
    let pipe = dir.path().join("pipe.txt");
    mkfifo(&pipe);
    let report = import_within_deadline(vec![dir.path().to_path_buf()]);
    assert_eq!(report.added.len(), 1);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("pipe.txt") && w.contains("not a regular file")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn a_named_pipe_or_device_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("named.txt");
    mkfifo(&pipe);
    let report = import_within_deadline(vec![pipe, PathBuf::from("/dev/null")]);
    assert!(report.added.is_empty());
    assert_eq!(report.failures.len(), 2, "{:?}", report.failures);
    assert!(report.failures[0].contains("named.txt: not a regular file"));
    assert!(report.failures[1].contains("/dev/null: not a regular file"));
}

#[test]
fn a_link_to_an_endless_device_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
    std::fs::write(dir.path().join("b.txt"), "An article.").unwrap();
    let report = import_within_deadline(vec![dir.path().to_path_buf()]);
    assert_eq!(report.added.len(), 1);
    assert!(
        report.warnings.iter().any(|w| w.contains("zero.txt")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn a_file_over_the_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    // Sparse: takes no disk space and no time to make.
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(MAX_IMPORT_BYTES + 1).unwrap();
    drop(file);
    std::fs::write(dir.path().join("small.txt"), "An article.").unwrap();
    let report = import_within_deadline(vec![dir.path().to_path_buf()]);
    assert_eq!(report.added.len(), 1);
    assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
    let message = &report.failures[0];
    assert!(
        message.contains("big.txt") && message.contains("more than the import limit of 256 MiB"),
        "{message}"
    );
}
