//! The article text editor on a 1 MB article: the real App driven by
//! egui_kittest (no GPU, so no tessellation), editor open.
//!
//! Run: `nice cargo bench --bench text_editor`. Target: a keystroke (with
//! the two frames after it) ≤ 16 ms. References in the same run: the old
//! editor (one `TextEdit` over the whole text in a window, driven the same
//! way), and one plain egui frame laying the changed 1 MB text out once.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Key, RawInput, Rect, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use riposte::bench_support::long_article;
use riposte::ui::commands::Command;
use riposte::ui::text_editor::{BLOCK_BYTES, BlockStore};
use riposte::ui::{Action, App, Startup};

mod common;
use common::{AppHarness, settle_jobs, timed, wheel};

const FIRST_BLOCK: &str = "Article text (editing), part 1 of";

/// The App on a project with one ~1 MB article (500 claims), the article
/// open and its text editor open.
fn editor_harness(dir: &std::path::Path) -> (AppHarness, String) {
    let project = long_article(500, 100, 1).unwrap_or_default();
    let text = project
        .articles
        .first()
        .map(|a| a.text.to_string())
        .unwrap_or_default();
    let path = dir.join("long.ron");
    if let Err(error) = riposte::io::save(&path, &project) {
        panic!("cannot write the bench project: {error}");
    }
    let startup = Startup::for_tests(Some(path));
    let mut harness = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_eframe(move |cc| App::new(cc, startup));
    settle_jobs(&mut harness);
    let article = harness.state().project().articles[0].id;
    harness.state_mut().push(Action::OpenArticle(article));
    harness.step();
    open_editor(&mut harness);
    (harness, text)
}

fn open_editor(harness: &mut AppHarness) {
    harness
        .state_mut()
        .push(Action::Command(Command::EditArticleText));
    for _ in 0..3 {
        harness.step();
    }
}

/// The timed keystroke really edits the first block (its value grows by
/// one character and shrinks back).
fn check_typing_reaches_the_block(harness: &mut AppHarness) {
    let value = |h: &AppHarness| {
        h.get_by_label_contains(FIRST_BLOCK)
            .value()
            .unwrap_or_default()
    };
    let before = value(harness);
    harness.event(egui::Event::Text("e".into()));
    harness.step();
    harness.step();
    let typed = value(harness);
    assert_eq!(
        typed.chars().count(),
        before.chars().count() + 1,
        "the keystroke was typed"
    );
    harness.key_press(Key::Backspace);
    harness.step();
    harness.step();
    assert_eq!(value(harness), before);
}

fn editor_frames(c: &mut Criterion, harness: &mut AppHarness) {
    let field = harness.get_by_label_contains(FIRST_BLOCK);
    let centre = field.rect().center();
    field.focus();
    harness.step();
    check_typing_reaches_the_block(harness);
    let mut group = c.benchmark_group("text editor 1 MB");
    group.sample_size(20);
    group.bench_function("steady frame", |b| b.iter(|| harness.step()));
    group.bench_function("keystroke (+2 frames)", |b| {
        timed(
            b,
            harness,
            |h| h.event(egui::Event::Text("e".into())),
            |h| h.key_press(Key::Backspace),
        )
    });
    group.bench_function("Enter (+2 frames)", |b| {
        timed(
            b,
            harness,
            |h| h.key_press(Key::Enter),
            |h| h.key_press(Key::Backspace),
        )
    });
    let mut down = true;
    let mut count = 0;
    group.bench_function("scroll frame (wheel, 3 lines)", |b| {
        b.iter(|| {
            count += 1;
            if count % 300 == 0 {
                down = !down;
            }
            wheel(harness, centre, if down { -3.0 } else { 3.0 });
            harness.step();
        })
    });
    group.bench_function("open the editor (+3 frames)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                harness
                    .state_mut()
                    .push(Action::Command(Command::EditArticleText));
                let start = Instant::now();
                for _ in 0..3 {
                    harness.step();
                }
                total += start.elapsed();
            }
            total
        })
    });
    group.finish();
}

/// The old editor as the window drew it: one `TextEdit` over the whole
/// text in a scroll area inside a window, driven by egui_kittest like the
/// App above (AccessKit on), egui's default fonts (tofu for what they lack).
fn old_editor_harness(text: &str) -> Harness<'static, String> {
    Harness::builder()
        .with_size([1440.0, 900.0])
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, text: &mut String| {
                egui::Window::new("Edit article text")
                    .default_size([640.0, 520.0])
                    .show(ui.ctx(), |ui| {
                        egui::ScrollArea::vertical().show(ui, |ui| {
                            let label = ui.label("Article text (editing)");
                            ui.add(
                                egui::TextEdit::multiline(text)
                                    .desired_width(f32::INFINITY)
                                    .desired_rows(24),
                            )
                            .labelled_by(label.id);
                        });
                    });
            },
            text.to_string(),
        )
}

/// References in the same run: the old editor's steady frame and keystroke
/// (same protocol as above), and one frame of a plain egui context laying
/// the 1 MB text out cold in one `TextEdit` (no window, no AccessKit; the
/// reading view's naive reference does the same with a `LayoutJob`). The
/// text is cloned outside the timed frame's layout but inside the timing
/// (a 1 MB copy, well under a millisecond).
fn reference_frames(c: &mut Criterion, text: &str) {
    let mut old = old_editor_harness(text);
    old.run_steps(3);
    old.get_by_label("Article text (editing)").focus();
    old.run_steps(1);
    old.event(egui::Event::Text("e".into()));
    old.run_steps(2);
    assert_eq!(old.state().len(), text.len() + 1, "the keystroke was typed");
    old.key_press(Key::Backspace);
    old.run_steps(2);
    let mut group = c.benchmark_group("text editor 1 MB");
    group.sample_size(10);
    group.bench_function("reference: old editor steady frame", |b| {
        b.iter(|| old.step())
    });
    group.bench_function("reference: old editor keystroke (+2 frames)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                old.event(egui::Event::Text("e".into()));
                old.step();
                old.step();
                total += start.elapsed();
                old.key_press(Key::Backspace);
                old.step();
                old.step();
            }
            total
        })
    });
    assert_eq!(
        old.state().len(),
        text.len(),
        "typing and Backspace cancel out"
    );
    let ctx = egui::Context::default();
    let text = text.to_string();
    let frame = |with_text: bool| {
        let mut text = text.clone();
        let input = RawInput {
            screen_rect: Some(Rect::from_min_max(pos2(0.0, 0.0), pos2(640.0, 520.0))),
            ..RawInput::default()
        };
        let _ = ctx.run_ui(input, |ui| {
            if with_text {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    black_box(
                        ui.add(egui::TextEdit::multiline(&mut text).desired_width(f32::INFINITY)),
                    );
                });
            }
        });
    };
    group.bench_function("reference: one TextEdit, 1 MB laid out once", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                // Two frames without it: egui's galley cache lets it go.
                frame(false);
                frame(false);
                let start = Instant::now();
                frame(true);
                total += start.elapsed();
            }
            total
        })
    });
    group.finish();
}

fn text_editor(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("riposte-bench-editor-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let (mut harness, text) = editor_harness(&dir);
    let blocks = BlockStore::new(&text, BLOCK_BYTES).len();
    eprintln!("article: {} bytes, {blocks} editor blocks", text.len());
    editor_frames(c, &mut harness);
    reference_frames(c, &text);
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, text_editor);
criterion_main!(benches);
