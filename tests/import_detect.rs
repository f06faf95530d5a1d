//! Metadata detection on pasted articles in the shapes real news pages
//! take (issue 15): date lines, bylines, wire datelines, agency tags and
//! ` date` markers. Every text here is written for the test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Datelike, NaiveDate, NaiveTime};
use riposte::io::import::{Detected, detect, detect_at};
use riposte::model::{MetaField, Published};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The day this suite pretends to import on.
fn today() -> Option<NaiveDate> {
    Some(date(2024, 12, 1))
}

fn found(text: &str) -> Detected {
    detect_at(text, today())
}

fn day(text: &str) -> Option<NaiveDate> {
    found(text).meta.published.map(|p| p.date)
}

const BODY: &str = "\n\nThe two delegations met for three hours and agreed to meet again.\n";

#[test]
fn date_lines_under_the_title_in_every_convention() {
    for line in [
        "May 26, 2021",
        "26 May 2021, 11:02",
        "26.05.2021 11:02",
        "2021-05-26",
        "By Staff | 26 May 2021",
        "Published: 26 May 2021",
        "MAY 26, 2021",
        "Wed, 26 May 2021",
        "26 мая 2021, 11:02",
    ] {
        let text = format!("Border commission meets again\n{line}{BODY}");
        let detected = found(&text);
        assert_eq!(
            detected.meta.published.map(|p| p.date),
            Some(date(2021, 5, 26)),
            "{line}"
        );
        assert_eq!(
            detected.meta.title, "Border commission meets again",
            "{line}"
        );
        assert!(
            detected.meta.uncertain.is_empty(),
            "{line}: {:?}",
            detected.meta.uncertain
        );
    }
}

#[test]
fn times_and_offsets_come_with_the_date() {
    let published = |text: &str| found(text).meta.published.unwrap();
    let at = |h, m| NaiveTime::from_hms_opt(h, m, 0);
    assert_eq!(
        published(&format!("Title\n26 May 2021, 11:02{BODY}")).time,
        at(11, 2)
    );
    assert_eq!(
        published(&format!("Title\n26.05.2021 11:02{BODY}")).time,
        at(11, 2)
    );
    assert_eq!(
        published(&format!("Title\n2 February 2024 12:18 (UTC+04:00){BODY}")),
        Published {
            date: date(2024, 2, 2),
            time: at(12, 18),
            utc_offset_minutes: Some(240),
        }
    );
}

#[test]
fn an_update_line_gives_an_uncertain_date_unless_a_published_line_is_there() {
    let only_update = found(&format!(
        "Ministry answers the report\nUpdated 12:18, 2 February 2024{BODY}"
    ));
    let published = only_update.meta.published.unwrap();
    assert_eq!(published.date, date(2024, 2, 2));
    assert_eq!(published.time, NaiveTime::from_hms_opt(12, 18, 0));
    assert!(only_update.meta.is_uncertain(MetaField::Published));
    assert_eq!(only_update.meta.title, "Ministry answers the report");

    let both = found(&format!(
        "Ministry answers the report\nUpdated 12:18, 2 February 2024\nPublished: 1 February 2024{BODY}"
    ));
    assert_eq!(both.meta.published.unwrap().date, date(2024, 2, 1));
    assert!(both.meta.uncertain.is_empty());
}

#[test]
fn wire_datelines_give_day_outlet_and_never_the_title() {
    let cases = [
        (
            "YEREVAN, MAY 26, ARMENPRESS. The foreign ministers met on May 25, 2021 in Moscow.",
            "Armenpress",
            (5, 26),
        ),
        (
            "ASTANA, October 4. /TASS/. Talks resumed after the 2019 break; the 4 October 2023 round was short.",
            "TASS",
            (10, 4),
        ),
        (
            "BAKU, Azerbaijan, Nov. 21 (Trend) - Parliament met after the vote of 20 November 2024.",
            "Trend",
            (11, 21),
        ),
    ];
    for (text, outlet, (month, day_of_month)) in cases {
        let detected = found(text);
        assert_eq!(detected.meta.outlet, outlet, "{text}");
        let published = detected.meta.published.unwrap();
        assert_eq!(
            (published.date.month0() + 1, published.date.day0() + 1),
            (month, day_of_month),
            "{text}"
        );
        assert!(detected.meta.uncertain.is_empty(), "{text}");
        assert!(
            !detected.meta.title.contains(outlet),
            "{text}: {}",
            detected.meta.title
        );
    }
    assert_eq!(day(cases[0].0), Some(date(2021, 5, 26)));
    assert_eq!(day(cases[1].0), Some(date(2023, 10, 4)));
    assert_eq!(day(cases[2].0), Some(date(2024, 11, 21)));
    assert_eq!(
        found(cases[0].0).meta.title,
        "The foreign ministers met on May 25, 2021 in Moscow."
    );
}

#[test]
fn a_dateline_without_any_year_takes_the_import_year_and_says_it_is_a_guess() {
    let text = "YEREVAN, MAY 26, ARMENPRESS. The ministers met again.";
    let detected = found(text);
    assert_eq!(detected.meta.published.unwrap().date, date(2024, 5, 26));
    assert!(detected.meta.is_uncertain(MetaField::Published));
    // A day later in the year than the import date belongs to last year.
    let december = found("BAKU, Azerbaijan, Dec. 20 (Trend) - The session closed.");
    assert_eq!(december.meta.published.unwrap().date, date(2023, 12, 20));
    assert!(december.meta.is_uncertain(MetaField::Published));
    // With no import date to lean on, no date is guessed.
    assert_eq!(detect(text).meta.published, None);
}

#[test]
fn agency_tags_in_slashes_and_parentheses_name_the_outlet() {
    for (text, outlet) in [
        (
            "Yerevan /Mediamax/. The government approved the plan.",
            "Mediamax",
        ),
        ("(CNN) — The senator said the vote would wait.", "CNN"),
        (
            "WASHINGTON (AP) — The senator said the vote would wait.",
            "AP",
        ),
        ("ASTANA, October 4. /TASS/. The talks went on.", "TASS"),
    ] {
        let detected = found(text);
        assert_eq!(detected.meta.outlet, outlet, "{text}");
        assert!(
            !detected.meta.title.contains(outlet),
            "{}",
            detected.meta.title
        );
        assert!(
            !detected.meta.title.starts_with(['(', '/']),
            "{}",
            detected.meta.title
        );
    }
    assert_eq!(
        found("(CNN) — The senator said the vote would wait.")
            .meta
            .title,
        "The senator said the vote would wait."
    );
}

#[test]
fn a_dateline_alone_on_its_line_is_skipped_for_the_title() {
    let detected = found("YEREVAN, MAY 26, ARMENPRESS.\n\nPashinyan met the delegation.\n");
    assert_eq!(detected.meta.title, "Pashinyan met the delegation.");
    assert_eq!(detected.meta.outlet, "Armenpress");
}

#[test]
fn bylines_name_outlets_when_they_can() {
    let sure = found(&format!(
        "Title line\nBy Ani Mejlumyan, Eurasianet | 26 May 2021{BODY}"
    ));
    assert_eq!(sure.meta.outlet, "Eurasianet");
    assert!(!sure.meta.is_uncertain(MetaField::Outlet));
    let guess = found(&format!(
        "Title line\nBy Jane Doe, Caucasus Watch\nMay 26, 2021{BODY}"
    ));
    assert_eq!(guess.meta.outlet, "Caucasus Watch");
    assert!(guess.meta.is_uncertain(MetaField::Outlet));
    assert_eq!(guess.meta.title, "Title line");
    let staff = found(&format!("Title line\nBy Staff | 26 May 2021{BODY}"));
    assert_eq!(staff.meta.outlet, "");
}

#[test]
fn the_date_marker_is_read_on_any_of_the_first_lines() {
    let text = "Talks resume in Moscow\n date 2021-05-26\nThe ministers met.\n";
    let detected = found(text);
    assert_eq!(detected.meta.published.unwrap().date, date(2021, 5, 26));
    assert_eq!(
        detected.text,
        "Talks resume in Moscow\nThe ministers met.\n"
    );
    assert_eq!(detected.meta.title, "Talks resume in Moscow");
    // Beside a date line of the same day, the marker gains its time.
    let text = "Talks resume\n date 2021-05-26\n26 May 2021, 11:02\nThe ministers met.\n";
    let published = found(text).meta.published.unwrap();
    assert_eq!(published.time, NaiveTime::from_hms_opt(11, 2, 0));
    // Deep in the text it is just text.
    let late = format!("Title\n{}\n date 2021-05-26\n", "line\n".repeat(20));
    assert_eq!(found(&late).meta.published, None);
}

#[test]
fn a_sentence_that_mentions_a_date_is_not_a_date_line() {
    let detected = found("Elections held on 7 February 2024 were fair, says the mission\n\nBody.");
    assert_eq!(
        detected.meta.title,
        "Elections held on 7 February 2024 were fair, says the mission"
    );
    assert_eq!(detected.meta.published, None);
}

#[test]
fn an_ambiguous_numeric_date_is_marked_uncertain() {
    let detected = found(&format!("Title\n03/04/2021{BODY}"));
    assert_eq!(detected.meta.published.unwrap().date, date(2021, 4, 3));
    assert!(detected.meta.is_uncertain(MetaField::Published));
    let clear = found(&format!("Title\n05/26/2021{BODY}"));
    assert_eq!(clear.meta.published.unwrap().date, date(2021, 5, 26));
    assert!(clear.meta.uncertain.is_empty());
}

#[test]
fn azerbaijani_russian_armenian_and_turkish_texts_keep_their_titles() {
    for (text, title, outlet) in [
        (
            "Prezident İlham Əliyev Şuşada çıxış edib\n26 may 2021, 11:02\nBakı, 26 may, APA. Mətn.",
            "Prezident İlham Əliyev Şuşada çıxış edib",
            "APA",
        ),
        (
            "Переговоры продолжатся в Москве\n26 мая 2021, 11:02\nМОСКВА, 26 мая. /ТАСС/. Текст.",
            "Переговоры продолжатся в Москве",
            "ТАСС",
        ),
        (
            "Հայաստանը պատասխանեց 😀\n26.05.2021 11:02\nՏեքստ.",
            "Հայաստանը պատասխանեց 😀",
            "",
        ),
        (
            "Dışişleri açıklama yaptı\n26 Mayıs 2021\nMetin.",
            "Dışişleri açıklama yaptı",
            "",
        ),
    ] {
        let detected = found(text);
        assert_eq!(detected.meta.title, title);
        assert_eq!(
            detected.meta.published.unwrap().date,
            date(2021, 5, 26),
            "{text}"
        );
        assert_eq!(detected.meta.outlet, outlet, "{text}");
    }
}

#[test]
fn crlf_bom_and_hostile_text_never_panic() {
    for text in [
        "\u{feff}Title\r\n26 May 2021\r\n\r\nBody",
        "(",
        "/ /",
        "BAKU, , 31 February (X) —",
        "May 99, 2021",
        "99.99.9999",
        "26 May 0000",
        "😀\u{2028}26 May 2021",
        "By",
        "By |||",
        " date 2024-13-45 text",
    ] {
        let _ = found(text);
        let _ = detect(text);
    }
}
