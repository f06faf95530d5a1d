//! `riposte agree`, `curate` and `decide` on three analysts' copies of the
//! seeds, each annotated through the CLI. The figures are worked out by
//! hand in the comments.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::repo;
use std::path::Path;

fn riposte_as(who: &str, args: &[&str], dir: &Path) -> (i32, String, String) {
    let tag = match who {
        "ana" => "aaaaaa",
        "bob" => "bbbbbb",
        "cem" => "cccccc",
        _ => "0",
    };
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_riposte"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env("RIPOSTE_ANALYST", who)
        .env("RIPOSTE_REPLICA", tag)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn ok(who: &str, args: &[&str], dir: &Path) -> String {
    let (code, out, err) = riposte_as(who, args, dir);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

const OSCE: &str = "noted some problems regarding the election conditions";
const COMPLIANCE: &str = "The elections were held wholly in compliance with national laws";
const UNFOUNDED: &str = "The allegations regarding the extraordinary presidential elections held on 7 February 2024 are completely unfounded";

/// Marks `quotes` (article, quote) in `who`.ron; pairs (claim, response,
/// relation) by index.
fn annotate(dir: &Path, who: &str, quotes: &[(&str, &str)], pairs: &[(usize, usize, &str)]) {
    let file = format!("{who}.ron");
    std::fs::copy(dir.join("base.ron"), dir.join(&file)).unwrap();
    let ids: Vec<String> = quotes
        .iter()
        .map(|(article, quote)| {
            let args = ["claim", &file, "--article", article, "--quote", quote];
            ok(who, &args, dir).trim().to_string()
        })
        .collect();
    for (claim, response, relation) in pairs {
        let args = [
            "link",
            &file,
            &ids[*claim],
            &ids[*response],
            "--relation",
            relation,
        ];
        ok(who, &args, dir);
    }
}

/// Ana: the OSCE's problems (x) contradicted by "wholly in compliance" (y)
/// and refuted by "completely unfounded" (z). Bob: a shorter x (47 of 53
/// characters), a longer y (63 of 93: 0.68), no z, and x supported by the
/// sentence on recognised progress. Cem: as Ana, but z denies x.
fn three_copies() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = repo().join("seeds");
    ok(
        "lead",
        &["import", seeds.to_str().unwrap(), "--into", "base.ron"],
        dir.path(),
    );
    let ana = [("a2", OSCE), ("a3", COMPLIANCE), ("a3", UNFOUNDED)];
    annotate(
        dir.path(),
        "ana",
        &ana,
        &[(0, 1, "contradicts"), (0, 2, "refutes")],
    );
    let bob = [
        ("a2", "some problems regarding the election conditions"),
        (
            "a3",
            "The elections were held wholly in compliance with national laws and international commitments",
        ),
        (
            "a3",
            "Azerbaijan's progress in improving election practices has been recognised internationally",
        ),
    ];
    annotate(
        dir.path(),
        "bob",
        &bob,
        &[(0, 1, "contradicts"), (0, 2, "supports")],
    );
    annotate(
        dir.path(),
        "cem",
        &ana,
        &[(0, 1, "contradicts"), (0, 2, "denies")],
    );
    dir
}

/// ana ~ bob: claims 3 and 3, 2 matched, F1 = 4/6 = 0.667; pairs 2 and 2,
/// 1 matched (x→y), F1 0.5; one relation only: κ undefined.
/// ana ~ cem: everything matched; relations (C, C), (R, D): p_o = 1/2,
/// p_e = 1/2·1/2 = 1/4, κ = (1/2 − 1/4)/(3/4) = 0.333.
/// α: unit x→y: C, C, C; x→z: R, –, D; x→w: –, S, – (not pairable).
/// o(C,C) = 3·2/2 = 3, o(R,D) = o(D,R) = 1; n = 5 (C 3, R 1, D 1);
/// α = 1 − 4·2/(25 − 9 − 1 − 1) = 1 − 8/14 = 0.429, over 2 units.
#[test]
fn agree_reports_f1_kappa_and_alpha() {
    let dir = three_copies();
    let out = ok(
        "lead",
        &["agree", "ana.ron", "bob.ron", "cem.ron"],
        dir.path(),
    );
    let expected = "\
claims match when they share at least 50% of their characters
ana.ron ~ bob.ron:
  claims: 3 and 3, 2 matched, F1 0.667
  pairs:  2 and 2, 1 matched, F1 0.500
  relations: the same for 1 of 1 matched pairs, Cohen's κ undefined
ana.ron ~ cem.ron:
  claims: 3 and 3, 3 matched, F1 1.000
  pairs:  2 and 2, 2 matched, F1 1.000
  relations: the same for 1 of 2 matched pairs, Cohen's κ 0.333
bob.ron ~ cem.ron:
  claims: 3 and 3, 2 matched, F1 0.667
  pairs:  2 and 2, 1 matched, F1 0.500
  relations: the same for 1 of 1 matched pairs, Cohen's κ undefined
Krippendorff's α (nominal, relations of pairs, 3 copies): 0.429 over 2 pairs made by two or more
";
    assert_eq!(out, expected);
}

#[test]
fn agree_as_json_and_with_a_stricter_overlap() {
    let dir = three_copies();
    let args = [
        "agree",
        "ana.ron",
        "bob.ron",
        "--overlap",
        "0.7",
        "--format",
        "json",
    ];
    let out = ok("lead", &args, dir.path());
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["overlap"], 0.7);
    assert_eq!(json["copies"][1]["file"], "bob.ron");
    assert_eq!(json["copies"][1]["analysts"][0], "bob");
    let pair = &json["pairs_of_copies"][0];
    // Bob's longer y (0.68) no longer matches Ana's.
    assert_eq!(pair["claims"]["matched"], 1);
    assert_eq!(pair["pairs"]["matched"], 0);
    assert_eq!(pair["relations"]["kappa"], serde_json::Value::Null);
    assert_eq!(json["alpha"], serde_json::Value::Null);
    let (code, _, err) = riposte_as(
        "lead",
        &["agree", "ana.ron", "bob.ron", "--overlap", "2"],
        dir.path(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("'2' is not a share of characters"), "{err}");
    let (code, _, err) = riposte_as("lead", &["agree", "ana.ron"], dir.path());
    assert_eq!(code, 2, "{err}");
}

#[test]
fn curate_accepts_agreed_pairs_and_decide_settles_the_rest() {
    let dir = three_copies();
    let args = [
        "curate",
        "ana.ron",
        "bob.ron",
        "cem.ron",
        "-o",
        "curated.ron",
    ];
    let out = ok("lead", &args, dir.path());
    let check = ok("lead", &["check", "curated.ron"], dir.path());
    assert!(
        check.ends_with(
            "curated.ron: 2 disagreements to decide (riposte decide curated.ron lists them)\n"
        ),
        "{check}"
    );
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("curated.ron: 1 pairs accepted, 2 to decide")
    );
    let first = lines.next().unwrap();
    assert!(
        first.starts_with("disagreement 1: c1-aaaaaa → c3-aaaaaa (\"noted some problems"),
        "{first}"
    );
    assert!(
        first.ends_with(": ana.ron Refutes; bob.ron none; cem.ron Denies"),
        "{first}"
    );
    // Ends stand for their claim groups, from the first copy that marked
    // each: Ana's x, Bob's w.
    let second = lines.next().unwrap();
    let expected = "disagreement 2: c1-aaaaaa → c3-bbbbbb (\"noted some problems regarding the election conditions\" → \"Azerbaijan's progress in improving election practices has be…\"): ana.ron none; bob.ron Supports; cem.ron none";
    assert_eq!(second, expected);

    let (code, _, err) = riposte_as(
        "lead",
        &["decide", "curated.ron", "disagreement", "3", "none"],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("curated.ron: there is no disagreement number 3 (2 listed)"),
        "{err}"
    );
    let out = ok(
        "lead",
        &["decide", "curated.ron", "disagreement", "1", "refutes"],
        dir.path(),
    );
    assert_eq!(
        out,
        "add link l3: c1-aaaaaa → c3-aaaaaa Refutes (Curated)\ndecide disagreement\ncurated.ron: 1 left to decide\n"
    );
    ok(
        "lead",
        &["decide", "curated.ron", "disagreement", "1", "none"],
        dir.path(),
    );
    assert_eq!(ok("lead", &["decide", "curated.ron"], dir.path()), "");
    let check = ok("lead", &["check", "curated.ron"], dir.path());
    assert_eq!(check, "5 articles, 4 claims, 2 links (2 curated)\n");

    let (code, _, err) = riposte_as(
        "lead",
        &["curate", "ana.ron", "bob.ron", "-o", "ana.ron"],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("ana.ron: is one of the copies"), "{err}");
}
