//! Where exports are written (issue 11, item 9, the export-writer and CLI
//! part): never over the project they come from, and a folder export that
//! removes its own stale files but nobody else's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod export_support;

use common::riposte;
use export_support::demo_project;
use riposte::io::export::{ExportFormat, FOLDER_MANIFEST, render, write};
use riposte::model::{Edit, RecordIds, StatusFilter, apply};

#[test]
fn the_cli_refuses_to_export_over_the_project_file() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    riposte::io::save(&project, &demo_project()).unwrap();
    let before = std::fs::read(&project).unwrap();
    for out in ["p.ron", "./p.ron"] {
        let (code, _, err) = riposte(
            &["export", "p.ron", "--format", "jsonl", "--out", out],
            dir.path(),
        );
        assert_eq!(code, 1);
        assert!(err.contains("names the project file itself"), "{err}");
    }
    assert_eq!(std::fs::read(&project).unwrap(), before);
}

#[test]
fn a_brat_export_removes_only_the_files_its_last_export_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("brat");
    let mut project = demo_project();
    let output = render(&project, ExportFormat::Brat, StatusFilter::All).unwrap();
    write(&output, &folder).unwrap();
    assert!(folder.join("a1.ann").is_file());
    std::fs::write(folder.join("my-notes.txt"), "the analyst's own file").unwrap();
    // The first article goes, and with it its claims and links.
    let first = project.articles[0].id;
    let selection = RecordIds {
        articles: vec![first],
        ..RecordIds::default()
    };
    apply(&mut project, Edit::Delete(selection)).unwrap();
    let output = render(&project, ExportFormat::Brat, StatusFilter::All).unwrap();
    write(&output, &folder).unwrap();
    let stem = first.to_string();
    assert!(!folder.join(format!("{stem}.ann")).exists());
    assert!(!folder.join(format!("{stem}.txt")).exists());
    assert!(folder.join("my-notes.txt").is_file());
    let manifest = std::fs::read_to_string(folder.join(FOLDER_MANIFEST)).unwrap();
    assert!(manifest.lines().any(|l| l == "annotation.conf"));
    assert!(!manifest.contains("my-notes"));
}

#[test]
fn a_hand_edited_manifest_cannot_remove_files_outside_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("brat");
    std::fs::create_dir(&folder).unwrap();
    let outside = dir.path().join("precious.txt");
    std::fs::write(&outside, "keep me").unwrap();
    std::fs::write(
        folder.join(FOLDER_MANIFEST),
        format!("../precious.txt\n{}\n", outside.display()),
    )
    .unwrap();
    let output = render(&demo_project(), ExportFormat::Brat, StatusFilter::All).unwrap();
    write(&output, &folder).unwrap();
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me");
}
