//! Properties of the three-way merge, on copies changed by random sequences
//! of edits (each copy with its own id tag, as separate analysts' sessions):
//! - merge(base, x, base) = x and merge(base, base, x) = x;
//! - merge(base, x, y) and merge(base, y, x) hold the same records;
//! - a merge never drops a record that either side added (a pair both
//!   made alike becomes one link: the model refuses duplicate links);
//! - the result always has no problems and survives the file format.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use proptest::prelude::*;
use riposte::model::{
    Anchor, ArticleId, ClaimInfo, Edit, LinkInfo, Project, RecordId, RecordIds, Relation, Replica,
    Status, apply, edit_article_text, merge,
};
use std::collections::BTreeSet;

const TEXTS: [&str; 2] = [
    "The minister said the bridge was finished. The agency denied the report. Sözçü: hər şey qaydasındadır 😀. Later the ministry corrected itself.",
    "A week later the bridge opened to traffic. Критики молчали. Ամեն ինչ կարգին է. The agency repeated its denial on Friday.",
];

/// One change an analyst makes to a copy. Indices pick among the records
/// present when the change is made (modulo their number).
#[derive(Clone, Debug)]
enum Op {
    Mark {
        article: usize,
        word: usize,
        words: usize,
    },
    Link {
        claim: usize,
        response: usize,
        relation: usize,
    },
    DeleteClaim(usize),
    DeleteLink(usize),
    Speaker {
        claim: usize,
        text: String,
    },
    Note {
        claim: usize,
        text: String,
    },
    Status {
        link: usize,
        status: usize,
    },
    EditText {
        article: usize,
        prefix: String,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let text = "[a-zəşğı ]{0,8}";
    prop_oneof![
        3 => (0..2usize, 0..40usize, 1..4usize).prop_map(|(article, word, words)| Op::Mark { article, word, words }),
        3 => (0..50usize, 0..50usize, 0..6usize).prop_map(|(claim, response, relation)| Op::Link { claim, response, relation }),
        1 => (0..50usize).prop_map(Op::DeleteClaim),
        1 => (0..50usize).prop_map(Op::DeleteLink),
        2 => (0..50usize, text).prop_map(|(claim, text)| Op::Speaker { claim, text }),
        2 => (0..50usize, text).prop_map(|(claim, text)| Op::Note { claim, text }),
        2 => (0..50usize, 0..3usize).prop_map(|(link, status)| Op::Status { link, status }),
        1 => (0..2usize, "[A-Z][a-z]{0,6}\\. ").prop_map(|(article, prefix)| Op::EditText { article, prefix }),
    ]
}

fn base() -> Project {
    let mut project = common::project_with_texts(&TEXTS);
    for op in [
        Op::Mark {
            article: 0,
            word: 1,
            words: 3,
        },
        Op::Mark {
            article: 1,
            word: 4,
            words: 2,
        },
        Op::Link {
            claim: 0,
            response: 1,
            relation: 0,
        },
    ] {
        run(&mut project, &op, Replica::NONE);
    }
    project
}

/// The id with `replica`'s tag, as a session with that tag would take it.
fn retag<I: RecordId>(id: I, replica: Replica) -> I {
    I::new(id.seq(), replica)
}

/// Applies `op` if it makes sense on `project` (else nothing changes).
fn run(project: &mut Project, op: &Op, replica: Replica) {
    let stamp = common::stamp();
    let edit = match op {
        Op::Mark {
            article,
            word,
            words,
        } => mark(project, *article, *word, *words, replica),
        Op::Link {
            claim,
            response,
            relation,
        } => {
            let n = project.claims.len();
            if n < 2 {
                return;
            }
            let (claim, response) = (
                project.claims[claim % n].id,
                project.claims[response % n].id,
            );
            let info = LinkInfo {
                relation: Relation::ALL[relation % 6],
                status: Status::Draft,
                note: String::new(),
            };
            let (edit, _) = Edit::add_link(project, claim, response, info, &stamp);
            let Edit::Insert(mut bundle) = edit else {
                return;
            };
            bundle.links[0].id = retag(bundle.links[0].id, replica);
            Some(Edit::Insert(bundle))
        }
        Op::DeleteClaim(i) => pick(&project.claims, *i).map(|c| {
            Edit::Delete(RecordIds {
                claims: vec![c.id],
                ..RecordIds::default()
            })
        }),
        Op::DeleteLink(i) => pick(&project.links, *i).map(|l| {
            Edit::Delete(RecordIds {
                links: vec![l.id],
                ..RecordIds::default()
            })
        }),
        Op::Speaker { claim, text } => pick(&project.claims, *claim).map(|c| {
            let mut changed = (**c).clone();
            changed.info.speaker = text.clone();
            Edit::ReplaceClaim(Box::new(changed))
        }),
        Op::Note { claim, text } => pick(&project.claims, *claim).map(|c| {
            let mut changed = (**c).clone();
            changed.info.note = text.clone();
            Edit::ReplaceClaim(Box::new(changed))
        }),
        Op::Status { link, status } => pick(&project.links, *link).map(|l| {
            let mut changed = (**l).clone();
            changed.info.status = Status::ALL[status % 3];
            Edit::ReplaceLink(Box::new(changed))
        }),
        Op::EditText { article, prefix } => {
            let id = project.articles[article % project.articles.len()].id;
            let text = format!("{prefix}{}", project.article(id).unwrap().text);
            edit_article_text(project, id, &text, &stamp)
                .ok()
                .map(|(edit, _)| edit)
        }
    };
    if let Some(edit) = edit {
        // Refused edits (a self-link, a duplicate) leave the copy as it was.
        let _ = apply(project, edit);
    }
}

fn pick<T>(items: &[T], i: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[i % items.len()])
}

fn mark(
    project: &Project,
    article: usize,
    word: usize,
    words: usize,
    replica: Replica,
) -> Option<Edit> {
    let article = &project.articles[article % project.articles.len()];
    let text = &article.text;
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices(' ').map(|(i, _)| i + 1))
        .collect();
    let start = starts[word % starts.len()];
    let end = starts
        .get(word % starts.len() + words)
        .map_or(text.len(), |&next| next - 1);
    let anchor = Anchor::from_range(text, start, end).ok()?;
    let (edit, _) = Edit::add_claim(
        project,
        article.id,
        anchor,
        ClaimInfo::default(),
        &common::stamp(),
    );
    let Edit::Insert(mut bundle) = edit else {
        return None;
    };
    bundle.claims[0].id = retag(bundle.claims[0].id, replica);
    Some(Edit::Insert(bundle))
}

fn copy(base: &Project, ops: &[Op], replica: &str) -> Project {
    let mut project = base.clone();
    let replica = Replica::parse(replica).unwrap();
    for op in ops {
        run(&mut project, op, replica);
    }
    project
}

type Ids = (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>);

fn ids(project: &Project) -> Ids {
    (
        project.articles.iter().map(|a| a.id.to_string()).collect(),
        project.claims.iter().map(|c| c.id.to_string()).collect(),
        project.links.iter().map(|l| l.id.to_string()).collect(),
    )
}

fn added(base: &Project, copy: &Project) -> Vec<String> {
    let (ba, bc, bl) = ids(base);
    let (ca, cc, cl) = ids(copy);
    ca.difference(&ba)
        .chain(cc.difference(&bc))
        .chain(cl.difference(&bl))
        .cloned()
        .collect()
}

fn assert_sound(project: &Project) -> Result<(), TestCaseError> {
    prop_assert!(project.problems().is_empty(), "{:?}", project.problems());
    let text = riposte::io::to_ron_string(project).unwrap();
    let loaded = riposte::io::load_str(&text, "merged.ron").unwrap();
    prop_assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    prop_assert_eq!(&loaded.project, project);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn merging_with_an_unchanged_side_gives_the_changed_side(ops in prop::collection::vec(op(), 0..12)) {
        let base = base();
        let x = copy(&base, &ops, "aaaaaa");
        let merged = merge(&base, &x, &base);
        prop_assert!(merged.conflicts.is_empty());
        prop_assert_eq!(&merged.project, &x);
        prop_assert_eq!(&merge(&base, &base, &x).project, &x);
    }

    /// The window applies a merge as the edit between the open project and
    /// the result: applying it gives the result; undoing it, the original.
    #[test]
    fn the_edit_between_two_projects_gets_from_one_to_the_other(
        ours_ops in prop::collection::vec(op(), 0..12),
        theirs_ops in prop::collection::vec(op(), 0..12),
    ) {
        let base = base();
        let x = copy(&base, &ours_ops, "aaaaaa");
        let y = copy(&base, &theirs_ops, "bbbbbb");
        for merged in [
            riposte::model::merge_without_base(&x, &y).project,
            merge(&base, &x, &y).project,
        ] {
            let mut project = x.clone();
            if let Some(edit) = riposte::model::edit_between(&x, &merged) {
                let inverse = apply(&mut project, edit).unwrap();
                project.next_ids = merged.next_ids.clone();
                prop_assert_eq!(&project, &merged);
                apply(&mut project, inverse).unwrap();
                project.next_ids = x.next_ids.clone();
            }
            prop_assert_eq!(&project, &x);
        }
    }

    #[test]
    fn merges_are_symmetric_keep_every_addition_and_stay_sound(
        ours_ops in prop::collection::vec(op(), 0..12),
        theirs_ops in prop::collection::vec(op(), 0..12),
    ) {
        let base = base();
        let x = copy(&base, &ours_ops, "aaaaaa");
        let y = copy(&base, &theirs_ops, "bbbbbb");
        let xy = merge(&base, &x, &y).project;
        let yx = merge(&base, &y, &x).project;
        prop_assert_eq!(ids(&xy), ids(&yx));
        let (a, c, l) = ids(&xy);
        let all: BTreeSet<String> = a.into_iter().chain(c).chain(l).collect();
        for id in added(&base, &x).into_iter().chain(added(&base, &y)) {
            // A pair both made alike is one link (duplicates are refused).
            let same_pair = |copy: &Project| {
                let link = copy.links.iter().find(|l| l.id.to_string() == id)?;
                let pair = (link.claim, link.response, link.info.relation);
                xy.links.iter().find(|l| (l.claim, l.response, l.info.relation) == pair)
            };
            let folded = same_pair(&x).or_else(|| same_pair(&y)).is_some();
            prop_assert!(all.contains(&id) || folded, "{} was added and dropped", id);
        }
        assert_sound(&xy)?;
        assert_sound(&yx)?;
    }
}

#[test]
fn the_base_is_sound_and_copies_diverge() {
    let base = base();
    assert!(base.problems().is_empty());
    let ops = [
        Op::Mark {
            article: 0,
            word: 5,
            words: 2,
        },
        Op::Mark {
            article: 1,
            word: 2,
            words: 1,
        },
        Op::Link {
            claim: 2,
            response: 3,
            relation: 1,
        },
    ];
    let x = copy(&base, &ops, "aaaaaa");
    let y = copy(&base, &ops, "bbbbbb");
    assert_eq!(added(&base, &x).len(), 3, "the ops apply");
    let merged = merge(&base, &x, &y).project;
    assert_eq!(
        merged.claims.len(),
        2 + 2 + 2,
        "the same marks, twice, by two analysts"
    );
    assert_eq!(merged.links.len(), 1 + 1 + 1);
    assert!(merged.article(ArticleId::untagged(1)).is_some());
}
