//! Every command that changes a project respects the project lock (as the
//! window does), `--force` overrides it, `--dry-run` changes nothing, and
//! commands run at the same moment never lose each other's changes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::{linked, read, run};
use riposte::io::lock::{LockOwner, ProjectLock, lock_path};
use std::path::Path;

/// One invocation of every changing verb on the `linked()` project.
fn changes(c1: &str, c2: &str, l1: &str) -> Vec<Vec<String>> {
    let lists: [&[&str]; 9] = [
        &["import", "texts/1_statement.txt", "--into", "p.ron"],
        &[
            "claim",
            "p.ron",
            "--article",
            "a1",
            "--quote",
            "project cost 12",
        ],
        &[
            "respond",
            "p.ron",
            c1,
            "--article",
            "a2",
            "--quote",
            "not 12",
            "--relation",
            "refutes",
        ],
        &["link", "p.ron", c2, c1, "--relation", "supports"],
        &["set", "p.ron", l1, "--status", "rejected"],
        &["set", "p.ron", c1, "--speaker", "Ministry"],
        &["meta", "p.ron", "a1", "--outlet", "Ministry site"],
        &["delete", "p.ron", c2],
        &["delete", "p.ron", "a3"],
    ];
    lists
        .iter()
        .map(|args| args.iter().map(|a| a.to_string()).collect())
        .collect()
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// The project file and its folder listing, to prove nothing changed.
fn snapshot(dir: &Path) -> (String, Vec<String>) {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    (read(dir, "p.ron"), names)
}

#[test]
fn dry_run_shows_the_change_and_changes_nothing_for_every_verb() {
    let (dir, c1, c2, l1) = linked();
    // The import is of a text already in the project: use a new one.
    std::fs::write(dir.path().join("texts/1_statement.txt"), "A new text.\n").unwrap();
    let before = snapshot(dir.path());
    for mut args in changes(&c1, &c2, &l1) {
        args.push("--dry-run".to_string());
        let out = run(dir.path(), &strs(&args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.err);
        assert!(!out.out.is_empty(), "{args:?} shows nothing");
        assert!(
            out.out.lines().all(|l| l.starts_with("would ")),
            "{args:?}: {}",
            out.out
        );
        assert!(
            out.err.ends_with("dry run: p.ron not changed\n"),
            "{args:?}: {}",
            out.err
        );
        assert_eq!(snapshot(dir.path()), before, "{args:?} changed the folder");
    }
    let shown = run(dir.path(), &["delete", "p.ron", &c2, "--dry-run"]).out;
    assert_eq!(
        shown,
        format!(
            "would delete claim {c2} in article a2: \"The opposition denied that the bridge will open in May\"\nwould delete link {l1}: {c1} → {c2} Denies (Draft)\n"
        )
    );
    let shown = run(
        dir.path(),
        &[
            "meta",
            "p.ron",
            "a1",
            "--outlet",
            "Ministry site",
            "--dry-run",
        ],
    )
    .out;
    assert_eq!(
        shown,
        "would set article a1 outlet: \"\" → \"Ministry site\"\n"
    );
}

#[test]
fn a_dry_run_into_a_new_project_creates_nothing() {
    let (dir, ..) = linked();
    let out = run(
        dir.path(),
        &["import", "texts", "--into", "new.ron", "--dry-run"],
    );
    assert_eq!(out.code, 0, "{}", out.err);
    assert_eq!(out.out.lines().count(), 3, "{}", out.out);
    assert!(
        out.out
            .starts_with("would add article a1: \"Ministry statement\" (undated)\n"),
        "{}",
        out.out
    );
    assert!(!dir.path().join("new.ron").exists());
    assert!(!lock_path(&dir.path().join("new.ron")).exists());
}

fn held_message(pid: u32) -> String {
    let host = LockOwner::current().host;
    format!(
        "riposte: p.ron: open in another Riposte (process {pid} on {host}); close it there first, or add --force to change the file anyway\n"
    )
}

#[test]
fn every_change_is_refused_while_another_riposte_holds_the_lock() {
    let (dir, c1, c2, l1) = linked();
    std::fs::write(dir.path().join("texts/1_statement.txt"), "A new text.\n").unwrap();
    // Process 1 is always running: a live lock held by someone else.
    let lock = lock_path(&dir.path().join("p.ron"));
    let host = LockOwner::current().host;
    std::fs::write(&lock, format!("pid 1\nhost {host}\n")).unwrap();
    let before = snapshot(dir.path());
    for args in changes(&c1, &c2, &l1) {
        let out = run(dir.path(), &strs(&args));
        assert_eq!((out.code, out.out.as_str()), (1, ""), "{args:?}");
        assert_eq!(out.err, held_message(1), "{args:?}");
        assert_eq!(snapshot(dir.path()), before, "{args:?} changed the folder");
    }
    let dry = run(
        dir.path(),
        &["set", "p.ron", &l1, "--status", "curated", "--dry-run"],
    );
    assert_eq!(dry.code, 0);
    assert!(
        dry.err.starts_with(&format!(
            "warning: p.ron: open in another Riposte (process 1 on {host}); without --dry-run this command would be refused\n"
        )),
        "{}",
        dry.err
    );
    // Reading is never refused.
    run(dir.path(), &["links", "p.ron"]).ok();
    // --force changes the file and leaves the other session's lock alone.
    for mut args in changes(&c1, &c2, &l1) {
        args.push("--force".to_string());
        let out = run(dir.path(), &strs(&args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.err);
    }
    assert_eq!(
        std::fs::read_to_string(&lock).unwrap(),
        format!("pid 1\nhost {host}\n")
    );
    let check = run(dir.path(), &["check", "p.ron"]).ok();
    assert!(
        check.ends_with("3 articles, 3 claims, 1 links (0 curated)\n"),
        "{check}"
    );
}

/// The window's side: a Riposte holding the project (here this test
/// process, through the same lock the window takes) blocks the CLI.
#[test]
fn a_project_open_in_the_window_is_not_changed_behind_its_back() {
    let (dir, _, _, l1) = linked();
    let project = dir.path().join("p.ron");
    let held = ProjectLock::acquire(&project).unwrap();
    let before = read(dir.path(), "p.ron");
    let out = run(dir.path(), &["set", "p.ron", &l1, "--status", "curated"]);
    assert_eq!(out.err, held_message(std::process::id()));
    assert_eq!(read(dir.path(), "p.ron"), before);
    drop(held);
    run(dir.path(), &["set", "p.ron", &l1, "--status", "curated"]).ok();
    assert!(!lock_path(&project).exists(), "the CLI releases its lock");
}

/// Many commands on one project at the same moment: each either changes
/// it or is refused with the lock message; no change is lost.
#[test]
fn simultaneous_commands_never_lose_a_change() {
    let dir = cli_support::project();
    let quotes = [
        "The ministry said on Monday",
        "Officials added",
        "the project cost 12 million manat",
        "The ministry repeated",
        "Ministry statement",
        "on Monday that",
    ];
    let children: Vec<_> = quotes
        .iter()
        .map(|quote| {
            std::process::Command::new(env!("CARGO_BIN_EXE_riposte"))
                .args(["claim", "p.ron", "--article", "a1", "--quote", quote])
                .env("RIPOSTE_REPLICA", "0")
                .current_dir(dir.path())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut made = Vec::new();
    for child in children {
        let output = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        if output.status.success() {
            made.push(String::from_utf8_lossy(&output.stdout).trim().to_string());
        } else {
            assert!(err.contains("open in another Riposte (process"), "{err}");
        }
    }
    assert!(!made.is_empty());
    let listed = run(dir.path(), &["claims", "p.ron"]).ok();
    let saved: Vec<&str> = listed
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    let mut expected = made.clone();
    expected.sort();
    let mut saved_sorted: Vec<String> = saved.iter().map(|s| s.to_string()).collect();
    saved_sorted.sort();
    assert_eq!(
        saved_sorted, expected,
        "every reported claim is in the file, once"
    );
}
