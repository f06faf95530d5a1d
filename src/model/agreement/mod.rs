//! Agreement between copies of a project annotated independently on the
//! same articles, and the units curation decides on.
//!
//! - Claims match across copies by span overlap: the characters both cover
//!   over the characters either covers (default at least 0.5), one to one.
//! - Pairs (links) match when both ends match. Rejected links count as no
//!   pair: the analyst said the pair is wrong.
//! - Per pair of copies: claim F1, pair F1, and Cohen's κ on the relations
//!   of matched pairs. For three or more copies, Krippendorff's α
//!   (nominal) on relations, over pair units lined up across all copies;
//!   a copy without the pair is a missing value.

mod align;
mod curate;
pub mod stats;

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

use super::{ClaimId, LinkId, Project, Relation};
use align::Aligned;
pub use curate::{Curated, DecideError, curate, decide_disagreement};

/// The default share of characters two claims must share to match.
pub const DEFAULT_OVERLAP: f64 = 0.5;

/// How many items each copy has and how many match.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Counts {
    /// Items in the first copy, in the second, and found in both.
    pub first: usize,
    pub second: usize,
    pub matched: usize,
    /// 2·matched / (first + second); `null` when both are empty.
    pub f1: Option<f64>,
}

/// Agreement on the relation of pairs both copies made.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Relations {
    pub matched_pairs: usize,
    pub same_relation: usize,
    /// Cohen's κ; `null` when undefined (no pairs, or one relation only).
    pub kappa: Option<f64>,
}

/// Two copies compared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairOfCopies {
    /// Indices into the copies as given.
    pub first: usize,
    pub second: usize,
    pub claims: Counts,
    pub pairs: Counts,
    pub relations: Relations,
}

/// Krippendorff's α over pair units of all copies.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Alpha {
    /// `null` when undefined (no unit coded twice, or one relation only).
    pub value: Option<f64>,
    /// Units (pairs lined up across copies) coded by at least two copies.
    pub units: usize,
}

/// The whole comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agreement {
    pub overlap: f64,
    pub pairs_of_copies: Vec<PairOfCopies>,
    /// Present for three or more copies.
    pub alpha: Option<Alpha>,
}

/// Compares copies of one project annotated independently.
pub fn agreement(copies: &[&Project], overlap: f64) -> Agreement {
    let aligned = Aligned::new(copies, overlap);
    let mut pairs_of_copies = Vec::new();
    for i in 0..copies.len() {
        for j in i + 1..copies.len() {
            pairs_of_copies.push(compare(&aligned, i, j));
        }
    }
    let alpha = (copies.len() >= 3).then(|| {
        let units: Vec<Vec<Relation>> = pair_units(&aligned)
            .into_iter()
            .map(|unit| unit.relations.into_iter().flatten().collect())
            .collect();
        Alpha {
            value: stats::krippendorff_alpha_nominal(&units),
            units: units.iter().filter(|u| u.len() >= 2).count(),
        }
    });
    Agreement {
        overlap,
        pairs_of_copies,
        alpha,
    }
}

fn compare(aligned: &Aligned, i: usize, j: usize) -> PairOfCopies {
    let (a, b) = (&aligned.copies[i], &aligned.copies[j]);
    let claims = aligned.matched_claims(i, j);
    let links = aligned.matched_links(i, j);
    let counts = |first: usize, second: usize, matched: usize| Counts {
        first,
        second,
        matched,
        f1: stats::f1(matched, first, second),
    };
    PairOfCopies {
        first: i,
        second: j,
        claims: counts(a.claims.len(), b.claims.len(), claims),
        pairs: counts(a.links.len(), b.links.len(), links.len()),
        relations: Relations {
            matched_pairs: links.len(),
            same_relation: links.iter().filter(|(x, y)| x == y).count(),
            kappa: stats::cohen_kappa(&links),
        },
    }
}

/// A pair lined up across copies: its ends in each copy that marked them,
/// and each copy's relation (`None`: that copy has no such pair).
#[derive(Clone, Debug, PartialEq)]
pub struct PairUnit {
    /// Per copy, the claim and response ids, where that copy has both.
    pub ends: Vec<Option<(ClaimId, ClaimId)>>,
    pub relations: Vec<Option<Relation>>,
    /// Per copy, its link making the pair.
    pub links: Vec<Option<LinkId>>,
    /// The claim and response standing for each end's group: from the
    /// first copy that marked it (the same for every unit of the group).
    pub representative: ((usize, ClaimId), (usize, ClaimId)),
}

/// Every pair any copy made, lined up across copies: claims joined by
/// their matches (transitively), pairs by the groups of both ends.
pub fn pair_units_of(copies: &[&Project], overlap: f64) -> Vec<PairUnit> {
    pair_units(&Aligned::new(copies, overlap))
}

fn pair_units(aligned: &Aligned) -> Vec<PairUnit> {
    let groups = ClaimGroups::of(aligned);
    let n = aligned.copies.len();
    let mut units: BTreeMap<(usize, usize), PairUnit> = BTreeMap::new();
    for (copy, annotations) in aligned.copies.iter().enumerate() {
        for &(link, claim, response, relation) in &annotations.links {
            let key = (groups.group[copy][claim], groups.group[copy][response]);
            let unit = units.entry(key).or_insert_with(|| PairUnit {
                ends: vec![None; n],
                relations: vec![None; n],
                links: vec![None; n],
                representative: (groups.representative[&key.0], groups.representative[&key.1]),
            });
            if unit.relations[copy].is_none() {
                unit.relations[copy] = Some(relation);
                unit.links[copy] = Some(link);
                let ids = &annotations.claims;
                unit.ends[copy] = Some((ids[claim].0, ids[response].0));
            }
        }
    }
    // Copies that marked both claims but made no pair of them: their ends.
    for (&(claim, response), unit) in &mut units {
        for copy in 0..n {
            if unit.ends[copy].is_none() {
                let found = (
                    groups.first[copy].get(&claim),
                    groups.first[copy].get(&response),
                );
                if let (Some(&c), Some(&r)) = found {
                    unit.ends[copy] = Some((c, r));
                }
            }
        }
    }
    units.into_values().collect()
}

/// Claims of all copies joined into groups by their pairwise matches.
pub(crate) struct ClaimGroups {
    /// Per copy, per claim: its group.
    pub group: Vec<Vec<usize>>,
    /// Per copy: the first claim it has in each group.
    pub first: Vec<HashMap<usize, ClaimId>>,
    /// Per group: the first copy's claim in it.
    pub representative: BTreeMap<usize, (usize, ClaimId)>,
}

impl ClaimGroups {
    fn of(aligned: &Aligned) -> ClaimGroups {
        let mut offsets = Vec::with_capacity(aligned.copies.len());
        let mut total = 0;
        for copy in &aligned.copies {
            offsets.push(total);
            total += copy.claims.len();
        }
        let mut parent: Vec<usize> = (0..total).collect();
        for i in 0..aligned.copies.len() {
            for j in i + 1..aligned.copies.len() {
                for claim in 0..aligned.copies[i].claims.len() {
                    if let Some(partner) = aligned.partner(i, claim, j) {
                        union(&mut parent, offsets[i] + claim, offsets[j] + partner);
                    }
                }
            }
        }
        let mut group = Vec::new();
        let mut first = Vec::new();
        let mut representative = BTreeMap::new();
        for (copy, annotations) in aligned.copies.iter().enumerate() {
            let of_copy: Vec<usize> = (0..annotations.claims.len())
                .map(|c| find(&mut parent, offsets[copy] + c))
                .collect();
            let mut firsts = HashMap::new();
            for (c, &g) in of_copy.iter().enumerate() {
                let id = annotations.claims[c].0;
                firsts.entry(g).or_insert(id);
                representative.entry(g).or_insert((copy, id));
            }
            group.push(of_copy);
            first.push(firsts);
        }
        ClaimGroups {
            group,
            first,
            representative,
        }
    }
}

fn find(parent: &mut [usize], mut node: usize) -> usize {
    while parent[node] != node {
        parent[node] = parent[parent[node]];
        node = parent[node];
    }
    node
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

#[cfg(test)]
mod tests;
