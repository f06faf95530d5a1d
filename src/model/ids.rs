//! Stable identifiers. An id is handed out once and never again, even after
//! the thing it named is deleted: `NextIds` only ever grows.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! id_type {
    ($name:ident, $prefix:literal, $doc:literal) => {
        #[doc = $doc]
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl $name {
            /// The letter shown before the number (`c12`, `l4`), so ids of
            /// different kinds cannot be confused in the CLI or the window.
            pub const PREFIX: &'static str = $prefix;
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}{}", $prefix, self.0)
            }
        }

        impl FromStr for $name {
            type Err = IdParseError;

            /// Accepts `c12`, `C12` and plain `12`.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let trimmed = s.trim();
                let digits = trimmed
                    .strip_prefix($prefix)
                    .or_else(|| trimmed.strip_prefix(&$prefix.to_uppercase()))
                    .unwrap_or(trimmed);
                digits.parse::<u32>().map($name).map_err(|_| IdParseError {
                    kind: stringify!($name),
                    text: s.to_string(),
                })
            }
        }
    };
}

id_type!(ArticleId, "a", "Identifies an article within a project.");
id_type!(
    ClaimId,
    "c",
    "Identifies a claim (a marked span) within a project."
);
id_type!(
    LinkId,
    "l",
    "Identifies a link (a claim → response pair) within a project."
);

/// An id string that does not name an id of the expected kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' is not a valid {kind} (expected a number such as 12 or a prefixed id)")]
pub struct IdParseError {
    pub kind: &'static str,
    pub text: String,
}

/// The next id of each kind. Stored in the project file so that ids stay
/// unique across sessions, deletes and undo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextIds {
    pub article: u32,
    pub claim: u32,
    pub link: u32,
}

impl Default for NextIds {
    fn default() -> Self {
        NextIds {
            article: 1,
            claim: 1,
            link: 1,
        }
    }
}

impl NextIds {
    /// Hands out the next article id (on a copy of the project's counters,
    /// when building an edit; applying the edit advances the real ones).
    pub fn take_article(&mut self) -> ArticleId {
        let id = ArticleId(self.article);
        self.article += 1;
        id
    }

    pub fn take_claim(&mut self) -> ClaimId {
        let id = ClaimId(self.claim);
        self.claim += 1;
        id
    }

    pub fn take_link(&mut self) -> LinkId {
        let id = LinkId(self.link);
        self.link += 1;
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_display_with_prefix_and_parse_both_forms() {
        assert_eq!(ClaimId(12).to_string(), "c12");
        assert_eq!("c12".parse::<ClaimId>(), Ok(ClaimId(12)));
        assert_eq!("C12".parse::<ClaimId>(), Ok(ClaimId(12)));
        assert_eq!("12".parse::<ClaimId>(), Ok(ClaimId(12)));
        assert!("l12".parse::<ClaimId>().is_err());
        assert!("".parse::<LinkId>().is_err());
    }
}
