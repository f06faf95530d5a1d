//! Frames of the real `App` while a save, an export, an import or an
//! autosave runs in the background, on the 33 MB project (2,000 articles,
//! 20,000 claims, 10,000 links): the window must not stall while its work
//! is written. Each start is timed as its input plus two frames (the
//! snapshot handed to the job is taken in the first); "a frame while …
//! runs" times single frames while the job is in flight, starting the job
//! again (untimed) whenever it ends. The steady frame of the same run is the
//! reference.
//!
//! `cargo bench --bench background_frames`

use std::cell::Cell;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use riposte::bench_support::CorpusSpec;
use riposte::io::export::ExportFormat;
use riposte::model::{Claim, Link, LinkId, Status, StatusFilter};
use riposte::ui::action::LinkChange;
use riposte::ui::commands::Command;
use riposte::ui::jobs::ExportRequest;
use riposte::ui::{Action, Startup};

mod common;
use common::{AppHarness, project_harness, settle_jobs};

const SPEC: CorpusSpec = CorpusSpec {
    articles: 2_000,
    claims: 20_000,
    links: 10_000,
    seed: 1,
};

/// A small edit, so that there is something to save; alternates a link's
/// status.
fn edit(harness: &mut AppHarness, turn: &Cell<usize>) {
    turn.set(turn.get() + 1);
    let status = [Status::Draft, Status::Curated][turn.get() % 2];
    harness.state_mut().push(Action::ChangeLink {
        link: LinkId::untagged(7),
        change: LinkChange::Status(status),
    });
    harness.step();
}

fn save(harness: &mut AppHarness) {
    harness.state_mut().push(Action::Command(Command::Save));
}

fn export(harness: &mut AppHarness, destination: &Path) {
    harness.state_mut().push(Action::Export(ExportRequest {
        format: ExportFormat::Jsonl,
        filter: StatusFilter::All,
        destination: destination.to_path_buf(),
    }));
}

/// Times `start` plus two frames; before each, `prepare` (untimed); after,
/// the job is waited for (untimed).
fn time_start(
    b: &mut criterion::Bencher<'_>,
    harness: &mut AppHarness,
    mut prepare: impl FnMut(&mut AppHarness),
    mut start: impl FnMut(&mut AppHarness),
) {
    b.iter_custom(|iters| {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            prepare(harness);
            let begun = Instant::now();
            start(harness);
            harness.step();
            harness.step();
            total += begun.elapsed();
            settle_jobs(harness);
        }
        total
    });
}

/// Times single frames while a job runs; `restart` starts it again
/// (untimed) whenever it has ended.
fn time_frames_during(
    b: &mut criterion::Bencher<'_>,
    harness: &mut AppHarness,
    mut restart: impl FnMut(&mut AppHarness),
) {
    b.iter_custom(|iters| {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            while !harness.state().is_busy() {
                restart(harness);
                harness.step();
            }
            let begun = Instant::now();
            harness.step();
            total += begun.elapsed();
        }
        total
    });
}

fn background_frames(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("riposte-bench-bg-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let data_dir = dir.join("data");
    let mut harness = project_harness(&dir, &SPEC, |startup: &mut Startup| {
        startup.data_dir = Some(data_dir);
    });
    let destination = dir.join("pairs.jsonl");
    let article = dir.join("article.txt");
    let text = "Bench article.\n\nThe ministry called the report groundless.\n";
    std::fs::write(&article, text).unwrap_or_else(|e| panic!("{e}"));
    let turn = Cell::new(0);
    let mut group = c.benchmark_group("background work, 33 MB project");
    group.sample_size(20);
    group.bench_function("steady frame", |b| b.iter(|| harness.step()));
    // References: the snapshot a job takes now, and what it cost when
    // claims and links were copied record by record.
    group.bench_function("reference: snapshot (Project::clone)", |b| {
        b.iter(|| harness.state().project().clone())
    });
    group.bench_function("reference: deep copy of every record", |b| {
        b.iter(|| {
            let project = harness.state().project();
            let claims: Vec<Claim> = project.claims.iter().map(|c| Claim::clone(c)).collect();
            let links: Vec<Link> = project.links.iter().map(|l| Link::clone(l)).collect();
            (project.articles.clone(), claims, links)
        })
    });
    group.bench_function("an edit (+ 2 frames)", |b| {
        time_start(b, &mut harness, |_| {}, |h| edit(h, &turn))
    });
    group.bench_function("save: Ctrl+S (+ 2 frames)", |b| {
        time_start(b, &mut harness, |h| edit(h, &turn), save)
    });
    group.bench_function("a frame while a save runs", |b| {
        time_frames_during(b, &mut harness, |h| {
            edit(h, &turn);
            save(h);
        })
    });
    group.bench_function("export: Export (+ 2 frames)", |b| {
        time_start(b, &mut harness, |_| {}, |h| export(h, &destination))
    });
    group.bench_function("a frame while an export runs", |b| {
        time_frames_during(b, &mut harness, |h| export(h, &destination))
    });
    group.bench_function("import one article (+ 2 frames)", |b| {
        let undo = |h: &mut AppHarness| {
            h.state_mut().push(Action::Command(Command::Undo));
            h.step();
        };
        let import = |h: &mut AppHarness| h.state_mut().push(Action::Import(vec![article.clone()]));
        time_start(b, &mut harness, undo, import)
    });
    // Every 20th edit starts an autosave write (its snapshot is taken in
    // the frame that applies the edit).
    group.bench_function("the edit that starts an autosave (+ 2 frames)", |b| {
        let nineteen = |h: &mut AppHarness| (0..19).for_each(|_| edit(h, &turn));
        time_start(b, &mut harness, nineteen, |h| edit(h, &turn))
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, background_frames);
criterion_main!(benches);
