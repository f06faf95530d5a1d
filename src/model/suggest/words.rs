//! Words and index terms. Text is folded once (Unicode lowercase, Latin and
//! Cyrillic diacritics dropped, `ё` → `е`), split into words, and each word
//! becomes character 4-grams with word-boundary marks, so that inflected
//! forms share most of their terms without a stemmer: Azerbaijani
//! `seçkilər`/`seçkilərin`, Russian `выборы`/`выборов`, Armenian
//! `ընտրություններ`/`ընտրությունների` all share their stem's grams.

use rustc_hash::FxHasher;
use std::hash::Hasher;
use std::ops::Range;

/// One word of a text: where it is and its folded form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    /// Byte range in the original text.
    pub range: Range<usize>,
    pub folded: String,
    /// The original starts with an uppercase letter (a name candidate).
    pub capitalised: bool,
}

/// How text becomes index terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Character 4-grams of each word, with boundary marks (Riposte's ranker).
    CharGrams,
    /// Whole folded words (the plain BM25 baseline).
    Words,
}

/// Gram length: 4 keeps stems of 4+ letters shared across inflections while
/// staying selective; 3-grams match too much, 5-grams too little in
/// agglutinative Azerbaijani.
const GRAM: usize = 4;
const WORD_START: char = '\u{2}';
const WORD_END: char = '\u{3}';

/// Combining marks dropped by folding: the Latin and Cyrillic diacritics
/// block, so that `İ` (lowercased to `i̇`) matches `i`, and accented
/// spellings match plain ones.
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Characters that sit inside words without separating them: Armenian
/// emphasis, exclamation and question marks, soft hyphens and zero-width
/// joiners. They are dropped from the folded form.
fn is_ignored_inside_word(c: char) -> bool {
    matches!(
        c,
        '\u{55b}'..='\u{55e}' | '\u{ad}' | '\u{200c}' | '\u{200d}'
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || is_ignored_inside_word(c)
}

/// Appends the folded form of `c` to `out`.
pub(crate) fn fold_char(c: char, out: &mut String) {
    if is_combining_mark(c) || is_ignored_inside_word(c) {
        return;
    }
    for lower in c.to_lowercase() {
        match lower {
            'ё' => out.push('е'),
            _ if is_combining_mark(lower) => {}
            _ => out.push(lower),
        }
    }
}

/// The folded form of a whole string.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The words of `text` (runs of letters and digits), in order.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    for (at, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                push_word(text, from..at, &mut found);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        push_word(text, from..text.len(), &mut found);
    }
    found
}

fn push_word(text: &str, range: Range<usize>, found: &mut Vec<Word>) {
    let original = &text[range.clone()];
    let folded = fold(original);
    if folded.is_empty() {
        return;
    }
    let capitalised = original.chars().next().is_some_and(char::is_uppercase);
    found.push(Word {
        range,
        folded,
        capitalised,
    });
}

/// Appends the index terms of one folded word to `out`.
pub(crate) fn word_terms(folded: &str, scheme: Scheme, out: &mut Vec<u32>) {
    match scheme {
        Scheme::Words => out.push(hash_chars(folded.chars(), 0x57)),
        Scheme::CharGrams => char_grams(folded, out),
    }
}

/// The 4-grams of the word with its boundary marks, slid over without
/// allocating (this runs for every word of every article).
fn char_grams(folded: &str, out: &mut Vec<u32>) {
    let padded = std::iter::once(WORD_START)
        .chain(folded.chars())
        .chain(std::iter::once(WORD_END));
    let mut window = ['\0'; GRAM];
    for (seen, c) in padded.enumerate() {
        window.rotate_left(1);
        window[GRAM - 1] = c;
        // One-letter words ("a", "и") make no gram: they carry no topic.
        if seen + 1 >= GRAM {
            out.push(hash_chars(window.iter().copied(), 0x47));
        }
    }
}

/// The terms of a whole text.
pub(crate) fn text_terms(text: &str, scheme: Scheme) -> Vec<u32> {
    let mut out = Vec::new();
    for word in words(text) {
        word_terms(&word.folded, scheme, &mut out);
    }
    out
}

/// A 32-bit term id. Collisions between distinct grams are possible but
/// rare (a few among hundreds of thousands of grams) and only add noise to
/// a score; they never lose a candidate.
fn hash_chars(chars: impl Iterator<Item = char>, seed: u32) -> u32 {
    let mut hasher = FxHasher::default();
    hasher.write_u32(seed);
    for c in chars {
        hasher.write_u32(u32::from(c));
    }
    let hash = hasher.finish();
    (hash >> 32) as u32 ^ hash as u32
}

/// Length of the longest common prefix of two folded words, in chars.
pub(crate) fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// True when two folded words are forms of the same word as far as a
/// reader can tell without a stemmer: equal; a short word (4–5 letters,
/// the last may change) plus an ending of up to four letters; or longer
/// words sharing a prefix
/// of five or more letters that covers two thirds of the shorter one.
pub(crate) fn same_stem(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (len_a, len_b) = (a.chars().count(), b.chars().count());
    let (shorter, longer) = (len_a.min(len_b), len_a.max(len_b));
    let common = common_prefix_chars(a, b);
    match shorter {
        0..=3 => false,
        4 | 5 => common >= 4 && common + 1 >= shorter && longer - common <= 4,
        _ => common >= 5 && common * 3 >= shorter * 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_and_diacritics_and_keep_byte_ranges() {
        let text = "İLHAM Əliyev: «Выборы» ёлка, Երևա՞ն 😀 2024";
        let found = words(text);
        let folded: Vec<&str> = found.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(
            folded,
            ["ilham", "əliyev", "выборы", "елка", "երևան", "2024"]
        );
        for word in &found {
            assert!(text.is_char_boundary(word.range.start));
            assert!(text.is_char_boundary(word.range.end));
        }
        assert_eq!(&text[found[1].range.clone()], "Əliyev");
        assert!(found[0].capitalised && found[1].capitalised && !found[3].capitalised);
    }

    #[test]
    fn inflected_forms_share_most_grams() {
        let shared = |a: &str, b: &str| {
            let (mut x, mut y) = (Vec::new(), Vec::new());
            word_terms(a, Scheme::CharGrams, &mut x);
            word_terms(b, Scheme::CharGrams, &mut y);
            x.iter().filter(|t| y.contains(t)).count()
        };
        assert!(shared("seçkilər", "seçkilərin") >= 5);
        assert!(shared("выборы", "выборов") >= 3);
        assert!(shared("ընտրություններ", "ընտրությունների") >= 10);
        assert!(shared("არჩევნები", "არჩევნებში") >= 5);
        assert_eq!(shared("seçkilər", "выборы"), 0);
    }

    #[test]
    fn short_words_make_one_gram_and_single_letters_none() {
        let mut out = Vec::new();
        word_terms("eu", Scheme::CharGrams, &mut out);
        assert_eq!(out.len(), 1);
        word_terms("a", Scheme::CharGrams, &mut out);
        assert_eq!(out.len(), 1);
        word_terms("vəd", Scheme::CharGrams, &mut out);
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn stems_match_inflections_not_neighbours() {
        assert!(same_stem("michalko", "michalkos"));
        assert!(same_stem("борреля", "боррель"));
        assert!(same_stem("seçkilər", "seçkilərin"));
        assert!(!same_stem("eu", "eus"));
        assert!(!same_stem("press", "president"));
        assert!(same_stem("press", "pressed"));
        assert!(same_stem("eu", "eu"));
    }
}
