//! The timeline's coordinates and axes. The x axis counts days since
//! 1970-01-01 UTC (so zooming reads in days); lane `n` sits at `y = -n`, so
//! the first lane is at the top. Time marks fall on whole hours, days,
//! Mondays, months, quarters and years (UTC), whatever the view's edges, so
//! they stay put while panning.

use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, NaiveDate};
use egui_plot::{GridInput, GridMark};

use crate::model::DAY_SECONDS;
use crate::ui::widgets::shorten;

/// The x of a moment (seconds since 1970 UTC).
pub fn x_of(seconds: i64) -> f64 {
    seconds as f64 / DAY_SECONDS as f64
}

/// The moment at `x`, rounded to the second (saturating far outside).
pub fn seconds_at(x: f64) -> i64 {
    let seconds = (x * DAY_SECONDS as f64).round();
    seconds.clamp(-1e15, 1e15) as i64
}

/// The y of a lane.
pub fn lane_y(lane: usize) -> f64 {
    -(lane as f64)
}

/// The lanes whose centre lies within `y_min..=y_max` (widened by half a
/// lane, so a lane partly in view counts), clamped to `0..lanes`.
pub fn lanes_between(y_min: f64, y_max: f64, lanes: usize) -> std::ops::Range<usize> {
    if lanes == 0 || y_min.is_nan() || y_max.is_nan() || y_min > y_max {
        return 0..0;
    }
    let top = (-y_max - 0.5).ceil().max(0.0);
    let bottom = (-y_min + 0.5).floor().min((lanes - 1) as f64);
    if top > bottom {
        return 0..0;
    }
    top as usize..bottom as usize + 1
}

/// Step sizes of the time marks, in days, finest first.
const HOUR: f64 = 1.0 / 24.0;
const STEPS: [Step; 11] = [
    Step::Fraction(HOUR),
    Step::Fraction(6.0 * HOUR),
    Step::Days(1),
    Step::Monday,
    Step::Months(1),
    Step::Months(3),
    Step::Months(12),
    Step::Months(60),
    Step::Months(120),
    Step::Months(600),
    Step::Months(1200),
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    Fraction(f64),
    Days(i64),
    Monday,
    Months(u32),
}

impl Step {
    /// About how many days apart its marks are (marks of one step share
    /// one line thickness).
    fn days(self) -> f64 {
        match self {
            Step::Fraction(days) => days,
            Step::Days(days) => days as f64,
            Step::Monday => 7.0,
            Step::Months(months) => f64::from(months) * 30.44,
        }
    }

    /// Its marks from `min` to `max` (x values).
    fn marks(self, min: f64, max: f64) -> Vec<f64> {
        match self {
            Step::Fraction(step) => multiples(step, min, max, 0.0),
            Step::Days(_) => multiples(self.days(), min, max, 0.0),
            // 1970-01-05 (x = 4) was a Monday.
            Step::Monday => multiples(7.0, min, max, 4.0),
            Step::Months(months) => month_starts(months, min, max),
        }
    }
}

/// `offset + k * step` within `min..=max`.
fn multiples(step: f64, min: f64, max: f64, offset: f64) -> Vec<f64> {
    let first = ((min - offset) / step).ceil();
    let last = ((max - offset) / step).floor();
    let mut marks = Vec::new();
    let mut k = first;
    while k <= last && marks.len() <= MAX_MARKS {
        marks.push(offset + k * step);
        k += 1.0;
    }
    marks
}

/// No step ever gives more marks than this (a guard, not a layout rule).
const MAX_MARKS: usize = 2_000;

/// The first days of months whose number since year 0 is a multiple of
/// `every` (so years fall on January), within `min..=max`.
fn month_starts(every: u32, min: f64, max: f64) -> Vec<f64> {
    let (Some(first), Some(last)) = (date_at(min), date_at(max)) else {
        return Vec::new();
    };
    let index = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    let every = i64::from(every);
    let start = index(first).div_euclid(every) * every;
    let mut marks = Vec::new();
    let mut month = start;
    while month <= index(last) && marks.len() <= MAX_MARKS {
        let date = i32::try_from(month.div_euclid(12))
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, month.rem_euclid(12) as u32 + 1, 1));
        if let Some(x) = date.map(day_x).filter(|x| (min..=max).contains(x)) {
            marks.push(x);
        }
        month += every;
    }
    marks
}

fn date_at(x: f64) -> Option<NaiveDate> {
    DateTime::from_timestamp(seconds_at(x), 0).map(|t| t.date_naive())
}

fn day_x(date: NaiveDate) -> f64 {
    x_of(date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp())
}

/// The time axis's marks: the finest step at least `base_step_size` wide
/// and the two above it. Where two steps mark the same moment, the larger
/// step's mark stays (so 1 January reads "2024", not "2024-01-01").
pub fn time_marks(input: GridInput) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    let finest = STEPS
        .iter()
        .position(|s| s.days() >= input.base_step_size)
        .unwrap_or(STEPS.len() - 1);
    let mut marks: Vec<GridMark> = Vec::new();
    for step in STEPS.iter().skip(finest).take(3).rev() {
        for value in step.marks(min, max) {
            let taken = marks.iter().any(|m| (m.value - value).abs() < 1e-6);
            if !taken {
                marks.push(GridMark {
                    value,
                    step_size: step.days(),
                });
            }
        }
    }
    marks
}

/// A time mark's label: the hour, the date, the month or the year,
/// according to its step.
pub fn time_label(mark: GridMark, _range: &RangeInclusive<f64>) -> String {
    let Some(moment) = DateTime::from_timestamp(seconds_at(mark.value), 0) else {
        return String::new();
    };
    let format = match mark.step_size {
        s if s < 1.0 => "%H:%M",
        s if s < 28.0 => "%Y-%m-%d",
        s if s < 360.0 => "%Y-%m",
        _ => "%Y",
    };
    moment.format(format).to_string()
}

/// The lane axis's marks: one per lane in view.
pub fn lane_marks(lanes: usize) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |input: GridInput| {
        let (min, max) = input.bounds;
        lanes_between(min, max, lanes)
            .map(|lane| GridMark {
                value: lane_y(lane),
                step_size: 1.0,
            })
            .collect()
    }
}

/// A lane's label, cut to fit the axis; none for a lane whose middle is
/// out of view (its label would sit beside the time axis).
pub fn lane_label(lanes: &[String]) -> impl Fn(GridMark, &RangeInclusive<f64>) -> String + '_ {
    |mark: GridMark, range: &RangeInclusive<f64>| {
        let lane = (-mark.value).round();
        if lane < 0.0 || !range.contains(&mark.value) {
            return String::new();
        }
        let lane = lane as usize;
        lanes.get(lane).map_or_else(String::new, |l| shorten(l, 26))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(date: &str) -> f64 {
        day_x(date.parse().unwrap_or_default())
    }

    fn labels(min: f64, max: f64, base: f64) -> Vec<String> {
        time_marks(GridInput {
            bounds: (min, max),
            base_step_size: base,
        })
        .into_iter()
        .filter(|m| m.step_size >= base)
        .map(|m| time_label(m, &(min..=max)))
        .collect()
    }

    #[test]
    fn days_x_round_trips_and_lanes_go_down() {
        assert_eq!(x("1970-01-02"), 1.0);
        assert_eq!(seconds_at(x_of(1_700_000_123)), 1_700_000_123);
        assert_eq!(lane_y(3), -3.0);
        assert_eq!(lanes_between(-2.2, 0.4, 10), 0..3);
        assert_eq!(lanes_between(-20.0, -8.6, 10), 9..10);
        assert_eq!(lanes_between(1.0, 3.0, 10), 0..0);
    }

    #[test]
    fn marks_fall_on_calendar_boundaries() {
        // A month in view, marks a day or more apart: days, Mondays, months.
        let got = labels(x("2024-03-01") - 0.2, x("2024-03-31"), 0.8);
        assert_eq!(got.first().map(String::as_str), Some("2024-03"));
        assert!(got.contains(&"2024-03-04".to_string()), "{got:?}");
        assert!(got.contains(&"2024-03-31".to_string()), "{got:?}");
        // Years in view: months, quarters and years; 1 January reads "2024".
        let got = labels(x("2022-12-15"), x("2025-02-01"), 20.0);
        assert!(got.contains(&"2024".to_string()), "{got:?}");
        assert!(got.contains(&"2024-04".to_string()), "{got:?}");
        assert!(!got.contains(&"2024-01".to_string()), "{got:?}");
    }

    #[test]
    fn lane_labels_are_cut_to_fit() {
        let lanes = vec!["EU Mission".to_string(), "ა".repeat(40)];
        let label = lane_label(&lanes);
        let mark = |value| GridMark {
            value,
            step_size: 1.0,
        };
        let view = -5.5..=0.5;
        assert_eq!(label(mark(0.0), &view), "EU Mission");
        assert_eq!(label(mark(-1.0), &view).chars().count(), 26);
        assert_eq!(label(mark(-5.0), &view), "");
        // Half out of view: no label beside the time axis.
        assert_eq!(label(mark(-1.0), &(-0.8..=0.5)), "");
    }
}
