//! `riposte merge` on files, without git: output, exit codes, bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::repo;
use std::path::Path;

fn riposte_as(replica: &str, args: &[&str], dir: &Path) -> (i32, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_riposte"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env("RIPOSTE_ANALYST", "tester")
        .env("RIPOSTE_REPLICA", replica)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// base.ron (the v2 fixture), ours.ron and theirs.ron copies of it.
fn three_copies() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["base.ron", "ours.ron", "theirs.ron"] {
        std::fs::copy(
            repo().join("tests/data/project_v2.ron"),
            dir.path().join(name),
        )
        .unwrap();
    }
    dir
}

fn mark(dir: &Path, file: &str, replica: &str, quote: &str) -> String {
    let args = ["claim", file, "--article", "a2", "--quote", quote];
    let (code, out, err) = riposte_as(replica, &args, dir);
    assert_eq!(code, 0, "{err}");
    out.trim().to_string()
}

#[test]
fn clean_merge_prints_the_project_and_exits_0() {
    let dir = three_copies();
    let ours = mark(dir.path(), "ours.ron", "aaaaaa", "refused to comment");
    let theirs = mark(dir.path(), "theirs.ron", "bbbbbb", "moved the conversation");
    let (code, out, err) = riposte_as(
        "0",
        &["merge", "base.ron", "ours.ron", "theirs.ron"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    let merged = riposte::io::load_str(&out, "stdout").unwrap();
    assert!(merged.problems.is_empty());
    for id in [&ours, &theirs] {
        assert!(merged.project.claim(id.parse().unwrap()).is_some(), "{id}");
    }
    assert_eq!(merged.project.claims.len(), 7 + 2);
}

#[test]
fn conflicts_are_written_listed_and_exit_1() {
    let dir = three_copies();
    for (file, title) in [("ours.ron", "Ours"), ("theirs.ron", "Theirs")] {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replacen("title: \"project_v2\"", &format!("title: \"{title}\""), 1),
        )
        .unwrap();
    }
    let args = [
        "merge",
        "base.ron",
        "ours.ron",
        "theirs.ron",
        "-o",
        "merged.ron",
    ];
    let (code, out, err) = riposte_as("0", &args, dir.path());
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("conflict: project title: ours \"Ours\"; theirs \"Theirs\""),
        "{err}"
    );
    assert!(err.contains("merged with 1 conflict(s)"), "{err}");
    assert!(!dir.path().join("merged.ron.bak").exists());
    let (code, out, _) = riposte_as("0", &["check", "merged.ron"], dir.path());
    assert_eq!(code, 0, "a result with conflicts passes check");
    assert!(
        out.contains("merged.ron: conflict to decide: project title"),
        "{out}"
    );
}

#[test]
fn bad_inputs_are_named_and_nothing_is_written() {
    let dir = three_copies();
    std::fs::write(dir.path().join("theirs.ron"), "(\n    format: \"riposte-project\",\n    version: 2,\n    project: (title: \"x\" oops),\n)\n").unwrap();
    let args = [
        "merge",
        "base.ron",
        "ours.ron",
        "theirs.ron",
        "-o",
        "merged.ron",
    ];
    let (code, _, err) = riposte_as("0", &args, dir.path());
    assert_eq!(code, 1);
    assert!(err.starts_with("riposte: theirs.ron:4:"), "{err}");
    assert!(!dir.path().join("merged.ron").exists());
}

#[test]
fn an_empty_base_merges_two_independent_additions() {
    let dir = three_copies();
    std::fs::write(dir.path().join("base.ron"), "").unwrap();
    let (code, out, err) = riposte_as(
        "0",
        &["merge", "base.ron", "ours.ron", "theirs.ron"],
        dir.path(),
    );
    assert_eq!(code, 0, "identical copies: {err}");
    let merged = riposte::io::load_str(&out, "stdout").unwrap().project;
    let fixture = riposte::io::load(&dir.path().join("ours.ron"))
        .unwrap()
        .project;
    assert_eq!(merged, fixture);
}

/// A merge result holds conflicts (JSON values, stamps) and story names;
/// the window's binary cache must give back exactly what the RON file has.
#[test]
fn story_names_merge_and_a_result_with_conflicts_survives_the_cache() {
    let dir = three_copies();
    let name = |file: &str, name: &str| {
        let args = ["stories", file, "--story", "c1", "--name", name];
        let (code, _, err) = riposte_as("0", &args, dir.path());
        assert_eq!(code, 0, "{err}");
    };
    name("ours.ron", "Seçkilər");
    name("theirs.ron", "Выборы 2024");
    let (code, _, err) = riposte_as(
        "0",
        &["set", "theirs.ron", "c3", "--speaker", "Bob"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let args = [
        "merge",
        "base.ron",
        "ours.ron",
        "theirs.ron",
        "-o",
        "merged.ron",
    ];
    let (code, _, err) = riposte_as("0", &args, dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("conflict: claim c1 story name: ours \"Seçkilər\"; theirs \"Выборы 2024\""),
        "{err}"
    );
    let path = dir.path().join("merged.ron");
    let from_ron = riposte::io::load(&path).unwrap().project;
    assert_eq!(
        from_ron.story_names.values().collect::<Vec<_>>(),
        ["Seçkilər"]
    );
    assert_eq!(
        from_ron.claim("c3".parse().unwrap()).unwrap().info.speaker,
        "Bob"
    );
    let cache = riposte::io::cache::ProjectCache::at(dir.path().join("cache"));
    assert_eq!(cache.load(&path).unwrap().project, from_ron);
    let cached = cache
        .fetch(&path)
        .expect("a result with conflicts loads cleanly, so it is cached");
    assert_eq!(
        cached, from_ron,
        "the cached copy is the RON file's project"
    );
    // Deciding theirs (in the window or here) renames the story.
    let args = ["decide", "merged.ron", "conflict", "1", "theirs"];
    let (code, _, err) = riposte_as("0", &args, dir.path());
    assert_eq!(code, 0, "{err}");
    let decided = riposte::io::load(&path).unwrap().project;
    assert_eq!(
        decided.story_names.values().collect::<Vec<_>>(),
        ["Выборы 2024"]
    );
    assert!(decided.conflicts.is_empty());
}
