//! A text with the differences that copy-paste introduces taken out, and a
//! map from every normalised character back to the original bytes it came
//! from, so a match in the normalised text becomes a span of the original.

use std::ops::Range;

/// How far to normalise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Level {
    /// Quote marks, apostrophes, dashes, ellipses, spacing and invisible
    /// characters.
    Marks,
    /// All of the above, and letter case.
    MarksAndCase,
}

/// Normalised text plus, for each of its chars, where it came from.
pub(super) struct Normalized {
    pub(super) text: String,
    /// Byte offset in `text` of each normalised char, ascending.
    offsets: Vec<usize>,
    /// The original bytes each normalised char stands for.
    origins: Vec<Range<usize>>,
}

impl Normalized {
    pub(super) fn new(original: &str, level: Level) -> Normalized {
        let mut normalized = Normalized {
            text: String::with_capacity(original.len()),
            offsets: Vec::with_capacity(original.len()),
            origins: Vec::with_capacity(original.len()),
        };
        let mut space: Option<Range<usize>> = None;
        for (at, c) in original.char_indices() {
            let here = at..at + c.len_utf8();
            if c.is_whitespace() {
                // A run of spaces and line breaks is one space.
                space = Some(space.map_or(here.clone(), |run| run.start..here.end));
                continue;
            }
            if let Some(run) = space.take() {
                normalized.push(' ', run);
            }
            normalized.push_char(c, here, level);
        }
        if let Some(run) = space {
            normalized.push(' ', run);
        }
        normalized
    }

    /// The quote as a needle: normalised, without leading or trailing space.
    pub(super) fn needle(quote: &str, level: Level) -> String {
        Normalized::new(quote, level).text.trim().to_string()
    }

    fn push_char(&mut self, c: char, origin: Range<usize>, level: Level) {
        if is_invisible(c) {
            return;
        }
        if c == '…' {
            for _ in 0..3 {
                self.push('.', origin.clone());
            }
            return;
        }
        let plain = plain_mark(c);
        if level == Level::Marks || plain != c {
            self.push(plain, origin);
            return;
        }
        for lower in c.to_lowercase() {
            // 'İ' lowercases to 'i' plus a combining dot: match it as 'i'.
            if !(c == 'İ' && lower == '\u{307}') {
                self.push(lower, origin.clone());
            }
        }
    }

    fn push(&mut self, c: char, origin: Range<usize>) {
        self.offsets.push(self.text.len());
        self.origins.push(origin);
        self.text.push(c);
    }

    /// The original bytes behind the normalised bytes `start..end` (both
    /// on char boundaries of `text`, `start < end`).
    pub(super) fn original_range(&self, start: usize, end: usize) -> Range<usize> {
        let first = self.offsets.partition_point(|&at| at < start);
        let last = self
            .offsets
            .partition_point(|&at| at < end)
            .saturating_sub(1);
        match (self.origins.get(first), self.origins.get(last)) {
            (Some(a), Some(b)) => a.start..b.end,
            _ => 0..0,
        }
    }

    /// Number of normalised chars (for cost estimates).
    pub(super) fn char_count(&self) -> usize {
        self.offsets.len()
    }
}

/// Characters that copying may add or drop without anyone seeing them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// Typographic quote marks, apostrophes and dashes as their plain forms.
fn plain_mark(c: char) -> char {
    match c {
        '“' | '”' | '„' | '‟' | '«' | '»' | '〝' | '〞' | '＂' | '″' => '"',
        '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' | 'ʼ' | '＇' => '\'',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_spacing_and_invisibles_are_normalised() {
        let text = "“Qarabağ” —\r\n  it’s\u{ad} here…";
        let n = Normalized::new(text, Level::Marks);
        assert_eq!(n.text, "\"Qarabağ\" - it's here...");
        let start = n.text.find("it's").unwrap_or(0);
        let range = n.original_range(start, start + "it's".len());
        assert_eq!(&text[range], "it’s");
        // The collapsed space maps back to the whole run.
        let dash = n.text.find('-').unwrap_or(0);
        assert_eq!(&text[n.original_range(dash, dash + 3)], "—\r\n  i");
    }

    #[test]
    fn case_folding_keeps_azerbaijani_and_cyrillic_letters() {
        let n = Normalized::new("İlham ƏLİYEV Москва", Level::MarksAndCase);
        assert_eq!(n.text, "ilham əliyev москва");
        let start = n.text.find("əliyev").unwrap_or(0);
        let range = n.original_range(start, start + "əliyev".len());
        assert_eq!(&"İlham ƏLİYEV Москва"[range], "ƏLİYEV");
    }

    #[test]
    fn needles_are_trimmed() {
        assert_eq!(Normalized::needle("\n  «Hi»  \t", Level::Marks), "\"Hi\"");
    }
}
