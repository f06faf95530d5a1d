//! Painting the placed galleys, and the selection and flash overlays drawn
//! over them from galley geometry (so neither re-lays out any text).

use std::ops::Range;

use egui::{Color32, Galley, Painter, Rect, Stroke, StrokeKind, pos2};

use super::blocks::block_byte_to_char;
use super::interact::Geometry;
use super::layout::DocRef;

/// What is drawn over a byte range on top of the text.
#[derive(Clone, Copy, Debug)]
pub enum Overlay {
    Fill(Color32),
    Outline(Stroke),
}

/// Draws the text, then the overlays (selection, hover, flash, the
/// selected claim's outline) on top, in order.
pub fn paint(
    painter: &Painter,
    geo: &Geometry<'_>,
    doc: &DocRef<'_>,
    text_color: Color32,
    overlays: &[(Range<usize>, Overlay)],
) {
    for p in geo.placed {
        painter.galley(geo.galley_pos(p), p.galley.clone(), text_color);
    }
    for (range, overlay) in overlays {
        for rect in screen_rects(geo, doc, range) {
            let _shape = match overlay {
                Overlay::Fill(color) => painter.rect_filled(rect, 2.0, *color),
                Overlay::Outline(stroke) => {
                    painter.rect_stroke(rect, 2.0, *stroke, StrokeKind::Outside)
                }
            };
        }
    }
}

/// Screen rects covering `range` in the placed blocks, one per row.
fn screen_rects(geo: &Geometry<'_>, doc: &DocRef<'_>, range: &Range<usize>) -> Vec<Rect> {
    let mut rects = Vec::new();
    if range.is_empty() {
        return rects;
    }
    for p in geo.placed {
        let block = &doc.blocks[p.block];
        if block.range.end <= range.start || block.range.start >= range.end {
            continue;
        }
        let chars = block_byte_to_char(doc.text, block, range.start)
            ..block_byte_to_char(doc.text, block, range.end);
        let offset = geo.galley_pos(p).to_vec2();
        rects.extend(
            range_rects(&p.galley, chars)
                .into_iter()
                .map(|r| r.translate(offset)),
        );
    }
    rects
}

/// One rect per row covering chars `chars` of `galley` (galley coordinates).
pub fn range_rects(galley: &Galley, chars: Range<usize>) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut row_start = 0;
    for row in &galley.rows {
        let row_chars = row.char_count_including_newline().0;
        let row_end = row_start + row_chars;
        let from = chars.start.max(row_start);
        let to = chars.end.min(row_end);
        if from < to || (from == to && from == row_start && chars.contains(&from)) {
            let x0 = row.pos.x + row.x_offset(egui::text::CharIndex(from - row_start));
            let mut x1 = row.pos.x + row.x_offset(egui::text::CharIndex(to - row_start));
            if to == row_end && row.ends_with_newline && chars.end > row_end - 1 {
                // Show that the selection continues past the line end.
                x1 += row.height() * 0.3;
            }
            rects.push(Rect::from_min_max(
                pos2(x0, row.min_y()),
                pos2(x1, row.max_y()),
            ));
        }
        row_start = row_end;
        if row_start >= chars.end {
            break;
        }
    }
    rects
}

#[cfg(test)]
mod tests {
    use super::*;

    fn galley(text: &str, wrap: f32) -> std::sync::Arc<Galley> {
        let ctx = egui::Context::default();
        let out = ctx.run_ui(egui::RawInput::default(), |_| {});
        out.drop_without_applying_deltas();
        let job = egui::text::LayoutJob::simple(
            text.to_string(),
            egui::FontId::proportional(16.0),
            Color32::BLACK,
            wrap,
        );
        ctx.fonts_mut(|f| f.layout_job(job))
    }

    #[test]
    fn selection_rects_follow_rows_and_line_breaks() {
        let g = galley("abc\ndef", f32::INFINITY);
        let one = range_rects(&g, 1..2);
        assert_eq!(one.len(), 1);
        assert!(one[0].width() > 0.0 && one[0].max.y <= g.rows[0].max_y());
        // Across the line break: the rest of row 1 (plus a stub for the
        // newline) and the start of row 2.
        let two = range_rects(&g, 2..6);
        assert_eq!(two.len(), 2);
        assert!(two[1].min.y >= g.rows[1].min_y() - 0.01);
        assert!(two[1].min.x <= 0.01);
        assert!(range_rects(&g, 3..3).is_empty());
    }

    #[test]
    fn selection_rects_cover_each_wrapped_row() {
        let g = galley(&"word ".repeat(40), 150.0);
        assert!(g.rows.len() > 3);
        let all = range_rects(&g, 0..200);
        assert_eq!(all.len(), g.rows.len());
    }
}
