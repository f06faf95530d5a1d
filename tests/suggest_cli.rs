//! `riposte suggest`, `eval-suggest` and `repeats` through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{repo, riposte};
use riposte::model::{ClaimId, Project, Relation};
use std::path::Path;

/// A temp folder with `p.ron`, a copy of the demo project.
fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("saves/demo.ron"), dir.path().join("p.ron")).unwrap();
    dir
}

fn load(dir: &Path) -> Project {
    riposte::io::load(&dir.join("p.ron")).unwrap().project
}

fn ok(args: &[&str], dir: &Path) -> String {
    let (code, out, err) = riposte(args, dir);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn json_lines(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn suggest_lists_spans_of_the_articles_best_first_without_known_responses() {
    let dir = demo_copy();
    let out = ok(
        &["suggest", "p.ron", "c6", "--top", "4", "--format", "jsonl"],
        dir.path(),
    );
    let project = load(dir.path());
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 4);
    let mut previous = f64::INFINITY;
    for (rank, line) in lines.iter().enumerate() {
        assert_eq!(line["rank"], rank + 1);
        let article = project
            .article(line["article"].as_str().unwrap().parse().unwrap())
            .unwrap();
        let (start, end) = (
            line["start"].as_u64().unwrap() as usize,
            line["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&article.text[start..end], line["quote"].as_str().unwrap());
        let score = line["score"].as_f64().unwrap();
        assert!(score > 0.0 && score <= previous, "{out}");
        previous = score;
        assert!(!line["reasons"].as_array().unwrap().is_empty(), "{line}");
        // c6 (the OSCE's report) is answered by c7 and c8: never suggested.
        for known in ["c7", "c8"] {
            let claim = project.claim(known.parse().unwrap()).unwrap();
            let overlaps =
                claim.article == article.id && claim.anchor.start < end && start < claim.anchor.end;
            assert!(!overlaps, "{known} suggested again: {line}");
        }
    }

    let text = ok(&["suggest", "p.ron", "c6", "--top", "2"], dir.path());
    let first: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
    assert_eq!(first[0], "1");
    assert_eq!(first[2], lines[0]["article"].as_str().unwrap());
    assert_eq!(text.lines().count(), 4, "two candidates, two lines each");
}

#[test]
fn accepting_a_candidate_marks_the_response_and_links_it_in_one_step() {
    let dir = demo_copy();
    let before = load(dir.path());
    let top = json_lines(&ok(
        &["suggest", "p.ron", "c1", "--top", "1", "--format", "jsonl"],
        dir.path(),
    ))
    .remove(0);
    let out = ok(
        &[
            "suggest",
            "p.ron",
            "c1",
            "--accept",
            "1",
            "--relation",
            "denies",
        ],
        dir.path(),
    );
    let after = load(dir.path());
    let link = after.link(out.trim().parse().unwrap()).unwrap();
    assert_eq!(after.claims.len(), before.claims.len() + 1);
    assert_eq!(after.links.len(), before.links.len() + 1);
    assert_eq!(
        (link.claim, link.info.relation),
        (ClaimId::untagged(1), Relation::Denies)
    );
    let response = after.claim(link.response).unwrap();
    assert_eq!(
        response.article.to_string(),
        top["article"].as_str().unwrap()
    );
    assert_eq!(response.anchor.quote, top["quote"].as_str().unwrap());
    assert!(after.problems().is_empty());

    // Accepted, it is a known response now and is not suggested again.
    let again = json_lines(&ok(
        &["suggest", "p.ron", "c1", "--format", "jsonl"],
        dir.path(),
    ));
    assert!(again.iter().all(|c| c["quote"] != top["quote"]));
}

#[test]
fn a_rejected_candidate_is_kept_in_the_project_and_never_suggested_again() {
    let dir = demo_copy();
    let first = json_lines(&ok(
        &["suggest", "p.ron", "c10", "--top", "3", "--format", "jsonl"],
        dir.path(),
    ));
    let out = ok(&["suggest", "p.ron", "c10", "--reject", "1"], dir.path());
    let expected = format!(
        "rejected {} {}..{}\n",
        first[0]["article"].as_str().unwrap(),
        first[0]["start"],
        first[0]["end"]
    );
    assert_eq!(out, expected);
    let project = load(dir.path());
    assert_eq!(project.rejected_candidates.len(), 1);
    assert_eq!(
        project.rejected_candidates[0].quote,
        first[0]["quote"].as_str().unwrap()
    );
    let again = json_lines(&ok(
        &["suggest", "p.ron", "c10", "--top", "3", "--format", "jsonl"],
        dir.path(),
    ));
    assert_eq!(again[0]["quote"], first[1]["quote"]);
    assert!(again.iter().all(|c| c["quote"] != first[0]["quote"]));
    // Other claims are unaffected by the rejection.
    let other = ok(&["suggest", "p.ron", "c1", "--format", "jsonl"], dir.path());
    assert!(!other.is_empty());
    let (code, out, _) = riposte(&["check", "p.ron"], dir.path());
    assert_eq!(
        (code, out.trim()),
        (0, "5 articles, 13 claims, 7 links (5 curated)")
    );
}

#[test]
fn rejected_candidates_are_listed_and_restored_in_one_step() {
    let dir = demo_copy();
    let first = json_lines(&ok(
        &["suggest", "p.ron", "c10", "--top", "3", "--format", "jsonl"],
        dir.path(),
    ));
    assert_eq!(
        ok(&["suggest", "p.ron", "c10", "--rejected"], dir.path()),
        ""
    );
    ok(&["suggest", "p.ron", "c10", "--reject", "1"], dir.path());
    let listed = json_lines(&ok(
        &["suggest", "p.ron", "c10", "--rejected", "--format", "jsonl"],
        dir.path(),
    ));
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["number"], 1);
    for field in ["article", "start", "end", "quote"] {
        assert_eq!(listed[0][field], first[0][field], "{field}");
    }
    let text = ok(&["suggest", "p.ron", "c10", "--rejected"], dir.path());
    assert!(text.starts_with("1\t"), "{text}");

    let out = ok(&["suggest", "p.ron", "c10", "--restore", "1"], dir.path());
    let expected = format!(
        "restored {} {}..{}\n",
        first[0]["article"].as_str().unwrap(),
        first[0]["start"],
        first[0]["end"]
    );
    assert_eq!(out, expected);
    assert!(load(dir.path()).rejected_candidates.is_empty());
    let again = json_lines(&ok(
        &["suggest", "p.ron", "c10", "--top", "3", "--format", "jsonl"],
        dir.path(),
    ));
    assert_eq!(again, first);

    let (code, _, err) = riposte(&["suggest", "p.ron", "c10", "--restore", "1"], dir.path());
    assert_eq!(code, 1);
    assert_eq!(
        err.trim(),
        "riposte: no rejected candidate 1 for c10 (0 rejected)"
    );
}

#[test]
fn suggest_errors_are_one_line_naming_the_file() {
    let dir = demo_copy();
    let (code, out, err) = riposte(&["suggest", "p.ron", "c99"], dir.path());
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(err.trim(), "riposte: p.ron: claim c99 does not exist");
    let (code, _, err) = riposte(
        &[
            "suggest",
            "p.ron",
            "c1",
            "--accept",
            "9999",
            "--relation",
            "denies",
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with("riposte: no candidate at rank 9999"),
        "{err}"
    );
    let (code, _, err) = riposte(&["suggest", "p.ron", "c1", "--accept", "1"], dir.path());
    assert_eq!(code, 2, "--accept needs --relation: {err}");
    let (code, _, err) = riposte(&["suggest", "p.ron", "c1", "--format", "xml"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("expected text or jsonl"), "{err}");
    let (code, _, err) = riposte(&["suggest", "missing.ron", "c1"], dir.path());
    assert_eq!(code, 1);
    assert!(err.contains("missing.ron"), "{err}");
}

#[test]
fn eval_suggest_prints_recall_mrr_and_the_number_of_pairs() {
    let dir = demo_copy();
    let out = ok(&["eval-suggest", "p.ron"], dir.path());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "ranker\triposte");
    assert_eq!(lines[1], "pairs\t5");
    assert!(lines[2].starts_with("recall@1\t0."), "{out}");
    assert!(lines[3].starts_with("recall@5\t"), "{out}");
    assert!(lines[4].starts_with("MRR\t"), "{out}");
    let out = ok(
        &[
            "eval-suggest",
            "p.ron",
            "--k",
            "3",
            "--ranker",
            "bm25",
            "--verbose",
        ],
        dir.path(),
    );
    assert!(out.contains("ranker\tbm25\npairs\t5\n"), "{out}");
    assert!(out.contains("\nrecall@3\t"), "{out}");
    assert!(out.starts_with("l1\tc1 → c2\trank "), "{out}");
    let (code, _, err) = riposte(&["eval-suggest", "p.ron", "--ranker", "magic"], dir.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("expected riposte, bm25 or grams-bm25"),
        "{err}"
    );
}

/// Articles that repeat one claim in several spellings, one that does not,
/// and one that denies it.
fn repeats_project(dir: &Path) {
    let texts = [
        "date 2024-05-01\nAmbassador's remarks\nAlpha News:\n\nThe ambassador said that the EU funds the opposition parties in the country. Nothing else was said.\n",
        "date 2024-05-02\nQuotes\nBeta Daily:\n\nSources insist that “the EU funds the  opposition parties in the country”, he claimed.\n",
        "date 2024-05-02\nLoud\nGamma Post:\n\nHE REPEATED: THE EU FUNDS THE OPPOSITION PARTIES IN THE COUNTRY!\n",
        "date 2024-05-03\nTypos\nDelta Wire:\n\nReaders were told the E.U. funds the oposition parties in the country, again.\n",
        "date 2024-05-03\nSchools\nEpsilon:\n\nThe EU funds new schools in the country's north.\n",
        "date 2024-05-04\nDenial\nZeta Times:\n\nThe EU mission denied that it gives money to any party.\n",
    ];
    let mut paths = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let path = dir.join(format!("{i}.txt"));
        std::fs::write(&path, text).unwrap();
        paths.push(path.to_str().unwrap().to_string());
    }
    let mut args = vec!["import"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["--into", "p.ron"]);
    ok(&args, dir);
    let claim = |article: &str, quote: &str| {
        ok(
            &[
                "claim",
                "p.ron",
                "--article",
                article,
                "--speaker",
                "Ambassador",
                "--quote",
                quote,
            ],
            dir,
        )
    };
    assert_eq!(
        claim("a1", "the EU funds the opposition parties in the country").trim(),
        "c1"
    );
    assert_eq!(
        claim(
            "a6",
            "The EU mission denied that it gives money to any party"
        )
        .trim(),
        "c2"
    );
    assert_eq!(
        claim("a3", "THE EU FUNDS THE OPPOSITION PARTIES").trim(),
        "c3"
    );
    ok(&["link", "p.ron", "c1", "c2", "--relation", "denies"], dir);
}

#[test]
fn repeats_lists_near_identical_spans_and_apply_records_them_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    repeats_project(dir.path());
    let out = ok(&["repeats", "p.ron", "c1", "--format", "jsonl"], dir.path());
    let found = json_lines(&out);
    let places: Vec<(&str, &str)> = found
        .iter()
        .map(|m| (m["article"].as_str().unwrap(), m["quote"].as_str().unwrap()))
        .collect();
    assert_eq!(
        places,
        [
            ("a2", "the EU funds the  opposition parties in the country"),
            ("a3", "THE EU FUNDS THE OPPOSITION PARTIES IN THE COUNTRY"),
            ("a4", "the E.U. funds the oposition parties in the country"),
        ],
        "{out}"
    );
    assert_eq!(found[0]["score"], 1.0);
    assert!(found[2]["score"].as_f64().unwrap() < 1.0);
    assert!(
        found[1]["reasons"].to_string().contains("already claim c3"),
        "{out}"
    );

    let out = ok(
        &["repeats", "p.ron", "c1", "--apply", "--link-responses"],
        dir.path(),
    );
    let mut ids: Vec<&str> = out.lines().collect();
    ids.sort_unstable();
    assert_eq!(ids, ["c3", "c4", "c5"]);
    let project = load(dir.path());
    assert!(project.problems().is_empty());
    for id in ids {
        let repeat = project.claim(id.parse().unwrap()).unwrap();
        assert_eq!(repeat.repeat_of, Some(ClaimId::untagged(1)), "{id}");
        assert_eq!(repeat.info.speaker, "Ambassador");
        let link = project.links.iter().find(|l| l.claim == repeat.id).unwrap();
        assert_eq!(
            (link.response, link.info.relation),
            (ClaimId::untagged(2), Relation::Denies)
        );
    }
    // Recorded: nothing left to find, from the original or from a repeat.
    assert_eq!(ok(&["repeats", "p.ron", "c1"], dir.path()), "");
    assert_eq!(ok(&["repeats", "p.ron", "c4"], dir.path()), "");
    let (code, out, err) = riposte(&["repeats", "p.ron", "c1", "--apply"], dir.path());
    assert_eq!((code, out.as_str()), (0, ""));
    assert!(err.contains("no repeats of c1"), "{err}");
}

#[test]
fn repeats_are_exported_with_the_claim_they_repeat() {
    let dir = tempfile::tempdir().unwrap();
    repeats_project(dir.path());
    ok(
        &["repeats", "p.ron", "c1", "--apply", "--link-responses"],
        dir.path(),
    );
    let out = ok(
        &["export", "p.ron", "--format", "jsonl", "--status", "all"],
        dir.path(),
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 4);
    assert!(
        lines[0]["claim"].get("repeat_of").is_none(),
        "the original: {}",
        lines[0]
    );
    for line in &lines[1..] {
        assert_eq!(line["claim"]["repeat_of"], "c1", "{line}");
    }
    let ron = ok(
        &["export", "p.ron", "--format", "ron", "--status", "all"],
        dir.path(),
    );
    assert_eq!(ron.matches("repeat_of: Some(\"c1\")").count(), 3, "{ron}");
}

#[test]
fn repeats_errors_name_the_file() {
    let dir = demo_copy();
    let (code, _, err) = riposte(&["repeats", "p.ron", "c77"], dir.path());
    assert_eq!(code, 1);
    assert_eq!(err.trim(), "riposte: p.ron: claim c77 does not exist");
    let (code, _, _) = riposte(&["repeats", "p.ron", "c1", "--link-responses"], dir.path());
    assert_eq!(code, 2, "--link-responses needs --apply");
}
