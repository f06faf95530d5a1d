//! Frame times of the reading view on a 1 MB article with 5,000 claims,
//! headless: one `egui::Context`, `run_ui` + `tessellate` per frame.
//!
//! Run: `cargo bench --bench reading_view`. Targets: interaction frames
//! ≤ 8 ms, steady frames ≤ 1 ms, first text ≤ 50 ms.

use std::hint::black_box;
use std::ops::Range;

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Modifiers, PointerButton, Pos2, RawInput, Rect, pos2};
use riposte::model::{Article, ArticleId, ArticleMeta, ClaimId, content_hash};
use riposte::ui::reading_view::{Highlight, HighlightLook, ReadingStyle, ReadingView};

const TARGET_BYTES: usize = 1_000_000;
const CLAIMS: usize = 5_000;
const SCREEN: Rect = Rect::from_min_max(Pos2::ZERO, pos2(1280.0, 800.0));

/// Deterministic pseudo-random numbers (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn seed_sentences() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut sentences = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for s in text.split_inclusive(". ") {
            let s = s.trim();
            if s.len() > 20 {
                sentences.push(s.to_string());
            }
        }
    }
    if sentences.is_empty() {
        sentences.push("The EU Mission categorically denied this publication as false.".into());
    }
    sentences
}

/// About 1 MB of paragraphs recombined from the seed sentences, sprinkled
/// with Azerbaijani, Russian, Armenian and Georgian words and emoji.
fn article() -> Article {
    let extras = [
        "Səfirlik bəyanat yaydı.",
        "Посольство опровергло эту информацию.",
        "Դեսպանատունը հերքել է։",
        "საელჩომ განცხადება გაავრცელა.",
        "🙂",
        "🇦🇿",
        "Milli Məclis",
        "«Мусават»",
    ];
    let sentences = seed_sentences();
    let mut rng = Lcg(7);
    let mut text = String::with_capacity(TARGET_BYTES + 4096);
    while text.len() < TARGET_BYTES {
        for _ in 0..3 + rng.next(6) {
            text.push_str(&sentences[rng.next(sentences.len())]);
            text.push(' ');
            if rng.next(3) == 0 {
                text.push_str(extras[rng.next(extras.len())]);
                text.push(' ');
            }
        }
        text.pop();
        text.push_str("\n\n");
    }
    Article {
        id: ArticleId::untagged(1),
        meta: ArticleMeta::default(),
        imported_at: Default::default(),
        content_hash: content_hash(&text),
        text: text.into(),
    }
}

/// 5,000 claims on char boundaries, sorted by start; some nest or overlap.
fn highlights(text: &str) -> Vec<Highlight> {
    let looks = [
        HighlightLook::Unanswered,
        HighlightLook::Answered,
        HighlightLook::Response,
        HighlightLook::Flagged,
    ];
    let mut rng = Lcg(11);
    let mut out: Vec<Highlight> = (0..CLAIMS)
        .map(|i| {
            let start = floor(text, rng.next(text.len()));
            let end = floor(text, (start + 20 + rng.next(200)).min(text.len()));
            Highlight {
                range: start..end.max(start),
                claim: ClaimId::untagged(i as u32 + 1),
                look: looks[rng.next(looks.len())],
            }
        })
        .collect();
    out.sort_by_key(|h| h.range.start);
    out
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A view at the app's default reading size (`theme::DEFAULT_READING_SIZE`).
fn new_view() -> ReadingView {
    let mut view = ReadingView::new();
    view.set_style(ReadingStyle {
        font_size: Some(17.0),
        ..ReadingStyle::default()
    });
    view
}

fn input(events: Vec<Event>) -> RawInput {
    input_on(SCREEN, events)
}

fn input_on(screen: Rect, events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(screen),
        events,
        ..RawInput::default()
    }
}

struct Bench {
    ctx: egui::Context,
    view: ReadingView,
    article: Article,
    highlights: Vec<Highlight>,
    revision: u64,
    screen: Rect,
}

impl Bench {
    fn new() -> Bench {
        let article = article();
        let highlights = highlights(&article.text);
        let bench = Bench {
            ctx: egui::Context::default(),
            view: new_view(),
            article,
            highlights,
            revision: 1,
            screen: SCREEN,
        };
        // Load fonts and warm the glyph atlas.
        bench.empty_frame();
        bench
    }

    /// One frame of the view plus tessellation, as the app would run it;
    /// returns the number of vertices drawn.
    fn frame(&mut self, events: Vec<Event>) -> usize {
        let Bench {
            ctx,
            view,
            article,
            highlights,
            revision,
            screen,
        } = self;
        let mut output = ctx.run_ui(input_on(*screen, events), |ui| {
            black_box(view.ui(
                ui,
                article,
                highlights,
                Some(ClaimId::untagged(3)),
                *revision,
            ));
        });
        // No GPU here: font-atlas uploads are dropped on purpose.
        output.textures_delta.clear();
        let ppp = output.pixels_per_point;
        ctx.tessellate(std::mem::take(&mut output.shapes), ppp)
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum()
    }

    /// A frame without the view, so egui's own galley cache forgets it.
    fn empty_frame(&self) {
        let output = self.ctx.run_ui(input(Vec::new()), |ui| {
            ui.label("");
        });
        black_box(output.shapes.len());
        output.drop_without_applying_deltas();
    }
}

fn press(pos: Pos2, pressed: bool) -> Event {
    Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    }
}

fn benches(c: &mut Criterion) {
    let mut b = Bench::new();
    let mut group = c.benchmark_group("reading_view");
    group.sample_size(30);

    // Setup (flushing egui's galley cache, a fresh view) is not timed.
    group.bench_function("first_frame_cold", |bench| {
        bench.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                b.empty_frame();
                b.empty_frame();
                b.view = new_view();
                let t = Instant::now();
                black_box(b.frame(Vec::new()));
                total += t.elapsed();
            }
            total
        });
    });

    for _ in 0..3 {
        b.frame(Vec::new());
    }
    // Sanity: the frames measured really draw a screenful of text.
    eprintln!(
        "article: {} bytes, {} paragraphs, {} claims; steady frame draws {} vertices",
        b.article.text.len(),
        b.article.text.matches("\n\n").count(),
        b.highlights.len(),
        b.frame(Vec::new())
    );
    group.bench_function("steady", |bench| bench.iter(|| b.frame(Vec::new())));

    let mut step = 0usize;
    group.bench_function("scroll", |bench| {
        bench.iter(|| {
            // Down in 60 pt steps over ~120,000 pt, then back to the top.
            step = (step + 1) % 2000;
            b.view.set_scroll_offset(step as f32 * 60.0);
            b.frame(Vec::new())
        });
    });

    let mut claim = 0usize;
    group.bench_function("jump_to_claim", |bench| {
        bench.iter(|| {
            claim = (claim + 397) % CLAIMS;
            let range: Range<usize> = b.highlights[claim].range.clone();
            b.view.scroll_to(range);
            b.frame(Vec::new())
        });
    });

    b.view.set_scroll_offset(40_000.0);
    b.frame(Vec::new());
    let mut x = 0.0f32;
    group.bench_function("hover", |bench| {
        bench.iter(|| {
            x = (x + 7.0) % 700.0;
            b.frame(vec![Event::PointerMoved(pos2(300.0 + x, 200.0 + x * 0.5))])
        });
    });

    b.frame(vec![press(pos2(320.0, 120.0), true)]);
    let mut y = 0.0f32;
    group.bench_function("select_drag", |bench| {
        bench.iter(|| {
            y = (y + 3.0) % 500.0;
            b.frame(vec![Event::PointerMoved(pos2(500.0, 150.0 + y))])
        });
    });
    b.frame(vec![press(pos2(500.0, 400.0), false)]);
    eprintln!(
        "after scrolling to 40,000 pt and dragging: offset {}, selection {:?}",
        b.view.scroll_offset(),
        b.view.selection()
    );

    // One more claim on screen each time (alternating with the original
    // set), with the revision bumped, as after "Mark as claim" and undo.
    let original = b.highlights.clone();
    let mut marked = original.clone();
    let visible_start = b.view.selection().map_or(0, |r| r.start);
    let end = floor(
        &b.article.text,
        (visible_start + 40).min(b.article.text.len()),
    );
    marked.push(Highlight {
        range: visible_start..end,
        claim: ClaimId::untagged(CLAIMS as u32 + 1),
        look: HighlightLook::Unanswered,
    });
    marked.sort_by_key(|h| h.range.start);
    let mut toggle = false;
    group.bench_function("mark_and_undo", |bench| {
        bench.iter(|| {
            toggle = !toggle;
            b.highlights = if toggle {
                marked.clone()
            } else {
                original.clone()
            };
            b.revision += 1;
            b.frame(Vec::new())
        });
    });
    b.highlights = original;

    // The window is resized every frame, narrower than the text column, so
    // every visible paragraph wraps anew and all heights are re-estimated.
    let mut narrow = false;
    group.bench_function("resize", |bench| {
        bench.iter(|| {
            narrow = !narrow;
            let width = if narrow { 640.0 } else { 700.0 };
            b.screen = Rect::from_min_max(Pos2::ZERO, pos2(width, 800.0));
            b.frame(Vec::new())
        });
    });
    b.screen = SCREEN;

    // The worst text shape: the whole article as one paragraph.
    let mut one = b.article.clone();
    // Same length, so the claims' offsets still fit.
    one.text = one.text.replace("\n\n", "  ").into();
    one.id = ArticleId::untagged(2);
    group.bench_function("first_frame_cold_single_paragraph", |bench| {
        let original = std::mem::replace(&mut b.article, one.clone());
        bench.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                b.empty_frame();
                b.empty_frame();
                b.view = new_view();
                let t = Instant::now();
                black_box(b.frame(Vec::new()));
                total += t.elapsed();
            }
            total
        });
        b.article = original;
    });

    // Reference: the whole article as one LayoutJob, laid out once.
    group.sample_size(10);
    group.bench_function("naive_whole_text_layout", |bench| {
        bench.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                b.empty_frame();
                b.empty_frame();
                let job = naive_job(&b.article.text, &b.highlights);
                let t = Instant::now();
                black_box(b.ctx.fonts_mut(|f| f.layout_job(job)).rows.len());
                total += t.elapsed();
            }
            total
        });
    });
    group.finish();
}

fn naive_job(text: &str, highlights: &[Highlight]) -> egui::text::LayoutJob {
    let font = egui::FontId::proportional(17.0);
    let plain = egui::TextFormat::simple(font, egui::Color32::BLACK);
    let marked = egui::TextFormat {
        background: egui::Color32::from_rgba_unmultiplied(255, 184, 0, 80),
        ..plain.clone()
    };
    let mut job = egui::text::LayoutJob {
        wrap: egui::text::TextWrapping::wrap_at_width(720.0),
        ..Default::default()
    };
    let mut at = 0;
    for h in highlights {
        if h.range.start < at {
            continue;
        }
        job.append(&text[at..h.range.start], 0.0, plain.clone());
        job.append(&text[h.range.clone()], 0.0, marked.clone());
        at = h.range.end;
    }
    job.append(&text[at..], 0.0, plain);
    job
}

criterion_group!(reading_view, benches);
criterion_main!(reading_view);
