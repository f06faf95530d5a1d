//! Finding the rebuttal: for a claim, the spans across the corpus most
//! likely to answer it, ranked, each with its reasons; and the places that
//! repeat it.
//!
//! Ranking is lexical and runs offline on any text: BM25 over character
//! 4-grams of every sentence (clauses of long ones), so inflected
//! Azerbaijani, Russian and Armenian forms match without stemmers; then
//! re-scored by what tells a response from a report on the same topic: a
//! denial cue, the passage around it being about the claim, publication
//! after the claim, the claim's speaker or other names mentioned, another
//! outlet. See `docs/SUGGEST.md` for the evaluation.
//!
//! The flow: [`SuggestIndex`] is built from [`ArticleDoc`]s (owned, `Send`:
//! build it on a worker thread) and follows edits with
//! [`SuggestIndex::sync`]; a [`Query`] is taken from the project for one
//! claim (cheap, on any thread); [`SuggestIndex::suggest`] ranks.
//! Accepting and rejecting are ordinary [`Edit`](crate::model::Edit)s ([`accept_edit`],
//! [`reject_edit`]).

mod accept;
mod cues;
mod eval;
mod index;
mod names;
mod postings;
mod rank;
mod repeats;
mod segment;
mod shortlist;
mod signals;
mod words;

pub use accept::{accept_edit, reject_edit};
pub use eval::{EVAL_DEPTH, EvalReport, PairOutcome, evaluate, evaluate_weighted};
pub use index::{ArticleDoc, SuggestIndex, SyncReport};
pub use rank::Ranker;
pub use repeats::{RepeatMatch, find_repeats, repeats_edit};
pub use signals::Weights;
pub use words::Scheme;

use std::fmt;
use std::ops::Range;

use super::{ArticleId, ClaimId, Project};

/// One suggested response.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub article: ArticleId,
    /// Byte range in the article's text (on char boundaries).
    pub range: Range<usize>,
    pub quote: String,
    pub score: f32,
    pub reasons: Vec<Reason>,
}

/// Why a candidate ranks where it does.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// Words it shares with the claim (as written in the candidate).
    SharedTerms(Vec<String>),
    /// The sentences around it are about the claim.
    NearClaimText,
    /// A denial cue, as written.
    DenialCue(String),
    /// A correction or retraction cue, as written.
    CorrectionCue(String),
    /// Published this many days after the claim's article (0: same day).
    DaysAfter(i64),
    /// Published this many days before the claim's article.
    DaysBefore(i64),
    /// Names it shares with the claim.
    SharedNames(Vec<String>),
    /// It (or the sentence before it) names the claim's speaker.
    SpeakerNamed(String),
    /// Its article names the claim's speaker elsewhere.
    SpeakerInArticle,
    /// In an article of another outlet.
    OtherOutlet(String),
    /// In the claim's own article (ranked lower).
    SameArticle,
    /// Nearly the claim's own words without a denial: probably a repeat.
    LooksLikeRepeat,
    /// A short line without a sentence end (ranked lower).
    Headline,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::SharedTerms(terms) => write!(f, "shares: {}", terms.join(", ")),
            Reason::NearClaimText => f.write_str("next to text about the claim"),
            Reason::DenialCue(cue) => write!(f, "denial cue: “{cue}”"),
            Reason::CorrectionCue(cue) => write!(f, "correction cue: “{cue}”"),
            Reason::DaysAfter(0) => f.write_str("published the same day"),
            Reason::DaysAfter(1) => f.write_str("published 1 day after"),
            Reason::DaysAfter(days) => write!(f, "published {days} days after"),
            Reason::DaysBefore(1) => f.write_str("published 1 day before the claim"),
            Reason::DaysBefore(days) => write!(f, "published {days} days before the claim"),
            Reason::SharedNames(names) => write!(f, "names: {}", names.join(", ")),
            Reason::SpeakerNamed(name) => write!(f, "names the claim's speaker ({name})"),
            Reason::SpeakerInArticle => f.write_str("its article names the claim's speaker"),
            Reason::OtherOutlet(outlet) => write!(f, "another outlet: {outlet}"),
            Reason::SameArticle => f.write_str("same article as the claim"),
            Reason::LooksLikeRepeat => f.write_str("repeats the claim's words (a repeat?)"),
            Reason::Headline => f.write_str("a headline"),
        }
    }
}

/// Why no suggestions could be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SuggestError {
    #[error("claim {0} does not exist")]
    UnknownClaim(ClaimId),
    #[error("article {0} does not exist")]
    UnknownArticle(ArticleId),
    #[error("claim {0} has lost its text (orphaned); re-mark it first")]
    Orphaned(ClaimId),
    #[error("{article} has no text at {start}..{end}")]
    BadRange {
        article: ArticleId,
        start: usize,
        end: usize,
    },
}

/// Everything ranking needs to know about one claim, taken from the
/// project so that ranking itself needs only the index.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub claim: ClaimId,
    pub article: ArticleId,
    pub range: Range<usize>,
    pub quote: String,
    pub speaker: String,
    /// Spans never suggested: the claim's known responses and repeats.
    pub excluded: Vec<(ArticleId, Range<usize>)>,
    /// Candidates the analyst rejected for this claim: article and quote.
    pub rejected: Vec<(ArticleId, String)>,
}

impl Query {
    /// The query for `claim`. Its responses (claims it links to, in either
    /// direction) and its repeats are excluded, except `hidden`, which is
    /// ranked as if unknown (for evaluation).
    pub fn for_claim(
        project: &Project,
        claim: ClaimId,
        hidden: Option<ClaimId>,
    ) -> Result<Query, SuggestError> {
        let record = project
            .claim(claim)
            .ok_or(SuggestError::UnknownClaim(claim))?;
        if record.is_orphan() {
            return Err(SuggestError::Orphaned(claim));
        }
        let mut excluded = Vec::new();
        for link in project.links_of_claim(claim) {
            let other = if link.claim == claim {
                link.response
            } else {
                link.claim
            };
            if Some(other) != hidden {
                push_span(project, other, &mut excluded);
            }
        }
        let root = record.repeat_of.unwrap_or(claim);
        for repeat in project.claims.iter().filter(|c| c.repeat_of == Some(root)) {
            push_span(project, repeat.id, &mut excluded);
        }
        push_span(project, root, &mut excluded);
        let rejected = project
            .rejected_candidates
            .iter()
            .filter(|r| r.claim == claim)
            .map(|r| (r.article, r.quote.clone()))
            .collect();
        Ok(Query {
            claim,
            article: record.article,
            range: record.anchor.range(),
            quote: record.anchor.quote.clone(),
            speaker: record.info.speaker.clone(),
            excluded,
            rejected,
        })
    }

    /// True if a candidate span must not be offered.
    pub(crate) fn excludes(&self, article: ArticleId, range: &Range<usize>, quote: &str) -> bool {
        let overlaps = |r: &Range<usize>| r.start < range.end && range.start < r.end;
        (article == self.article && overlaps(&self.range))
            || self
                .excluded
                .iter()
                .any(|(a, r)| *a == article && overlaps(r))
            || self
                .rejected
                .iter()
                .any(|(a, q)| *a == article && q == quote)
    }
}

fn push_span(project: &Project, claim: ClaimId, out: &mut Vec<(ArticleId, Range<usize>)>) {
    if let Some(found) = project.claim(claim).filter(|c| !c.is_orphan()) {
        out.push((found.article, found.anchor.range()));
    }
}

/// Convenience for callers that hold a project and an index: the query for
/// `claim`, ranked, best first.
pub fn suggest(
    index: &SuggestIndex,
    project: &Project,
    claim: ClaimId,
    top: usize,
) -> Result<Vec<Candidate>, SuggestError> {
    let query = Query::for_claim(project, claim, None)?;
    Ok(index.suggest(&query, Ranker::Riposte, top))
}
