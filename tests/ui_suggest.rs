//! The Candidates panel and the Find repeats window in the real window:
//! the index and the ranking run in the background; 1–6 accept the current
//! candidate as one undo step, X and the Reject button reject it (kept in
//! the project), Find repeats records the checked repeats in one step.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

use riposte::io::import::article_from_text;
use riposte::io::project_file;
use riposte::model::{
    Anchor, ArticleId, Bundle, ClaimId, ClaimInfo, Edit, LinkInfo, Project, Relation, Stamp, apply,
};
use riposte::ui::{Action, App, Startup};

mod ui_support;
use ui_support::window;

/// Steps until no job has run for two frames in a row: a suggestion job
/// starts in the frame after the action that asks for it, and ranking
/// starts in the frame the index arrives, so the shared `settle` (one quiet
/// frame) can return between them.
fn settle(harness: &mut Harness<'_, App>) {
    let mut quiet = 0;
    for _ in 0..2000 {
        harness.step();
        quiet = if harness.state().is_busy() {
            0
        } else {
            quiet + 1
        };
        if quiet == 2 {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("a background job did not finish");
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn demo_copy(dir: &Path) -> PathBuf {
    let path = dir.join("demo.ron");
    std::fs::copy(repo().join("saves/demo.ron"), &path).unwrap();
    path
}

/// The window on `project` with `claim` selected and the Candidates tab
/// open (Ctrl+Shift+F), its background work done.
fn candidates_for(project: &Path, claim: ClaimId) -> Harness<'static, App> {
    let mut harness = window(Startup::for_tests(Some(project.to_path_buf())));
    harness.state_mut().push(Action::SelectClaim(Some(claim)));
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    settle(&mut harness);
    harness
}

#[test]
fn candidates_are_ranked_in_the_background_and_accepted_with_a_relation_key() {
    let dir = tempfile::tempdir().unwrap();
    let osce = ClaimId::untagged(6);
    let mut harness = candidates_for(&demo_copy(dir.path()), osce);
    let before = harness.state().project().clone();
    let quotes = harness.state().candidate_quotes();
    assert!(quotes.len() >= 5, "{quotes:?}");
    harness.get_by_label("Reject 1");
    assert!(harness.query_by_label_contains("candidates").is_some());

    // N makes the first candidate current; 2 accepts it as Refutes.
    harness.key_press(Key::N);
    harness.step();
    harness.key_press(Key::Num2);
    harness.step();
    let project = harness.state().project();
    assert_eq!(project.claims.len(), before.claims.len() + 1);
    assert_eq!(project.links.len(), before.links.len() + 1);
    let link = project.links.last().unwrap();
    assert_eq!((link.claim, link.info.relation), (osce, Relation::Refutes));
    assert_eq!(
        project.claim(link.response).unwrap().anchor.quote,
        quotes[0]
    );
    assert_eq!(
        harness.state().document().history.undo_label(),
        Some("link Refutes")
    );

    // Accepted, it is a known response: the list no longer offers it.
    settle(&mut harness);
    assert!(!harness.state().candidate_quotes().contains(&quotes[0]));
    // No candidate is current after an accept: 3 does not take the new
    // first one unseen.
    harness.key_press(Key::Num3);
    harness.step();
    assert_eq!(
        harness.state().project().links.len(),
        before.links.len() + 1
    );

    // One undo step takes back the response and its link.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.step();
    assert_eq!(harness.state().project().claims, before.claims);
    assert_eq!(harness.state().project().links, before.links);
    settle(&mut harness);
    assert_eq!(harness.state().candidate_quotes()[0], quotes[0]);
}

/// The text the reading view marks, in the open article.
fn marked_text(harness: &Harness<'_, App>) -> Option<String> {
    let app = harness.state();
    let range = app.candidate_mark()?;
    let article = app.project().article(app.open_article()?)?;
    Some(article.text[range].to_string())
}

#[test]
fn the_current_candidate_stays_marked_in_the_reading_view_until_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let osce = ClaimId::untagged(6);
    let mut harness = candidates_for(&demo_copy(dir.path()), osce);
    let quotes = harness.state().candidate_quotes();
    assert_eq!(marked_text(&harness), None, "nothing is current yet");

    // N: the first candidate is current, its article open and its span
    // marked, and it stays marked long after the jump's flash faded.
    harness.key_press(Key::N);
    harness.step();
    harness.step();
    assert_eq!(marked_text(&harness).as_ref(), Some(&quotes[0]));
    for _ in 0..5 {
        std::thread::sleep(std::time::Duration::from_millis(250));
        harness.step();
    }
    assert_eq!(marked_text(&harness).as_ref(), Some(&quotes[0]));

    // N again moves the mark to the second one.
    harness.key_press(Key::N);
    harness.step();
    harness.step();
    assert_eq!(marked_text(&harness).as_ref(), Some(&quotes[1]));

    // Another claim selected: no mark.
    harness
        .state_mut()
        .push(Action::SelectClaim(Some(ClaimId::untagged(10))));
    harness.step();
    harness.step();
    assert_eq!(marked_text(&harness), None);
    // Back to it, P steps back from the second to the first.
    harness.state_mut().push(Action::SelectClaim(Some(osce)));
    settle(&mut harness);
    harness.key_press(Key::P);
    harness.step();
    harness.step();
    assert_eq!(marked_text(&harness).as_ref(), Some(&quotes[0]));

    // Accepted: the mark goes with it.
    harness.key_press(Key::Num2);
    harness.step();
    harness.step();
    assert_eq!(harness.state().project().links.last().unwrap().claim, osce);
    assert_eq!(marked_text(&harness), None);
}

#[test]
fn rejected_candidates_are_kept_in_the_project_and_not_offered_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path());
    let claim = ClaimId::untagged(10);
    let mut harness = candidates_for(&path, claim);
    let quotes = harness.state().candidate_quotes();

    // The Reject button of the first candidate.
    harness.get_by_label("Reject 1").click();
    harness.step();
    let rejected = &harness.state().project().rejected_candidates;
    assert_eq!(rejected.len(), 1);
    assert_eq!(
        (rejected[0].claim, rejected[0].quote.as_str()),
        (claim, quotes[0].as_str())
    );
    settle(&mut harness);
    assert_eq!(harness.state().candidate_quotes()[0], quotes[1]);

    // X rejects the current candidate (made current by N).
    harness.key_press(Key::N);
    harness.step();
    harness.key_press(Key::X);
    harness.step();
    assert_eq!(harness.state().project().rejected_candidates.len(), 2);
    settle(&mut harness);
    let now = harness.state().candidate_quotes();
    assert!(
        !now.contains(&quotes[0]) && !now.contains(&quotes[1]),
        "{now:?}"
    );

    // Saved, the rejections are in the file and still hold after reopening.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    let saved = project_file::load(&path).unwrap().project;
    assert_eq!(saved.rejected_candidates.len(), 2);
    drop(harness);
    let reopened = candidates_for(&path, claim);
    assert_eq!(reopened.state().candidate_quotes(), now);
}

#[test]
fn a_rejected_candidate_is_restored_from_the_panel_and_undo_rejects_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let claim = ClaimId::untagged(10);
    let mut harness = candidates_for(&demo_copy(dir.path()), claim);
    let quotes = harness.state().candidate_quotes();
    assert!(harness.query_by_label_contains("Rejected (").is_none());

    harness.get_by_label("Reject 1").click();
    harness.step();
    settle(&mut harness);
    assert!(!harness.state().candidate_quotes().contains(&quotes[0]));

    // The fold lists it; Restore takes the rejection back in one step.
    harness.get_by_label("Rejected (1)").click();
    harness.step();
    harness.get_by_label("Restore 1").click();
    harness.step();
    assert!(harness.state().project().rejected_candidates.is_empty());
    assert_eq!(
        harness.state().document().history.undo_label(),
        Some("restore suggestion")
    );
    settle(&mut harness);
    assert_eq!(harness.state().candidate_quotes(), quotes);
    assert!(harness.query_by_label("Restore 1").is_none());

    // Undo rejects it again.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.step();
    let rejected = &harness.state().project().rejected_candidates;
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].quote, quotes[0]);
    settle(&mut harness);
    assert!(!harness.state().candidate_quotes().contains(&quotes[0]));
}

/// Six short articles: the claim, three repeats of it (quotes, spacing,
/// case, a typo), an unrelated text and a denial; c1 is the claim, c2 the
/// denial, linked.
fn repeats_project(dir: &Path) -> PathBuf {
    let texts = [
        "Alpha News:\n\nThe ambassador said that the EU funds the opposition parties in the country. Nothing else was said.\n",
        "Beta Daily:\n\nSources insist that “the EU funds the  opposition parties in the country”, he claimed.\n",
        "Gamma Post:\n\nHE REPEATED: THE EU FUNDS THE OPPOSITION PARTIES IN THE COUNTRY!\n",
        "Delta Wire:\n\nReaders were told the E.U. funds the oposition parties in the country, again.\n",
        "Epsilon:\n\nThe EU funds new schools in the country's north.\n",
        "Zeta Times:\n\nThe EU mission denied that it gives money to any party.\n",
    ];
    let stamp = Stamp {
        analyst: "tester".into(),
        at: chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
    };
    let mut project = Project::new("Repeats");
    let mut ids = project.next_ids.clone();
    let articles = texts
        .iter()
        .enumerate()
        .map(|(i, t)| article_from_text(ids.take_article(), t, &format!("{i}.txt"), &stamp))
        .collect();
    let bundle = Bundle {
        articles,
        ..Bundle::default()
    };
    apply(&mut project, Edit::Insert(Box::new(bundle))).unwrap();
    let mark = |project: &mut Project, article: usize, quote: &str| {
        let found = &project.articles[article];
        let anchor = Anchor::from_quote(&found.text, quote, None).unwrap();
        let info = ClaimInfo {
            speaker: "Ambassador".into(),
            ..ClaimInfo::default()
        };
        let (edit, id) = Edit::add_claim(project, found.id, anchor, info, &stamp);
        apply(project, edit).unwrap();
        id
    };
    let claim = mark(
        &mut project,
        0,
        "the EU funds the opposition parties in the country",
    );
    let denial = mark(
        &mut project,
        5,
        "The EU mission denied that it gives money to any party",
    );
    let (edit, _) = Edit::add_link(
        &project,
        claim,
        denial,
        LinkInfo::draft(Relation::Denies),
        &stamp,
    );
    apply(&mut project, edit).unwrap();
    let path = dir.join("repeats.ron");
    project_file::save(&path, &project).unwrap();
    path
}

#[test]
fn find_repeats_lists_them_checked_and_records_the_checked_ones_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = repeats_project(dir.path());
    let mut harness = window(Startup::for_tests(Some(path)));
    let claim = harness.state().project().claims[0].id;
    let denial = harness.state().project().claims[1].id;
    harness.state_mut().push(Action::SelectClaim(Some(claim)));
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    settle(&mut harness);

    let boxes = harness.get_all_by_role(Role::CheckBox).count();
    assert_eq!(boxes, 4, "three repeats and the link-responses option");
    harness.get_by_label("Record 3 repeats");
    // Leave out the one with the typo.
    let typo = by().role(Role::CheckBox).label_contains("oposition");
    harness.get(typo).click();
    harness.step();
    harness.get_by_label("Record 2 repeats").click();
    harness.step();

    let project = harness.state().project();
    let repeats: Vec<_> = project
        .claims
        .iter()
        .filter(|c| c.repeat_of == Some(claim))
        .collect();
    assert_eq!(repeats.len(), 2);
    for repeat in &repeats {
        assert_eq!(repeat.info.speaker, "Ambassador");
        let link = project.links.iter().find(|l| l.claim == repeat.id).unwrap();
        assert_eq!(
            (link.response, link.info.relation),
            (denial, Relation::Denies)
        );
    }
    assert_eq!(
        harness.state().document().history.undo_label(),
        Some("record 2 repeats")
    );
    let articles: Vec<ArticleId> = repeats.iter().map(|c| c.article).collect();
    assert!(
        !articles.contains(&project.articles[3].id),
        "the unchecked one stays out"
    );
    harness.step();
    assert!(
        harness.query_by_label("Record 2 repeats").is_none(),
        "the window closed"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.step();
    let project = harness.state().project();
    assert_eq!((project.claims.len(), project.links.len()), (2, 1));
}
