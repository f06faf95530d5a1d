//! Import: decoding, normalisation, metadata detection and duplicates, on
//! the seed articles and on hostile text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{NaiveDate, NaiveTime};
use common::{seeds_dir, stamp};
use riposte::io::import::{decode, detect, import_paths};
use riposte::model::{Anchor, Project, Published, apply};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn detect_seed(name: &str) -> riposte::io::import::Detected {
    let bytes = std::fs::read(seeds_dir().join(name)).unwrap();
    detect(&decode(&bytes, name).text)
}

#[test]
fn date_marker_moves_into_metadata_and_leaves_the_text() {
    let found = detect_seed("000_7fa0120292ddc080.txt");
    assert_eq!(found.meta.published.unwrap().date, date(2024, 8, 20));
    assert!(found.text.starts_with("On August 20, the “Musavat” Party"));
    assert!(!found.text.contains(" date 2024-08-20"));
    assert!(
        found
            .meta
            .title
            .starts_with("On August 20, the “Musavat” Party sent")
    );
    assert!(found.meta.title.ends_with('…'));
}

#[test]
fn dateline_with_time_and_offset() {
    let found = detect_seed("001_6924cd277f211afd.txt");
    assert_eq!(
        found.meta.published,
        Some(Published {
            date: date(2024, 2, 2),
            time: NaiveTime::from_hms_opt(12, 18, 0),
            utc_offset_minutes: Some(240),
        })
    );
    assert_eq!(found.meta.outlet, "Azernews");
    assert!(
        found
            .meta
            .title
            .starts_with("During a briefing, US State Department")
    );
}

#[test]
fn city_dateline_seed_uses_marker_and_trend_outlet() {
    let found = detect_seed("002_f4b2c18048fe893e.txt");
    assert_eq!(found.meta.published.unwrap().date, date(2024, 11, 21));
    assert_eq!(found.meta.outlet, "Trend");
    assert!(
        found
            .meta
            .title
            .starts_with("The National Parliament of the Republic")
    );
    let found = detect_seed("003_42c6ca9be3cc27ad.txt");
    assert_eq!(found.meta.published.unwrap().date, date(2020, 7, 24));
    assert_eq!(found.meta.outlet, "Trend");
}

#[test]
fn short_first_line_is_the_title() {
    let found = detect_seed("004_88f1b7df856c2380.txt");
    assert_eq!(
        found.meta.title,
        "Ilham Aliyev: European leaders have never criticized us"
    );
    assert_eq!(found.meta.published, None);
}

#[test]
fn city_dateline_takes_its_year_from_another_date() {
    let text =
        "BAKU, Azerbaijan, November 21. The parliament met on November 20, 2024, APA reports.";
    let found = detect(text);
    assert_eq!(found.meta.published.unwrap().date, date(2024, 11, 21));
    assert_eq!(found.meta.outlet, "APA");
    // Without any year the date stays unknown rather than guessed.
    let found = detect("BAKU, Azerbaijan, November 21. Nothing else.");
    assert_eq!(found.meta.published, None);
}

#[test]
fn bom_crlf_and_cr_are_normalised() {
    let decoded = decode(b"\xEF\xBB\xBFTitle\r\n\r\nBody line\rnext", "x.txt");
    assert_eq!(decoded.text, "Title\n\nBody line\nnext");
    assert!(decoded.warnings.is_empty());
}

#[test]
fn invalid_utf8_is_decoded_as_windows_1252_with_a_warning() {
    // "café – “quoted”" in Windows-1252.
    let decoded = decode(b"caf\xe9 \x96 \x93quoted\x94", "legacy.txt");
    assert_eq!(decoded.text, "café – “quoted”");
    assert_eq!(decoded.warnings.len(), 1);
    assert!(decoded.warnings[0].starts_with("legacy.txt: not valid UTF-8"));
}

#[test]
fn hostile_unicode_survives_and_anchors_on_char_boundaries() {
    let text = "Ölkə 😀👨‍👩‍👧 e\u{301}clair שלום עולם Հայաստան საქართველო Россия\r\nend";
    let decoded = decode(text.as_bytes(), "hostile.txt");
    let found = detect(&decoded.text);
    assert_eq!(found.text, text.replace("\r\n", "\n"));
    for quote in ["😀👨‍👩‍👧", "e\u{301}clair", "שלום", "Հայաստան", "საქართველო"]
    {
        let anchor = Anchor::from_quote(&found.text, quote, None).unwrap();
        assert_eq!(&found.text[anchor.range()], quote);
        assert!(found.text.is_char_boundary(anchor.start));
    }
}

#[test]
fn importing_the_seeds_twice_reports_duplicates() {
    let mut project = Project::new("seeds");
    let report = import_paths(&project, &[seeds_dir()], &stamp());
    assert_eq!(report.added.len(), 5);
    assert!(report.failures.is_empty());
    apply(&mut project, report.edit.unwrap()).unwrap();

    let again = import_paths(
        &project,
        &[seeds_dir().join("001_6924cd277f211afd.txt"), seeds_dir()],
        &stamp(),
    );
    assert!(again.edit.is_none());
    assert_eq!(again.duplicates.len(), 6);
}

#[test]
fn same_text_twice_in_one_import_is_added_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Same text.\r\n").unwrap();
    std::fs::write(dir.path().join("b.md"), "\u{feff}Same text.\n").unwrap();
    std::fs::write(dir.path().join("c.pdf"), "ignored in folders").unwrap();
    let report = import_paths(&Project::new("t"), &[dir.path().to_path_buf()], &stamp());
    assert_eq!(report.added.len(), 1);
    assert_eq!(report.duplicates.len(), 1);
}

#[test]
fn missing_paths_fail_without_stopping_the_rest() {
    let report = import_paths(
        &Project::new("t"),
        &[
            seeds_dir().join("nope.txt"),
            seeds_dir().join("004_88f1b7df856c2380.txt"),
        ],
        &stamp(),
    );
    assert_eq!(report.added.len(), 1);
    assert_eq!(report.failures.len(), 1);
    assert!(report.failures[0].contains("nope.txt"));
}

#[test]
fn outlet_is_found_before_reports_anywhere_in_the_text() {
    let long_lead = "ə".repeat(5000);
    let text = format!("{long_lead}\n\nThe minister spoke, Azernews reports.\n");
    assert_eq!(detect(&text).meta.outlet, "Azernews");
    assert_eq!(detect("Trend reports that it rained.").meta.outlet, "Trend");
    assert_eq!(detect("Something the Foo Bar Baz reports.").meta.outlet, "");
    assert_eq!(detect("It said, APA reportsly").meta.outlet, "");
}
