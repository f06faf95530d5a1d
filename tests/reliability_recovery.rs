//! Issue 11, items 4 and 11 (the io part): a recovery copy records the
//! file its changes started from and is offered without asking only over
//! that very file; each open document has its own copy, so two windows on
//! one file, or a closed document and the next one, never share a copy.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chrono::Utc;
use riposte::io::project_file::save;
use riposte::io::recovery::{
    Base, CopyOwner, CopyRequest, RestoreDecision, disk_state, find_recovery_copies, is_copy_of,
    load_recovery, restore_decision, write_copy,
};
use riposte::model::Project;

fn request(owner: CopyOwner, path: Option<&Path>, base: Base) -> CopyRequest<'_> {
    CopyRequest {
        owner,
        project_path: path,
        base,
        unsaved_changes: 3,
        made_at: Utc::now(),
        crash: None,
    }
}

fn decision_now(copy: &Path) -> RestoreDecision {
    let (meta, _) = load_recovery(copy).unwrap();
    let now = meta
        .project_path
        .as_deref()
        .and_then(|p| disk_state(Path::new(p)).unwrap());
    restore_decision(&meta, now.as_ref())
}

#[test]
fn a_copy_made_after_someone_else_saved_the_file_is_not_offered_as_safe() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = work.path().join("story.ron");
    save(&path, &Project::new("as opened")).unwrap();
    // The window opens the file: its edits start from this version.
    let base = Base::of_file(Some(&path)).unwrap();
    // Someone else saves the file while the window has unsaved edits...
    save(&path, &Project::new("their work")).unwrap();
    // ...then the window writes its recovery copy and crashes.
    let owner = CopyOwner::next_document();
    let copy = write_copy(
        data.path(),
        &request(owner, Some(&path), base),
        &Project::new("my edits"),
    )
    .unwrap();
    assert_eq!(
        decision_now(&copy),
        RestoreDecision::AskProjectChanged,
        "restoring would overwrite their work without asking"
    );
}

#[test]
fn a_copy_whose_base_is_still_on_disk_is_offered() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = work.path().join("story.ron");
    save(&path, &Project::new("as opened")).unwrap();
    let base = Base::of_file(Some(&path)).unwrap();
    let copy = write_copy(
        data.path(),
        &request(CopyOwner::next_document(), Some(&path), base),
        &Project::new("my edits"),
    )
    .unwrap();
    assert_eq!(decision_now(&copy), RestoreDecision::Offer);
}

#[test]
fn a_new_projects_copy_asks_when_a_file_appeared_at_its_path() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = work.path().join("story.ron");
    let base = Base::of_file(Some(&path)).unwrap();
    assert_eq!(base, Base::NoFile);
    let copy = write_copy(
        data.path(),
        &request(CopyOwner::next_document(), Some(&path), base),
        &Project::new("my edits"),
    )
    .unwrap();
    assert_eq!(decision_now(&copy), RestoreDecision::Offer);
    save(&path, &Project::new("someone else's")).unwrap();
    assert_eq!(decision_now(&copy), RestoreDecision::AskProjectChanged);
}

#[test]
fn copies_written_before_the_base_was_recorded_still_load_and_decide() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = work.path().join("story.ron");
    save(&path, &Project::new("on disk")).unwrap();
    let disk = disk_state(&path).unwrap().unwrap();
    // A copy as the previous build wrote it: no base, no owner.
    let text = format!(
        "(format: \"riposte-recovery\", version: 1, meta: (project_path: Some({:?}), \
         made_at: \"2025-01-01T00:00:00Z\", unsaved_changes: 2, disk: Some((modified_ms: None, \
         len: {}, content_hash: \"{}\"))), project: (title: \"old copy\"))",
        path.display().to_string(),
        disk.len,
        disk.content_hash
    );
    let dir = data.path().join("recovery");
    std::fs::create_dir_all(&dir).unwrap();
    let copy = dir.join("story-0123456789abcdef.ron");
    std::fs::write(&copy, text).unwrap();
    let (meta, project) = load_recovery(&copy).unwrap();
    assert_eq!(meta.base, Base::Unrecorded);
    assert_eq!(meta.owner_pid, None);
    assert_eq!(project.title, "old copy");
    assert_eq!(decision_now(&copy), RestoreDecision::Offer);
    let (found, unreadable) = find_recovery_copies(data.path());
    assert!(unreadable.is_empty(), "{unreadable:?}");
    assert_eq!(found.len(), 1);
}

#[test]
fn two_documents_on_one_file_write_separate_copies() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = work.path().join("story.ron");
    save(&path, &Project::new("shared")).unwrap();
    let (first, second) = (CopyOwner::next_document(), CopyOwner::next_document());
    assert_ne!(first, second);
    let base = Base::of_file(Some(&path)).unwrap();
    let a = write_copy(
        data.path(),
        &request(first, Some(&path), base.clone()),
        &Project::new("window one"),
    )
    .unwrap();
    let b = write_copy(
        data.path(),
        &request(second, Some(&path), base),
        &Project::new("window two"),
    )
    .unwrap();
    assert_ne!(a, b);
    // One window's clean state removes its own copy only.
    riposte::io::recovery::discard(&a).unwrap();
    assert_eq!(load_recovery(&b).unwrap().1.title, "window two");
}

#[test]
fn a_late_write_for_a_closed_untitled_document_lands_on_its_own_copy() {
    let data = tempfile::tempdir().unwrap();
    let closed = CopyOwner::next_document();
    let next = CopyOwner::next_document();
    let new_copy = write_copy(
        data.path(),
        &request(next, None, Base::NoFile),
        &Project::new("the new document"),
    )
    .unwrap();
    let late = write_copy(
        data.path(),
        &request(closed, None, Base::NoFile),
        &Project::new("the closed one"),
    )
    .unwrap();
    assert_ne!(late, new_copy);
    riposte::io::recovery::discard(&late).unwrap();
    assert_eq!(
        load_recovery(&new_copy).unwrap().1.title,
        "the new document"
    );
}

#[test]
fn copies_of_windows_still_running_are_not_offered() {
    let data = tempfile::tempdir().unwrap();
    let mut other_window = std::process::Command::new("sleep")
        .arg("30")
        .spawn()
        .unwrap();
    let live = CopyOwner {
        pid: other_window.id(),
        document: 1,
    };
    let gone = CopyOwner {
        pid: 4_000_000_000,
        document: 1,
    };
    for owner in [live, gone] {
        write_copy(
            data.path(),
            &request(owner, None, Base::NoFile),
            &Project::new(format!("window {}", owner.pid)),
        )
        .unwrap();
    }
    let (found, _) = find_recovery_copies(data.path());
    other_window.kill().unwrap();
    other_window.wait().unwrap();
    let owners: Vec<Option<u32>> = found.iter().map(|c| c.meta.owner_pid).collect();
    assert_eq!(owners, vec![Some(4_000_000_000)]);
}

#[test]
fn a_copy_is_recognised_whatever_path_reached_the_project() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir(work.path().join("sub")).unwrap();
    let path = work.path().join("story.ron");
    save(&path, &Project::new("p")).unwrap();
    let roundabout = work.path().join("sub/../story.ron");
    let copy = write_copy(
        data.path(),
        &request(CopyOwner::next_document(), Some(&roundabout), Base::NoFile),
        &Project::new("p"),
    )
    .unwrap();
    let (found, _) = find_recovery_copies(data.path());
    assert_eq!(found[0].path, copy);
    assert!(is_copy_of(&found[0], &path));
    #[cfg(unix)]
    {
        let link = work.path().join("link.ron");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert!(is_copy_of(&found[0], &link));
    }
    assert!(!is_copy_of(&found[0], &work.path().join("other.ron")));
}

#[test]
fn a_copy_written_as_the_window_crashed_says_what_happened() {
    let data = tempfile::tempdir().unwrap();
    let what = "panicked at src/ui/search.rs:115:36: end byte index 21 is out of bounds";
    let crashed = CopyRequest {
        crash: Some(what.to_string()),
        ..request(CopyOwner::next_document(), None, Base::NoFile)
    };
    let copy = write_copy(data.path(), &crashed, &Project::new("unsaved")).unwrap();
    let (found, _) = find_recovery_copies(data.path());
    assert_eq!(found[0].path, copy);
    assert_eq!(found[0].meta.crash.as_deref(), Some(what));
    // An ordinary copy says nothing of a crash, and writes no field for it.
    let plain = write_copy(
        data.path(),
        &request(CopyOwner::next_document(), None, Base::NoFile),
        &Project::new("unsaved"),
    )
    .unwrap();
    assert!(!std::fs::read_to_string(&plain).unwrap().contains("crash"));
    assert_eq!(load_recovery(&plain).unwrap().0.crash, None);
}
