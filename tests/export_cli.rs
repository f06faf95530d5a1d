//! The built binary end to end: import → claim → link → export in every
//! format, to standard output or (for folder formats and the dossier) to
//! `--out`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use riposte::io::export::ExportFormat;

fn riposte(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_riposte"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1732000000")
        .env("RIPOSTE_ANALYST", "CLI Test")
        .env("RIPOSTE_REPLICA", "0")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "riposte {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn seed(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap()
}

fn claim(project: &str, article: &str, quote: &str, speaker: &str) -> String {
    let args = [
        "claim",
        project,
        "--article",
        article,
        "--quote",
        quote,
        "--speaker",
        speaker,
    ];
    stdout(&riposte(&args)).trim().to_string()
}

/// A project with one link inside an article and one across articles.
fn build_project(dir: &Path) -> String {
    let project = dir.join("p.ron").display().to_string();
    let seeds: Vec<String> = ["000_", "001_", "002_"]
        .iter()
        .map(|s| seed(s).display().to_string())
        .collect();
    let mut args = vec!["import"];
    args.extend(seeds.iter().map(String::as_str));
    args.extend(["--into", &project]);
    riposte(&args);
    let funds = claim(
        &project,
        "a1",
        "the US and the EU have been providing significant funds to the opposition",
        "Peter Michalko (reported)",
    );
    let denial = claim(
        &project,
        "a1",
        "The EU Mission categorically denied this publication as false and provocative",
        "EU Mission",
    );
    let problems = claim(
        &project,
        "a2",
        "noted some problems regarding the election conditions",
        "OSCE",
    );
    let compliance = claim(
        &project,
        "a3",
        "The elections were held wholly in compliance with national laws",
        "Milli Majlis",
    );
    for (c, r, relation) in [
        (&funds, &denial, "denies"),
        (&problems, &compliance, "contradicts"),
    ] {
        let args = [
            "link",
            &project,
            c,
            r,
            "--relation",
            relation,
            "--status",
            "curated",
        ];
        riposte(&args);
    }
    project
}

#[test]
fn every_format_exports_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let project = build_project(dir.path());
    for format in ExportFormat::ALL {
        let name = format.name();
        match format.extension() {
            Some(extension) if format != ExportFormat::Html => {
                let out = stdout(&riposte(&["export", &project, "--format", name]));
                assert!(out.contains("categorically denied"), "{name}");
                check_parses(format, &out);
                let _ = extension;
            }
            Some(extension) => {
                let path = dir.path().join(format!("dossier.{extension}"));
                let path = path.display().to_string();
                riposte(&["export", &project, "--format", name, "--out", &path]);
                let html = std::fs::read_to_string(&path).unwrap();
                assert!(html.starts_with("<!DOCTYPE html>"));
                assert_eq!(html.matches("<article class=\"pair\">").count(), 2);
            }
            None => {
                let folder = dir.path().join(name);
                let folder_arg = folder.display().to_string();
                riposte(&["export", &project, "--format", name, "--out", &folder_arg]);
                for file in ["annotation.conf", "a1.txt", "a1.ann", "a2.ann", "a3.ann"] {
                    assert!(folder.join(file).is_file(), "{file}");
                }
                let cross = std::fs::read_to_string(folder.join("cross-document.tsv")).unwrap();
                assert_eq!(cross.lines().count(), 2);
                let ann = std::fs::read_to_string(folder.join("a1.ann")).unwrap();
                assert!(ann.contains("R1\tDenies Arg1:T2 Arg2:T1"));
            }
        }
    }
}

fn check_parses(format: ExportFormat, out: &str) {
    match format {
        ExportFormat::Jsonl => {
            assert_eq!(out.lines().count(), 2);
            for line in out.lines() {
                serde_json::from_str::<serde_json::Value>(line).unwrap();
            }
        }
        ExportFormat::W3c | ExportFormat::ClaimReview => {
            serde_json::from_str::<serde_json::Value>(out).unwrap();
        }
        ExportFormat::Csv => {
            let body = out.strip_prefix('\u{feff}').unwrap();
            let rows = csv::Reader::from_reader(body.as_bytes()).records().count();
            assert_eq!(rows, 2);
        }
        _ => {}
    }
}

#[test]
fn folder_format_without_out_fails_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let project = build_project(dir.path());
    let output = Command::new(env!("CARGO_BIN_EXE_riposte"))
        .args(["export", &project, "--format", "brat"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--out"));
}

/// A pair whose claim lost its quote when the article text changed has no
/// span to export: every format leaves it out until the analyst fixes it.
#[test]
fn orphaned_claims_are_left_out_of_exports() {
    use riposte::io::export::{ExportFormat, exportable_pairs, render};
    use riposte::model::{StatusFilter, apply, edit_article_text};

    let mut project = riposte::io::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/saves/demo.ron"
    )))
    .unwrap()
    .project;
    let before = exportable_pairs(&project, StatusFilter::All).len();
    // Article a2 holds one claim (the OSCE report) answered twice.
    let stamp = riposte::clock::stamp();
    let (edit, _) = edit_article_text(
        &project,
        riposte::model::ArticleId::untagged(2),
        "All new text.",
        &stamp,
    )
    .unwrap();
    apply(&mut project, edit).unwrap();
    assert_eq!(project.orphans().count(), 1);
    assert_eq!(
        exportable_pairs(&project, StatusFilter::All).len(),
        before - 2
    );
    for format in ExportFormat::ALL {
        assert!(
            render(&project, format, StatusFilter::All).is_ok(),
            "{format:?}"
        );
    }
}
