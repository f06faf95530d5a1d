//! Ranking: BM25 of every segment against the claim's quote, then (for
//! Riposte's ranker) re-scored by the signals that tell a response from a
//! report on the same topic.
//!
//! Two stages keep a query fast on thousands of articles: every segment
//! gets the cheap signals (lexical score, its neighbours', its article's
//! best, denial cue, dates, outlet); the best few hundred then get the
//! signals that need their words (names, the claim's speaker).

use std::ops::Range;

use super::cues::{CueKind, cues_of_claim};
use super::index::{Cue, IndexedArticle, Segment, SuggestIndex};
use super::names::ClaimWords;
use super::signals::{MAX_NAMES, Signals, Weights};
use super::words::words as words_of;
use super::{Candidate, Query, Reason};

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

/// A segment on the shortlist.
struct Scored<'a> {
    article: &'a IndexedArticle,
    segment: usize,
    signals: Signals,
    score: f32,
}

/// The claim's terms with their weights, and its score against itself.
struct Terms {
    weighted: Vec<(u32, f32)>,
    self_score: f32,
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
        let mut shortlist = self.shortlist(query, scoring, &terms, &words);
        keep_best(&mut shortlist, SHORTLIST.max(top * 5));
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
    ) -> Vec<Scored<'_>> {
        let claim_article = self.article(query.article);
        let speaker: Vec<Vec<u32>> = words.speaker_words().map(|w| self.terms_of(w)).collect();
        let mut shortlist = Vec::new();
        let mut scores = Vec::new();
        for article in self.articles() {
            if !self.segment_scores(article, terms, &mut scores) {
                continue;
            }
            let relative: Vec<f32> = scores.iter().map(|s| s / terms.self_score).collect();
            let mut shared = article_signals(query, claim_article, article);
            shared.speaker_in_article = scoring.rescores()
                && !shared.same_article
                && names_speaker(article, &speaker, words);
            shortlist_article(query, scoring, (article, shared), &relative, &mut shortlist);
        }
        shortlist
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
        let mut scores = Vec::new();
        let wanted = quote.len() + quote.len() / 2;
        for article in self.articles() {
            if !self.segment_scores(article, &terms, &mut scores) {
                continue;
            }
            for (index, score) in scores.iter().enumerate() {
                if score / terms.self_score >= min_relative {
                    out.push((article, window(&article.segments, index, wanted)));
                }
            }
        }
        out
    }

    fn weighted_terms(&self, quote: &str) -> Terms {
        let mut terms = self.terms_of(quote);
        let length = terms.len() as f32;
        terms.sort_unstable();
        let mut weighted = Vec::new();
        let mut self_score = 0.0;
        let mut at = 0;
        while at < terms.len() {
            let term = terms[at];
            let count = terms[at..].iter().take_while(|&&t| t == term).count();
            let idf = self.idf(term);
            weighted.push((term, idf));
            self_score += idf * self.saturate(count as u32, length);
            at += count;
        }
        Terms {
            weighted,
            self_score,
        }
    }

    /// BM25's term-frequency part for `count` occurrences in a segment of
    /// `length` terms.
    fn saturate(&self, count: u32, length: f32) -> f32 {
        let count = count as f32;
        let norm = 1.0 - B + B * length / self.average_length();
        count * (K1 + 1.0) / (count + K1 * norm)
    }

    /// BM25 of every segment of `article` into `scores`; false if no
    /// segment shares a term with the claim.
    fn segment_scores(
        &self,
        article: &IndexedArticle,
        terms: &Terms,
        scores: &mut Vec<f32>,
    ) -> bool {
        scores.clear();
        scores.resize(article.segments.len(), 0.0);
        let mut any = false;
        for &(term, idf) in &terms.weighted {
            article.for_each_posting(term, |segment, count| {
                let length = article.segments[segment].length as f32;
                scores[segment] += idf * self.saturate(count, length);
                any = true;
            });
        }
        any
    }
}

/// True if a segment of `article` holds most grams of a word of the
/// claim's speaker, written as a name (capitalised): "Brandt's office", not
/// "his post" for "Absheron Post".
fn names_speaker(article: &IndexedArticle, speaker: &[Vec<u32>], words: &ClaimWords) -> bool {
    speaker.iter().any(|grams| {
        article
            .segments_holding_most_of(grams)
            .into_iter()
            .any(|index| {
                let range = article.segments[index].range.clone();
                words.speaker_in(&article.doc.text[range]).is_some()
            })
    })
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
    out: &mut Vec<Scored<'a>>,
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
        if score > 0.0 {
            out.push(Scored {
                article,
                segment: index,
                signals,
                score,
            });
        }
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

/// Keeps the `keep` best by score; ties go to the earlier article and span,
/// so results are the same on every run.
fn keep_best(list: &mut Vec<Scored<'_>>, keep: usize) {
    let order = |a: &Scored<'_>, b: &Scored<'_>| {
        b.score
            .total_cmp(&a.score)
            .then(a.article.doc.id.cmp(&b.article.doc.id))
            .then(a.segment.cmp(&b.segment))
    };
    if list.len() > keep {
        list.select_nth_unstable_by(keep, order);
        list.truncate(keep);
    }
    list.sort_by(order);
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
