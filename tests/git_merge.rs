//! A team on git: two analysts branch from one project, annotate through the
//! CLI, and `git merge` runs `riposte merge` (registered by `riposte
//! git-setup`). Needs the `git` program (`.ci/run` installs it if missing).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::repo;
use riposte::model::{ConflictKind, RecordRef, Status};
use std::path::Path;
use std::process::{Command, Output};

fn run(program: &str, args: &[&str], dir: &Path, analyst: &str) -> Output {
    let home = dir.parent().unwrap().join("home");
    std::fs::create_dir_all(&home).unwrap();
    Command::new(program)
        .args(args)
        .current_dir(dir)
        // A clean git: no user or system configuration.
        .env("HOME", &home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", analyst)
        .env("GIT_AUTHOR_EMAIL", format!("{analyst}@example.org"))
        .env("GIT_COMMITTER_NAME", analyst)
        .env("GIT_COMMITTER_EMAIL", format!("{analyst}@example.org"))
        .env("RIPOSTE_ANALYST", analyst)
        .env("SOURCE_DATE_EPOCH", "1732579200")
        // Each riposte process draws its own id tag, as on analysts' machines.
        .env_remove("RIPOSTE_REPLICA")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} (is it installed?): {e}"))
}

fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

fn git(dir: &Path, analyst: &str, args: &[&str]) -> String {
    ok(run("git", args, dir, analyst))
}

fn riposte(dir: &Path, analyst: &str, args: &[&str]) -> String {
    ok(run(env!("CARGO_BIN_EXE_riposte"), args, dir, analyst))
}

fn claim(dir: &Path, analyst: &str, article: &str, quote: &str) -> String {
    riposte(
        dir,
        analyst,
        &["claim", "story.ron", "--article", article, "--quote", quote],
    )
}

fn link(dir: &Path, analyst: &str, claim: &str, response: &str, relation: &str) -> String {
    riposte(
        dir,
        analyst,
        &["link", "story.ron", claim, response, "--relation", relation],
    )
}

/// A repository on branch `main` holding the seeds with one pair (c1 → c2,
/// l1, with the lead's session tag), set up for the merge driver; and l1's id.
fn team_repository() -> (tempfile::TempDir, String) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("story");
    std::fs::create_dir(&dir).unwrap();
    git(&dir, "lead", &["init", "--quiet", "--initial-branch=main"]);
    let seeds = repo().join("seeds");
    let mut import = run(
        env!("CARGO_BIN_EXE_riposte"),
        &["import", seeds.to_str().unwrap(), "--into", "story.ron"],
        &dir,
        "lead",
    );
    import.stdout.clear();
    ok(import);
    let osce = claim(
        &dir,
        "lead",
        "a2",
        "noted some problems regarding the election conditions",
    );
    let majlis = claim(
        &dir,
        "lead",
        "a3",
        "The elections were held wholly in compliance",
    );
    let l1 = link(&dir, "lead", &osce, &majlis, "contradicts");
    riposte(&dir, "lead", &["git-setup"]);
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitattributes")).unwrap(),
        "*.ron merge=riposte\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitignore")).unwrap(),
        "*.ron.bak\n*.ron.lock\n*.ron.tmp*\n"
    );
    // Running it again changes nothing.
    riposte(&dir, "lead", &["git-setup"]);
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitattributes")).unwrap(),
        "*.ron merge=riposte\n"
    );
    git(&dir, "lead", &["add", "."]);
    git(&dir, "lead", &["commit", "--quiet", "-m", "Base project"]);
    (root, l1)
}

fn story(root: &tempfile::TempDir) -> std::path::PathBuf {
    root.path().join("story")
}

/// Changes a link's status through the CLI.
fn set_link_status(dir: &Path, analyst: &str, link: &str, status: &str) {
    riposte(
        dir,
        analyst,
        &["set", "story.ron", link, "--status", status],
    );
}

fn commit_all(dir: &Path, analyst: &str, message: &str) {
    git(dir, analyst, &["commit", "--quiet", "-am", message]);
}

fn assert_no_conflict_markers(dir: &Path) {
    let text = std::fs::read_to_string(dir.join("story.ron")).unwrap();
    for marker in ["<<<<<<<", "=======", ">>>>>>>"] {
        assert!(
            !text.contains(marker),
            "conflict marker {marker} in the merged file"
        );
    }
}

#[test]
fn git_merge_of_two_analysts_branches_keeps_everyones_work() {
    let (root, l1) = team_repository();
    let dir = story(&root);
    git(&dir, "ana", &["checkout", "--quiet", "-b", "ana"]);
    let funding = claim(
        &dir,
        "ana",
        "a1",
        "the US and the EU have been providing significant funds",
    );
    let denial = claim(
        &dir,
        "ana",
        "a1",
        "The EU Mission categorically denied this publication",
    );
    let ana_link = link(&dir, "ana", &funding, &denial, "denies");
    set_link_status(&dir, "ana", "l1", "curated");
    commit_all(&dir, "ana", "Ana: the EU Mission's denial; l1 curated");

    git(&dir, "bob", &["checkout", "--quiet", "-b", "bob", "main"]);
    let unfounded = claim(
        &dir,
        "bob",
        "a3",
        "The allegations regarding the extraordinary presidential elections",
    );
    // The short id c1 names the lead's first claim.
    let bob_link = link(&dir, "bob", "c1", &unfounded, "refutes");
    commit_all(
        &dir,
        "bob",
        "Bob: the Majlis calls the allegations unfounded",
    );
    // Both took the next numbers, with different tags.
    assert_eq!(funding.split('-').next(), unfounded.split('-').next());
    assert_ne!(funding, unfounded);

    git(&dir, "ana", &["checkout", "--quiet", "ana"]);
    git(&dir, "ana", &["merge", "--quiet", "--no-edit", "bob"]);
    assert_no_conflict_markers(&dir);
    assert_eq!(
        git(&dir, "ana", &["status", "--porcelain"]),
        "",
        "merged, committed, no litter"
    );
    let checked = riposte(&dir, "ana", &["check", "story.ron"]);
    assert_eq!(checked, "5 articles, 5 claims, 3 links (1 curated)");
    let project = riposte::io::load(&dir.join("story.ron")).unwrap().project;
    for id in [&funding, &denial, &unfounded] {
        assert!(project.claim(id.parse().unwrap()).is_some(), "{id}");
    }
    for id in [&ana_link, &bob_link] {
        assert!(project.link(id.parse().unwrap()).is_some(), "{id}");
    }
    let short = project.resolve_link("l1".parse().unwrap()).unwrap();
    assert_eq!(short.to_string(), l1, "the short id names the lead's link");
    assert_eq!(project.link(short).unwrap().info.status, Status::Curated);
    assert!(project.conflicts.is_empty());
}

#[test]
fn git_merge_of_one_field_changed_on_both_branches_records_the_conflict() {
    let (root, l1) = team_repository();
    let dir = story(&root);
    git(&dir, "ana", &["checkout", "--quiet", "-b", "ana"]);
    set_link_status(&dir, "ana", "l1", "curated");
    let added = claim(
        &dir,
        "ana",
        "a5",
        "European leaders bilaterally never spoke a word to me",
    );
    commit_all(&dir, "ana", "Ana: l1 curated");
    git(&dir, "bob", &["checkout", "--quiet", "-b", "bob", "main"]);
    set_link_status(&dir, "bob", "l1", "rejected");
    commit_all(&dir, "bob", "Bob: l1 rejected");

    git(&dir, "ana", &["checkout", "--quiet", "ana"]);
    let merged = run("git", &["merge", "--no-edit", "bob"], &dir, "ana");
    assert!(!merged.status.success(), "git reports the conflict");
    let says = String::from_utf8_lossy(&merged.stdout).to_string()
        + &String::from_utf8_lossy(&merged.stderr);
    assert!(
        says.contains(&format!("conflict: link {l1} info.status")),
        "{says}"
    );
    assert!(
        says.contains("CONFLICT") && says.contains("story.ron"),
        "{says}"
    );
    assert_no_conflict_markers(&dir);

    // The file loads, passes check and lists the conflict to decide.
    let checked = riposte(&dir, "ana", &["check", "story.ron"]);
    assert!(
        checked.starts_with("5 articles, 3 claims, 1 links (1 curated)"),
        "{checked}"
    );
    // Who changed it on each side, and when.
    let expected = format!(
        "conflict to decide: link {l1} info.status: ours \"Curated\" by ana at 2024-11-26 00:00; theirs \"Rejected\" by bob at 2024-11-26 00:00"
    );
    assert!(checked.contains(&expected), "{checked}");
    let project = riposte::io::load(&dir.join("story.ron")).unwrap().project;
    let [conflict] = project.conflicts.as_slice() else {
        panic!("{:?}", project.conflicts)
    };
    assert_eq!(conflict.kind, ConflictKind::BothChanged);
    assert!(matches!(conflict.record, RecordRef::Link(_)));
    assert_eq!(conflict.record, RecordRef::Link(l1.parse().unwrap()));
    assert_eq!(
        (&conflict.ours.value, &conflict.theirs.value),
        (&"Curated".into(), &"Rejected".into())
    );
    assert_eq!(
        (
            conflict.ours.analyst.as_str(),
            conflict.theirs.analyst.as_str()
        ),
        ("ana", "bob")
    );
    assert!(conflict.ours.at.is_some() && conflict.theirs.at.is_some());
    assert!(project.claim(added.parse().unwrap()).is_some());

    // Decided for theirs, the file is committed like any resolved merge.
    let listed = riposte(&dir, "ana", &["decide", "story.ron"]);
    assert!(
        listed.starts_with(&format!("conflict 1: link {l1} info.status")),
        "{listed}"
    );
    riposte(
        &dir,
        "ana",
        &["decide", "story.ron", "conflict", "1", "theirs"],
    );
    let project = riposte::io::load(&dir.join("story.ron")).unwrap().project;
    assert!(project.conflicts.is_empty());
    let l1 = project.link(l1.parse().unwrap()).unwrap();
    assert_eq!(l1.info.status, Status::Rejected);
    git(&dir, "ana", &["add", "story.ron"]);
    git(&dir, "ana", &["commit", "--quiet", "--no-edit"]);
    assert_eq!(git(&dir, "ana", &["status", "--porcelain"]), "");
}

#[test]
fn files_that_are_not_projects_merge_as_text() {
    let (root, _) = team_repository();
    let dir = story(&root);
    let notes = |a: u32, e: u32| {
        format!("(\n    a: {a},\n    b: 0,\n    c: 0,\n    d: 0,\n    e: {e},\n)\n")
    };
    std::fs::write(dir.join("notes.ron"), notes(1, 1)).unwrap();
    git(&dir, "lead", &["add", "notes.ron"]);
    commit_all(&dir, "lead", "Notes");
    git(&dir, "ana", &["checkout", "--quiet", "-b", "ana"]);
    std::fs::write(dir.join("notes.ron"), notes(2, 1)).unwrap();
    commit_all(&dir, "ana", "a");
    git(&dir, "bob", &["checkout", "--quiet", "-b", "bob", "main"]);
    std::fs::write(dir.join("notes.ron"), notes(1, 3)).unwrap();
    commit_all(&dir, "bob", "b");
    git(&dir, "ana", &["checkout", "--quiet", "ana"]);
    git(&dir, "ana", &["merge", "--quiet", "--no-edit", "bob"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.ron")).unwrap(),
        notes(2, 3)
    );
}
