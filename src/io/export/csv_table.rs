//! `csv`: one pair per row with a header, for spreadsheets. UTF-8 with a
//! byte-order mark (so Excel does not guess a legacy code page), CRLF line
//! ends and RFC 4180 quoting. Text cells that a spreadsheet would read as a
//! formula (starting with `=`, `+`, `-`, `@`, tab or CR) get a leading `'`,
//! as OWASP advises against CSV injection. Offsets are code points. Dates
//! are ISO 8601 in three columns (date-only `date`, `time`, `utc_offset`)
//! so that `pandas.to_datetime` reads the date column without options.

use super::common::{date_parts, offsets};
use crate::model::{Pair, PairSide};

/// Characters that make a spreadsheet treat a cell as a formula.
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

const SIDE_COLUMNS: [&str; 14] = [
    "id",
    "quote",
    "speaker",
    "via",
    "note",
    "article",
    "title",
    "outlet",
    "date",
    "time",
    "utc_offset",
    "url",
    "start",
    "end",
];

/// A cell: text from the analyst or the articles (neutralised), or a number
/// Riposte computed (left alone, so `-3` stays a number).
enum Cell {
    Text(String),
    Number(String),
}

fn text(value: &str) -> Cell {
    Cell::Text(value.to_string())
}

pub fn header() -> Vec<String> {
    let mut columns: Vec<String> = ["link", "relation", "status", "note", "days_between"]
        .iter()
        .map(|c| c.to_string())
        .collect();
    for prefix in ["claim", "response"] {
        columns.extend(SIDE_COLUMNS.iter().map(|c| format!("{prefix}_{c}")));
    }
    columns
}

fn side_cells(side: &PairSide<'_>) -> Vec<Cell> {
    let meta = &side.article.meta;
    let span = offsets(side).code_point;
    let published = date_parts(side.article);
    let part = |value: Option<String>| Cell::Number(value.unwrap_or_default());
    vec![
        text(&side.claim.id.to_string()),
        text(&side.claim.anchor.quote),
        text(&side.claim.info.speaker),
        text(&side.claim.info.via),
        text(&side.claim.info.note),
        text(&side.article.id.to_string()),
        text(&meta.title),
        text(&meta.outlet),
        part(published.date),
        part(published.time),
        // "+04:00" would be neutralised as a formula; the offset is ours,
        // not the analyst's text.
        part(published.utc_offset),
        text(&meta.url),
        Cell::Number(span.start.to_string()),
        Cell::Number(span.end.to_string()),
    ]
}

fn row(pair: &Pair<'_>) -> Vec<Cell> {
    let mut cells = vec![
        text(&pair.link.id.to_string()),
        text(pair.link.info.relation.name()),
        text(pair.link.info.status.name()),
        text(&pair.link.info.note),
        Cell::Number(pair.days_between().map_or(String::new(), |d| d.to_string())),
    ];
    cells.extend(side_cells(&pair.claim));
    cells.extend(side_cells(&pair.response));
    cells
}

/// Prefixes `'` to a text that a spreadsheet would evaluate.
pub fn neutralise(value: &str) -> String {
    if value.starts_with(FORMULA_TRIGGERS) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// RFC 4180: quote a field holding a quote, comma or line break, doubling
/// inner quotes.
fn quote_field(value: &str) -> String {
    if value.contains(['"', ',', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn push_record(out: &mut String, fields: impl Iterator<Item = String>) {
    let fields: Vec<String> = fields.map(|f| quote_field(&f)).collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

pub fn render(pairs: &[Pair<'_>]) -> Vec<u8> {
    let mut out = String::from('\u{feff}');
    push_record(&mut out, header().into_iter());
    for pair in pairs {
        let cells = row(pair).into_iter().map(|cell| match cell {
            Cell::Text(value) => neutralise(&value),
            Cell::Number(value) => value,
        });
        push_record(&mut out, cells);
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_not() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("-2"), "'-2");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("plain = text"), "plain = text");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(quote_field("a"), "a");
        assert_eq!(quote_field("a,b"), "\"a,b\"");
        assert_eq!(quote_field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(quote_field("two\nlines"), "\"two\nlines\"");
    }
}
