//! Dates as news pages print them, found on one line: `May 26, 2021`,
//! `26 May 2021, 11:02`, `26.05.2021 11:02`, `2021-05-26`,
//! `Updated 12:18, 2 February 2024`, `2 February 2024 12:18 (UTC+04:00)`,
//! all-caps and abbreviated months (`MAY 26`, `Nov. 21`), with or without a
//! year.

use chrono::{NaiveDate, NaiveTime};
use regex::{Captures, Regex};
use std::sync::LazyLock;

use super::byline::is_byline;
use super::months;
use super::pattern::regex;
use crate::model::Published;

/// A date found in a line, where it is, and how sure we are of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct LineDate {
    pub month: u32,
    pub day: u32,
    /// `None` when the line gives no year (`MAY 26`).
    pub year: Option<i32>,
    /// `03/04/2021` could be either day first or month first.
    pub ambiguous: bool,
    /// Byte range of the date in the line.
    pub start: usize,
    pub end: usize,
}

impl LineDate {
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
    }

    pub fn date(&self) -> Option<NaiveDate> {
        self.date_in(self.year?)
    }
}

static ISO: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2})?)?\b"));
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(\d{1,2})([./])(\d{1,2})[./](\d{4})\b"));
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?i:({}))\.?(?:,?\s+(\d{{4}}))?\b",
        months::alternation()
    ))
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?i:({}))\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?",
        months::alternation()
    ))
});
/// `12:18`, `11:02 AM`, `9:05 p.m.`.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?:^|[^\d:])(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([AaPp])\.?\s?[Mm]\.?)?(?:[^\d:]|$)")
});
/// `UTC+04:00`, `(GMT+4)`, `UTC−5`.
static OFFSET: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\(?\b(?:UTC|GMT)\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?\)?"));

fn number<T: std::str::FromStr>(found: &Captures<'_>, group: usize) -> Option<T> {
    found.get(group)?.as_str().parse().ok()
}

fn span(found: &Captures<'_>) -> (usize, usize) {
    found.get(0).map_or((0, 0), |m| (m.start(), m.end()))
}

fn iso(line: &str) -> Option<LineDate> {
    let found = ISO.captures(line)?;
    let (start, end) = span(&found);
    Some(LineDate {
        year: number(&found, 1),
        month: number(&found, 2)?,
        day: number(&found, 3)?,
        ambiguous: false,
        start,
        end,
    })
}

/// `26.05.2021` is day first (the European order every outlet using dots
/// follows); `05/26/2021` is month first when the day shows it, and
/// ambiguous when both numbers could be a month.
fn numeric(line: &str) -> Option<LineDate> {
    let found = NUMERIC.captures(line)?;
    let (start, end) = span(&found);
    let (first, second): (u32, u32) = (number(&found, 1)?, number(&found, 3)?);
    let slash = &found[2] == "/";
    let (day, month) = if slash && second > 12 {
        (second, first)
    } else {
        (first, second)
    };
    Some(LineDate {
        month,
        day,
        year: number(&found, 4),
        ambiguous: slash && first <= 12 && second <= 12 && first != second,
        start,
        end,
    })
}

fn named(line: &str, pattern: &Regex, day_group: usize, month_group: usize) -> Option<LineDate> {
    pattern.captures_iter(line).find_map(|found| {
        let (start, end) = span(&found);
        Some(LineDate {
            month: months::number(found.get(month_group)?.as_str())?,
            day: number(&found, day_group).filter(|d| (1..=31).contains(d))?,
            year: number(&found, 3),
            ambiguous: false,
            start,
            end,
        })
    })
}

/// The first date in `line`, in any of the supported conventions.
pub(super) fn find(line: &str) -> Option<LineDate> {
    [
        iso(line),
        numeric(line),
        named(line, &DAY_MONTH, 1, 2),
        named(line, &MONTH_DAY, 2, 1),
    ]
    .into_iter()
    .flatten()
    .filter(|found| found.month >= 1 && found.month <= 12)
    .min_by_key(|found| found.start)
}

/// A time of day on the line outside the date itself, with its byte range.
pub(super) fn find_time(line: &str, date: &LineDate) -> Option<(NaiveTime, usize, usize)> {
    let inside_date = &line[date.start..date.end];
    if let Some(found) = ISO.captures(inside_date)
        && let (Some(hour), Some(minute)) = (number::<u32>(&found, 4), number::<u32>(&found, 5))
    {
        return NaiveTime::from_hms_opt(hour, minute, 0).map(|t| (t, date.start, date.end));
    }
    TIME.captures_iter(line).find_map(|found| {
        let hours = found.get(1)?;
        if hours.start() >= date.start && hours.start() < date.end {
            return None;
        }
        let mut hour: u32 = hours.as_str().parse().ok()?;
        let minute: u32 = number(&found, 2)?;
        match found.get(3).map(|m| m.as_str().to_ascii_lowercase()) {
            Some(ref p) if p == "p" && hour < 12 => hour += 12,
            Some(ref a) if a == "a" && hour == 12 => hour = 0,
            _ => {}
        }
        let end = found.get(3).map_or(found.get(2)?.end(), |m| m.end());
        NaiveTime::from_hms_opt(hour, minute, 0).map(|t| (t, hours.start(), end))
    })
}

/// A UTC offset on the line, in minutes east, with its byte range.
pub(super) fn find_offset(line: &str) -> Option<(i32, usize, usize)> {
    let found = OFFSET.captures(line)?;
    let hours: i32 = number(&found, 2)?;
    let minutes: i32 = found.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    let total = hours * 60 + minutes;
    let (start, end) = span(&found);
    Some((if &found[1] == "+" { total } else { -total }, start, end))
}

/// The date, time and offset a line gives, with the year supplied when the
/// line has none.
pub(super) fn published_on_line(line: &str, date: &LineDate, year: i32) -> Option<Published> {
    Some(Published {
        date: date.date_in(date.year.unwrap_or(year))?,
        time: find_time(line, date).map(|(time, _, _)| time),
        utc_offset_minutes: find_offset(line).map(|(offset, _, _)| offset),
    })
}

/// How much of a text is searched for a full date to lend its year.
const YEAR_SEARCH_BYTES: usize = 64 * 1024;

/// Every full date (with a year) near the start of `text`, in order: the
/// source of a year for a dateline that has none.
pub(super) fn years_mentioned(text: &str) -> impl Iterator<Item = i32> + '_ {
    let end = crate::model::floor_char_boundary(text, YEAR_SEARCH_BYTES);
    text[..end].lines().flat_map(|line| {
        let mut years = Vec::new();
        let mut rest = line;
        while let Some(found) = find(rest) {
            if let Some(year) = found.year.filter(|_| found.date().is_some()) {
                years.push(year);
            }
            rest = &rest[found.end.max(1).min(rest.len())..];
        }
        years
    })
}

/// What a date line says the date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LineKind {
    Published,
    /// `Updated 12:18, 2 February 2024`: the date of a later change.
    Updated,
}

/// Words a date line may hold besides the date: `Published:`,
/// `Last updated on`, `Posted at`.
const DATE_WORDS: &[&str] = &[
    "published",
    "posted",
    "updated",
    "last",
    "first",
    "date",
    "dated",
    "created",
    "modified",
    "released",
    "on",
    "at",
    "am",
    "pm",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Separators between the parts of a header line (`By Staff | 26 May 2021`).
const PART_SEPARATORS: [char; 3] = ['|', '·', '•'];
/// Longer lines are paragraphs, not date lines.
const DATE_LINE_MAX_BYTES: usize = 200;
/// Parts beside the date (bylines aside) may have this many words.
const SIDE_PART_MAX_WORDS: usize = 5;

/// `line` with the date, time and offset blanked out.
fn without_date(line: &str, date: &LineDate) -> String {
    let mut ranges = vec![(date.start, date.end)];
    ranges.extend(find_time(line, date).map(|(_, s, e)| (s, e)));
    ranges.extend(find_offset(line).map(|(_, s, e)| (s, e)));
    // Blanks keep every byte offset of the line valid in the result.
    let mut out = String::with_capacity(line.len());
    for (i, c) in line.char_indices() {
        if ranges.iter().any(|&(s, e)| i >= s && i < e) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A line that is a date and little else: `May 26, 2021`,
/// `Published: 26 May 2021`, `By Staff | 26 May 2021`,
/// `Updated 12:18, 2 February 2024`. A sentence that mentions a date
/// ("Elections held on 7 February 2024") is not one.
pub(super) fn date_line(line: &str) -> Option<(LineDate, LineKind)> {
    if line.len() > DATE_LINE_MAX_BYTES {
        return None;
    }
    let date = find(line)?;
    let rest = without_date(line, &date);
    let mut kind = LineKind::Published;
    let mut start = 0;
    for piece in rest.split_inclusive(PART_SEPARATORS) {
        let part = piece.trim_end_matches(PART_SEPARATORS);
        let part_range = start..start + part.len();
        start += piece.len();
        let part_words = words(part);
        if part_range.contains(&date.start) {
            if !part_words.iter().all(|w| DATE_WORDS.contains(&w.as_str())) {
                return None;
            }
            if part_words.iter().any(|w| w == "updated" || w == "modified") {
                kind = LineKind::Updated;
            }
        } else if !is_byline(part) && part_words.len() > SIDE_PART_MAX_WORDS {
            return None;
        }
    }
    Some((date, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(line: &str) -> Option<(Option<i32>, u32, u32)> {
        find(line).map(|d| (d.year, d.month, d.day))
    }

    #[test]
    fn every_convention_is_read() {
        assert_eq!(ymd("May 26, 2021"), Some((Some(2021), 5, 26)));
        assert_eq!(ymd("26 May 2021, 11:02"), Some((Some(2021), 5, 26)));
        assert_eq!(ymd("26.05.2021 11:02"), Some((Some(2021), 5, 26)));
        assert_eq!(ymd("2021-05-26"), Some((Some(2021), 5, 26)));
        assert_eq!(ymd("YEREVAN, MAY 26, ARMENPRESS."), Some((None, 5, 26)));
        assert_eq!(
            ymd("BAKU, Azerbaijan, Nov. 21 (Trend)"),
            Some((None, 11, 21))
        );
        assert_eq!(ymd("1st of nothing"), None);
        assert_eq!(ymd("26 мая 2021 года"), Some((Some(2021), 5, 26)));
        assert_eq!(ymd("05/26/2021"), Some((Some(2021), 5, 26)));
        assert!(find("03/04/2021").is_some_and(|d| d.ambiguous));
        assert!(find("03.04.2021").is_some_and(|d| !d.ambiguous && d.month == 4));
    }

    #[test]
    fn date_lines_hold_a_date_and_little_else() {
        for line in [
            "May 26, 2021",
            "26 May 2021, 11:02",
            "26.05.2021 11:02",
            "2021-05-26",
            "By Staff | 26 May 2021",
            "Published: 26 May 2021",
            "2 February 2024 12:18 (UTC+04:00)",
        ] {
            assert_eq!(
                date_line(line).map(|d| d.1),
                Some(LineKind::Published),
                "{line}"
            );
        }
        assert_eq!(
            date_line("Updated 12:18, 2 February 2024").map(|d| d.1),
            Some(LineKind::Updated)
        );
        for line in [
            "Elections held on 7 February 2024 were fair",
            "BAKU, Azerbaijan, July 24",
            "On August 20, the Musavat Party sent a letter.",
        ] {
            assert_eq!(date_line(line), None, "{line}");
        }
    }

    #[test]
    fn time_and_offset_beside_the_date() {
        let line = "Updated 12:18, 2 February 2024";
        let date = find(line).unwrap();
        assert_eq!(
            find_time(line, &date).map(|t| t.0),
            NaiveTime::from_hms_opt(12, 18, 0)
        );
        let line = "2 February 2024 9:05 p.m. (UTC+04:00)";
        let date = find(line).unwrap();
        assert_eq!(
            find_time(line, &date).map(|t| t.0),
            NaiveTime::from_hms_opt(21, 5, 0)
        );
        assert_eq!(find_offset(line).map(|o| o.0), Some(240));
        assert_eq!(find_offset("GMT-5:30").map(|o| o.0), Some(-330));
        let iso = "2021-05-26T08:30:00";
        let date = find(iso).unwrap();
        assert_eq!(
            find_time(iso, &date).map(|t| t.0),
            NaiveTime::from_hms_opt(8, 30, 0)
        );
    }
}
