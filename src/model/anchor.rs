//! Where a claim sits in its article: a byte range on char boundaries plus
//! the exact quote and some context on both sides, so a claim can be found
//! again (or flagged) if the text ever changes.

use serde::{Deserialize, Serialize};

use super::text::find_occurrences;

/// How many characters of context are kept on each side of a quote (as the
/// W3C TextQuoteSelector's prefix and suffix).
pub const CONTEXT_CHARS: usize = 32;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Byte offset of the first byte of the quote in the article text.
    pub start: usize,
    /// Byte offset one past the last byte of the quote.
    pub end: usize,
    /// The exact text of `start..end`.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] characters before the quote.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after the quote.
    pub suffix: String,
}

/// Why a range or quote cannot anchor a claim in a text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnchorError {
    #[error("the span is empty")]
    Empty,
    #[error("span {start}..{end} lies outside the article ({len} bytes)")]
    OutOfRange {
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("span {start}..{end} does not fall on character boundaries")]
    NotCharBoundary { start: usize, end: usize },
    #[error("the article text at {start}..{end} does not match the quote")]
    QuoteMismatch { start: usize, end: usize },
    #[error("the quote does not occur in the article")]
    QuoteNotFound,
    #[error("the quote occurs {count} times in the article; choose an occurrence (1..={count})")]
    Ambiguous { count: usize },
    #[error("an orphaned claim must have no range, but has {start}..{end}")]
    OrphanWithRange { start: usize, end: usize },
    #[error("occurrence {wanted} requested but the quote occurs only {count} times")]
    NoSuchOccurrence { wanted: usize, count: usize },
}

impl Anchor {
    /// Anchors the byte range `start..end` of `text`, capturing quote and context.
    pub fn from_range(text: &str, start: usize, end: usize) -> Result<Anchor, AnchorError> {
        check_range(text, start, end)?;
        Ok(Anchor {
            start,
            end,
            quote: text[start..end].to_string(),
            prefix: context_before(text, start),
            suffix: context_after(text, end),
        })
    }

    /// Anchors the `occurrence`-th (1-based) occurrence of `quote` in `text`.
    /// With `occurrence == None` the quote must occur exactly once.
    pub fn from_quote(
        text: &str,
        quote: &str,
        occurrence: Option<usize>,
    ) -> Result<Anchor, AnchorError> {
        if quote.is_empty() {
            return Err(AnchorError::Empty);
        }
        let starts = find_occurrences(text, quote);
        let start = match (occurrence, starts.len()) {
            (_, 0) => return Err(AnchorError::QuoteNotFound),
            (None, 1) => starts[0],
            (None, count) => return Err(AnchorError::Ambiguous { count }),
            (Some(wanted), count) if wanted == 0 || wanted > count => {
                return Err(AnchorError::NoSuchOccurrence { wanted, count });
            }
            (Some(wanted), _) => starts[wanted - 1],
        };
        Anchor::from_range(text, start, start + quote.len())
    }

    /// Checks that this anchor still fits `text`: in range, on char
    /// boundaries, and the text there equals the stored quote.
    pub fn verify(&self, text: &str) -> Result<(), AnchorError> {
        check_range(text, self.start, self.end)?;
        if text[self.start..self.end] != self.quote {
            return Err(AnchorError::QuoteMismatch {
                start: self.start,
                end: self.end,
            });
        }
        Ok(())
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

fn check_range(text: &str, start: usize, end: usize) -> Result<(), AnchorError> {
    if start > end || end > text.len() {
        return Err(AnchorError::OutOfRange {
            start,
            end,
            len: text.len(),
        });
    }
    if start == end {
        return Err(AnchorError::Empty);
    }
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return Err(AnchorError::NotCharBoundary { start, end });
    }
    Ok(())
}

fn context_before(text: &str, start: usize) -> String {
    let begin = text[..start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(byte, _)| byte);
    text[begin..start].to_string()
}

fn context_after(text: &str, end: usize) -> String {
    let finish = text[end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(byte, _)| end + byte);
    text[end..finish].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_range_captures_quote_and_context() {
        let text = "Əvvəlcə: the mission denied it. Sonra 😀 heç nə.";
        let start = text.find("the mission").unwrap_or(0);
        let end = start + "the mission denied it".len();
        let anchor = Anchor::from_range(text, start, end).expect("valid range");
        assert_eq!(anchor.quote, "the mission denied it");
        assert_eq!(anchor.prefix, "Əvvəlcə: ");
        assert_eq!(anchor.suffix, ". Sonra 😀 heç nə.");
        assert!(anchor.verify(text).is_ok());
    }

    #[test]
    fn context_is_limited_to_32_chars() {
        let text = format!("{}X{}", "ə".repeat(40), "ş".repeat(40));
        let start = text.find('X').unwrap_or(0);
        let anchor = Anchor::from_range(&text, start, start + 1).expect("valid");
        assert_eq!(anchor.prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(anchor.suffix.chars().count(), CONTEXT_CHARS);
    }

    #[test]
    fn bad_ranges_are_rejected() {
        let text = "aə b";
        assert_eq!(Anchor::from_range(text, 1, 1), Err(AnchorError::Empty));
        assert!(matches!(
            Anchor::from_range(text, 0, 99),
            Err(AnchorError::OutOfRange { .. })
        ));
        assert!(matches!(
            Anchor::from_range(text, 0, 2),
            Err(AnchorError::NotCharBoundary { .. })
        ));
        assert!(matches!(
            Anchor::from_range(text, 3, 1),
            Err(AnchorError::OutOfRange { .. })
        ));
    }

    #[test]
    fn quotes_must_be_unique_or_numbered() {
        let text = "no, no and no";
        assert_eq!(
            Anchor::from_quote(text, "no", None),
            Err(AnchorError::Ambiguous { count: 3 })
        );
        let second = Anchor::from_quote(text, "no", Some(2)).expect("second occurrence");
        assert_eq!(second.start, 4);
        assert_eq!(
            Anchor::from_quote(text, "no", Some(4)),
            Err(AnchorError::NoSuchOccurrence {
                wanted: 4,
                count: 3
            })
        );
        assert_eq!(
            Anchor::from_quote(text, "yes", None),
            Err(AnchorError::QuoteNotFound)
        );
    }

    #[test]
    fn verify_detects_changed_text() {
        let anchor = Anchor::from_quote("the sky is blue", "blue", None).expect("found");
        assert!(matches!(
            anchor.verify("the sky is red!"),
            Err(AnchorError::QuoteMismatch { .. })
        ));
        assert!(matches!(
            anchor.verify("short"),
            Err(AnchorError::OutOfRange { .. })
        ));
    }
}
