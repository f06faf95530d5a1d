//! The project's records. Collections are `Vec`s kept sorted by id: new ids
//! are always the largest, so adding appends, lookups are binary searches and
//! the serialised file lists records in a stable, diff-friendly order.
//! Claims and links are shared records (`model::shared`): cloning a project
//! for a background save copies pointers, and an edit swaps in a new record.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

pub use super::meta_field::MetaField;

use super::anchor::{Anchor, AnchorError};
use super::decisions::{Conflict, Disagreement, RecordRef};
use super::ids::{ArticleId, ClaimId, LinkId, NextIds, RecordId, ResolveError, resolve};
pub use super::relation::{Relation, Status};
use super::shared::Shared;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub title: String,
    #[serde(default)]
    pub next_ids: NextIds,
    #[serde(default)]
    pub articles: Vec<Article>,
    /// Shared records (see `model::shared`): a snapshot copies pointers.
    #[serde(default, with = "super::shared")]
    pub claims: Shared<Claim>,
    #[serde(default, with = "super::shared")]
    pub links: Shared<Link>,
    /// Fields two merged copies changed differently, and records one
    /// deleted while the other kept them, until an analyst decides each
    /// (see `model::merge`). Absent from files without any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// Pairs the copies a curated project was built from did not all make
    /// alike, until an analyst decides each (see `model::curate`). Absent
    /// from files without any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<Disagreement>,
    /// Story names, each stored under a claim of its story (see
    /// `model::stories` for what happens when stories merge or split).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub story_names: BTreeMap<ClaimId, String>,
    /// Suggested responses the analyst turned down, never suggested again
    /// for the same claim (see `model::suggest`). Omitted when empty, so
    /// files without any keep their exact bytes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected_candidates: Vec<RejectedCandidate>,
}

/// A suggested response the analyst rejected for one claim. Matched by
/// article and quote (not by offsets), so it stays rejected when the text
/// around it is edited.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RejectedCandidate {
    pub claim: ClaimId,
    pub article: ArticleId,
    pub start: usize,
    pub end: usize,
    pub quote: String,
}

/// When an article was published, as precisely as the source says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Published {
    pub date: NaiveDate,
    #[serde(default)]
    pub time: Option<NaiveTime>,
    /// Offset from UTC in minutes (`+04:00` is 240), when the source gives it.
    #[serde(default)]
    pub utc_offset_minutes: Option<i32>,
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date.format("%Y-%m-%d"))?;
        if let Some(time) = self.time {
            write!(f, " {}", time.format("%H:%M"))?;
        }
        if let Some(offset) = self.utc_offset_minutes {
            let sign = if offset < 0 { '-' } else { '+' };
            let abs = offset.unsigned_abs();
            write!(f, " (UTC{sign}{:02}:{:02})", abs / 60, abs % 60)?;
        }
        Ok(())
    }
}

/// The parts of an article the analyst may correct after import.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub title: String,
    #[serde(default)]
    pub outlet: String,
    #[serde(default)]
    pub published: Option<Published>,
    #[serde(default)]
    pub url: String,
    /// Where the text was imported from. Information only: never read back
    /// unless the analyst asks.
    #[serde(default)]
    pub source_path: String,
    /// Details that import guessed (a year taken from the import date, an
    /// outlet read from a byline): shown as guesses until the analyst
    /// confirms or corrects them. Omitted when empty, so older files keep
    /// their bytes.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub uncertain: BTreeSet<MetaField>,
    /// [`super::content_hash`] of the file the text was extracted from, when
    /// that file is not the text itself (a saved HTML page), so the page
    /// can be recognised later.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub original_hash: String,
}

impl ArticleMeta {
    /// True when import guessed `field` and nobody has confirmed it.
    pub fn is_uncertain(&self, field: MetaField) -> bool {
        self.uncertain.contains(&field)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    pub meta: ArticleMeta,
    pub imported_at: DateTime<Utc>,
    /// [`super::content_hash`] of `text`, to recognise re-imports.
    pub content_hash: String,
    /// The normalised text (no BOM, LF line ends): every claim's byte range
    /// refers to it. Shared, not copied, by snapshots for background work
    /// (save, autosave, export) and by undo steps: texts are the bulk of a
    /// project and never change in place (an edit swaps in a new `Arc`).
    #[serde(with = "shared_text")]
    pub text: Arc<str>,
}

/// Serialises an `Arc<str>` as a plain string. (Serde's `rc` feature would
/// do the same, but turning a feature of serde on rebuilds every crate that
/// uses serde.)
mod shared_text {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::sync::Arc;

    pub fn serialize<S: Serializer>(text: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Arc<str>, D::Error> {
        String::deserialize(deserializer).map(Arc::from)
    }
}

/// What the analyst says about a claim, apart from where it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimInfo {
    /// Who asserts it ("EU Mission", "Peter Michalko (reported)").
    #[serde(default)]
    pub speaker: String,
    /// Who reports it ("Qafqazinfo.az").
    #[serde(default)]
    pub via: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: ClaimId,
    pub article: ArticleId,
    pub anchor: Anchor,
    pub info: ClaimInfo,
    /// Who marked the claim; with `created`, never changed afterwards.
    pub analyst: String,
    pub created: DateTime<Utc>,
    /// When the claim last changed (`created` until it does).
    pub modified: DateTime<Utc>,
    /// Who changed it last (see `Stamp::mark_changed`); absent until someone
    /// does, and in files written before it existed, which keep their bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_by: Option<String>,
    /// Set when the article text changed and the claim could only be found
    /// again approximately, or not at all (see `model::reanchor`). Absent in
    /// files written before re-anchoring existed, and omitted when `None`, so
    /// such files keep their exact bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// The claim this one repeats (the same assertion in another place or
    /// outlet), recorded by "Find repeats". Always the original, never a
    /// repeat of a repeat. Omitted when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_of: Option<ClaimId>,
}

/// Why a claim needs the analyst's eye after its article text changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Review {
    /// Found again, but not exactly where or as it was: `confidence` is
    /// 0–1, `old_quote` the quote before the text changed.
    LowConfidence { confidence: f32, old_quote: String },
    /// Not found in the new text. The claim keeps its quote and context
    /// (its anchor range is `0..0`) and stays listed until the analyst
    /// re-marks or deletes it; `old_start` is where it was.
    Orphaned { old_start: usize },
}

impl Claim {
    /// True for a claim whose quote was lost when its article text changed.
    pub fn is_orphan(&self) -> bool {
        matches!(self.review, Some(Review::Orphaned { .. }))
    }

    /// True when the analyst should check this claim's position.
    pub fn needs_review(&self) -> bool {
        self.review.is_some()
    }

    /// Checks the claim's anchor against its article text. An orphan is
    /// accepted explicitly: it has no range (`0..0`) but must keep a quote.
    pub fn verify_in(&self, text: &str) -> Result<(), AnchorError> {
        if self.is_orphan() {
            return match (
                self.anchor.start,
                self.anchor.end,
                self.anchor.quote.is_empty(),
            ) {
                (0, 0, false) => Ok(()),
                (_, _, true) => Err(AnchorError::Empty),
                (start, end, false) => Err(AnchorError::OrphanWithRange { start, end }),
            };
        }
        self.anchor.verify(text)
    }
}

/// What the analyst says about a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkInfo {
    pub relation: Relation,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub note: String,
}

/// A pair: `claim` is answered by `response`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub id: LinkId,
    pub claim: ClaimId,
    pub response: ClaimId,
    pub info: LinkInfo,
    /// Who made the link; with `created`, never changed afterwards.
    pub analyst: String,
    pub created: DateTime<Utc>,
    /// When the link last changed (`created` until it does).
    pub modified: DateTime<Utc>,
    /// Who changed it last (see `Stamp::mark_changed`); absent until someone
    /// does, and in files written before it existed, which keep their bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_by: Option<String>,
}

/// Something wrong in a project, found by [`Project::problems`] (typically
/// in a file edited by hand or by another tool).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("claim {claim} names article {article}, which does not exist")]
    ClaimWithoutArticle { claim: ClaimId, article: ArticleId },
    #[error("claim {claim} no longer matches article {article}: {error}")]
    BrokenAnchor {
        claim: ClaimId,
        article: ArticleId,
        error: AnchorError,
    },
    #[error("link {link} names claim {claim}, which does not exist")]
    LinkToMissingClaim { link: LinkId, claim: ClaimId },
    #[error("link {link} joins claim {claim} to itself")]
    SelfLink { link: LinkId, claim: ClaimId },
    #[error("{kind} id {id} is used more than once")]
    DuplicateId { kind: &'static str, id: String },
    #[error(
        "{kind} id {old} is used more than once; the later record was renumbered to {new} (links keep pointing at the first)"
    )]
    Renumbered {
        kind: &'static str,
        old: String,
        new: String,
    },
    #[error("claim {claim} has a review confidence {found} outside 0–1; set to {fixed}")]
    BadConfidence {
        claim: ClaimId,
        found: String,
        fixed: String,
    },
    #[error("{kind} records are not in id order")]
    Unordered { kind: &'static str },
    #[error(
        "{kind} id {id} is not numbered below the next id number {next}; new ids could collide"
    )]
    IdNotBelowNext {
        kind: &'static str,
        id: String,
        next: u32,
    },
}

/// Binary search in a Vec sorted by id.
fn position<T, K: Ord>(items: &[T], key: K, id_of: impl Fn(&T) -> K) -> Result<usize, usize> {
    items.binary_search_by(|item| id_of(item).cmp(&key))
}

impl Project {
    pub fn new(title: impl Into<String>) -> Project {
        Project {
            title: title.into(),
            ..Project::default()
        }
    }

    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        position(&self.articles, id, |a| a.id)
            .ok()
            .map(|i| &self.articles[i])
    }

    pub fn claim(&self, id: ClaimId) -> Option<&Claim> {
        position(&self.claims, id, |c| c.id)
            .ok()
            .map(|i| &*self.claims[i])
    }

    /// The claim as shared by the project (a snapshot copies the pointer).
    pub fn shared_claim(&self, id: ClaimId) -> Option<&Arc<Claim>> {
        position(&self.claims, id, |c| c.id)
            .ok()
            .map(|i| &self.claims[i])
    }

    pub fn link(&self, id: LinkId) -> Option<&Link> {
        position(&self.links, id, |l| l.id)
            .ok()
            .map(|i| &*self.links[i])
    }

    pub(crate) fn article_index(&self, id: ArticleId) -> Result<usize, usize> {
        position(&self.articles, id, |a| a.id)
    }

    pub(crate) fn claim_index(&self, id: ClaimId) -> Result<usize, usize> {
        position(&self.claims, id, |c| c.id)
    }

    pub(crate) fn link_index(&self, id: LinkId) -> Result<usize, usize> {
        position(&self.links, id, |l| l.id)
    }

    /// True when the record a conflict names is (still) in the project.
    pub fn has_record(&self, record: RecordRef) -> bool {
        match record {
            RecordRef::Project => true,
            RecordRef::Article(id) => self.article(id).is_some(),
            RecordRef::Claim(id) => self.claim(id).is_some(),
            RecordRef::Link(id) => self.link(id).is_some(),
        }
    }

    /// The article a person means by `id`: the exact id, or the only
    /// article with that number when `id` was typed without a tag (`a3`).
    pub fn resolve_article(&self, id: ArticleId) -> Result<ArticleId, ResolveError> {
        resolve(id, self.articles.iter().map(|a| a.id))
    }

    /// The claim a person means by `id` (see [`Project::resolve_article`]).
    pub fn resolve_claim(&self, id: ClaimId) -> Result<ClaimId, ResolveError> {
        resolve(id, self.claims.iter().map(|c| c.id))
    }

    /// The link a person means by `id` (see [`Project::resolve_article`]).
    pub fn resolve_link(&self, id: LinkId) -> Result<LinkId, ResolveError> {
        resolve(id, self.links.iter().map(|l| l.id))
    }

    /// Claims of one article, in id order. O(claims); the window keeps its
    /// own index for per-frame use.
    pub fn claims_of_article(&self, article: ArticleId) -> impl Iterator<Item = &Claim> {
        self.claims
            .iter()
            .map(|c| &**c)
            .filter(move |c| c.article == article)
    }

    /// Links in which `claim` takes part, on either side.
    pub fn links_of_claim(&self, claim: ClaimId) -> impl Iterator<Item = &Link> {
        self.links
            .iter()
            .map(|l| &**l)
            .filter(move |l| l.claim == claim || l.response == claim)
    }

    /// The article with the same text, if one was already imported.
    pub fn find_duplicate(&self, text: &str, hash: &str) -> Option<&Article> {
        self.articles
            .iter()
            .find(|a| a.content_hash == hash && &*a.text == text)
    }

    pub fn curated_link_count(&self) -> usize {
        self.links
            .iter()
            .filter(|l| l.info.status == Status::Curated)
            .count()
    }

    /// `N articles, M claims, K links (C curated)`.
    pub fn summary(&self) -> String {
        format!(
            "{} articles, {} claims, {} links ({} curated)",
            self.articles.len(),
            self.claims.len(),
            self.links.len(),
            self.curated_link_count()
        )
    }

    /// Every rule the project breaks. A project built only through
    /// [`super::Edit`]s has none; a hand-edited file may.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        self.check_ids(&mut problems);
        self.check_claims(&mut problems);
        self.check_links(&mut problems);
        problems
    }

    fn check_ids(&self, problems: &mut Vec<Problem>) {
        let next = &self.next_ids;
        check_id_sequence(self.articles.iter().map(|a| a.id), next.article, problems);
        check_id_sequence(self.claims.iter().map(|c| c.id), next.claim, problems);
        check_id_sequence(self.links.iter().map(|l| l.id), next.link, problems);
    }

    fn check_claims(&self, problems: &mut Vec<Problem>) {
        for claim in &self.claims {
            match self.article(claim.article) {
                None => problems.push(Problem::ClaimWithoutArticle {
                    claim: claim.id,
                    article: claim.article,
                }),
                Some(article) => {
                    if let Err(error) = claim.verify_in(&article.text) {
                        problems.push(Problem::BrokenAnchor {
                            claim: claim.id,
                            article: article.id,
                            error,
                        });
                    }
                }
            }
        }
    }

    fn check_links(&self, problems: &mut Vec<Problem>) {
        for link in &self.links {
            for claim in [link.claim, link.response] {
                if self.claim(claim).is_none() {
                    problems.push(Problem::LinkToMissingClaim {
                        link: link.id,
                        claim,
                    });
                }
            }
            if link.claim == link.response {
                problems.push(Problem::SelfLink {
                    link: link.id,
                    claim: link.claim,
                });
            }
        }
    }

    /// Orphaned claims: quotes no longer found in their article.
    pub fn orphans(&self) -> impl Iterator<Item = &Claim> {
        self.claims.iter().map(|c| &**c).filter(|c| c.is_orphan())
    }

    /// Everyone who created a claim or link, in order of first appearance.
    /// Derived rather than stored, so undo cannot leave it stale.
    pub fn analysts(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        let stamps = self.claims.iter().map(|c| c.analyst.as_str());
        for name in stamps.chain(self.links.iter().map(|l| l.analyst.as_str())) {
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }
}

fn check_id_sequence<I: RecordId>(
    ids: impl Iterator<Item = I>,
    next: u32,
    problems: &mut Vec<Problem>,
) {
    let kind = I::KIND;
    let mut previous: Option<I> = None;
    let mut reported_order = false;
    for id in ids {
        if let Some(prev) = previous {
            if id == prev {
                problems.push(Problem::DuplicateId {
                    kind,
                    id: id.to_string(),
                });
            } else if id < prev && !reported_order {
                problems.push(Problem::Unordered { kind });
                reported_order = true;
            }
        }
        // A counter at u32::MAX has saturated (see `NextIds`): ids at the
        // end of the range are then legitimate, not a sign of damage.
        if id.seq() >= next && next != u32::MAX {
            problems.push(Problem::IdNotBelowNext {
                kind,
                id: id.to_string(),
                next,
            });
        }
        previous = Some(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_displays_time_and_offset() {
        let published = Published {
            date: NaiveDate::from_ymd_opt(2024, 2, 2).unwrap_or_default(),
            time: NaiveTime::from_hms_opt(12, 18, 0),
            utc_offset_minutes: Some(240),
        };
        assert_eq!(published.to_string(), "2024-02-02 12:18 (UTC+04:00)");
        let west = Published {
            utc_offset_minutes: Some(-330),
            time: None,
            ..published
        };
        assert_eq!(west.to_string(), "2024-02-02 (UTC-05:30)");
    }

    #[test]
    fn relation_and_status_parse_case_insensitively() {
        assert_eq!(Relation::parse("denies"), Some(Relation::Denies));
        assert_eq!(Relation::parse(" SUPPORTS "), Some(Relation::Supports));
        assert_eq!(Relation::parse("agrees"), None);
        assert_eq!(Status::parse("curated"), Some(Status::Curated));
        assert_eq!(Status::parse("done"), None);
    }
}
