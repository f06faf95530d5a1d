//! Article import: decoding, normalising and metadata detection.
//!
//! Text is decoded once (UTF-8 with or without BOM, else Windows-1252 with a
//! warning) and normalised (LF line ends); from then on it is the coordinate
//! system of every claim in the article. Detected metadata (date, outlet,
//! title) is a first guess the analyst can correct.

use chrono::{NaiveDate, NaiveTime};
use regex::Regex;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use crate::model::{
    Article, ArticleId, ArticleMeta, Bundle, Edit, Project, Published, Stamp, content_hash,
};

/// Longest first line still taken as a title; longer ones are paragraphs.
const TITLE_MAX_CHARS: usize = 120;
/// A title made from a first sentence is cut to about this length.
const SENTENCE_TITLE_CHARS: usize = 100;
/// Datelines and outlet lines are looked for in this many leading lines.
const HEADER_LINES: usize = 8;

/// Text decoded from a file, with what was done to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Decodes file bytes: strips a UTF-8 BOM, falls back to Windows-1252 for
/// invalid UTF-8 (warning where the first bad byte is), and turns CRLF and
/// CR into LF.
pub fn decode(bytes: &[u8], name: &str) -> Decoded {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(error) => {
            let at = error.valid_up_to();
            warnings.push(format!(
                "{name}: not valid UTF-8 (first bad byte at offset {at}); decoded as Windows-1252"
            ));
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            text.into_owned()
        }
    };
    Decoded {
        text: normalise_newlines(&text),
        warnings,
    }
}

/// CRLF and lone CR become LF.
pub fn normalise_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// An article's text and metadata as detected, before it gets an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detected {
    pub text: String,
    pub meta: ArticleMeta,
}

/// Detects date, outlet and title; removes a leading ` date YYYY-MM-DD`
/// marker from the text (its date goes into the metadata).
pub fn detect(text: &str) -> Detected {
    let (marker_date, body) = split_date_marker(text);
    let dateline = find_dateline(body);
    let published = match (marker_date, dateline) {
        // A dateline on the same day adds the time and offset the marker lacks.
        (Some(date), Some(line)) if line.date == date => Some(line),
        (Some(date), _) => Some(Published {
            date,
            time: None,
            utc_offset_minutes: None,
        }),
        (None, Some(line)) => Some(line),
        (None, None) => find_city_dateline(body),
    };
    Detected {
        meta: ArticleMeta {
            title: detect_title(body),
            outlet: detect_outlet(body).unwrap_or_default(),
            published,
            url: String::new(),
            source_path: String::new(),
        },
        text: body.to_string(),
    }
}

/// Compiles one of this module's constant patterns. They are fixed at
/// compile time and exercised by the tests, so a failure is a programming
/// error, not bad input.
#[allow(clippy::expect_used)]
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant pattern is valid")
}

static DATE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})(?:\s+|$)"));

fn split_date_marker(text: &str) -> (Option<NaiveDate>, &str) {
    let Some(found) = DATE_MARKER.captures(text) else {
        return (None, text);
    };
    let date = ymd(&found[1], &found[2], &found[3]);
    match date {
        Some(date) => (Some(date), &text[found.get(0).map_or(0, |m| m.end())..]),
        None => (None, text),
    }
}

fn ymd(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

const MONTHS: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";

fn month_number(name: &str) -> Option<u32> {
    MONTHS
        .split('|')
        .position(|m| m.eq_ignore_ascii_case(name))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// `2 February 2024 12:18 (UTC+04:00)`, alone at the start of a line.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?m)^\s*(\d{{1,2}}) ({MONTHS}) (\d{{4}})(?:,? (\d{{1,2}}):(\d{{2}}))?(?: \(?(?:UTC|GMT) ?([+-])(\d{{1,2}}):?(\d{{2}})\)?)?\s*$"
    ))
});

fn find_dateline(body: &str) -> Option<Published> {
    let head = leading_lines(body, HEADER_LINES);
    let found = DATELINE.captures(head)?;
    let date = NaiveDate::from_ymd_opt(
        found[3].parse().ok()?,
        month_number(&found[2])?,
        found[1].parse().ok()?,
    )?;
    let time = match (found.get(4), found.get(5)) {
        (Some(h), Some(m)) => {
            NaiveTime::from_hms_opt(h.as_str().parse().ok()?, m.as_str().parse().ok()?, 0)
        }
        _ => None,
    };
    let offset = match (found.get(6), found.get(7), found.get(8)) {
        (Some(sign), Some(h), Some(m)) => {
            let minutes = h.as_str().parse::<i32>().ok()? * 60 + m.as_str().parse::<i32>().ok()?;
            Some(if sign.as_str() == "-" {
                -minutes
            } else {
                minutes
            })
        }
        _ => None,
    };
    Some(Published {
        date,
        time,
        utc_offset_minutes: offset,
    })
}

/// `BAKU, Azerbaijan, November 21`: a city in capitals, a country, a day.
static CITY_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?m)^\s*[A-Z][A-Z .'-]+,(?: [A-Z][\w .'-]*,)? ({MONTHS}) (\d{{1,2}})\b"
    ))
});

/// Full dates anywhere in the text, to supply a city dateline's year:
/// `20 November 2024`, `November 20, 2024`, `2024-11-20`.
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?:\d{{1,2}} (?:{MONTHS}) (\d{{4}})|(?:{MONTHS}) \d{{1,2}}, (\d{{4}})|(\d{{4}})-\d{{2}}-\d{{2}})\b"
    ))
});

fn find_city_dateline(body: &str) -> Option<Published> {
    let head = leading_lines(body, HEADER_LINES);
    let found = CITY_DATELINE.captures(head)?;
    let month = month_number(&found[1])?;
    let day: u32 = found[2].parse().ok()?;
    let year = year_mentioned(body)?;
    Some(Published {
        date: NaiveDate::from_ymd_opt(year, month, day)?,
        time: None,
        utc_offset_minutes: None,
    })
}

/// The year of the first full date in the text, if any.
fn year_mentioned(body: &str) -> Option<i32> {
    FULL_DATE.captures_iter(body).find_map(|found| {
        (1..=3)
            .find_map(|i| found.get(i))
            .and_then(|m| m.as_str().parse().ok())
    })
}

/// `..., Trend reports.` / `Azernews reports` / a line `Trend:`.
/// The name before " reports": one or two capitalised words after the
/// start of the text, a line break, or a comma/full stop ("..., Trend reports").
static OUTLET_BEFORE_REPORTS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:^|[,.]\s+|\n)([A-Z][\w.\-]*(?: [A-Z][\w.\-]*)?)$"));
static OUTLET_LINE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?m)^\s*([A-Z][\w.\-]*(?: [A-Z][\w.\-]*)?):\s*$"));
/// How far before " reports" an outlet name may start.
const OUTLET_NAME_MAX_BYTES: usize = 48;

fn detect_outlet(body: &str) -> Option<String> {
    let head = leading_lines(body, HEADER_LINES);
    if let Some(found) = OUTLET_LINE.captures(head) {
        return Some(found[1].to_string());
    }
    outlet_before_reports(body)
}

/// Finds " reports" with a plain substring search (fast on any text) and
/// only then looks at the few words before it. A Unicode-aware regex over
/// the whole body was the slowest step of importing.
fn outlet_before_reports(body: &str) -> Option<String> {
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

/// Lines that head a page but are not its title.
fn is_not_a_title(line: &str) -> bool {
    DATELINE.is_match(line)
        || CITY_DATELINE.is_match(line)
        || OUTLET_LINE.is_match(line)
        || line.starts_with("Details added")
        || line.starts_with("Updated")
}

/// `BAKU, Azerbaijan, November 21. The parliament...` → `The parliament...`.
fn without_city_dateline(line: &str) -> &str {
    match CITY_DATELINE.find(line) {
        Some(found) if found.start() == 0 => {
            line[found.end()..].trim_start_matches(['.', ',', ':', '-', '—', '–', ' '])
        }
        _ => line,
    }
}

/// The first line when it is short, else the first sentence (shortened).
fn detect_title(body: &str) -> String {
    let Some(line) = body
        .lines()
        .map(|line| without_city_dateline(line.trim()))
        .find(|line| !line.is_empty() && !is_not_a_title(line))
    else {
        return String::new();
    };
    if line.chars().count() <= TITLE_MAX_CHARS {
        return line.to_string();
    }
    shorten(first_sentence(line), SENTENCE_TITLE_CHARS)
}

/// Up to the first `.`, `!` or `?` followed by a space, skipping initials
/// such as "U.S." (one capital letter before the dot).
fn first_sentence(line: &str) -> &str {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for window in chars.windows(3) {
        let [(_, before), (i, mark), (_, after)] = [window[0], window[1], window[2]];
        if matches!(mark, '.' | '!' | '?') && after == ' ' && !is_initial(line, i, before) {
            return &line[..i + mark.len_utf8()];
        }
    }
    line
}

fn is_initial(line: &str, dot: usize, before: char) -> bool {
    before.is_uppercase()
        && line[..dot]
            .chars()
            .rev()
            .nth(1)
            .is_none_or(|c| !c.is_alphabetic())
}

/// Cuts `text` to at most `max` chars at a word boundary, adding "…".
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut.rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end_matches([',', ';', ':', ' ']))
}

fn leading_lines(text: &str, count: usize) -> &str {
    let end = text
        .match_indices('\n')
        .nth(count)
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// The edit adding the new articles (one undo step), if any are new.
    pub edit: Option<Edit>,
    /// New articles, in the order of the files.
    pub added: Vec<ArticleId>,
    /// Files whose text is already in the project (or earlier in this import).
    pub duplicates: Vec<(PathBuf, ArticleId)>,
    /// Things the analyst should know (encoding fallbacks, skipped files).
    pub warnings: Vec<String>,
    /// Paths that could not be read, with why.
    pub failures: Vec<String>,
}

/// Imports `.txt` and `.md` files, and such files in folders (recursively,
/// in name order), into an edit for `project`.
pub fn import_paths(project: &Project, paths: &[PathBuf], stamp: &Stamp) -> ImportReport {
    let mut report = ImportReport::default();
    let files = collect_files(paths, &mut report);
    let mut bundle = Bundle::default();
    let mut ids = project.next_ids.clone();
    for file in files {
        let bytes = match std::fs::read(&file) {
            Ok(bytes) => bytes,
            Err(error) => {
                report
                    .failures
                    .push(format!("{}: cannot read: {error}", file.display()));
                continue;
            }
        };
        let source = file.display().to_string();
        let decoded = decode(&bytes, &source);
        report.warnings.extend(decoded.warnings.iter().cloned());
        let mut detected = detect(&decoded.text);
        detected.meta.source_path = source;
        let hash = content_hash(&detected.text);
        let existing = project.find_duplicate(&detected.text, &hash).or_else(|| {
            bundle
                .articles
                .iter()
                .find(|a| a.content_hash == hash && *a.text == *detected.text)
        });
        if let Some(existing) = existing {
            report.duplicates.push((file, existing.id));
            continue;
        }
        let id = ids.take_article();
        report.added.push(id);
        bundle.articles.push(Article {
            id,
            meta: detected.meta,
            imported_at: stamp.at,
            content_hash: hash,
            text: detected.text.into(),
        });
    }
    if !bundle.articles.is_empty() {
        report.edit = Some(Edit::Insert(Box::new(bundle)));
    }
    report
}

/// An article built from text the caller already has (tests, generators,
/// pasted text), with detection applied.
pub fn article_from_text(id: ArticleId, text: &str, source: &str, stamp: &Stamp) -> Article {
    let mut detected = detect(&normalise_newlines(
        text.strip_prefix('\u{feff}').unwrap_or(text),
    ));
    detected.meta.source_path = source.to_string();
    Article {
        id,
        content_hash: content_hash(&detected.text),
        meta: detected.meta,
        imported_at: stamp.at,
        text: detected.text.into(),
    }
}

fn is_importable(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

fn collect_files(paths: &[PathBuf], report: &mut ImportReport) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_dir(path, &mut files, report);
        } else if path.is_file() {
            if !is_importable(path) {
                report.warnings.push(format!(
                    "{}: imported although it is not a .txt or .md file",
                    path.display()
                ));
            }
            files.push(path.clone());
        } else {
            report
                .failures
                .push(format!("{}: no such file or folder", path.display()));
        }
    }
    files
}

fn collect_dir(dir: &Path, files: &mut Vec<PathBuf>, report: &mut ImportReport) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            report
                .failures
                .push(format!("{}: cannot list folder: {error}", dir.display()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_dir(&path, files, report);
        } else if is_importable(&path) {
            files.push(path);
        }
    }
}
