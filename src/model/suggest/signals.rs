//! What is known about a candidate segment, and how it becomes a score.
//!
//! The score is *topical relevance × responsiveness × penalties*:
//! relevance says how much the segment and its surroundings are about the
//! claim (BM25 of the segment, of its neighbours, of its article's best
//! segment, and whether the article names the claim's speaker);
//! responsiveness rewards what answers rather than reports (a denial or
//! correction cue, publication soon after, another outlet, shared names,
//! the claim's speaker named); penalties push down the claim's own article,
//! earlier articles, near-repeats of the claim and headlines.
//!
//! The weights were set by hand on the evaluation pairs (see
//! `docs/SUGGEST.md`), so the figures there are optimistic for other
//! corpora.

use super::cues::CueKind;

/// The knobs of Riposte's ranker. [`Weights::default`] is what the window
/// and the command line use; other values are for experiments.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    /// Relevance from the segment's own BM25 (relative to the claim's).
    pub lexical: f32,
    /// Relevance from the best neighbour within two segments.
    pub context: f32,
    /// Share of `context` that counts for a segment without any cue.
    pub context_without_cue: f32,
    /// Relevance from the article's best segment.
    pub article: f32,
    /// Relevance added when another article names the claim's speaker.
    pub speaker_in_article: f32,
    /// Responsiveness added by a denial or a correction cue.
    pub denial: f32,
    pub correction: f32,
    /// Responsiveness added when published up to `fresh_days` after the
    /// claim (fading after).
    pub after: f32,
    pub fresh_days: f32,
    pub other_outlet: f32,
    /// Per shared name, up to two.
    pub per_name: f32,
    /// The segment or the one before it names the claim's speaker.
    pub speaker: f32,
    /// Factors for an article published before the claim's, the claim's
    /// own article (with and without a cue), a near-repeat of the claim,
    /// and a headline.
    pub before: f32,
    pub same_article: f32,
    pub same_article_without_cue: f32,
    pub repeat: f32,
    pub headline: f32,
    /// Relative BM25 from which a segment without a cue counts as a repeat.
    pub repeat_lexical: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            lexical: 0.55,
            context: 0.25,
            context_without_cue: 0.3,
            article: 0.20,
            speaker_in_article: 0.1,
            denial: 1.2,
            correction: 0.4,
            after: 0.15,
            fresh_days: 30.0,
            other_outlet: 0.1,
            per_name: 0.1,
            speaker: 0.25,
            before: 0.6,
            same_article: 0.8,
            same_article_without_cue: 0.5,
            repeat: 0.35,
            headline: 0.5,
            repeat_lexical: 0.65,
        }
    }
}

/// Shared names beyond this many add nothing.
pub(crate) const MAX_NAMES: usize = 2;

/// What is known about one segment.
#[derive(Clone, Debug, Default)]
pub(crate) struct Signals {
    /// BM25 relative to the claim's score against itself (about 0–1).
    pub lexical: f32,
    /// The best neighbour's relative score.
    pub context: f32,
    /// The article's best relative score (the claim itself left out).
    pub article: f32,
    pub cue: Option<CueKind>,
    /// Days from the claim's article to this one.
    pub days: Option<i64>,
    pub same_article: bool,
    pub other_outlet: bool,
    /// Another article that names the claim's speaker somewhere.
    pub speaker_in_article: bool,
    pub headline: bool,
    pub names: usize,
    pub speaker: bool,
}

impl Weights {
    /// True if [`Signals::first_stage_bound`] bounds scores under these
    /// weights: none negative, and no penalty factor above one.
    pub(crate) fn bound_scores(&self) -> bool {
        let factors = [
            self.context_without_cue,
            self.before,
            self.same_article,
            self.same_article_without_cue,
            self.repeat,
            self.headline,
        ];
        let added = [
            self.lexical,
            self.context,
            self.article,
            self.speaker_in_article,
            self.denial,
            self.correction,
            self.after,
            self.fresh_days,
            self.other_outlet,
        ];
        factors.iter().all(|f| (0.0..=1.0).contains(f)) && added.iter().all(|w| *w >= 0.0)
    }
}

impl Signals {
    /// The most any segment of an article can score before the second
    /// stage (no names, no speaker yet), given the article's signals in
    /// `self` with `lexical` and `context` at the article's highest, and
    /// whether the article holds a cue. Follows [`Signals::score`] step by
    /// step with each term at its largest and penalties left out, so that
    /// float rounding cannot make it smaller than a real score (valid when
    /// [`Weights::bound_scores`]).
    pub fn first_stage_bound(&self, w: &Weights, any_cue: bool) -> f32 {
        let context = if any_cue {
            w.context
        } else {
            w.context * w.context_without_cue
        };
        let mut relevance = w.lexical * self.lexical + context * self.context;
        relevance += w.article * self.article;
        if self.speaker_in_article {
            relevance += w.speaker_in_article;
        }
        let mut responsiveness = 1.0 + self.date_bonus(w);
        if any_cue {
            responsiveness += w.denial.max(w.correction);
        }
        if self.other_outlet {
            responsiveness += w.other_outlet;
        }
        relevance * responsiveness
    }

    pub fn looks_like_repeat(&self, weights: &Weights) -> bool {
        self.lexical >= weights.repeat_lexical && self.cue.is_none()
    }

    pub fn score(&self, w: &Weights) -> f32 {
        self.relevance(w) * self.responsiveness(w) * self.penalty(w)
    }

    fn relevance(&self, w: &Weights) -> f32 {
        let context = match self.cue {
            Some(_) => w.context,
            None => w.context * w.context_without_cue,
        };
        let mut relevance = w.lexical * self.lexical + context * self.context;
        relevance += w.article * self.article;
        if self.speaker_in_article {
            relevance += w.speaker_in_article;
        }
        relevance
    }

    fn responsiveness(&self, w: &Weights) -> f32 {
        let mut total = 1.0 + self.date_bonus(w);
        total += match self.cue {
            Some(CueKind::Denial) => w.denial,
            Some(CueKind::Correction) => w.correction,
            None => 0.0,
        };
        if self.other_outlet {
            total += w.other_outlet;
        }
        total += w.per_name * self.names.min(MAX_NAMES) as f32;
        if self.speaker {
            total += w.speaker;
        }
        total
    }

    fn penalty(&self, w: &Weights) -> f32 {
        let mut factor = 1.0;
        if self.days.is_some_and(|d| d < 0) {
            factor *= w.before;
        }
        if self.same_article {
            factor *= match self.cue {
                Some(_) => w.same_article,
                None => w.same_article_without_cue,
            };
        }
        if self.looks_like_repeat(w) {
            factor *= w.repeat;
        }
        if self.headline {
            factor *= w.headline;
        }
        factor
    }

    /// Published soon after the claim: a response is usually days away; a
    /// report on the topic months away is less likely one.
    fn date_bonus(&self, w: &Weights) -> f32 {
        match self.days {
            Some(days) if days >= 0 => w.after * (w.fresh_days / days as f32).min(1.0),
            _ => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topical() -> Signals {
        Signals {
            lexical: 0.5,
            context: 0.4,
            article: 0.6,
            ..Signals::default()
        }
    }

    #[test]
    fn a_cue_and_a_fresh_date_raise_the_score() {
        let w = Weights::default();
        let plain = topical().score(&w);
        let denial = Signals {
            cue: Some(CueKind::Denial),
            ..topical()
        };
        let correction = Signals {
            cue: Some(CueKind::Correction),
            ..topical()
        };
        assert!(denial.score(&w) > correction.score(&w));
        assert!(correction.score(&w) > plain);
        let soon = Signals {
            days: Some(2),
            ..topical()
        };
        let late = Signals {
            days: Some(300),
            ..topical()
        };
        let earlier = Signals {
            days: Some(-2),
            ..topical()
        };
        assert!(soon.score(&w) > late.score(&w));
        assert!(late.score(&w) > plain);
        assert!(earlier.score(&w) < plain);
    }

    #[test]
    fn repeats_headlines_and_the_claims_article_rank_lower() {
        let w = Weights::default();
        let plain = topical().score(&w);
        let repeat = Signals {
            lexical: 0.9,
            ..topical()
        };
        let headline = Signals {
            headline: true,
            ..topical()
        };
        let same = Signals {
            same_article: true,
            ..topical()
        };
        assert!(repeat.looks_like_repeat(&w));
        assert!(repeat.score(&w) < plain);
        assert!(headline.score(&w) < plain);
        assert!(same.score(&w) < plain);
    }
}
