//! `brat`: a folder for the brat rapid annotation tool. Per article that has
//! an exported claim, `a<N>.txt` (the article text, exactly as stored) and
//! `a<N>.ann` (standoff annotations), plus `annotation.conf` declaring the
//! `Claim` entity and one relation type per Riposte relation, and
//! `cross-document.tsv` for links between articles, which brat cannot
//! express.
//!
//! In `.ann` files offsets count code points (brat is Python). Claim `cN`
//! becomes `TN` and link `lN` becomes `RN` (`c14-k3m9qz` becomes
//! `T14-k3m9qz`: brat ids are a letter, a number and a free tail), so ids
//! read back directly. A
//! relation's `Arg1` is the response and `Arg2` the claim it answers, so
//! `R1 Denies Arg1:T2 Arg2:T1` reads "T2 denies T1". A quote spanning
//! lines becomes a discontinuous span, one fragment per non-empty line (line
//! breaks as Python counts them, U+2028 and U+0085 included), with
//! the fragments joined by spaces in the text field, as brat requires.
//!
//! A claim's speaker, via and note and a relation's status and note are
//! `AnnotatorNotes` (`speaker: X; via: Y; note: Z`, `status: Curated`), on
//! one line each; `riposte import FOLDER` reads all of this back.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::common::{is_line_break, one_line};
use crate::model::{
    Article, ArticleId, Claim, ClaimId, LinkId, Pair, Relation, byte_to_char_index,
};

pub const CONF_FILE: &str = "annotation.conf";
pub const CROSS_FILE: &str = "cross-document.tsv";

/// The file stem for an article (`a3`).
pub fn stem(article: ArticleId) -> String {
    article.to_string()
}

/// `T14-k3m9qz` for claim `c14-k3m9qz`.
fn entity_id(claim: ClaimId) -> String {
    brat_id('T', &claim.to_string(), ClaimId::PREFIX)
}

/// `R2` for link `l2`.
fn relation_id(link: LinkId) -> String {
    brat_id('R', &link.to_string(), LinkId::PREFIX)
}

fn brat_id(letter: char, shown: &str, prefix: &str) -> String {
    format!("{letter}{}", shown.strip_prefix(prefix).unwrap_or(shown))
}

/// `annotation.conf`: every claim is a `Claim`; every relation may join any
/// two claims; claims may overlap (Riposte allows it).
fn annotation_conf() -> String {
    let mut conf = String::from("[entities]\nClaim\n\n[relations]\n");
    for relation in Relation::ALL {
        let _ = writeln!(conf, "{}\tArg1:Claim, Arg2:Claim", relation.name());
    }
    conf.push_str("<OVERLAP>\tArg1:Claim, Arg2:Claim, <OVL-TYPE>:<ANY>\n");
    conf.push_str("\n[events]\n\n[attributes]\n");
    conf
}

/// The fragments of a claim as code-point ranges with their text: one per
/// non-empty line of the quote. brat fragments may not be empty, and a line
/// break inside the text field would split the `.ann` line, so quotes are
/// cut at every character a Python reader treats as a line break.
pub fn fragments(text: &str, claim: &Claim) -> Vec<(usize, usize, String)> {
    let (start, end) = (claim.anchor.start, claim.anchor.end.min(text.len()));
    let Some(quote) = text.get(start..end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut line_start = start;
    let mut push = |from: usize, to: usize| {
        if to > from {
            out.push((
                byte_to_char_index(text, from),
                byte_to_char_index(text, to),
                text[from..to].to_string(),
            ));
        }
    };
    for (i, c) in quote.char_indices() {
        if is_line_break(c) {
            push(line_start, start + i);
            line_start = start + i + c.len_utf8();
        }
    }
    push(line_start, end);
    out
}

fn text_bound_line(article: &Article, claim: &Claim) -> Option<String> {
    let fragments = fragments(&article.text, claim);
    if fragments.is_empty() {
        return None;
    }
    let spans: Vec<String> = fragments
        .iter()
        .map(|(s, e, _)| format!("{s} {e}"))
        .collect();
    let texts: Vec<&str> = fragments.iter().map(|(_, _, t)| t.as_str()).collect();
    Some(format!(
        "{}\tClaim {}\t{}\n",
        entity_id(claim.id),
        spans.join(";"),
        texts.join(" ")
    ))
}

/// `speaker: X; via: Y; note: Z`, on one line, or `None` when all are empty.
fn claim_note(claim: &Claim) -> Option<String> {
    let info = &claim.info;
    let parts: Vec<String> = [
        ("speaker", &info.speaker),
        ("via", &info.via),
        ("note", &info.note),
    ]
    .into_iter()
    .filter(|(_, value)| !value.trim().is_empty())
    .map(|(label, value)| format!("{label}: {}", one_line(value.trim())))
    .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// `status: Curated; note: …` for a relation's AnnotatorNotes, so the
/// status survives a round trip through brat.
fn link_note(pair: &Pair<'_>) -> String {
    let info = &pair.link.info;
    let mut note = format!("status: {}", info.status.name());
    if !info.note.trim().is_empty() {
        let _ = write!(note, "; note: {}", one_line(info.note.trim()));
    }
    note
}

#[derive(Default)]
struct AnnFile<'a> {
    claims: BTreeMap<ClaimId, &'a Claim>,
    relations: Vec<Pair<'a>>,
}

fn ann_text(article: &Article, file: &AnnFile<'_>) -> String {
    let mut out = String::new();
    let mut notes = Vec::new();
    for claim in file.claims.values() {
        let Some(line) = text_bound_line(article, claim) else {
            continue;
        };
        out.push_str(&line);
        if let Some(note) = claim_note(claim) {
            notes.push((entity_id(claim.id), note));
        }
    }
    for pair in &file.relations {
        let link = pair.link;
        let _ = writeln!(
            out,
            "{}\t{} Arg1:{} Arg2:{}",
            relation_id(link.id),
            link.info.relation.name(),
            entity_id(link.response),
            entity_id(link.claim)
        );
        notes.push((relation_id(link.id), link_note(pair)));
    }
    for (number, (target, note)) in notes.iter().enumerate() {
        let _ = writeln!(out, "#{}\tAnnotatorNotes {target}\t{note}", number + 1);
    }
    out
}

fn cross_document_tsv(pairs: &[Pair<'_>]) -> String {
    let mut out = String::from(
        "link\trelation\tstatus\tresponse_file\tresponse\tclaim_file\tclaim\tresponse_quote\tclaim_quote\tnote\n",
    );
    for pair in pairs {
        let fields = [
            pair.link.id.to_string(),
            pair.link.info.relation.name().to_string(),
            pair.link.info.status.name().to_string(),
            format!("{}.ann", stem(pair.response.article.id)),
            entity_id(pair.response.claim.id),
            format!("{}.ann", stem(pair.claim.article.id)),
            entity_id(pair.claim.claim.id),
            one_line(&pair.response.claim.anchor.quote),
            one_line(&pair.claim.claim.anchor.quote),
            one_line(&pair.link.info.note),
        ];
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

pub fn render(pairs: &[Pair<'_>]) -> Vec<(String, Vec<u8>)> {
    let mut files: BTreeMap<ArticleId, (&Article, AnnFile<'_>)> = BTreeMap::new();
    let mut across = Vec::new();
    for pair in pairs {
        for side in [&pair.claim, &pair.response] {
            let entry = files
                .entry(side.article.id)
                .or_insert_with(|| (side.article, AnnFile::default()));
            entry.1.claims.insert(side.claim.id, side.claim);
        }
        if pair.claim.article.id == pair.response.article.id {
            if let Some((_, file)) = files.get_mut(&pair.claim.article.id) {
                file.relations.push(*pair);
            }
        } else {
            across.push(*pair);
        }
    }
    let mut out = vec![(CONF_FILE.to_string(), annotation_conf().into_bytes())];
    for (id, (article, file)) in &files {
        out.push((
            format!("{}.txt", stem(*id)),
            article.text.as_bytes().to_vec(),
        ));
        out.push((
            format!("{}.ann", stem(*id)),
            ann_text(article, file).into_bytes(),
        ));
    }
    out.push((
        CROSS_FILE.to_string(),
        cross_document_tsv(&across).into_bytes(),
    ));
    out
}
