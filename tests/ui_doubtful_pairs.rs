//! Issue 11 item 13, the window's part: an exact duplicate link is refused
//! with a message; a response that both denies and supports one claim is
//! allowed but said at once, as `riposte check` says it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use std::path::{Path, PathBuf};

use riposte::model::{Link, Relation};
use riposte::ui::{Action, Startup};
use ui_support::window;

fn demo_project(dir: &Path) -> PathBuf {
    let path = dir.join("demo.ron");
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves/demo.ron"),
        &path,
    )
    .unwrap();
    path
}

fn denial(links: &[std::sync::Arc<Link>]) -> Link {
    links
        .iter()
        .find(|l| l.info.relation == Relation::Denies)
        .expect("the demo has a denial")
        .as_ref()
        .clone()
}

fn link_again(link: &Link, relation: Relation) -> Action {
    Action::LinkExisting {
        claim: link.claim,
        response: link.response,
        relation,
    }
}

fn notice_texts(harness: &egui_kittest::Harness<'_, riposte::ui::App>) -> Vec<String> {
    harness
        .state()
        .notices()
        .iter()
        .map(|n| n.text.clone())
        .collect()
}

#[test]
fn a_response_that_denies_and_supports_one_claim_is_linked_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(Startup::for_tests(Some(demo_project(dir.path()))));
    let denial = denial(&harness.state().project().links);
    let before = harness.state().project().links.len();

    harness
        .state_mut()
        .push(link_again(&denial, Relation::Supports));
    harness.step();

    assert_eq!(harness.state().project().links.len(), before + 1);
    let supports = harness.state().project().links.last().unwrap().id;
    let expected = format!(
        "Note: claim {} both answers and supports claim {} ({} {}, {supports} {})",
        denial.response,
        denial.claim,
        denial.id,
        Relation::Denies,
        Relation::Supports
    );
    let notices = notice_texts(&harness);
    assert!(
        notices.contains(&expected),
        "{expected:?} not in {notices:?}"
    );
}

#[test]
fn the_same_link_twice_is_refused_with_a_message_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(Startup::for_tests(Some(demo_project(dir.path()))));
    let denial = denial(&harness.state().project().links);
    let before = harness.state().project().clone();

    harness
        .state_mut()
        .push(link_again(&denial, Relation::Denies));
    harness.step();

    assert_eq!(harness.state().project(), &before);
    let notices = notice_texts(&harness);
    let refused = notices
        .iter()
        .find(|t| t.starts_with("Not done:"))
        .unwrap_or_else(|| panic!("no refusal in {notices:?}"));
    assert!(refused.contains(&denial.id.to_string()), "{refused}");
    assert!(
        !notices.iter().any(|t| t.starts_with("Note:")),
        "{notices:?}"
    );
}
