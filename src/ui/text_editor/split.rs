//! Where the editor's blocks begin and end: whole paragraphs gathered up to
//! about `target` bytes and cut at a blank line, and paragraphs longer than
//! twice that cut into chunks at a line break, else a space, else a char
//! boundary (never inside a UTF-8 character or a CRLF).
//!
//! Pure text code: no egui.

use std::ops::Range;

/// A block's text and the blank-line run after it (empty after a chunk of
/// a long paragraph, and after the last block).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockText {
    pub text: String,
    pub sep: String,
}

/// Splits `text` so that concatenating every block's text and separator
/// gives it back. Always at least one block (empty for an empty text).
pub fn split_display(text: &str, target: usize) -> Vec<BlockText> {
    let target = target.max(16);
    let mut blocks = Vec::new();
    let mut start = 0;
    for run in blank_runs(text) {
        // Never an empty block after a trailing blank run.
        if run.start - start >= target && run.end < text.len() {
            push_chunked(
                text,
                start..run.start,
                &text[run.clone()],
                target,
                &mut blocks,
            );
            start = run.end;
        }
    }
    push_chunked(text, start..text.len(), "", target, &mut blocks);
    blocks
}

/// Byte ranges of the runs of two or more `\n` not at the very start.
fn blank_runs(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 1;
    while i < bytes.len() {
        if bytes[i] == b'\n' && bytes[i - 1] != b'\n' && bytes.get(i + 1) == Some(&b'\n') {
            let end = i + bytes[i..].iter().take_while(|&&b| b == b'\n').count();
            runs.push(i..end);
            i = end;
        } else {
            i += 1;
        }
    }
    runs
}

/// Pushes `text[range]` as one block followed by `sep`, first cutting off
/// chunks of about `target` bytes while it is longer than twice that.
fn push_chunked(
    text: &str,
    range: Range<usize>,
    sep: &str,
    target: usize,
    blocks: &mut Vec<BlockText>,
) {
    let mut start = range.start;
    while range.end - start > 2 * target {
        let cut = cut_point(text, start, start + target);
        blocks.push(BlockText {
            text: text[start..cut].to_string(),
            sep: String::new(),
        });
        start = cut;
    }
    blocks.push(BlockText {
        text: text[start..range.end].to_string(),
        sep: sep.to_string(),
    });
}

/// A cut in `start + 1..=limit`: after the last line break before `limit`,
/// else after the last space, else the char boundary at or before `limit`
/// (moved off the middle of a CRLF).
fn cut_point(text: &str, start: usize, limit: usize) -> usize {
    let limit = text.floor_char_boundary(limit);
    let window = &text[start..limit];
    for separator in ['\n', ' '] {
        if let Some(at) = window.rfind(separator)
            && at > 0
        {
            return start + at + 1;
        }
    }
    let mut cut = limit;
    if cut <= start {
        cut = text.ceil_char_boundary(start + 1);
    }
    if text[..cut].ends_with('\r') && text[cut..].starts_with('\n') {
        cut = if cut - 1 > start { cut - 1 } else { cut + 1 };
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(blocks: &[BlockText]) -> String {
        blocks
            .iter()
            .map(|b| format!("{}{}", b.text, b.sep))
            .collect()
    }

    #[test]
    fn small_paragraphs_gather_into_blocks_cut_at_blank_lines() {
        let text = "One two three.\n\nFour five six.\n\n\nSeven eight.\nNine.";
        let blocks = split_display(text, 16);
        assert_eq!(joined(&blocks), text);
        assert_eq!(blocks[0].text, "One two three.\n\nFour five six.");
        assert_eq!(blocks[0].sep, "\n\n\n");
        assert_eq!(blocks[1].text, "Seven eight.\nNine.");
        assert_eq!(blocks[1].sep, "");
    }

    #[test]
    fn an_empty_text_is_one_empty_block_and_a_trailing_blank_run_stays_inside() {
        assert_eq!(
            split_display("", 16),
            vec![BlockText {
                text: String::new(),
                sep: String::new()
            }]
        );
        let text = "\n\nA paragraph long enough to cut.\n\n";
        let blocks = split_display(text, 32);
        assert_eq!(blocks.len(), 1);
        assert_eq!(joined(&blocks), text);
    }

    #[test]
    fn a_long_paragraph_is_cut_at_line_breaks_then_spaces_then_chars() {
        let lines = "Səfirlik bəyanat yaydı.\n".repeat(20);
        let blocks = split_display(&lines, 64);
        assert!(blocks.len() > 3);
        assert_eq!(joined(&blocks), lines);
        for block in &blocks[..blocks.len() - 1] {
            assert!(block.text.ends_with('\n'), "{block:?}");
            assert!(block.text.len() <= 64);
        }
        let words = "Посольство опровергло ".repeat(30);
        let blocks = split_display(&words, 64);
        assert_eq!(joined(&blocks), words);
        assert!(blocks[0].text.ends_with(' '));
        let solid = "ქართული🙂".repeat(40);
        let blocks = split_display(&solid, 64);
        assert_eq!(joined(&blocks), solid);
        assert!(blocks.len() > 3);
    }

    #[test]
    fn a_cut_never_falls_inside_a_crlf() {
        // Raw CRLF text (a mixed file keeps its `\r`): no spaces, no `\n`
        // before the limit, so the char cut must step off the pair.
        let mut text = "x".repeat(63);
        text.push_str("\r\n");
        text.push_str(&"y".repeat(200));
        let blocks = split_display(&text, 64);
        assert_eq!(joined(&blocks), text);
        for block in &blocks {
            assert!(!block.text.starts_with('\n'), "{blocks:?}");
        }
    }
}
