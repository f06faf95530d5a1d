//! The readable part of a candidate's reasons: which words and names it
//! shares with the claim, and whether it names the claim's speaker.

use super::words::{Word, same_stem, words};

/// Function words (English, Russian, Azerbaijani) that are never shown as
/// shared terms or taken for names when capitalised at a sentence start.
const STOPWORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "by",
    "with",
    "from",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "you",
    "his",
    "her",
    "their",
    "our",
    "not",
    "no",
    "said",
    "says",
    "also",
    "which",
    "who",
    "will",
    "would",
    "there",
    "than",
    "then",
    "about",
    "after",
    "before",
    "into",
    "over",
    "such",
    "any",
    "all",
    "more",
    "most",
    "и",
    "в",
    "во",
    "на",
    "не",
    "что",
    "это",
    "как",
    "по",
    "с",
    "со",
    "к",
    "о",
    "об",
    "из",
    "за",
    "от",
    "для",
    "а",
    "но",
    "он",
    "она",
    "они",
    "его",
    "ее",
    "их",
    "был",
    "была",
    "были",
    "также",
    "и",
    "bu",
    "o",
    "və",
    "ki",
    "da",
    "də",
    "ilə",
    "üçün",
    "isə",
    "olan",
    "olub",
    "onun",
    "bir",
    "həm",
    "ya",
    "amma",
    "lakin",
    "bildirib",
    "deyib",
];

/// Words of a speaker label that are not part of a name.
const SPEAKER_NOISE: &[&str] = &["reported", "initial", "report", "press", "release", "via"];

fn is_stopword(folded: &str) -> bool {
    STOPWORDS.contains(&folded)
}

/// Content words: not function words, at least three letters.
fn content_words(text: &str) -> Vec<Word> {
    words(text)
        .into_iter()
        .filter(|w| w.folded.chars().count() >= 3 && !is_stopword(&w.folded))
        .collect()
}

/// Capitalised words that are not function words: names, acronyms.
fn names(text: &str) -> Vec<Word> {
    words(text)
        .into_iter()
        .filter(|w| w.capitalised && !is_stopword(&w.folded))
        .collect()
}

/// The words of a claim that its candidates are compared with.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClaimWords {
    content: Vec<String>,
    names: Vec<String>,
    speaker: Vec<String>,
}

impl ClaimWords {
    /// The words of a claim's `quote` and `speaker`. The speaker's words
    /// count as names unless the claim's article (`context`) also writes
    /// them in lower case: "Brandt" and "Qafqazinfo" are names, the
    /// "Commission" of "Central Election Commission" is not when the
    /// article says "the commission added".
    pub fn new(quote: &str, speaker: &str, context: &str) -> ClaimWords {
        let lower: Vec<String> = words(context)
            .into_iter()
            .filter(|w| !w.capitalised)
            .map(|w| w.folded)
            .collect();
        let is_name = |word: &String| {
            word.chars().count() >= 3
                && !SPEAKER_NOISE.contains(&word.as_str())
                && !lower.iter().any(|l| same_stem(l, word))
        };
        ClaimWords {
            content: content_words(quote).into_iter().map(|w| w.folded).collect(),
            names: names(quote).into_iter().map(|w| w.folded).collect(),
            speaker: names(speaker)
                .into_iter()
                .map(|w| w.folded)
                .filter(is_name)
                .collect(),
        }
    }

    /// Up to `limit` words of `text` sharing a stem with the claim, as
    /// written in `text`, without repeats.
    pub fn shared_terms(&self, text: &str, limit: usize) -> Vec<String> {
        matching(&content_words(text), &self.content, text, limit)
    }

    /// Names of `text` the claim also names.
    pub fn shared_names(&self, text: &str, limit: usize) -> Vec<String> {
        matching(&names(text), &self.names, text, limit)
    }

    /// The name words of the claim's speaker, folded.
    pub fn speaker_words(&self) -> impl Iterator<Item = &str> {
        self.speaker.iter().map(String::as_str)
    }

    /// The first word of the claim's speaker found in `text`, as written.
    pub fn speaker_in(&self, text: &str) -> Option<String> {
        matching(&names(text), &self.speaker, text, 1).pop()
    }
}

fn matching(found: &[Word], wanted: &[String], text: &str, limit: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for word in found {
        if out.len() == limit {
            break;
        }
        if seen.contains(&word.folded.as_str()) {
            continue;
        }
        if wanted.iter().any(|w| same_stem(w, &word.folded)) {
            seen.push(&word.folded);
            out.push(text[word.range.clone()].to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_words_and_names_match_across_inflection() {
        let claim = ClaimWords::new(
            "Ambassador Michalko said the EU funds the opposition parties",
            "Peter Michalko (reported)",
            "",
        );
        let text =
            "The EU Mission said Michalko's words about funding opposition groups were distorted.";
        assert_eq!(
            claim.shared_terms(text, 4),
            ["Michalko", "funding", "opposition"]
        );
        assert_eq!(claim.shared_names(text, 4), ["EU", "Michalko"]);
        assert_eq!(claim.speaker_in(text).as_deref(), Some("Michalko"));
        assert_eq!(claim.speaker_in("The Mission denied it."), None);
    }

    #[test]
    fn speaker_words_written_in_lower_case_are_not_names() {
        let context = "The Central Election Commission said so, the commission added.";
        let claim = ClaimWords::new(
            "turnout reached 78 percent",
            "Central Election Commission",
            context,
        );
        assert_eq!(
            claim.speaker_words().collect::<Vec<_>>(),
            ["central", "election"]
        );
        assert_eq!(claim.speaker_in("The Commissioner met Pashayev"), None);
    }

    #[test]
    fn russian_and_azerbaijani_names_match_in_other_cases() {
        let claim = ClaimWords::new("Боррель критиковал выборы", "Жозеп Боррель", "");
        assert_eq!(
            claim.speaker_in("Слова Борреля были искажены").as_deref(),
            Some("Борреля")
        );
        let claim = ClaimWords::new("Seçkilər ədalətsiz keçib", "Əli Həsənov", "");
        assert_eq!(
            claim
                .speaker_in("Həsənovun sözləri təhrif olunub")
                .as_deref(),
            Some("Həsənovun")
        );
    }
}
