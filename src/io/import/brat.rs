//! brat folders: `NAME.txt` and `NAME.ann` pairs (the standoff format of
//! the brat annotation tool), plus Riposte's `cross-document.tsv` for links
//! between documents, which brat cannot express.
//!
//! Each `.txt` is an article (the one in the project with the same text,
//! else a new one). In `.ann` files, text-bound lines (`T3\tClaim 10 25\t…`)
//! become claims, relation lines (`R1\tDenies Arg1:T2 Arg2:T1`: T2 denies
//! T1) links, and `AnnotatorNotes` the details Riposte's export writes
//! there (`speaker: X; via: Y; note: Z`, `status: Curated`). Offsets count
//! code points of the file as it is, as brat does; a span's text must equal
//! its fragments joined by spaces (brat's own check), else it is listed as
//! an orphan. A span of several fragments becomes one claim from the first
//! fragment's start to the last one's end; an entity type other than
//! `Claim` becomes a tag. Events, attributes and normalisations are not
//! read (a warning says so).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::decode::normalise_newlines;
use super::detect::detect_at;
use super::importer::{ClaimDraft, Importer, LinkDraft};
use crate::io::export::BRAT_CROSS_FILE;
use crate::model::{Anchor, ArticleId, ClaimId, ClaimInfo, LinkInfo, Relation, Status};

/// Claims of one document by their `T` id.
type Spans = BTreeMap<String, ClaimId>;

/// Reads a brat folder into the import.
pub(super) fn import(importer: &mut Importer<'_>, dir: &Path) {
    let mut ann_files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ann")))
            .collect(),
        Err(error) => {
            importer.fail(format!("{}: cannot list folder: {error}", dir.display()));
            return;
        }
    };
    ann_files.sort();
    let mut documents: BTreeMap<String, Spans> = BTreeMap::new();
    for ann in ann_files {
        if let Some(spans) = import_document(importer, &ann) {
            let name = ann.file_name().map(|n| n.to_string_lossy().into_owned());
            documents.insert(name.unwrap_or_default(), spans);
        }
    }
    let cross = dir.join(BRAT_CROSS_FILE);
    if cross.is_file() {
        import_cross_document(importer, &cross, &documents);
    }
}

/// A `.txt` as brat counts it (the file as it is, BOM aside) and as the
/// article stores it (line ends normalised).
struct DocumentText {
    raw: String,
    text: String,
}

fn read_text(importer: &mut Importer<'_>, path: &Path) -> Option<DocumentText> {
    let bytes = importer.read(path)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let raw = match std::str::from_utf8(bytes) {
        Ok(raw) => raw.to_string(),
        Err(_) => {
            importer.fail(format!(
                "{}: not UTF-8 text (brat files are UTF-8)",
                path.display()
            ));
            return None;
        }
    };
    let text = normalise_newlines(&raw);
    Some(DocumentText { raw, text })
}

/// One parsed `.ann` line that Riposte reads.
enum Line<'a> {
    Span {
        id: &'a str,
        kind: &'a str,
        fragments: Vec<(usize, usize)>,
        text: &'a str,
    },
    Relation {
        id: &'a str,
        kind: &'a str,
        arg1: &'a str,
        arg2: &'a str,
    },
    Note {
        target: &'a str,
        note: &'a str,
    },
    Other,
}

fn parse_line(line: &str) -> Option<Line<'_>> {
    let mut fields = line.splitn(3, '\t');
    let id = fields.next()?;
    let data = fields.next()?;
    let tail = fields.next().unwrap_or_default();
    match id.chars().next()? {
        'T' => {
            let (kind, spans) = data.split_once(' ')?;
            let fragments = spans
                .split(';')
                .map(|span| {
                    let (start, end) = span.trim().split_once(' ')?;
                    Some((start.parse().ok()?, end.trim().parse().ok()?))
                })
                .collect::<Option<Vec<(usize, usize)>>>()?;
            Some(Line::Span {
                id,
                kind,
                fragments,
                text: tail,
            })
        }
        'R' => {
            let mut parts = data.split_whitespace();
            let kind = parts.next()?;
            let (arg1, arg2) = (argument(parts.next())?, argument(parts.next())?);
            Some(Line::Relation {
                id,
                kind,
                arg1,
                arg2,
            })
        }
        '#' => {
            let (_, target) = data.split_once(' ')?;
            Some(Line::Note {
                target: target.trim(),
                note: tail,
            })
        }
        _ => Some(Line::Other),
    }
}

/// `Arg1:T3` → `T3`.
fn argument(part: Option<&str>) -> Option<&str> {
    part?.split_once(':').map(|(_, id)| id)
}

/// Byte offsets in `text` of the given code-point offsets, in one pass.
fn code_points_to_bytes(text: &str, wanted: &BTreeSet<usize>) -> BTreeMap<usize, usize> {
    let mut found = BTreeMap::new();
    let mut pending = wanted.iter().copied().peekable();
    for (count, (byte, _)) in text.char_indices().chain([(text.len(), ' ')]).enumerate() {
        while pending.peek() == Some(&count) {
            found.insert(count, byte);
            pending.next();
        }
        if pending.peek().is_none() {
            break;
        }
    }
    found
}

/// Where a byte offset of the file lands once CRLF became LF.
fn normalised_offset(raw: &str, byte: usize) -> usize {
    byte - raw[..byte].matches("\r\n").count()
}

/// `speaker: X; via: Y; note: Z` → its fields.
fn note_fields(note: &str) -> BTreeMap<&'static str, String> {
    const KEYS: [&str; 5] = ["speaker", "via", "note", "status", "tags"];
    let mut fields = BTreeMap::new();
    let mut rest = note.trim();
    while let Some(key) = KEYS.iter().find(|k| rest.starts_with(&format!("{k}: "))) {
        rest = &rest[key.len() + 2..];
        let end = KEYS
            .iter()
            .filter_map(|k| rest.find(&format!("; {k}: ")))
            .min()
            .unwrap_or(rest.len());
        fields.insert(*key, rest[..end].to_string());
        rest = rest[end..].trim_start_matches("; ");
    }
    if fields.is_empty() && !rest.is_empty() {
        fields.insert("note", rest.to_string());
    }
    fields
}

/// Reads one `.ann` file and its `.txt`; returns its claims by `T` id.
fn import_document(importer: &mut Importer<'_>, ann: &Path) -> Option<Spans> {
    let txt = ann.with_extension("txt");
    let shown = ann.display().to_string();
    if !txt.is_file() {
        importer.fail(format!("{shown}: no {} beside it", file_name(&txt)));
        return None;
    }
    let document = read_text(importer, &txt)?;
    let article = article_for(importer, &txt, &document.text);
    let bytes = importer.read(ann)?;
    let Ok(ann_text) = String::from_utf8(bytes) else {
        importer.fail(format!("{shown}: not UTF-8 text"));
        return None;
    };
    let lines: Vec<(usize, Line<'_>)> = ann_text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .filter_map(|(number, line)| match parse_line(line) {
            Some(parsed) => Some((number + 1, parsed)),
            None => {
                importer.orphan(format!("{shown}:{}: not a brat line: {line}", number + 1));
                None
            }
        })
        .collect();
    if lines.iter().any(|(_, l)| matches!(l, Line::Other)) {
        importer.warn(format!(
            "{shown}: events, attributes and normalisations are not imported"
        ));
    }
    let notes: BTreeMap<&str, &str> = lines
        .iter()
        .filter_map(|(_, l)| match l {
            Line::Note { target, note } => Some((*target, *note)),
            _ => None,
        })
        .collect();
    let spans = import_spans(importer, &lines, &notes, &document, article, &shown);
    import_relations(importer, &lines, &notes, &spans, &shown);
    Some(spans)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The article whose text this is, imported now if the project lacks it.
fn article_for(importer: &mut Importer<'_>, txt: &Path, text: &str) -> ArticleId {
    let mut detected = detect_at(text, Some(importer.stamp.at.date_naive()));
    // Offsets refer to the file as it is: keep every character of it.
    detected.text = text.to_string();
    importer.add_article(txt, detected, None)
}

fn import_spans(
    importer: &mut Importer<'_>,
    lines: &[(usize, Line<'_>)],
    notes: &BTreeMap<&str, &str>,
    document: &DocumentText,
    article: ArticleId,
    shown: &str,
) -> Spans {
    let wanted: BTreeSet<usize> = lines
        .iter()
        .flat_map(|(_, l)| match l {
            Line::Span { fragments, .. } => fragments.iter().flat_map(|&(s, e)| [s, e]).collect(),
            _ => Vec::new(),
        })
        .collect();
    let bytes = code_points_to_bytes(&document.raw, &wanted);
    let mut spans = Spans::new();
    for (number, line) in lines {
        let Line::Span {
            id,
            kind,
            fragments,
            text,
        } = line
        else {
            continue;
        };
        match span_anchor(document, &bytes, fragments, text) {
            Ok(anchor) => {
                let draft = ClaimDraft {
                    info: span_info(kind, notes.get(id).copied()),
                    ..ClaimDraft::default()
                };
                spans.insert(
                    (*id).to_string(),
                    importer.add_claim(article, anchor, draft),
                );
            }
            Err(why) => importer.orphan(format!("{shown}:{number}: {id} {why}")),
        }
    }
    spans
}

/// The anchor of a text-bound line: from its first fragment's start to its
/// last one's end, once its text is checked as brat checks it.
fn span_anchor(
    document: &DocumentText,
    bytes: &BTreeMap<usize, usize>,
    fragments: &[(usize, usize)],
    text: &str,
) -> Result<Anchor, String> {
    let at = |offset: &usize| bytes.get(offset).copied();
    let ranges: Option<Vec<(usize, usize)>> = fragments
        .iter()
        .map(|(s, e)| Some((at(s)?, at(e)?)).filter(|(s, e)| s <= e))
        .collect();
    let ranges = ranges
        .filter(|r| !r.is_empty())
        .ok_or("lies outside the text")?;
    let expected: Vec<&str> = ranges.iter().map(|&(s, e)| &document.raw[s..e]).collect();
    if !text.starts_with(&expected.join(" ")) {
        return Err("has a text that does not match the .txt there".to_string());
    }
    let first = ranges.iter().map(|r| r.0).min().unwrap_or(0);
    let last = ranges.iter().map(|r| r.1).max().unwrap_or(0);
    let (start, end) = (
        normalised_offset(&document.raw, first),
        normalised_offset(&document.raw, last),
    );
    Anchor::from_range(&document.text, start, end).map_err(|e| e.to_string())
}

fn span_info(kind: &str, note: Option<&str>) -> ClaimInfo {
    let mut fields = note.map(note_fields).unwrap_or_default();
    let mut tags: Vec<String> = Vec::new();
    if kind != "Claim" {
        tags.push(kind.to_string());
    }
    ClaimInfo {
        speaker: fields.remove("speaker").unwrap_or_default(),
        via: fields.remove("via").unwrap_or_default(),
        note: fields.remove("note").unwrap_or_default(),
        tags,
    }
}

fn link_info(relation: Relation, note: Option<&str>) -> LinkInfo {
    let mut fields = note.map(note_fields).unwrap_or_default();
    LinkInfo {
        relation,
        status: fields
            .remove("status")
            .and_then(|s| Status::parse(&s))
            .unwrap_or_default(),
        note: fields.remove("note").unwrap_or_default(),
    }
}

fn import_relations(
    importer: &mut Importer<'_>,
    lines: &[(usize, Line<'_>)],
    notes: &BTreeMap<&str, &str>,
    spans: &Spans,
    shown: &str,
) {
    for (number, line) in lines {
        let Line::Relation {
            id,
            kind,
            arg1,
            arg2,
        } = line
        else {
            continue;
        };
        let Some(relation) = Relation::parse(kind) else {
            importer.orphan(format!(
                "{shown}:{number}: {id}: '{kind}' is not a Riposte relation"
            ));
            continue;
        };
        // `Arg1` answers `Arg2`: the response is Arg1, the claim Arg2.
        let (Some(&response), Some(&claim)) = (spans.get(*arg1), spans.get(*arg2)) else {
            importer.orphan(format!(
                "{shown}:{number}: {id} joins spans that were not placed"
            ));
            continue;
        };
        let draft = LinkDraft::new(link_info(relation, notes.get(id).copied()));
        importer.add_link(claim, response, draft);
    }
}

/// `cross-document.tsv`: links between spans of different documents.
fn import_cross_document(
    importer: &mut Importer<'_>,
    path: &Path,
    documents: &BTreeMap<String, Spans>,
) {
    let Some(bytes) = importer.read(path) else {
        return;
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let shown = path.display().to_string();
    let mut rows = text.lines();
    let header: Vec<&str> = rows.next().unwrap_or_default().split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name);
    let needed = [
        "relation",
        "status",
        "response_file",
        "response",
        "claim_file",
        "claim",
        "note",
    ];
    let Some(at) = needed
        .iter()
        .map(|n| column(n))
        .collect::<Option<Vec<usize>>>()
    else {
        importer.fail(format!(
            "{shown}: not a Riposte cross-document table (header: {})",
            header.join(", ")
        ));
        return;
    };
    for (number, row) in rows.enumerate().filter(|(_, r)| !r.trim().is_empty()) {
        let cells: Vec<&str> = row.split('\t').collect();
        let cell = |i: usize| cells.get(at[i]).copied().unwrap_or_default();
        let span =
            |file: &str, id: &str| documents.get(file).and_then(|spans| spans.get(id)).copied();
        let Some(relation) = Relation::parse(cell(0)) else {
            importer.orphan(format!(
                "{shown}:{}: '{}' is not a Riposte relation",
                number + 2,
                cell(0)
            ));
            continue;
        };
        let (Some(response), Some(claim)) = (span(cell(2), cell(3)), span(cell(4), cell(5))) else {
            importer.orphan(format!(
                "{shown}:{}: joins spans that were not placed",
                number + 2
            ));
            continue;
        };
        let info = LinkInfo {
            relation,
            status: Status::parse(cell(1)).unwrap_or_default(),
            note: cell(6).to_string(),
        };
        importer.add_link(claim, response, LinkDraft::new(info));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_split_into_their_fields() {
        let fields = note_fields("speaker: EU Mission; via: Trend; note: said no; twice");
        assert_eq!(fields["speaker"], "EU Mission");
        assert_eq!(fields["via"], "Trend");
        assert_eq!(fields["note"], "said no; twice");
        assert_eq!(note_fields("free text")["note"], "free text");
        assert_eq!(note_fields("status: Curated")["status"], "Curated");
    }

    #[test]
    fn code_points_map_to_bytes_in_one_pass() {
        let wanted: BTreeSet<usize> = [0, 1, 3, 4].into_iter().collect();
        let found = code_points_to_bytes("ə😀ab", &wanted);
        assert_eq!(found.get(&1), Some(&2));
        assert_eq!(found.get(&3), Some(&7));
        assert_eq!(found.get(&4), Some(&8));
        assert_eq!(normalised_offset("a\r\nb", 3), 2);
    }
}
