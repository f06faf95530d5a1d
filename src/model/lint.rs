//! Doubtful but legal states of a project: warnings, not errors. A project
//! with warnings loads, saves and exports; `riposte check` lists them, and
//! commands mention those their change introduces.

use std::collections::BTreeMap;

use super::edit::Edit;
use super::ids::{ArticleId, ClaimId, LinkId};
use super::index::ProjectIndex;
use super::project::{Link, Project, Relation};

/// Claims listed by id in the "not linked" warning before "…".
const UNLINKED_SHOWN: usize = 10;

/// One doubtful thing in a project.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Warning {
    /// An article without a publication date: pairs with it have no "days
    /// between", and timelines cannot place it.
    Undated { article: ArticleId },
    /// The same span of an article is marked by several claims.
    SameSpan {
        article: ArticleId,
        start: usize,
        end: usize,
        claims: Vec<ClaimId>,
    },
    /// Several links join the same claim to the same response with the same
    /// relation (files written before such links were refused).
    DuplicateLinks {
        claim: ClaimId,
        response: ClaimId,
        relation: Relation,
        links: Vec<LinkId>,
    },
    /// One response both denies or refutes a claim and supports it.
    DeniesAndSupports {
        claim: ClaimId,
        response: ClaimId,
        links: Vec<(LinkId, Relation)>,
    },
    /// The same claim and response are paired more than once, with
    /// different relations.
    RepeatedPair {
        claim: ClaimId,
        response: ClaimId,
        links: Vec<(LinkId, Relation)>,
    },
    /// Claims that take part in no link (`count` of them; the first few).
    Unlinked { count: usize, first: Vec<ClaimId> },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::Undated { article } => write!(f, "article {article} has no publication date"),
            Warning::SameSpan {
                article,
                start,
                end,
                claims,
            } => write!(
                f,
                "claims {} mark the same span of article {article} (bytes {start}..{end})",
                join_ids(claims)
            ),
            Warning::DuplicateLinks {
                claim,
                response,
                relation,
                links,
            } => write!(
                f,
                "links {} are the same link: {claim} → {response} {relation}",
                join_ids(links)
            ),
            Warning::DeniesAndSupports {
                claim,
                response,
                links,
            } => write!(
                f,
                "claim {response} both answers and supports claim {claim} ({})",
                relations(links)
            ),
            Warning::RepeatedPair {
                claim,
                response,
                links,
            } => write!(
                f,
                "claim {claim} → {response} is paired {} times ({})",
                links.len(),
                relations(links)
            ),
            Warning::Unlinked { count, first } => {
                let more = if count > &first.len() { ", …" } else { "" };
                let noun = if *count == 1 {
                    "claim is"
                } else {
                    "claims are"
                };
                write!(
                    f,
                    "{count} {noun} not linked to any other claim: {}{more}",
                    join_ids(first)
                )
            }
        }
    }
}

impl Warning {
    /// True for warnings about one change (a span, a pair) rather than the
    /// state of the whole project: those a command mentions when its change
    /// introduces them.
    pub fn is_about_a_change(&self) -> bool {
        !matches!(self, Warning::Undated { .. } | Warning::Unlinked { .. })
    }
}

fn join_ids<T: std::fmt::Display>(ids: &[T]) -> String {
    let shown: Vec<String> = ids.iter().map(ToString::to_string).collect();
    match shown.as_slice() {
        [one, two] => format!("{one} and {two}"),
        _ => shown.join(", "),
    }
}

fn relations(links: &[(LinkId, Relation)]) -> String {
    let shown: Vec<String> = links.iter().map(|(id, r)| format!("{id} {r}")).collect();
    shown.join(", ")
}

/// Every warning for `project`, in a stable order.
pub fn lint(project: &Project) -> Vec<Warning> {
    let mut warnings: Vec<Warning> = project
        .articles
        .iter()
        .filter(|a| a.meta.published.is_none())
        .map(|a| Warning::Undated { article: a.id })
        .collect();
    warnings.extend(same_spans(project));
    warnings.extend(pair_warnings(project));
    warnings.extend(unlinked(project));
    warnings
}

/// Warnings of `after` that are about a change and were not in `before`.
pub fn introduced(before: &Project, after: &Project) -> Vec<Warning> {
    let old = lint(before);
    lint(after)
        .into_iter()
        .filter(|w| w.is_about_a_change() && !old.contains(w))
        .collect()
}

/// The warnings about the pairs that `links` belong to (a new link, or a
/// link whose relation changed), read through `index`: the cost follows the
/// links of those claims, not the size of the project, so the window can
/// ask after every edit.
pub fn pair_warnings_for(
    project: &Project,
    index: &ProjectIndex,
    links: &[LinkId],
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for link in links.iter().filter_map(|&id| project.link(id)) {
        let same_pair: Vec<&Link> = index
            .links_of(link.claim)
            .iter()
            .filter_map(|&id| project.link(id))
            .filter(|other| other.claim == link.claim && other.response == link.response)
            .collect();
        if same_pair.len() > 1 {
            warnings.extend(warnings_for_pair(link.claim, link.response, &same_pair));
        }
    }
    warnings.sort();
    warnings.dedup();
    warnings
}

/// The links `edit` adds or rewrites: those whose pair may turn doubtful.
pub fn links_written(edit: &Edit) -> Vec<LinkId> {
    match edit {
        Edit::Insert(bundle) => bundle.links.iter().map(|l| l.id).collect(),
        Edit::ReplaceLink(link) => vec![link.id],
        Edit::Batch(edits) => edits.iter().flat_map(links_written).collect(),
        _ => Vec::new(),
    }
}

fn same_spans(project: &Project) -> Vec<Warning> {
    let mut spans: BTreeMap<(ArticleId, usize, usize), Vec<ClaimId>> = BTreeMap::new();
    for claim in project.claims.iter().filter(|c| !c.is_orphan()) {
        let key = (claim.article, claim.anchor.start, claim.anchor.end);
        spans.entry(key).or_default().push(claim.id);
    }
    spans
        .into_iter()
        .filter(|(_, claims)| claims.len() > 1)
        .map(|((article, start, end), claims)| Warning::SameSpan {
            article,
            start,
            end,
            claims,
        })
        .collect()
}

fn pair_warnings(project: &Project) -> Vec<Warning> {
    let mut pairs: BTreeMap<(ClaimId, ClaimId), Vec<&Link>> = BTreeMap::new();
    for link in &project.links {
        pairs
            .entry((link.claim, link.response))
            .or_default()
            .push(link);
    }
    pairs
        .into_iter()
        .filter(|(_, links)| links.len() > 1)
        .flat_map(|((claim, response), links)| warnings_for_pair(claim, response, &links))
        .collect()
}

/// Warnings for one claim → response pair joined by several links: exact
/// duplicates, else contradicting relations, else a plain repeat.
fn warnings_for_pair(claim: ClaimId, response: ClaimId, links: &[&Link]) -> Vec<Warning> {
    let mut by_relation: BTreeMap<Relation, Vec<LinkId>> = BTreeMap::new();
    for link in links {
        by_relation
            .entry(link.info.relation)
            .or_default()
            .push(link.id);
    }
    let mut warnings: Vec<Warning> = by_relation
        .iter()
        .filter(|(_, ids)| ids.len() > 1)
        .map(|(&relation, ids)| Warning::DuplicateLinks {
            claim,
            response,
            relation,
            links: ids.clone(),
        })
        .collect();
    let listed: Vec<(LinkId, Relation)> = links.iter().map(|l| (l.id, l.info.relation)).collect();
    let against =
        by_relation.contains_key(&Relation::Denies) || by_relation.contains_key(&Relation::Refutes);
    if against && by_relation.contains_key(&Relation::Supports) {
        warnings.push(Warning::DeniesAndSupports {
            claim,
            response,
            links: listed,
        });
    } else if warnings.is_empty() {
        warnings.push(Warning::RepeatedPair {
            claim,
            response,
            links: listed,
        });
    }
    warnings
}

fn unlinked(project: &Project) -> Option<Warning> {
    let linked: std::collections::BTreeSet<ClaimId> = project
        .links
        .iter()
        .flat_map(|l| [l.claim, l.response])
        .collect();
    let lonely: Vec<ClaimId> = project
        .claims
        .iter()
        .map(|c| c.id)
        .filter(|id| !linked.contains(id))
        .collect();
    (!lonely.is_empty()).then(|| Warning::Unlinked {
        count: lonely.len(),
        first: lonely.into_iter().take(UNLINKED_SHOWN).collect(),
    })
}
