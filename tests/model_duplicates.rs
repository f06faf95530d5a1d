//! Duplicate links are refused; doubtful records (the same span marked
//! twice, a response that both denies and supports a claim, undated
//! articles, claims never linked) are reported by `model::lint`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{project_with_texts, stamp};
use riposte::model::{
    ArticleId, ClaimId, ClaimInfo, Edit, History, LinkId, LinkInfo, Project, RecordIds, Relation,
    Status, apply, match_quote,
};

const CLAIM_TEXT: &str = "Ambassador said the EU funds the opposition. Əsas xəbər 😀.";
const RESPONSE_TEXT: &str = "The mission categorically denied this as false. It supports nothing.";

fn info(relation: Relation) -> LinkInfo {
    LinkInfo {
        relation,
        status: Status::Draft,
        note: String::new(),
    }
}

fn article(project: &Project, index: usize) -> ArticleId {
    project.articles[index].id
}

fn mark(project: &mut Project, history: &mut History, index: usize, quote: &str) -> ClaimId {
    let article = article(project, index);
    let text = &project.article(article).unwrap().text;
    let anchor = match_quote(text, quote, None).unwrap().anchor;
    let (edit, id) = Edit::add_claim(project, article, anchor, ClaimInfo::default(), &stamp());
    history.apply(project, edit).unwrap();
    id
}

fn link(
    project: &mut Project,
    history: &mut History,
    ends: (ClaimId, ClaimId),
    relation: Relation,
) -> Result<LinkId, String> {
    let (edit, id) = Edit::add_link(project, ends.0, ends.1, info(relation), &stamp());
    history
        .apply(project, edit)
        .map(|()| id)
        .map_err(|e| e.to_string())
}

/// Two articles, a claim in the first and a response in the second.
fn claim_and_response() -> (Project, History, ClaimId, ClaimId) {
    let mut project = project_with_texts(&[CLAIM_TEXT, RESPONSE_TEXT]);
    let mut history = History::new();
    let claim = mark(&mut project, &mut history, 0, "the EU funds the opposition");
    let response = mark(&mut project, &mut history, 1, "categorically denied this");
    (project, history, claim, response)
}

#[test]
fn an_exact_duplicate_link_is_refused_with_a_clear_message() {
    let (mut project, mut history, claim, response) = claim_and_response();
    let first = link(
        &mut project,
        &mut history,
        (claim, response),
        Relation::Denies,
    )
    .unwrap();
    let before = project.clone();
    let error = link(
        &mut project,
        &mut history,
        (claim, response),
        Relation::Denies,
    )
    .unwrap_err();
    assert_eq!(
        error,
        format!("claim {claim} is already linked to claim {response} as Denies (link {first})")
    );
    assert_eq!(project, before, "a refused edit changes nothing");
    // Another relation, or the other direction, is a different link.
    link(
        &mut project,
        &mut history,
        (claim, response),
        Relation::Refutes,
    )
    .unwrap();
    link(
        &mut project,
        &mut history,
        (response, claim),
        Relation::Denies,
    )
    .unwrap();
}

#[test]
fn changing_a_link_into_a_duplicate_is_refused() {
    let (mut project, mut history, claim, response) = claim_and_response();
    let first = link(
        &mut project,
        &mut history,
        (claim, response),
        Relation::Denies,
    )
    .unwrap();
    let second = link(
        &mut project,
        &mut history,
        (claim, response),
        Relation::Refutes,
    )
    .unwrap();
    let mut changed = project.link(second).unwrap().clone();
    changed.info.relation = Relation::Denies;
    let error = apply(&mut project, Edit::ReplaceLink(Box::new(changed))).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("claim {claim} is already linked to claim {response} as Denies (link {first})")
    );
    // Changing a link's own status or note is not a duplicate of itself.
    let mut curated = project.link(first).unwrap().clone();
    curated.info.status = Status::Curated;
    apply(&mut project, Edit::ReplaceLink(Box::new(curated))).unwrap();
}

/// Files written before the refusal may hold duplicates: deleting a claim
/// that has them must still be undoable.
#[test]
fn a_claim_with_duplicate_links_from_an_old_file_can_be_deleted_and_restored() {
    let (mut project, mut history, claim, response) = claim_and_response();
    let first = link(
        &mut project,
        &mut history,
        (claim, response),
        Relation::Denies,
    )
    .unwrap();
    let mut copy = project.link(first).unwrap().clone();
    let (_, spare) = Edit::add_link(&project, claim, response, info(Relation::Denies), &stamp());
    copy.id = spare;
    project.next_ids.link += 1;
    project.links.push(std::sync::Arc::new(copy));
    let before = project.clone();
    let selection = RecordIds {
        claims: vec![claim],
        ..RecordIds::default()
    };
    history
        .apply(&mut project, Edit::Delete(selection))
        .unwrap();
    assert!(project.links.is_empty());
    history.undo(&mut project).unwrap();
    assert_eq!(project, before);
}

fn warnings(project: &Project) -> Vec<String> {
    riposte::model::lint(project)
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn lint_reports_same_spans_contradictions_repeats_undated_and_unlinked() {
    let (mut project, mut history, claim, response) = claim_and_response();
    let twin = mark(&mut project, &mut history, 0, "the EU funds the opposition");
    let lonely = mark(&mut project, &mut history, 0, "Əsas xəbər 😀");
    let undated: Vec<ArticleId> = project.articles.iter().map(|a| a.id).collect();
    let before = project.clone();
    let denial = link(
        &mut project,
        &mut history,
        (claim, response),
        Relation::Denies,
    )
    .unwrap();
    let support = link(
        &mut project,
        &mut history,
        (claim, response),
        Relation::Supports,
    )
    .unwrap();
    let refutes = link(
        &mut project,
        &mut history,
        (twin, response),
        Relation::Refutes,
    )
    .unwrap();
    let corrects = link(
        &mut project,
        &mut history,
        (twin, response),
        Relation::Corrects,
    )
    .unwrap();
    let span = project.claim(claim).unwrap().anchor.range();
    assert_eq!(
        warnings(&project),
        [
            format!("article {} has no publication date", undated[0]),
            format!("article {} has no publication date", undated[1]),
            format!(
                "claims {claim} and {twin} mark the same span of article {} (bytes {}..{})",
                undated[0], span.start, span.end
            ),
            format!(
                "claim {response} both answers and supports claim {claim} ({denial} Denies, {support} Supports)"
            ),
            format!(
                "claim {twin} → {response} is paired 2 times ({refutes} Refutes, {corrects} Corrects)"
            ),
            format!("1 claim is not linked to any other claim: {lonely}"),
        ]
    );
    let new: Vec<String> = riposte::model::introduced(&before, &project)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(new.len(), 2, "{new:?}");
    assert!(new[0].contains("both answers and supports"), "{new:?}");
}

#[test]
fn lint_reports_duplicate_links_left_by_old_files() {
    let (mut project, mut history, claim, response) = claim_and_response();
    let first = link(
        &mut project,
        &mut history,
        (claim, response),
        Relation::Denies,
    )
    .unwrap();
    let mut copy = project.link(first).unwrap().clone();
    let (_, spare) = Edit::add_link(&project, claim, response, info(Relation::Denies), &stamp());
    copy.id = spare;
    project.next_ids.link += 1;
    project.links.push(std::sync::Arc::new(copy));
    let found = warnings(&project);
    assert!(
        found.contains(&format!(
            "links {first} and {spare} are the same link: {claim} → {response} Denies"
        )),
        "{found:?}"
    );
    assert!(!found.iter().any(|w| w.contains("paired")), "{found:?}");
}

#[test]
fn set_constructors_change_info_and_keep_the_author() {
    let (mut project, mut history, claim, response) = claim_and_response();
    let id = link(
        &mut project,
        &mut history,
        (claim, response),
        Relation::Denies,
    )
    .unwrap();
    let later = riposte::model::Stamp {
        analyst: "someone else".to_string(),
        at: stamp().at + chrono::Duration::hours(1),
    };
    let mut curated = info(Relation::Refutes);
    curated.status = Status::Curated;
    let edit = Edit::set_link_info(&project, id, curated.clone(), &later).unwrap();
    history.apply(&mut project, edit).unwrap();
    let changed = project.link(id).unwrap();
    assert_eq!(changed.info, curated);
    assert_eq!(
        (changed.analyst.as_str(), changed.modified),
        ("tester", later.at)
    );

    let claim_info = ClaimInfo {
        speaker: "EU Mission".to_string(),
        tags: vec!["funding".to_string()],
        ..ClaimInfo::default()
    };
    let edit = Edit::set_claim_info(&project, claim, claim_info.clone(), &later).unwrap();
    history.apply(&mut project, edit).unwrap();
    assert_eq!(project.claim(claim).unwrap().info, claim_info);
    assert_eq!(project.claim(claim).unwrap().analyst, "tester");
    let missing = Edit::set_link_info(&project, "l99".parse::<LinkId>().unwrap(), curated, &later);
    assert!(missing.is_err());
}
