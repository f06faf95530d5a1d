//! Evaluation built in: for every curated pair, hide the response, rank,
//! and find the first candidate that overlaps the true response span.

use super::{Query, Ranker, SuggestIndex, Weights};
use crate::model::{ArticleId, ClaimId, LinkId, Project, Status};

/// How deep the ranking is searched for the true response (MRR is MRR@100).
pub const EVAL_DEPTH: usize = 100;

/// Where one pair's response ranked.
#[derive(Clone, Debug, PartialEq)]
pub struct PairOutcome {
    pub link: LinkId,
    pub claim: ClaimId,
    pub response: ClaimId,
    /// 1-based rank of the first candidate overlapping the response, if it
    /// is within [`EVAL_DEPTH`].
    pub rank: Option<usize>,
    /// The top candidate, when it is not the response: where and what.
    pub top: Option<(ArticleId, String)>,
}

/// Recall at 1 and at `k`, mean reciprocal rank, over the curated pairs.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalReport {
    pub k: usize,
    pub outcomes: Vec<PairOutcome>,
}

impl EvalReport {
    pub fn pairs(&self) -> usize {
        self.outcomes.len()
    }

    fn share(&self, hit: impl Fn(&PairOutcome) -> bool) -> f64 {
        if self.outcomes.is_empty() {
            return 0.0;
        }
        self.outcomes.iter().filter(|o| hit(o)).count() as f64 / self.outcomes.len() as f64
    }

    pub fn recall_at(&self, k: usize) -> f64 {
        self.share(|o| o.rank.is_some_and(|r| r <= k))
    }

    pub fn recall_at_1(&self) -> f64 {
        self.recall_at(1)
    }

    pub fn recall_at_k(&self) -> f64 {
        self.recall_at(self.k)
    }

    /// Mean reciprocal rank (0 for a response not within [`EVAL_DEPTH`]).
    pub fn mrr(&self) -> f64 {
        if self.outcomes.is_empty() {
            return 0.0;
        }
        let sum: f64 = self
            .outcomes
            .iter()
            .map(|o| o.rank.map_or(0.0, |r| 1.0 / r as f64))
            .sum();
        sum / self.outcomes.len() as f64
    }
}

/// Ranks the response of every curated link of `project` with `index`
/// (built from the same project) and `ranker`.
pub fn evaluate(project: &Project, index: &SuggestIndex, ranker: Ranker, k: usize) -> EvalReport {
    evaluate_weighted(project, index, (ranker, &Weights::default()), k)
}

/// [`evaluate`] with other weights (for experiments).
pub fn evaluate_weighted(
    project: &Project,
    index: &SuggestIndex,
    (ranker, weights): (Ranker, &Weights),
    k: usize,
) -> EvalReport {
    let outcomes = project
        .links
        .iter()
        .filter(|l| l.info.status == Status::Curated)
        .filter_map(|link| {
            let response = project.claim(link.response)?;
            let query = Query::for_claim(project, link.claim, Some(link.response)).ok()?;
            let ranked = index.suggest_weighted(&query, ranker, weights, EVAL_DEPTH);
            let truth = response.anchor.range();
            let rank = ranked.iter().position(|c| {
                c.article == response.article
                    && c.range.start < truth.end
                    && truth.start < c.range.end
            });
            let top = ranked
                .first()
                .filter(|_| rank != Some(0))
                .map(|c| (c.article, c.quote.clone()));
            Some(PairOutcome {
                link: link.id,
                claim: link.claim,
                response: link.response,
                rank: rank.map(|r| r + 1),
                top,
            })
        })
        .collect();
    EvalReport { k, outcomes }
}
