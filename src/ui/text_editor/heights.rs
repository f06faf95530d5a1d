//! Block heights for the virtualised editor: estimated from the text until
//! a block is laid out, then measured; prefix sums find the blocks in view
//! by binary search. The sums are rebuilt from the first changed block,
//! only on a frame where a height changed.
//!
//! Pure arithmetic: no egui.

use std::ops::Range;

#[derive(Clone, Debug, Default)]
pub struct Heights {
    heights: Vec<f32>,
    /// `tops[i]` is where block `i` starts; `tops[len]` the total height.
    tops: Vec<f32>,
    /// `tops` is correct up to and including this index.
    valid: usize,
}

impl Heights {
    pub fn new(heights: Vec<f32>) -> Heights {
        let mut tops = vec![0.0; heights.len() + 1];
        let mut y = 0.0;
        for (top, h) in tops.iter_mut().zip(&heights) {
            *top = y;
            y += h;
        }
        tops[heights.len()] = y;
        Heights {
            valid: heights.len(),
            heights,
            tops,
        }
    }

    pub fn get(&self, index: usize) -> f32 {
        self.heights[index]
    }

    /// Sets a measured height (a change of less than half a point is
    /// ignored, so rounding never moves the blocks below).
    pub fn set(&mut self, index: usize, height: f32) {
        if (self.heights[index] - height).abs() >= 0.5 {
            self.heights[index] = height;
            self.valid = self.valid.min(index);
        }
    }

    /// Block `index + 1` was joined into block `index`.
    pub fn joined(&mut self, index: usize) {
        let next = self.heights.remove(index + 1);
        self.heights[index] += next;
        self.tops.pop();
        self.valid = self.valid.min(index);
    }

    fn update(&mut self) {
        let mut y = self.tops[self.valid];
        for i in self.valid..self.heights.len() {
            self.tops[i] = y;
            y += self.heights[i];
        }
        let last = self.heights.len();
        self.tops[last] = y;
        self.valid = last;
    }

    /// Where block `index` starts (`len()` for the total height).
    pub fn top(&mut self, index: usize) -> f32 {
        if index > self.valid {
            self.update();
        }
        self.tops[index]
    }

    pub fn total(&mut self) -> f32 {
        self.top(self.heights.len())
    }

    /// The blocks overlapping `from..to` (heights from the top).
    pub fn in_view(&mut self, from: f32, to: f32) -> Range<usize> {
        if self.valid < self.heights.len() {
            self.update();
        }
        let n = self.heights.len();
        let first = self.tops[..n].partition_point(|&top| top <= from);
        let last = self.tops[..n].partition_point(|&top| top < to);
        first.saturating_sub(1)..last.max(first.saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_in_view_are_found_by_their_tops() {
        let mut heights = Heights::new(vec![10.0, 20.0, 30.0, 40.0]);
        assert_eq!(heights.total(), 100.0);
        assert_eq!(heights.in_view(0.0, 5.0), 0..1);
        assert_eq!(heights.in_view(15.0, 35.0), 1..3);
        assert_eq!(heights.in_view(60.0, 1000.0), 3..4);
        assert_eq!(heights.in_view(500.0, 1000.0), 3..4);
    }

    #[test]
    fn measured_heights_and_joins_move_the_blocks_below() {
        let mut heights = Heights::new(vec![10.0, 20.0, 30.0, 40.0]);
        heights.set(1, 50.0);
        assert_eq!(heights.top(2), 60.0);
        heights.set(1, 50.2);
        assert_eq!(heights.get(1), 50.0);
        heights.joined(0);
        assert_eq!(heights.in_view(0.0, 1000.0), 0..3);
        assert_eq!(heights.top(1), 60.0);
        assert_eq!(heights.total(), 130.0);
    }
}
