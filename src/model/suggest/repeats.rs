//! Every repeat of a claim: near-identical spans in all articles (quotes,
//! white space and case normalised, then an approximate match that allows
//! a few edits), and the edit that records them as repeats of the original
//! in one step.

use rustc_hash::FxHashMap;
use std::ops::Range;

use super::index::SuggestIndex;
use super::words::fold_char;
use super::{Query, SuggestError};
use crate::model::build::{new_claim, new_link};
use crate::model::locate::sellers;
use crate::model::{
    Anchor, ArticleId, Bundle, Claim, ClaimId, ClaimInfo, Edit, Link, LinkInfo, NextIds, Project,
    Stamp, byte_to_char_index,
};

/// Below this share of the claim's lexical score a segment is not looked at.
const MIN_LEXICAL: f32 = 0.3;
/// Matches need at least this similarity (1 − edits / quote length).
pub const MIN_SIMILARITY: f32 = 0.8;
/// Quotes longer than this (in normalised chars) are matched on their
/// first part only, to bound the work per window.
const MAX_PATTERN_CHARS: usize = 1000;

/// A span that repeats the claim.
#[derive(Clone, Debug, PartialEq)]
pub struct RepeatMatch {
    pub article: ArticleId,
    /// Byte range in the article's text.
    pub range: Range<usize>,
    pub quote: String,
    /// 1.0 when identical after normalising quotes, white space and case.
    pub similarity: f32,
    /// A claim already at (overlapping) this span: it is marked as a repeat
    /// instead of a new claim being added.
    pub existing: Option<ClaimId>,
}

/// The original a claim repeats (itself when it repeats nothing).
pub(crate) fn root_of(project: &Project, claim: ClaimId) -> ClaimId {
    project
        .claim(claim)
        .and_then(|c| c.repeat_of)
        .filter(|root| project.claim(*root).is_some())
        .unwrap_or(claim)
}

/// Text normalised for comparison: folded, quotation marks dropped, white
/// space runs made one space; each char remembers its byte range.
struct Normalised {
    chars: Vec<char>,
    bytes: Vec<Range<usize>>,
}

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '“'
            | '”'
            | '„'
            | '‟'
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '«'
            | '»'
            | '‹'
            | '›'
    )
}

fn normalise(text: &str, offset: usize) -> Normalised {
    let mut out = Normalised {
        chars: Vec::with_capacity(text.len()),
        bytes: Vec::with_capacity(text.len()),
    };
    let mut folded = String::new();
    for (at, c) in text.char_indices() {
        let bytes = offset + at..offset + at + c.len_utf8();
        if is_quote_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            if out.chars.last().is_some_and(|&l| l != ' ') {
                out.chars.push(' ');
                out.bytes.push(bytes);
            }
            continue;
        }
        folded.clear();
        fold_char(c, &mut folded);
        for f in folded.chars() {
            out.chars.push(f);
            out.bytes.push(bytes.clone());
        }
    }
    if out.chars.last() == Some(&' ') {
        out.chars.pop();
        out.bytes.pop();
    }
    out
}

/// The closest approximate occurrence of `pattern` in `text` (Sellers'
/// algorithm, shared with re-anchoring), allowing the edits
/// [`MIN_SIMILARITY`] leaves: its char range in `text` and the edits.
fn best_match(pattern: &[char], text: &[char]) -> Option<(Range<usize>, usize)> {
    if pattern.is_empty() || text.is_empty() {
        return None;
    }
    let allowed = ((1.0 - MIN_SIMILARITY) * pattern.len() as f32).floor() as usize;
    if missing_chars(pattern, text) > allowed {
        return None;
    }
    let joined: String = text.iter().collect();
    let hit = sellers(pattern, &joined, 0, joined.len(), allowed, 0)?;
    let start = byte_to_char_index(&joined, hit.start);
    let end = byte_to_char_index(&joined, hit.end);
    Some((start..end, hit.distance))
}

/// How many of `pattern`'s chars (counted with repeats) `text` lacks.
/// Each needs an edit in any match inside `text`, so more than the edits
/// allowed rules a window out at linear cost, before the quadratic
/// alignment (most windows on a large project share words with the quote,
/// not its wording).
fn missing_chars(pattern: &[char], text: &[char]) -> usize {
    let mut balance: FxHashMap<char, isize> = FxHashMap::default();
    for &c in pattern {
        *balance.entry(c).or_insert(0) += 1;
    }
    for &c in text {
        if let Some(count) = balance.get_mut(&c) {
            *count -= 1;
        }
    }
    balance.values().map(|&n| n.max(0) as usize).sum()
}

/// Near-identical spans of `claim`'s original (see [`RepeatMatch`]) in
/// every article, in article and text order. Spans already recorded as
/// its repeats, and the original itself, are left out.
pub fn find_repeats(
    index: &SuggestIndex,
    project: &Project,
    claim: ClaimId,
) -> Result<Vec<RepeatMatch>, SuggestError> {
    let root = root_of(project, claim);
    let query = Query::for_claim(project, root, None)?;
    let mut pattern = normalise(&query.quote, 0).chars;
    pattern.truncate(MAX_PATTERN_CHARS);
    let mut found: Vec<RepeatMatch> = Vec::new();
    for (article, window) in index.windows_like(&query.quote, MIN_LEXICAL) {
        let text = &article.doc.text;
        let normal = normalise(&text[window.clone()], window.start);
        let Some((chars, edits)) = best_match(&pattern, &normal.chars) else {
            continue;
        };
        let similarity = 1.0 - edits as f32 / pattern.len() as f32;
        if similarity < MIN_SIMILARITY || chars.is_empty() {
            continue;
        }
        let range = snap_to_words(
            text,
            normal.bytes[chars.start].start..normal.bytes[chars.end - 1].end,
        );
        if query.excludes(article.doc.id, &range, "") {
            continue;
        }
        push_best(
            &mut found,
            RepeatMatch {
                article: article.doc.id,
                quote: text[range.clone()].to_string(),
                range,
                similarity,
                existing: None,
            },
        );
    }
    found.sort_by_key(|a| (a.article, a.range.start));
    let claims = claims_of_articles(project, &found);
    found.retain_mut(|m| mark_existing(&claims, root, m));
    Ok(found)
}

/// Widens a range that starts or ends inside a word to the whole word.
fn snap_to_words(text: &str, range: Range<usize>) -> Range<usize> {
    let inside = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut start = range.start;
    while inside(text[..start].chars().next_back()) && inside(text[start..].chars().next()) {
        start -= text[..start].chars().next_back().map_or(1, char::len_utf8);
    }
    let mut end = range.end;
    while inside(text[..end].chars().next_back()) && inside(text[end..].chars().next()) {
        end += text[end..].chars().next().map_or(1, char::len_utf8);
    }
    start..end
}

/// Adds `candidate` unless an overlapping match is at least as good; a
/// better one replaces the overlapping ones.
fn push_best(found: &mut Vec<RepeatMatch>, candidate: RepeatMatch) {
    let overlaps = |m: &RepeatMatch| {
        m.article == candidate.article
            && m.range.start < candidate.range.end
            && candidate.range.start < m.range.end
    };
    if found
        .iter()
        .any(|m| overlaps(m) && m.similarity >= candidate.similarity)
    {
        return;
    }
    found.retain(|m| !overlaps(m));
    found.push(candidate);
}

/// The claims of the articles where matches are, by article (one pass
/// over the claims, not one per match).
fn claims_of_articles<'p>(
    project: &'p Project,
    matches: &[RepeatMatch],
) -> FxHashMap<ArticleId, Vec<&'p Claim>> {
    let mut by_article: FxHashMap<ArticleId, Vec<&Claim>> =
        matches.iter().map(|m| (m.article, Vec::new())).collect();
    for claim in &project.claims {
        if let Some(list) = by_article.get_mut(&claim.article) {
            list.push(claim);
        }
    }
    by_article
}

/// Notes an existing claim at the match (the first in the project's
/// order); false (drop the match) when that claim already is a repeat of
/// `root`.
fn mark_existing(
    claims: &FxHashMap<ArticleId, Vec<&Claim>>,
    root: ClaimId,
    found: &mut RepeatMatch,
) -> bool {
    let here = claims.get(&found.article).map_or(&[][..], Vec::as_slice);
    let existing = here.iter().find(|c| {
        !c.is_orphan() && c.anchor.start < found.range.end && found.range.start < c.anchor.end
    });
    match existing {
        Some(claim) if claim.repeat_of == Some(root) || claim.id == root => false,
        Some(claim) => {
            found.existing = Some(claim.id);
            true
        }
        None => true,
    }
}

/// The edit that records `matches` as repeats of `claim`'s original, in one
/// step: new claims with the original's speaker (reported via their
/// article's outlet), existing claims marked; with `link_responses`, each
/// repeat is also linked to the original's responses with the same
/// relation (as drafts). Returns the edit and the repeats' ids, or `None`
/// when there is nothing to record.
pub fn repeats_edit(
    project: &Project,
    claim: ClaimId,
    matches: &[RepeatMatch],
    link_responses: bool,
    stamp: &Stamp,
) -> Option<(Edit, Vec<ClaimId>)> {
    let root = root_of(project, claim);
    let original = project.claim(root)?;
    let mut ids = project.next_ids.clone();
    let recorded = record_matches(project, original, matches, &mut ids, stamp);
    let links = if link_responses {
        response_links(project, root, &recorded.repeats, &mut ids, stamp)
    } else {
        Vec::new()
    };
    let bundle = Bundle {
        claims: recorded.new,
        links,
        ..Bundle::default()
    };
    one_step(bundle, recorded.marked).map(|edit| (edit, recorded.repeats))
}

/// The claims a set of matches becomes.
struct Recorded {
    /// New claims for spans that were not claims yet.
    new: Vec<Claim>,
    /// Existing claims, now marked as repeats.
    marked: Vec<Claim>,
    /// Every repeat's id, in the order of the matches.
    repeats: Vec<ClaimId>,
}

fn record_matches(
    project: &Project,
    original: &Claim,
    matches: &[RepeatMatch],
    ids: &mut NextIds,
    stamp: &Stamp,
) -> Recorded {
    let mut recorded = Recorded {
        new: Vec::new(),
        marked: Vec::new(),
        repeats: Vec::new(),
    };
    for found in matches {
        match found.existing.and_then(|id| project.claim(id)) {
            Some(existing) if existing.repeat_of.is_none() && existing.id != original.id => {
                let mut changed = existing.clone();
                changed.repeat_of = Some(original.id);
                changed.mark_changed(stamp);
                recorded.repeats.push(changed.id);
                recorded.marked.push(changed);
            }
            Some(_) => {}
            None => {
                if let Some(new) = new_repeat(project, original, found, ids, stamp) {
                    recorded.repeats.push(new.id);
                    recorded.new.push(new);
                }
            }
        }
    }
    recorded
}

/// New records and marked claims as one edit (a batch when both), named
/// by what is most of it ("record 3 repeats" or "record repeat").
fn one_step(bundle: Bundle, marked: Vec<Claim>) -> Option<Edit> {
    let new = bundle.claims.len();
    let insert = (new > 0 || !bundle.links.is_empty()).then(|| Edit::Insert(Box::new(bundle)));
    let marked = marked.into_iter().map(|c| Edit::ReplaceClaim(Box::new(c)));
    let mut edits: Vec<Edit> = match insert {
        Some(insert) if new >= marked.len() => std::iter::once(insert).chain(marked).collect(),
        Some(insert) => marked.chain(std::iter::once(insert)).collect(),
        None => marked.collect(),
    };
    match edits.len() {
        0 => None,
        1 => edits.pop(),
        _ => Some(Edit::Batch(edits)),
    }
}

fn new_repeat(
    project: &Project,
    original: &Claim,
    found: &RepeatMatch,
    ids: &mut NextIds,
    stamp: &Stamp,
) -> Option<Claim> {
    let article = project.article(found.article)?;
    let anchor = Anchor::from_range(&article.text, found.range.start, found.range.end).ok()?;
    let id = ids.take_claim();
    let info = ClaimInfo {
        speaker: original.info.speaker.clone(),
        via: article.meta.outlet.clone(),
        ..ClaimInfo::default()
    };
    let mut claim = new_claim(id, found.article, anchor, info, stamp);
    claim.repeat_of = Some(original.id);
    Some(claim)
}

/// Links from each repeat to each response of the original, with the
/// original link's relation, as drafts; pairs already linked are skipped.
fn response_links(
    project: &Project,
    root: ClaimId,
    repeats: &[ClaimId],
    ids: &mut NextIds,
    stamp: &Stamp,
) -> Vec<Link> {
    let mut links = Vec::new();
    for original in project.links.iter().filter(|l| l.claim == root) {
        for &repeat in repeats {
            let known = project
                .links
                .iter()
                .any(|l| l.claim == repeat && l.response == original.response);
            if known || repeat == original.response {
                continue;
            }
            let info = LinkInfo::draft(original.info.relation);
            links.push(new_link(
                ids.take_link(),
                repeat,
                original.response,
                info,
                stamp,
            ));
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn missing_chars_bound_the_edits_of_any_match() {
        assert_eq!(missing_chars(&chars("abba"), &chars("xxbaab")), 0);
        assert_eq!(missing_chars(&chars("abba"), &chars("ab")), 2);
        assert_eq!(missing_chars(&chars("seçki"), &chars("secki")), 1);
        // A window the bound rules out has no match within the allowance;
        // one it lets through is aligned as before.
        let pattern = chars("the eu funds the opposition");
        assert_eq!(
            best_match(&pattern, &chars("a totally different line")),
            None
        );
        let typo = chars("we heard the eu funds the oposition today");
        assert_eq!(missing_chars(&pattern, &typo), 1);
        assert_eq!(best_match(&pattern, &typo).map(|(_, edits)| edits), Some(1));
    }

    #[test]
    fn normalising_drops_quotes_and_folds_space_and_case() {
        let text = "  «The  EU»\n funds   “them”. ";
        let normal = normalise(text, 10);
        assert_eq!(
            normal.chars.iter().collect::<String>(),
            "the eu funds them."
        );
        assert_eq!(normal.bytes.len(), normal.chars.len());
        let first = &normal.bytes[0];
        assert_eq!(&text[first.start - 10..first.end - 10], "T");
    }

    #[test]
    fn best_match_finds_the_closest_span() {
        let pattern = chars("the eu funds the opposition");
        let text = chars("reports say the e.u. funds the oppositon, he said");
        let (range, edits) = best_match(&pattern, &text).expect("match");
        let matched: String = text[range].iter().collect();
        assert_eq!(matched, "the e.u. funds the oppositon");
        assert_eq!(edits, 3);
        assert_eq!(best_match(&pattern, &[]), None);
    }

    #[test]
    fn snapping_widens_to_whole_words() {
        let text = "Qafqazinfo reported it";
        assert_eq!(snap_to_words(text, 2..12), 0..19);
        assert_eq!(snap_to_words(text, 0..10), 0..10);
    }
}
