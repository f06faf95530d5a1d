//! Agreement and curation on copies built through edits, with counts worked
//! out by hand in the comments.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::DateTime;

use super::*;
use crate::model::Disagreement;
use crate::model::{
    Anchor, ArticleId, ClaimInfo, Edit, History, LinkInfo, Replica, Stamp, Status, apply,
};

const TEXT: &str = "One. The minister said the bridge was finished. The agency denied the report. \
The ministry later corrected the date. Critics called it a stunt. Əhali sevindi 😀. \
The mayor confirmed the opening. The opposition disputed the cost.";

fn stamp(who: &str) -> Stamp {
    Stamp {
        analyst: who.to_string(),
        at: DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
    }
}

fn base() -> Project {
    let mut project = Project::new("story");
    let article =
        crate::io::import::article_from_text(ArticleId::untagged(1), TEXT, "t.txt", &stamp("lead"));
    let bundle = crate::model::Bundle {
        articles: vec![article],
        ..Default::default()
    };
    apply(&mut project, Edit::Insert(Box::new(bundle))).unwrap();
    project
}

/// A copy of `base` where `who` (with its own id tag) marked `quotes` and
/// paired them: (claim index, response index, relation, status).
fn copy(who: &str, quotes: &[&str], pairs: &[(usize, usize, Relation, Status)]) -> Project {
    let mut project = base();
    let replica = Replica::parse(&format!("{who:0>6}")).unwrap_or(Replica::NONE);
    let mut ids = Vec::new();
    for quote in quotes {
        let text = project.articles[0].text.clone();
        let anchor = Anchor::from_quote(&text, quote, None).unwrap();
        let (edit, id) = Edit::add_claim(
            &project,
            ArticleId::untagged(1),
            anchor,
            ClaimInfo::default(),
            &stamp(who),
        );
        let Edit::Insert(mut bundle) = edit else {
            unreachable!()
        };
        let id = ClaimId::new(id.seq(), replica);
        bundle.claims[0].id = id;
        apply(&mut project, Edit::Insert(bundle)).unwrap();
        ids.push(id);
    }
    for &(claim, response, relation, status) in pairs {
        let info = LinkInfo {
            relation,
            status,
            note: String::new(),
        };
        let (edit, id) = Edit::add_link(&project, ids[claim], ids[response], info, &stamp(who));
        let Edit::Insert(mut bundle) = edit else {
            unreachable!()
        };
        bundle.links[0].id = LinkId::new(id.seq(), replica);
        apply(&mut project, Edit::Insert(bundle)).unwrap();
    }
    project
}

use Relation::{Denies, Refutes, Supports};
const DRAFT: Status = Status::Draft;

#[test]
fn identical_copies_agree_fully() {
    let quotes = [
        "the bridge was finished",
        "The agency denied the report",
        "The mayor confirmed the opening",
    ];
    let pairs = [(0, 1, Denies, DRAFT), (0, 2, Supports, DRAFT)];
    let a = copy("ana", &quotes, &pairs);
    let b = copy("bob", &quotes, &pairs);
    let c = copy("cem", &quotes, &pairs);
    let result = agreement(&[&a, &b, &c], DEFAULT_OVERLAP);
    assert_eq!(result.pairs_of_copies.len(), 3);
    for pair in &result.pairs_of_copies {
        assert_eq!(pair.claims.f1, Some(1.0));
        assert_eq!(pair.pairs.f1, Some(1.0));
        assert_eq!(pair.relations.kappa, Some(1.0));
    }
    assert_eq!(
        result.alpha,
        Some(Alpha {
            value: Some(1.0),
            units: 2
        })
    );
}

/// Ana and Bob mark four claims each; three overlap enough (the fourth of
/// each differs): claim F1 = 2·3 / (4 + 4) = 0.75. Ana pairs 0→1, 0→2, 3→1;
/// Bob pairs 0→1 and 0→2 (ends matched) and 3→2 (Bob's 3 matches nothing):
/// pair F1 = 2·2 / (3 + 3) = 0.667. Relations of the matched pairs: (Denies,
/// Denies), (Supports, Refutes): p_o = 1/2; Ana Denies 1, Supports 1; Bob
/// Denies 1, Refutes 1: p_e = 1/2·1/2 + 0 + 0 = 1/4; κ = (1/2 − 1/4) / (3/4)
/// = 1/3.
#[test]
fn partial_agreement_counts_as_worked_out() {
    let ana = copy(
        "ana",
        &[
            "the bridge was finished",
            "The agency denied the report",
            "The mayor confirmed the opening",
            "Critics called it a stunt",
        ],
        &[
            (0, 1, Denies, DRAFT),
            (0, 2, Supports, DRAFT),
            (3, 1, Refutes, DRAFT),
        ],
    );
    let bob = copy(
        "bob",
        // "said the bridge was finished" shares 23 of 28 characters with
        // Ana's first claim; "The agency denied" is 17 of 28 of her second.
        &[
            "said the bridge was finished",
            "The agency denied",
            "The mayor confirmed the opening",
            "The opposition disputed the cost",
        ],
        &[
            (0, 1, Denies, DRAFT),
            (0, 2, Refutes, DRAFT),
            (3, 2, Denies, DRAFT),
        ],
    );
    let result = agreement(&[&ana, &bob], DEFAULT_OVERLAP);
    assert_eq!(result.alpha, None, "α is for three or more copies");
    let pair = &result.pairs_of_copies[0];
    assert_eq!(
        (pair.claims.first, pair.claims.second, pair.claims.matched),
        (4, 4, 3)
    );
    assert_eq!(pair.claims.f1, Some(0.75));
    assert_eq!(
        (pair.pairs.first, pair.pairs.second, pair.pairs.matched),
        (3, 3, 2)
    );
    assert!((pair.pairs.f1.unwrap() - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(
        (pair.relations.matched_pairs, pair.relations.same_relation),
        (2, 1)
    );
    assert!((pair.relations.kappa.unwrap() - 1.0 / 3.0).abs() < 1e-12);
    // At a stricter overlap, "The agency denied" (17/28 = 0.61) no longer matches.
    let strict = agreement(&[&ana, &bob], 0.7);
    assert_eq!(strict.pairs_of_copies[0].claims.matched, 2);
    assert_eq!(strict.pairs_of_copies[0].pairs.matched, 1);
}

#[test]
fn rejected_pairs_count_as_no_pair() {
    let quotes = ["the bridge was finished", "The agency denied the report"];
    let a = copy("ana", &quotes, &[(0, 1, Denies, Status::Curated)]);
    let b = copy("bob", &quotes, &[(0, 1, Denies, Status::Rejected)]);
    let pair = &agreement(&[&a, &b], DEFAULT_OVERLAP).pairs_of_copies[0];
    assert_eq!(
        (pair.pairs.first, pair.pairs.second, pair.pairs.matched),
        (1, 0, 0)
    );
}

/// Three copies, relations on two pair units: unit 1 (0→1) Denies, Denies,
/// Refutes; unit 2 (0→2) Supports by Ana and Bob, missing for Cem. Pairable
/// values: 5, coincidences: o(D,D) = 2·1/2 = 1, o(D,R) = o(R,D) = 2·1/2 = 1,
/// o(S,S) = 2; n_D = 2, n_R = 1, n_S = 2, n = 5. α = 1 − (n − 1)·Σo_ck(c≠k)
/// / Σn_c·n_k(c≠k) = 1 − 4·2 / (25 − 4 − 1 − 4) = 1 − 8/16 = 0.5.
#[test]
fn alpha_over_three_copies_as_worked_out() {
    let quotes = [
        "the bridge was finished",
        "The agency denied the report",
        "The mayor confirmed the opening",
    ];
    let a = copy(
        "ana",
        &quotes,
        &[(0, 1, Denies, DRAFT), (0, 2, Supports, DRAFT)],
    );
    let b = copy(
        "bob",
        &quotes,
        &[(0, 1, Denies, DRAFT), (0, 2, Supports, DRAFT)],
    );
    let c = copy("cem", &quotes, &[(0, 1, Refutes, DRAFT)]);
    let alpha = agreement(&[&a, &b, &c], DEFAULT_OVERLAP).alpha.unwrap();
    assert_eq!(alpha.units, 2);
    assert!((alpha.value.unwrap() - 0.5).abs() < 1e-12, "{alpha:?}");
}

#[test]
fn curation_accepts_what_all_agree_on_and_lists_the_rest() {
    let quotes = [
        "the bridge was finished",
        "The agency denied the report",
        "The mayor confirmed the opening",
        "Critics called it a stunt",
    ];
    let a = copy(
        "ana",
        &quotes,
        &[
            (0, 1, Denies, DRAFT),
            (0, 2, Supports, DRAFT),
            (0, 3, Refutes, DRAFT),
        ],
    );
    let b = copy(
        "bob",
        &quotes,
        &[(0, 1, Denies, DRAFT), (0, 2, Refutes, DRAFT)],
    );
    let curated = curate(
        &[("ana.ron".to_string(), &a), ("bob.ron".to_string(), &b)],
        DEFAULT_OVERLAP,
    );
    let project = &curated.project;
    assert_eq!(curated.accepted, 1);
    assert_eq!(project.links.len(), 1);
    assert_eq!(project.links[0].info.relation, Denies);
    assert_eq!(project.links[0].info.status, Status::Curated);
    assert_eq!(
        project.claims.len(),
        4,
        "one claim per group, from the first copy"
    );
    fn choices(d: &Disagreement) -> Vec<(&str, Option<Relation>)> {
        d.choices
            .iter()
            .map(|c| (c.copy.as_str(), c.relation))
            .collect()
    }
    assert_eq!(project.disagreements.len(), 2);
    assert_eq!(
        choices(&project.disagreements[0]),
        [("ana.ron", Some(Supports)), ("bob.ron", Some(Refutes))]
    );
    assert_eq!(
        choices(&project.disagreements[1]),
        [("ana.ron", Some(Refutes)), ("bob.ron", None)]
    );
    assert_eq!(project.disagreements[0].choices[0].analyst, "ana");
    assert!(project.problems().is_empty(), "{:?}", project.problems());

    // Deciding is one undoable step.
    let mut decided = project.clone();
    let mut history = History::new();
    let edit = decide_disagreement(&decided, 0, Some(Refutes), &stamp("lead")).unwrap();
    history.apply(&mut decided, edit).unwrap();
    assert_eq!(decided.links.len(), 2);
    assert_eq!(decided.links[1].info.relation, Refutes);
    assert_eq!(decided.links[1].info.status, Status::Curated);
    assert_eq!(decided.disagreements.len(), 1);
    let edit = decide_disagreement(&decided, 0, None, &stamp("lead")).unwrap();
    history.apply(&mut decided, edit).unwrap();
    assert_eq!((decided.links.len(), decided.disagreements.len()), (2, 0));
    history.undo(&mut decided).unwrap();
    history.undo(&mut decided).unwrap();
    // Back where it was, but for the link counter: ids are never reused.
    assert!(decided.next_ids.link > project.next_ids.link);
    decided.next_ids = project.next_ids.clone();
    assert_eq!(&decided, project);
    assert!(decide_disagreement(project, 5, None, &stamp("lead")).is_err());
}

#[test]
fn decisions_survive_the_file_format() {
    let quotes = ["the bridge was finished", "The agency denied the report"];
    let a = copy("ana", &quotes, &[(0, 1, Denies, DRAFT)]);
    let b = copy("bob", &quotes, &[(0, 1, Supports, DRAFT)]);
    let project = curate(
        &[("a".to_string(), &a), ("b".to_string(), &b)],
        DEFAULT_OVERLAP,
    )
    .project;
    let text = crate::io::to_ron_string(&project).unwrap();
    assert!(text.contains("disagreements: ["), "{text}");
    let loaded = crate::io::load_str(&text, "curated.ron").unwrap();
    assert_eq!(loaded.project, project);
}
