//! Bylines: `By Staff`, `By Ani Mejlumyan, Eurasianet | 26 May 2021`.

use regex::Regex;
use std::sync::LazyLock;

use super::pattern::regex;

/// `By NAME…` up to a part separator.
pub(super) static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\s*(?i:by)\s+([^|·•\n]{1,80})"));

/// Longer lines are paragraphs that happen to start with "By".
const BYLINE_MAX_BYTES: usize = 160;

/// True for a line that opens with a byline (`By Staff | 26 May 2021`).
pub(super) fn is_byline(line: &str) -> bool {
    line.len() < BYLINE_MAX_BYTES && BYLINE.is_match(line)
}
