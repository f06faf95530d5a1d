//! Whole-window frames of the real `App` on a big project, headless
//! (egui_kittest drives `App::ui`; no GPU, so no tessellation here — the
//! reading-view bench covers tessellation). The pairs table holds 20,000
//! rows: a frame must not grow with the number of rows (virtualised table,
//! rows built once per revision).
//!
//! `cargo bench --bench app_frames`

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use riposte::bench_support::{CorpusSpec, corpus};
use riposte::model::LinkId;
use riposte::ui::{Action, App, Startup};

fn big_project_harness(dir: &std::path::Path) -> Harness<'static, App> {
    let spec = CorpusSpec {
        articles: 2_000,
        claims: 40_000,
        links: 20_000,
        seed: 1,
    };
    let project = corpus(&spec).unwrap_or_default();
    let path = dir.join("big.ron");
    if let Err(error) = riposte::io::save(&path, &project) {
        panic!("cannot write the bench project: {error}");
    }
    let startup = Startup::for_tests(Some(path));
    let mut harness = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_eframe(move |cc| App::new(cc, startup));
    // Let the background load finish.
    for _ in 0..10_000 {
        harness.step();
        if !harness.state().is_busy() && harness.state().project().links.len() == 20_000 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert_eq!(harness.state().visible_pair_count(), 20_000);
    harness.step();
    harness
}

fn wheel(harness: &mut Harness<'static, App>, pages: f32) {
    harness.hover_at(egui::pos2(400.0, 760.0));
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, pages),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
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
            wheel(&mut harness, if down { -3.0 } else { 3.0 });
            harness.step();
        })
    });
    let mut link = 1;
    group.bench_function("select a pair row", |b| {
        b.iter(|| {
            link = (link + 97) % 20_000 + 1;
            harness
                .state_mut()
                .push(Action::SelectLink(Some(LinkId::untagged(link))));
            harness.step();
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, app_frames);
criterion_main!(benches);
