//! The one place this module's constant patterns are compiled.

use regex::Regex;

/// Compiles one of the detection module's constant patterns. They are
/// fixed at compile time and exercised by the tests, so a failure is a
/// programming error, not bad input.
#[allow(clippy::expect_used)]
pub(super) fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant pattern is valid")
}
