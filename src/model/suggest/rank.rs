//! Ranking: BM25 of every segment against the claim's quote, then (for
//! Riposte's ranker) re-scored by the signals that tell a response from a
//! report on the same topic.
//!
//! Two stages keep a query fast on thousands of articles: every segment
//! gets the cheap signals (lexical score, its neighbours', its article's
//! best, denial cue, dates, outlet); the best few hundred then get the
//! signals that need their words (names, the claim's speaker).

use rustc_hash::FxHashSet;
use std::ops::Range;

use super::cues::{CueKind, cues_of_claim};
use super::index::{Cue, IndexedArticle, Segment, SuggestIndex};
use super::names::ClaimWords;
use super::shortlist::{Scored, Shortlist, best_first};
use super::signals::{MAX_NAMES, Signals, Weights};
use super::words::words as words_of;
use super::{Candidate, Query, Reason};
use crate::model::ArticleId;

/// Which scoring to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ranker {
    /// Lexical score re-scored by context, denial cues, dates, names and
    /// outlets.
    Riposte,
    /// BM25 alone: the baseline of the evaluation.
    PlainBm25,
}

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Shorter segments (an outlet line, "Moscow, 3 May") are never offered.
const MIN_WORDS: u32 = 3;
/// How many candidates reach the second stage, at least.
const SHORTLIST: usize = 200;
/// A neighbour two segments away counts this much of one next door.
const SECOND_NEIGHBOUR: f32 = 0.6;

/// A ranker with its weights, for one claim.
#[derive(Clone, Copy)]
struct Scoring<'w> {
    ranker: Ranker,
    weights: &'w Weights,
    /// Cues the claim itself uses: not evidence of a denial.
    claim_cues: &'w [u16],
}

impl Scoring<'_> {
    /// The segment's cue, unless the claim itself uses it.
    fn cue_of<'s>(&self, segment: &'s Segment) -> Option<&'s Cue> {
        segment
            .cue
            .as_ref()
            .filter(|c| !self.claim_cues.contains(&c.cue))
    }

    fn score(&self, signals: &Signals) -> f32 {
        match self.ranker {
            Ranker::Riposte => signals.score(self.weights),
            Ranker::PlainBm25 => signals.lexical,
        }
    }

    fn rescores(&self) -> bool {
        self.ranker == Ranker::Riposte
    }
}

/// The claim's terms with their weights, its score against itself, and
/// the index's average segment length (BM25's `avgdl`).
struct Terms {
    weighted: Vec<(u32, f32)>,
    self_score: f32,
    average_length: f32,
}

/// Terms in more than this share of all segments ("_the", "tion") are left
/// out of a query on a large index: they cost most of the work and, with
/// an inverse document frequency near zero, change almost no score.
const COMMON_TERM_SHARE: f64 = 0.2;
/// Below this many segments no term is common enough to leave out.
const COMMON_TERM_MIN_SEGMENTS: f64 = 1000.0;

/// BM25's term-frequency part for `count` occurrences in a segment of
/// `length` terms.
fn saturate(count: u32, length: f32, average_length: f32) -> f32 {
    let count = count as f32;
    let norm = 1.0 - B + B * length / average_length;
    count * (K1 + 1.0) / (count + K1 * norm)
}

impl SuggestIndex {
    /// The best `top` candidates for `query`, best first.
    pub fn suggest(&self, query: &Query, ranker: Ranker, top: usize) -> Vec<Candidate> {
        self.suggest_weighted(query, ranker, &Weights::default(), top)
    }

    /// [`SuggestIndex::suggest`] with other weights (for experiments).
    pub fn suggest_weighted(
        &self,
        query: &Query,
        ranker: Ranker,
        weights: &Weights,
        top: usize,
    ) -> Vec<Candidate> {
        let terms = self.weighted_terms(&query.quote);
        if terms.self_score <= 0.0 || top == 0 {
            return Vec::new();
        }
        let claim_cues = cues_of_claim(&words_of(&query.quote));
        let scoring = Scoring {
            ranker,
            weights,
            claim_cues: &claim_cues,
        };
        let context = self.article(query.article).map_or("", |a| &a.doc.text);
        let words = ClaimWords::new(&query.quote, &query.speaker, context);
        let keep = SHORTLIST.max(top.saturating_mul(5));
        let mut shortlist = self.shortlist(query, scoring, &terms, &words, keep);
        if scoring.rescores() {
            for scored in &mut shortlist {
                add_word_signals(scored, &words);
                scored.score = scoring.score(&scored.signals);
            }
        }
        keep_best(&mut shortlist, top);
        shortlist
            .iter()
            .map(|s| candidate(s, &words, scoring))
            .collect()
    }

    /// Every segment that may be offered, with its cheap signals and score.
    fn shortlist(
        &self,
        query: &Query,
        scoring: Scoring<'_>,
        terms: &Terms,
        words: &ClaimWords,
        keep: usize,
    ) -> Vec<Scored<'_>> {
        let claim_article = self.article(query.article);
        let naming = if scoring.rescores() {
            self.articles_naming_speaker(words)
        } else {
            FxHashSet::default()
        };
        let mut shortlist = Shortlist::new(keep);
        let scores = self.segment_scores(terms);
        for article in self.articles() {
            let relative = article.part(&scores);
            if !shares_a_term(relative) {
                continue;
            }
            let mut shared = article_signals(query, claim_article, article);
            shared.speaker_in_article = !shared.same_article && naming.contains(&article.doc.id);
            shortlist_article(query, scoring, (article, shared), relative, &mut shortlist);
        }
        shortlist.into_sorted()
    }

    /// Where a repeat of `quote` may be: around each segment scoring at
    /// least `min_relative` of the quote's score against itself, a window
    /// of that segment and its neighbours, widened until it is half again
    /// as long as the quote (a quote may span a sentence or clause cut).
    pub(crate) fn windows_like(
        &self,
        quote: &str,
        min_relative: f32,
    ) -> Vec<(&IndexedArticle, Range<usize>)> {
        let terms = self.weighted_terms(quote);
        let mut out = Vec::new();
        if terms.self_score <= 0.0 {
            return out;
        }
        let scores = self.segment_scores(&terms);
        let wanted = quote.len() + quote.len() / 2;
        for article in self.articles() {
            let relative = article.part(&scores);
            if !shares_a_term(relative) {
                continue;
            }
            for (index, score) in relative.iter().enumerate() {
                if *score >= min_relative {
                    out.push((article, window(&article.segments, index, wanted)));
                }
            }
        }
        out
    }

    /// BM25 of every segment against the claim, relative to the claim's
    /// score against itself, by segment number (see
    /// [`IndexedArticle::part`]). Walks one posting list per claim term,
    /// so the work follows those terms' document frequencies.
    fn segment_scores(&self, terms: &Terms) -> Vec<f32> {
        let mut scores = vec![0.0; self.numbered_segments()];
        let per_unit = 1.0 / terms.self_score;
        for &(term, idf) in &terms.weighted {
            let weight = idf * per_unit;
            self.for_each_posting(term, |segment, count, length| {
                scores[segment] += weight * saturate(count, length as f32, terms.average_length);
            });
        }
        scores
    }

    /// Articles where a segment holds most grams of a word of the claim's
    /// speaker, written as a name (capitalised): "Brandt's office", not
    /// "his post" for "Absheron Post".
    fn articles_naming_speaker(&self, words: &ClaimWords) -> FxHashSet<ArticleId> {
        let mut naming = FxHashSet::default();
        for word in words.speaker_words() {
            for (article, index) in self.segments_holding_most_of(&self.terms_of(word)) {
                let range = article.segments[index].range.clone();
                if !naming.contains(&article.doc.id)
                    && words.speaker_in(&article.doc.text[range]).is_some()
                {
                    naming.insert(article.doc.id);
                }
            }
        }
        naming
    }

    fn weighted_terms(&self, quote: &str) -> Terms {
        let mut terms = self.terms_of(quote);
        let length = terms.len() as f32;
        let average_length = self.average_length();
        terms.sort_unstable();
        let segments = self.segment_count() as f64;
        let common = (segments * COMMON_TERM_SHARE).max(COMMON_TERM_MIN_SEGMENTS);
        let mut weighted = Vec::new();
        let mut self_score = 0.0;
        for run in terms.chunk_by(|a, b| a == b) {
            let term = run[0];
            if f64::from(self.document_frequency(term)) > common {
                continue;
            }
            let idf = self.idf(term);
            weighted.push((term, idf));
            self_score += idf * saturate(run.len() as u32, length, average_length);
        }
        Terms {
            weighted,
            self_score,
            average_length,
        }
    }
}

/// True if a segment of an article shares a term with the claim: every
/// shared term adds a positive amount to its score.
fn shares_a_term(relative: &[f32]) -> bool {
    relative.iter().any(|score| *score > 0.0)
}

/// Segment `index` widened by neighbours, the next one first, until the
/// window spans `wanted` bytes or the article ends.
fn window(segments: &[Segment], index: usize, wanted: usize) -> Range<usize> {
    let (mut first, mut last) = (index, index);
    let span = |first: usize, last: usize| segments[last].range.end - segments[first].range.start;
    while span(first, last) < wanted {
        if last + 1 < segments.len() {
            last += 1;
        } else if first > 0 {
            first -= 1;
        } else {
            break;
        }
        if span(first, last) < wanted && first > 0 {
            first -= 1;
        }
    }
    segments[first].range.start..segments[last].range.end
}

/// Pushes every segment of `article` that may be offered, with its cheap
/// signals and score.
fn shortlist_article<'a>(
    query: &Query,
    scoring: Scoring<'_>,
    (article, shared): (&'a IndexedArticle, Signals),
    relative: &[f32],
    out: &mut Shortlist<'a>,
) {
    // The claim itself says nothing about how much its article is about
    // the claim (its neighbours still profit: a denial often follows).
    let is_claim = |segment: &Segment| {
        shared.same_article
            && segment.range.start < query.range.end
            && query.range.start < segment.range.end
    };
    let best = article
        .segments
        .iter()
        .zip(relative)
        .filter(|(segment, _)| !is_claim(segment))
        .map(|(_, score)| *score)
        .fold(0.0, f32::max)
        .min(1.5);
    if out
        .floor()
        .is_some_and(|floor| bound(scoring, article, &shared, relative, best) < floor)
    {
        return;
    }
    for (index, segment) in article.segments.iter().enumerate() {
        let quote = &article.doc.text[segment.range.clone()];
        if segment.words < MIN_WORDS || query.excludes(article.doc.id, &segment.range, quote) {
            continue;
        }
        let signals = Signals {
            lexical: relative[index].min(1.5),
            context: context(relative, index),
            article: best,
            cue: scoring.cue_of(segment).map(|c| c.kind),
            headline: segment.headline,
            ..shared.clone()
        };
        let score = scoring.score(&signals);
        if score > 0.0 && out.floor().is_none_or(|floor| score >= floor) {
            out.push(Scored {
                article,
                segment: index,
                signals,
                score,
            });
        }
    }
}

/// The most a segment of `article` can score in the first stage (or
/// infinity when the weights allow no bound): an article below the
/// shortlist's floor is passed over without scoring each segment, which
/// on a large project is most of them.
fn bound(
    scoring: Scoring<'_>,
    article: &IndexedArticle,
    shared: &Signals,
    relative: &[f32],
    best: f32,
) -> f32 {
    let highest = relative.iter().copied().fold(0.0, f32::max).min(1.5);
    match scoring.ranker {
        Ranker::PlainBm25 => highest,
        Ranker::Riposte if scoring.weights.bound_scores() => {
            let any_cue = article.segments.iter().any(|s| scoring.cue_of(s).is_some());
            let upper = Signals {
                lexical: highest,
                context: highest,
                article: best,
                ..shared.clone()
            };
            upper.first_stage_bound(scoring.weights, any_cue)
        }
        Ranker::Riposte => f32::INFINITY,
    }
}

/// The best neighbour's score within two segments.
fn context(relative: &[f32], index: usize) -> f32 {
    let at = |i: Option<usize>| i.and_then(|i| relative.get(i)).copied().unwrap_or(0.0);
    let next_door = at(index.checked_sub(1)).max(at(index.checked_add(1)));
    let second = at(index.checked_sub(2)).max(at(index.checked_add(2))) * SECOND_NEIGHBOUR;
    next_door.max(second).min(1.5)
}

/// Signals that hold for every segment of an article.
fn article_signals(
    query: &Query,
    claim_article: Option<&IndexedArticle>,
    article: &IndexedArticle,
) -> Signals {
    let same_article = article.doc.id == query.article;
    let claim_doc = claim_article.map(|a| &a.doc);
    let days = claim_doc
        .and_then(|c| c.published)
        .zip(article.doc.published)
        .map(|(claim, here)| (here.date - claim.date).num_days());
    let other_outlet = !same_article
        && claim_doc.is_some_and(|c| {
            let (mine, theirs) = (c.outlet.trim(), article.doc.outlet.trim());
            !mine.is_empty() && !theirs.is_empty() && !mine.eq_ignore_ascii_case(theirs)
        });
    Signals {
        days: if same_article { None } else { days },
        same_article,
        other_outlet,
        ..Signals::default()
    }
}

/// Keeps the `keep` best, best first.
fn keep_best(list: &mut Vec<Scored<'_>>, keep: usize) {
    list.sort_by(best_first);
    list.truncate(keep);
}

fn segment_of<'a>(scored: &Scored<'a>) -> &'a Segment {
    &scored.article.segments[scored.segment]
}

/// Names and the claim's speaker, in the segment (the speaker also in the
/// segment before it: "Michalko's office said on Monday. 'It is false.'").
fn add_word_signals(scored: &mut Scored<'_>, words: &ClaimWords) {
    let text = &scored.article.doc.text;
    let segment = segment_of(scored);
    let here = &text[segment.range.clone()];
    scored.signals.names = words.shared_names(here, MAX_NAMES).len();
    let before = scored
        .segment
        .checked_sub(1)
        .map(|i| &text[scored.article.segments[i].range.clone()]);
    scored.signals.speaker =
        words.speaker_in(here).is_some() || before.is_some_and(|b| words.speaker_in(b).is_some());
}

fn candidate(scored: &Scored<'_>, words: &ClaimWords, scoring: Scoring<'_>) -> Candidate {
    let doc = &scored.article.doc;
    let segment = segment_of(scored);
    let quote = doc.text[segment.range.clone()].to_string();
    Candidate {
        article: doc.id,
        range: segment.range.clone(),
        reasons: reasons(scored, words, &quote, scoring),
        quote,
        score: scored.score,
    }
}

fn reasons(
    scored: &Scored<'_>,
    words: &ClaimWords,
    quote: &str,
    scoring: Scoring<'_>,
) -> Vec<Reason> {
    let mut out = Vec::new();
    let shared = words.shared_terms(quote, 4);
    if !shared.is_empty() {
        out.push(Reason::SharedTerms(shared));
    }
    if scoring.rescores() {
        out.extend(text_reasons(scored, words, quote, scoring));
        out.extend(signal_reasons(scored, scoring.weights));
    }
    out
}

/// What the candidate's words show: a cue, nearby text about the claim,
/// shared names, the claim's speaker.
fn text_reasons(
    scored: &Scored<'_>,
    words: &ClaimWords,
    quote: &str,
    scoring: Scoring<'_>,
) -> Vec<Reason> {
    let mut out = Vec::new();
    let signals = &scored.signals;
    if let Some(cue) = scoring.cue_of(segment_of(scored)) {
        let written = scored.article.doc.text[cue.range.clone()].to_string();
        out.push(match cue.kind {
            CueKind::Denial => Reason::DenialCue(written),
            CueKind::Correction => Reason::CorrectionCue(written),
        });
    }
    if signals.context > signals.lexical && signals.context >= 0.3 {
        out.push(Reason::NearClaimText);
    }
    let names = words.shared_names(quote, 3);
    if !names.is_empty() {
        out.push(Reason::SharedNames(names));
    }
    if signals.speaker {
        out.extend(speaker_named(scored, words, quote).map(Reason::SpeakerNamed));
    }
    out
}

/// The claim's speaker as the candidate or the segment before it writes it.
fn speaker_named(scored: &Scored<'_>, words: &ClaimWords, quote: &str) -> Option<String> {
    let before = scored
        .segment
        .checked_sub(1)
        .map(|i| &scored.article.segments[i]);
    let text = &scored.article.doc.text;
    words
        .speaker_in(quote)
        .or_else(|| before.and_then(|s| words.speaker_in(&text[s.range.clone()])))
}

/// What the candidate's place shows: its article, date and outlet, and the
/// penalties it took.
fn signal_reasons(scored: &Scored<'_>, weights: &Weights) -> Vec<Reason> {
    let signals = &scored.signals;
    let mut out = Vec::new();
    if signals.speaker_in_article && !signals.speaker {
        out.push(Reason::SpeakerInArticle);
    }
    out.extend(date_reason(signals.days));
    if signals.other_outlet {
        let outlet = scored.article.doc.outlet.trim().to_string();
        out.push(Reason::OtherOutlet(outlet));
    }
    let flags = [
        (signals.same_article, Reason::SameArticle),
        (signals.looks_like_repeat(weights), Reason::LooksLikeRepeat),
        (signals.headline, Reason::Headline),
    ];
    out.extend(flags.into_iter().filter(|(on, _)| *on).map(|(_, r)| r));
    out
}

fn date_reason(days: Option<i64>) -> Option<Reason> {
    match days? {
        d if d >= 0 => Some(Reason::DaysAfter(d)),
        d => Some(Reason::DaysBefore(-d)),
    }
}
