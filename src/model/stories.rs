//! Stories: the connected groups of claims joined by links (a claim, its
//! denials, the answers to those). Derived from the links, never stored;
//! only a story's *name* is kept in the project.
//!
//! Which links join: every link except a Rejected one. Rejecting a link is
//! the analyst saying "these two do not belong together", so a rejected
//! link neither joins two stories nor counts as one of a story's pairs.
//!
//! Names are stored in [`Project::story_names`] under a claim id, because
//! claims outlive any particular shape of a story:
//! - a new name is stored under the story's *key*, its smallest claim id;
//! - the name a story shows is the one stored under the smallest of its
//!   claim ids that has one;
//! - when a link merges two named stories, both names stay stored: the
//!   merged story shows the one under the smaller claim id and lists the
//!   other in [`Story::names`]; deleting that link splits them again and
//!   each part shows its own name once more;
//! - when a story splits, each part shows the name stored under one of its
//!   own claims, if any;
//! - a name stored under a deleted claim is kept (undo brings the claim
//!   back) but no story shows it.
//!
//! Names change only through `Edit::NameStory` (applied in `model::edit`).
//!
//! [`Stories::build`] is one pass of union-find over the links plus a sort
//! per story: cheap enough (see `benches/timeline.rs`) to recompute once
//! per revision off the window's frame loop.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;

use super::ids::{ClaimId, LinkId};
use super::project::{Claim, Link, Project, Published, Status};

/// One story.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    /// The smallest claim id in the story: how the command line and the
    /// window refer to it, and where a new name is stored.
    pub key: ClaimId,
    /// Every claim in the story, in id order.
    pub claims: Vec<ClaimId>,
    /// Every joining (not rejected) link, in id order.
    pub links: Vec<LinkId>,
    /// The claim that started the story: of the claims that answer nothing,
    /// the earliest by publication date (undated claims come after dated
    /// ones, ties by id).
    pub first_claim: ClaimId,
    /// Who speaks in the story, in order of first appearance in time.
    pub speakers: Vec<String>,
    /// The outlets of the story's articles, in order of first appearance.
    pub outlets: Vec<String>,
    /// The earliest and latest publication of its articles (by UTC instant
    /// when offsets are known), if any is dated.
    pub span: Option<(Published, Published)>,
    /// Claims whose article has no date.
    pub undated_claims: usize,
    /// Pairs (joining links) and how many of them are curated.
    pub pairs: usize,
    pub curated: usize,
    /// Names stored under the story's claims, by claim id: the first is the
    /// name the story shows. More than one only after stories merged.
    pub names: Vec<(ClaimId, String)>,
}

impl Story {
    /// The name the story shows, if it has one.
    pub fn name(&self) -> Option<&str> {
        self.names.first().map(|(_, name)| name.as_str())
    }

    /// The claim a rename stores the name under: where the shown name is
    /// stored, or the key for an unnamed story.
    pub fn name_key(&self) -> ClaimId {
        self.names.first().map_or(self.key, |(claim, _)| *claim)
    }

    /// The name, or "Story c3" for an unnamed story.
    pub fn title(&self) -> String {
        self.name()
            .map_or_else(|| format!("Story {}", self.key), str::to_string)
    }

    pub fn contains(&self, claim: ClaimId) -> bool {
        self.claims.binary_search(&claim).is_ok()
    }
}

/// All stories of one project revision, ordered by their earliest date
/// (undated stories last), then by key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stories {
    stories: Vec<Story>,
    by_claim: HashMap<ClaimId, usize>,
}

/// True for a link that joins its two claims into one story.
pub fn joins(link: &Link) -> bool {
    link.info.status != Status::Rejected
}

impl Published {
    /// The moment of publication as seconds since 1970 UTC. A missing time
    /// counts as midnight and a missing offset as UTC, so that dates alone
    /// still order correctly against each other.
    pub fn utc_seconds(&self) -> i64 {
        let time = self.time.unwrap_or_default();
        let local = NaiveDateTime::new(self.date, time).and_utc().timestamp();
        local - i64::from(self.utc_offset_minutes.unwrap_or(0)) * 60
    }
}

/// The publication of a claim's article, if the article exists and is dated.
pub fn claim_published(project: &Project, claim: &Claim) -> Option<Published> {
    project.article(claim.article)?.meta.published
}

impl Stories {
    /// Groups the project's claims into stories.
    pub fn build(project: &Project) -> Stories {
        let groups = group_claims(project);
        let mut stories: Vec<Story> = groups
            .into_iter()
            .filter_map(|(claims, links)| summarise(project, claims, links))
            .collect();
        stories.sort_by_key(|story| {
            let start = story.span.map(|(first, _)| first.utc_seconds());
            (start.is_none(), start, story.key)
        });
        let mut built = Stories {
            by_claim: HashMap::new(),
            stories,
        };
        for (index, story) in built.stories.iter().enumerate() {
            for &claim in &story.claims {
                built.by_claim.insert(claim, index);
            }
        }
        built.attach_names(project);
        built
    }

    fn attach_names(&mut self, project: &Project) {
        // `story_names` is ordered by claim id, so each story's first name
        // is the one under its smallest named claim.
        for (&claim, name) in &project.story_names {
            if let Some(&index) = self.by_claim.get(&claim) {
                self.stories[index].names.push((claim, name.clone()));
            }
        }
    }

    pub fn len(&self) -> usize {
        self.stories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Story> {
        self.stories.iter()
    }

    pub fn as_slice(&self) -> &[Story] {
        &self.stories
    }

    /// The story a claim belongs to (none for a claim without joining links).
    pub fn of_claim(&self, claim: ClaimId) -> Option<&Story> {
        self.by_claim.get(&claim).map(|&index| &self.stories[index])
    }

    /// The story with this key.
    pub fn by_key(&self, key: ClaimId) -> Option<&Story> {
        self.of_claim(key).filter(|story| story.key == key)
    }

    /// Finds a story from what a user typed: the id of any of its claims
    /// (`c3`, `3`, or `c3` for `c3-k3m9qz` when only one such claim exists)
    /// or its name (case-insensitive).
    pub fn find(&self, project: &Project, text: &str) -> Option<&Story> {
        let claim = text.parse::<ClaimId>().ok();
        let by_claim = claim
            .and_then(|c| project.resolve_claim(c).ok())
            .and_then(|c| self.of_claim(c));
        if by_claim.is_some() {
            return by_claim;
        }
        let wanted = text.trim().to_lowercase();
        self.stories.iter().find(|story| {
            story
                .names
                .iter()
                .any(|(_, name)| name.trim().to_lowercase() == wanted)
        })
    }
}

/// Claim positions joined by the joining links, as (claims, links) per
/// group, each list in id order.
fn group_claims(project: &Project) -> Vec<(Vec<ClaimId>, Vec<LinkId>)> {
    let mut sets = DisjointSets::new(project.claims.len());
    let mut joined = Vec::new();
    for link in project.links.iter().filter(|l| joins(l)) {
        let ends = (
            project.claim_index(link.claim),
            project.claim_index(link.response),
        );
        if let (Ok(a), Ok(b)) = ends {
            sets.join(a, b);
            joined.push((a, link.id));
        }
    }
    let mut group_of_root: HashMap<usize, usize> = HashMap::new();
    let mut groups: Vec<(Vec<ClaimId>, Vec<LinkId>)> = Vec::new();
    for &(end, link) in &joined {
        let root = sets.find(end);
        let next = groups.len();
        let group = *group_of_root.entry(root).or_insert(next);
        if group == next {
            groups.push((Vec::new(), Vec::new()));
        }
        groups[group].1.push(link);
    }
    for (position, claim) in project.claims.iter().enumerate() {
        if let Some(&group) = group_of_root.get(&sets.find(position)) {
            groups[group].0.push(claim.id);
        }
    }
    groups
}

/// The story's summary from its claims and links (`None` only for a group
/// without claims, which [`group_claims`] never makes).
fn summarise(project: &Project, claims: Vec<ClaimId>, links: Vec<LinkId>) -> Option<Story> {
    let mut timed: Vec<(Option<i64>, ClaimId, Option<Published>, &Claim)> = claims
        .iter()
        .filter_map(|&id| project.claim(id))
        .map(|claim| {
            let published = claim_published(project, claim);
            (
                published.map(|p| p.utc_seconds()),
                claim.id,
                published,
                claim,
            )
        })
        .collect();
    timed.sort_by_key(|&(at, id, _, _)| (at.is_none(), at, id));
    let responses: HashSet<ClaimId> = links
        .iter()
        .filter_map(|&id| project.link(id))
        .map(|l| l.response)
        .collect();
    // The claim that started the story: the earliest one that answers
    // nothing (any claim, should the links form a cycle).
    let first_claim = timed
        .iter()
        .find(|t| !responses.contains(&t.1))
        .or(timed.first())?
        .1;
    let dated: Vec<Published> = timed.iter().filter_map(|t| t.2).collect();
    let curated = links
        .iter()
        .filter_map(|&id| project.link(id))
        .filter(|l| l.info.status == Status::Curated)
        .count();
    let speakers = distinct(timed.iter().map(|t| t.3.info.speaker.as_str()));
    let outlets = distinct(timed.iter().filter_map(|t| {
        let article = project.article(t.3.article)?;
        Some(article.meta.outlet.as_str())
    }));
    Some(Story {
        key: *claims.first()?,
        first_claim,
        span: dated.first().zip(dated.last()).map(|(a, b)| (*a, *b)),
        undated_claims: timed.len() - dated.len(),
        pairs: links.len(),
        curated,
        speakers,
        outlets,
        claims,
        links,
        names: Vec::new(),
    })
}

/// Non-empty values in order of first appearance, each once.
fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen = HashSet::new();
    values
        .map(str::trim)
        .filter(|v| !v.is_empty() && seen.insert(*v))
        .map(str::to_string)
        .collect()
}

/// Union-find over positions `0..n`, with path halving and union by size.
struct DisjointSets {
    parent: Vec<usize>,
    size: Vec<u32>,
}

impl DisjointSets {
    fn new(n: usize) -> DisjointSets {
        DisjointSets {
            parent: (0..n).collect(),
            size: vec![1; n],
        }
    }

    fn find(&mut self, mut node: usize) -> usize {
        while self.parent[node] != node {
            self.parent[node] = self.parent[self.parent[node]];
            node = self.parent[node];
        }
        node
    }

    fn join(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
    }
}
