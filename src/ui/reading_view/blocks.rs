//! Splitting an article into blocks (paragraphs, or chunks of very long
//! paragraphs) that are laid out separately, and converting between the
//! article's byte offsets and a block galley's char indices.
//!
//! Pure text code: no egui, so it is tested without a display.

use std::ops::Range;

use crate::model::{byte_to_char_index, char_to_byte_index, floor_char_boundary};

/// The longest block laid out as one galley. Long enough that normal
/// paragraphs are never split, short enough that laying one out costs well
/// under a millisecond.
pub const MAX_BLOCK_BYTES: usize = 4096;

/// One piece of the article laid out as one galley.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Byte range in the article text. Separating newlines belong to no block.
    pub range: Range<usize>,
    /// Code points in the block (for height estimates before layout).
    pub chars: usize,
    /// Line breaks inside the block (each one starts a new row).
    pub newlines: usize,
    /// True when the block starts a paragraph (paragraph spacing above it);
    /// false for the continuation chunks of a split paragraph.
    pub starts_paragraph: bool,
}

/// Splits `text` into paragraphs at runs of two or more newlines, then splits
/// paragraphs longer than `max_bytes` into chunks at line, sentence, word or
/// (failing those) char boundaries. Blank paragraphs are dropped.
pub fn split_blocks(text: &str, max_bytes: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    for paragraph in paragraph_ranges(text) {
        let mut start = paragraph.start;
        let mut first = true;
        while start < paragraph.end {
            let (end, next) = chunk_end(text, start..paragraph.end, max_bytes.max(16));
            if end > start {
                blocks.push(make_block(text, start..end, first));
                first = false;
            }
            start = next;
        }
    }
    blocks
}

fn make_block(text: &str, range: Range<usize>, starts_paragraph: bool) -> Block {
    let slice = &text[range.clone()];
    Block {
        chars: slice.chars().count(),
        newlines: slice.bytes().filter(|&b| b == b'\n').count(),
        range,
        starts_paragraph,
    }
}

/// Byte ranges of the non-blank paragraphs (separated by blank lines).
fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
            push_trimmed(text, start..i, &mut ranges);
            while i < bytes.len() && bytes[i] == b'\n' {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start..bytes.len(), &mut ranges);
    ranges
}

/// Pushes `range` without leading/trailing newlines, unless it is blank.
fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    if slice.trim().is_empty() {
        return;
    }
    let lead = slice.len() - slice.trim_start_matches('\n').len();
    let trail = slice.len() - slice.trim_end_matches('\n').len();
    out.push(range.start + lead..range.end - trail);
}

/// Where the chunk starting at `range.start` ends, and where the next one
/// starts (past a newline that separates them, which belongs to neither).
fn chunk_end(text: &str, range: Range<usize>, max_bytes: usize) -> (usize, usize) {
    if range.end - range.start <= max_bytes {
        return (range.end, range.end);
    }
    let limit = floor_char_boundary(text, range.start + max_bytes);
    let window = &text[range.start..limit];
    // Do not make tiny chunks: only accept a break in the second half.
    let min = window.len() / 2;
    if let Some(nl) = window.rfind('\n').filter(|&p| p >= min) {
        return (range.start + nl, range.start + nl + 1);
    }
    if let Some(end) = last_sentence_end(window).filter(|&p| p >= min) {
        return (range.start + end, range.start + end);
    }
    if let Some((p, c)) = window
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .filter(|&(p, _)| p >= min)
    {
        let end = range.start + p + c.len_utf8();
        return (end, end);
    }
    if limit > range.start {
        (limit, limit)
    } else {
        // max_bytes is smaller than one char: take the char whole.
        let next = text[range.start..]
            .chars()
            .next()
            .map_or(range.end, |c| range.start + c.len_utf8());
        (next, next)
    }
}

/// Byte offset just after the last sentence end (`.`, `!`, `?`, `…`, `。`
/// followed by whitespace, which is kept with the sentence).
fn last_sentence_end(window: &str) -> Option<usize> {
    let mut after: Option<(usize, char)> = None;
    for (p, c) in window.char_indices().rev() {
        if let Some((q, w)) = after
            && matches!(c, '.' | '!' | '?' | '…' | '。' | '։' | '؟')
            && w.is_whitespace()
        {
            return Some(q + w.len_utf8());
        }
        after = Some((p, c));
    }
    None
}

/// Index of the block containing byte `offset`, or the block just after it
/// when `offset` falls in a gap between blocks; `None` past the last block.
pub fn block_at_or_after(blocks: &[Block], offset: usize) -> Option<usize> {
    let i = blocks.partition_point(|b| b.range.end <= offset);
    (i < blocks.len()).then_some(i)
}

/// Article byte offset of char index `char_index` of the block's text.
pub fn block_char_to_byte(text: &str, block: &Block, char_index: usize) -> usize {
    block.range.start + char_to_byte_index(&text[block.range.clone()], char_index)
}

/// Char index in the block's text of article byte `offset` (clamped into the
/// block, rounded down to a char boundary).
pub fn block_byte_to_char(text: &str, block: &Block, offset: usize) -> usize {
    let local = offset.clamp(block.range.start, block.range.end) - block.range.start;
    byte_to_char_index(&text[block.range.clone()], local)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, blocks: &[Block]) -> Vec<&'a str> {
        blocks.iter().map(|b| &text[b.range.clone()]).collect()
    }

    #[test]
    fn paragraphs_keep_their_byte_offsets() {
        let text = "\n\nFirst line\nsecond line\n\n\n\nÜçüncü paragraf.\n\n  \n\nԱյո\n";
        let blocks = split_blocks(text, MAX_BLOCK_BYTES);
        assert_eq!(
            texts(text, &blocks),
            ["First line\nsecond line", "Üçüncü paragraf.", "Այո"]
        );
        assert_eq!(blocks[0].range, 2..24);
        assert_eq!(blocks[0].newlines, 1);
        assert_eq!(blocks[1].chars, 16);
        assert!(blocks.iter().all(|b| b.starts_paragraph));
    }

    #[test]
    fn text_without_paragraph_breaks_is_one_block() {
        let text = "Одна строка без абзацев 🙂";
        let blocks = split_blocks(text, MAX_BLOCK_BYTES);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].range, 0..text.len());
        assert!(split_blocks("", MAX_BLOCK_BYTES).is_empty());
        assert!(split_blocks("\n\n\n", MAX_BLOCK_BYTES).is_empty());
    }

    #[test]
    fn a_huge_paragraph_is_chunked_at_sentences_within_the_limit() {
        let sentence = "Səfir bəyanat verdi və bunu təkzib etdi. ";
        let text = sentence.repeat(30_000); // ~1.3 MB, one paragraph
        let blocks = split_blocks(&text, MAX_BLOCK_BYTES);
        assert!(blocks.len() > 250);
        assert!(blocks[0].starts_paragraph);
        assert!(!blocks[1].starts_paragraph);
        for pair in blocks.windows(2) {
            assert_eq!(pair[0].range.end, pair[1].range.start, "no bytes lost");
        }
        for b in &blocks {
            assert!(b.range.len() <= MAX_BLOCK_BYTES);
            assert!(text[b.range.clone()].ends_with(". ") || b.range.end == text.len());
        }
        assert_eq!(blocks.last().map(|b| b.range.end), Some(text.len()));
    }

    #[test]
    fn chunks_prefer_line_breaks_and_fall_back_to_chars() {
        let line = "ა".repeat(500); // 1500 bytes of Georgian, no spaces
        let text = format!("{line}\n{line}\n{line}");
        let blocks = split_blocks(&text, 2000);
        assert_eq!(texts(&text, &blocks), [line.as_str(), &line, &line]);

        let solid = "ა".repeat(3000);
        let blocks = split_blocks(&solid, 1000);
        for b in &blocks {
            assert!(solid.is_char_boundary(b.range.start) && b.range.len() <= 1000);
        }
        assert_eq!(
            blocks.iter().map(|b| b.range.len()).sum::<usize>(),
            solid.len()
        );
    }

    #[test]
    fn byte_and_char_conversions_at_the_edge() {
        let text = "x\n\nƏli 🙂 dedi";
        let blocks = split_blocks(text, MAX_BLOCK_BYTES);
        let b = &blocks[1];
        assert_eq!(b.range.start, 3);
        // "Ə" is 2 bytes, "🙂" 4 bytes.
        assert_eq!(block_char_to_byte(text, b, 0), 3);
        assert_eq!(block_char_to_byte(text, b, 1), 5);
        assert_eq!(block_char_to_byte(text, b, 5), 12);
        assert_eq!(block_char_to_byte(text, b, 99), text.len());
        assert_eq!(block_byte_to_char(text, b, 12), 5);
        assert_eq!(
            block_byte_to_char(text, b, 9),
            4,
            "inside the emoji rounds down"
        );
        assert_eq!(block_byte_to_char(text, b, 0), 0, "before the block clamps");
        assert_eq!(block_at_or_after(&blocks, 1), Some(1));
        assert_eq!(block_at_or_after(&blocks, 2), Some(1));
        assert_eq!(block_at_or_after(&blocks, text.len()), None);
    }
}
