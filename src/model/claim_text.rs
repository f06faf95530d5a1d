//! What filtering and sorting read of each claim, kept by the project index
//! so that no keystroke or click walks 40,000 claims through binary searches
//! and folds.
//!
//! Finding claims by a piece of text (the link picker, which lists every
//! claim holding what the analyst types) used to lowercase every quote on
//! each keystroke: 40,000 quotes, about 20 ms. Sorting the pairs table by
//! quote looked each claim up by id and flattened its whitespace: about
//! 80 ms for 20,000 rows. Here each claim is filed once, when it changes,
//! with its lowercased quote and speaker and its quote as the table shows
//! it; a lookup is one hash probe.

use std::sync::Arc;

use memchr::memmem::Finder;

use super::ids::ClaimId;
use super::project::Claim;
use super::search::lowercase_into;

/// One claim as filed.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimText {
    /// The record itself (shared with the project).
    pub claim: Arc<Claim>,
    folded_quote: Box<str>,
    folded_speaker: Box<str>,
    /// The quote with each whitespace run as one space, when that differs
    /// from the quote.
    flat_quote: Option<Box<str>>,
}

impl ClaimText {
    fn of(claim: &Arc<Claim>) -> ClaimText {
        let mut buffer = String::new();
        let mut fold = |text: &str| {
            lowercase_into(text, &mut buffer);
            Box::from(buffer.as_str())
        };
        ClaimText {
            folded_quote: fold(&claim.anchor.quote),
            folded_speaker: fold(&claim.info.speaker),
            flat_quote: flatten(&claim.anchor.quote).map(Box::from),
            claim: Arc::clone(claim),
        }
    }

    /// The quote as the pairs table shows it: each whitespace run as one
    /// space, no space at either end.
    pub fn flat_quote(&self) -> &str {
        self.flat_quote
            .as_deref()
            .unwrap_or(&self.claim.anchor.quote)
    }

    pub fn speaker(&self) -> &str {
        &self.claim.info.speaker
    }

    /// The quote, lowercased.
    pub fn folded_quote(&self) -> &str {
        &self.folded_quote
    }

    /// The speaker, lowercased.
    pub fn folded_speaker(&self) -> &str {
        &self.folded_speaker
    }
}

/// The first 16 bytes of `text`, big-endian, zero-padded: `a < b` implies
/// `sort_prefix(a) <= sort_prefix(b)`, so comparing prefixes first and the
/// texts only on a tie orders like comparing the texts.
pub fn sort_prefix(text: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let head = &text.as_bytes()[..text.len().min(16)];
    bytes[..head.len()].copy_from_slice(head);
    u128::from_be_bytes(bytes)
}

/// `text` with each whitespace run as one space and none at either end, or
/// `None` when it is so already (most quotes: checked without allocating).
pub fn flatten(text: &str) -> Option<String> {
    let mut previous_space = true;
    let flat = text.chars().all(|c| {
        let ok = match c {
            ' ' => !previous_space,
            c => !c.is_whitespace(),
        };
        previous_space = c == ' ';
        ok
    }) && !previous_space;
    if flat || text.is_empty() {
        return None;
    }
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Every claim as filed, in id order. Two parallel arrays rather than a
/// hash map: the ids alone (8 bytes each) keep a lookup's binary search in
/// cache, and a pass over every claim (the link picker's search) reads the
/// entries front to back instead of probing 40,000 scattered buckets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimTexts {
    ids: Vec<ClaimId>,
    entries: Vec<ClaimText>,
}

impl ClaimTexts {
    /// Files `claim` (replacing what was filed for its id). New claims have
    /// the largest ids, so filing one appends.
    pub fn file(&mut self, claim: &Arc<Claim>) {
        let entry = ClaimText::of(claim);
        match self.ids.binary_search(&claim.id) {
            Ok(at) => self.entries[at] = entry,
            Err(at) => {
                self.ids.insert(at, claim.id);
                self.entries.insert(at, entry);
            }
        }
    }

    pub fn remove(&mut self, claim: ClaimId) {
        if let Ok(at) = self.ids.binary_search(&claim) {
            self.ids.remove(at);
            self.entries.remove(at);
        }
    }

    pub fn get(&self, claim: ClaimId) -> Option<&ClaimText> {
        let at = self.ids.binary_search(&claim).ok()?;
        self.entries.get(at)
    }

    /// Ids of the claims whose quote or speaker holds `needle` (as built by
    /// [`ClaimNeedle::new`]; every claim for an empty one), in id order,
    /// from `among` (ids in id order) or else from every claim.
    pub fn matching(&self, needle: &ClaimNeedle, among: Option<&[ClaimId]>) -> Vec<ClaimId> {
        let holds = |entry: &ClaimText| {
            needle.is_empty()
                || needle.is_in(&entry.folded_quote)
                || needle.is_in(&entry.folded_speaker)
        };
        match among {
            None => self
                .ids
                .iter()
                .zip(&self.entries)
                .filter(|(_, entry)| holds(entry))
                .map(|(id, _)| *id)
                .collect(),
            Some(among) => {
                // Both lists are in id order: one walk, no searches.
                let mut at = 0;
                let mut found = Vec::new();
                for &id in among {
                    at += self.ids[at..].partition_point(|filed| *filed < id);
                    if self.ids.get(at) == Some(&id) && holds(&self.entries[at]) {
                        found.push(id);
                    }
                }
                found
            }
        }
    }

    /// Every claim of `claims` filed, as [`ClaimTexts::file`] on each in
    /// turn would: the project index's build on open. Claims in strictly
    /// increasing id order (as a project keeps them) are folded on two
    /// threads when there are many; any other order is filed one by one.
    pub fn of_claims(claims: &[Arc<Claim>]) -> ClaimTexts {
        const PARALLEL_FROM: usize = 4096;
        let in_order = claims.windows(2).all(|pair| pair[0].id < pair[1].id);
        if !in_order {
            let mut texts = ClaimTexts::default();
            claims.iter().for_each(|claim| texts.file(claim));
            return texts;
        }
        let fold = |part: &[Arc<Claim>]| part.iter().map(ClaimText::of).collect::<Vec<_>>();
        let entries = if claims.len() < PARALLEL_FROM {
            fold(claims)
        } else {
            let (front, back) = claims.split_at(claims.len() / 2);
            std::thread::scope(|scope| {
                let back = scope.spawn(|| fold(back));
                let mut entries = fold(front);
                // A panic on the other thread is a bug: pass it on as it was.
                entries.extend(back.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
                entries
            })
        };
        ClaimTexts {
            ids: claims.iter().map(|claim| claim.id).collect(),
            entries,
        }
    }
}

/// What to look for in claims' lowercased texts: lowercased once, its
/// searcher built once for a whole pass over the claims.
pub struct ClaimNeedle {
    finder: Finder<'static>,
}

impl ClaimNeedle {
    /// `text` trimmed and lowercased.
    pub fn new(text: &str) -> ClaimNeedle {
        let folded = text.trim().to_lowercase();
        ClaimNeedle {
            finder: Finder::new(folded.as_bytes()).into_owned(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.finder.needle().is_empty()
    }

    /// True when `folded` (lowercased text) holds the needle.
    pub fn is_in(&self, folded: &str) -> bool {
        self.finder.find(folded.as_bytes()).is_some()
    }

    /// The lowercased text.
    pub fn folded(&self) -> &str {
        // Built from a `String`, so the bytes are UTF-8.
        std::str::from_utf8(self.finder.needle()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn prefixes_order_like_the_texts() {
        let texts = [
            "",
            "a",
            "a\0",
            "a\0\0b",
            "ab",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "abcdefghijklmnoq",
            "ə",
            "ş",
            "Я",
            "😀",
            "z",
        ];
        for a in texts {
            for b in texts {
                let by_prefix = sort_prefix(a).cmp(&sort_prefix(b)).then_with(|| a.cmp(b));
                assert_eq!(by_prefix, a.cmp(b), "{a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn flatten_gives_the_text_as_the_table_shows_it() {
        let texts = [
            "",
            " ",
            "ab",
            "ab cd",
            "ab\n\ncd",
            "ab  c",
            " ab",
            "ab ",
            "ab\u{a0}cd",
            "ə b",
            "a\tb",
            "a\r\nb",
            "Şuşa — ölkə",
            "😀 x",
            "x\u{2003}y",
            "one two three",
        ];
        for text in texts {
            let flat = flatten(text).unwrap_or_else(|| text.to_string());
            assert_eq!(flat, reference(text), "{text:?}");
        }
    }
}
