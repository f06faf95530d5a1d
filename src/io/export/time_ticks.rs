//! Ticks for a time axis (the timeline's SVG and its view in the window):
//! whole days, weeks, months or years, labelled accordingly.

use chrono::{DateTime, Datelike, Months, NaiveDate};

/// Tick positions and labels for a time range: whole days, months or
/// years, at most `max` of them (none when no step gives so few).
pub fn ticks(start: i64, end: i64, max: usize) -> Vec<(i64, String)> {
    let (Some(first), Some(last)) = (date_of(start), date_of(end)) else {
        return Vec::new();
    };
    let steps: [(TickStep, &str); 10] = [
        (TickStep::Days(1), "%Y-%m-%d"),
        (TickStep::Days(2), "%Y-%m-%d"),
        (TickStep::Days(7), "%Y-%m-%d"),
        (TickStep::Months(1), "%Y-%m"),
        (TickStep::Months(3), "%Y-%m"),
        (TickStep::Months(6), "%Y-%m"),
        (TickStep::Months(12), "%Y"),
        (TickStep::Months(24), "%Y"),
        (TickStep::Months(60), "%Y"),
        (TickStep::Months(120), "%Y"),
    ];
    for (step, format) in steps {
        let dates = step.dates(first, last, max);
        if dates.len() <= max {
            return dates
                .into_iter()
                .map(|d| (d.and_time(Default::default()).and_utc().timestamp(), d))
                .filter(|&(at, _)| at >= start && at <= end)
                .map(|(at, d)| (at, d.format(format).to_string()))
                .collect();
        }
    }
    Vec::new()
}

fn date_of(seconds: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp(seconds, 0).map(|t| t.date_naive())
}

#[derive(Clone, Copy)]
enum TickStep {
    Days(u64),
    Months(u32),
}

impl TickStep {
    /// The tick dates from `first` to `last`; stops early (returning more
    /// than `max`) once there are too many.
    fn dates(self, first: NaiveDate, last: NaiveDate, max: usize) -> Vec<NaiveDate> {
        let mut dates = Vec::new();
        let mut date = match self {
            TickStep::Days(_) => Some(first),
            TickStep::Months(n) => month_start_at_or_after(first, n),
        };
        while let Some(d) = date.filter(|d| *d <= last) {
            dates.push(d);
            if dates.len() > max {
                break;
            }
            date = match self {
                TickStep::Days(n) => d.checked_add_days(chrono::Days::new(n)),
                TickStep::Months(n) => d.checked_add_months(Months::new(n)),
            };
        }
        dates
    }
}

/// The first day of the first month at or after `date` whose month count
/// since year 0 is a multiple of `every` (so year ticks fall on January).
fn month_start_at_or_after(date: NaiveDate, every: u32) -> Option<NaiveDate> {
    let mut month = NaiveDate::from_ymd_opt(date.year(), date.month(), 1)?;
    if month < date {
        month = month.checked_add_months(Months::new(1))?;
    }
    let index = u32::try_from(month.year()).ok()? * 12 + month.month0();
    let skip = (every - index % every) % every;
    month.checked_add_months(Months::new(skip))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str) -> i64 {
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap_or_default();
        date.and_time(Default::default()).and_utc().timestamp()
    }

    fn labels(start: &str, end: &str) -> Vec<String> {
        ticks(at(start), at(end), 9)
            .into_iter()
            .map(|t| t.1)
            .collect()
    }

    #[test]
    fn ticks_are_whole_days_months_or_years() {
        assert_eq!(
            labels("2024-05-01", "2024-05-04"),
            ["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04"]
        );
        assert_eq!(
            labels("2024-01-15", "2024-06-20"),
            ["2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]
        );
        assert_eq!(
            labels("2018-03-01", "2025-02-01"),
            ["2019", "2020", "2021", "2022", "2023", "2024", "2025"]
        );
        let decades = labels("1990-01-01", "2030-01-01");
        assert_eq!(decades.first().map(String::as_str), Some("1990"));
        assert_eq!(decades.len(), 9, "every five years");
        assert!(
            ticks(i64::MAX - 10, i64::MAX, 9).is_empty(),
            "out of chrono's range"
        );
    }
}
