//! The title of pasted text: the first line that is not a date line, a
//! byline, an outlet line or a wire dateline; a dateline opening the first
//! paragraph is cut off ("YEREVAN, MAY 26, ARMENPRESS. The talks…" gives
//! "The talks…"). A long first paragraph gives its first sentence.

use super::byline::is_byline;
use super::{dates, outlets, wire};

/// Longest first line still taken as a title; longer ones are paragraphs.
const TITLE_MAX_CHARS: usize = 120;
/// A title made from a first sentence is cut to about this length.
const SENTENCE_TITLE_CHARS: usize = 100;

/// Lines that head a page but are not its title.
fn is_header_line(line: &str) -> bool {
    dates::date_line(line).is_some()
        || is_byline(line)
        || outlets::is_outlet_line(line)
        || line.starts_with("Details added")
        || line.starts_with("Updated")
}

/// The title, or an empty string for a text with no words.
pub(super) fn detect<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let Some(line) = lines
        .map(str::trim)
        .filter(|line| !line.is_empty() && !is_header_line(line))
        .map(|line| wire::strip(line).trim())
        .find(|line| !line.is_empty())
    else {
        return String::new();
    };
    if line.chars().count() <= TITLE_MAX_CHARS {
        return line.to_string();
    }
    shorten(first_sentence(line), SENTENCE_TITLE_CHARS)
}

/// Up to the first `.`, `!` or `?` followed by a space, skipping initials
/// such as "U.S." (one capital letter before the dot).
fn first_sentence(line: &str) -> &str {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for window in chars.windows(3) {
        let [(_, before), (i, mark), (_, after)] = [window[0], window[1], window[2]];
        if matches!(mark, '.' | '!' | '?') && after == ' ' && !is_initial(line, i, before) {
            return &line[..i + mark.len_utf8()];
        }
    }
    line
}

fn is_initial(line: &str, dot: usize, before: char) -> bool {
    before.is_uppercase()
        && line[..dot]
            .chars()
            .rev()
            .nth(1)
            .is_none_or(|c| !c.is_alphabetic())
}

/// Cuts `text` to at most `max` chars at a word boundary, adding "…".
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut.rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_never_datelines_or_bylines() {
        let text =
            "May 26, 2021\nBy Staff | 26 May 2021\nYEREVAN, MAY 26, ARMENPRESS. The talks went on.";
        assert_eq!(detect(text.lines()), "The talks went on.");
        assert_eq!(
            detect("(CNN) — A senator spoke.".lines()),
            "A senator spoke."
        );
        assert_eq!(detect("\n\n".lines()), "");
    }
}
