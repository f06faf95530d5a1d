//! Highlights per block: which highlights touch each block, the segments a
//! block's text is cut into at every highlight boundary (the innermost
//! highlight decides a segment's look and wins clicks), and a fingerprint of
//! a block's segments so a galley is laid out again only when they change.
//!
//! Pure code: no egui.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use super::blocks::Block;
use super::{Highlight, HighlightLook};
use crate::model::ClaimId;

/// A run of a block's text with one look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the article text.
    pub range: Range<usize>,
    /// The innermost highlight covering the run (index into the slice).
    pub innermost: Option<usize>,
    /// How many highlights cover the run (nesting depth).
    pub depth: usize,
    /// The look of the selected claim when it covers the run (even as an
    /// outer highlight), so its whole extent is drawn in its colour.
    pub selected: Option<HighlightLook>,
}

/// Which highlights touch which block, built once per (revision, selection).
#[derive(Default)]
pub struct HighlightIndex {
    /// For each block, indices into the highlight slice, sorted by start.
    pub per_block: Vec<Vec<usize>>,
}

impl HighlightIndex {
    /// Indexes `highlights` (sorted by start) against `blocks`. Each
    /// highlight's first block is found by binary search and it is listed in
    /// every block it crosses, so a claim spanning paragraphs is split.
    pub fn build(blocks: &[Block], highlights: &[Highlight]) -> HighlightIndex {
        let mut per_block = vec![Vec::new(); blocks.len()];
        for (i, h) in highlights.iter().enumerate() {
            let first = blocks.partition_point(|b| b.range.end <= h.range.start);
            let crossed = blocks[first..]
                .iter()
                .take_while(|b| b.range.start < h.range.end)
                .count();
            for list in &mut per_block[first..first + crossed] {
                list.push(i);
            }
        }
        HighlightIndex { per_block }
    }

    /// The highlights touching block `block` (empty past the end).
    pub fn of_block(&self, block: usize) -> &[usize] {
        self.per_block.get(block).map_or(&[], Vec::as_slice)
    }
}

/// Cuts `block` into segments at every boundary of the highlights `list`
/// (indices into `highlights`, all touching the block). A highlight edge
/// off a char boundary (a stale claim) is moved down onto one.
pub fn segments(
    text: &str,
    block: &Block,
    highlights: &[Highlight],
    list: &[usize],
    selected: Option<ClaimId>,
) -> Vec<Segment> {
    let mut cuts = vec![block.range.start, block.range.end];
    for &i in list {
        let r = &highlights[i].range;
        for edge in [r.start, r.end] {
            let edge = edge.clamp(block.range.start, block.range.end);
            cuts.push(crate::model::floor_char_boundary(text, edge));
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let covering = || {
                list.iter().copied().filter(|&i| {
                    highlights[i].range.start <= w[0] && highlights[i].range.end >= w[1]
                })
            };
            Segment {
                range: w[0]..w[1],
                innermost: innermost(highlights, covering()),
                depth: covering().count(),
                selected: covering()
                    .find(|&i| Some(highlights[i].claim) == selected)
                    .map(|i| highlights[i].look),
            }
        })
        .collect()
}

/// The innermost of `candidates`: the shortest span; on a tie the one that
/// starts later, then the higher claim id (the newer claim).
fn innermost(highlights: &[Highlight], candidates: impl Iterator<Item = usize>) -> Option<usize> {
    candidates.min_by_key(|&i| {
        let h = &highlights[i];
        (
            h.range.len(),
            std::cmp::Reverse(h.range.start),
            std::cmp::Reverse(h.claim),
        )
    })
}

/// The innermost highlight (index) containing byte `offset`, among `list`.
pub fn innermost_at(highlights: &[Highlight], list: &[usize], offset: usize) -> Option<usize> {
    innermost(
        highlights,
        list.iter()
            .copied()
            .filter(|&i| highlights[i].range.contains(&offset)),
    )
}

/// A hash of what a block's galley depends on besides its text and the
/// layout parameters: its segments' ranges and looks.
pub fn fingerprint(block: &Block, segments: &[Segment], highlights: &[Highlight]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    block.range.hash(&mut hasher);
    for s in segments {
        s.range.hash(&mut hasher);
        s.innermost.map(|i| highlights[i].look).hash(&mut hasher);
        s.depth.hash(&mut hasher);
        s.selected.hash(&mut hasher);
    }
    hasher.finish()
}

/// The look of a segment (for drawing).
pub fn segment_look(segment: &Segment, highlights: &[Highlight]) -> Option<HighlightLook> {
    segment.innermost.map(|i| highlights[i].look)
}

#[cfg(test)]
mod tests {
    use super::super::blocks::split_blocks;
    use super::*;

    fn hl(range: Range<usize>, claim: u32, look: HighlightLook) -> Highlight {
        Highlight {
            range,
            claim: ClaimId::untagged(claim),
            look,
        }
    }

    #[test]
    fn overlapping_and_nested_highlights_make_segments() {
        //          0         1         2         3
        //          0123456789012345678901234567890123
        let text = "The mission denied the report flat.";
        let blocks = split_blocks(text, 4096);
        let hs = vec![
            hl(0..29, 1, HighlightLook::Answered),   // outer
            hl(4..18, 2, HighlightLook::Unanswered), // nested
            hl(12..34, 3, HighlightLook::Response),  // overlaps both
        ];
        let index = HighlightIndex::build(&blocks, &hs);
        assert_eq!(index.per_block, vec![vec![0, 1, 2]]);
        let segs = segments(
            text,
            &blocks[0],
            &hs,
            &index.per_block[0],
            Some(ClaimId::untagged(1)),
        );
        let summary: Vec<_> = segs
            .iter()
            .map(|s| (s.range.clone(), s.innermost, s.depth, s.selected))
            .collect();
        assert_eq!(
            summary,
            vec![
                (0..4, Some(0), 1, Some(HighlightLook::Answered)),
                (4..12, Some(1), 2, Some(HighlightLook::Answered)),
                (12..18, Some(1), 3, Some(HighlightLook::Answered)),
                (18..29, Some(2), 2, Some(HighlightLook::Answered)),
                (29..34, Some(2), 1, None),
                (34..35, None, 0, None),
            ]
        );
    }

    #[test]
    fn highlight_edges_off_char_boundaries_are_floored() {
        let text = "Ağ şəhər";
        let blocks = split_blocks(text, 4096);
        // 2 is inside "ğ" (bytes 1..3), 5 inside "ş" (4..6).
        let hs = vec![hl(2..5, 1, HighlightLook::Unanswered)];
        let index = HighlightIndex::build(&blocks, &hs);
        let segs = segments(text, &blocks[0], &hs, index.of_block(0), None);
        for s in &segs {
            assert!(text.is_char_boundary(s.range.start) && text.is_char_boundary(s.range.end));
        }
        assert_eq!(
            segs.iter().map(|s| s.range.len()).sum::<usize>(),
            text.len()
        );
    }

    #[test]
    fn innermost_claim_wins_hits() {
        let hs = vec![
            hl(0..29, 1, HighlightLook::Answered),
            hl(4..18, 2, HighlightLook::Unanswered),
            hl(4..18, 5, HighlightLook::Flagged), // same span, newer claim
        ];
        let all = [0, 1, 2];
        assert_eq!(innermost_at(&hs, &all, 2), Some(0));
        assert_eq!(innermost_at(&hs, &all, 10), Some(2));
        assert_eq!(innermost_at(&hs, &all, 18), Some(0), "end is exclusive");
        assert_eq!(innermost_at(&hs, &all, 29), None);
    }

    #[test]
    fn a_claim_crossing_paragraphs_is_split_between_blocks() {
        let text = "Birinci abzas.\n\nВторой абзац.\n\nԵրրորդ.";
        let blocks = split_blocks(text, 4096);
        assert_eq!(blocks.len(), 3);
        let hs = vec![hl(8..blocks[1].range.end, 7, HighlightLook::Flagged)];
        let index = HighlightIndex::build(&blocks, &hs);
        assert_eq!(index.per_block, vec![vec![0], vec![0], vec![]]);
        let second = segments(text, &blocks[1], &hs, &index.per_block[1], None);
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].range, blocks[1].range);
        assert_eq!(segment_look(&second[0], &hs), Some(HighlightLook::Flagged));
    }

    #[test]
    fn fingerprints_change_only_for_touched_blocks() {
        let text = "One.\n\nTwo.\n\nThree.";
        let blocks = split_blocks(text, 4096);
        let prints = |hs: &[Highlight], selected: Option<ClaimId>| -> Vec<u64> {
            let index = HighlightIndex::build(&blocks, hs);
            (0..blocks.len())
                .map(|b| {
                    let segs = segments(text, &blocks[b], hs, index.of_block(b), selected);
                    fingerprint(&blocks[b], &segs, hs)
                })
                .collect()
        };
        let before = vec![hl(0..3, 1, HighlightLook::Unanswered)];
        let mut after = before.clone();
        after.push(hl(12..17, 2, HighlightLook::Unanswered));
        let (a, b) = (prints(&before, None), prints(&after, None));
        assert_eq!(a[..2], b[..2]);
        assert_ne!(a[2], b[2]);
        let c = prints(&before, Some(ClaimId::untagged(1)));
        assert_ne!(a[0], c[0], "selection restyles");
        assert_eq!(a[1], c[1]);
    }
}
