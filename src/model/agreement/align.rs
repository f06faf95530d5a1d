//! Lining up copies of a project annotated independently: the same article
//! (by its text), the same claim (by span overlap), the same pair (by both
//! ends), across every copy.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::model::{ArticleId, Claim, ClaimId, LinkId, Project, Relation, Status};

/// A claim as comparable across copies: its article (an index into the
/// texts of all copies) and its range in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub article: usize,
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// Characters both spans cover over characters either covers.
    pub fn overlap(self, other: Span) -> f64 {
        if self.article != other.article {
            return 0.0;
        }
        let shared = self
            .end
            .min(other.end)
            .saturating_sub(self.start.max(other.start));
        let union = (self.end - self.start) + (other.end - other.start) - shared;
        if union == 0 {
            0.0
        } else {
            shared as f64 / union as f64
        }
    }
}

/// One copy's claims and pairs, in comparable form.
pub(crate) struct Annotations {
    /// Anchored claims (orphans have no span and take no part).
    pub claims: Vec<(ClaimId, Span)>,
    /// Pairs that are not rejected: the link, (claim index, response
    /// index) into `claims`, and the relation.
    pub links: Vec<(LinkId, usize, usize, Relation)>,
}

/// Every copy's annotations, articles keyed by their text.
pub(crate) struct Aligned {
    pub copies: Vec<Annotations>,
    /// Per ordered pair of copies (i, j): for each claim of i, the claim of
    /// j it matches, if any (one to one, the same both ways).
    matches: BTreeMap<(usize, usize), Vec<Option<usize>>>,
}

impl Aligned {
    pub fn new(projects: &[&Project], threshold: f64) -> Aligned {
        let mut texts = Texts::default();
        let copies: Vec<Annotations> = projects
            .iter()
            .map(|project| annotations(project, &mut texts))
            .collect();
        let mut matches = BTreeMap::new();
        for i in 0..copies.len() {
            for j in i + 1..copies.len() {
                let forward = match_claims(&copies[i], &copies[j], threshold);
                let mut backward = vec![None; copies[j].claims.len()];
                for (claim, partner) in forward.iter().enumerate() {
                    if let Some(partner) = partner {
                        backward[*partner] = Some(claim);
                    }
                }
                matches.insert((i, j), forward);
                matches.insert((j, i), backward);
            }
        }
        Aligned { copies, matches }
    }

    /// The claim of copy `j` that claim `claim` of copy `i` matches.
    pub fn partner(&self, i: usize, claim: usize, j: usize) -> Option<usize> {
        self.matches.get(&(i, j))?.get(claim).copied().flatten()
    }

    /// Matched claims between copies i and j.
    pub fn matched_claims(&self, i: usize, j: usize) -> usize {
        self.matches
            .get(&(i, j))
            .map_or(0, |m| m.iter().flatten().count())
    }

    /// Pairs of copy i matched in copy j (both ends match), with both
    /// relations; one to one.
    pub fn matched_links(&self, i: usize, j: usize) -> Vec<(Relation, Relation)> {
        // j's pairs by their ends, each usable once.
        let mut of_j: HashMap<(usize, usize), Vec<Relation>> = HashMap::new();
        for &(_, claim, response, relation) in self.copies[j].links.iter().rev() {
            of_j.entry((claim, response)).or_default().push(relation);
        }
        let mut found = Vec::new();
        for &(_, claim, response, relation) in &self.copies[i].links {
            let ends = (self.partner(i, claim, j), self.partner(i, response, j));
            let (Some(c), Some(r)) = ends else { continue };
            if let Some(theirs) = of_j.get_mut(&(c, r)).and_then(Vec::pop) {
                found.push((relation, theirs));
            }
        }
        found
    }
}

fn annotations(project: &Project, texts: &mut Texts) -> Annotations {
    let keys: HashMap<ArticleId, usize> = project
        .articles
        .iter()
        .map(|article| (article.id, texts.key(&article.content_hash, &article.text)))
        .collect();
    let anchored: Vec<&Claim> = project
        .claims
        .iter()
        .map(|c| &**c)
        .filter(|c| !c.is_orphan())
        .collect();
    let chars = char_offsets(project, &anchored);
    let mut index: HashMap<ClaimId, usize> = HashMap::new();
    let mut claims = Vec::new();
    for claim in anchored {
        let Some(&article) = keys.get(&claim.article) else {
            continue;
        };
        let at = |byte| chars.get(&(claim.article, byte)).copied().unwrap_or(0);
        let span = Span {
            article,
            start: at(claim.anchor.start),
            end: at(claim.anchor.end),
        };
        index.insert(claim.id, claims.len());
        claims.push((claim.id, span));
    }
    let links = project
        .links
        .iter()
        .filter(|l| l.info.status != Status::Rejected)
        .filter_map(|l| {
            let ends = (*index.get(&l.claim)?, *index.get(&l.response)?);
            Some((l.id, ends.0, ends.1, l.info.relation))
        })
        .collect();
    Annotations { claims, links }
}

/// The articles of all copies, one number per distinct text. Looked up by
/// content hash, confirmed by comparing the texts (hashing whole texts
/// again would cost more than the rest of the comparison).
#[derive(Default)]
pub(crate) struct Texts {
    by_hash: HashMap<String, Vec<(Arc<str>, usize)>>,
    count: usize,
}

impl Texts {
    fn key(&mut self, hash: &str, text: &Arc<str>) -> usize {
        let same = self.by_hash.entry(hash.to_string()).or_default();
        if let Some((_, key)) = same.iter().find(|(seen, _)| seen == text) {
            return *key;
        }
        self.count += 1;
        same.push((Arc::clone(text), self.count - 1));
        self.count - 1
    }
}

/// The character index of every claim boundary (article, byte offset), in
/// one walk over each article's text rather than one per boundary.
fn char_offsets(project: &Project, claims: &[&Claim]) -> HashMap<(ArticleId, usize), usize> {
    let mut wanted: BTreeMap<ArticleId, Vec<usize>> = BTreeMap::new();
    for claim in claims {
        let offsets = wanted.entry(claim.article).or_default();
        offsets.extend([claim.anchor.start, claim.anchor.end]);
    }
    let mut found = HashMap::new();
    for (id, mut offsets) in wanted {
        let Some(article) = project.article(id) else {
            continue;
        };
        offsets.sort_unstable();
        offsets.dedup();
        // Characters counted between consecutive boundaries: one pass over
        // the text, with std's fast counting.
        let (mut previous, mut index) = (0, 0);
        for byte in offsets {
            let Some(between) = article.text.get(previous..byte) else {
                continue;
            };
            index += between.chars().count();
            previous = byte;
            found.insert((id, byte), index);
        }
    }
    found
}

/// One-to-one matching of a's claims to b's: candidate pairs overlapping
/// by at least `threshold`, taken greedily from the largest overlap (ties
/// by position), as annotation-agreement tools commonly do.
fn match_claims(a: &Annotations, b: &Annotations, threshold: f64) -> Vec<Option<usize>> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    let nearby = Nearby::of(b);
    for (i, (_, x)) in a.claims.iter().enumerate() {
        for j in nearby.overlapping(*x) {
            let share = x.overlap(b.claims[j].1);
            if share >= threshold && share > 0.0 {
                candidates.push((share, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut of_a = vec![None; a.claims.len()];
    let mut b_taken = vec![false; b.claims.len()];
    for (_, i, j) in candidates {
        if of_a[i].is_none() && !b_taken[j] {
            of_a[i] = Some(j);
            b_taken[j] = true;
        }
    }
    of_a
}

/// b's claims per article, sorted by start, to find those that can overlap
/// a span without comparing every pair.
struct Nearby {
    /// Per article: (start, claim index), sorted; and the longest span.
    by_article: HashMap<usize, (Vec<(usize, usize)>, usize)>,
}

impl Nearby {
    fn of(copy: &Annotations) -> Nearby {
        let mut by_article: HashMap<usize, (Vec<(usize, usize)>, usize)> = HashMap::new();
        for (index, (_, span)) in copy.claims.iter().enumerate() {
            let entry = by_article.entry(span.article).or_default();
            entry.0.push((span.start, index));
            entry.1 = entry.1.max(span.end - span.start);
        }
        for (starts, _) in by_article.values_mut() {
            starts.sort_unstable();
        }
        Nearby { by_article }
    }

    /// Claims starting after `span.start − longest` and before its end:
    /// every claim that shares a character with it is among them.
    fn overlapping(&self, span: Span) -> impl Iterator<Item = usize> + '_ {
        let (starts, longest) = self
            .by_article
            .get(&span.article)
            .map_or((&[][..], 0), |(s, l)| (s.as_slice(), *l));
        let from = starts.partition_point(|&(start, _)| start + longest < span.start);
        let to = starts.partition_point(|&(start, _)| start < span.end);
        starts[from..to.max(from)].iter().map(|&(_, index)| index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize) -> Span {
        Span {
            article: 0,
            start,
            end,
        }
    }

    #[test]
    fn overlap_is_shared_over_covered_characters() {
        assert_eq!(span(0, 10).overlap(span(0, 10)), 1.0);
        assert_eq!(span(0, 10).overlap(span(5, 15)), 5.0 / 15.0);
        assert_eq!(span(0, 10).overlap(span(10, 20)), 0.0);
        assert_eq!(
            span(0, 4).overlap(Span {
                article: 1,
                start: 0,
                end: 4
            }),
            0.0
        );
    }
}
