//! Annotations in: W3C Web Annotation (Riposte's export and Hypothesis API
//! JSON) and brat folders, with both round trips of issue 15: export,
//! import into a fresh project with the same articles, get the same claims
//! and links.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod export_support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use export_support::{demo_project, hostile_project, stamp};
use riposte::io::export::{ExportFormat, ExportOutput, render, write};
use riposte::io::import::{ImportReport, import_paths};
use riposte::model::{Article, Bundle, Edit, Project, StatusFilter, apply};

/// A project holding copies of `project`'s articles and nothing else.
fn same_articles(project: &Project) -> Project {
    let mut fresh = Project::new("fresh");
    let bundle = Bundle {
        articles: project.articles.clone(),
        ..Bundle::default()
    };
    apply(&mut fresh, Edit::Insert(Box::new(bundle))).unwrap();
    fresh
}

fn import_into(project: &mut Project, paths: &[PathBuf]) -> ImportReport {
    let mut report = import_paths(project, paths, &stamp());
    if let Some(edit) = report.edit.take() {
        apply(project, edit).unwrap();
    }
    report
}

/// A claim as the analyst sees it: where, what, who; ids aside.
type ClaimKey = (
    String,
    usize,
    usize,
    String,
    String,
    String,
    String,
    Vec<String>,
);

fn claim_key(project: &Project, id: riposte::model::ClaimId) -> ClaimKey {
    let claim = project.claim(id).unwrap();
    let article: &Article = project.article(claim.article).unwrap();
    (
        article.content_hash.clone(),
        claim.anchor.start,
        claim.anchor.end,
        claim.anchor.quote.clone(),
        claim.info.speaker.clone(),
        claim.info.via.clone(),
        claim.info.note.clone(),
        claim.info.tags.clone(),
    )
}

/// The exported links as (claim, response, relation, status, note).
fn links(project: &Project) -> BTreeSet<LinkKey> {
    project
        .links
        .iter()
        .map(|l| {
            (
                claim_key(project, l.claim),
                claim_key(project, l.response),
                l.info.relation.name().to_string(),
                l.info.status.name().to_string(),
                l.info.note.clone(),
            )
        })
        .collect()
}

/// The claims that take part in a link (the ones exports carry).
fn linked_claims(project: &Project) -> BTreeSet<ClaimKey> {
    project
        .links
        .iter()
        .flat_map(|l| [l.claim, l.response])
        .map(|id| claim_key(project, id))
        .collect()
}

fn write_export(project: &Project, format: ExportFormat, to: &Path) {
    let output = render(project, format, StatusFilter::All).unwrap();
    write(&output, to).unwrap();
    if let ExportOutput::File(_) = output {
        assert!(to.is_file());
    }
}

#[test]
fn w3c_round_trip_gives_the_same_claims_and_links() {
    for original in [demo_project(), hostile_project()] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("annotations.jsonld");
        write_export(&original, ExportFormat::W3c, &file);
        let mut fresh = same_articles(&original);
        let report = import_into(&mut fresh, &[file]);
        assert!(report.orphans.is_empty(), "{:?}", report.orphans);
        assert!(report.failures.is_empty(), "{:?}", report.failures);
        assert_eq!(linked_claims(&fresh), linked_claims(&original));
        assert_eq!(links(&fresh), links(&original));
        // Who made them and when survive too.
        for (new, old) in fresh.links.iter().zip(&original.links) {
            assert_eq!((&new.analyst, new.created), (&old.analyst, old.created));
        }
        assert!(fresh.problems().is_empty(), "{:?}", fresh.problems());
    }
}

#[test]
fn importing_the_same_annotations_twice_adds_nothing() {
    let original = demo_project();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("annotations.json");
    write_export(&original, ExportFormat::W3c, &file);
    let mut fresh = same_articles(&original);
    import_into(&mut fresh, std::slice::from_ref(&file));
    let again = import_paths(&fresh, &[file], &stamp());
    assert!(again.edit.is_none());
    assert!(again.claims.is_empty() && again.links.is_empty());
}

#[test]
fn annotations_whose_article_is_missing_are_listed_as_orphans() {
    let original = demo_project();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("annotations.json");
    write_export(&original, ExportFormat::W3c, &file);
    // The fresh project lacks article a3.
    let mut fresh = Project::new("fresh");
    let bundle = Bundle {
        articles: original.articles[..2].to_vec(),
        ..Bundle::default()
    };
    apply(&mut fresh, Edit::Insert(Box::new(bundle))).unwrap();
    let report = import_into(&mut fresh, &[file]);
    assert!(!report.orphans.is_empty());
    assert!(
        report
            .orphans
            .iter()
            .any(|o| o.contains("urn:riposte:claim:") && o.contains("no article in the project")),
        "{:?}",
        report.orphans
    );
    // The links whose ends were both placed still come in.
    assert_eq!(fresh.links.len(), 1);
}

/// A Hypothesis search result over one article of `project`, written by
/// hand in the shape of the Hypothesis API: UTF-16 positions, a quote with
/// prefix and suffix, `text`, `tags`, `user`.
fn hypothesis_rows(url: &str, text: &str) -> String {
    let quote = "significant funds to the opposition";
    let start = text.find(quote).unwrap();
    let utf16_start = text[..start].encode_utf16().count();
    let utf16_end = utf16_start + quote.encode_utf16().count();
    let prefix: String = text[..start]
        .chars()
        .rev()
        .take(20)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    serde_json::json!({
        "total": 3,
        "rows": [
            {
                "id": "hyp-1",
                "uri": url,
                "user": "acct:analyst_a@hypothes.is",
                "created": "2024-08-21T10:00:00.000000+00:00",
                "updated": "2024-08-21T10:05:00.000000+00:00",
                "text": "Check the original letter.",
                "tags": ["funding", "EU"],
                "target": [{
                    "source": url,
                    "selector": [
                        { "type": "RangeSelector", "startContainer": "/div[1]/p[3]", "startOffset": 0, "endContainer": "/div[1]/p[3]", "endOffset": 10 },
                        { "type": "TextPositionSelector", "start": utf16_start, "end": utf16_end },
                        { "type": "TextQuoteSelector", "exact": quote, "prefix": prefix, "suffix": "" }
                    ]
                }]
            },
            {
                "id": "hyp-2",
                "uri": url,
                "user": "acct:analyst_b@hypothes.is",
                "text": "Position off, quote repeated nowhere else: found by the quote.",
                "tags": [],
                "target": [{
                    "source": url,
                    "selector": [
                        { "type": "TextPositionSelector", "start": 1, "end": 5 },
                        { "type": "TextQuoteSelector", "exact": "categorically denied", "prefix": "The EU Mission ", "suffix": " this" }
                    ]
                }]
            },
            {
                "id": "hyp-3",
                "uri": url,
                "user": "acct:analyst_b@hypothes.is",
                "text": "Not in this article.",
                "target": [{
                    "source": url,
                    "selector": [{ "type": "TextQuoteSelector", "exact": "words that are nowhere", "prefix": "", "suffix": "" }]
                }]
            }
        ]
    })
    .to_string()
}

#[test]
fn hypothesis_json_anchors_by_position_or_quote_and_lists_orphans() {
    let mut project = same_articles(&demo_project());
    let url = "https://example.org/musavat-letter";
    let mut meta = project.articles[0].meta.clone();
    meta.url = url.to_string();
    let id = project.articles[0].id;
    apply(
        &mut project,
        Edit::SetArticleMeta {
            article: id,
            meta: Box::new(meta),
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hypothesis.json");
    std::fs::write(&file, hypothesis_rows(url, &project.articles[0].text)).unwrap();
    let report = import_into(&mut project, &[file]);
    assert_eq!(report.claims.len(), 2, "{:?}", report.orphans);
    assert_eq!(report.orphans.len(), 1);
    assert!(report.orphans[0].contains("hyp-3") && report.orphans[0].contains("not in the text"));
    let first = project.claim(report.claims[0]).unwrap();
    assert_eq!(first.anchor.quote, "significant funds to the opposition");
    assert_eq!(first.analyst, "analyst_a");
    assert_eq!(first.info.note, "Check the original letter.");
    assert_eq!(
        first.info.tags,
        vec!["funding".to_string(), "EU".to_string()]
    );
    assert_eq!(first.created.to_rfc3339(), "2024-08-21T10:00:00+00:00");
    let second = project.claim(report.claims[1]).unwrap();
    assert_eq!(second.anchor.quote, "categorically denied");
}

/// What brat keeps of a claim: no tags, and speaker, via and note on one
/// line each (brat notes are single lines).
fn brat_key(mut key: ClaimKey) -> ClaimKey {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    key.4 = flat(&key.4);
    key.5 = flat(&key.5);
    key.6 = flat(&key.6);
    key.7.clear();
    key
}

fn brat_view(keys: BTreeSet<ClaimKey>) -> BTreeSet<ClaimKey> {
    keys.into_iter().map(brat_key).collect()
}

type LinkKey = (ClaimKey, ClaimKey, String, String, String);

fn brat_links(links: BTreeSet<LinkKey>) -> BTreeSet<LinkKey> {
    links
        .into_iter()
        .map(|(claim, response, relation, status, note)| {
            let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
            (brat_key(claim), brat_key(response), relation, status, note)
        })
        .collect()
}

#[test]
fn brat_round_trip_gives_the_same_claims_and_links() {
    for original in [demo_project(), hostile_project()] {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("brat");
        write_export(&original, ExportFormat::Brat, &folder);
        // Into the same articles, and into an empty project that takes the
        // articles from the .txt files.
        for mut fresh in [same_articles(&original), Project::new("empty")] {
            let report = import_into(&mut fresh, std::slice::from_ref(&folder));
            assert!(report.orphans.is_empty(), "{:?}", report.orphans);
            assert!(report.failures.is_empty(), "{:?}", report.failures);
            assert_eq!(
                brat_view(linked_claims(&fresh)),
                brat_view(linked_claims(&original))
            );
            assert_eq!(brat_links(links(&fresh)), brat_links(links(&original)));
        }
    }
}

#[test]
fn a_brat_span_whose_text_does_not_match_is_an_orphan_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("doc");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("x.txt"),
        "Ölkə said no.\r\nThe mission denied it.\r\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("x.ann"),
        "T1\tClaim 0 13\tÖlkə said no.\nT2\tClaim 15 37\tThe mission denied it.\nT3\tClaim 0 4\tWrong\nR1\tDenies Arg1:T2 Arg2:T1\n#1\tAnnotatorNotes T2\tspeaker: The mission; note: a note\n",
    )
    .unwrap();
    let mut project = Project::new("t");
    let report = import_into(&mut project, &[folder]);
    assert_eq!(report.added.len(), 1);
    assert_eq!(report.claims.len(), 2);
    assert_eq!(report.links.len(), 1);
    assert_eq!(report.orphans.len(), 1, "{:?}", report.orphans);
    assert!(
        report.orphans[0].contains("x.ann:3: T3"),
        "{}",
        report.orphans[0]
    );
    // Offsets counted the CRLF file as brat does; the article has LF.
    let denial = project.claim(report.claims[1]).unwrap();
    assert_eq!(denial.anchor.quote, "The mission denied it.");
    assert_eq!(denial.info.speaker, "The mission");
    assert_eq!(denial.info.note, "a note");
    let link = &project.links[0];
    assert_eq!(
        (link.claim, link.response),
        (report.claims[0], report.claims[1])
    );
}
