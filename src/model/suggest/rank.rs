//! Ranking: BM25 of every segment against the claim's quote, then (for
//! Riposte's ranker) re-scored by the signals that tell a response from a
//! report on the same topic.
//!
//! Two stages keep a query fast on thousands of articles: every segment
//! gets the cheap signals (lexical score, its neighbours', its article's
//! best, denial cue, dates, outlet); the best few hundred then get the
//! signals that need their words (names, the claim's speaker).

use std::ops::Range;

use super::index::{IndexedArticle, Segment, SuggestIndex};
use super::names::ClaimWords;
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

/// Share of the topical score from the segment itself, its neighbours
/// (within two segments) and its article's best segment.
const W_SELF: f32 = 0.55;
const W_CONTEXT: f32 = 0.25;
const W_ARTICLE: f32 = 0.20;
/// A neighbour two segments away counts this much of one next door.
const SECOND_NEIGHBOUR: f32 = 0.6;
/// Added to the multiplier of the topical score.
const BONUS_CUE: f32 = 0.8;
const BONUS_AFTER: f32 = 0.15;
const BONUS_OTHER_OUTLET: f32 = 0.1;
const BONUS_PER_NAME: f32 = 0.1;
const MAX_NAMES: usize = 2;
const BONUS_SPEAKER: f32 = 0.25;
/// Factors on the whole score.
const FACTOR_BEFORE: f32 = 0.6;
const FACTOR_SAME_ARTICLE: f32 = 0.8;
const FACTOR_REPEAT: f32 = 0.35;
/// A segment this close to the claim's words, with no denial cue, is
/// probably another report of the claim.
const REPEAT_LEXICAL: f32 = 0.65;
/// How many candidates reach the second stage, at least.
const SHORTLIST: usize = 200;

/// What is known about one segment.
#[derive(Clone, Debug, Default)]
struct Signals {
    /// BM25 relative to the claim's score against itself (about 0–1).
    lexical: f32,
    /// The best neighbour's relative score.
    context: f32,
    /// The article's best relative score.
    article: f32,
    cue: bool,
    /// Days from the claim's article to this one.
    days: Option<i64>,
    same_article: bool,
    other_outlet: bool,
    names: usize,
    speaker: bool,
}

impl Signals {
    fn looks_like_repeat(&self) -> bool {
        self.lexical >= REPEAT_LEXICAL && !self.cue
    }

    fn score(&self, ranker: Ranker) -> f32 {
        if ranker == Ranker::PlainBm25 {
            return self.lexical;
        }
        let topical = W_SELF * self.lexical + W_CONTEXT * self.context + W_ARTICLE * self.article;
        let mut multiplier = 1.0;
        if self.cue {
            multiplier += BONUS_CUE;
        }
        if self.days.is_some_and(|d| d >= 0) && !self.same_article {
            multiplier += BONUS_AFTER;
        }
        if self.other_outlet {
            multiplier += BONUS_OTHER_OUTLET;
        }
        multiplier += BONUS_PER_NAME * self.names.min(MAX_NAMES) as f32;
        if self.speaker {
            multiplier += BONUS_SPEAKER;
        }
        let mut factor = 1.0;
        if self.days.is_some_and(|d| d < 0) {
            factor *= FACTOR_BEFORE;
        }
        if self.same_article {
            factor *= FACTOR_SAME_ARTICLE;
        }
        if self.looks_like_repeat() {
            factor *= FACTOR_REPEAT;
        }
        topical * multiplier * factor
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
        let terms = self.weighted_terms(&query.quote);
        if terms.self_score <= 0.0 || top == 0 {
            return Vec::new();
        }
        let claim_article = self.article(query.article);
        let mut shortlist = Vec::new();
        let mut scores = Vec::new();
        for article in self.articles() {
            if self.segment_scores(article, &terms, &mut scores) {
                let relative: Vec<f32> = scores.iter().map(|s| s / terms.self_score).collect();
                shortlist_article(
                    query,
                    ranker,
                    claim_article,
                    article,
                    &relative,
                    &mut shortlist,
                );
            }
        }
        let keep = SHORTLIST.max(top * 5);
        keep_best(&mut shortlist, keep);
        let words = ClaimWords::new(&query.quote, &query.speaker);
        for scored in &mut shortlist {
            if ranker == Ranker::Riposte {
                add_word_signals(scored, &words);
                scored.score = scored.signals.score(ranker);
            }
        }
        keep_best(&mut shortlist, top);
        shortlist
            .iter()
            .map(|s| candidate(s, &words, ranker))
            .collect()
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
    ranker: Ranker,
    claim_article: Option<&IndexedArticle>,
    article: &'a IndexedArticle,
    relative: &[f32],
    out: &mut Vec<Scored<'a>>,
) {
    let best = relative.iter().copied().fold(0.0, f32::max);
    let shared = article_signals(query, claim_article, article);
    for (index, segment) in article.segments.iter().enumerate() {
        let quote = &article.doc.text[segment.range.clone()];
        if query.excludes(article.doc.id, &segment.range, quote) {
            continue;
        }
        let signals = Signals {
            lexical: relative[index].min(1.5),
            context: context(relative, index),
            article: best,
            cue: segment.cue.is_some(),
            ..shared.clone()
        };
        let score = signals.score(ranker);
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

fn candidate(scored: &Scored<'_>, words: &ClaimWords, ranker: Ranker) -> Candidate {
    let doc = &scored.article.doc;
    let segment = segment_of(scored);
    let quote = doc.text[segment.range.clone()].to_string();
    Candidate {
        article: doc.id,
        range: segment.range.clone(),
        reasons: reasons(scored, words, &quote, ranker),
        quote,
        score: scored.score,
    }
}

fn reasons(scored: &Scored<'_>, words: &ClaimWords, quote: &str, ranker: Ranker) -> Vec<Reason> {
    let mut out = Vec::new();
    let shared = words.shared_terms(quote, 4);
    if !shared.is_empty() {
        out.push(Reason::SharedTerms(shared));
    }
    if ranker == Ranker::PlainBm25 {
        return out;
    }
    let signals = &scored.signals;
    let doc = &scored.article.doc;
    if let Some(cue) = &segment_of(scored).cue {
        out.push(Reason::DenialCue(doc.text[cue.clone()].to_string()));
    }
    if signals.context > signals.lexical && signals.context >= 0.3 {
        out.push(Reason::NearClaimText);
    }
    let names = words.shared_names(quote, 3);
    if !names.is_empty() {
        out.push(Reason::SharedNames(names));
    }
    if signals.speaker {
        let before = scored
            .segment
            .checked_sub(1)
            .map(|i| &scored.article.segments[i]);
        let found = words
            .speaker_in(quote)
            .or_else(|| before.and_then(|s| words.speaker_in(&doc.text[s.range.clone()])));
        out.extend(found.map(Reason::SpeakerNamed));
    }
    out.extend(date_reason(signals.days));
    if signals.other_outlet {
        out.push(Reason::OtherOutlet(doc.outlet.trim().to_string()));
    }
    if signals.same_article {
        out.push(Reason::SameArticle);
    }
    if signals.looks_like_repeat() {
        out.push(Reason::LooksLikeRepeat);
    }
    out
}

fn date_reason(days: Option<i64>) -> Option<Reason> {
    match days? {
        d if d >= 0 => Some(Reason::DaysAfter(d)),
        d => Some(Reason::DaysBefore(-d)),
    }
}
