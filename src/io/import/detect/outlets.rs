//! The outlet that published an article, from what its text says: an
//! agency tag in a wire dateline (`/TASS/`, `(AP)`, `ARMENPRESS.`), a line
//! `Trend:`, a byline (`By Ani Mejlumyan, Eurasianet`, `By Reuters`), a
//! `Source:` line, or "…, Trend reports".

use regex::Regex;
use std::sync::LazyLock;

use super::byline::BYLINE;
use super::pattern::regex;
use super::wire;

/// Outlets of the region and the wires, in their usual spelling, so that a
/// tag in capitals (`ARMENPRESS`) is written as the outlet writes itself
/// and a byline naming one is recognised for sure.
const KNOWN: &[&str] = &[
    "AFP",
    "AP",
    "APA",
    "Anadolu Agency",
    "Armenpress",
    "Azatutyun",
    "AZERTAC",
    "Azernews",
    "BBC",
    "Civil.ge",
    "CNN",
    "Eurasianet",
    "Hetq",
    "Interfax",
    "Interpressnews",
    "JAMnews",
    "Kazinform",
    "Mediamax",
    "News.am",
    "News.az",
    "Qafqazinfo.az",
    "Report.az",
    "Reuters",
    "RIA Novosti",
    "Sputnik",
    "TASS",
    "Trend",
    "Turan",
    "Xinhua",
    "Armenia Today",
    "Caliber.az",
    "Oxu.az",
    "Daily Sabah",
    "Hürriyet",
];

/// The usual spelling of a known outlet, matched without regard to case.
pub(super) fn known(name: &str) -> Option<&'static str> {
    let name = name.trim();
    KNOWN
        .iter()
        .find(|known| known.to_lowercase() == name.to_lowercase())
        .copied()
}

/// An outlet and whether the text says so plainly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Outlet {
    pub name: String,
    pub certain: bool,
}

fn sure(name: &str) -> Outlet {
    Outlet {
        name: known(name).map_or_else(|| name.trim().to_string(), str::to_string),
        certain: true,
    }
}

static OUTLET_LINE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\s*([A-Z][\w.\-]*(?: [A-Z][\w.\-]*)?):\s*$"));
static SOURCE_LINE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\s*(?i:source|источник|mənbə|kaynak)\s*:\s*(\S.{0,40}?)\s*$"));

/// Words that end a byline's role, not an outlet ("By Jane Doe, Staff Writer").
const ROLE_WORDS: [&str; 7] = [
    "staff",
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "contributor",
    "desk",
];

/// `By Reuters` → Reuters; `By Ani Mejlumyan, Eurasianet` → Eurasianet
/// (certain only when the outlet is a known one); `By Staff` → none.
fn from_byline(line: &str) -> Option<Outlet> {
    let found = BYLINE.captures(line)?;
    let names = found[1].trim().trim_end_matches(['.', ',', ';']);
    if let Some(name) = known(names) {
        return Some(sure(name));
    }
    let (_, last) = names.rsplit_once(',')?;
    let last = last.trim();
    let words: Vec<String> = last.split_whitespace().map(str::to_lowercase).collect();
    if last.is_empty() || words.len() > 4 || words.iter().any(|w| ROLE_WORDS.contains(&w.as_str()))
    {
        return None;
    }
    Some(match known(last) {
        Some(name) => sure(name),
        None => Outlet {
            name: last.to_string(),
            certain: false,
        },
    })
}

/// How far before " reports" an outlet name may start.
const OUTLET_NAME_MAX_BYTES: usize = 48;
/// The name before " reports": one or two capitalised words after the
/// start of the text, a line break, or a comma/full stop ("..., Trend reports").
static OUTLET_BEFORE_REPORTS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:^|[,.]\s+|\n)([A-Z][\w.\-]*(?: [A-Z][\w.\-]*)?)$"));

/// Finds " reports" with a plain substring search (fast on any text) and
/// only then looks at the few words before it. A Unicode-aware regex over
/// the whole body was the slowest step of importing.
fn before_reports(body: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = body[from..].find(" reports") {
        let end = from + at;
        let after = body[end + " reports".len()..].chars().next();
        if after.is_none_or(|c| !c.is_alphanumeric()) {
            let start =
                crate::model::floor_char_boundary(body, end.saturating_sub(OUTLET_NAME_MAX_BYTES));
            // "^" in the window is a real start of text only when the window
            // starts the body; elsewhere the separator must be inside it.
            let window = &body[start..end];
            if let Some(found) = OUTLET_BEFORE_REPORTS.captures(window) {
                let separator_at = found.get(0).map_or(0, |m| m.start());
                if start == 0 || separator_at > 0 || window.starts_with(['\n', ',', '.']) {
                    return Some(found[1].to_string());
                }
            }
        }
        from = end + 1;
    }
    None
}

/// The outlet, from the header lines first (dateline tags, outlet lines,
/// bylines, sources), then from "X reports" anywhere in the text.
pub(super) fn detect(head: &[&str], body: &str) -> Option<Outlet> {
    let from_head = head.iter().find_map(|line| {
        if let Some(agency) = wire::parse(line).and_then(|d| d.agency) {
            return Some(sure(&agency));
        }
        if let Some(found) = OUTLET_LINE
            .captures(line)
            .or_else(|| SOURCE_LINE.captures(line))
        {
            return Some(sure(&found[1]));
        }
        from_byline(line)
    });
    from_head.or_else(|| before_reports(body).map(|name| sure(&name)))
}

/// True for a line that names the outlet and nothing else (`Trend:`).
pub(super) fn is_outlet_line(line: &str) -> bool {
    OUTLET_LINE.is_match(line) || SOURCE_LINE.is_match(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlet(lines: &[&str]) -> Option<(String, bool)> {
        detect(lines, &lines.join("\n")).map(|o| (o.name, o.certain))
    }

    #[test]
    fn outlets_from_tags_bylines_and_lines() {
        let sure = |name: &str| Some((name.to_string(), true));
        assert_eq!(
            outlet(&["YEREVAN, MAY 26, ARMENPRESS. Text"]),
            sure("Armenpress")
        );
        assert_eq!(outlet(&["ASTANA, October 4. /TASS/. Text"]), sure("TASS"));
        assert_eq!(outlet(&["By Reuters"]), sure("Reuters"));
        assert_eq!(
            outlet(&["By Ani Mejlumyan, Eurasianet"]),
            sure("Eurasianet")
        );
        assert_eq!(
            outlet(&["By Jane Doe, Caucasus Watch"]),
            Some(("Caucasus Watch".to_string(), false))
        );
        assert_eq!(outlet(&["By Staff | 26 May 2021"]), None);
        assert_eq!(outlet(&["By Jane Doe, Staff Writer"]), None);
        assert_eq!(outlet(&["Source: APA"]), sure("APA"));
        assert_eq!(outlet(&["Trend:"]), sure("Trend"));
    }
}
