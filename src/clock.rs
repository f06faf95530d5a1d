//! Who is working and what time it is, for the stamps on new records.
//!
//! `SOURCE_DATE_EPOCH` (the reproducible-builds convention) pins the clock so
//! that generated files such as `saves/demo.ron` come out byte-identical.

use chrono::{DateTime, Utc};

use crate::model::Stamp;

/// The current time, or `SOURCE_DATE_EPOCH` when it is set to a valid number.
pub fn now() -> DateTime<Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(Utc::now)
}

/// The analyst's name: `RIPOSTE_ANALYST`, else the login name, else "analyst".
pub fn analyst() -> String {
    ["RIPOSTE_ANALYST", "USER", "USERNAME"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .map(|name| name.trim().to_string())
        .find(|name| !name.is_empty())
        .unwrap_or_else(|| "analyst".to_string())
}

/// A stamp for records created or changed right now.
pub fn stamp() -> Stamp {
    Stamp {
        analyst: analyst(),
        at: now(),
    }
}
