//! What filtering and sorting read of each claim, kept by the project index
//! so that no keystroke or click walks 40,000 claims through binary searches
//! and folds.
//!
//! Finding claims by a piece of text (the link picker, which lists every
//! claim holding what the analyst types) used to lowercase every quote on
//! each keystroke: 40,000 quotes, about 20 ms. Sorting the pairs table by
//! quote looked each claim up by id and flattened its whitespace: about
//! 80 ms for 20,000 rows. Here each claim is filed once, when it changes,
//! with its lowercased quote and speaker and its quote as the table shows
//! it; a lookup is one hash probe.

use std::collections::HashMap;
use std::sync::Arc;

use memchr::memmem::Finder;

use super::ids::ClaimId;
use super::project::Claim;
use super::search::lowercase_into;

/// One claim as filed.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimText {
    /// The record itself (shared with the project).
    pub claim: Arc<Claim>,
    folded_quote: Box<str>,
    folded_speaker: Box<str>,
    /// The quote with each whitespace run as one space, when that differs
    /// from the quote.
    flat_quote: Option<Box<str>>,
}

impl ClaimText {
    fn of(claim: &Arc<Claim>) -> ClaimText {
        let mut buffer = String::new();
        let mut fold = |text: &str| {
            lowercase_into(text, &mut buffer);
            Box::from(buffer.as_str())
        };
        ClaimText {
            folded_quote: fold(&claim.anchor.quote),
            folded_speaker: fold(&claim.info.speaker),
            flat_quote: flatten(&claim.anchor.quote).map(Box::from),
            claim: Arc::clone(claim),
        }
    }

    /// The quote as the pairs table shows it: each whitespace run as one
    /// space, no space at either end.
    pub fn flat_quote(&self) -> &str {
        self.flat_quote
            .as_deref()
            .unwrap_or(&self.claim.anchor.quote)
    }

    pub fn speaker(&self) -> &str {
        &self.claim.info.speaker
    }

    /// The quote, lowercased.
    pub fn folded_quote(&self) -> &str {
        &self.folded_quote
    }

    /// The speaker, lowercased.
    pub fn folded_speaker(&self) -> &str {
        &self.folded_speaker
    }
}

/// `text` with each whitespace run as one space and none at either end, or
/// `None` when it is so already (most quotes: checked without allocating).
pub fn flatten(text: &str) -> Option<String> {
    let mut previous_space = true;
    let flat = text.chars().all(|c| {
        let ok = match c {
            ' ' => !previous_space,
            c => !c.is_whitespace(),
        };
        previous_space = c == ' ';
        ok
    }) && !previous_space;
    if flat || text.is_empty() {
        return None;
    }
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Every claim as filed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimTexts {
    by_claim: HashMap<ClaimId, ClaimText>,
}

impl ClaimTexts {
    /// Files `claim` (replacing what was filed for its id).
    pub fn file(&mut self, claim: &Arc<Claim>) {
        self.by_claim.insert(claim.id, ClaimText::of(claim));
    }

    pub fn remove(&mut self, claim: ClaimId) {
        self.by_claim.remove(&claim);
    }

    pub fn get(&self, claim: ClaimId) -> Option<&ClaimText> {
        self.by_claim.get(&claim)
    }

    /// True when `claim`'s quote or speaker holds `needle` (as built by
    /// [`ClaimNeedle::new`]); false for a claim not filed.
    pub fn holds(&self, claim: ClaimId, needle: &ClaimNeedle) -> bool {
        let Some(text) = self.by_claim.get(&claim) else {
            return false;
        };
        let found = |text: &str| needle.finder.find(text.as_bytes()).is_some();
        needle.is_empty() || found(&text.folded_quote) || found(&text.folded_speaker)
    }
}

/// What to look for in claims' lowercased texts: lowercased once, its
/// searcher built once for a whole pass over the claims.
pub struct ClaimNeedle {
    finder: Finder<'static>,
}

impl ClaimNeedle {
    /// `text` trimmed and lowercased.
    pub fn new(text: &str) -> ClaimNeedle {
        let folded = text.trim().to_lowercase();
        ClaimNeedle {
            finder: Finder::new(folded.as_bytes()).into_owned(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.finder.needle().is_empty()
    }

    /// The lowercased text.
    pub fn folded(&self) -> &str {
        // Built from a `String`, so the bytes are UTF-8.
        std::str::from_utf8(self.finder.needle()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn flatten_gives_the_text_as_the_table_shows_it() {
        let texts = [
            "",
            " ",
            "ab",
            "ab cd",
            "ab\n\ncd",
            "ab  c",
            " ab",
            "ab ",
            "ab\u{a0}cd",
            "ə b",
            "a\tb",
            "a\r\nb",
            "Şuşa — ölkə",
            "😀 x",
            "x\u{2003}y",
            "one two three",
        ];
        for text in texts {
            let flat = flatten(text).unwrap_or_else(|| text.to_string());
            assert_eq!(flat, reference(text), "{text:?}");
        }
    }
}
