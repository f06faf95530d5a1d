//! The text of the synthetic corpora: sentences of the seed articles
//! recombined, with words of the region's languages and emoji mixed in, by a
//! small deterministic generator.

use crate::model::Published;

/// The seed articles the text is recombined from.
pub const SEED_TEXTS: [&str; 5] = [
    include_str!("../../seeds/000_7fa0120292ddc080.txt"),
    include_str!("../../seeds/001_6924cd277f211afd.txt"),
    include_str!("../../seeds/002_f4b2c18048fe893e.txt"),
    include_str!("../../seeds/003_42c6ca9be3cc27ad.txt"),
    include_str!("../../seeds/004_88f1b7df856c2380.txt"),
];

/// Words in the languages analysts in the region meet, and emoji (one with
/// a skin-tone modifier, one flag, one with a variation selector).
const MIXED_WORDS: &[&str] = &[
    "bəyanat",
    "seçkilər",
    "hökumət",
    "müxalifət",
    "təkzib",
    "qəzet",
    "Şuşa",
    "Gəncə",
    "ığdır",
    "ağır",
    "İlham",
    "ƏLİYEV",
    "заявление",
    "выборы",
    "опровержение",
    "правительство",
    "Посольство",
    "հայտարարություն",
    "ընտրություններ",
    "Երևան",
    "განცხადება",
    "არჩევნები",
    "თბილისი",
    "😀",
    "🇦🇿",
    "📰",
    "⚠️",
    "👍🏽",
];

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, and good enough for
/// test data.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high.saturating_sub(low) + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

/// An article's text and where its sentences lie in it.
#[derive(Clone, Debug)]
pub struct GeneratedText {
    pub text: String,
    /// Byte ranges of the body's sentences, in order.
    pub sentences: Vec<std::ops::Range<usize>>,
}

/// The seed sentences: every line split after `. `, `? ` or `! `, without
/// the ` date ...` import markers and very short fragments.
pub fn seed_sentences() -> Vec<String> {
    let mut sentences = Vec::new();
    for line in SEED_TEXTS.iter().flat_map(|t| t.lines()) {
        let line = line.trim();
        if line.starts_with("date ") {
            continue;
        }
        let mut rest = line;
        while !rest.is_empty() {
            let cut = ['.', '?', '!']
                .iter()
                .filter_map(|&p| rest.find(&format!("{p} ")).map(|i| i + 1))
                .min()
                .unwrap_or(rest.len());
            let sentence = rest[..cut].trim();
            if sentence.chars().count() >= 25 {
                sentences.push(sentence.to_string());
            }
            rest = rest[cut..].trim_start();
        }
    }
    sentences
}

/// Builds texts from seed sentences with foreign words mixed in.
pub struct TextMaker {
    sentences: Vec<String>,
}

impl Default for TextMaker {
    fn default() -> Self {
        TextMaker::new()
    }
}

impl TextMaker {
    pub fn new() -> TextMaker {
        TextMaker {
            sentences: seed_sentences(),
        }
    }

    /// One sentence, sometimes with a foreign word or emoji inserted at a
    /// word boundary.
    fn sentence(&self, rng: &mut SplitMix64) -> String {
        let base = self
            .sentences
            .get(rng.below(self.sentences.len()))
            .map_or("", String::as_str);
        if !rng.chance(35) {
            return base.to_string();
        }
        let word = rng.pick(MIXED_WORDS);
        let spaces: Vec<usize> = base.match_indices(' ').map(|(i, _)| i).collect();
        match spaces.get(rng.below(spaces.len())) {
            Some(&at) if rng.chance(50) => format!("{} ({word}){}", &base[..at], &base[at..]),
            Some(&at) => format!("{} {word}{}", &base[..at], &base[at..]),
            None => format!("{base} {word}"),
        }
    }

    /// A title line, a dateline and `sentences` body sentences in
    /// paragraphs of one to five.
    pub fn article(
        &self,
        rng: &mut SplitMix64,
        sentences: usize,
        published: &Published,
    ) -> GeneratedText {
        let title = self.title(rng);
        let mut text = format!("{title}\n\n{}\n\n", dateline(published));
        let mut ranges = Vec::with_capacity(sentences);
        let mut left_in_paragraph = rng.between(1, 5);
        for index in 0..sentences {
            if index > 0 {
                if left_in_paragraph == 0 {
                    text.push_str("\n\n");
                    left_in_paragraph = rng.between(1, 5);
                } else {
                    text.push(' ');
                }
            }
            let sentence = self.sentence(rng);
            ranges.push(text.len()..text.len() + sentence.len());
            text.push_str(&sentence);
            left_in_paragraph = left_in_paragraph.saturating_sub(1);
        }
        text.push('\n');
        GeneratedText {
            text,
            sentences: ranges,
        }
    }

    /// A sentence cut to at most ~80 characters at a word boundary.
    fn title(&self, rng: &mut SplitMix64) -> String {
        let sentence = self.sentence(rng);
        let mut title = String::new();
        for word in sentence.split(' ') {
            if title.chars().count() + word.chars().count() > 80 {
                break;
            }
            if !title.is_empty() {
                title.push(' ');
            }
            title.push_str(word);
        }
        title.trim_end_matches(['.', ',', ':']).to_string()
    }
}

/// `2 February 2024 12:18 (UTC+04:00)`, as the import detects it.
pub(super) fn dateline(published: &Published) -> String {
    let mut line = published.date.format("%-d %B %Y").to_string();
    if let Some(time) = published.time {
        line.push_str(&time.format(" %H:%M").to_string());
    }
    if let Some(offset) = published.utc_offset_minutes {
        let sign = if offset < 0 { '-' } else { '+' };
        let abs = offset.unsigned_abs();
        line.push_str(&format!(" (UTC{sign}{:02}:{:02})", abs / 60, abs % 60));
    }
    line
}
