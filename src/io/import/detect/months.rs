//! Month names as news sites write them: English in full and abbreviated
//! (`Nov.`, `Sept`), in any case (`MAY`), and the genitive or plain names
//! used by Russian, Azerbaijani and Turkish outlets.

/// `(name, month)`, lower case. Longer names come before their prefixes so
/// that a regex alternation built from this list prefers `september` to
/// `sep`.
const NAMES: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("sept", 9),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // Russian, genitive ("26 мая 2021").
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    // Azerbaijani ("26 may 2021" is covered by English "may").
    ("yanvar", 1),
    ("fevral", 2),
    ("mart", 3),
    ("aprel", 4),
    ("iyun", 6),
    ("iyul", 7),
    ("avqust", 8),
    ("sentyabr", 9),
    ("oktyabr", 10),
    ("noyabr", 11),
    ("dekabr", 12),
    // Turkish.
    ("ocak", 1),
    ("şubat", 2),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    // Turkish in capitals lower-cases to a dotted i ("KASIM" → "kasim").
    ("mayis", 5),
    ("kasim", 11),
    ("aralik", 12),
];

/// A regex alternation of every month name (no groups, no flags: callers
/// wrap it in `(?i:...)`).
pub(super) fn alternation() -> String {
    let mut names: Vec<&str> = NAMES.iter().map(|(name, _)| *name).collect();
    names.sort_by_key(|name| std::cmp::Reverse(name.chars().count()));
    names.dedup();
    names.join("|")
}

/// The month a name stands for, in any case, with or without a final dot.
pub(super) fn number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    NAMES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, month)| *month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_abbreviations_in_any_case() {
        assert_eq!(number("MAY"), Some(5));
        assert_eq!(number("Nov."), Some(11));
        assert_eq!(number("Sept"), Some(9));
        assert_eq!(number("мая"), Some(5));
        assert_eq!(number("AĞUSTOS"), Some(8));
        assert_eq!(number("KASIM"), Some(11));
        assert_eq!(number("Avqust"), Some(8));
        assert_eq!(number("Mayday"), None);
        assert!(alternation().starts_with("september|"));
    }
}
