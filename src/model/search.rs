//! Text search across all articles, case-insensitive (Unicode lowercase).
//!
//! The window builds a [`SearchIndex`] once per project revision and queries
//! it on each keystroke; results carry byte ranges in the original text.

use std::ops::Range;

use super::ids::ArticleId;
use super::project::Project;

/// One article's text folded to lowercase, with a map back to the original.
#[derive(Clone, Debug)]
struct FoldedArticle {
    article: ArticleId,
    folded: String,
    /// For each char of `folded` that starts a folded char: (folded byte,
    /// original byte). Empty when folding kept every length (the common
    /// case), so the map costs nothing for most texts.
    offsets: Vec<(usize, usize)>,
    original_len: usize,
}

/// A searchable copy of every article's text.
#[derive(Clone, Debug, Default)]
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

    /// Up to `limit` hits of `query` in article order, and whether more exist.
    pub fn search(&self, query: &str, limit: usize) -> (Vec<SearchHit>, bool) {
        let needle = query.trim().to_lowercase();
        let mut hits = Vec::new();
        if needle.is_empty() {
            return (hits, false);
        }
        for article in &self.articles {
            for (start, _) in article.folded.match_indices(&needle) {
                if hits.len() == limit {
                    return (hits, true);
                }
                let end = start + needle.len();
                hits.push(SearchHit {
                    article: article.article,
                    range: article.original(start, false)..article.original(end, true),
                });
            }
        }
        (hits, false)
    }
}

fn fold_article(article: ArticleId, text: &str) -> FoldedArticle {
    let folded = text.to_lowercase();
    let offsets = if folded.len() == text.len() && same_boundaries(text, &folded) {
        Vec::new()
    } else {
        let mut offsets = Vec::with_capacity(text.len());
        let mut folded_at = 0;
        for (original_at, c) in text.char_indices() {
            offsets.push((folded_at, original_at));
            folded_at += c.to_lowercase().map(char::len_utf8).sum::<usize>();
        }
        offsets
    };
    FoldedArticle {
        article,
        folded,
        offsets,
        original_len: text.len(),
    }
}

/// True when every char kept its byte length, so offsets carry over as is.
fn same_boundaries(text: &str, folded: &str) -> bool {
    text.chars()
        .zip(folded.chars())
        .all(|(a, b)| a.len_utf8() == b.len_utf8())
}

impl FoldedArticle {
    /// The original byte offset of a folded byte offset. An offset inside a
    /// char that folded to several (İ → i̇) snaps to that char's start, or to
    /// its end when `round_up` (so a match ending inside it covers all of it).
    fn original(&self, folded_at: usize, round_up: bool) -> usize {
        if self.offsets.is_empty() {
            return folded_at;
        }
        match self.offsets.binary_search_by_key(&folded_at, |&(f, _)| f) {
            Ok(i) => self.offsets[i].1,
            Err(i) if round_up => self.offsets.get(i).map_or(self.original_len, |o| o.1),
            Err(i) => self.offsets[i.saturating_sub(1)].1,
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
                id: ArticleId(i as u32 + 1),
                meta: ArticleMeta::default(),
                imported_at: chrono::DateTime::default(),
                content_hash: String::new(),
                text: (*text).to_string(),
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
}
