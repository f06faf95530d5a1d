//! Ids at the edge of their range and across copies, through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::repo;
use std::path::Path;

/// Runs the binary with a pinned replica tag (`""` leaves it random).
fn riposte_as(replica: &str, args: &[&str], dir: &Path) -> (i32, String, String) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_riposte"));
    command
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env("RIPOSTE_ANALYST", "tester");
    if replica.is_empty() {
        command.env_remove("RIPOSTE_REPLICA");
    } else {
        command.env("RIPOSTE_REPLICA", replica);
    }
    let output = command.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The v1 fixture with its claim counter at the end of the range.
fn project_at_last_claim_number(dir: &Path) {
    let fixture = std::fs::read_to_string(repo().join("tests/data/project_v1.ron")).unwrap();
    let edited = fixture.replacen("claim: 5,", "claim: 4294967295,", 1);
    assert_ne!(edited, fixture, "the fixture's claim counter moved");
    std::fs::write(dir.join("p.ron"), edited).unwrap();
}

fn add_claim(replica: &str, dir: &Path) -> (i32, String, String) {
    let args = ["claim", "p.ron", "--article", "a1", "--quote", "Musavat"];
    riposte_as(replica, &[&args[..], &["--occurrence", "1"]].concat(), dir)
}

/// Issue 11 item 14: taking the id u32::MAX advanced the counter past the
/// end (a panic in debug builds, a wrap to 0 in release). This test failed
/// before ids became overflow-safe (exit 101, "attempt to add with overflow").
#[test]
fn the_last_id_number_is_handed_out_once_without_overflow() {
    let dir = tempfile::tempdir().unwrap();
    project_at_last_claim_number(dir.path());
    let (code, out, err) = add_claim("0", dir.path());
    assert_eq!((code, out.trim()), (0, "c4294967295"), "{err}");
    let (code, _, err) = add_claim("0", dir.path());
    assert_eq!(code, 1, "refused, not a panic: {err}");
    assert!(err.contains("c4294967295 is already in use"), "{err}");
    let (code, out, err) = riposte_as("0", &["check", "p.ron"], dir.path());
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("5 claims"), "{out}");
}

/// Two copies of one project each add a claim: the claims take the same
/// number but never the same id, and each copy accepts the short form.
#[test]
fn copies_never_hand_out_the_same_id() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = repo().join("tests/data/project_v1.ron");
    let mut ids = Vec::new();
    for copy in ["ours", "theirs"] {
        let folder = dir.path().join(copy);
        std::fs::create_dir(&folder).unwrap();
        std::fs::copy(&fixture, folder.join("p.ron")).unwrap();
        // No pinned tag: each process draws its own.
        let (code, out, err) = add_claim("", &folder);
        assert_eq!(code, 0, "{err}");
        let id = out.trim().to_string();
        assert!(id.starts_with("c5-") && id.len() == "c5-".len() + 6, "{id}");
        let (code, link, err) = riposte_as(
            "",
            &["link", "p.ron", "c5", "c1", "--relation", "supports"],
            &folder,
        );
        assert_eq!(code, 0, "short form c5 resolves: {err}");
        assert!(link.trim().starts_with("l3-"), "{link}");
        let saved = std::fs::read_to_string(folder.join("p.ron")).unwrap();
        assert!(
            saved.contains(&format!("claim: \"{id}\"")),
            "the link names {id}"
        );
        ids.push(id);
    }
    assert_ne!(ids[0], ids[1]);
}

#[test]
fn a_pinned_tag_is_used_and_a_bad_short_id_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("tests/data/project_v1.ron"),
        dir.path().join("p.ron"),
    )
    .unwrap();
    let (code, out, err) = add_claim("k3m9qz", dir.path());
    assert_eq!((code, out.trim()), (0, "c5-k3m9qz"), "{err}");
    let (code, _, err) = riposte_as(
        "k3m9qz",
        &["link", "p.ron", "c5-7hd2wa", "c1", "--relation", "denies"],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("claim c5-7hd2wa does not exist"), "{err}");
}
