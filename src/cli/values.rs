//! Parsing command-line values, with messages in the user's words: ids are
//! written `c12`, never a Rust type name.

use chrono::{NaiveDate, NaiveTime};
use std::str::FromStr;

use crate::io::export::ExportFormat;
use crate::model::{ArticleId, ClaimId, LinkId, Published, Relation, Status, StatusFilter};

pub(super) fn article_id(text: &str) -> Result<ArticleId, String> {
    one_kind(text, "an article", "a3")
}

pub(super) fn claim_id(text: &str) -> Result<ClaimId, String> {
    one_kind(text, "a claim", "c12")
}

fn one_kind<T: FromStr>(text: &str, kind: &str, example: &str) -> Result<T, String> {
    text.parse().map_err(|_| {
        format!(
            "'{text}' is not {kind} id (write it like {example}; riposte --help lists the kinds)"
        )
    })
}

/// An id of any kind, told apart by its letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AnyId {
    Article(ArticleId),
    Claim(ClaimId),
    Link(LinkId),
}

impl std::fmt::Display for AnyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnyId::Article(id) => id.fmt(f),
            AnyId::Claim(id) => id.fmt(f),
            AnyId::Link(id) => id.fmt(f),
        }
    }
}

pub(super) fn any_id(text: &str) -> Result<AnyId, String> {
    let mut kinds = Vec::new();
    if let Ok(id) = text.parse() {
        kinds.push(AnyId::Article(id));
    }
    if let Ok(id) = text.parse() {
        kinds.push(AnyId::Claim(id));
    }
    if let Ok(id) = text.parse() {
        kinds.push(AnyId::Link(id));
    }
    match kinds.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!(
            "'{text}' is not an id (write a3 for an article, c12 for a claim, l4 for a link)"
        )),
        [first @ .., last] => {
            let named: Vec<String> = first.iter().map(ToString::to_string).collect();
            Err(format!(
                "'{text}' could be {} or {last}: write the kind's letter",
                named.join(", ")
            ))
        }
    }
}

pub(super) fn relation(text: &str) -> Result<Relation, String> {
    Relation::parse(text).ok_or_else(|| {
        let names: Vec<_> = Relation::ALL
            .iter()
            .map(|r| r.name().to_lowercase())
            .collect();
        format!("unknown relation '{text}' (expected {})", names.join(", "))
    })
}

pub(super) fn status(text: &str) -> Result<Status, String> {
    Status::parse(text)
        .ok_or_else(|| format!("unknown status '{text}' (expected draft, curated or rejected)"))
}

pub(super) fn status_filter(text: &str) -> Result<StatusFilter, String> {
    StatusFilter::parse(text).ok_or_else(|| {
        format!("unknown status '{text}' (expected curated, all, draft or rejected)")
    })
}

pub(super) fn export_format(text: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(text).ok_or_else(|| {
        let names: Vec<_> = ExportFormat::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format '{text}' (expected {})", names.join(", "))
    })
}

/// A `--date` value: a date, or `none` to remove it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateArg(pub Option<Published>);

/// `--date`: `YYYY-MM-DD`, optionally `THH:MM` and a UTC offset (`+04:00`,
/// `-0530`, `Z`); a space may stand for the `T`. `none` removes the date.
pub(super) fn published(text: &str) -> Result<DateArg, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("none") {
        return Ok(DateArg(None));
    }
    parse_published(text).map(|p| DateArg(Some(p))).ok_or_else(|| {
        format!(
            "'{text}' is not a date (expected YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM+HH:MM, or none)"
        )
    })
}

fn parse_published(text: &str) -> Option<Published> {
    let (date, rest) = text.split_at_checked(10)?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let mut published = Published {
        date,
        time: None,
        utc_offset_minutes: None,
    };
    if rest.is_empty() {
        return Some(published);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let (time, offset) = rest.split_at_checked(5)?;
    published.time = Some(NaiveTime::parse_from_str(time, "%H:%M").ok()?);
    if !offset.is_empty() {
        published.utc_offset_minutes = Some(parse_offset(offset.trim_start())?);
    }
    Some(published)
}

/// `Z`, `+04:00`, `+0400` or `-05:30` → minutes east of UTC.
fn parse_offset(text: &str) -> Option<i32> {
    if text.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let (sign, digits) = match text.split_at_checked(1)? {
        ("+", rest) => (1, rest),
        ("-", rest) => (-1, rest),
        _ => return None,
    };
    let digits = digits.replace(':', "");
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_any_kind_are_told_apart_by_their_letter() {
        assert_eq!(
            any_id("c12").map(|id| id.to_string()),
            Ok("c12".to_string())
        );
        assert_eq!(any_id("A3").map(|id| id.to_string()), Ok("a3".to_string()));
        assert_eq!(
            any_id("3"),
            Err("'3' could be a3, c3 or l3: write the kind's letter".to_string())
        );
        assert_eq!(
            any_id("x1"),
            Err(
                "'x1' is not an id (write a3 for an article, c12 for a claim, l4 for a link)"
                    .to_string()
            )
        );
        assert_eq!(
            claim_id("l2"),
            Err(
                "'l2' is not a claim id (write it like c12; riposte --help lists the kinds)"
                    .to_string()
            )
        );
    }

    #[test]
    fn dates_take_time_and_offset() {
        let full = published("2024-02-02T12:18+04:00")
            .expect("valid")
            .0
            .expect("some");
        assert_eq!(full.to_string(), "2024-02-02 12:18 (UTC+04:00)");
        let west = published("2024-02-02 09:05 -0530")
            .expect("valid")
            .0
            .expect("some");
        assert_eq!(west.to_string(), "2024-02-02 09:05 (UTC-05:30)");
        let utc = published("2024-02-02T09:05Z")
            .expect("valid")
            .0
            .expect("some");
        assert_eq!(utc.utc_offset_minutes, Some(0));
        assert_eq!(published("none"), Ok(DateArg(None)));
        for bad in [
            "2024-2-2",
            "2024-02-30",
            "2024-02-02T25:00",
            "2024-02-02T10:00+4",
            "yesterday",
        ] {
            assert!(published(bad).is_err(), "{bad}");
        }
    }
}
