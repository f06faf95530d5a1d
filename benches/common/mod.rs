//! What the whole-window benchmarks share: the real `App` on a generated
//! project, opened from a file as the window opens it.

// Each bench includes this module and uses part of it.
#![allow(dead_code)]

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::Bencher;

use egui_kittest::Harness;
use riposte::bench_support::{CorpusSpec, corpus};
use riposte::ui::{App, Startup};

pub type AppHarness = Harness<'static, App>;

/// The App at 1440×900 on the project `spec` generates, written to
/// `dir/big.ron` and opened (the background load waited for); `startup`
/// may set what the test startup leaves off (autosave, cache).
pub fn project_harness(
    dir: &Path,
    spec: &CorpusSpec,
    startup: impl FnOnce(&mut Startup),
) -> AppHarness {
    let project = corpus(spec).unwrap_or_default();
    let path = dir.join("big.ron");
    if let Err(error) = riposte::io::save(&path, &project) {
        panic!("cannot write the bench project: {error}");
    }
    let mut options = Startup::for_tests(Some(path));
    startup(&mut options);
    // The generator's text holds a few emoji the bundled fonts lack (skin
    // tone modifiers at 10×): drawn as boxes, as the window draws them,
    // rather than failing the run as kittest does by default.
    let mut harness = Harness::builder()
        .with_size([1440.0, 900.0])
        .allow_missing_glyphs()
        .build_eframe(move |cc| App::new(cc, options));
    let links = spec.links;
    // Let the background load finish (minutes in a debug build).
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(600) {
        harness.step();
        if !harness.state().is_busy() && harness.state().project().links.len() == links {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    // The frame after the load draws (and fills) the pairs table.
    harness.step();
    assert_eq!(harness.state().visible_pair_count(), links);
    harness
}

/// Steps until background jobs are done.
pub fn settle_jobs(harness: &mut AppHarness) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(600) {
        harness.step();
        if !harness.state().is_busy() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    harness.step();
    harness.step();
}

/// Times `input` and the two frames after it; `reset` (untimed, two
/// frames) puts things back for the next sample.
pub fn timed(
    b: &mut Bencher<'_>,
    harness: &mut AppHarness,
    mut input: impl FnMut(&mut AppHarness),
    mut reset: impl FnMut(&mut AppHarness),
) {
    b.iter_custom(|iters| {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            let start = Instant::now();
            input(harness);
            harness.step();
            harness.step();
            total += start.elapsed();
            reset(harness);
            harness.step();
            harness.step();
        }
        total
    });
}

/// The mouse wheel turned `lines` lines with the pointer at `at`.
pub fn wheel(harness: &mut AppHarness, at: egui::Pos2, lines: f32) {
    harness.hover_at(at);
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, lines),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
}
