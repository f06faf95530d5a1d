//! One date convention across exports, and claim notes in every format
//! that carries claims (issue 15). `pandas.to_datetime` reads a column
//! without options when every value has one shape: the date column is
//! always `YYYY-MM-DD`, time and UTC offset have columns of their own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod export_support;

use chrono::{NaiveDate, NaiveTime};
use export_support::demo_project;
use riposte::io::export::{ExportFormat, ExportOutput, render};
use riposte::model::{ArticleId, Claim, Edit, Link, Project, Published, StatusFilter, apply};
use serde_json::Value;

fn text(project: &Project, format: ExportFormat) -> String {
    match render(project, format, StatusFilter::All).unwrap() {
        ExportOutput::File(bytes) => String::from_utf8(bytes).unwrap(),
        ExportOutput::Folder(files) => files
            .into_iter()
            .map(|(name, bytes)| format!("== {name}\n{}", String::from_utf8(bytes).unwrap()))
            .collect(),
    }
}

fn set_published(project: &mut Project, article: u32, published: Option<Published>) {
    let id = ArticleId::untagged(article);
    let mut meta = project.article(id).unwrap().meta.clone();
    meta.published = published;
    apply(
        project,
        Edit::SetArticleMeta {
            article: id,
            meta: Box::new(meta),
        },
    )
    .unwrap();
}

/// Three articles: date with time and offset, date with time only, date only.
fn mixed_dates() -> Project {
    let mut project = demo_project();
    let day = |d| NaiveDate::from_ymd_opt(2024, 2, d).unwrap();
    set_published(
        &mut project,
        1,
        Some(Published {
            date: day(2),
            time: NaiveTime::from_hms_opt(12, 18, 0),
            utc_offset_minutes: Some(240),
        }),
    );
    set_published(
        &mut project,
        2,
        Some(Published {
            date: day(3),
            time: NaiveTime::from_hms_opt(9, 5, 0),
            utc_offset_minutes: None,
        }),
    );
    set_published(
        &mut project,
        3,
        Some(Published {
            date: day(4),
            time: None,
            utc_offset_minutes: Some(-330),
        }),
    );
    project
}

fn is_date(value: &str) -> bool {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok() && value.len() == 10
}

fn is_time_or_empty(value: &str) -> bool {
    value.is_empty() || NaiveTime::parse_from_str(value, "%H:%M:%S").is_ok()
}

fn is_offset_or_empty(value: &str) -> bool {
    value.is_empty()
        || (value.len() == 6
            && value.starts_with(['+', '-'])
            && value[1..3].parse::<u8>().is_ok()
            && &value[3..4] == ":"
            && value[4..].parse::<u8>().is_ok())
}

#[test]
fn csv_date_columns_hold_one_shape_each() {
    let csv_text = text(&mixed_dates(), ExportFormat::Csv);
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut seen_time = false;
    let mut seen_offset = false;
    for record in reader.records() {
        let record = record.unwrap();
        for side in ["claim", "response"] {
            assert!(
                is_date(&record[column(&format!("{side}_date"))]),
                "{record:?}"
            );
            let time = &record[column(&format!("{side}_time"))];
            let offset = &record[column(&format!("{side}_utc_offset"))];
            assert!(is_time_or_empty(time), "{time}");
            assert!(is_offset_or_empty(offset), "{offset}");
            seen_time |= !time.is_empty();
            seen_offset |= !offset.is_empty();
        }
    }
    assert!(seen_time && seen_offset);
}

#[test]
fn jsonl_and_ron_carry_iso_dates_not_display_text() {
    let project = mixed_dates();
    for line in text(&project, ExportFormat::Jsonl).lines() {
        let value: Value = serde_json::from_str(line).unwrap();
        for side in ["claim", "response"] {
            let article = &value[side]["article"];
            assert!(is_date(article["date"].as_str().unwrap()), "{article}");
            assert!(is_time_or_empty(
                article["time"].as_str().unwrap_or_default()
            ));
            assert!(is_offset_or_empty(
                article["utc_offset"].as_str().unwrap_or_default()
            ));
        }
    }
    let ron = text(&project, ExportFormat::Ron);
    assert!(ron.contains("date: Some(\"2024-02-02\")"), "{ron}");
    assert!(ron.contains("time: Some(\"12:18:00\")"), "{ron}");
    assert!(ron.contains("utc_offset: Some(\"+04:00\")"), "{ron}");
    assert!(ron.contains("utc_offset: Some(\"-05:30\")"), "{ron}");
    assert!(
        !ron.contains("(UTC"),
        "display text in the RON export: {ron}"
    );
}

#[test]
fn claimreview_dates_are_iso_8601() {
    let reviews: Value =
        serde_json::from_str(&text(&mixed_dates(), ExportFormat::ClaimReview)).unwrap();
    let dates: Vec<&str> = reviews
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| [&r["datePublished"], &r["itemReviewed"]["datePublished"]])
        .filter_map(Value::as_str)
        .collect();
    assert!(dates.contains(&"2024-02-02T12:18:00+04:00"), "{dates:?}");
    assert!(
        dates.contains(&"2024-02-04"),
        "date-only stays date-only: {dates:?}"
    );
}

const NOTE: &str =
    "First paragraph of the claim note,\nsecond line.\n\nSecond paragraph after a blank line.";

/// The demo with a two-paragraph note on every claim.
fn with_claim_notes() -> Project {
    let mut project = demo_project();
    for claim in project.claims.clone() {
        let mut changed = Claim::clone(&claim);
        changed.info.note = format!("{NOTE} ({})", claim.id);
        apply(&mut project, Edit::ReplaceClaim(Box::new(changed))).unwrap();
    }
    project
}

#[test]
fn claim_notes_appear_in_every_format_that_carries_claims() {
    let project = with_claim_notes();
    let first = format!("({})", project.claims[0].id);
    for format in ExportFormat::ALL {
        let out = text(&project, format);
        let flat = out.replace("\\n", "\n");
        assert!(
            flat.contains("Second paragraph after a blank line")
                || out.contains("Second paragraph after a blank line"),
            "{format:?} lacks the claim note"
        );
        assert!(
            out.contains(&first),
            "{format:?} lacks the first claim's note"
        );
    }
}

#[test]
fn blank_lines_in_notes_survive_markdown() {
    let project = with_claim_notes();
    let markdown = text(&project, ExportFormat::Markdown);
    let expected = format!(
        "First paragraph of the claim note,\\\nsecond line.\n\nSecond paragraph after a blank line. ({})",
        project.claims[0].id
    );
    assert!(markdown.contains(&expected), "{markdown}");
    // A link note keeps its paragraphs too.
    let mut project = project;
    let mut link = Link::clone(&project.links[0]);
    link.info.note = "One.\n\nTwo.".to_string();
    apply(&mut project, Edit::ReplaceLink(Box::new(link))).unwrap();
    let markdown = text(&project, ExportFormat::Markdown);
    assert!(markdown.contains("*Note:* One.\n\nTwo.\n"), "{markdown}");
}
