//! Suggestions in the background: the index over every article is built on
//! a job's thread the first time the Candidates panel or Find repeats is
//! used, follows each revision of the document afterwards (only changed
//! articles are re-indexed), and ranks or searches in jobs of its own. The
//! window keeps the results here; the panels only read them.
//!
//! One index job runs at a time; it takes the index (which no ranking job
//! may hold then), so ranking waits for the index to catch up with the
//! document rather than answering from stale text.

use std::sync::Arc;

use crate::model::suggest::{
    ArticleDoc, Candidate, Query, Ranker, RepeatMatch, Scheme, SuggestIndex, find_repeats,
};
use crate::model::{ClaimId, Project};
use crate::ui::document::Document;

/// How many candidates the panel lists.
pub const CANDIDATES_SHOWN: usize = 30;

/// Background work for suggestions. `generation` tells results of an
/// earlier document (since replaced) from current ones.
pub enum SuggestJob {
    Index {
        index: Option<SuggestIndex>,
        docs: Vec<ArticleDoc>,
        revision: u64,
        generation: u64,
    },
    Rank {
        index: Arc<SuggestIndex>,
        query: Box<Query>,
        revision: u64,
        generation: u64,
    },
    Repeats {
        index: Arc<SuggestIndex>,
        project: Box<Project>,
        claim: ClaimId,
        revision: u64,
        generation: u64,
    },
}

/// What a suggestion job produced.
pub enum SuggestOutcome {
    Indexed {
        index: SuggestIndex,
        revision: u64,
        generation: u64,
    },
    Ranked {
        found: Found<Vec<Candidate>>,
        generation: u64,
    },
    Repeats {
        found: Found<Vec<RepeatMatch>>,
        generation: u64,
    },
}

impl SuggestJob {
    pub fn label(&self) -> String {
        match self {
            SuggestJob::Index { index: None, .. } => "Indexing the articles for suggestions",
            SuggestJob::Index { .. } => "Updating the suggestion index",
            SuggestJob::Rank { .. } => "Ranking candidates",
            SuggestJob::Repeats { .. } => "Looking for repeats",
        }
        .to_string()
    }

    /// Does the work (on the job's thread).
    pub fn run(self) -> SuggestOutcome {
        match self {
            SuggestJob::Index {
                index,
                docs,
                revision,
                generation,
            } => {
                let mut index = index.unwrap_or_else(|| SuggestIndex::new(Scheme::CharGrams));
                index.sync_docs(docs);
                SuggestOutcome::Indexed {
                    index,
                    revision,
                    generation,
                }
            }
            SuggestJob::Rank {
                index,
                query,
                revision,
                generation,
            } => SuggestOutcome::Ranked {
                found: Found {
                    claim: query.claim,
                    revision,
                    result: Ok(index.suggest(&query, Ranker::Riposte, CANDIDATES_SHOWN)),
                },
                generation,
            },
            SuggestJob::Repeats {
                index,
                project,
                claim,
                revision,
                generation,
            } => SuggestOutcome::Repeats {
                found: Found {
                    claim,
                    revision,
                    result: find_repeats(&index, &project, claim).map_err(|e| e.to_string()),
                },
                generation,
            },
        }
    }
}

/// Results for one claim at one revision of the document.
#[derive(Clone, Debug, PartialEq)]
pub struct Found<T> {
    pub claim: ClaimId,
    pub revision: u64,
    pub result: Result<T, String>,
}

impl<T> Found<T> {
    fn is_for(&self, claim: ClaimId, revision: u64) -> bool {
        self.claim == claim && self.revision == revision
    }
}

/// What the window shows this frame, and so what to keep current.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Wanted {
    pub candidates_for: Option<ClaimId>,
    pub repeats_for: Option<ClaimId>,
}

/// The index, the jobs running on it and their latest results.
#[derive(Default)]
pub struct SuggestEngine {
    index: Option<Arc<SuggestIndex>>,
    /// The document revision the index reflects.
    indexed: Option<u64>,
    indexing: bool,
    ranking: bool,
    searching: bool,
    generation: u64,
    pub candidates: Option<Found<Vec<Candidate>>>,
    pub repeats: Option<Found<Vec<RepeatMatch>>>,
}

impl SuggestEngine {
    /// Another document is open: results and index are dropped, and what
    /// jobs of the old one bring back is ignored.
    pub fn forget_document(&mut self) {
        *self = SuggestEngine {
            generation: self.generation + 1,
            ..SuggestEngine::default()
        };
    }

    /// True once the index has been asked for (it then follows edits).
    pub fn started(&self) -> bool {
        self.index.is_some() || self.indexing
    }

    /// True while the index is being built or updated.
    pub fn indexing(&self) -> bool {
        self.indexing
    }

    /// True while the shown candidates may not be current.
    pub fn ranking(&self) -> bool {
        self.ranking || self.indexing
    }

    /// The next job to start for what is `wanted`, if any (one a frame).
    pub fn next_job(&mut self, doc: &Document, wanted: Wanted) -> Option<SuggestJob> {
        let nothing_wanted = wanted == Wanted::default();
        if self.indexing || (nothing_wanted && !self.started()) {
            return None;
        }
        let revision = doc.history.revision();
        if self.indexed != Some(revision) {
            return self.index_job(&doc.project, revision);
        }
        let index = self.index.clone()?;
        if let Some(claim) = wanted.candidates_for
            && !self.ranking
            && !self
                .candidates
                .as_ref()
                .is_some_and(|f| f.is_for(claim, revision))
        {
            return self.rank_job(index, &doc.project, claim, revision);
        }
        match wanted.repeats_for {
            Some(claim)
                if !self.searching
                    && !self
                        .repeats
                        .as_ref()
                        .is_some_and(|f| f.is_for(claim, revision)) =>
            {
                self.searching = true;
                Some(SuggestJob::Repeats {
                    index,
                    project: Box::new(doc.project.clone()),
                    claim,
                    revision,
                    generation: self.generation,
                })
            }
            _ => None,
        }
    }

    /// Takes the index to update it, unless a ranking job still reads it.
    fn index_job(&mut self, project: &Project, revision: u64) -> Option<SuggestJob> {
        let index = match self.index.take().map(Arc::try_unwrap) {
            None => None,
            Some(Ok(index)) => Some(index),
            Some(Err(shared)) => {
                self.index = Some(shared);
                return None;
            }
        };
        self.indexing = true;
        Some(SuggestJob::Index {
            index,
            docs: ArticleDoc::all(project),
            revision,
            generation: self.generation,
        })
    }

    fn rank_job(
        &mut self,
        index: Arc<SuggestIndex>,
        project: &Project,
        claim: ClaimId,
        revision: u64,
    ) -> Option<SuggestJob> {
        match Query::for_claim(project, claim, None) {
            Ok(query) => {
                self.ranking = true;
                Some(SuggestJob::Rank {
                    index,
                    query: Box::new(query),
                    revision,
                    generation: self.generation,
                })
            }
            Err(error) => {
                self.candidates = Some(Found {
                    claim,
                    revision,
                    result: Err(error.to_string()),
                });
                None
            }
        }
    }

    /// Takes a job's result.
    pub fn done(&mut self, outcome: SuggestOutcome) {
        let current = |generation| generation == self.generation;
        match outcome {
            SuggestOutcome::Indexed {
                index,
                revision,
                generation,
            } if current(generation) => {
                self.index = Some(Arc::new(index));
                self.indexed = Some(revision);
                self.indexing = false;
            }
            SuggestOutcome::Ranked { found, generation } if current(generation) => {
                self.candidates = Some(found);
                self.ranking = false;
            }
            SuggestOutcome::Repeats { found, generation } if current(generation) => {
                self.repeats = Some(found);
                self.searching = false;
            }
            _ => {}
        }
    }

    /// The candidates for `claim` (perhaps from an earlier revision while
    /// new ones are ranked).
    pub fn candidates_for(&self, claim: ClaimId) -> Option<&Found<Vec<Candidate>>> {
        self.candidates.as_ref().filter(|f| f.claim == claim)
    }

    /// The repeats found for `claim` at `revision` exactly.
    pub fn repeats_for(&self, claim: ClaimId, revision: u64) -> Option<&Found<Vec<RepeatMatch>>> {
        self.repeats.as_ref().filter(|f| f.is_for(claim, revision))
    }
}
