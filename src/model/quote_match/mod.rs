//! Finding a quote in an article the way a person pasted it: what
//! copy-paste changes (curly or straight quote marks and apostrophes, dashes,
//! an ellipsis, runs of spaces and line breaks, invisible soft hyphens, and
//! letter case when that leaves one match) does not stop a match. When
//! nothing matches, the error carries the closest passage and how it
//! differs.
//!
//! Matching goes from strict to tolerant and stops at the first level that
//! finds the quote, so an exact occurrence always wins over a tolerant one.
//! The claim's anchor always holds the article's own text, never the
//! pasted variant. [`super::Anchor::from_quote`] stays the exact-only
//! matcher for callers that need it.

mod closest;
mod normalize;

pub use closest::{Closest, Difference};

use super::anchor::{Anchor, AnchorError};
use super::text::find_occurrences;
use normalize::{Level, Normalized};

/// How a quote was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tolerance {
    /// Byte for byte.
    Exact,
    /// Ignoring quote marks, apostrophes, dashes, spacing and invisible
    /// characters.
    Marks,
    /// Ignoring all of the above and letter case.
    MarksAndCase,
}

impl Tolerance {
    /// What was ignored, for messages ("" for an exact match).
    pub fn ignored(self) -> &'static str {
        match self {
            Tolerance::Exact => "",
            Tolerance::Marks => "quote marks, dashes and spacing",
            Tolerance::MarksAndCase => "quote marks, dashes, spacing and letter case",
        }
    }
}

/// A quote found in an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteMatch {
    /// The span, with the article's own text as its quote.
    pub anchor: Anchor,
    pub tolerance: Tolerance,
}

/// Why a quote could not be placed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QuoteMatchError {
    #[error("the quote is empty")]
    Empty,
    #[error("the quote does not occur in the article")]
    NotFound { closest: Option<Box<Closest>> },
    #[error(
        "the quote occurs {count} times in the article{}; choose an occurrence, counted from 1 (1 to {count})",
        ignoring(*tolerance)
    )]
    Ambiguous { count: usize, tolerance: Tolerance },
    #[error(
        "there is no occurrence {wanted}: the quote occurs {count} {} in the article{}, counted from 1",
        if *count == 1 { "time" } else { "times" },
        ignoring(*tolerance)
    )]
    NoSuchOccurrence {
        wanted: usize,
        count: usize,
        tolerance: Tolerance,
    },
    #[error("{0}")]
    Anchor(#[from] AnchorError),
}

fn ignoring(tolerance: Tolerance) -> String {
    match tolerance {
        Tolerance::Exact => String::new(),
        other => format!(" (ignoring {})", other.ignored()),
    }
}

/// Finds the `occurrence`-th (counted from 1) match of `quote` in `text`;
/// without `occurrence` the quote must match once.
pub fn match_quote(
    text: &str,
    quote: &str,
    occurrence: Option<usize>,
) -> Result<QuoteMatch, QuoteMatchError> {
    if quote.trim().is_empty() {
        return Err(QuoteMatchError::Empty);
    }
    let exact = find_occurrences(text, quote);
    if !exact.is_empty() {
        let start = exact[pick(exact.len(), occurrence, Tolerance::Exact)?];
        let anchor = Anchor::from_range(text, start, start + quote.len())?;
        return Ok(QuoteMatch {
            anchor,
            tolerance: Tolerance::Exact,
        });
    }
    for (level, tolerance) in [
        (Level::Marks, Tolerance::Marks),
        (Level::MarksAndCase, Tolerance::MarksAndCase),
    ] {
        if let Some(found) = match_at(text, quote, occurrence, level, tolerance)? {
            return Ok(found);
        }
    }
    Err(QuoteMatchError::NotFound {
        closest: closest::closest_passage(text, quote).map(Box::new),
    })
}

/// The match at one level of tolerance, if the quote occurs there at all.
fn match_at(
    text: &str,
    quote: &str,
    occurrence: Option<usize>,
    level: Level,
    tolerance: Tolerance,
) -> Result<Option<QuoteMatch>, QuoteMatchError> {
    let needle = Normalized::needle(quote, level);
    if needle.is_empty() {
        return Err(QuoteMatchError::Empty);
    }
    let hay = Normalized::new(text, level);
    let starts = find_occurrences(&hay.text, &needle);
    if starts.is_empty() {
        return Ok(None);
    }
    let start = starts[pick(starts.len(), occurrence, tolerance)?];
    let range = hay.original_range(start, start + needle.len());
    let anchor = Anchor::from_range(text, range.start, range.end)?;
    Ok(Some(QuoteMatch { anchor, tolerance }))
}

/// The index among `count` matches chosen by `occurrence` (from 1).
fn pick(
    count: usize,
    occurrence: Option<usize>,
    tolerance: Tolerance,
) -> Result<usize, QuoteMatchError> {
    match occurrence {
        None if count == 1 => Ok(0),
        None => Err(QuoteMatchError::Ambiguous { count, tolerance }),
        Some(wanted) if wanted == 0 || wanted > count => Err(QuoteMatchError::NoSuchOccurrence {
            wanted,
            count,
            tolerance,
        }),
        Some(wanted) => Ok(wanted - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Trend reports:\r\n“We don’t accept   the so-called\nreport,” said\u{a0}İlham Əliyev.\n\
        Москва — «не комментирует». 😀 Done… NO, no and no.";

    fn found(quote: &str) -> QuoteMatch {
        match_quote(TEXT, quote, None).expect("quote matches")
    }

    #[test]
    fn exact_quotes_match_as_before() {
        let m = found("said\u{a0}İlham");
        assert_eq!(m.tolerance, Tolerance::Exact);
        assert_eq!(
            m.anchor,
            Anchor::from_quote(TEXT, "said\u{a0}İlham", None).expect("exact")
        );
    }

    #[test]
    fn straight_quotes_and_single_spaces_match_curly_quotes_and_line_breaks() {
        let m = found("\"We don't accept the so-called report,\" said Ilham");
        assert_eq!(m.tolerance, Tolerance::MarksAndCase);
        let m = found("\"We don't accept the so-called report,\" said İlham");
        assert_eq!(m.tolerance, Tolerance::Marks);
        assert_eq!(
            m.anchor.quote,
            "“We don’t accept   the so-called\nreport,” said\u{a0}İlham"
        );
        assert!(m.anchor.verify(TEXT).is_ok());
    }

    #[test]
    fn dashes_guillemets_ellipses_and_pasted_line_ends_match() {
        let m = found("Москва - \"не комментирует\". 😀 Done...");
        assert_eq!(m.anchor.quote, "Москва — «не комментирует». 😀 Done…");
        let m = found("  Trend reports:\n\"We\t");
        assert_eq!(m.anchor.quote, "Trend reports:\r\n“We");
    }

    #[test]
    fn case_is_ignored_only_when_that_leaves_one_match() {
        let m = found("ilham əliyev");
        assert_eq!(m.anchor.quote, "İlham Əliyev");
        assert_eq!(m.tolerance, Tolerance::MarksAndCase);
        // "no" matches exactly twice: exact wins, and needs an occurrence.
        assert_eq!(
            match_quote(TEXT, "no", None),
            Err(QuoteMatchError::Ambiguous {
                count: 2,
                tolerance: Tolerance::Exact
            })
        );
        // Ignoring case, "No, no" is one passage and "nO" three.
        assert_eq!(found("No, no").anchor.quote, "NO, no");
        assert_eq!(
            match_quote(TEXT, "nO", None)
                .expect_err("ambiguous")
                .to_string(),
            "the quote occurs 3 times in the article (ignoring quote marks, dashes, spacing and letter case); choose an occurrence, counted from 1 (1 to 3)"
        );
    }

    #[test]
    fn occurrences_count_from_one() {
        let second = match_quote(TEXT, "no", Some(2)).expect("second");
        assert_eq!(&TEXT[second.anchor.range()], "no");
        assert_eq!(
            match_quote(TEXT, "no", Some(0))
                .expect_err("zero")
                .to_string(),
            "there is no occurrence 0: the quote occurs 2 times in the article, counted from 1"
        );
        assert_eq!(
            match_quote(TEXT, "ilham", Some(2))
                .expect_err("one only")
                .to_string(),
            "there is no occurrence 2: the quote occurs 1 time in the article (ignoring quote marks, dashes, spacing and letter case), counted from 1"
        );
    }

    #[test]
    fn a_missing_quote_reports_the_closest_passage() {
        let error = match_quote(TEXT, "We do not accept the so-called report", None)
            .expect_err("not there");
        assert_eq!(error.to_string(), "the quote does not occur in the article");
        let QuoteMatchError::NotFound {
            closest: Some(closest),
        } = error
        else {
            panic!("no closest passage in {error:?}");
        };
        assert_eq!(closest.passage, "We don’t accept the so-called report");
        assert_eq!(
            closest.differences[0].to_string(),
            "the article has \"don't\" where the quote has \"do not\""
        );
        assert_eq!(
            match_quote(TEXT, "   \n", None),
            Err(QuoteMatchError::Empty)
        );
    }
}
