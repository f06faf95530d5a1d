//! Virtual layout of the article: estimated heights for every block,
//! prefix sums to find the visible blocks by binary search, and a cache of
//! laid-out galleys for the blocks that have been on screen.

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Color32, Galley};

use super::blocks::Block;
use super::segments::{Segment, fingerprint, segment_look, segments};
use super::style::{Metrics, highlight_format};
use super::{Highlight, segments::HighlightIndex};
use crate::model::ClaimId;

/// Galleys kept at most; the least recently drawn are dropped beyond it.
const MAX_CACHED_GALLEYS: usize = 400;

/// Everything a galley depends on apart from its block's segments.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutParams {
    pub wrap_width: f32,
    pub dark: bool,
    pub text_color: Color32,
    pub metrics: Metrics,
}

struct CachedGalley {
    fingerprint: u64,
    galley: Arc<Galley>,
    last_used: u64,
}

/// A block placed in content coordinates this frame.
#[derive(Clone)]
pub struct Placed {
    pub block: usize,
    /// Top of the galley (below the paragraph gap), content coordinates.
    pub top: f32,
    pub galley: Arc<Galley>,
}

/// Heights, prefix sums and galleys for one article at one set of params.
#[derive(Default)]
pub struct Layout {
    params: Option<LayoutParams>,
    /// Height of each block's slot (paragraph gap + text).
    slots: Vec<f32>,
    /// Whether `slots[i]` is measured from a galley (else estimated).
    measured: Vec<bool>,
    /// `tops[i]` = sum of `slots[..i]`; one longer than `slots`.
    tops: Vec<f32>,
    tops_dirty: bool,
    galleys: HashMap<usize, CachedGalley>,
    frame: u64,
}

impl Layout {
    /// Starts over when the article or the params change: every height
    /// becomes an estimate again and every galley is dropped.
    pub fn reset(&mut self, blocks: &[Block], params: LayoutParams, avg_char: f32) {
        let metrics = &params.metrics;
        let chars_per_row = (params.wrap_width / avg_char.max(1.0)).max(1.0);
        self.slots = blocks
            .iter()
            .enumerate()
            .map(|(i, b)| gap(i, b, metrics) + estimate(b, chars_per_row, metrics.row_height))
            .collect();
        self.measured = vec![false; blocks.len()];
        self.galleys.clear();
        self.params = Some(params);
        self.tops_dirty = true;
        self.update_tops();
    }

    pub fn params(&self) -> Option<&LayoutParams> {
        self.params.as_ref()
    }

    pub fn begin_frame(&mut self) {
        self.frame += 1;
    }

    fn update_tops(&mut self) {
        if !self.tops_dirty {
            return;
        }
        self.tops.clear();
        self.tops.reserve(self.slots.len() + 1);
        let mut y = 0.0;
        self.tops.push(y);
        for s in &self.slots {
            y += s;
            self.tops.push(y);
        }
        self.tops_dirty = false;
    }

    pub fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// Top of block `i`'s slot (above its paragraph gap).
    pub fn slot_top(&self, i: usize) -> f32 {
        self.tops
            .get(i)
            .copied()
            .unwrap_or_else(|| self.total_height())
    }

    pub fn slot_height(&self, i: usize) -> f32 {
        self.slots.get(i).copied().unwrap_or(0.0)
    }

    /// The block whose slot contains content y `y` (clamped).
    pub fn block_at_y(&self, y: f32) -> usize {
        let n = self.slots.len();
        if self.tops.len() != n + 1 {
            return 0;
        }
        self.tops[1..]
            .partition_point(|&bottom| bottom <= y)
            .min(n.saturating_sub(1))
    }

    /// The galley of block `i`, laid out now if the cached one is stale.
    /// Measures the block's real height as a side effect.
    pub fn galley(
        &mut self,
        ctx: &egui::Context,
        i: usize,
        doc: &DocRef<'_>,
    ) -> Option<Arc<Galley>> {
        let block = doc.blocks.get(i)?;
        let params = self.params.clone()?;
        let segs = segments(
            doc.text,
            block,
            doc.highlights,
            doc.index.of_block(i),
            doc.selected,
        );
        let print = fingerprint(block, &segs, doc.highlights);
        let frame = self.frame;
        if let Some(cached) = self.galleys.get_mut(&i)
            && cached.fingerprint == print
        {
            cached.last_used = frame;
            return Some(cached.galley.clone());
        }
        let job = layout_job(doc.text, block, &segs, doc.highlights, &params);
        let galley = ctx.fonts_mut(|f| f.layout_job(job));
        let slot = gap(i, block, &params.metrics) + galley.size().y;
        if (self.slots[i] - slot).abs() > 0.01 {
            self.slots[i] = slot;
            self.tops_dirty = true;
        }
        self.measured[i] = true;
        self.galleys.insert(
            i,
            CachedGalley {
                fingerprint: print,
                galley: galley.clone(),
                last_used: frame,
            },
        );
        Some(galley)
    }

    /// Lays out the blocks covering content rows `min_y..max_y`. Keeps the
    /// first already-measured visible block where it was, so blocks above it
    /// whose real height differs from the estimate grow or shrink upwards;
    /// returns the placed blocks and how far that anchor moved in the
    /// refreshed prefix sums (the scroll offset must move by as much).
    pub fn place(
        &mut self,
        ctx: &egui::Context,
        doc: &DocRef<'_>,
        min_y: f32,
        max_y: f32,
    ) -> (Vec<Placed>, f32) {
        self.update_tops();
        let n = self.slots.len();
        if n == 0 {
            return (Vec::new(), 0.0);
        }
        let first = self.block_at_y(min_y);
        let anchor = (first..n)
            .take_while(|&i| self.tops[i] < max_y)
            .find(|&i| self.measured[i])
            .unwrap_or(first);
        let anchor_top = self.tops[anchor];
        let mut placed = Vec::new();
        let (mut y, mut i) = (anchor_top, anchor);
        while i < n && y < max_y {
            if let Some(galley) = self.galley(ctx, i, doc) {
                placed.push(self.placed(i, y, galley));
            }
            y += self.slots[i];
            i += 1;
        }
        let (mut y, mut i) = (anchor_top, anchor);
        while i > 0 && y > min_y {
            i -= 1;
            if let Some(galley) = self.galley(ctx, i, doc) {
                y -= self.slots[i];
                placed.push(self.placed(i, y, galley));
            }
        }
        placed.sort_by_key(|p| p.block);
        self.update_tops();
        (placed, self.tops[anchor] - anchor_top)
    }

    fn placed(&self, i: usize, slot_top: f32, galley: Arc<Galley>) -> Placed {
        let gap = self.slots[i] - galley.size().y;
        Placed {
            block: i,
            top: slot_top + gap,
            galley,
        }
    }

    /// Drops the least recently drawn galleys beyond the cache limit.
    pub fn evict(&mut self) {
        if self.galleys.len() <= MAX_CACHED_GALLEYS {
            return;
        }
        let mut ages: Vec<u64> = self.galleys.values().map(|g| g.last_used).collect();
        ages.sort_unstable();
        let cutoff = ages[ages.len() - MAX_CACHED_GALLEYS * 3 / 4];
        self.galleys.retain(|_, g| g.last_used >= cutoff);
    }
}

/// What layout needs to know about the article this frame.
pub struct DocRef<'a> {
    pub text: &'a str,
    pub blocks: &'a [Block],
    pub highlights: &'a [Highlight],
    pub index: &'a HighlightIndex,
    pub selected: Option<ClaimId>,
}

fn gap(i: usize, block: &Block, metrics: &Metrics) -> f32 {
    if i > 0 && block.starts_paragraph {
        metrics.paragraph_gap
    } else {
        0.0
    }
}

/// Height of a block before it is laid out: its rows at an average glyph
/// width, plus one row per explicit line break.
pub fn estimate(block: &Block, chars_per_row: f32, row_height: f32) -> f32 {
    let wrapped = (block.chars as f32 / chars_per_row).ceil().max(1.0);
    (wrapped + block.newlines as f32) * row_height
}

fn layout_job(
    text: &str,
    block: &Block,
    segs: &[Segment],
    highlights: &[Highlight],
    params: &LayoutParams,
) -> LayoutJob {
    let base = params.metrics.base_format(params.text_color);
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping::wrap_at_width(params.wrap_width),
        ..LayoutJob::default()
    };
    for s in segs {
        let piece = &text[s.range.clone()];
        let format = match segment_look(s, highlights) {
            Some(look) => highlight_format(
                &base,
                &params.metrics,
                look,
                s.depth,
                s.selected,
                params.dark,
            ),
            None => base.clone(),
        };
        job.append(piece, 0.0, format);
    }
    if segs.is_empty() {
        job.append(&text[block.range.clone()], 0.0, base);
    }
    job
}
