//! Hostile and damaged project files: the loader never panics, explains
//! what is wrong (`FILE:LINE:COL` for syntax), and keeps every valid part of
//! a file whose records are inconsistent, flagging the bad ones.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use riposte::io::project_file::{LoadError, MAX_FILE_BYTES, load, load_str, save, to_ron_string};
use riposte::model::{
    AnchorError, ArticleId, ClaimId, LinkId, Problem, Replica, Review, Stamp, apply,
};

const FIXTURE: &str = include_str!("data/project_v1.ron");

fn load_text(text: &str) -> Result<riposte::io::Loaded, LoadError> {
    load_str(text, "bad.ron")
}

/// The fixture with its first occurrence of `from` replaced by `to`.
fn fixture_with(from: &str, to: &str) -> String {
    assert!(FIXTURE.contains(from), "fixture lacks {from:?}");
    FIXTURE.replacen(from, to, 1)
}

fn stamp() -> Stamp {
    Stamp {
        analyst: "tester".to_string(),
        at: chrono::DateTime::from_timestamp(1_732_530_000, 0).unwrap(),
    }
}

#[test]
fn malformed_ron_names_file_line_and_column() {
    let text = fixture_with(
        "        title: \"project_v1\",",
        "        title: \"project_v1\" oops,",
    );
    let error = load_text(&text).expect_err("malformed");
    let message = error.to_string();
    assert!(message.starts_with("bad.ron:5:"), "{message}");
    assert!(matches!(error, LoadError::Syntax { line: 5, .. }));
}

#[test]
fn newer_version_is_refused_with_a_clear_message() {
    let text = fixture_with("version: 1,", "version: 3,");
    let error = load_text(&text).expect_err("newer");
    assert!(matches!(error, LoadError::NewerVersion { version: 3, .. }));
    assert!(error.to_string().contains("newer Riposte"), "{error}");
    // A newer file that our parser could not even read says the same.
    let alien = "(format: \"riposte-project\", version: 9, project: (future: {1: [2]}))";
    assert!(matches!(
        load_text(alien),
        Err(LoadError::NewerVersion { version: 9, .. })
    ));
}

#[test]
fn truncated_file_reports_where_it_ends() {
    for cut in [FIXTURE.len() / 3, FIXTURE.len() / 2, FIXTURE.len() - 3] {
        let cut = riposte::model::floor_char_boundary(FIXTURE, cut);
        let error = load_text(&FIXTURE[..cut]).expect_err("truncated");
        let LoadError::Syntax { line, .. } = error else {
            panic!("expected a syntax error, got {error}");
        };
        assert!(line > 1, "{error}");
    }
}

#[test]
fn empty_and_blank_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.ron");
    std::fs::write(&path, b"").unwrap();
    let error = load(&path).expect_err("empty");
    assert!(matches!(error, LoadError::Empty { .. }));
    assert!(error.to_string().contains("empty.ron: the file is empty"));
    assert!(matches!(load_text(" \n\t"), Err(LoadError::Empty { .. })));
}

#[test]
fn binary_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image.ron");
    let mut bytes = b"(\n  format: ".to_vec();
    bytes.extend([0x89, b'P', b'N', b'G', 0xff, 0x00, 0x1a]);
    std::fs::write(&path, &bytes).unwrap();
    let error = load(&path).expect_err("binary");
    assert!(
        matches!(
            error,
            LoadError::NotUtf8 {
                line: 2,
                col: 11,
                ..
            }
        ),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .starts_with(&format!("{}:2:11:", path.display()))
    );
    // Valid UTF-8 that is still binary junk is a syntax error.
    let junk = "\u{0}\u{1}\u{7f}ELF\u{0}";
    assert!(matches!(
        load_text(junk),
        Err(LoadError::Syntax { line: 1, .. })
    ));
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: takes no disk space, and reading it would take 1 GiB of RAM.
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    let error = load(&path).expect_err("too large");
    assert!(matches!(error, LoadError::TooLarge { .. }), "{error}");
}

#[test]
fn devices_and_folders_are_refused_without_reading() {
    // /dev/zero reports size 0 and never ends: reading it would not stop.
    if Path::new("/dev/zero").exists() {
        let error = load(Path::new("/dev/zero")).expect_err("device");
        assert!(matches!(error, LoadError::NotAFile { .. }), "{error}");
    }
    let dir = tempfile::tempdir().unwrap();
    let error = load(dir.path()).expect_err("folder");
    assert!(error.to_string().ends_with("not a regular file"), "{error}");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = "[".repeat(100_000);
    let inside = format!(
        "(format: \"riposte-project\", version: 1, project: (title: \"t\", articles: {deep}))"
    );
    let error = load_text(&inside).expect_err("too deep");
    assert!(matches!(error, LoadError::Syntax { .. }), "{error}");
    // No header the quick scan understands: the fallback parser is limited too.
    let bare = format!("// comment\n{deep}");
    assert!(matches!(load_text(&bare), Err(LoadError::Syntax { .. })));
}

fn claim_problems(loaded: &riposte::io::Loaded, claim: u32) -> Vec<&Problem> {
    loaded
        .problems
        .iter()
        .filter(|p| matches!(p, Problem::BrokenAnchor { claim: c, .. } if *c == ClaimId::untagged(claim)))
        .collect()
}

#[test]
fn broken_spans_are_flagged_and_kept() {
    let cases = [
        (
            "start: 547,\n                    end: 600,",
            "start: 547,\n                    end: 60000000,",
            "outside",
        ),
        ("start: 547,", "start: 548,", "does not match"),
        ("end: 600,", "end: 5,", "outside"),
    ];
    for (from, to, says) in cases {
        let loaded = load_text(&fixture_with(from, to)).expect("loads");
        assert_eq!(loaded.project.claims.len(), 4);
        assert_eq!(loaded.project.links.len(), 2);
        let problems = claim_problems(&loaded, 1);
        assert_eq!(problems.len(), 1, "{:?}", loaded.problems);
        assert!(problems[0].to_string().contains(says), "{}", problems[0]);
    }
}

#[test]
fn a_span_off_a_char_boundary_is_flagged() {
    // Claim 3's article contains non-ASCII quotes (“Musavat”): put the span
    // start inside one of them.
    let loaded = load_text(FIXTURE).expect("loads");
    let article = loaded.project.article(ArticleId::untagged(1)).unwrap();
    let inside = article.text.find('“').unwrap() + 1;
    let claim = loaded.project.claim(ClaimId::untagged(3)).unwrap();
    let from = format!("start: {},", claim.anchor.start);
    let text = fixture_with(&from, &format!("start: {inside},"));
    let loaded = load_text(&text).expect("loads");
    assert!(
        loaded.problems.iter().any(|p| matches!(
            p,
            Problem::BrokenAnchor {
                claim,
                error: AnchorError::NotCharBoundary { .. },
                ..
            } if *claim == ClaimId::untagged(3)
        )),
        "{:?}",
        loaded.problems
    );
    assert_eq!(loaded.project.claims.len(), 4);
}

#[test]
fn a_changed_quote_is_flagged_and_can_be_repaired_by_reanchoring() {
    let text = fixture_with(
        "quote: \"noted some problems",
        "quote: \"noted SOME problems",
    );
    let loaded = load_text(&text).expect("loads");
    assert_eq!(claim_problems(&loaded, 1).len(), 1);
    // Re-anchoring against the unchanged text repairs the flagged claim.
    let article = loaded
        .project
        .article(ArticleId::untagged(2))
        .unwrap()
        .text
        .clone();
    let mut project = loaded.project.clone();
    let (edit, results) =
        riposte::model::edit_article_text(&project, ArticleId::untagged(2), &article, &stamp())
            .expect("edit");
    assert!(matches!(
        results[0].outcome,
        riposte::model::Outcome::Fuzzy { .. }
    ));
    apply(&mut project, edit).expect("applies");
    assert!(project.problems().is_empty(), "{:?}", project.problems());
}

#[test]
fn links_to_missing_claims_are_flagged_and_kept() {
    let text = fixture_with("response: 4,", "response: 99,");
    let loaded = load_text(&text).expect("loads");
    assert_eq!(loaded.project.links.len(), 2);
    assert!(loaded.problems.contains(&Problem::LinkToMissingClaim {
        link: LinkId::untagged(1),
        claim: ClaimId::untagged(99)
    }));
}

#[test]
fn a_claim_of_a_missing_article_is_flagged_and_kept() {
    let text = fixture_with("article: 2,", "article: 42,");
    let loaded = load_text(&text).expect("loads");
    assert_eq!(loaded.project.claims.len(), 4);
    assert!(loaded.problems.contains(&Problem::ClaimWithoutArticle {
        claim: ClaimId::untagged(1),
        article: ArticleId::untagged(42)
    }));
}

#[test]
fn duplicate_ids_renumber_the_later_record() {
    // Claim 2 becomes a second claim 1.
    let text = fixture_with(
        "id: 2,\n                article: 3,",
        "id: 1,\n                article: 3,",
    );
    let loaded = load_text(&text).expect("loads");
    let project = &loaded.project;
    // A fresh id: the next number, with this session's tag.
    let renumbered = ClaimId::new(5, Replica::session());
    assert_eq!(project.claims.len(), 4, "nothing is lost");
    assert!(
        loaded.problems.contains(&Problem::Renumbered {
            kind: "claim",
            old: "c1".to_string(),
            new: renumbered.to_string(),
        }),
        "{:?}",
        loaded.problems
    );
    // The first keeps its id; the later one is c5 and is in the article it named.
    assert_eq!(
        project.claim(ClaimId::untagged(1)).unwrap().article,
        ArticleId::untagged(2)
    );
    assert_eq!(
        project.claim(renumbered).unwrap().article,
        ArticleId::untagged(3)
    );
    assert_eq!(project.next_ids.claim, 6);
    // Link l2 named c1 → c2; c2 no longer exists, so that end is flagged.
    assert!(loaded.problems.contains(&Problem::LinkToMissingClaim {
        link: LinkId::untagged(2),
        claim: ClaimId::untagged(2)
    }));
    // The repaired project saves and loads with only the dangling link left.
    let again = load_text(&to_ron_string(project).unwrap()).expect("reloads");
    assert_eq!(again.problems.len(), 1, "{:?}", again.problems);
}

#[test]
fn unknown_fields_are_ignored() {
    let text = fixture_with(
        "    version: 1,",
        "    version: 1,\n    written_by: \"riposte 1.1\",",
    )
    .replacen(
        "speaker: \"OSCE\",",
        "speaker: \"OSCE\",\n colour: Some(\"red\"),",
        1,
    );
    let loaded = load_text(&text).expect("a newer minor revision still loads");
    assert!(loaded.problems.is_empty());
    assert_eq!(
        loaded.project.summary(),
        "3 articles, 4 claims, 2 links (1 curated)"
    );
}

#[test]
fn orphans_in_a_file_are_not_problems_but_bad_ones_are() {
    let orphan = "start: 0,\n                    end: 0,";
    let text = fixture_with("start: 547,\n                    end: 600,", orphan).replacen(
        "modified: \"2024-11-25T10:20:00Z\",\n            ),",
        "modified: \"2024-11-25T10:20:00Z\",\n                review: Some(Orphaned(old_start: 547)),\n            ),",
        1,
    );
    let loaded = load_text(&text).expect("loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(
        loaded
            .project
            .claim(ClaimId::untagged(1))
            .unwrap()
            .is_orphan()
    );
    let ranged = text.replacen(orphan, "start: 0,\n                    end: 4,", 1);
    let loaded = load_text(&ranged).expect("loads");
    assert_eq!(claim_problems(&loaded, 1).len(), 1);
}

#[test]
fn confidence_outside_zero_to_one_is_clamped_and_flagged() {
    let text = fixture_with(
        "modified: \"2024-11-25T10:20:00Z\",\n            ),",
        "modified: \"2024-11-25T10:20:00Z\",\n                review: Some(LowConfidence(confidence: NaN, old_quote: \"x\")),\n            ),",
    );
    let loaded = load_text(&text).expect("loads");
    assert!(matches!(
        loaded.project.claim(ClaimId::untagged(1)).unwrap().review,
        Some(Review::LowConfidence { confidence, .. }) if confidence == 0.0
    ));
    assert!(
        loaded
            .problems
            .iter()
            .any(|p| matches!(p, Problem::BadConfidence { .. }))
    );
}

#[test]
fn the_loader_never_reads_files_the_project_names() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    // Reading a FIFO with no writer blocks forever: if the loader opened the
    // article's source file, this test would hang.
    // The test must run, never skip: without mkfifo it fails.
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("the mkfifo program runs (install coreutils)");
    assert!(made.success(), "mkfifo {} failed", fifo.display());
    let text = FIXTURE.replace(
        "source_path: \"seeds/000_7fa0120292ddc080.txt\"",
        &format!("source_path: \"{}\"", fifo.display()),
    );
    assert_ne!(text, FIXTURE);
    let path = dir.path().join("p.ron");
    std::fs::write(&path, text).unwrap();
    assert!(load(&path).expect("loads").problems.is_empty());
}

#[test]
fn non_utf8_article_imports_as_windows_1252_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin.txt");
    std::fs::write(
        &path,
        b"Caf\xe9 owner \x93denies\x94 the report\r\nSecond line",
    )
    .unwrap();
    let report = riposte::io::import::import_paths(
        &riposte::model::Project::new("t"),
        std::slice::from_ref(&path),
        &stamp(),
    );
    assert_eq!(report.warnings.len(), 1);
    assert!(
        report.warnings[0].contains("Windows-1252"),
        "{:?}",
        report.warnings
    );
    let mut project = riposte::model::Project::new("t");
    apply(&mut project, report.edit.unwrap()).unwrap();
    assert_eq!(
        &*project.articles[0].text,
        "Café owner “denies” the report\nSecond line"
    );
}

fn round_trip_bytes(dir: &Path, project: &riposte::model::Project) -> riposte::model::Project {
    let path = dir.join("rt.ron");
    save(&path, project).unwrap();
    let first = std::fs::read(&path).unwrap();
    let loaded = load(&path).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(&loaded.project, project);
    save(&path, &loaded.project).unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        first,
        "save → load → save changed bytes"
    );
    loaded.project
}

#[test]
fn naughty_strings_round_trip_byte_identically() {
    let blns = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/blns.txt"))
        .unwrap();
    let lines: Vec<&str> = blns
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert!(lines.len() > 400);
    let mut project = riposte::model::Project::new("Naughty \u{202e}title");
    let article =
        riposte::io::import::article_from_text(ArticleId::untagged(1), &blns, "blns.txt", &stamp());
    let text = article.text.clone();
    apply(
        &mut project,
        riposte::model::Edit::Insert(Box::new(riposte::model::Bundle {
            articles: vec![article],
            ..Default::default()
        })),
    )
    .unwrap();
    // One claim per naughty line that occurs in the text, with the line
    // as speaker, via, note and tag.
    for line in &lines {
        let Ok(anchor) = riposte::model::Anchor::from_quote(&text, line, Some(1)) else {
            continue;
        };
        let info = riposte::model::ClaimInfo {
            speaker: line.to_string(),
            via: line.chars().rev().collect(),
            note: format!("{line}\n{line}\r\n\t\"{line}\""),
            tags: vec![line.to_string()],
        };
        let (edit, _) = riposte::model::Edit::add_claim(
            &project,
            ArticleId::untagged(1),
            anchor,
            info,
            &stamp(),
        );
        apply(&mut project, edit).unwrap();
    }
    assert!(project.claims.len() > 400, "{}", project.claims.len());
    let dir = tempfile::tempdir().unwrap();
    round_trip_bytes(dir.path(), &project);
}

#[test]
fn a_100_mb_article_imports_saves_and_loads() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("huge.txt");
    let paragraph = include_str!("../seeds/000_7fa0120292ddc080.txt");
    let repeats = 100 * 1024 * 1024 / paragraph.len() + 1;
    std::fs::write(&source, paragraph.repeat(repeats)).unwrap();
    let started = std::time::Instant::now();
    let mut project = riposte::model::Project::new("big");
    let report = riposte::io::import::import_paths(&project, &[source], &stamp());
    apply(&mut project, report.edit.unwrap()).unwrap();
    assert!(project.articles[0].text.len() >= 100 * 1024 * 1024);
    let anchor = riposte::model::Anchor::from_quote(
        &project.articles[0].text,
        "The EU Mission categorically denied",
        Some(repeats),
    )
    .unwrap();
    let (edit, _) = riposte::model::Edit::add_claim(
        &project,
        project.articles[0].id,
        anchor,
        Default::default(),
        &stamp(),
    );
    apply(&mut project, edit).unwrap();
    let path = dir.path().join("big.ron");
    save(&path, &project).unwrap();
    let loaded = load(&path).unwrap();
    assert!(loaded.problems.is_empty());
    assert!(loaded.project == project);
    eprintln!("100 MB import + save + load: {:?}", started.elapsed());
}

/// Found by `cargo fuzz` (load_project): three articles with the same id
/// renumbered only the first duplicate, so saving and loading again changed
/// the project.
#[test]
fn fuzz_regression_three_equal_ids_all_renumbered() {
    let text = include_str!("data/fuzz_load_dup_article.ron");
    let loaded = load_text(text).expect("loads");
    let ids: Vec<ArticleId> = loaded.project.articles.iter().map(|a| a.id).collect();
    let session = Replica::session();
    let renumbered = [ArticleId::new(4, session), ArticleId::new(5, session)];
    assert_eq!(
        ids,
        [
            &[ArticleId::untagged(1), ArticleId::untagged(3)][..],
            &renumbered
        ]
        .concat()
    );
    let again = load_text(&to_ron_string(&loaded.project).unwrap()).expect("reloads");
    assert_eq!(again.project, loaded.project);
}
