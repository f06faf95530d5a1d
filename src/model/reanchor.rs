//! Re-anchoring: finding claims again after their article's text changed
//! (page junk trimmed, an updated version pasted in).
//!
//! Each claim is looked for in three steps, cheapest first:
//! 1. **Exact**: the quote is still at its old byte range.
//! 2. **Moved**: the quote occurs elsewhere; the occurrence whose context
//!    (prefix/suffix) matches best wins, ties going to the one nearest the
//!    old position scaled to the new length.
//! 3. **Fuzzy**: an approximate substring search (Sellers' edit-distance
//!    algorithm, at most 25 % of the quote's characters wrong) in windows
//!    around likely positions — where the first, middle or last characters
//!    of the quote, the end of its prefix or the start of its suffix occur —
//!    then a bonus for matching context, as Hypothesis's text-quote anchoring
//!    does with diff-match-patch. The work is bounded per claim and per call,
//!    so a long article cannot hang the program.
//!
//! A claim not found becomes an **orphan**: it keeps its quote and context,
//! its range becomes `0..0` and it is flagged [`Review::Orphaned`]; it is
//! never silently deleted. Moved claims with weak context and all fuzzy
//! matches are flagged [`Review::LowConfidence`] for the analyst to check.
//! Spans always fall on char boundaries: matching works on `char`s.

use super::anchor::Anchor;
use super::build::Stamp;
use super::edit::{Edit, EditError};
use super::ids::{ArticleId, ClaimId};
use super::locate::{MAX_OCCURRENCES, QUOTE_WEIGHT, best_hit, context_score, find_long_quote};
use super::project::{Claim, Project, Review};
use super::text::floor_char_boundary;

/// Claims found with less confidence than this are flagged for review.
pub const REVIEW_BELOW: f32 = 0.9;
/// Dynamic-programming cells one claim may use in the fuzzy search.
const CELLS_PER_CLAIM: usize = 2_000_000;
/// Cells one whole re-anchoring may use; later claims fall back to exact
/// matching only (and may become orphans) once it is spent.
const CELLS_PER_CALL: usize = 100_000_000;
/// Quotes longer than this many chars are matched fuzzily by their first
/// and last `LONG_QUOTE_END` chars, which bounds the cost of long quotes.
const LONG_QUOTE_CHARS: usize = 256;

/// How a claim was found in the new text.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Same range, same quote.
    Exact,
    /// Same quote at another range.
    Moved { confidence: f32 },
    /// A span similar to the quote.
    Fuzzy { confidence: f32 },
    /// Not found; kept as an orphan.
    Orphaned,
}

impl Outcome {
    /// 1 for exact, 0 for orphans, in between otherwise.
    pub fn confidence(&self) -> f32 {
        match self {
            Outcome::Exact => 1.0,
            Outcome::Moved { confidence } | Outcome::Fuzzy { confidence } => *confidence,
            Outcome::Orphaned => 0.0,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Outcome::Exact => "exact",
            Outcome::Moved { .. } => "moved",
            Outcome::Fuzzy { .. } => "fuzzy",
            Outcome::Orphaned => "orphaned",
        }
    }
}

/// One claim after re-anchoring: its new version and how it was found.
#[derive(Clone, Debug, PartialEq)]
pub struct Reanchored {
    pub claim: Claim,
    pub outcome: Outcome,
}

impl Reanchored {
    pub fn claim_id(&self) -> ClaimId {
        self.claim.id
    }
}

/// Counts of outcomes, for a message such as "12 exact, 1 moved, 1 orphaned".
pub fn summarise(results: &[Reanchored]) -> String {
    let count = |name: &str| results.iter().filter(|r| r.outcome.name() == name).count();
    let parts: Vec<String> = ["exact", "moved", "fuzzy", "orphaned"]
        .iter()
        .map(|name| (count(name), name))
        .filter(|(n, _)| *n > 0)
        .map(|(n, name)| format!("{n} {name}"))
        .collect();
    if parts.is_empty() {
        "no claims".to_string()
    } else {
        parts.join(", ")
    }
}

/// Re-anchors `claims` (of an article whose text was `old_text`) to
/// `new_text`. Pure: returns the new claims, in the given order.
pub fn reanchor(old_text: &str, new_text: &str, claims: &[Claim]) -> Vec<Reanchored> {
    let mut budget = CELLS_PER_CALL;
    let unchanged = UnchangedEnds::of(old_text, new_text);
    claims
        .iter()
        .map(|claim| {
            unchanged
                .shifted(claim, old_text.len(), new_text)
                .unwrap_or_else(|| reanchor_one(old_text.len(), new_text, claim, &mut budget))
        })
        .collect()
}

/// How much of the old text's end the new text repeats (not overlapping the
/// common start). A claim wholly in that common end moved by exactly the
/// change in length; claims in the common start are caught by step 1.
/// Together they make the usual edits (junk trimmed or added at either end,
/// one passage rewritten) cost O(text) in all, not a search per claim.
struct UnchangedEnds {
    /// Bytes at the end of the old text that the new text ends with.
    suffix: usize,
}

impl UnchangedEnds {
    fn of(old: &str, new: &str) -> UnchangedEnds {
        let prefix = old
            .bytes()
            .zip(new.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let room = old.len().min(new.len()) - prefix;
        let suffix = old
            .bytes()
            .rev()
            .zip(new.bytes().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        UnchangedEnds { suffix }
    }

    /// The claim moved by the length change, when it lies in the unchanged
    /// end and the text changed before it (else the other steps decide).
    fn shifted(&self, claim: &Claim, old_len: usize, new_text: &str) -> Option<Reanchored> {
        let anchor = &claim.anchor;
        let in_suffix = anchor.start >= old_len - self.suffix
            && anchor.start <= anchor.end
            && anchor.end <= old_len;
        if claim.is_orphan() || !in_suffix || old_len == new_text.len() {
            return None;
        }
        // `start >= old_len - suffix` and `suffix <= new_len`: no underflow.
        let start = anchor.start + new_text.len() - old_len;
        let end = anchor.end + new_text.len() - old_len;
        let moved = Anchor::from_range(new_text, start, end).ok()?;
        if moved.quote != anchor.quote {
            return None;
        }
        let confidence = 0.75 + 0.25 * context_score(new_text, start, end, anchor);
        let outcome = Outcome::Moved { confidence };
        let review = review_after(claim, &outcome);
        Some(Reanchored {
            claim: Claim {
                anchor: moved,
                review,
                ..claim.clone()
            },
            outcome,
        })
    }
}

/// Builds the one undoable edit that replaces `article`'s text with
/// `new_text` (line ends normalised to LF) and re-anchors all its claims.
/// Claims whose position changed are stamped as changed by `stamp`.
pub fn edit_article_text(
    project: &Project,
    article: ArticleId,
    new_text: &str,
    stamp: &Stamp,
) -> Result<(Edit, Vec<Reanchored>), EditError> {
    let old = project
        .article(article)
        .ok_or(EditError::UnknownArticle(article))?;
    let text = new_text.replace("\r\n", "\n").replace('\r', "\n");
    let claims: Vec<Claim> = project.claims_of_article(article).cloned().collect();
    let mut results = reanchor(&old.text, &text, &claims);
    for result in &mut results {
        let before = claims.iter().find(|c| c.id == result.claim.id);
        if before.is_some_and(|b| b.anchor.range() != result.claim.anchor.range()) {
            result.claim.mark_changed(stamp);
        }
    }
    let edit = Edit::ReplaceArticleText {
        article,
        text: text.into(),
        claims: results.iter().map(|r| r.claim.clone()).collect(),
    };
    Ok((edit, results))
}

fn reanchor_one(old_len: usize, text: &str, claim: &Claim, budget: &mut usize) -> Reanchored {
    let anchor = &claim.anchor;
    let old_start = match claim.review {
        Some(Review::Orphaned { old_start }) => old_start,
        _ => anchor.start,
    };
    let expected = scaled_position(old_start, old_len, text);
    let found = if claim.is_orphan() || anchor.verify(text).is_err() {
        find_moved(text, anchor, expected).or_else(|| find_fuzzy(text, anchor, expected, budget))
    } else {
        Some((anchor.start, anchor.end, Outcome::Exact))
    };
    match found.and_then(|(start, end, outcome)| {
        Anchor::from_range(text, start, end)
            .ok()
            .map(|a| (a, outcome))
    }) {
        Some((new_anchor, outcome)) => {
            let review = review_after(claim, &outcome);
            Reanchored {
                claim: Claim {
                    anchor: new_anchor,
                    review,
                    ..claim.clone()
                },
                outcome,
            }
        }
        None => orphan(claim, old_start),
    }
}

/// The review flag after re-anchoring. A flag the analyst has not cleared
/// yet survives an exact or confident match; an orphan found again is
/// flagged by how it was found.
fn review_after(claim: &Claim, outcome: &Outcome) -> Option<Review> {
    let confidence = outcome.confidence();
    let weak = matches!(outcome, Outcome::Fuzzy { .. }) || confidence < REVIEW_BELOW;
    if weak {
        let old_quote = match &claim.review {
            Some(Review::LowConfidence { old_quote, .. }) => old_quote.clone(),
            _ => claim.anchor.quote.clone(),
        };
        return Some(Review::LowConfidence {
            confidence,
            old_quote,
        });
    }
    match &claim.review {
        Some(Review::Orphaned { .. }) | None => None,
        kept => kept.clone(),
    }
}

fn orphan(claim: &Claim, old_start: usize) -> Reanchored {
    let anchor = Anchor {
        start: 0,
        end: 0,
        ..claim.anchor.clone()
    };
    Reanchored {
        claim: Claim {
            anchor,
            review: Some(Review::Orphaned { old_start }),
            ..claim.clone()
        },
        outcome: Outcome::Orphaned,
    }
}

/// Where the claim would be if the text had changed evenly: the old start
/// scaled to the new length, on a char boundary.
fn scaled_position(old_start: usize, old_len: usize, text: &str) -> usize {
    if old_len == 0 {
        return 0;
    }
    let scaled = (old_start as u128 * text.len() as u128 / old_len as u128) as usize;
    floor_char_boundary(text, scaled)
}

/// Step 2: the quote elsewhere, best context first, then nearest.
fn find_moved(text: &str, anchor: &Anchor, expected: usize) -> Option<(usize, usize, Outcome)> {
    let quote = anchor.quote.as_str();
    if quote.is_empty() {
        return None;
    }
    let mut best: Option<(f32, usize, usize)> = None;
    for (start, _) in text.match_indices(quote).take(MAX_OCCURRENCES) {
        let score = context_score(text, start, start + quote.len(), anchor);
        let distance = start.abs_diff(expected);
        let better = match best {
            None => true,
            Some((s, d, _)) => score > s + 1e-6 || ((score - s).abs() <= 1e-6 && distance < d),
        };
        if better {
            best = Some((score, distance, start));
        }
    }
    best.map(|(score, _, start)| {
        let confidence = 0.75 + 0.25 * score;
        (start, start + quote.len(), Outcome::Moved { confidence })
    })
}

/// Step 3: approximate match, scored on quote similarity and context.
fn find_fuzzy(
    text: &str,
    anchor: &Anchor,
    expected: usize,
    budget: &mut usize,
) -> Option<(usize, usize, Outcome)> {
    let quote: Vec<char> = anchor.quote.chars().collect();
    if quote.is_empty() || *budget == 0 {
        return None;
    }
    let mut allowance = CELLS_PER_CLAIM.min(*budget);
    let start_allowance = allowance;
    let found = if quote.len() > LONG_QUOTE_CHARS {
        find_long_quote(text, anchor, &quote, expected, &mut allowance)
    } else {
        best_hit(text, anchor, &quote, expected, &mut allowance).map(|hit| {
            let similarity = 1.0 - hit.distance as f32 / quote.len() as f32;
            (hit.start, hit.end, similarity)
        })
    };
    *budget -= start_allowance - allowance;
    let (start, end, similarity) = found?;
    let context = context_score(text, start, end, anchor);
    let confidence = QUOTE_WEIGHT * similarity + (1.0 - QUOTE_WEIGHT) * context;
    Some((start, end, Outcome::Fuzzy { confidence }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{History, Project, apply};
    use chrono::DateTime;

    const SEED_004: &str = include_str!("../../seeds/004_88f1b7df856c2380.txt");

    fn stamp() -> Stamp {
        Stamp {
            analyst: "tester".to_string(),
            at: DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default(),
        }
    }

    fn claim_at(id: u32, text: &str, quote: &str) -> Claim {
        let anchor = Anchor::from_quote(text, quote, Some(1)).expect("quote in text");
        Claim {
            id: ClaimId::untagged(id),
            article: ArticleId::untagged(1),
            anchor,
            info: Default::default(),
            analyst: "tester".to_string(),
            created: stamp().at,
            modified: stamp().at,
            modified_by: None,
            review: None,
        }
    }

    fn project_with(text: &str, quotes: &[&str]) -> Project {
        let mut project = Project::new("t");
        let article =
            crate::io::import::article_from_text(ArticleId::untagged(1), text, "t.txt", &stamp());
        let text = article.text.clone();
        let claims = quotes
            .iter()
            .enumerate()
            .map(|(i, q)| claim_at(i as u32 + 1, &text, q))
            .collect();
        let bundle = crate::model::Bundle {
            articles: vec![article],
            claims,
            links: vec![],
        };
        apply(&mut project, Edit::Insert(Box::new(bundle))).expect("insert");
        project
    }

    #[test]
    fn trimming_page_junk_keeps_claims_exact() {
        let quotes = [
            "Diaspora organizations should rally around our embassies",
            "respond to unfounded accusations",
        ];
        let project = project_with(SEED_004, &quotes);
        let text = &project.articles[0].text;
        let cut = text.find("Leave a review").expect("junk present");
        let trimmed = text[..cut].trim_end().to_string();
        let (edit, results) =
            edit_article_text(&project, ArticleId::untagged(1), &trimmed, &stamp()).expect("edit");
        assert!(results.iter().all(|r| r.outcome == Outcome::Exact));
        let mut history = History::new();
        let mut edited = project.clone();
        assert_eq!(edit.label(&edited), "edit article text");
        history.apply(&mut edited, edit).expect("applies");
        assert_eq!(*edited.articles[0].text, *trimmed);
        assert!(edited.problems().is_empty());
        history.undo(&mut edited).expect("undo");
        assert_eq!(edited, project);
    }

    #[test]
    fn text_added_before_moves_claims_with_full_confidence() {
        let text = "The mission denied the report. Officials said nothing.";
        let claims = [claim_at(1, text, "Officials said nothing")];
        let new_text = format!("UPDATED 12:00\n\n{text}");
        let results = reanchor(text, &new_text, &claims);
        assert_eq!(results[0].outcome, Outcome::Moved { confidence: 1.0 });
        assert_eq!(results[0].claim.review, None);
        assert_eq!(
            &new_text[results[0].claim.anchor.range()],
            "Officials said nothing"
        );
    }

    #[test]
    fn context_chooses_between_repeated_quotes() {
        let text = "First he said no. Then the minister said no. The end.";
        let second = text.rfind("said no").expect("second");
        let anchor = Anchor::from_range(text, second, second + "said no".len()).expect("anchor");
        let claim = Claim {
            anchor,
            ..claim_at(1, text, "said no")
        };
        let new_text = "Header line. First he said no. Then the minister said no. The end.";
        let results = reanchor(text, new_text, &[claim]);
        let found = results[0].claim.anchor.start;
        assert_eq!(found, new_text.rfind("said no").expect("second"));
    }

    #[test]
    fn edited_quote_is_found_fuzzily_and_flagged() {
        let text = "Intro. The elections were held wholly in compliance with national laws. Outro.";
        let claims = [claim_at(
            1,
            text,
            "The elections were held wholly in compliance with national laws",
        )];
        let new_text =
            "Intro. The elections were held fully in compliance with the national laws. Outro.";
        let results = reanchor(text, new_text, &claims);
        let Outcome::Fuzzy { confidence } = results[0].outcome else {
            panic!("expected fuzzy, got {:?}", results[0].outcome);
        };
        assert!(confidence > 0.8 && confidence < 1.0, "{confidence}");
        assert_eq!(
            results[0].claim.anchor.quote,
            "The elections were held fully in compliance with the national laws"
        );
        assert!(matches!(
            results[0].claim.review,
            Some(Review::LowConfidence { ref old_quote, .. }) if old_quote.contains("wholly")
        ));
    }

    #[test]
    fn removed_quote_becomes_an_orphan_that_is_kept_and_undoable() {
        let text = "Keep this sentence. Drop this other sentence entirely. End.";
        let project = project_with(text, &["Keep this sentence", "Drop this other sentence"]);
        let new_text = "Keep this sentence. End.";
        let (edit, results) =
            edit_article_text(&project, ArticleId::untagged(1), new_text, &stamp()).expect("edit");
        assert_eq!(results[1].outcome, Outcome::Orphaned);
        let mut edited = project.clone();
        let inverse = apply(&mut edited, edit).expect("orphans are accepted");
        let orphan = edited.claim(ClaimId::untagged(2)).expect("kept");
        assert!(orphan.is_orphan());
        assert_eq!(orphan.anchor.quote, "Drop this other sentence");
        assert_eq!(orphan.anchor.range(), 0..0);
        assert_eq!(edited.orphans().count(), 1);
        assert!(edited.problems().is_empty(), "{:?}", edited.problems());
        apply(&mut edited, inverse).expect("undo");
        assert_eq!(edited, project);
    }

    #[test]
    fn orphan_is_found_again_when_its_text_returns() {
        let text = "Alpha beta gamma. Delta epsilon zeta.";
        let claims = [claim_at(1, text, "Delta epsilon zeta")];
        let gone = reanchor(text, "Alpha beta gamma.", &claims);
        assert_eq!(gone[0].outcome, Outcome::Orphaned);
        let back = reanchor("Alpha beta gamma.", text, &[gone[0].claim.clone()]);
        assert!(matches!(back[0].outcome, Outcome::Moved { .. }));
        assert_eq!(&text[back[0].claim.anchor.range()], "Delta epsilon zeta");
    }

    #[test]
    fn multibyte_text_yields_char_boundaries() {
        let text = "Əvvəlcə 😀 deyildi: Azərbaycan seçkiləri qanuna uyğun keçirib. Son.";
        let claims = [claim_at(
            1,
            text,
            "Azərbaycan seçkiləri qanuna uyğun keçirib",
        )];
        let new_text = "😀😀 Əvvəlcə: Azərbaycan seçkiləri qanuna tam uyğun keçirib! Son.";
        let results = reanchor(text, new_text, &claims);
        let anchor = &results[0].claim.anchor;
        assert!(matches!(results[0].outcome, Outcome::Fuzzy { .. }));
        assert!(anchor.verify(new_text).is_ok());
        assert!(anchor.quote.contains("tam uyğun"));
    }

    #[test]
    fn long_quote_is_matched_by_its_ends() {
        let text = crate::io::import::normalise_newlines(SEED_004);
        let start = text
            .find("Of course, we have to respond")
            .expect("paragraph");
        let end = start + text[start..].find("said Aliyev.").expect("end") + "said Aliyev".len();
        let quote = &text[start..end];
        assert!(quote.chars().count() > LONG_QUOTE_CHARS);
        let claims = [claim_at(1, &text, quote)];
        let new_text = format!("Updated version.\n\n{text}")
            .replacen("Of course, we have to", "Of course we must", 1)
            .replacen("unfounded accusations from", "baseless accusations by", 1);
        let results = reanchor(&text, &new_text, &claims);
        assert!(
            matches!(results[0].outcome, Outcome::Fuzzy { confidence } if confidence > 0.7),
            "{:?}",
            results[0].outcome
        );
        let found = &results[0].claim.anchor;
        assert!(found.verify(&new_text).is_ok());
        assert!(found.quote.starts_with("Of course we must"));
        assert!(found.quote.ends_with("said Aliyev"));
    }

    /// How long this takes is measured in `benches/reanchor.rs`
    /// (`missing quotes`), beside one plain scan per quote.
    #[test]
    fn missing_quotes_in_a_long_article_become_orphans() {
        let filler = "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(40_000);
        let text = format!("{filler}A unique claim about the embassy funding. {filler}");
        let claims: Vec<Claim> = (0..20)
            .map(|i| claim_at(i + 1, &text, "A unique claim about the embassy funding"))
            .collect();
        let new_text = filler.repeat(2);
        let results = reanchor(&text, &new_text, &claims);
        assert!(results.iter().all(|r| r.outcome == Outcome::Orphaned));
    }

    /// How long this takes is measured in `benches/reanchor.rs` (`many
    /// claims`), beside one plain search per quote.
    #[test]
    fn many_claims_in_a_long_article_are_found_again() {
        let text = crate::io::import::normalise_newlines(SEED_004).repeat(200);
        let claims: Vec<Claim> = (0..2_000)
            .filter_map(|i| {
                let start = floor_char_boundary(&text, i * 397 % (text.len() - 200));
                let end = floor_char_boundary(&text, start + 60);
                let anchor = Anchor::from_range(&text, start, end).ok()?;
                Some(Claim {
                    anchor,
                    ..claim_at(i as u32 + 1, "x", "x")
                })
            })
            .collect();
        let new_text = format!(
            "Updated: a new header line.\n\n{}",
            &text[..text.len() - 40]
        );
        let results = reanchor(&text, &new_text, &claims);
        let orphans = results
            .iter()
            .filter(|r| r.outcome == Outcome::Orphaned)
            .count();
        assert!(orphans <= 2, "{}", summarise(&results));
        assert!(results.iter().all(|r| r.claim.verify_in(&new_text).is_ok()));
    }

    #[test]
    fn summary_counts_outcomes() {
        let text = "one two three. four five six.";
        let claims = [claim_at(1, text, "one two"), claim_at(2, text, "four five")];
        let results = reanchor(text, "one two three.", &claims);
        assert_eq!(summarise(&results), "1 exact, 1 orphaned");
    }
}
