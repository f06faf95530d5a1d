//! Suggestions through the model's public API: ranking across languages,
//! the index following edits, background use, accept / reject as undoable
//! edits, and the project file keeping rejections and repeats.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{project_with_texts, stamp};
use riposte::model::suggest::{
    ArticleDoc, Candidate, Query, Ranker, Scheme, SuggestIndex, accept_edit, reject_edit, suggest,
};
use riposte::model::{
    Anchor, ArticleId, ArticleMeta, Bundle, ClaimId, ClaimInfo, Edit, History, Project, RecordIds,
    Relation, apply, edit_article_text,
};

const CLAIM: &str = "date 2024-03-01\nTrend:\n\nThe ambassador said that the elections in the capital were rigged by the ruling party.\n";
const RUSSIAN: &str = "date 2024-03-03\nJAMnews:\n\nПосольство заявило, что выборы в столице прошли честно. Утверждения о фальсификации выборов — ложь, подчеркнули в ЦИК.\n";
const AZERBAIJANI: &str = "date 2024-03-04\nReport:\n\nMərkəzi Seçki Komissiyası paytaxtda seçkilərin saxtalaşdırıldığı barədə iddiaları təkzib edib. Komissiya bildirib ki, seçkilər şəffaf keçib.\n";
const REPORT: &str = "date 2024-03-02\nAPA:\n\nThe ambassador repeated that the ruling party rigged the elections in the capital. Observers were not surprised.\n";
const DENIAL: &str = "date 2024-03-05\nTuran:\n\nThe ruling party categorically denied the ambassador's words about the capital's elections as baseless.\n";

fn corpus() -> (Project, ClaimId) {
    let mut project = project_with_texts(&[CLAIM, RUSSIAN, AZERBAIJANI, REPORT, DENIAL]);
    let claim = mark(
        &mut project,
        1,
        "the elections in the capital were rigged by the ruling party",
    );
    (project, claim)
}

fn mark(project: &mut Project, article: u32, quote: &str) -> ClaimId {
    let text = &project.article(ArticleId::untagged(article)).unwrap().text;
    let anchor = Anchor::from_quote(text, quote, None).unwrap();
    let info = ClaimInfo {
        speaker: "Ambassador".to_string(),
        ..ClaimInfo::default()
    };
    let (edit, id) = Edit::add_claim(
        project,
        ArticleId::untagged(article),
        anchor,
        info,
        &stamp(),
    );
    apply(project, edit).unwrap();
    id
}

fn assert_spans_fit(project: &Project, candidates: &[Candidate]) {
    for candidate in candidates {
        let text = &project.article(candidate.article).unwrap().text;
        assert!(text.is_char_boundary(candidate.range.start));
        assert!(text.is_char_boundary(candidate.range.end));
        assert_eq!(text[candidate.range.clone()], candidate.quote);
    }
}

#[test]
fn the_denial_outranks_the_report_and_inflected_languages_match() {
    let (project, claim) = corpus();
    let index = SuggestIndex::of_project(&project);
    let ranked = suggest(&index, &project, claim, 10).unwrap();
    assert_spans_fit(&project, &ranked);
    assert_eq!(ranked[0].article, ArticleId::untagged(5), "{ranked:#?}");
    let reasons: Vec<String> = ranked[0].reasons.iter().map(ToString::to_string).collect();
    assert!(
        reasons.contains(&"denial cue: “categorically”".to_string()),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r == "published 4 days after"),
        "{reasons:?}"
    );
    let report = ranked
        .iter()
        .position(|c| c.article == ArticleId::untagged(4))
        .unwrap();
    assert!(report > 0);
    // The claim's own span is never offered.
    assert!(
        ranked
            .iter()
            .all(|c| c.article != ArticleId::untagged(1) || c.range.start > 40)
    );

    // Russian and Azerbaijani claims find inflected forms in other articles.
    let mut project = project;
    let ru = mark(
        &mut project,
        2,
        "Посольство заявило, что выборы в столице прошли честно",
    );
    let az = mark(&mut project, 3, "seçkilər şəffaf keçib");
    let index = SuggestIndex::of_project(&project);
    let for_ru = suggest(&index, &project, ru, 3).unwrap();
    assert!(
        for_ru[0].quote.contains("фальсификации выборов — ложь"),
        "{for_ru:#?}"
    );
    let for_az = suggest(&index, &project, az, 3).unwrap();
    assert!(
        for_az[0].quote.contains("seçkilərin saxtalaşdırıldığı"),
        "{for_az:#?}"
    );
    assert_spans_fit(&project, &for_ru);
    assert_spans_fit(&project, &for_az);
}

fn ranked(index: &SuggestIndex, project: &Project, claim: ClaimId) -> Vec<Candidate> {
    let query = Query::for_claim(project, claim, None).unwrap();
    index.suggest(&query, Ranker::Riposte, 20)
}

#[test]
fn the_index_follows_edits_like_a_fresh_build() {
    let (mut project, claim) = corpus();
    let mut index = SuggestIndex::of_project(&project);
    let check = |index: &SuggestIndex, project: &Project| {
        let fresh = SuggestIndex::of_project(project);
        assert_eq!(index.article_count(), fresh.article_count());
        assert_eq!(index.segment_count(), fresh.segment_count());
        assert_eq!(
            ranked(index, project, claim),
            ranked(&fresh, project, claim)
        );
    };

    // The text of the denial changes.
    let article = project.article(ArticleId::untagged(5)).unwrap();
    let new_text = article
        .text
        .replace("categorically denied", "flatly rejected");
    let (edit, _) =
        edit_article_text(&project, ArticleId::untagged(5), &new_text, &stamp()).unwrap();
    apply(&mut project, edit).unwrap();
    let report = index.sync(&project);
    assert_eq!((report.indexed, report.removed), (1, 0));
    check(&index, &project);

    // An outlet and a date are corrected.
    let mut meta: ArticleMeta = project
        .article(ArticleId::untagged(4))
        .unwrap()
        .meta
        .clone();
    meta.outlet = "Trend".to_string();
    meta.published = None;
    let edit = Edit::SetArticleMeta {
        article: ArticleId::untagged(4),
        meta: Box::new(meta),
    };
    apply(&mut project, edit).unwrap();
    assert_eq!(index.sync(&project).meta_updated, 1);
    check(&index, &project);

    // An article is deleted and another imported.
    apply(
        &mut project,
        Edit::Delete(RecordIds {
            articles: vec![ArticleId::untagged(2)],
            ..RecordIds::default()
        }),
    )
    .unwrap();
    let mut ids = project.next_ids.clone();
    let imported = riposte::io::import::article_from_text(
        ids.take_article(),
        "The embassy called the claims about rigged elections in the capital false.",
        "new.txt",
        &stamp(),
    );
    let bundle = Bundle {
        articles: vec![imported],
        ..Bundle::default()
    };
    apply(&mut project, Edit::Insert(Box::new(bundle))).unwrap();
    let report = index.sync(&project);
    assert_eq!((report.indexed, report.removed), (1, 1));
    check(&index, &project);
    assert!(!index.sync(&project).changed());
}

#[test]
fn the_index_is_built_and_queried_on_another_thread() {
    let (project, claim) = corpus();
    let docs = ArticleDoc::all(&project);
    let query = Query::for_claim(&project, claim, None).unwrap();
    let worker = std::thread::spawn(move || {
        let index = SuggestIndex::build(Scheme::CharGrams, docs);
        let ranked = index.suggest(&query, Ranker::Riposte, 5);
        (index, ranked)
    });
    let (index, from_worker) = worker.join().unwrap();
    let here: Vec<Candidate> = ranked(&index, &project, claim)
        .into_iter()
        .take(5)
        .collect();
    assert!(!here.is_empty());
    assert_eq!(from_worker, here);
}

#[test]
fn accepting_marks_and_links_as_one_undo_step() {
    let (mut project, claim) = corpus();
    let index = SuggestIndex::of_project(&project);
    let top = suggest(&index, &project, claim, 1).unwrap().remove(0);
    let before = project.clone();
    let mut history = History::new();
    let (edit, link) = accept_edit(
        &project,
        claim,
        (top.article, top.range.clone()),
        Relation::Denies,
        &stamp(),
    )
    .unwrap();
    history.apply(&mut project, edit).unwrap();
    assert_eq!(history.undo_label(), Some("link Denies"));
    let link = project.link(link).unwrap();
    let response = project.claim(link.response).unwrap();
    assert_eq!(response.anchor.quote, top.quote);
    assert_eq!(response.info.via, "Turan");
    assert!(
        ranked(&index, &project, claim)
            .iter()
            .all(|c| c.quote != top.quote)
    );
    history.undo(&mut project).unwrap();
    // Ids are never handed out twice, so only the counters stay advanced.
    assert_eq!(
        (&project.claims, &project.links),
        (&before.claims, &before.links)
    );

    // A span that already is a claim is linked, not marked twice.
    let existing = mark(&mut project, 5, &top.quote);
    let (edit, link) = accept_edit(
        &project,
        claim,
        (top.article, top.range.clone()),
        Relation::Refutes,
        &stamp(),
    )
    .unwrap();
    apply(&mut project, edit).unwrap();
    assert_eq!(project.link(link).unwrap().response, existing);
    assert_eq!(project.claims.len(), 2, "no second claim on the same span");

    let bad = accept_edit(
        &project,
        claim,
        (ArticleId::untagged(5), 0..9999),
        Relation::Denies,
        &stamp(),
    );
    assert!(bad.is_err());
}

#[test]
fn a_rejection_is_undoable_and_only_hides_the_candidate_for_its_claim() {
    let (mut project, claim) = corpus();
    let other = mark(
        &mut project,
        4,
        "the ruling party rigged the elections in the capital",
    );
    let index = SuggestIndex::of_project(&project);
    let top = ranked(&index, &project, claim).remove(0);
    let mut history = History::new();
    let edit = reject_edit(&project, claim, (top.article, top.range.clone())).unwrap();
    history.apply(&mut project, edit.clone()).unwrap();
    assert_eq!(history.undo_label(), Some("reject suggestion"));
    assert!(
        ranked(&index, &project, claim)
            .iter()
            .all(|c| c.quote != top.quote)
    );
    assert!(
        ranked(&index, &project, other)
            .iter()
            .any(|c| c.quote == top.quote)
    );
    // Rejecting twice changes nothing.
    assert!(apply(&mut project, edit).is_err());
    history.undo(&mut project).unwrap();
    assert!(project.rejected_candidates.is_empty());
    assert_eq!(ranked(&index, &project, claim)[0], top);
}

#[test]
fn project_files_keep_rejections_and_repeats_and_old_files_load() {
    let (mut project, claim) = corpus();
    let plain = riposte::io::to_ron_string(&project).unwrap();
    assert!(!plain.contains("rejected_candidates") && !plain.contains("repeat_of"));

    let index = SuggestIndex::of_project(&project);
    let top = ranked(&index, &project, claim).remove(0);
    let rejection = reject_edit(&project, claim, (top.article, top.range)).unwrap();
    apply(&mut project, rejection).unwrap();
    let repeat = mark(&mut project, 4, "the ruling party rigged the elections");
    let mut marked = project.claim(repeat).unwrap().clone();
    marked.repeat_of = Some(claim);
    apply(&mut project, Edit::ReplaceClaim(Box::new(marked))).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    riposte::io::save(&path, &project).unwrap();
    let loaded = riposte::io::load(&path).unwrap();
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.project, project);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("rejected_candidates: ["), "{text}");
    assert!(
        text.contains(&format!("repeat_of: Some(\"{claim}\")")),
        "{text}"
    );

    let v1 = common::repo().join("tests/data/project_v1.ron");
    let old = riposte::io::load(&v1).unwrap().project;
    assert!(old.rejected_candidates.is_empty());
    assert!(old.claims.iter().all(|c| c.repeat_of.is_none()));
}
