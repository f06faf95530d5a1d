//! Renders the view headless to PNG files for a human to look at, with a
//! tiny CPU rasteriser over egui's tessellated meshes (no GPU needed).
//! Ignored by default: `cargo test --lib screenshot -- --ignored`, then
//! open `target/reading_view_light.png` and `..._dark.png`.

use std::collections::HashMap;
use std::sync::Arc;

use egui::epaint::{ClippedPrimitive, Primitive, Vertex};
use egui::{Color32, ColorImage, ImageData, Pos2, RawInput, Rect, TextureId, pos2};

use super::{Highlight, HighlightLook, ReadingView};
use crate::model::{Article, ArticleId, ArticleMeta, ClaimId};

const W: usize = 1000;
const H: usize = 640;

fn add_system_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    for name in [
        "NotoSans-Regular",
        "NotoSansArmenian-Regular",
        "NotoSansGeorgian-Regular",
    ] {
        let path = format!("/usr/share/fonts/truetype/noto/{name}.ttf");
        if let Ok(bytes) = std::fs::read(path) {
            let data = Arc::new(egui::FontData::from_owned(bytes));
            fonts.font_data.insert(name.to_string(), data);
            if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
                family.push(name.to_string());
            }
        }
    }
    ctx.set_fonts(fonts);
}

fn article() -> (Article, Vec<Highlight>) {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_7fa0120292ddc080.txt"
    ))
    .unwrap_or_default()
        + "\n\nSəfirlik bəyanat yaydı. Посольство опровергло эту информацию. \
           Դեսպանատունը հերքել է։ საელჩომ განცხადება გაავრცელა. 🙂";
    let find = |needle: &str, len: usize| {
        let start = text.find(needle).unwrap_or(0);
        start..start + len.min(text.len() - start)
    };
    let mut highlights = vec![
        Highlight {
            range: find("demanding a refutation", 60),
            claim: ClaimId::untagged(1),
            look: HighlightLook::Unanswered,
        },
        Highlight {
            range: find("met with the head", 120),
            claim: ClaimId::untagged(2),
            look: HighlightLook::Answered,
        },
        Highlight {
            range: find("Ambassador Peter", 30),
            claim: ClaimId::untagged(3),
            look: HighlightLook::Response,
        },
        Highlight {
            range: find("published false", 80),
            claim: ClaimId::untagged(4),
            look: HighlightLook::Flagged,
        },
        Highlight {
            range: find("The “Musavat” Party is demanding", 90),
            claim: ClaimId::untagged(5),
            look: HighlightLook::Unanswered,
        },
        Highlight {
            range: find("Посольство", 40),
            claim: ClaimId::untagged(6),
            look: HighlightLook::Answered,
        },
    ];
    highlights.sort_by_key(|h| h.range.start);
    let article = Article {
        id: ArticleId::untagged(1),
        meta: ArticleMeta::default(),
        imported_at: Default::default(),
        content_hash: crate::model::content_hash(&text),
        text: text.into(),
    };
    (article, highlights)
}

/// Runs a few frames (selecting some text) and rasterises the last one.
fn render(dark: bool) -> Vec<Color32> {
    let ctx = egui::Context::default();
    add_system_fonts(&ctx);
    ctx.set_visuals(if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    });
    let (article, highlights) = article();
    let mut view = ReadingView::new();
    // The app's default reading size.
    view.set_style(super::ReadingStyle {
        font_size: Some(16.5),
        ..super::ReadingStyle::default()
    });
    let mut textures: HashMap<TextureId, ColorImage> = HashMap::new();
    let mut last = Vec::new();
    let sel_start = article.text.find("diplomats").unwrap_or(0);
    view.set_selection(Some(sel_start..sel_start + 40));
    if dark {
        // Jump to the multilingual paragraph at the end: it flashes.
        let target = article.text.find("Посольство").unwrap_or(0);
        view.scroll_to(target..target + 30);
    }
    for frame in 0..4 {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(
                Pos2::ZERO,
                egui::vec2(W as f32, H as f32),
            )),
            events: if frame == 3 {
                vec![egui::Event::PointerMoved(pos2(300.0, 60.0))]
            } else {
                vec![]
            },
            ..RawInput::default()
        };
        let mut out = ctx.run_ui(input, |ui| {
            egui::Frame::central_panel(ui.style()).show(ui, |ui| {
                view.ui(ui, &article, &highlights, Some(ClaimId::untagged(2)), 1);
            });
        });
        for (id, deltas) in &out.textures_delta.set {
            for delta in deltas {
                apply_delta(&mut textures, *id, delta);
            }
        }
        out.textures_delta.clear();
        last = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
    }
    rasterise(
        &last,
        &textures,
        if dark {
            Color32::from_gray(27)
        } else {
            Color32::from_gray(248)
        },
    )
}

fn apply_delta(
    textures: &mut HashMap<TextureId, ColorImage>,
    id: TextureId,
    delta: &egui::epaint::ImageDelta,
) {
    let ImageData::Color(image) = &delta.image;
    match delta.pos {
        None => {
            textures.insert(id, (**image).clone());
        }
        Some([x0, y0]) => {
            if let Some(tex) = textures.get_mut(&id) {
                for y in 0..image.size[1] {
                    for x in 0..image.size[0] {
                        let i = (y0 + y) * tex.size[0] + x0 + x;
                        if let Some(p) = tex.pixels.get_mut(i) {
                            *p = image.pixels[y * image.size[0] + x];
                        }
                    }
                }
            }
        }
    }
}

fn rasterise(
    prims: &[ClippedPrimitive],
    textures: &HashMap<TextureId, ColorImage>,
    bg: Color32,
) -> Vec<Color32> {
    let mut px = vec![bg; W * H];
    for prim in prims {
        let Primitive::Mesh(mesh) = &prim.primitive else {
            continue;
        };
        let tex = textures.get(&mesh.texture_id);
        for tri in mesh.indices.chunks_exact(3) {
            let v = [0, 1, 2].map(|k| mesh.vertices[tri[k] as usize]);
            triangle(&mut px, &v, tex, prim.clip_rect);
        }
    }
    px
}

fn triangle(px: &mut [Color32], v: &[Vertex; 3], tex: Option<&ColorImage>, clip: Rect) {
    let (a, b, c) = (v[0].pos, v[1].pos, v[2].pos);
    let area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    if area.abs() < 1e-6 {
        return;
    }
    let min_x = a.x.min(b.x).min(c.x).max(clip.min.x).max(0.0).floor() as usize;
    let max_x = a.x.max(b.x).max(c.x).min(clip.max.x).min(W as f32).ceil() as usize;
    let min_y = a.y.min(b.y).min(c.y).max(clip.min.y).max(0.0).floor() as usize;
    let max_y = a.y.max(b.y).max(c.y).min(clip.max.y).min(H as f32).ceil() as usize;
    for y in min_y..max_y {
        for x in min_x..max_x {
            let p = pos2(x as f32 + 0.5, y as f32 + 0.5);
            let w0 = ((b.x - p.x) * (c.y - p.y) - (b.y - p.y) * (c.x - p.x)) / area;
            let w1 = ((c.x - p.x) * (a.y - p.y) - (c.y - p.y) * (a.x - p.x)) / area;
            let w2 = 1.0 - w0 - w1;
            if w0 < 0.0 || w1 < 0.0 || w2 < 0.0 {
                continue;
            }
            let lerp = |f: fn(Color32) -> u8| {
                w0 * f(v[0].color) as f32 + w1 * f(v[1].color) as f32 + w2 * f(v[2].color) as f32
            };
            let mut col = [
                lerp(|c| c.r()),
                lerp(|c| c.g()),
                lerp(|c| c.b()),
                lerp(|c| c.a()),
            ];
            if let Some(t) = tex {
                let u = w0 * v[0].uv.x + w1 * v[1].uv.x + w2 * v[2].uv.x;
                let vv = w0 * v[0].uv.y + w1 * v[1].uv.y + w2 * v[2].uv.y;
                let tx = ((u * t.size[0] as f32) as usize).min(t.size[0] - 1);
                let ty = ((vv * t.size[1] as f32) as usize).min(t.size[1] - 1);
                let s = t.pixels[ty * t.size[0] + tx];
                let sc = [s.r(), s.g(), s.b(), s.a()];
                for k in 0..4 {
                    col[k] *= sc[k] as f32 / 255.0;
                }
            }
            let d = &mut px[y * W + x];
            let inv = 1.0 - col[3] / 255.0;
            let blend = |s: f32, d: u8| (s + d as f32 * inv).clamp(0.0, 255.0) as u8;
            *d = Color32::from_rgb(
                blend(col[0], d.r()),
                blend(col[1], d.g()),
                blend(col[2], d.b()),
            );
        }
    }
}

fn write_png(path: &std::path::Path, px: &[Color32]) {
    let ppm = path.with_extension("ppm");
    let mut bytes = format!("P6\n{W} {H}\n255\n").into_bytes();
    for p in px {
        bytes.extend_from_slice(&[p.r(), p.g(), p.b()]);
    }
    std::fs::write(&ppm, bytes).unwrap();
    let status = std::process::Command::new("convert")
        .arg(&ppm)
        .arg(path)
        .status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "convert (ImageMagick) failed"
    );
}

#[test]
#[ignore = "writes screenshots for a human; needs ImageMagick's convert"]
fn screenshot() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&dir).unwrap();
    for (dark, name) in [
        (false, "reading_view_light.png"),
        (true, "reading_view_dark.png"),
    ] {
        let px = render(dark);
        assert!(px.iter().any(|p| p.r() != px[0].r()), "something was drawn");
        write_png(&dir.join(name), &px);
    }
}
