//! Denial cues: words and phrases with which a response rejects a claim
//! ("categorically denied", "baseless", «не соответствует
//! действительности», "təkzib etdi"). A topical ranker finds articles about
//! the claim easily; the cue is what tells the denial from the reports.
//!
//! Patterns are folded words (see `words::fold`); a trailing `*` matches
//! any ending, which covers inflection without a stemmer. A cue right after
//! a negation ("did not deny", «это не ложь») does not count.

use rustc_hash::FxHashMap;
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
    patterns: Vec<Vec<Pattern>>,
    /// Cues by the first two chars of their first word, so that a word is
    /// checked against a handful of cues rather than all of them.
    by_start: FxHashMap<(char, char), Vec<usize>>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let patterns: Vec<Vec<Pattern>> = DENIAL_CUES
        .iter()
        .map(|cue| cue.split(' ').map(Pattern::parse).collect())
        .collect();
    let mut by_start: FxHashMap<(char, char), Vec<usize>> = FxHashMap::default();
    for (index, cue) in DENIAL_CUES.iter().enumerate() {
        by_start.entry(start_key(cue)).or_default().push(index);
    }
    Cues { patterns, by_start }
});

fn start_key(word: &str) -> (char, char) {
    let mut chars = word.chars();
    (chars.next().unwrap_or(' '), chars.next().unwrap_or(' '))
}

/// The first denial cue among `words`: the index of its first and one past
/// its last word.
pub(crate) fn find_cue(words: &[Word]) -> Option<(usize, usize)> {
    let cues = &*CUES;
    for (at, word) in words.iter().enumerate() {
        let Some(candidates) = cues.by_start.get(&start_key(&word.folded)) else {
            continue;
        };
        for &cue in candidates {
            let patterns = &cues.patterns[cue];
            let matched = patterns.len() <= words.len() - at
                && patterns
                    .iter()
                    .zip(&words[at..])
                    .all(|(pattern, word)| pattern.matches(&word.folded));
            if matched && !negated(words, at) {
                return Some((at, at + patterns.len()));
            }
        }
    }
    None
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
        find_cue(&found).map(|(from, to)| {
            let range = found[from].range.start..found[to - 1].range.end;
            text[range].to_string()
        })
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
