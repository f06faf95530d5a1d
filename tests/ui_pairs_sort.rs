//! The pairs table sorting a big project: the sort runs on a thread of its
//! own, the table keeps its rows and says "Sorting…" meanwhile, then shows
//! the rows in the new order, with an edit made meanwhile in place.

mod ui_support;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use riposte::bench_support::{CorpusSpec, corpus};
use riposte::model::{Edit, PairQuery, PairSort, PairView, RecordIds};
use riposte::ui::{Action, Startup};
use ui_support::window;

/// Enough links that a new sort runs on another thread.
const LINKS: usize = 12_000;

#[test]
fn a_big_sort_runs_beside_the_window_and_takes_the_edits_made_meanwhile() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    let spec = CorpusSpec {
        articles: 120,
        claims: LINKS * 2,
        links: LINKS,
        seed: 7,
    };
    let project = corpus(&spec).expect("generates");
    riposte::io::save(&path, &project).expect("writes");
    let mut harness = window(Startup::for_tests(Some(path)));
    assert_eq!(harness.state().visible_pair_count(), LINKS);

    let header = harness
        .query_by_role_and_label(Role::Button, "Claim")
        .expect("a Claim header");
    header.click();
    harness.step();
    // The frame after the click starts the sort: it cannot have been
    // taken yet, so the table says so and keeps every row.
    harness.step();
    assert!(
        harness.query_by_label("Sorting…").is_some(),
        "no Sorting… note"
    );
    assert_eq!(harness.state().visible_pair_count(), LINKS);

    // An edit while the sort runs: the sorted rows must not bring the
    // deleted link back.
    let gone = harness.state().project().links[LINKS / 2].id;
    let ids = RecordIds {
        links: vec![gone],
        ..RecordIds::default()
    };
    harness.state_mut().push(Action::Edit(Edit::Delete(ids)));
    for _ in 0..2000 {
        harness.step();
        if harness.query_by_label("Sorting…").is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(
        harness.query_by_label("Sorting…").is_none(),
        "the sort never ended"
    );
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Claim ▲")
            .is_some()
    );

    let doc = harness.state().document();
    let mut expected = PairView::default();
    let query = PairQuery {
        sort: PairSort::Claim,
        ..PairQuery::default()
    };
    expected.refresh_sorting_on_thread_from(&doc.index, &doc.history, &query, usize::MAX);
    assert_eq!(expected.visible().len(), LINKS - 1);
    assert!(!expected.visible().contains(&gone));
    assert_eq!(harness.state().visible_pairs(), expected.visible());
}
