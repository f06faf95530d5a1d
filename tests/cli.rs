//! Every CLI command, including its error paths, through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{repo, riposte};
use std::path::Path;

/// A temp folder with `p.ron` holding the five seeds.
fn seeded() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = repo().join("seeds");
    let (code, out, err) = riposte(
        &["import", seeds.to_str().unwrap(), "--into", "p.ron"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 5);
    dir
}

fn claim(dir: &Path, article: &str, quote: &str) -> String {
    let (code, out, err) = riposte(
        &["claim", "p.ron", "--article", article, "--quote", quote],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    out.trim().to_string()
}

#[test]
fn import_prints_one_line_per_article_and_reports_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = repo().join("seeds");
    let (code, out, _) = riposte(
        &["import", seeds.to_str().unwrap(), "--into", "p.ron"],
        dir.path(),
    );
    assert_eq!(code, 0);
    let first: Vec<&str> = out.lines().next().unwrap().split('\t').collect();
    assert_eq!(first[0], "a1");
    assert_eq!(first[1], "2024-08-20");
    assert_eq!(first[2], "-");
    let second: Vec<&str> = out.lines().nth(1).unwrap().split('\t').collect();
    assert_eq!(second[1..3], ["2024-02-02 12:18 (UTC+04:00)", "Azernews"]);

    let seed = seeds.join("004_88f1b7df856c2380.txt");
    let (code, out, err) = riposte(
        &["import", seed.to_str().unwrap(), "--into", "p.ron"],
        dir.path(),
    );
    assert_eq!(code, 0);
    assert!(out.is_empty());
    assert!(err.contains("same text as article a5"), "{err}");
}

#[test]
fn import_fails_for_missing_paths_after_importing_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let seed = repo().join("seeds/004_88f1b7df856c2380.txt");
    let (code, out, err) = riposte(
        &[
            "import",
            "missing.txt",
            seed.to_str().unwrap(),
            "--into",
            "p.ron",
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(out.starts_with("a1\t"));
    assert!(err.contains("missing.txt: no such file or folder"), "{err}");
    let (code, out, _) = riposte(&["check", "p.ron"], dir.path());
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "1 articles, 0 claims, 0 links (0 curated)");
}

#[test]
fn claim_and_link_print_ids_and_check_summarises() {
    let dir = seeded();
    let claim_id = claim(
        dir.path(),
        "a2",
        "noted some problems regarding the election conditions",
    );
    assert_eq!(claim_id, "c1");
    let response = claim(
        dir.path(),
        "3",
        "The elections were held wholly in compliance",
    );
    assert_eq!(response, "c2");
    let (code, out, err) = riposte(
        &[
            "link",
            "p.ron",
            &claim_id,
            &response,
            "--relation",
            "Contradicts",
            "--status",
            "curated",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "l1\n");
    let (code, out, _) = riposte(&["check", "p.ron"], dir.path());
    assert_eq!(code, 0);
    assert_eq!(out, "5 articles, 2 claims, 1 links (1 curated)\n");
}

#[test]
fn claim_errors_name_the_file() {
    let dir = seeded();
    let (code, out, err) = riposte(
        &[
            "claim",
            "p.ron",
            "--article",
            "a1",
            "--quote",
            "no such words",
        ],
        dir.path(),
    );
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err.trim(),
        "riposte: p.ron: article a1: the quote does not occur in the article"
    );

    let (code, _, err) = riposte(
        &["claim", "p.ron", "--article", "a1", "--quote", "Musavat"],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("occurs 6 times"), "{err}");
    let (code, out, _) = riposte(
        &[
            "claim",
            "p.ron",
            "--article",
            "a1",
            "--quote",
            "Musavat",
            "--occurrence",
            "2",
            "--speaker",
            "X",
        ],
        dir.path(),
    );
    assert_eq!((code, out.trim()), (0, "c1"));

    let (code, _, err) = riposte(
        &["claim", "p.ron", "--article", "a9", "--quote", "x"],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("p.ron: no article a9"), "{err}");
    let (code, _, err) = riposte(
        &["claim", "none.ron", "--article", "a1", "--quote", "x"],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("none.ron: cannot read"), "{err}");
}

#[test]
fn link_errors_are_clear() {
    let dir = seeded();
    let claim_id = claim(dir.path(), "a2", "noted some problems");
    let (code, _, err) = riposte(
        &[
            "link",
            "p.ron",
            &claim_id,
            &claim_id,
            "--relation",
            "denies",
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("two different claims"), "{err}");
    let (code, _, err) = riposte(
        &["link", "p.ron", &claim_id, "c99", "--relation", "denies"],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("p.ron: claim c99 does not exist"), "{err}");
    let (code, _, err) = riposte(
        &["link", "p.ron", &claim_id, "c1", "--relation", "agrees"],
        dir.path(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("unknown relation 'agrees'"), "{err}");
}

#[test]
fn check_reports_broken_files_and_anchors() {
    let dir = seeded();
    claim(dir.path(), "a2", "noted some problems");
    let path = dir.path().join("p.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(
            "quote: \"noted some problems\"",
            "quote: \"noted many problems\"",
            1,
        ),
    )
    .unwrap();
    let (code, out, _) = riposte(&["check", "p.ron"], dir.path());
    assert_eq!(code, 1);
    assert!(
        out.starts_with("p.ron: claim c1 no longer matches article a2"),
        "{out}"
    );

    std::fs::write(
        &path,
        "(format: \"riposte-project\", version: 1,\n  project: (title: 5))",
    )
    .unwrap();
    let (code, _, err) = riposte(&["check", "p.ron"], dir.path());
    assert_eq!(code, 1);
    assert!(err.starts_with("riposte: p.ron:2:"), "{err}");
}

#[test]
fn export_ron_to_stdout_and_file() {
    let dir = seeded();
    let claim_id = claim(
        dir.path(),
        "a2",
        "noted some problems regarding the election conditions",
    );
    let response = claim(
        dir.path(),
        "a3",
        "The elections were held wholly in compliance",
    );
    riposte(
        &[
            "link",
            "p.ron",
            &claim_id,
            &response,
            "--relation",
            "contradicts",
        ],
        dir.path(),
    );

    let (code, out, _) = riposte(&["export", "p.ron", "--format", "ron"], dir.path());
    assert_eq!(code, 0);
    assert!(
        out.contains("pairs: []"),
        "draft links are not curated: {out}"
    );

    let (code, out, _) = riposte(&["export", "p.ron", "--status", "all"], dir.path());
    assert_eq!(code, 0);
    for expected in [
        "format: \"riposte-pairs\"",
        "relation: Contradicts",
        "status: Draft",
        "quote: \"noted some problems regarding the election conditions\"",
        "outlet: \"Azernews\"",
        // ISO 8601 parts, as in every export (issue 15), not display text.
        "date: Some(\"2024-02-02\")",
        "time: Some(\"12:18:00\")",
        "utc_offset: Some(\"+04:00\")",
        "days_between: Some(293)",
    ] {
        assert!(out.contains(expected), "missing {expected} in {out}");
    }
    let (code, _, _) = riposte(
        &["export", "p.ron", "--status", "all", "--out", "pairs.ron"],
        dir.path(),
    );
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pairs.ron")).unwrap(),
        out
    );

    let (code, _, err) = riposte(&["export", "p.ron", "--format", "pdf"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("unknown format 'pdf'"), "{err}");
}

#[test]
fn demo_project_checks_clean() {
    let (code, out, err) = riposte(&["check", "saves/demo.ron"], &repo());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "5 articles, 13 claims, 7 links (5 curated)\n");
}

#[test]
fn version_prints_the_package_version() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = riposte(&["--version"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), format!("riposte {}", env!("CARGO_PKG_VERSION")));
}
