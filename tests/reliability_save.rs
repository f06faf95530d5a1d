//! Issue 11, item 8: saving writes through a symlinked project to its
//! target (the link stays a link) and keeps the file's permissions.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use riposte::io::project_file::backup_path;
use riposte::io::{load, save};
use riposte::model::Project;

fn titled(title: &str) -> Project {
    Project::new(title)
}

fn title_at(path: &Path) -> String {
    load(path).expect("loads").project.title
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn saving_through_a_symlink_updates_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("shared")).unwrap();
    fs::create_dir(dir.path().join("mine")).unwrap();
    let target = dir.path().join("shared/story.ron");
    let link = dir.path().join("mine/story.ron");
    save(&target, &titled("old")).unwrap();
    symlink("../shared/story.ron", &link).unwrap();

    save(&link, &titled("new")).unwrap();

    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_link(&link).unwrap(),
        Path::new("../shared/story.ron")
    );
    assert_eq!(title_at(&target), "new");
    assert_eq!(title_at(&backup_path(&target)), "old");
    assert!(
        !backup_path(&link).exists(),
        "the backup sits beside the real file"
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("mine"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("story.ron")]);
}

#[test]
fn a_chain_of_symlinks_is_followed_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.ron");
    save(&target, &titled("old")).unwrap();
    symlink(&target, dir.path().join("one.ron")).unwrap();
    symlink("one.ron", dir.path().join("two.ron")).unwrap();
    save(&dir.path().join("two.ron"), &titled("new")).unwrap();
    assert_eq!(title_at(&target), "new");
    assert!(
        fs::symlink_metadata(dir.path().join("one.ron"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_dangling_symlink_creates_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("story.ron");
    symlink("elsewhere.ron", &link).unwrap();
    save(&link, &titled("first")).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(title_at(&dir.path().join("elsewhere.ron")), "first");
}

#[test]
fn a_symlink_loop_is_refused_with_a_message_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    symlink(&b, &a).unwrap();
    symlink(&a, &b).unwrap();
    let error = save(&a, &titled("never")).unwrap_err().to_string();
    assert!(error.starts_with(&a.display().to_string()), "{error}");
    assert!(error.contains("symbolic links"), "{error}");
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 2, "only the two links remain");
}

#[test]
fn saving_keeps_the_files_permissions() {
    let dir = tempfile::tempdir().unwrap();
    for wanted in [0o600, 0o640, 0o444] {
        let path = dir.path().join(format!("p{wanted:o}.ron"));
        save(&path, &titled("old")).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(wanted)).unwrap();
        save(&path, &titled("new")).unwrap();
        assert_eq!(mode(&path), wanted, "mode {wanted:o}");
        assert_eq!(title_at(&path), "new");
    }
}

#[test]
fn saving_through_a_symlink_keeps_the_targets_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.ron");
    save(&target, &titled("old")).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.ron");
    symlink(&target, &link).unwrap();
    save(&link, &titled("new")).unwrap();
    assert_eq!(mode(&target), 0o600);
    assert_eq!(title_at(&target), "new");
}
