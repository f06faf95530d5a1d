//! Text search across all articles, case-insensitive (Unicode lowercase).
//!
//! The window builds a [`SearchIndex`] once, updates the articles each edit
//! touches, and queries it on each keystroke; results carry byte ranges in
//! the current text.

use memchr::memmem;
use std::ops::Range;
use std::sync::Arc;

use super::ids::ArticleId;
use super::project::{Article, Project};

/// One article's text folded to lowercase, with a map back to the original.
#[derive(Clone, Debug, PartialEq)]
struct FoldedArticle {
    article: ArticleId,
    /// The text that was folded (shared with the project, not copied): an
    /// update re-folds an article only when its text is another `Arc`.
    text: Arc<str>,
    folded: String,
    /// The chars whose lowercase form is not one char of the same byte
    /// length (`İ` → `i̇`, `ẞ` → `ß`), in text order. Between two of them
    /// folded and original text advance byte for byte, so this short list
    /// (empty for most texts) maps every folded offset back; a dense
    /// per-char map would cost 16 bytes per byte of text.
    irregular: Vec<Irregular>,
}

/// A char whose folded form has a different length or shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Irregular {
    folded_at: usize,
    folded_len: usize,
    original_at: usize,
    original_len: usize,
}

/// A searchable copy of every article's text, in article-id order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchIndex {
    articles: Vec<FoldedArticle>,
}

/// One place where the query occurs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    pub article: ArticleId,
    /// Byte range of the match in the article's text.
    pub range: Range<usize>,
}

impl SearchIndex {
    pub fn build(project: &Project) -> SearchIndex {
        SearchIndex {
            articles: project
                .articles
                .iter()
                .map(|a| fold_article(a.id, &a.text))
                .collect(),
        }
    }

    /// Follows one article: `None` when it was removed. Re-folds only a
    /// new or replaced text; returns whether the text changed.
    pub fn update(&mut self, id: ArticleId, article: Option<&Article>) -> bool {
        let at = self.articles.binary_search_by_key(&id, |a| a.article);
        match (at, article) {
            (Ok(i), Some(article)) if Arc::ptr_eq(&self.articles[i].text, &article.text) => {
                return false;
            }
            (Ok(i), Some(article)) => self.articles[i] = fold_article(id, &article.text),
            (Err(i), Some(article)) => self.articles.insert(i, fold_article(id, &article.text)),
            (Ok(i), None) => {
                self.articles.remove(i);
            }
            (Err(_), None) => return false,
        }
        true
    }

    /// Up to `limit` hits of `query` in article order, and whether more exist.
    pub fn search(&self, query: &str, limit: usize) -> (Vec<SearchHit>, bool) {
        let needle = query.trim().to_lowercase();
        let mut hits = Vec::new();
        if needle.is_empty() {
            return (hits, false);
        }
        // memmem's SIMD prefilter scans several GB/s, several times faster
        // than `str::match_indices`; the finder is built once per query.
        let finder = memmem::Finder::new(needle.as_bytes());
        for article in &self.articles {
            let mut from = 0;
            // Non-overlapping matches, like `match_indices`.
            while let Some(found) = finder.find(&article.folded.as_bytes()[from..]) {
                if hits.len() == limit {
                    return (hits, true);
                }
                let start = from + found;
                let end = start + needle.len();
                hits.push(SearchHit {
                    article: article.article,
                    range: article.original(start, false)..article.original(end, true),
                });
                from = end;
            }
        }
        (hits, false)
    }
}

fn fold_article(article: ArticleId, text: &Arc<str>) -> FoldedArticle {
    let (folded, irregular) = fold(text);
    FoldedArticle {
        article,
        text: Arc::clone(text),
        folded,
        irregular,
    }
}

/// `text.to_lowercase()` and its irregular chars, in one pass.
///
/// `str::to_lowercase` goes char by char (a table lookup each) from the
/// first non-ASCII byte on, so a mostly-ASCII text with a few Azerbaijani
/// or Cyrillic words costs as much as a Cyrillic one. Here ASCII runs are
/// copied and lowercased in bulk, and only the words holding non-ASCII
/// bytes go through `str::to_lowercase`. A word ends at ASCII whitespace,
/// which is neither cased nor case-ignorable, so final sigma (`Σ` → `ς` at
/// the end of a word) sees the same context as when folding the whole text.
fn fold(text: &str) -> (String, Vec<Irregular>) {
    let bytes = text.as_bytes();
    let mut folded = String::with_capacity(text.len());
    let mut irregular = Vec::new();
    let mut done = 0;
    while let Some(offset) = first_non_ascii(&bytes[done..]) {
        let at = done + offset;
        let word_start = bytes[done..at]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(done, |p| done + p + 1);
        let word_end = bytes[at..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(text.len(), |p| at + p);
        push_ascii_lowercase(&mut folded, &text[done..word_start]);
        let word = &text[word_start..word_end];
        list_irregular(word, word_start, folded.len(), &mut irregular);
        folded.push_str(&word.to_lowercase());
        done = word_end;
    }
    push_ascii_lowercase(&mut folded, &text[done..]);
    (folded, irregular)
}

/// Offset of the first non-ASCII byte, testing eight bytes at a time.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if word & HIGH_BITS != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .position(|b| !b.is_ascii())
        .map(|p| at + p)
}

fn push_ascii_lowercase(folded: &mut String, ascii: &str) {
    let from = folded.len();
    folded.push_str(ascii);
    folded[from..].make_ascii_lowercase();
}

/// Appends the chars of `word` (starting at `original_at` in the text and
/// at `folded_at` in the folded text) that do not fold to one char of the
/// same length. `char::to_lowercase` gives the same lengths as
/// `str::to_lowercase` (the final-sigma choice is 2 bytes either way).
fn list_irregular(word: &str, original_at: usize, folded_at: usize, out: &mut Vec<Irregular>) {
    let mut folded_at = folded_at;
    for (offset, c) in word.char_indices() {
        let original_len = c.len_utf8();
        let mut lower = c.to_lowercase();
        let folded_len = lower.clone().map(char::len_utf8).sum::<usize>();
        let one_char_same_len =
            lower.len() == 1 && lower.next().is_some_and(|l| l.len_utf8() == original_len);
        if !one_char_same_len {
            out.push(Irregular {
                folded_at,
                folded_len,
                original_at: original_at + offset,
                original_len,
            });
        }
        folded_at += folded_len;
    }
}

impl FoldedArticle {
    /// The original byte offset of a folded byte offset. An offset inside a
    /// char that folded to several (İ → i̇) snaps to that char's start, or to
    /// its end when `round_up` (so a match ending inside it covers all of it).
    fn original(&self, folded_at: usize, round_up: bool) -> usize {
        // The last irregular char starting at or before `folded_at`.
        let after = self.irregular.partition_point(|i| i.folded_at <= folded_at);
        let Some(last) = after.checked_sub(1).and_then(|i| self.irregular.get(i)) else {
            return folded_at;
        };
        let inside = folded_at - last.folded_at;
        if inside == 0 {
            last.original_at
        } else if inside < last.folded_len {
            last.original_at + if round_up { last.original_len } else { 0 }
        } else {
            last.original_at + last.original_len + (inside - last.folded_len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, ArticleMeta};

    fn project_with(texts: &[&str]) -> Project {
        let mut project = Project::new("t");
        for (i, text) in texts.iter().enumerate() {
            project.articles.push(Article {
                id: ArticleId::untagged(i as u32 + 1),
                meta: ArticleMeta::default(),
                imported_at: chrono::DateTime::default(),
                content_hash: String::new(),
                text: (*text).into(),
            });
        }
        project
    }

    #[test]
    fn finds_case_insensitively_with_original_offsets() {
        let project = project_with(&["Əliyev and ƏLIYEV", "İstanbul ŞƏKİ şəki"]);
        let index = SearchIndex::build(&project);
        let (hits, more) = index.search("əliyev", 10);
        assert!(!more);
        assert_eq!(hits.len(), 2);
        let text = &project.articles[0].text;
        assert_eq!(&text[hits[1].range.clone()], "ƏLIYEV");
        let (hits, _) = index.search("şəki", 10);
        let text = &project.articles[1].text;
        let found: Vec<&str> = hits.iter().map(|h| &text[h.range.clone()]).collect();
        assert_eq!(found, vec!["ŞƏKİ", "şəki"]);
    }

    #[test]
    fn limit_reports_more() {
        let project = project_with(&["a a a a"]);
        let (hits, more) = SearchIndex::build(&project).search("a", 2);
        assert_eq!(hits.len(), 2);
        assert!(more);
    }

    /// The offset map the sparse list replaces: one entry per char.
    fn dense_original(text: &str, folded_at: usize, round_up: bool) -> usize {
        let mut offsets = Vec::new();
        let mut at = 0;
        for (original_at, c) in text.char_indices() {
            offsets.push((at, original_at));
            at += c.to_lowercase().map(char::len_utf8).sum::<usize>();
        }
        offsets.push((at, text.len()));
        match offsets.binary_search_by_key(&folded_at, |&(f, _)| f) {
            Ok(i) => offsets[i].1,
            Err(i) if round_up => offsets.get(i).map_or(text.len(), |o| o.1),
            Err(i) => offsets[i.saturating_sub(1)].1,
        }
    }

    const TRICKY: &[&str] = &[
        "plain ascii text",
        "İstanbul ŞƏKİ şəki İİ",
        "Kelvin \u{212A} Ångström \u{212B} Ohm \u{2126}",
        "ẞtraße ǅemal ΟΔΟΣ Σ ﬁne Ⅻ",
        "emoji 👍🏽 🇦🇿 ⚠️ and İ at the end İ",
        "ԱՐՄԵՆԻԱ Ⴀ ᲐᲑᲒ ПРАВДА",
    ];

    #[test]
    fn sparse_offsets_match_a_per_char_map() {
        for text in TRICKY {
            let folded = fold_article(ArticleId::untagged(1), &Arc::from(*text));
            assert_eq!(
                folded.folded.len() as isize - text.len() as isize,
                folded
                    .irregular
                    .iter()
                    .map(|i| i.folded_len as isize - i.original_len as isize)
                    .sum::<isize>(),
                "{text}"
            );
            // Matches of a whole-char needle start and end on folded char
            // boundaries, which is all `original` is asked about.
            let boundaries =
                (0..=folded.folded.len()).filter(|&at| folded.folded.is_char_boundary(at));
            for at in boundaries {
                for round_up in [false, true] {
                    assert_eq!(
                        folded.original(at, round_up),
                        dense_original(text, at, round_up),
                        "{text:?} at {at} round_up {round_up}"
                    );
                }
            }
        }
    }

    /// The one-pass fold is `str::to_lowercase`, final sigma included,
    /// and its irregular list is the char-by-char one.
    fn assert_folds_like_std(text: &str) {
        let (folded, irregular) = fold(text);
        assert_eq!(folded, text.to_lowercase(), "{text:?}");
        let mut expected = Vec::new();
        list_irregular(text, 0, 0, &mut expected);
        assert_eq!(irregular, expected, "{text:?}");
    }

    #[test]
    fn fold_matches_std_lowercase() {
        let sigma = [
            "ΟΔΟΣ",
            "ΟΔΟΣ.",
            "ΟΔΟΣ'",
            "Σ",
            " Σ ",
            "AΣ",
            "AΣb",
            "ΑΣ\u{00AD}",
            "'Σ'",
            "ΑΣ.Α",
            "x ΟΔΟΣ\nΑΣ\tΑ",
            "ΑΣ\u{00A0}b",
            "Ab Σ ΣΣ abΣ.",
            "12345678ΑΣ 12345678",
        ];
        for text in TRICKY.iter().chain(&sigma) {
            assert_folds_like_std(text);
        }
        let blns = include_str!("../../tests/data/blns.txt");
        assert_folds_like_std(blns);
        for line in blns.lines() {
            assert_folds_like_std(line);
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_matches_std_on_mixed_text(
            text in proptest::string::string_regex(
                "[a-zA-Z .'\n\t\u{00AD}\u{00A0}ΣσΑİIıəƏЖжԱՐ👍🏽ẞ\u{212A}]{0,40}"
            ).unwrap()
        ) {
            assert_folds_like_std(&text);
        }
    }

    #[test]
    fn hits_fall_on_char_boundaries_and_match_when_folded() {
        let project = project_with(TRICKY);
        let index = SearchIndex::build(&project);
        for query in [
            "i",
            "İ",
            "k",
            "å",
            "ß",
            "σ",
            "ΟΔΟΣ",
            "👍",
            "ա",
            "ⴀ",
            "ა",
            "правда",
        ] {
            let (hits, _) = index.search(query, 1000);
            assert!(!hits.is_empty(), "{query}");
            for hit in hits {
                let text = &project
                    .article(hit.article)
                    .expect("hit in an article")
                    .text;
                assert!(text.is_char_boundary(hit.range.start), "{query}");
                assert!(text.is_char_boundary(hit.range.end), "{query}");
                let found = text[hit.range.clone()].to_lowercase();
                assert!(found.contains(&query.to_lowercase()), "{query} → {found}");
            }
        }
    }
}
