//! The lexical index behind suggestions: every article cut into segments
//! (sentences, clauses of long ones), each segment's terms counted, and the
//! document frequency of every term over all segments (for BM25).
//!
//! Postings are kept one list per term over all articles (a query's cost
//! follows its terms' document frequencies), and the index still follows
//! edits one article at a time ([`SuggestIndex::upsert`],
//! [`SuggestIndex::sync`]): see `postings.rs` for how.
//! It owns everything it reads (texts are shared `Arc<str>`s), so it can be
//! built and queried on another thread.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::cues::{CueKind, find_cue};
use super::postings::Postings;
use super::segment::segments;
use super::words::{Scheme, word_terms, words};
use crate::model::{Article, ArticleId, Project, Published};

/// What the index keeps of an article.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleDoc {
    pub id: ArticleId,
    pub text: Arc<str>,
    pub outlet: String,
    pub published: Option<Published>,
    /// The article's content hash when indexed, to notice text changes.
    pub content_hash: String,
}

impl ArticleDoc {
    /// What ranking needs from `article` (the text shared, not copied).
    pub fn of(article: &Article) -> ArticleDoc {
        ArticleDoc {
            id: article.id,
            text: Arc::clone(&article.text),
            outlet: article.meta.outlet.clone(),
            published: article.meta.published,
            content_hash: article.content_hash.clone(),
        }
    }

    /// Every article of a project, for building an index elsewhere.
    pub fn all(project: &Project) -> Vec<ArticleDoc> {
        project.articles.iter().map(ArticleDoc::of).collect()
    }
}

/// One span a suggestion can point at.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Segment {
    pub range: Range<usize>,
    /// Number of terms (BM25's document length).
    pub length: u32,
    /// Its denial cue (or else correction cue), if any.
    pub cue: Option<Cue>,
    /// Number of words.
    pub words: u32,
    /// A short line of its own without a sentence end: a headline, an
    /// outlet or a dateline rather than a statement.
    pub headline: bool,
}

/// A cue in a segment: where (bytes in the article) and what kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cue {
    pub range: Range<usize>,
    pub kind: CueKind,
    /// Which cue it is (see `cues::cues_of_claim`).
    pub cue: u16,
}

/// Beyond this many segments in one article (gigabytes of text) the rest
/// is not indexed.
const MAX_SEGMENTS: usize = 1 << 24;

/// An article as indexed.
#[derive(Clone, Debug)]
pub(crate) struct IndexedArticle {
    pub doc: ArticleDoc,
    pub segments: Vec<Segment>,
    /// Its first segment's number in the index-wide numbering (its
    /// segments are numbered consecutively from there).
    first: u32,
    /// Each distinct term with the number of its segments holding it:
    /// what removing the article takes off the document frequencies.
    terms: Box<[(u32, u32)]>,
}

impl IndexedArticle {
    /// The article's segments, and each segment's distinct terms with
    /// their counts (`(term, segment, count)`, segments numbered from 0).
    fn build(doc: ArticleDoc, scheme: Scheme) -> (IndexedArticle, Vec<(u32, u32, u32)>) {
        let mut segs = Vec::new();
        let mut postings = Vec::new();
        let mut terms = Vec::new();
        for range in segments(&doc.text).into_iter().take(MAX_SEGMENTS) {
            let found = words(&doc.text[range.clone()]);
            let cue = find_cue(&found).map(|cue| Cue {
                range: range.start + found[cue.words.start].range.start
                    ..range.start + found[cue.words.end - 1].range.end,
                kind: cue.kind,
                cue: cue.cue,
            });
            terms.clear();
            for word in &found {
                word_terms(&word.folded, scheme, &mut terms);
            }
            let index = segs.len() as u32;
            push_postings(&mut terms, index, &mut postings);
            segs.push(Segment {
                headline: is_headline(&doc.text, &range, found.len()),
                range,
                length: terms.len() as u32,
                cue,
                words: found.len() as u32,
            });
        }
        postings.sort_unstable();
        let distinct = postings.chunk_by(|a, b| a.0 == b.0);
        let summary = distinct.map(|run| (run[0].0, run.len() as u32)).collect();
        let article = IndexedArticle {
            doc,
            segments: segs,
            first: 0,
            terms: summary,
        };
        (article, postings)
    }

    /// The index-wide numbers of its segments.
    fn numbers(&self) -> Range<usize> {
        let first = self.first as usize;
        first..first + self.segments.len()
    }

    /// Its part of an index-wide array (one value per segment number).
    pub fn part<'v, T>(&self, values: &'v [T]) -> &'v [T] {
        &values[self.numbers()]
    }
}

/// Headlines are short: longer lines are statements even without a full stop.
const HEADLINE_MAX_WORDS: usize = 15;

/// A short line of its own that does not end like a sentence.
fn is_headline(text: &str, range: &Range<usize>, words: usize) -> bool {
    let line_start = text[..range.start].trim_end_matches([' ', '\t']).is_empty()
        || text[..range.start]
            .trim_end_matches([' ', '\t'])
            .ends_with('\n');
    let line_end = text[range.end..].trim_start_matches([' ', '\t']).is_empty()
        || text[range.end..]
            .trim_start_matches([' ', '\t'])
            .starts_with('\n');
    let ends_sentence = text[range.clone()]
        .trim_end_matches(['"', '”', '»', '’', '\''])
        .ends_with(['.', '!', '?', '…', '։', '。']);
    line_start && line_end && !ends_sentence && words <= HEADLINE_MAX_WORDS
}

/// Counts each distinct term of one segment into `postings` as
/// `(term, segment, count)`.
fn push_postings(terms: &mut [u32], segment: u32, postings: &mut Vec<(u32, u32, u32)>) {
    terms.sort_unstable();
    for run in terms.chunk_by(|a, b| a == b) {
        postings.push((run[0], segment, run.len() as u32));
    }
}

/// What [`SuggestIndex::sync`] changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub indexed: usize,
    pub removed: usize,
    pub meta_updated: usize,
}

impl SyncReport {
    pub fn changed(&self) -> bool {
        self.indexed + self.removed + self.meta_updated > 0
    }
}

/// Segments and term statistics of a set of articles.
#[derive(Clone, Debug)]
pub struct SuggestIndex {
    scheme: Scheme,
    articles: BTreeMap<ArticleId, IndexedArticle>,
    /// One list per term over all articles (see `postings.rs` for why).
    postings: Postings,
    segment_count: u64,
    term_count: u64,
}

impl SuggestIndex {
    pub fn new(scheme: Scheme) -> SuggestIndex {
        SuggestIndex {
            scheme,
            articles: BTreeMap::new(),
            postings: Postings::default(),
            segment_count: 0,
            term_count: 0,
        }
    }

    /// An index of `docs` (typically [`ArticleDoc::all`]).
    pub fn build(scheme: Scheme, docs: impl IntoIterator<Item = ArticleDoc>) -> SuggestIndex {
        let mut index = SuggestIndex::new(scheme);
        for doc in docs {
            index.upsert(doc);
        }
        index
    }

    /// Riposte's index (character grams) of every article of `project`.
    pub fn of_project(project: &Project) -> SuggestIndex {
        SuggestIndex::build(Scheme::CharGrams, ArticleDoc::all(project))
    }

    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// Adds an article, or re-indexes it if its id is already indexed.
    pub fn upsert(&mut self, doc: ArticleDoc) {
        self.forget(doc.id);
        let (mut article, postings) = IndexedArticle::build(doc, self.scheme);
        let lengths: Vec<u32> = article.segments.iter().map(|s| s.length).collect();
        article.first = self.postings.add(article.doc.id, &lengths, &postings);
        self.segment_count += article.segments.len() as u64;
        self.term_count += article
            .segments
            .iter()
            .map(|s| u64::from(s.length))
            .sum::<u64>();
        self.articles.insert(article.doc.id, article);
        self.compact_if_sparse();
    }

    /// Forgets an article; true if it was indexed.
    pub fn remove(&mut self, id: ArticleId) -> bool {
        let removed = self.forget(id);
        self.compact_if_sparse();
        removed
    }

    /// [`SuggestIndex::remove`] without compacting.
    fn forget(&mut self, id: ArticleId) -> bool {
        let Some(article) = self.articles.remove(&id) else {
            return false;
        };
        self.postings.kill(article.numbers(), &article.terms);
        self.segment_count -= article.segments.len() as u64;
        self.term_count -= article
            .segments
            .iter()
            .map(|s| u64::from(s.length))
            .sum::<u64>();
        true
    }

    /// Drops dead postings once they outnumber live ones (see
    /// `postings.rs`), renumbering segments article by article.
    fn compact_if_sparse(&mut self) {
        if !self.postings.wants_compaction() {
            return;
        }
        let kept: Vec<Range<usize>> = self.articles.values().map(|a| a.numbers()).collect();
        self.postings.renumber(&kept);
        let mut next = 0;
        for article in self.articles.values_mut() {
            article.first = next;
            next += article.segments.len() as u32;
        }
    }

    /// Brings the index up to date with `project`: re-indexes articles
    /// whose text changed, adds new ones, drops deleted ones, and refreshes
    /// outlet and date. Costs one comparison per article when nothing
    /// changed.
    pub fn sync(&mut self, project: &Project) -> SyncReport {
        self.sync_docs(ArticleDoc::all(project))
    }

    /// [`SuggestIndex::sync`] from the articles' docs (taken on one thread,
    /// synced on another).
    pub fn sync_docs(&mut self, docs: Vec<ArticleDoc>) -> SyncReport {
        let mut report = SyncReport::default();
        let present: std::collections::BTreeSet<ArticleId> = docs.iter().map(|d| d.id).collect();
        let gone: Vec<ArticleId> = self
            .articles
            .keys()
            .filter(|id| !present.contains(id))
            .copied()
            .collect();
        for id in gone {
            report.removed += usize::from(self.remove(id));
        }
        for doc in docs {
            match self.articles.get_mut(&doc.id) {
                Some(indexed) if indexed.doc.content_hash == doc.content_hash => {
                    report.meta_updated += usize::from(refresh_meta(&mut indexed.doc, doc));
                }
                _ => {
                    self.upsert(doc);
                    report.indexed += 1;
                }
            }
        }
        report
    }

    pub fn article_count(&self) -> usize {
        self.articles.len()
    }

    pub fn segment_count(&self) -> u64 {
        self.segment_count
    }

    pub(crate) fn articles(&self) -> impl Iterator<Item = &IndexedArticle> {
        self.articles.values()
    }

    pub(crate) fn article(&self, id: ArticleId) -> Option<&IndexedArticle> {
        self.articles.get(&id)
    }

    /// Average segment length in terms.
    pub(crate) fn average_length(&self) -> f32 {
        if self.segment_count == 0 {
            return 1.0;
        }
        (self.term_count as f64 / self.segment_count as f64).max(1.0) as f32
    }

    /// How many segments hold `term`.
    pub(crate) fn document_frequency(&self, term: u32) -> u32 {
        self.postings.document_frequency(term)
    }

    /// Size of an array with one value per segment number (see
    /// [`IndexedArticle::part`]).
    pub(crate) fn numbered_segments(&self) -> usize {
        self.postings.numbered()
    }

    /// Calls `visit(segment number, count, segment length)` for every
    /// segment holding `term`, all articles together.
    #[inline]
    pub(crate) fn for_each_posting(&self, term: u32, visit: impl FnMut(usize, u32, u32)) {
        self.postings.for_each(term, visit);
    }

    /// The segments that hold at least three quarters of `terms` (the
    /// grams of one word: the word, or an inflected form of it): each
    /// article with the segment's index in it, in no particular order.
    pub(crate) fn segments_holding_most_of(&self, terms: &[u32]) -> Vec<(&IndexedArticle, usize)> {
        let found = self.postings.holding_most_of(terms).into_iter();
        found
            .filter_map(|(id, number)| {
                let article = self.articles.get(&id)?;
                Some((article, number - article.first as usize))
            })
            .collect()
    }

    /// BM25's inverse document frequency (never negative).
    pub(crate) fn idf(&self, term: u32) -> f32 {
        let n = self.segment_count as f64;
        let df = f64::from(self.document_frequency(term));
        ((n - df + 0.5) / (df + 0.5)).ln_1p() as f32
    }

    /// Term ids of `text` under this index's scheme.
    pub(crate) fn terms_of(&self, text: &str) -> Vec<u32> {
        super::words::text_terms(text, self.scheme)
    }
}

/// Takes outlet and date from `fresh` when the analyst corrected them;
/// true if they changed.
fn refresh_meta(doc: &mut ArticleDoc, fresh: ArticleDoc) -> bool {
    if (&doc.outlet, doc.published) == (&fresh.outlet, fresh.published) {
        return false;
    }
    doc.outlet = fresh.outlet;
    doc.published = fresh.published;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: u32, text: &str) -> ArticleDoc {
        ArticleDoc {
            id: ArticleId::untagged(id),
            text: Arc::from(text),
            outlet: String::new(),
            published: None,
            content_hash: crate::model::content_hash(text),
        }
    }

    fn stats(index: &SuggestIndex) -> (u64, u64, Vec<(u32, u32)>) {
        let df = index.postings.frequencies();
        (index.segment_count, index.term_count, df)
    }

    #[test]
    fn incremental_updates_equal_a_fresh_build() {
        let texts = [
            "The mission denied it. Выборы прошли честно.",
            "Seçkilər keçirildi. The ambassador said nothing.",
            "Another story altogether.",
        ];
        let mut index = SuggestIndex::build(
            Scheme::CharGrams,
            texts.iter().enumerate().map(|(i, t)| doc(i as u32 + 1, t)),
        );
        index.upsert(doc(2, "A new text for the second article. Yeni mətn."));
        index.remove(ArticleId::untagged(3));
        let fresh = SuggestIndex::build(
            Scheme::CharGrams,
            [
                doc(1, texts[0]),
                doc(2, "A new text for the second article. Yeni mətn."),
            ],
        );
        assert_eq!(stats(&index), stats(&fresh));
        assert_eq!(index.article_count(), 2);
        assert!(!index.remove(ArticleId::untagged(3)));
    }

    #[test]
    fn compacting_after_many_edits_keeps_statistics_and_rankings() {
        let long: String = (0..100)
            .map(|i| format!("Report {i} says the ministry hid grain exports. "))
            .collect();
        let others = [
            doc(
                2,
                "The ministry denied hiding grain exports, calling it baseless.",
            ),
            doc(
                3,
                "Grain exports were hidden by the ministry, a report says.",
            ),
        ];
        let mut index = SuggestIndex::build(Scheme::CharGrams, others.clone());
        let rounds = 60;
        for round in 0..rounds {
            index.upsert(doc(1, &format!("{long}Edit {round}.")));
        }
        let last = format!("{long}Edit {}.", rounds - 1);
        let fresh =
            SuggestIndex::build(Scheme::CharGrams, others.into_iter().chain([doc(1, &last)]));
        assert_eq!(stats(&index), stats(&fresh));
        // Dead segments were dropped on the way (60 × 101 were numbered).
        assert!(index.numbered_segments() < 101 * rounds / 2);
        let quote = "Grain exports were hidden by the ministry, a report says.";
        let query = super::super::Query {
            claim: crate::model::ClaimId::untagged(1),
            article: ArticleId::untagged(3),
            range: 0..quote.len(),
            quote: quote.to_string(),
            speaker: String::new(),
            excluded: Vec::new(),
            rejected: Vec::new(),
        };
        let ranked = index.suggest(&query, super::super::Ranker::Riposte, 10);
        assert_eq!(ranked.len(), 10);
        assert_eq!(ranked[0].article, ArticleId::untagged(2));
        assert_eq!(
            ranked,
            fresh.suggest(&query, super::super::Ranker::Riposte, 10)
        );
    }

    #[test]
    fn short_lines_without_a_full_stop_are_headlines() {
        let text = "Ministry denies report\nTrend:\n\nThe ministry denied it. It said so\n";
        let index = SuggestIndex::build(Scheme::Words, [doc(1, text)]);
        let article = index.article(ArticleId::untagged(1)).expect("indexed");
        let flags: Vec<(u32, bool)> = article
            .segments
            .iter()
            .map(|s| (s.words, s.headline))
            .collect();
        assert_eq!(flags, [(3, true), (1, true), (4, false), (3, false)]);
        let ministry = index.terms_of("ministry");
        let holding: Vec<(ArticleId, usize)> = index
            .segments_holding_most_of(&ministry)
            .into_iter()
            .map(|(article, segment)| (article.doc.id, segment))
            .collect();
        let one = ArticleId::untagged(1);
        assert_eq!(holding, [(one, 0), (one, 2)]);
        assert!(
            index
                .segments_holding_most_of(&index.terms_of("embassy"))
                .is_empty()
        );
    }

    #[test]
    fn segments_record_cues_and_postings_count_terms() {
        let text = "Reports say so. The ministry called the report a lie, a lie!";
        let index = SuggestIndex::build(Scheme::Words, [doc(1, text)]);
        let article = index.article(ArticleId::untagged(1)).expect("indexed");
        assert_eq!(article.segments.len(), 2);
        assert_eq!(article.segments[0].cue, None);
        assert!(!article.segments[0].headline);
        let cue = article.segments[1].cue.clone().expect("cue");
        assert_eq!((&text[cue.range], cue.kind), ("lie", CueKind::Denial));
        let lie = index.terms_of("lie")[0];
        let mut seen = Vec::new();
        index.for_each_posting(lie, |segment, count, _| seen.push((segment, count)));
        assert_eq!(seen, [(1, 2)]);
        assert!(index.idf(lie) > 0.0);
    }
}
