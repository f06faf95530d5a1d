//! Whole-window frames of the real `App` on a big project, headless
//! (egui_kittest drives `App::ui`; no GPU, so no tessellation here — the
//! reading-view bench covers tessellation). The pairs table holds 20,000
//! rows: a frame must not grow with the number of rows (virtualised table,
//! rows built once per revision).
//!
//! An interaction is timed as the frame that takes the input (or applies
//! the action) plus the next frame, which draws its result; the steady
//! frame of the same run is the reference. Edits are undone between
//! samples (untimed), so every sample starts from the same project.
//!
//! `cargo bench --bench app_frames`

use std::time::{Duration, Instant};

use criterion::{Bencher, Criterion, criterion_group, criterion_main};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use riposte::bench_support::CorpusSpec;
use riposte::model::{ClaimId, Edit, LinkId, Project, RecordIds, Relation, Status};
use riposte::ui::Action;
use riposte::ui::action::LinkChange;
use riposte::ui::commands::Command;

mod common;
use common::{AppHarness, project_harness, settle_jobs, timed, wheel};

/// How many times the 20,000-pair project: `RIPOSTE_BENCH_SCALE=10` runs
/// every group on 20,000 articles, 400,000 claims and 200,000 links (the
/// group names keep saying "20k"; the run's note says which scale).
fn scale() -> usize {
    std::env::var("RIPOSTE_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

fn big_project_harness(dir: &std::path::Path) -> AppHarness {
    let spec = CorpusSpec {
        articles: 2_000 * scale(),
        claims: 40_000 * scale(),
        links: 20_000 * scale(),
        seed: 1,
    };
    project_harness(dir, &spec, |_| {})
}

fn undo(harness: &mut AppHarness) {
    harness.state_mut().push(Action::Command(Command::Undo));
}

fn push(harness: &mut AppHarness, action: Action) {
    harness.state_mut().push(action);
}

/// Types `e` into the text field named `label` and deletes it again
/// (untimed): every sample is one keystroke into an empty field.
fn typing(b: &mut Bencher<'_>, harness: &mut AppHarness, label: &str) {
    typing_letters(b, harness, label, "e");
}

/// Types one of `letters` (in turn) into the field labelled `label`, then
/// Backspace (untimed).
fn typing_letters(b: &mut Bencher<'_>, harness: &mut AppHarness, label: &str, letters: &str) {
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, label)
        .focus();
    harness.step();
    let mut letters = letters.chars().cycle();
    timed(
        b,
        harness,
        |h| {
            let letter = letters.next().unwrap_or('e');
            h.event(egui::Event::Text(letter.to_string()));
        },
        |h| h.key_press(Key::Backspace),
    );
    harness.key_press(Key::Escape);
    harness.step();
}

/// Clicks the pairs table's column header `name` (its label carries an
/// arrow when the table is sorted by it).
fn click_header(harness: &mut AppHarness, name: &str) {
    let labels = [name.to_string(), format!("{name} ▲"), format!("{name} ▼")];
    let role = egui::accesskit::Role::Button;
    let header = labels
        .iter()
        .find_map(|label| harness.query_by_role_and_label(role, label));
    match header {
        Some(header) => header.click(),
        None => panic!("no {name} header"),
    }
}

/// Lets a sort running on another thread end (untimed), then draws its rows.
fn settle_sort(harness: &mut AppHarness) {
    wait_for_sort(harness);
    harness.step();
    harness.step();
}

/// Waits, without drawing, until the pairs table's sort on another thread
/// has ended; the next frame takes its rows.
fn wait_for_sort(harness: &mut AppHarness) {
    while harness.state().pairs_sorting() {
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// A claim with links, two claims of different articles not linked to
/// each other, and a link.
struct Targets {
    linked_claim: ClaimId,
    across: (ClaimId, ClaimId),
    link: LinkId,
}

fn targets(project: &Project) -> Targets {
    let link = &project.links[project.links.len() / 2];
    let first = &project.claims[1];
    let other = project
        .claims
        .iter()
        .rev()
        .find(|c| c.article != first.article)
        .map_or(first.id, |c| c.id);
    Targets {
        linked_claim: link.claim,
        across: (first.id, other),
        link: link.id,
    }
}

/// The records (undo keeps id counters moving on, so not the whole project).
fn records(harness: &AppHarness) -> Project {
    let project = harness.state().project();
    Project {
        articles: project.articles.clone(),
        claims: project.claims.clone(),
        links: project.links.clone(),
        ..Project::default()
    }
}

/// Applies `action` and undoes it once, untimed: the bench measures what
/// it says (the edit happens, the undo restores the records).
fn check_edit(harness: &mut AppHarness, action: Action, what: &str) {
    let before = records(harness);
    push(harness, action);
    harness.step();
    harness.step();
    assert!(records(harness) != before, "{what}: no change");
    undo(harness);
    harness.step();
    harness.step();
    assert!(records(harness) == before, "{what}: undo did not restore");
}

fn check_edits(harness: &mut AppHarness, t: &Targets) {
    let change = LinkChange::Status(Status::Rejected);
    check_edit(
        harness,
        Action::ChangeLink {
            link: t.link,
            change,
        },
        "status",
    );
    let (claim, response) = t.across;
    let relation = Relation::Refutes;
    let pair = Action::LinkExisting {
        claim,
        response,
        relation,
    };
    check_edit(harness, pair, "pair");
    let ids = RecordIds {
        claims: vec![t.linked_claim],
        ..RecordIds::default()
    };
    check_edit(harness, Action::Edit(Edit::Delete(ids)), "delete");
}

fn edit_frames(c: &mut Criterion, harness: &mut AppHarness) {
    let t = targets(harness.state().project());
    check_edits(harness, &t);
    let mut group = c.benchmark_group("app 20k pairs: edits");
    group.sample_size(20);
    group.bench_function("steady frame", |b| b.iter(|| harness.step()));
    let statuses = [Status::Draft, Status::Curated, Status::Rejected];
    let mut turn = 0;
    group.bench_function("change a link's status", |b| {
        let status = harness
            .state()
            .project()
            .link(t.link)
            .map(|l| l.info.status);
        let other = statuses.into_iter().find(|s| Some(*s) != status);
        let change = LinkChange::Status(other.unwrap_or(Status::Curated));
        let action = move || Action::ChangeLink {
            link: t.link,
            change: change.clone(),
        };
        timed(b, harness, |h| push(h, action()), undo)
    });
    group.bench_function("change a link's relation", |b| {
        timed(
            b,
            harness,
            |h| {
                turn += 1;
                let relation = Relation::ALL[turn % Relation::ALL.len()];
                let change = LinkChange::Relation(relation);
                push(
                    h,
                    Action::ChangeLink {
                        link: t.link,
                        change,
                    },
                );
            },
            undo,
        )
    });
    group.bench_function("pair two claims of different articles", |b| {
        let (claim, response) = t.across;
        let action = move || Action::LinkExisting {
            claim,
            response,
            relation: Relation::Refutes,
        };
        timed(b, harness, |h| push(h, action()), undo)
    });
    group.bench_function("delete a claim that has links", |b| {
        let ids = RecordIds {
            claims: vec![t.linked_claim],
            ..RecordIds::default()
        };
        let action = move || Action::Edit(Edit::Delete(ids.clone()));
        timed(b, harness, |h| push(h, action()), undo)
    });
    group.bench_function("undo (then redo, untimed)", |b| {
        push(
            harness,
            Action::ChangeLink {
                link: t.link,
                change: LinkChange::Note("bench".into()),
            },
        );
        harness.step();
        timed(b, harness, undo, |h| {
            push(h, Action::Command(Command::Redo))
        })
    });
    group.bench_function("redo (then undo, untimed)", |b| {
        undo(harness);
        harness.step();
        timed(
            b,
            harness,
            |h| push(h, Action::Command(Command::Redo)),
            undo,
        )
    });
    mark_frames(&mut group, harness, t.across.0);
    group.finish();
}

/// Marking a claim in the open article (selection, then M).
fn mark_frames(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    harness: &mut AppHarness,
    near: ClaimId,
) {
    let Some(claim) = harness.state().project().claim(near).cloned() else {
        return;
    };
    push(harness, Action::OpenArticle(claim.article));
    harness.step();
    harness.step();
    let text = harness
        .state()
        .project()
        .article(claim.article)
        .map(|a| a.text.clone())
        .unwrap_or_default();
    let end = (0..=text.len().min(40))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    group.bench_function("mark a claim (selection, M)", |b| {
        timed(
            b,
            harness,
            |h| {
                h.state_mut().reading_view_mut().set_selection(Some(0..end));
                h.key_press(Key::M);
            },
            undo,
        )
    });
}

fn browse_frames(c: &mut Criterion, harness: &mut AppHarness) {
    let t = targets(harness.state().project());
    let mut group = c.benchmark_group("app 20k pairs: browse and type");
    group.sample_size(20);
    group.bench_function("steady frame", |b| b.iter(|| harness.step()));
    group.bench_function("type in the pairs text filter", |b| {
        typing(b, harness, "Text filter")
    });
    // A different letter each time: no view of an earlier query is kept
    // for it, so every row is filtered and sorted again.
    group.bench_function("type a new letter in the pairs text filter", |b| {
        typing_letters(b, harness, "Text filter", "abcdefghijklmnopqrstuvwxyz")
    });
    group.bench_function("type in the articles filter", |b| {
        typing(b, harness, "Filter")
    });
    let mut by_days = false;
    // Both sorts are among the table's kept views after the first clicks.
    group.bench_function("change the pairs sort back (header click)", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                by_days = !by_days;
                click_header(harness, if by_days { "Days" } else { "Claim" });
                harness.step();
                harness.step();
            }
            start.elapsed()
        })
    });
    // Five other sorts first (untimed), so that no kept view holds the
    // quote order: every row is sorted by quote again. From 10,000 rows
    // on, that sort runs on another thread: the click's frame only starts
    // it (the table keeps its rows and says "Sorting…"); the first frame
    // after it ends draws the sorted rows. Both are timed (the click as
    // every interaction here: its events' frames and two more), and the
    // whole wait.
    let fresh_sort_by_quote = |harness: &mut AppHarness| {
        for name in ["Relation", "Relation", "Days", "Days", "Status"] {
            click_header(harness, name);
            settle_sort(harness);
        }
        let start = Instant::now();
        click_header(harness, "Claim");
        harness.step();
        harness.step();
        start.elapsed()
    };
    group.bench_function("sort by quote, not sorted recently (header click)", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| {
                    let took = fresh_sort_by_quote(harness);
                    settle_sort(harness);
                    took
                })
                .sum()
        })
    });
    group.bench_function(
        "sort by quote, not sorted recently: the frame starting the sort",
        |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| {
                        for name in ["Relation", "Relation", "Days", "Days", "Status"] {
                            click_header(harness, name);
                            settle_sort(harness);
                        }
                        // The click's own frames (pointer moved, pressed,
                        // released: the query changes in the last).
                        click_header(harness, "Claim");
                        harness.step();
                        let start = Instant::now();
                        harness.step();
                        let took = start.elapsed();
                        settle_sort(harness);
                        took
                    })
                    .sum()
            })
        },
    );
    group.bench_function(
        "sort by quote, not sorted recently: the frame showing the sorted rows",
        |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| {
                        fresh_sort_by_quote(harness);
                        wait_for_sort(harness);
                        let start = Instant::now();
                        harness.step();
                        start.elapsed()
                    })
                    .sum()
            })
        },
    );
    group.bench_function(
        "diag sort by quote, not sorted recently: click until the sorted rows are drawn",
        |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| {
                        let start = fresh_sort_by_quote(harness);
                        let rest = Instant::now();
                        // As the window does: a frame each time it looks.
                        while harness.state().pairs_sorting() {
                            harness.step();
                        }
                        harness.step();
                        start + rest.elapsed()
                    })
                    .sum()
            })
        },
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.step();
    harness.step();
    group.bench_function("type a search (Ctrl+F)", |b| typing(b, harness, "Search"));
    push(harness, Action::SelectClaim(Some(t.across.0)));
    harness.step();
    harness.key_press(Key::L);
    harness.step();
    harness.step();
    assert!(
        harness.query_by_label("Find claim").is_some(),
        "L opens the picker"
    );
    // L on an open picker opens a fresh one (no candidates found yet).
    group.bench_function("open the link picker (L)", |b| {
        timed(b, harness, |h| h.key_press(Key::L), |_| {})
    });
    harness.key_press(Key::L);
    harness.step();
    harness.step();
    group.bench_function("type in the link picker", |b| {
        typing(b, harness, "Find claim")
    });
    group.finish();
}

/// The Timeline tab on the same 20,000 pairs (issue 16): its interaction
/// frames beside the tab's own steady frame. A filter or lanes change
/// starts the layout job in the background; the frames timed are the ones
/// the analyst waits for.
fn timeline_frames(c: &mut Criterion, harness: &mut AppHarness) {
    push(harness, Action::SelectLink(None));
    harness.step();
    harness.get_by_label("Timeline").click();
    settle_jobs(harness);
    let mut group = c.benchmark_group("timeline 20k pairs");
    group.sample_size(20);
    group.bench_function("steady frame", |b| b.iter(|| harness.step()));
    let mut left = true;
    group.bench_function("hover over the plot", |b| {
        b.iter(|| {
            left = !left;
            let x = if left { 420.0 } else { 760.0 };
            harness.hover_at(egui::pos2(x, 820.0));
            harness.step();
        })
    });
    group.bench_function("zoom in", |b| {
        timed(
            b,
            harness,
            |h| h.get_by_label("Zoom in").click(),
            |h| h.get_by_label("Zoom out").click(),
        )
    });
    let draft = |h: &mut AppHarness| {
        h.get_by_role_and_label(egui::accesskit::Role::CheckBox, "Draft")
            .click()
    };
    group.bench_function("filter: hide drafts", |b| timed(b, harness, draft, draft));
    let pan = |h: &mut AppHarness, lines: f32| {
        h.hover_at(egui::pos2(600.0, 820.0));
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(lines, 0.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
    };
    group.bench_function("pan (scroll sideways)", |b| {
        timed(b, harness, |h| pan(h, -3.0), |h| pan(h, 3.0))
    });
    group.finish();
    // Back to the Pairs tab the other groups work in.
    harness.get_by_label("Pairs").click();
    settle_jobs(harness);
}

fn app_frames(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("riposte-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let mut harness = big_project_harness(&dir);
    let mut group = c.benchmark_group("app 20k pairs");
    group.sample_size(20);
    group.bench_function("steady frame", |b| b.iter(|| harness.step()));
    let mut down = true;
    let mut count = 0;
    group.bench_function("pairs table scroll frame", |b| {
        b.iter(|| {
            count += 1;
            if count % 200 == 0 {
                down = !down;
            }
            wheel(
                &mut harness,
                egui::pos2(400.0, 760.0),
                if down { -3.0 } else { 3.0 },
            );
            harness.step();
        })
    });
    let mut link = 1;
    group.bench_function("select a pair row", |b| {
        b.iter(|| {
            link = (link + 97) % (20_000 * scale() as u32) + 1;
            harness
                .state_mut()
                .push(Action::SelectLink(Some(LinkId::untagged(link))));
            harness.step();
        })
    });
    group.finish();
    timeline_frames(c, &mut harness);
    edit_frames(c, &mut harness);
    browse_frames(c, &mut harness);
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, app_frames);
criterion_main!(benches);
