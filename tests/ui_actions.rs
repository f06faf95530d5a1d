//! The window's one loop: whatever is asked during a frame (an import, an
//! edit, an answer in a prompt, an export) is done after the frame is drawn,
//! in the order it was asked, even when some of it runs in the background.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use riposte::io::export::ExportFormat;
use riposte::model::{Edit, LinkId, Project, Status, StatusFilter};
use riposte::ui::commands::Command;
use riposte::ui::jobs::ExportRequest;
use riposte::ui::safety::Choice;
use riposte::ui::{Action, Startup};

mod ui_support;
use ui_support::{settle, window};

fn demo_project(dir: &Path) -> PathBuf {
    let path = dir.join("demo.ron");
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves/demo.ron");
    std::fs::copy(demo, &path).unwrap();
    path
}

/// The links an export line names (`"link":"l3"`).
fn exported_links(jsonl: &str, links: &[LinkId]) -> Vec<LinkId> {
    links
        .iter()
        .copied()
        .filter(|id| jsonl.contains(&format!("\"link\":\"{id}\"")))
        .collect()
}

#[test]
fn actions_pushed_in_one_frame_are_applied_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(Startup::for_tests(Some(demo_project(dir.path()))));
    let project: Project = harness.state().project().clone();
    // A draft link to curate, and a claim of another curated link to delete.
    let draft = project
        .links
        .iter()
        .find(|l| l.info.status == Status::Draft)
        .unwrap()
        .clone();
    let doomed = project
        .links
        .iter()
        .find(|l| {
            l.info.status == Status::Curated
                && ![draft.claim, draft.response].contains(&l.claim)
                && ![draft.claim, draft.response].contains(&l.response)
        })
        .unwrap()
        .claim;
    let doomed_links: Vec<LinkId> = project
        .links
        .iter()
        .filter(|l| l.claim == doomed || l.response == doomed)
        .map(|l| l.id)
        .collect();
    let fresh = dir.path().join("fresh.txt");
    std::fs::write(
        &fresh,
        "Bakı, 3 mart: a new article, ə ş ğ ı, Русский, 👍.\n",
    )
    .unwrap();
    let out = dir.path().join("pairs.jsonl");
    let mut curated = (*draft).clone();
    curated.info.status = Status::Curated;

    // All four in one frame.
    for action in [
        Action::Import(vec![fresh]),
        Action::Edit(Edit::ReplaceLink(Box::new(curated))),
        Action::Safety(Choice::ReviewDelete(doomed)),
        Action::Export(ExportRequest {
            format: ExportFormat::Jsonl,
            filter: StatusFilter::Curated,
            destination: out.clone(),
        }),
    ] {
        harness.state_mut().push(action);
    }
    harness.step();
    settle(&mut harness);

    // The export saw the edit and the deletion, so it ran after both.
    let jsonl = std::fs::read_to_string(&out).unwrap();
    let all: Vec<LinkId> = project.links.iter().map(|l| l.id).collect();
    let written = exported_links(&jsonl, &all);
    assert!(written.contains(&draft.id), "{written:?}");
    assert!(
        doomed_links.iter().all(|l| !written.contains(l)),
        "{written:?} {doomed_links:?}"
    );
    assert_eq!(written.len(), jsonl.lines().count());
    // The three changes are three undo steps, newest first.
    let mut labels = Vec::new();
    for _ in 0..3 {
        let state = harness.state();
        labels.push(state.document().history.undo_label().unwrap().to_string());
        harness.state_mut().push(Action::Command(Command::Undo));
        harness.step();
    }
    assert_eq!(labels, ["delete claim", "set Curated", "import article"]);
    // Undone, the records are those of the start (ids are never reused, so
    // the id counters stay where they were).
    let undone = harness.state().project();
    assert!(undone.articles == project.articles, "articles differ");
    assert!(undone.claims == project.claims, "claims differ");
    assert!(undone.links == project.links, "links differ");
}
