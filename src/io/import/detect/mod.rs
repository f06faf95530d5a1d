//! Metadata detection in pasted article text: date, outlet and title, as a
//! first guess the analyst can correct. What is only a guess (a year taken
//! from the import date, an outlet read from a byline) is recorded in
//! [`ArticleMeta::uncertain`] so the window can say so.
//!
//! Conventions read (see the tests for one example of each):
//! - a ` date YYYY-MM-DD` marker on any of the first lines (moved into the
//!   metadata and removed from the text);
//! - date lines under the title: `May 26, 2021`, `26 May 2021, 11:02`,
//!   `26.05.2021 11:02`, `2021-05-26`, `By Staff | 26 May 2021`,
//!   `Published: 26 May 2021`, `Updated 12:18, 2 February 2024`, with a
//!   UTC offset when given;
//! - wire datelines opening the text (`YEREVAN, MAY 26, ARMENPRESS.`,
//!   `ASTANA, October 4. /TASS/.`, `(CNN) —`), whose day takes its year
//!   from another full date in the text, else from the import date (then
//!   marked uncertain);
//! - outlets in agency tags, `Trend:` lines, bylines, `Source:` lines and
//!   "…, Trend reports".

mod byline;
mod dates;
mod months;
mod outlets;
mod pattern;
mod title;
mod wire;

pub(crate) use title::shorten;

use chrono::{Datelike, NaiveDate};
use pattern::regex;
use regex::Regex;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::LazyLock;

use crate::model::{ArticleMeta, MetaField, Published};

/// Date lines, bylines and datelines are looked for in this many leading
/// non-empty lines.
const HEADER_LINES: usize = 8;

/// An article's text and metadata as detected, before it gets an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detected {
    pub text: String,
    pub meta: ArticleMeta,
}

/// Detects date, outlet and title with no import date to fall back on: a
/// dateline without a year anywhere in the text gives no date.
pub fn detect(text: &str) -> Detected {
    detect_at(text, None)
}

/// Detects date, outlet and title; removes a ` date YYYY-MM-DD` marker from
/// the text (its date goes into the metadata). `today` supplies the year of
/// a dateline that has none when the text gives no other (marked uncertain).
pub fn detect_at(text: &str, today: Option<NaiveDate>) -> Detected {
    let (marker, body) = split_date_marker(text);
    let head: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .take(HEADER_LINES)
        .collect();
    let mut uncertain = BTreeSet::new();
    let (published, date_certain) = match marker {
        Some(date) => (Some(with_marker(date, &head)), true),
        None => match from_head(&head, &body, today) {
            Some((published, certain)) => (Some(published), certain),
            None => (None, true),
        },
    };
    if !date_certain {
        uncertain.insert(MetaField::Published);
    }
    let outlet = outlets::detect(&head, &body);
    if outlet.as_ref().is_some_and(|o| !o.certain) {
        uncertain.insert(MetaField::Outlet);
    }
    Detected {
        meta: ArticleMeta {
            title: title::detect(body.lines()),
            outlet: outlet.map(|o| o.name).unwrap_or_default(),
            published,
            uncertain,
            ..ArticleMeta::default()
        },
        text: body.into_owned(),
    }
}

/// The marker opening the text: it and the blank space after it go.
static LEADING_MARKER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})(?:\s+|$)"));
/// The marker alone at the start of a later line: the line goes.
static LINE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?m)^[ \t]*date[ \t]+(\d{4})-(\d{2})-(\d{2})[ \t]*(?:\n|$)"));

fn ymd(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// The marker's date and the text without it.
fn split_date_marker(text: &str) -> (Option<NaiveDate>, Cow<'_, str>) {
    if let Some(found) = LEADING_MARKER.captures(text)
        && let Some(date) = ymd(&found[1], &found[2], &found[3])
    {
        let end = found.get(0).map_or(0, |m| m.end());
        return (Some(date), Cow::Borrowed(&text[end..]));
    }
    let head_end = text
        .match_indices('\n')
        .nth(HEADER_LINES)
        .map_or(text.len(), |(i, _)| i);
    if let Some(found) = LINE_MARKER.captures(&text[..head_end])
        && let Some(date) = ymd(&found[1], &found[2], &found[3])
        && let Some(whole) = found.get(0)
    {
        let mut body = String::with_capacity(text.len());
        body.push_str(&text[..whole.start()]);
        body.push_str(&text[whole.end()..]);
        return (Some(date), Cow::Owned(body));
    }
    (None, Cow::Borrowed(text))
}

/// The marker's date, with the time and offset of a date line on the same
/// day.
fn with_marker(date: NaiveDate, head: &[&str]) -> Published {
    let same_day = head.iter().find_map(|line| {
        let (found, _) = dates::date_line(line)?;
        let published = dates::published_on_line(line, &found, date.year())?;
        (published.date == date).then_some(published)
    });
    same_day.unwrap_or(Published {
        date,
        time: None,
        utc_offset_minutes: None,
    })
}

/// The date from a date line (a publication line before an update line),
/// else from a wire dateline; `true` when nothing was guessed.
fn from_head(head: &[&str], body: &str, today: Option<NaiveDate>) -> Option<(Published, bool)> {
    let lines: Vec<(&str, dates::LineDate, dates::LineKind)> = head
        .iter()
        .filter_map(|line| dates::date_line(line).map(|(d, kind)| (*line, d, kind)))
        .collect();
    let chosen = lines
        .iter()
        .find(|(_, _, kind)| *kind == dates::LineKind::Published)
        .or_else(|| lines.first());
    if let Some((line, found, kind)) = chosen {
        let (year, year_certain) = year_for(found, body, today)?;
        let published = dates::published_on_line(line, found, year)?;
        let certain = year_certain && !found.ambiguous && *kind == dates::LineKind::Published;
        return Some((published, certain));
    }
    let found = head
        .iter()
        .take(3)
        .find_map(|line| wire::parse(line).and_then(|d| d.day))?;
    let (year, certain) = year_for(&found, body, today)?;
    let published = Published {
        date: found.date_in(year)?,
        time: None,
        utc_offset_minutes: None,
    };
    Some((published, certain))
}

/// The year for a date: its own, else that of the first full date in the
/// text, else the import date's (the last such day not after it), which is
/// a guess.
fn year_for(found: &dates::LineDate, body: &str, today: Option<NaiveDate>) -> Option<(i32, bool)> {
    if let Some(year) = found.year {
        return Some((year, true));
    }
    if let Some(year) = dates::years_mentioned(body).next() {
        return Some((year, true));
    }
    let today = today?;
    let this_year = found.date_in(today.year());
    let year = match this_year {
        Some(date) if date > today => today.year() - 1,
        _ => today.year(),
    };
    Some((year, false))
}
