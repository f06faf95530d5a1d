//! The article text held as blocks for the editor: each block is edited by
//! its own widget, so a keystroke costs the size of one block, never the
//! size of the article. Joining the blocks gives the text back, byte for
//! byte when nothing was changed.
//!
//! Pure text code: no egui, no model, tested without a display.
//!
//! Two spaces are involved. The *display* text is what the widgets show: the
//! article without its byte-order mark, and with CRLF line breaks shown as
//! `\n` when every line break of the article is CRLF (egui hides `\r`, so a
//! cursor would otherwise stop on an invisible character). [`BlockStore::join`]
//! turns the display text back into the article's form.

use super::split::{BlockText, split_display};

const BOM: char = '\u{FEFF}';

/// One block: its text (shown in one widget) and the blank-line run after
/// it (shown as a gap, never edited; empty where a long paragraph was cut).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Stable for the block's life (indices shift when blocks are joined).
    pub id: u64,
    pub text: String,
    pub sep: String,
    /// `\n` in `text` (kept up to date by [`BlockStore::changed`]).
    newlines: usize,
    /// Paragraphs (runs of non-blank lines) starting in `text`.
    paragraphs: usize,
}

impl Block {
    fn new(id: u64, text: String, sep: String) -> Block {
        let mut block = Block {
            id,
            text,
            sep,
            newlines: 0,
            paragraphs: 0,
        };
        block.recount();
        block
    }

    fn recount(&mut self) {
        self.newlines = self.text.bytes().filter(|&b| b == b'\n').count();
        self.paragraphs = count_paragraphs(&self.text);
    }

    /// Display bytes of the block and its separator.
    pub fn len(&self) -> usize {
        self.text.len() + self.sep.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn count_paragraphs(text: &str) -> usize {
    let mut count = 0;
    let mut in_paragraph = false;
    for line in text.split('\n') {
        let blank = line.trim().is_empty();
        if !blank && !in_paragraph {
            count += 1;
        }
        in_paragraph = !blank;
    }
    count
}

/// Line and paragraph counts of the whole text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    pub lines: usize,
    pub paragraphs: usize,
}

/// The article text as blocks, with what is needed to give it back exactly.
#[derive(Clone, Debug)]
pub struct BlockStore {
    blocks: Vec<Block>,
    bom: bool,
    /// Every line break of the article was CRLF; shown as `\n`.
    crlf: bool,
    modified: bool,
}

impl BlockStore {
    /// Splits `text` into blocks of about `target` bytes (see
    /// [`split_display`]).
    pub fn new(text: &str, target: usize) -> BlockStore {
        let body = text.strip_prefix(BOM);
        let bom = body.is_some();
        let body = body.unwrap_or(text);
        let crlf = all_breaks_crlf(body);
        let display = if crlf {
            body.replace("\r\n", "\n")
        } else {
            body.to_string()
        };
        let blocks: Vec<Block> = split_display(&display, target)
            .into_iter()
            .enumerate()
            .map(|(i, BlockText { text, sep })| Block::new(i as u64, text, sep))
            .collect();
        BlockStore {
            blocks,
            bom,
            crlf,
            modified: false,
        }
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    pub fn index_of(&self, id: u64) -> Option<usize> {
        self.blocks.iter().position(|b| b.id == id)
    }

    /// True once any block was changed (typing something and deleting it
    /// again still counts: comparing the whole text each frame would cost
    /// the article's size).
    pub fn is_modified(&self) -> bool {
        self.modified
    }

    /// The text of block `index` for a widget to edit in place; call
    /// [`BlockStore::changed`] when the widget changed it.
    pub fn text_mut(&mut self, index: usize) -> &mut String {
        &mut self.blocks[index].text
    }

    /// Block `index` was changed through [`BlockStore::text_mut`].
    pub fn changed(&mut self, index: usize) {
        self.blocks[index].recount();
        self.modified = true;
    }

    /// Replaces `range` (display bytes, on char boundaries) of block
    /// `index`'s text with `insert`.
    pub fn edit(&mut self, index: usize, range: std::ops::Range<usize>, insert: &str) {
        self.blocks[index].text.replace_range(range, insert);
        self.changed(index);
    }

    /// Backspace at the start of block `index`: the character before it (a
    /// line break of the separator, or the previous block's last character)
    /// is deleted and the two blocks become one. Returns the merged block's
    /// index and the cursor's byte offset in it; None for the first block.
    pub fn join_with_previous(&mut self, index: usize) -> Option<(usize, usize)> {
        if index == 0 || index >= self.blocks.len() {
            return None;
        }
        // The character before may lie further back: blocks emptied by
        // earlier edits hold none.
        let owner = (0..index).rev().find(|&k| !self.blocks[k].is_empty())?;
        let previous = &mut self.blocks[owner];
        if previous.sep.pop().is_none() {
            previous.text.pop();
        }
        Some((owner, self.merge_through(owner, index)))
    }

    /// Delete at the end of block `index`'s text: the character after it is
    /// deleted and the two blocks become one. Returns the merged block's
    /// index and the cursor's byte offset in it; None for the last block.
    pub fn join_with_next(&mut self, index: usize) -> Option<(usize, usize)> {
        if index + 1 >= self.blocks.len() {
            return None;
        }
        let cursor = self.blocks[index].text.len();
        // The character after is the separator's first, else the first of
        // the next block that is not empty.
        let owner = if self.blocks[index].sep.is_empty() {
            (index + 1..self.blocks.len()).find(|&k| !self.blocks[k].is_empty())?
        } else {
            index
        };
        let block = &mut self.blocks[owner];
        match block.text.chars().next() {
            Some(first) if owner > index => block.text.replace_range(..first.len_utf8(), ""),
            _ => {
                block.sep.remove(0);
            }
        }
        self.merge_through(index, owner.max(index + 1));
        Some((index, cursor))
    }

    /// Merges blocks `first..=last` into block `first`; returns where block
    /// `last`'s text starts in it.
    fn merge_through(&mut self, first: usize, last: usize) -> usize {
        let mut joint = 0;
        for _ in first..last {
            joint = self.merge(first);
        }
        joint
    }

    /// Appends block `index + 1` (and the separator between) to block
    /// `index`; returns where the second block's text starts in it.
    fn merge(&mut self, index: usize) -> usize {
        let next = self.blocks.remove(index + 1);
        let block = &mut self.blocks[index];
        let sep = std::mem::replace(&mut block.sep, next.sep);
        block.text.push_str(&sep);
        let joint = block.text.len();
        block.text.push_str(&next.text);
        self.changed(index);
        joint
    }

    /// The text as the widgets show it (no BOM, `\n` line breaks).
    pub fn display_text(&self) -> String {
        let mut text = String::with_capacity(self.blocks.iter().map(Block::len).sum());
        for block in &self.blocks {
            text.push_str(&block.text);
            text.push_str(&block.sep);
        }
        text
    }

    /// The article text: the display text with the article's BOM and line
    /// breaks. Identical to the text the store was made from when nothing
    /// changed.
    pub fn join(&self) -> String {
        let display = self.display_text();
        let mut text = String::with_capacity(display.len() + display.len() / 32 + 3);
        if self.bom {
            text.push(BOM);
        }
        if self.crlf {
            text.push_str(&display.replace('\n', "\r\n"));
        } else {
            text.push_str(&display);
        }
        text
    }

    /// Lines (line breaks + 1) and paragraphs (runs of non-blank lines, a
    /// paragraph cut into two blocks counted once). Costs one step a block.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts {
            lines: 1,
            paragraphs: 0,
        };
        let mut previous: Option<&Block> = None;
        for block in &self.blocks {
            counts.lines += block.newlines + block.sep.len();
            counts.paragraphs += block.paragraphs;
            if previous.is_some_and(|p| continues(p, block)) {
                counts.paragraphs -= 1;
            }
            previous = Some(block);
        }
        counts
    }
}

/// `block` continues the paragraph `previous` ends with (a long paragraph
/// cut without a blank line between the pieces).
fn continues(previous: &Block, block: &Block) -> bool {
    let before_break = previous.text.strip_suffix('\n').unwrap_or(&previous.text);
    let ends_in_text = before_break
        .rsplit('\n')
        .next()
        .is_some_and(|l| !l.trim().is_empty());
    let starts_in_text = block
        .text
        .split('\n')
        .next()
        .is_some_and(|l| !l.trim().is_empty());
    previous.sep.is_empty() && ends_in_text && starts_in_text
}

/// True when the text has line breaks and every one is CRLF (no lone `\r`
/// or `\n`): only then are they shown as `\n` and written back as CRLF.
fn all_breaks_crlf(text: &str) -> bool {
    let pairs = text.matches("\r\n").count();
    pairs > 0
        && pairs == text.bytes().filter(|&b| b == b'\n').count()
        && pairs == text.bytes().filter(|&b| b == b'\r').count()
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
