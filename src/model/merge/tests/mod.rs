//! The merge rules one by one, on small projects built through edits. Each
//! analyst's copy gets its own id tag, as separate processes would.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::DateTime;

use super::*;
use crate::model::{
    Anchor, ArticleId, ClaimId, ClaimInfo, Edit, LinkId, LinkInfo, RecordIds, Relation, Replica,
    Side, Stamp, apply, edit_article_text, resolve_conflict,
};

const TEXT_A: &str = "The minister said the bridge was finished. The agency denied the report. Sözçü: hər şey qaydasındadır 😀.";
const TEXT_B: &str = "A week later the bridge opened to traffic. Критики молчали.";

fn stamp(analyst: &str, day: u32) -> Stamp {
    Stamp {
        analyst: analyst.to_string(),
        at: DateTime::from_timestamp(1_700_000_000 + i64::from(day) * 86_400, 0).unwrap(),
    }
}

fn tag(text: &str) -> Replica {
    Replica::parse(text).unwrap()
}

fn base() -> Project {
    let mut project = Project::new("story");
    let who = stamp("base", 0);
    let a1 = crate::io::import::article_from_text(ArticleId::untagged(1), TEXT_A, "a.txt", &who);
    let a2 = crate::io::import::article_from_text(ArticleId::untagged(2), TEXT_B, "b.txt", &who);
    let bundle = crate::model::Bundle {
        articles: vec![a1, a2],
        ..Default::default()
    };
    apply(&mut project, Edit::Insert(Box::new(bundle))).unwrap();
    let claim = mark(
        &mut project,
        Replica::NONE,
        1,
        "the bridge was finished",
        "base",
    );
    let response = mark(&mut project, Replica::NONE, 2, "the bridge opened", "base");
    link(&mut project, Replica::NONE, claim, response, "base");
    project
}

/// The id with `replica`'s tag instead of the session's.
fn retag<I: RecordId>(id: I, replica: Replica) -> I {
    I::new(id.seq(), replica)
}

fn mark(project: &mut Project, replica: Replica, article: u32, quote: &str, who: &str) -> ClaimId {
    let article = ArticleId::untagged(article);
    let text = project.article(article).unwrap().text.clone();
    let anchor = Anchor::from_quote(&text, quote, None).unwrap();
    let info = ClaimInfo {
        speaker: format!("{who}'s speaker"),
        ..ClaimInfo::default()
    };
    let (edit, id) = Edit::add_claim(project, article, anchor, info, &stamp(who, 1));
    let Edit::Insert(mut bundle) = edit else {
        unreachable!()
    };
    bundle.claims[0].id = retag(id, replica);
    apply(project, Edit::Insert(bundle)).unwrap();
    retag(id, replica)
}

fn link(
    project: &mut Project,
    replica: Replica,
    claim: ClaimId,
    response: ClaimId,
    who: &str,
) -> LinkId {
    let info = LinkInfo {
        relation: Relation::Supports,
        status: crate::model::Status::Draft,
        note: String::new(),
    };
    let (edit, id) = Edit::add_link(project, claim, response, info, &stamp(who, 1));
    let Edit::Insert(mut bundle) = edit else {
        unreachable!()
    };
    bundle.links[0].id = retag(id, replica);
    apply(project, Edit::Insert(bundle)).unwrap();
    retag(id, replica)
}

fn set_speaker(project: &mut Project, claim: ClaimId, speaker: &str, who: &str, day: u32) {
    let mut info = project.claim(claim).unwrap().info.clone();
    info.speaker = speaker.to_string();
    let edit = Edit::set_claim_info(project, claim, info, &stamp(who, day)).unwrap();
    apply(project, edit).unwrap();
}

fn first_claim(project: &Project) -> ClaimId {
    project.claims[0].id
}

fn assert_whole(project: &Project) {
    assert!(project.problems().is_empty(), "{:?}", project.problems());
}

#[test]
fn records_added_on_both_sides_are_all_kept() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let c_ours = mark(&mut ours, tag("aaaaaa"), 1, "The agency denied", "ana");
    let c_theirs = mark(
        &mut theirs,
        tag("bbbbbb"),
        1,
        "hər şey qaydasındadır",
        "bob",
    );
    let l_theirs = link(
        &mut theirs,
        tag("bbbbbb"),
        first_claim(&base),
        c_theirs,
        "bob",
    );
    assert_eq!(
        c_ours.seq(),
        c_theirs.seq(),
        "both copies took the same number"
    );
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let project = &merged.project;
    assert!(project.claim(c_ours).is_some() && project.claim(c_theirs).is_some());
    assert!(project.link(l_theirs).is_some());
    assert_eq!(project.claims.len(), 4);
    assert!(
        project.claims.windows(2).all(|w| w[0].id < w[1].id),
        "sorted by id"
    );
    assert!(project.next_ids.claim > c_ours.seq());
    assert_whole(project);
}

#[test]
fn edits_to_different_fields_both_apply() {
    let base = base();
    let claim = first_claim(&base);
    let mut ours = base.clone();
    set_speaker(&mut ours, claim, "The minister", "ana", 2);
    let mut theirs = base.clone();
    let mut noted = theirs.claim(claim).unwrap().clone();
    noted.info.note = "checked against the ministry's site".to_string();
    noted.info.tags = vec!["infrastructure".to_string()];
    noted.modified = stamp("bob", 3).at;
    apply(&mut theirs, Edit::ReplaceClaim(Box::new(noted))).unwrap();
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let result = merged.project.claim(claim).unwrap();
    assert_eq!(result.info.speaker, "The minister");
    assert_eq!(result.info.note, "checked against the ministry's site");
    assert_eq!(result.info.tags, ["infrastructure"]);
    assert_eq!(
        result.modified,
        stamp("bob", 3).at,
        "the newer change's stamp"
    );
}

#[test]
fn one_field_changed_both_ways_keeps_ours_and_records_theirs() {
    let base = base();
    let claim = first_claim(&base);
    let mut ours = base.clone();
    set_speaker(&mut ours, claim, "Minister Aliyev", "ana", 2);
    let mut theirs = base.clone();
    set_speaker(&mut theirs, claim, "Nazir Əliyev", "bob", 3);
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(
        merged.project.claim(claim).unwrap().info.speaker,
        "Minister Aliyev"
    );
    let [conflict] = merged.conflicts.as_slice() else {
        panic!("{:?}", merged.conflicts)
    };
    assert_eq!(conflict.record, RecordRef::Claim(claim));
    assert_eq!(conflict.field, "info.speaker");
    assert_eq!(conflict.kind, ConflictKind::BothChanged);
    assert_eq!(conflict.ours.value, Value::from("Minister Aliyev"));
    assert_eq!(conflict.theirs.value, Value::from("Nazir Əliyev"));
    // Who changed it on each side, and when.
    assert_eq!(
        (
            conflict.ours.analyst.as_str(),
            conflict.theirs.analyst.as_str()
        ),
        ("ana", "bob")
    );
    assert_eq!(conflict.theirs.at, Some(stamp("bob", 3).at));
    assert_eq!(conflict.ours.at, Some(stamp("ana", 2).at));
    assert_eq!(
        merged.project.conflicts, merged.conflicts,
        "stored in the project"
    );
    assert_whole(&merged.project);
}

#[test]
fn a_deletion_loses_to_an_edit_and_is_flagged() {
    let base = base();
    let claim = first_claim(&base);
    let mut ours = base.clone();
    apply(
        &mut ours,
        Edit::Delete(RecordIds {
            claims: vec![claim],
            ..RecordIds::default()
        }),
    )
    .unwrap();
    let mut theirs = base.clone();
    set_speaker(&mut theirs, claim, "The minister", "bob", 3);
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(
        merged.project.claim(claim).unwrap().info.speaker,
        "The minister"
    );
    // Its link was deleted with it in ours and untouched in theirs: gone.
    assert!(merged.project.links.is_empty());
    let [conflict] = merged.conflicts.as_slice() else {
        panic!("{:?}", merged.conflicts)
    };
    assert_eq!(conflict.kind, ConflictKind::DeletedByOurs);
    assert_eq!(conflict.ours.value, Value::Null);
    assert_eq!(conflict.theirs.value["info"]["speaker"], "The minister");
    assert_whole(&merged.project);

    // Untouched on the other side, a deletion simply applies.
    let merged = merge(&base, &ours, &base);
    assert!(merged.project.claim(claim).is_none() && merged.conflicts.is_empty());
}

#[test]
fn a_record_deleted_on_one_side_but_used_on_the_other_comes_back() {
    let base = base();
    let mut ours = base.clone();
    apply(
        &mut ours,
        Edit::Delete(RecordIds {
            articles: vec![ArticleId::untagged(2)],
            ..RecordIds::default()
        }),
    )
    .unwrap();
    let mut theirs = base.clone();
    let response = base.claims[1].id;
    // A new pair the other way round (the base already pairs c1 → c2).
    let new_link = link(
        &mut theirs,
        tag("bbbbbb"),
        response,
        first_claim(&base),
        "bob",
    );
    let merged = merge(&base, &ours, &theirs);
    let project = &merged.project;
    assert!(project.link(new_link).is_some(), "their link is kept");
    assert!(project.claim(response).is_some(), "with the claim it names");
    assert!(
        project.article(ArticleId::untagged(2)).is_some(),
        "in its article"
    );
    let flagged: Vec<RecordRef> = merged.conflicts.iter().map(|c| c.record).collect();
    assert_eq!(
        flagged,
        [
            RecordRef::Claim(response),
            RecordRef::Article(ArticleId::untagged(2))
        ]
    );
    assert_whole(project);
}

#[test]
fn claims_follow_an_article_text_changed_on_the_other_side() {
    let base = base();
    let article = ArticleId::untagged(1);
    let mut ours = base.clone();
    let new_text = format!("Correction appended at the top.\n\n{TEXT_A}");
    let (edit, _) = edit_article_text(&ours, article, &new_text, &stamp("ana", 2)).unwrap();
    apply(&mut ours, edit).unwrap();
    let mut theirs = base.clone();
    let added = mark(
        &mut theirs,
        tag("bbbbbb"),
        1,
        "The agency denied the report",
        "bob",
    );
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let project = &merged.project;
    assert_eq!(&*project.article(article).unwrap().text, new_text);
    let moved = project.claim(added).unwrap();
    assert_eq!(moved.anchor.quote, "The agency denied the report");
    assert!(moved.anchor.start > base.claim(first_claim(&base)).unwrap().anchor.start);
    assert_whole(project);
}

#[test]
fn an_article_text_changed_on_both_sides_keeps_ours_and_records_theirs() {
    let base = base();
    let article = ArticleId::untagged(1);
    let mut ours = base.clone();
    let (edit, _) =
        edit_article_text(&ours, article, &format!("{TEXT_A} Ours."), &stamp("ana", 2)).unwrap();
    apply(&mut ours, edit).unwrap();
    let mut theirs = base.clone();
    let (edit, _) = edit_article_text(
        &theirs,
        article,
        &format!("Theirs. {TEXT_A}"),
        &stamp("bob", 2),
    )
    .unwrap();
    apply(&mut theirs, edit).unwrap();
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(
        &*merged.project.article(article).unwrap().text,
        format!("{TEXT_A} Ours.")
    );
    let text_conflict = merged.conflicts.iter().find(|c| c.field == "text").unwrap();
    assert_eq!(
        text_conflict.theirs.value["text"],
        format!("Theirs. {TEXT_A}")
    );
    assert_whole(&merged.project);
}

#[test]
fn deciding_a_conflict_for_theirs_is_one_undoable_step() {
    let base = base();
    let claim = first_claim(&base);
    let mut ours = base.clone();
    set_speaker(&mut ours, claim, "ours", "ana", 2);
    let mut theirs = base.clone();
    set_speaker(&mut theirs, claim, "theirs", "bob", 3);
    let merged = merge(&base, &ours, &theirs).project;
    let mut project = merged.clone();
    let mut history = crate::model::History::new();
    let edit = resolve_conflict(&project, 0, Side::Theirs, &stamp("ana", 4)).unwrap();
    history.apply(&mut project, edit).unwrap();
    assert_eq!(project.claim(claim).unwrap().info.speaker, "theirs");
    assert!(project.conflicts.is_empty());
    history.undo(&mut project).unwrap();
    assert_eq!(project, merged);
    // Ours: the value stays, the conflict goes.
    let edit = resolve_conflict(&project, 0, Side::Ours, &stamp("ana", 4)).unwrap();
    apply(&mut project, edit).unwrap();
    assert_eq!(project.claim(claim).unwrap().info.speaker, "ours");
    assert!(project.conflicts.is_empty());
}

#[test]
fn deciding_a_deletion_for_the_deleting_side_deletes_the_record() {
    let base = base();
    let claim = first_claim(&base);
    let mut ours = base.clone();
    set_speaker(&mut ours, claim, "kept", "ana", 2);
    let mut theirs = base.clone();
    let all = RecordIds {
        claims: vec![claim],
        ..RecordIds::default()
    };
    apply(&mut theirs, Edit::Delete(all)).unwrap();
    let mut project = merge(&base, &ours, &theirs).project;
    assert_eq!(project.conflicts[0].kind, ConflictKind::DeletedByTheirs);
    let edit = resolve_conflict(&project, 0, Side::Theirs, &stamp("ana", 4)).unwrap();
    apply(&mut project, edit).unwrap();
    assert!(project.claim(claim).is_none() && project.conflicts.is_empty());
    assert_whole(&project);
}

#[test]
fn conflicts_decided_in_one_copy_stay_decided() {
    let base = base();
    let claim = first_claim(&base);
    let mut ours = base.clone();
    set_speaker(&mut ours, claim, "ours", "ana", 2);
    let mut theirs = base.clone();
    set_speaker(&mut theirs, claim, "theirs", "bob", 3);
    let with_conflict = merge(&base, &ours, &theirs).project;
    let mut decided = with_conflict.clone();
    let edit = resolve_conflict(&decided, 0, Side::Ours, &stamp("ana", 4)).unwrap();
    apply(&mut decided, edit).unwrap();
    let merged = merge(&with_conflict, &decided, &with_conflict);
    assert!(merged.project.conflicts.is_empty());
    let merged = merge(&with_conflict, &with_conflict, &with_conflict);
    assert_eq!(merged.project.conflicts.len(), 1, "undecided stays");
}

#[test]
fn title_changed_both_ways_is_a_conflict() {
    let base = base();
    let mut ours = base.clone();
    ours.title = "Our title".to_string();
    let mut theirs = base.clone();
    theirs.title = "Their title".to_string();
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.project.title, "Our title");
    assert_eq!(merged.conflicts[0].record, RecordRef::Project);
    let mut project = merged.project;
    let edit = resolve_conflict(&project, 0, Side::Theirs, &stamp("ana", 4)).unwrap();
    apply(&mut project, edit).unwrap();
    assert_eq!(project.title, "Their title");
}

#[test]
fn without_a_base_nothing_is_lost_and_every_difference_is_a_conflict() {
    let base = base();
    let claim = first_claim(&base);
    let mut ours = base.clone();
    set_speaker(&mut ours, claim, "ours", "ana", 2);
    let mut theirs = base.clone();
    let added = mark(&mut theirs, tag("bbbbbb"), 1, "The agency denied", "bob");
    apply(
        &mut theirs,
        Edit::Delete(RecordIds {
            links: vec![base.links[0].id],
            ..RecordIds::default()
        }),
    )
    .unwrap();
    let merged = merge_without_base(&ours, &theirs);
    let project = &merged.project;
    assert!(project.claim(added).is_some());
    assert_eq!(project.links.len(), 1, "a record either copy has is kept");
    assert_eq!(project.claim(claim).unwrap().info.speaker, "ours");
    let fields: Vec<&str> = merged.conflicts.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["info.speaker"]);
    assert_whole(project);
    assert_eq!(merge_without_base(&ours, &ours).project, ours);
}

#[test]
fn the_same_pair_made_on_both_sides_becomes_one_link() {
    let base = base();
    let (claim, response) = (base.claims[1].id, base.claims[0].id);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let a = link(&mut ours, tag("aaaaaa"), claim, response, "ana");
    let b = link(&mut theirs, tag("bbbbbb"), claim, response, "bob");
    let mut noted = theirs.link(b).unwrap().clone();
    noted.info.note = "seen on TV".to_string();
    apply(&mut theirs, Edit::ReplaceLink(Box::new(noted))).unwrap();
    for (x, y) in [(&ours, &theirs), (&theirs, &ours)] {
        let merged = merge(&base, x, y);
        let kept = a.min(b);
        let pairs: Vec<LinkId> = merged.project.links.iter().map(|l| l.id).collect();
        assert_eq!(pairs, [base.links[0].id, kept]);
        let [conflict] = merged.conflicts.as_slice() else {
            panic!("{:?}", merged.conflicts)
        };
        assert_eq!(conflict.record, RecordRef::Link(kept));
        assert_eq!(conflict.field, "info.note");
        assert_whole(&merged.project);
    }
}

fn name(project: &mut Project, claim: ClaimId, name: &str) {
    let edit = Edit::NameStory {
        claim,
        name: name.to_string(),
    };
    apply(project, edit).unwrap();
}

#[test]
fn story_names_merge_by_the_claim_they_are_stored_under() {
    let mut base = base();
    let (first, second) = (base.claims[0].id, base.claims[1].id);
    name(&mut base, first, "Bridge");
    let mut ours = base.clone();
    name(&mut ours, first, "Köprü 🌉");
    let mut theirs = base.clone();
    let added = mark(&mut theirs, tag("bbbbbb"), 1, "The agency denied", "bob");
    name(&mut theirs, added, "Агентство");
    name(&mut theirs, second, "Opening");
    for (x, y) in [(&ours, &theirs), (&theirs, &ours)] {
        let merged = merge(&base, x, y);
        let names: Vec<(ClaimId, &str)> = merged
            .project
            .story_names
            .iter()
            .map(|(&c, n)| (c, n.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                (first, "Köprü 🌉"),
                (second, "Opening"),
                (added, "Агентство")
            ]
        );
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        assert_whole(&merged.project);
    }
    // A name removed on one side and untouched on the other stays removed.
    let mut removed = base.clone();
    name(&mut removed, first, "");
    assert!(merge(&base, &removed, &base).project.story_names.is_empty());
    assert!(merge(&base, &base, &removed).project.story_names.is_empty());
}

#[test]
fn a_story_name_changed_both_ways_keeps_ours_and_deciding_theirs_renames() {
    let mut base = base();
    let claim = first_claim(&base);
    name(&mut base, claim, "Bridge");
    let mut ours = base.clone();
    name(&mut ours, claim, "Our bridge");
    let mut theirs = base.clone();
    name(&mut theirs, claim, "Their bridge");
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.project.story_names[&claim], "Our bridge");
    let [conflict] = merged.conflicts.as_slice() else {
        panic!("{:?}", merged.conflicts)
    };
    assert_eq!(conflict.record, RecordRef::Claim(claim));
    assert_eq!(conflict.field, "story name");
    assert_eq!(conflict.theirs.shown(), "\"Their bridge\"");
    let mut project = merged.project.clone();
    let mut history = crate::model::History::new();
    let edit = resolve_conflict(&project, 0, Side::Theirs, &stamp("ana", 4)).unwrap();
    history.apply(&mut project, edit).unwrap();
    assert_eq!(project.story_names[&claim], "Their bridge");
    assert!(project.conflicts.is_empty());
    history.undo(&mut project).unwrap();
    assert_eq!(project, merged.project);
    // Theirs removed it: deciding theirs removes the name.
    let mut removed = base.clone();
    name(&mut removed, claim, "");
    let mut project = merge(&base, &ours, &removed).project;
    let edit = resolve_conflict(&project, 0, Side::Theirs, &stamp("ana", 4)).unwrap();
    apply(&mut project, edit).unwrap();
    assert!(project.story_names.is_empty() && project.conflicts.is_empty());
}

#[test]
fn a_story_name_under_a_claim_the_merge_deletes_is_dropped() {
    let base = base();
    let mut ours = base.clone();
    let added = mark(&mut ours, tag("aaaaaa"), 1, "The agency denied", "ana");
    name(&mut ours, added, "Denial");
    let delete = RecordIds {
        claims: vec![added],
        ..RecordIds::default()
    };
    apply(&mut ours, Edit::Delete(delete)).unwrap();
    assert_eq!(ours.story_names.len(), 1, "kept for undo in the copy");
    let merged = merge(&base, &ours, &base);
    assert!(merged.project.story_names.is_empty());
    assert!(merged.conflicts.is_empty());
}

mod rejected;
