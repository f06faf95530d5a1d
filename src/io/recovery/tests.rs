//! Unit tests of recovery copies: names, owners, the restore rule.
use super::*;

fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// A copy written as the window writes one, for document 0 of this
/// process, its changes based on the file as it is now.
fn write_recovery(
    data_dir: &Path,
    project_path: Option<&Path>,
    project: &Project,
    unsaved_changes: u64,
    made_at: DateTime<Utc>,
) -> Result<PathBuf, RecoveryError> {
    let request = CopyRequest {
        owner: CopyOwner {
            pid: std::process::id(),
            document: 0,
        },
        project_path,
        base: Base::of_file(project_path).expect("base"),
        unsaved_changes,
        made_at,
        crash: None,
    };
    write_copy(data_dir, &request, project)
}

fn state(hash: &str) -> DiskState {
    DiskState {
        modified_ms: Some(1),
        len: 10,
        content_hash: hash.to_string(),
    }
}

fn meta(unsaved: u64, disk: Option<DiskState>) -> RecoveryMeta {
    RecoveryMeta {
        project_path: Some("p.ron".to_string()),
        made_at: at(0),
        unsaved_changes: unsaved,
        disk,
        base: Base::Unrecorded,
        owner_pid: None,
        crash: None,
    }
}

fn based(disk_then: Option<DiskState>, base: Base) -> RecoveryMeta {
    RecoveryMeta {
        base,
        ..meta(1, disk_then)
    }
}

#[test]
fn decision_table_with_a_recorded_base() {
    use RestoreDecision::*;
    let (a, b) = (state("a"), state("b"));
    // The file as the copy was made does not matter: only the base.
    let started_from_a = || Base::File {
        content_hash: a.content_hash.clone(),
    };
    assert_eq!(
        restore_decision(&based(Some(b.clone()), started_from_a()), Some(&b)),
        AskProjectChanged
    );
    assert_eq!(
        restore_decision(&based(Some(b.clone()), started_from_a()), Some(&a)),
        Offer
    );
    assert_eq!(
        restore_decision(&based(None, started_from_a()), None),
        AskProjectMissing
    );
    assert_eq!(
        restore_decision(&based(Some(b.clone()), Base::NoFile), Some(&b)),
        AskProjectChanged
    );
    assert_eq!(restore_decision(&based(None, Base::NoFile), None), Offer);
}

#[test]
fn copies_are_written_found_loaded_and_discarded() {
    let data = tempfile::tempdir().expect("data dir");
    let work = tempfile::tempdir().expect("work dir");
    let project_path = work.path().join("story.ron");
    let mut project = Project::new("Story");
    crate::io::save(&project_path, &project).expect("save");
    project.title = "Story (edited)".to_string();
    let copy =
        write_recovery(data.path(), Some(&project_path), &project, 3, at(100)).expect("written");
    assert!(copy.starts_with(recovery_dir(data.path())));
    assert!(
        copy.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("story-"))
    );
    // Writing again replaces the same copy.
    let again =
        write_recovery(data.path(), Some(&project_path), &project, 4, at(200)).expect("rewritten");
    assert_eq!(copy, again);
    let (found, unreadable) = find_recovery_copies(data.path());
    assert!(unreadable.is_empty());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].meta.unsaved_changes, 4);
    let on_disk = disk_state(&project_path).expect("read");
    assert_eq!(found[0].meta.disk, on_disk);
    assert_eq!(
        restore_decision(&found[0].meta, on_disk.as_ref()),
        RestoreDecision::Offer
    );
    let (_, restored) = load_recovery(&copy).expect("loads");
    assert_eq!(restored, project);
    discard(&copy).expect("discard");
    discard(&copy).expect("discarding twice is fine");
    assert!(find_recovery_copies(data.path()).0.is_empty());
}

#[test]
fn a_project_saved_elsewhere_after_the_copy_means_ask() {
    let data = tempfile::tempdir().expect("data dir");
    let work = tempfile::tempdir().expect("work dir");
    let project_path = work.path().join("story.ron");
    let project = Project::new("Story");
    crate::io::save(&project_path, &project).expect("save");
    write_recovery(data.path(), Some(&project_path), &project, 2, at(5)).expect("copy");
    crate::io::save(&project_path, &Project::new("Saved by someone else")).expect("save");
    let (found, _) = find_recovery_copies(data.path());
    let now = disk_state(&project_path).expect("read");
    assert_eq!(
        restore_decision(&found[0].meta, now.as_ref()),
        RestoreDecision::AskProjectChanged
    );
}

#[test]
fn decision_table() {
    use RestoreDecision::*;
    assert_eq!(restore_decision(&meta(0, Some(state("a"))), None), Discard);
    assert_eq!(restore_decision(&meta(1, None), None), Offer);
    assert_eq!(
        restore_decision(&meta(1, None), Some(&state("a"))),
        AskProjectChanged
    );
    assert_eq!(
        restore_decision(&meta(1, Some(state("a"))), None),
        AskProjectMissing
    );
    assert_eq!(
        restore_decision(&meta(1, Some(state("a"))), Some(&state("a"))),
        Offer
    );
    assert_eq!(
        restore_decision(&meta(1, Some(state("a"))), Some(&state("b"))),
        AskProjectChanged
    );
}

#[test]
fn unreadable_copies_are_reported_not_deleted() {
    let data = tempfile::tempdir().expect("data dir");
    fs::create_dir_all(recovery_dir(data.path())).expect("dir");
    let bad = recovery_dir(data.path()).join("broken-0.ron");
    fs::write(&bad, "(format: \"riposte-recovery\", version: 1, meta: (").expect("write");
    fs::write(recovery_dir(data.path()).join("x.ron.tmp9"), "partial").expect("write");
    let (found, unreadable) = find_recovery_copies(data.path());
    assert!(found.is_empty());
    assert_eq!(unreadable.len(), 1);
    assert!(
        unreadable[0].contains("broken-0.ron:1:"),
        "{}",
        unreadable[0]
    );
    assert!(bad.exists());
}

#[test]
fn untitled_projects_get_their_own_copy() {
    let data = tempfile::tempdir().expect("data dir");
    let path =
        write_recovery(data.path(), None, &Project::new("Draft"), 1, at(1)).expect("written");
    assert!(path.to_string_lossy().contains("untitled-"));
    let (found, _) = find_recovery_copies(data.path());
    assert_eq!(found[0].meta.project_path, None);
    assert_eq!(
        restore_decision(&found[0].meta, None),
        RestoreDecision::Offer
    );
}

#[test]
fn external_change_check_compares_content() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("p.ron");
    fs::write(&path, "one").expect("write");
    let known = file_hash(&path).expect("read").expect("exists");
    assert!(!file_changed_since(&path, &known).expect("read"));
    fs::write(&path, "two").expect("write");
    assert!(file_changed_since(&path, &known).expect("read"));
    fs::remove_file(&path).expect("remove");
    assert!(file_changed_since(&path, &known).expect("missing counts as changed"));
    assert_eq!(known, hash_bytes(b"one"));
    assert!(known.starts_with("x3:") && known.len() == 35, "{known}");
}

/// `project_path`'s copy as builds before the `x3:` hashes wrote it: the
/// same copy, its hashes (base and disk state) FNV-1a of the file, as
/// `model::content_hash_bytes`. Returns the copy and the old hash.
fn old_style_copy(data_dir: &Path, project_path: &Path) -> (PathBuf, String) {
    let project = Project::new("Story (edited)");
    let copy = write_recovery(data_dir, Some(project_path), &project, 2, at(7)).expect("copy");
    let bytes = fs::read(project_path).expect("read");
    let (new, old) = (hash_bytes(&bytes), crate::model::content_hash_bytes(&bytes));
    assert_eq!(old.len(), 16);
    let text = fs::read_to_string(&copy).expect("read copy");
    assert_eq!(text.matches(&new).count(), 2, "base and disk state: {text}");
    fs::write(&copy, text.replace(&new, &old)).expect("write old copy");
    (copy, old)
}

#[test]
fn a_copy_with_old_hashes_matches_its_unchanged_file() {
    let (data, work) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let project_path = work.path().join("story.ron");
    crate::io::save(&project_path, &Project::new("Story")).expect("save");
    let (copy, old) = old_style_copy(data.path(), &project_path);
    assert!(!file_changed_since(&project_path, &old).expect("read"));
    let (found, unreadable) = find_recovery_copies(data.path());
    assert!(unreadable.is_empty(), "{unreadable:?}");
    let now = disk_state(&project_path).expect("read");
    assert_eq!(
        restore_decision(&found[0].meta, now.as_ref()),
        RestoreDecision::Offer
    );
    let unrecorded = RecoveryMeta {
        base: Base::Unrecorded,
        ..found[0].meta.clone()
    };
    assert_eq!(
        restore_decision(&unrecorded, now.as_ref()),
        RestoreDecision::Offer
    );
    // What a restored document's saves are checked against.
    let (meta, _) = load_recovery(&copy).expect("loads");
    let Base::File { content_hash } = &meta.base else {
        panic!("a recorded base: {:?}", meta.base);
    };
    assert!(!file_changed_since(&project_path, content_hash).expect("read"));
    crate::io::save(&project_path, &Project::new("Saved since")).expect("save");
    assert!(file_changed_since(&project_path, content_hash).expect("read"));
}

#[test]
fn a_copy_with_old_hashes_differs_from_its_changed_file() {
    let (data, work) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let project_path = work.path().join("story.ron");
    crate::io::save(&project_path, &Project::new("Story")).expect("save");
    let (copy, old) = old_style_copy(data.path(), &project_path);
    crate::io::save(&project_path, &Project::new("Saved by someone else")).expect("save");
    assert!(file_changed_since(&project_path, &old).expect("read"));
    let (found, _) = find_recovery_copies(data.path());
    let now = disk_state(&project_path).expect("read");
    assert_eq!(
        restore_decision(&found[0].meta, now.as_ref()),
        RestoreDecision::AskProjectChanged
    );
    let (meta, _) = load_recovery(&copy).expect("loads");
    let Base::File { content_hash } = &meta.base else {
        panic!("a recorded base: {:?}", meta.base);
    };
    assert!(file_changed_since(&project_path, content_hash).expect("read"));
    // Back to the content the copy's changes began from: unchanged again.
    crate::io::save(&project_path, &Project::new("Story")).expect("save");
    assert!(!file_changed_since(&project_path, content_hash).expect("read"));
    fs::remove_file(&project_path).expect("remove");
    assert!(file_changed_since(&project_path, &old).expect("missing counts as changed"));
}
