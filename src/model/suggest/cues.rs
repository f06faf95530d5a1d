//! Denial cues: words and phrases with which a response rejects a claim
//! ("categorically denied", "baseless", «не соответствует
//! действительности», "təkzib etdi"). A topical ranker finds articles about
//! the claim easily; the cue is what tells the denial from the reports.
//! Correction cues ("in a correction", "withdraws", «приносим извинения»)
//! mark the other answers a source gives to what was said: corrections and
//! retractions.
//!
//! Patterns are folded words (see `words::fold`); a trailing `*` matches
//! any ending, which covers inflection without a stemmer. A cue right after
//! a negation ("did not deny", «это не ложь») does not count.

use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::LazyLock;

use super::words::Word;

/// English, Russian, Azerbaijani, and a few Armenian and Georgian cues.
const DENIAL_CUES: &[&str] = &[
    // English
    "not true",
    "untrue",
    "untruth*",
    "deni*",
    "deny*",
    "categorical*",
    "baseless",
    "groundless",
    "unfounded",
    "fabricat*",
    "nonsense",
    "lie",
    "lies",
    "lying",
    "liar*",
    "false*",
    "fake*",
    "refut*",
    "reject*",
    "dismiss*",
    "disinformation",
    "misinformation",
    "distort*",
    "slander*",
    "defamat*",
    "absurd*",
    "never said",
    "did not say",
    "no basis",
    "not correspond*",
    "not reflect*",
    "not the case",
    "made up",
    "fiction*",
    "smear*",
    "misleading",
    "incorrect*",
    "inaccura*",
    // Russian
    "опроверг*",
    "опровержени*",
    "отрица*",
    "отверг*",
    "ложь",
    "ложью",
    "лжи",
    "ложн*",
    "лжив*",
    "неправд*",
    "не соответству*",
    "фейк*",
    "вымыс*",
    "вымышлен*",
    "выдум*",
    "клевет*",
    "беспочвенн*",
    "необоснованн*",
    "голословн*",
    "категоричес*",
    "сфабрикова*",
    "фабрикаци*",
    "абсурд*",
    "дезинформаци*",
    "чушь",
    "бред*",
    "никогда не",
    "не говорил*",
    "не заявлял*",
    "недостоверн*",
    "искаж*",
    // Azerbaijani
    "təkzib*",
    "yalan*",
    "əsassız*",
    "uydurma*",
    "həqiqət* uyğun deyil*",
    "həqiqət* əks etdirmir*",
    "doğru deyil*",
    "əsas* yoxdur",
    "qətiyyətlə",
    "kateqorik*",
    "böhtan*",
    "iftira*",
    "cəfəngiyat*",
    "saxta*",
    "rədd",
    "inkar*",
    "dezinformasiya*",
    "yanlış*",
    "təhrif*",
    "heç vaxt",
    "absurd*",
    // Armenian
    "հերք*",
    "սուտ*",
    "կեղծ*",
    "անհիմն*",
    "զրպարտ*",
    // Georgian
    "უარყ*",
    "ტყუილ*",
    "სიცრუ*",
    "ყალბ*",
    "უსაფუძვლ*",
    "ცილისწამებ*",
];

/// Corrections and retractions, weaker evidence of an answer than a denial.
const CORRECTION_CUES: &[&str] = &[
    // English
    "correction*",
    "corrected",
    "revised",
    "revises",
    "revision*",
    "retract*",
    "withdraws",
    "withdrew",
    "withdrawn",
    "apologi*",
    "erroneous*",
    "in error",
    "mistaken*",
    "clarif*",
    // Russian
    "исправлен*",
    "поправк*",
    "уточнени*",
    "извин*",
    "ошибочн*",
    // Azerbaijani
    "düzəliş*",
    "dəqiqləşdir*",
    "üzr",
    "səhvən",
];

/// What a cue says about its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    Denial,
    Correction,
}

/// Words that turn a following cue around.
const NEGATIONS: &[&str] = &["not", "t", "never", "no", "не", "ни", "deyil", "yox"];

#[derive(Debug)]
enum Pattern {
    Exact(String),
    Prefix(String),
}

impl Pattern {
    fn parse(text: &str) -> Pattern {
        match text.strip_suffix('*') {
            Some(stem) => Pattern::Prefix(stem.to_string()),
            None => Pattern::Exact(text.to_string()),
        }
    }

    fn matches(&self, word: &str) -> bool {
        match self {
            Pattern::Exact(exact) => word == exact,
            Pattern::Prefix(stem) => word.starts_with(stem.as_str()),
        }
    }
}

struct Cues {
    patterns: Vec<(Vec<Pattern>, CueKind)>,
    /// Cues by the first two chars of their first word, so that a word is
    /// checked against a handful of cues rather than all of them.
    by_start: FxHashMap<(char, char), Vec<usize>>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let all = || {
        let denials = DENIAL_CUES.iter().map(|c| (*c, CueKind::Denial));
        denials.chain(CORRECTION_CUES.iter().map(|c| (*c, CueKind::Correction)))
    };
    let patterns = all()
        .map(|(cue, kind)| (cue.split(' ').map(Pattern::parse).collect(), kind))
        .collect();
    let mut by_start: FxHashMap<(char, char), Vec<usize>> = FxHashMap::default();
    for (index, (cue, _)) in all().enumerate() {
        by_start.entry(start_key(cue)).or_default().push(index);
    }
    Cues { patterns, by_start }
});

fn start_key(word: &str) -> (char, char) {
    let mut chars = word.chars();
    (chars.next().unwrap_or(' '), chars.next().unwrap_or(' '))
}

/// A cue found among words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CueMatch {
    /// Its first word and one past its last.
    pub words: Range<usize>,
    pub kind: CueKind,
    /// Which cue (the same number for the same cue in any text).
    pub cue: u16,
}

/// Every cue among `words` (negated ones too when `with_negated`), in
/// text order.
fn cues_in(words: &[Word], with_negated: bool) -> Vec<CueMatch> {
    let cues = &*CUES;
    let mut found = Vec::new();
    for (at, word) in words.iter().enumerate() {
        let Some(candidates) = cues.by_start.get(&start_key(&word.folded)) else {
            continue;
        };
        for &cue in candidates {
            let (patterns, kind) = &cues.patterns[cue];
            let matched = patterns.len() <= words.len() - at
                && patterns
                    .iter()
                    .zip(&words[at..])
                    .all(|(pattern, word)| pattern.matches(&word.folded));
            if matched && (with_negated || !negated(words, at)) {
                found.push(CueMatch {
                    words: at..at + patterns.len(),
                    kind: *kind,
                    cue: cue as u16,
                });
            }
        }
    }
    found
}

/// The first denial cue among `words`, else the first correction cue.
pub(crate) fn find_cue(words: &[Word]) -> Option<CueMatch> {
    let found = cues_in(words, false);
    let denial = found.iter().find(|c| c.kind == CueKind::Denial);
    denial.or(found.first()).cloned()
}

/// The cues a claim itself uses ("the votes were falsified"): in its
/// repeats and reports they say nothing about a denial.
pub(crate) fn cues_of_claim(words: &[Word]) -> Vec<u16> {
    cues_in(words, true).into_iter().map(|c| c.cue).collect()
}

fn negated(words: &[Word], at: usize) -> bool {
    let before = at.checked_sub(1).and_then(|i| words.get(i));
    let two_before = at.checked_sub(2).and_then(|i| words.get(i));
    // "did not deny", "didn't deny", "not a lie", «не ложь»
    let is_negation = |w: Option<&Word>| w.is_some_and(|w| NEGATIONS.contains(&w.folded.as_str()));
    is_negation(before) || (is_negation(two_before) && before.is_some_and(|w| w.folded.len() <= 2))
}

#[cfg(test)]
mod tests {
    use super::super::words::words;
    use super::*;

    fn cue_in(text: &str) -> Option<String> {
        let found = words(text);
        find_cue(&found).map(|cue| {
            let range = found[cue.words.start].range.start..found[cue.words.end - 1].range.end;
            text[range].to_string()
        })
    }

    #[test]
    fn denials_win_over_corrections() {
        let text = "In a correction, the paper said the report was false";
        let found = words(text);
        assert_eq!(find_cue(&found).map(|c| c.kind), Some(CueKind::Denial));
        let found = words("The newspaper withdraws its report and apologises");
        let cue = find_cue(&found).expect("cue");
        assert_eq!((cue.words, cue.kind), (2..3, CueKind::Correction));
        let found = words("Редакция приносит извинения читателям");
        assert_eq!(find_cue(&found).map(|c| c.kind), Some(CueKind::Correction));
    }

    #[test]
    fn a_claims_own_cues_are_known_even_when_negated() {
        let claim = words("Hundreds of votes were fabricated, not fake news");
        let own = cues_of_claim(&claim);
        assert_eq!(own.len(), 2);
        let report = words("The party repeated that the votes were fabricated");
        assert!(own.contains(&find_cue(&report).expect("cue").cue));
    }

    #[test]
    fn cues_are_found_in_each_language() {
        assert_eq!(
            cue_in("The mission categorically denied it").as_deref(),
            Some("categorically")
        );
        assert_eq!(
            cue_in("Это не соответствует действительности").as_deref(),
            Some("не соответствует")
        );
        assert_eq!(
            cue_in("Nazirlik xəbəri təkzib edib").as_deref(),
            Some("təkzib")
        );
        assert_eq!(
            cue_in("Bu məlumat həqiqətə uyğun deyil").as_deref(),
            Some("həqiqətə uyğun deyil")
        );
        assert_eq!(
            cue_in("Նախարարությունը հերքել է").as_deref(),
            Some("հերքել")
        );
        assert_eq!(
            cue_in("სამინისტრომ ინფორმაცია უარყო").as_deref(),
            Some("უარყო")
        );
        assert_eq!(cue_in("ЗАЯВЛЕНИЕ — ЛОЖЬ").as_deref(), Some("ЛОЖЬ"));
    }

    #[test]
    fn negated_cues_and_look_alikes_do_not_count() {
        assert_eq!(cue_in("The ministry did not deny the report"), None);
        assert_eq!(cue_in("The ministry didn't deny the report"), None);
        assert_eq!(cue_in("Это не ложь"), None);
        assert_eq!(cue_in("Положение министерства"), None);
        assert_eq!(cue_in("The ambassador confirmed the funding"), None);
    }
}
