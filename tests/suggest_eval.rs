//! The suggestion evaluation: the corpus project rebuilds byte for byte
//! from its texts, the figures in docs/SUGGEST.md are what `riposte
//! eval-suggest` prints today, and Riposte's ranker beats plain BM25 on the
//! corpus.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{repo, riposte};

const CORPUS: &str = "tests/data/suggest_eval/eval.ron";
const PROJECTS: [(&str, &str); 2] = [
    ("demo (`saves/demo.ron`)", "saves/demo.ron"),
    ("evaluation corpus", CORPUS),
];
const RANKERS: [&str; 3] = ["riposte", "bm25", "grams-bm25"];

#[test]
fn evaluation_corpus_regenerates_byte_identically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("eval.ron");
    let status = std::process::Command::new("bash")
        .arg(repo().join("tests/data/suggest_eval/make-eval.sh"))
        .arg(&out)
        .env("RIPOSTE", env!("CARGO_BIN_EXE_riposte"))
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let fresh = std::fs::read_to_string(&out).unwrap();
    let committed = std::fs::read_to_string(repo().join(CORPUS)).unwrap();
    assert!(
        fresh == committed,
        "{CORPUS} is stale: run tests/data/suggest_eval/make-eval.sh and commit the result"
    );
}

/// `pairs`, `recall@1`, `recall@5`, `MRR` as printed.
fn figures(project: &str, ranker: &str) -> [String; 4] {
    let (code, out, err) = riposte(&["eval-suggest", project, "--ranker", ranker], &repo());
    assert_eq!(code, 0, "{err}");
    let value = |key: &str| {
        out.lines()
            .find_map(|line| line.strip_prefix(&format!("{key}\t")))
            .unwrap_or_else(|| panic!("no {key} in {out}"))
            .to_string()
    };
    ["pairs", "recall@1", "recall@5", "MRR"].map(value)
}

#[test]
fn the_figures_in_the_doc_are_todays_and_riposte_beats_bm25() {
    let doc = std::fs::read_to_string(repo().join("docs/SUGGEST.md")).unwrap();
    let mut rows = Vec::new();
    for (label, path) in PROJECTS {
        for ranker in RANKERS {
            let [pairs, r1, r5, mrr] = figures(path, ranker);
            rows.push(format!(
                "| {label} | {ranker} | {pairs} | {r1} | {r5} | {mrr} |"
            ));
        }
    }
    let missing: Vec<&String> = rows
        .iter()
        .filter(|row| !doc.contains(row.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/SUGGEST.md's figures are stale; today's rows:\n{}",
        rows.join("\n")
    );

    let ours = figures(CORPUS, "riposte");
    let plain = figures(CORPUS, "bm25");
    assert_eq!(ours[0], "32");
    for (name, at) in [("recall@1", 1), ("recall@5", 2), ("MRR", 3)] {
        let (a, b): (f64, f64) = (ours[at].parse().unwrap(), plain[at].parse().unwrap());
        assert!(a > b, "{name}: riposte {a} is not above plain BM25 {b}");
    }
}
