//! The zoomed-out timeline: how many claims each lane holds in time buckets
//! of 1, 2, 4, 8 … days. Built once per timeline; a view then picks the
//! level whose buckets are a few pixels wide and reads only the buckets in
//! sight, so drawing a zoomed-out timeline costs the same whatever the
//! number of claims.

use std::ops::Range;

use super::timeline::Timeline;

/// Seconds in a day: the width of a level-0 bucket.
pub const DAY_SECONDS: i64 = 86_400;

/// The claims of one lane within one bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bucket {
    /// The bucket's start on the time axis (seconds since 1970 UTC).
    pub start: i64,
    pub count: u32,
    /// The positions in [`Timeline::points`] of its claims.
    pub first: usize,
    pub end: usize,
}

impl Bucket {
    pub fn points(&self) -> Range<usize> {
        self.first..self.end
    }
}

/// Buckets per level and lane, each list sorted by start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Density {
    levels: Vec<Vec<Vec<Bucket>>>,
}

impl Density {
    pub fn build(timeline: &Timeline) -> Density {
        let mut levels = vec![day_buckets(timeline)];
        // Merge pairs of buckets until every lane holds one bucket at most.
        while let Some(finer) = levels.last() {
            if finer.iter().all(|lane| lane.len() <= 1) || levels.len() > 40 {
                break;
            }
            let width = Density::width(levels.len());
            let coarser = finer.iter().map(|lane| merge(lane, width)).collect();
            levels.push(coarser);
        }
        Density { levels }
    }

    /// The width of a bucket at `level`, in seconds.
    pub fn width(level: usize) -> i64 {
        DAY_SECONDS.saturating_mul(1 << level.min(40))
    }

    /// How many levels there are.
    pub fn levels(&self) -> usize {
        self.levels.len()
    }

    /// The finest level whose buckets are at least `seconds` wide (the
    /// coarsest there is when none is).
    pub fn level_at_least(&self, seconds: i64) -> usize {
        let wanted = (0..self.levels.len()).find(|&level| Density::width(level) >= seconds);
        wanted.unwrap_or(self.levels.len().saturating_sub(1))
    }

    /// The buckets of `lane` at `level` that overlap `start..=end`.
    pub fn buckets(&self, level: usize, lane: usize, start: i64, end: i64) -> &[Bucket] {
        let Some(buckets) = self.levels.get(level).and_then(|l| l.get(lane)) else {
            return &[];
        };
        let width = Density::width(level);
        let first = buckets.partition_point(|b| b.start.saturating_add(width) <= start);
        let last = buckets.partition_point(|b| b.start <= end);
        buckets.get(first..last.max(first)).unwrap_or(&[])
    }
}

/// Level 0: one bucket per lane and day holding claims.
fn day_buckets(timeline: &Timeline) -> Vec<Vec<Bucket>> {
    timeline
        .lane_points
        .iter()
        .map(|range| {
            let mut buckets: Vec<Bucket> = Vec::new();
            for position in range.clone() {
                let start = timeline.points[position].x.div_euclid(DAY_SECONDS) * DAY_SECONDS;
                match buckets.last_mut() {
                    Some(last) if last.start == start => {
                        last.count += 1;
                        last.end = position + 1;
                    }
                    _ => buckets.push(Bucket {
                        start,
                        count: 1,
                        first: position,
                        end: position + 1,
                    }),
                }
            }
            buckets
        })
        .collect()
}

/// Buckets `width` wide from finer ones (half as wide), in order.
fn merge(finer: &[Bucket], width: i64) -> Vec<Bucket> {
    let mut coarser: Vec<Bucket> = Vec::with_capacity(finer.len() / 2 + 1);
    for bucket in finer {
        let start = bucket.start.div_euclid(width) * width;
        match coarser.last_mut() {
            Some(last) if last.start == start => {
                last.count += bucket.count;
                last.end = bucket.end;
            }
            _ => coarser.push(Bucket { start, ..*bucket }),
        }
    }
    coarser
}
