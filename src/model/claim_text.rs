//! Each claim's quote and speaker lowercased, kept by the project index.
//!
//! Finding claims by a piece of text (the link picker, which lists every
//! claim holding what the analyst types) used to lowercase every quote on
//! each keystroke: 40,000 quotes, about 20 ms. Folded once when a claim is
//! filed, a keystroke costs one substring search per claim.

use std::collections::HashMap;

use memchr::memmem::Finder;

use super::ids::ClaimId;
use super::project::Claim;
use super::search::lowercase_into;

/// A claim's quote and speaker, lowercased as `str::to_lowercase` would.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Folded {
    quote: Box<str>,
    speaker: Box<str>,
}

/// The folded texts of every claim.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FoldedClaims {
    by_claim: HashMap<ClaimId, Folded>,
}

impl FoldedClaims {
    /// Files `claim`'s texts (replacing what was filed for its id).
    pub fn file(&mut self, claim: &Claim) {
        let mut buffer = String::new();
        let mut fold = |text: &str| {
            lowercase_into(text, &mut buffer);
            Box::from(buffer.as_str())
        };
        let folded = Folded {
            quote: fold(&claim.anchor.quote),
            speaker: fold(&claim.info.speaker),
        };
        self.by_claim.insert(claim.id, folded);
    }

    pub fn remove(&mut self, claim: ClaimId) {
        self.by_claim.remove(&claim);
    }

    /// True when `claim`'s quote or speaker holds `needle` (as built by
    /// [`ClaimNeedle::new`]); false for a claim not filed.
    pub fn holds(&self, claim: ClaimId, needle: &ClaimNeedle) -> bool {
        let Some(folded) = self.by_claim.get(&claim) else {
            return false;
        };
        let found = |text: &str| needle.finder.find(text.as_bytes()).is_some();
        needle.is_empty() || found(&folded.quote) || found(&folded.speaker)
    }
}

/// What to look for in claims' folded texts: lowercased once, its
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
