//! The project file: round trip, byte-identical re-save, atomic save with
//! backup, and clear errors for bad files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::repo;
use riposte::io::LoadError;
use riposte::io::project_file::{backup_path, load, load_str, save, to_ron_string};

/// The demo project (the version-1 fixture itself is tested in
/// `reliability_migrate.rs`).
fn fixture() -> std::path::PathBuf {
    repo().join("saves/demo.ron")
}

#[test]
fn demo_project_loads_clean() {
    let loaded = load(&fixture()).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let project = loaded.project;
    assert_eq!(project.articles.len(), 5);
    assert!(project.claims.len() >= 10);
    assert!(project.links.len() >= 6);
    assert_eq!(
        project.summary(),
        "5 articles, 13 claims, 7 links (5 curated)"
    );
}

#[test]
fn same_project_saves_to_same_bytes() {
    let original = std::fs::read_to_string(fixture()).unwrap();
    let project = load_str(&original, "fixture").unwrap().project;
    let first = to_ron_string(&project).unwrap();
    assert_eq!(first, original, "re-saving the fixture changed it");
    let again = load_str(&first, "again").unwrap().project;
    assert_eq!(again, project);
    assert_eq!(to_ron_string(&again).unwrap(), first);
}

#[test]
fn save_is_atomic_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.ron");
    let mut project = load(&fixture()).unwrap().project;
    save(&path, &project).unwrap();
    assert!(
        !backup_path(&path).exists(),
        "no backup of a file that did not exist"
    );
    let first = std::fs::read(&path).unwrap();

    project.title = "Renamed ə ş ğ ı".to_string();
    save(&path, &project).unwrap();
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), first);
    assert_eq!(load(&path).unwrap().project.title, "Renamed ə ş ğ ı");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn save_into_a_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/folder/story.ron");
    let project = riposte::model::Project::new("x");
    let message = save(&path, &project).unwrap_err().to_string();
    assert!(message.contains("story.ron"), "{message}");
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    let text = "(\n    format: \"riposte-project\",\n    version: 1,\n    project: (title: \"x\" articles: []),\n)\n";
    let error = load_str(text, "broken.ron").unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("broken.ron:4:"), "{message}");
    assert!(matches!(error, LoadError::Syntax { line: 4, .. }));
}

#[test]
fn newer_versions_are_refused_with_a_reason() {
    let current = std::fs::read_to_string(fixture()).unwrap();
    let version = riposte::io::project_file::FORMAT_VERSION;
    let newer = current.replacen(
        &format!("version: {version},"),
        &format!("version: {},", version + 1),
        1,
    );
    assert_ne!(newer, current);
    let message = load_str(&newer, "future.ron").unwrap_err().to_string();
    assert!(message.contains("newer Riposte"), "{message}");
    assert!(
        message.contains(&format!("version {}", version + 1)),
        "{message}"
    );

    // A newer file with fields this build does not know is still reported
    // as newer, not as a syntax error.
    let newer_shape = "(format: \"riposte-project\", version: 99, project: (shiny: true))";
    let message = load_str(newer_shape, "future.ron").unwrap_err().to_string();
    assert!(message.contains("newer Riposte"), "{message}");
}

#[test]
fn empty_foreign_and_truncated_files_get_clear_messages() {
    let empty = load_str("", "empty.ron").unwrap_err().to_string();
    assert_eq!(empty, "empty.ron: the file is empty");

    let foreign = load_str(
        "(format: \"other\", version: 1, project: (title: \"\"))",
        "f.ron",
    )
    .unwrap_err()
    .to_string();
    assert!(foreign.contains("not a Riposte project"), "{foreign}");

    let current = std::fs::read_to_string(fixture()).unwrap();
    let truncated = &current[..current.len() / 2];
    let message = load_str(truncated, "cut.ron").unwrap_err().to_string();
    assert!(message.starts_with("cut.ron:"), "{message}");
}

#[test]
fn binary_files_are_refused_with_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binary.ron");
    std::fs::write(&path, b"(\n  format: \xff\xfe\x00\x01").unwrap();
    let message = load(&path).unwrap_err().to_string();
    assert!(message.contains("binary.ron:2:11: not UTF-8"), "{message}");
    let missing = load(&dir.path().join("none.ron")).unwrap_err().to_string();
    assert!(missing.contains("none.ron: cannot read"), "{missing}");
}

#[test]
fn broken_anchors_load_and_are_flagged() {
    let current = std::fs::read_to_string(fixture()).unwrap();
    let broken = current.replacen("start: 1833,", "start: 1834,", 1);
    let loaded = load_str(&broken, "broken.ron").unwrap();
    assert_eq!(loaded.project.claims.len(), 13, "no claim is dropped");
    assert_eq!(loaded.problems.len(), 1);
    assert!(
        loaded.problems[0]
            .to_string()
            .contains("claim c1 no longer matches")
    );
}

#[test]
fn naughty_strings_round_trip_byte_identically() {
    use riposte::model::{ArticleId, Bundle, Edit, apply};
    let naughty = std::fs::read_to_string(repo().join("tests/data/blns.txt")).unwrap();
    let mut project = riposte::model::Project::new(naughty.lines().take(40).collect::<String>());
    let mut bundle = Bundle::default();
    let lines: Vec<&str> = naughty.lines().filter(|l| !l.is_empty()).collect();
    for (i, line) in lines.iter().enumerate() {
        let text = format!("{line}\n\"#\"## r#\"{line}\"#");
        let id = ArticleId::untagged(u32::try_from(i).unwrap() + 1);
        let mut article = riposte::io::import::article_from_text(id, &text, line, &common::stamp());
        article.meta.outlet = (*line).to_string();
        bundle.articles.push(article);
    }
    apply(&mut project, Edit::Insert(Box::new(bundle))).unwrap();
    let text = to_ron_string(&project).unwrap();
    let again = load_str(&text, "naughty.ron").unwrap();
    assert!(again.problems.is_empty());
    assert_eq!(again.project, project);
    assert_eq!(to_ron_string(&again.project).unwrap(), text);
}
