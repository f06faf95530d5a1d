//! Curation: one project from several copies annotated independently.
//! Pairs every copy made with the same relation are accepted (curated);
//! every other pair is a [`Disagreement`] listing each copy's choice, kept
//! in the project until decided ([`decide_disagreement`], one undoable
//! step).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::{PairUnit, pair_units_of};
use crate::model::decisions::{Choice, Disagreement};
use crate::model::{
    ArticleId, Claim, ClaimId, Edit, EditError, Link, LinkInfo, Project, RecordId, Relation,
    Replica, Stamp, Status,
};

/// A curated project and what became of the pairs.
#[derive(Clone, Debug, PartialEq)]
pub struct Curated {
    pub project: Project,
    pub accepted: usize,
}

/// Builds the curated project from `copies` (name, project), claims
/// matching at `overlap`. The first copy gives the title and articles.
pub fn curate(copies: &[(String, &Project)], overlap: f64) -> Curated {
    let projects: Vec<&Project> = copies.iter().map(|(_, p)| *p).collect();
    let mut builder = Builder::new(&projects);
    let mut accepted = 0;
    for unit in pair_units_of(&projects, overlap) {
        let claim = builder.claim(unit.representative.0);
        let response = builder.claim(unit.representative.1);
        let (Some(claim), Some(response)) = (claim, response) else {
            continue;
        };
        match agreed(&unit) {
            Some(relation) => {
                builder.accept(&unit, (claim, response), relation);
                accepted += 1;
            }
            None => builder.project.disagreements.push(Disagreement {
                claim,
                response,
                choices: choices(copies, &unit),
            }),
        }
    }
    let mut project = builder.project;
    for link in &project.links {
        project.next_ids.make_room_for_link(link.id);
    }
    Curated { project, accepted }
}

/// The relation every copy gave the pair, if all made it alike.
fn agreed(unit: &PairUnit) -> Option<Relation> {
    let first = unit.relations.first().copied().flatten()?;
    unit.relations
        .iter()
        .all(|r| *r == Some(first))
        .then_some(first)
}

fn choices(copies: &[(String, &Project)], unit: &PairUnit) -> Vec<Choice> {
    copies
        .iter()
        .zip(&unit.relations)
        .map(|((name, project), relation)| Choice {
            copy: name.clone(),
            analyst: project
                .analysts()
                .first()
                .map(|a| a.to_string())
                .unwrap_or_default(),
            relation: *relation,
        })
        .collect()
}

/// The curated project as it grows: the first copy's articles (and any
/// article only a later copy has), claims as the pairs need them.
struct Builder<'a> {
    copies: &'a [&'a Project],
    project: Project,
    /// Per copy: its article ids → the curated ones.
    articles: Vec<HashMap<ArticleId, ArticleId>>,
    claims: BTreeMap<(usize, ClaimId), ClaimId>,
}

impl<'a> Builder<'a> {
    fn new(copies: &'a [&'a Project]) -> Builder<'a> {
        let first = copies[0];
        let mut project = Project {
            title: first.title.clone(),
            next_ids: copies
                .iter()
                .fold(first.next_ids.clone(), |ids, p| ids.max(&p.next_ids)),
            ..Project::default()
        };
        let mut by_text: HashMap<(&str, &str), ArticleId> = HashMap::new();
        let mut articles = Vec::new();
        for copy in copies {
            let mut map = HashMap::new();
            for article in &copy.articles {
                let key = (article.content_hash.as_str(), &*article.text);
                let id = *by_text.entry(key).or_insert_with(|| {
                    let mut added = article.clone();
                    added.id = fresh(
                        project.articles.iter().map(|a| a.id),
                        article.id,
                        &mut project.next_ids.article,
                    );
                    let at = project.article_index(added.id).unwrap_or_else(|i| i);
                    project.articles.insert(at, added);
                    project.articles[at].id
                });
                map.insert(article.id, id);
            }
            articles.push(map);
        }
        Builder {
            copies,
            project,
            articles,
            claims: BTreeMap::new(),
        }
    }

    /// The curated claim for a copy's claim, added on first use.
    fn claim(&mut self, (copy, id): (usize, ClaimId)) -> Option<ClaimId> {
        if let Some(&curated) = self.claims.get(&(copy, id)) {
            return Some(curated);
        }
        let mut claim: Claim = self.copies[copy].claim(id)?.clone();
        claim.article = *self.articles[copy].get(&claim.article)?;
        claim.id = fresh(
            self.project.claims.iter().map(|c| c.id),
            id,
            &mut self.project.next_ids.claim,
        );
        let at = self.project.claim_index(claim.id).unwrap_or_else(|i| i);
        let curated = claim.id;
        self.project.claims.insert(at, Arc::new(claim));
        self.claims.insert((copy, id), curated);
        Some(curated)
    }

    /// Adds the first copy's link for an agreed pair, curated.
    fn accept(
        &mut self,
        unit: &PairUnit,
        (claim, response): (ClaimId, ClaimId),
        relation: Relation,
    ) {
        let Some((copy, link_id)) = unit
            .links
            .iter()
            .enumerate()
            .find_map(|(c, l)| Some((c, (*l)?)))
        else {
            return;
        };
        let Some(original) = self.copies[copy].link(link_id) else {
            return;
        };
        let link = Link {
            id: fresh(
                self.project.links.iter().map(|l| l.id),
                link_id,
                &mut self.project.next_ids.link,
            ),
            claim,
            response,
            info: LinkInfo {
                relation,
                status: Status::Curated,
                note: original.info.note.clone(),
            },
            ..original.clone()
        };
        let at = self.project.link_index(link.id).unwrap_or_else(|i| i);
        self.project.links.insert(at, Arc::new(link));
    }
}

/// `wanted`, unless a record already has it (two copies' records with one
/// id): then a new id from `counter`.
fn fresh<I: RecordId>(mut existing: impl Iterator<Item = I>, wanted: I, counter: &mut u32) -> I {
    if !existing.any(|id| id == wanted) {
        return wanted;
    }
    let id = I::new(*counter, Replica::session());
    *counter = counter.saturating_add(1);
    id
}

/// Why a disagreement could not be decided.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DecideError {
    #[error("there is no disagreement number {0}")]
    NoSuchDisagreement(usize),
    #[error(transparent)]
    Edit(#[from] EditError),
}

/// The one undoable edit that decides disagreement `index`: the pair
/// becomes a curated link with `relation`, or (`None`) no pair; either way
/// the disagreement leaves the list.
pub fn decide_disagreement(
    project: &Project,
    index: usize,
    relation: Option<Relation>,
    stamp: &Stamp,
) -> Result<Edit, DecideError> {
    let disagreement = project
        .disagreements
        .get(index)
        .ok_or(DecideError::NoSuchDisagreement(index))?;
    let mut remaining = project.disagreements.clone();
    remaining.remove(index);
    let mut edits = Vec::new();
    if let Some(relation) = relation {
        let info = LinkInfo {
            relation,
            status: Status::Curated,
            note: String::new(),
        };
        let (edit, _) = Edit::add_link(
            project,
            disagreement.claim,
            disagreement.response,
            info,
            stamp,
        );
        edits.push(edit);
    }
    edits.push(Edit::SetDisagreements(remaining));
    Ok(Edit::Batch(edits))
}
