//! Deterministic synthetic corpora for benchmarks and scale tests.
//!
//! Shared by `examples/gen_corpus.rs` (writes a project file) and
//! `benches/core.rs` (builds projects in memory), so both measure the same
//! data. Text is recombined from the sentences of the seed articles in
//! `seeds/`, with Azerbaijani, Russian, Armenian and Georgian words and emoji
//! mixed in so that case folding and char boundaries are exercised. A small
//! SplitMix64 generator (no `rand` dependency) makes the output a pure
//! function of the arguments: the same spec always gives the same bytes.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use std::collections::HashSet;

mod text;

pub use text::{GeneratedText, SEED_TEXTS, SplitMix64, TextMaker, seed_sentences};

use crate::model::{
    Anchor, Article, ArticleId, ArticleMeta, Bundle, Claim, ClaimId, ClaimInfo, Edit, Link, LinkId,
    LinkInfo, Project, Published, Relation, Status, apply, content_hash,
};

const OUTLETS: &[&str] = &[
    "Qafqazinfo.az",
    "Azernews",
    "APA",
    "Report.az",
    "Turan",
    "JAMnews",
    "Meydan TV",
    "ТАСС",
    "Armenpress",
    "Civil.ge",
];

const SPEAKERS: &[&str] = &[
    "EU Delegation",
    "EU Mission",
    "Peter Michalko (reported)",
    "Milli Majlis",
    "OSCE/ODIHR",
    "Ministry of Foreign Affairs",
    "Musavat Party",
    "Isa Gambar",
    "Matthew Miller",
    "Hikmət Hacıyev",
    "Мария Захарова",
    "Նիկոլ Փաշինյան",
    "ირაკლი კობახიძე",
    "Central Election Commission",
];

const ANALYSTS: &[&str] = &["aylin", "rüstəm", "nino", "ani", "dmitri"];

const TAGS: &[&str] = &[
    "elections",
    "foreign-funding",
    "opposition",
    "media",
    "seçki",
    "😡",
];

const NOTES: &[&str] = &[
    "",
    "",
    "",
    "check the original video",
    "paraphrase, not a direct quote",
    "mənbə: rəsmi sayt",
    "см. оригинал",
];

/// The size of a generated project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CorpusSpec {
    pub articles: usize,
    pub claims: usize,
    pub links: usize,
    pub seed: u64,
}

impl CorpusSpec {
    /// `scale` × (20 articles, 200 claims, 100 links): 100× is the
    /// 2,000 / 20,000 / 10,000 project of the performance targets.
    pub fn scaled(scale: usize) -> CorpusSpec {
        CorpusSpec {
            articles: 20 * scale,
            claims: 200 * scale,
            links: 100 * scale,
            seed: 1,
        }
    }
}

/// A publication date between 2018 and 2025, with time and offset usually.
fn random_published(rng: &mut SplitMix64) -> Published {
    let first = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap_or_default();
    let date = first + Duration::days(rng.below(8 * 365) as i64);
    let time = if rng.chance(70) {
        NaiveTime::from_hms_opt(rng.below(24) as u32, rng.below(60) as u32, 0)
    } else {
        None
    };
    let offset = match (time, rng.below(5)) {
        (None, _) | (_, 0) => None,
        (_, 1) => Some(180),
        (_, 2) => Some(0),
        (_, 3) => Some(-300),
        _ => Some(240),
    };
    Published {
        date,
        time,
        utc_offset_minutes: offset,
    }
}

/// A moment some hours to weeks after `published`, for stamps.
fn stamp_after(published: &Published, rng: &mut SplitMix64) -> DateTime<Utc> {
    let base = published.date.and_time(NaiveTime::MIN).and_utc();
    base + Duration::seconds(3600 + rng.below(30 * 24 * 3600) as i64)
}

/// A deterministic project of the given size, built through [`apply`] and
/// checked with [`Project::problems`].
pub fn corpus(spec: &CorpusSpec) -> Result<Project, String> {
    let mut rng = SplitMix64::new(spec.seed);
    let maker = TextMaker::new();
    let mut texts = Vec::with_capacity(spec.articles);
    let mut articles = Vec::with_capacity(spec.articles);
    for index in 0..spec.articles {
        // Mostly news-length articles (2–6 KB), a few long ones.
        let sentences = if rng.chance(5) {
            rng.between(60, 150)
        } else {
            rng.between(10, 40)
        };
        let (article, text) = new_article(&maker, &mut rng, index, sentences);
        articles.push(article);
        texts.push(text);
    }
    let title = format!(
        "Generated corpus: {} articles, {} claims, {} links (seed {})",
        spec.articles, spec.claims, spec.links, spec.seed
    );
    build_project(&title, articles, &texts, spec, &mut rng)
}

/// One article of about 1 MB with `claims` claims and `links` links inside
/// it: the reading view's worst case.
pub fn long_article(claims: usize, links: usize, seed: u64) -> Result<Project, String> {
    const TARGET_BYTES: usize = 1 << 20;
    let mut rng = SplitMix64::new(seed);
    let maker = TextMaker::new();
    // Seed sentences average ~170 bytes; overshoot, then the text is what it is.
    let (article, text) = new_article(&maker, &mut rng, 0, TARGET_BYTES / 150);
    let spec = CorpusSpec {
        articles: 1,
        claims,
        links,
        seed,
    };
    let title = format!("Generated long article: 1 article, {claims} claims, {links} links");
    build_project(&title, vec![article], &[text], &spec, &mut rng)
}

fn new_article(
    maker: &TextMaker,
    rng: &mut SplitMix64,
    index: usize,
    sentences: usize,
) -> (Article, GeneratedText) {
    let published = random_published(rng);
    let generated = maker.article(rng, sentences, &published);
    let outlet = rng.pick(OUTLETS);
    let number = index + 1;
    let title = generated
        .text
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    let article = Article {
        id: ArticleId::untagged(number as u32),
        meta: ArticleMeta {
            title,
            outlet: outlet.to_string(),
            published: Some(published),
            url: format!(
                "https://{}/news/{number}",
                outlet.to_lowercase().replace(' ', "")
            ),
            source_path: format!("corpus/{number:05}.txt"),
            ..ArticleMeta::default()
        },
        imported_at: stamp_after(&published, rng),
        content_hash: content_hash(&generated.text),
        text: generated.text.as_str().into(),
    };
    (article, generated)
}

fn build_project(
    title: &str,
    articles: Vec<Article>,
    texts: &[GeneratedText],
    spec: &CorpusSpec,
    rng: &mut SplitMix64,
) -> Result<Project, String> {
    let mut project = Project::new(title);
    let published: Vec<Published> = articles
        .iter()
        .map(|a| a.meta.published.unwrap_or(random_published(rng)))
        .collect();
    insert(&mut project, articles, Vec::new(), Vec::new())?;
    let (claims, by_article) = make_claims(texts, &published, spec.claims, rng)?;
    insert(&mut project, Vec::new(), claims, Vec::new())?;
    let links = make_links(&project, &by_article, spec.links, rng);
    insert(&mut project, Vec::new(), Vec::new(), links)?;
    let problems = project.problems();
    match problems.first() {
        Some(problem) => Err(format!(
            "generated project has {} problems, first: {problem}",
            problems.len()
        )),
        None => Ok(project),
    }
}

fn insert(
    project: &mut Project,
    articles: Vec<Article>,
    claims: Vec<Claim>,
    links: Vec<Link>,
) -> Result<(), String> {
    if articles.is_empty() && claims.is_empty() && links.is_empty() {
        return Ok(());
    }
    let bundle = Bundle {
        articles,
        claims,
        links,
    };
    apply(project, Edit::Insert(Box::new(bundle)))
        .map(|_| ())
        .map_err(|e| format!("generated edit refused: {e}"))
}

/// `count` claims spread over the articles, each a clause, a sentence or
/// two sentences. Returns them and the claim ids of each article.
fn make_claims(
    texts: &[GeneratedText],
    published: &[Published],
    count: usize,
    rng: &mut SplitMix64,
) -> Result<(Vec<Claim>, Vec<Vec<ClaimId>>), String> {
    let mut claims = Vec::with_capacity(count);
    let mut by_article = vec![Vec::new(); texts.len()];
    let mut taken = HashSet::new();
    if texts.is_empty() {
        return Ok((claims, by_article));
    }
    while claims.len() < count {
        let index = rng.below(texts.len());
        let generated = &texts[index];
        let range = claim_span(generated, rng);
        // Retry on a span already claimed, unless the articles are full.
        if !taken.insert((index, range.start, range.end)) && rng.chance(95) {
            continue;
        }
        let anchor = Anchor::from_range(&generated.text, range.start, range.end)
            .map_err(|e| format!("generated span {range:?} in article {}: {e}", index + 1))?;
        let id = ClaimId::untagged(claims.len() as u32 + 1);
        let at = stamp_after(&published[index], rng);
        claims.push(Claim {
            id,
            article: ArticleId::untagged(index as u32 + 1),
            anchor,
            info: claim_info(rng),
            analyst: rng.pick(ANALYSTS).to_string(),
            created: at,
            modified: if rng.chance(20) {
                at + Duration::minutes(rng.below(10_000) as i64)
            } else {
                at
            },
            modified_by: None,
            review: None,
        });
        by_article[index].push(id);
    }
    Ok((claims, by_article))
}

/// A clause (between commas), one sentence, or two consecutive sentences.
fn claim_span(generated: &GeneratedText, rng: &mut SplitMix64) -> std::ops::Range<usize> {
    let sentences = &generated.sentences;
    let first = rng.below(sentences.len());
    let Some(range) = sentences.get(first).cloned() else {
        return 0..generated.text.len().min(1);
    };
    match rng.below(10) {
        0..=3 => clause_of(&generated.text, range, rng),
        4..=7 => range,
        _ => match sentences.get(first + 1) {
            Some(next) => range.start..next.end,
            None => range,
        },
    }
}

/// One comma-separated part of a sentence, if it is long enough to be a
/// claim; else the whole sentence.
fn clause_of(
    text: &str,
    sentence: std::ops::Range<usize>,
    rng: &mut SplitMix64,
) -> std::ops::Range<usize> {
    let body = &text[sentence.clone()];
    let mut clauses = Vec::new();
    let mut start = 0;
    for (at, _) in body.match_indices(", ").chain([(body.len(), "")]) {
        let clause = body[start..at].trim_end_matches(['.', '!', '?']);
        if clause.chars().count() >= 20 {
            clauses.push(sentence.start + start..sentence.start + start + clause.len());
        }
        start = (at + 2).min(body.len());
    }
    clauses
        .get(rng.below(clauses.len()))
        .cloned()
        .unwrap_or(sentence)
}

fn claim_info(rng: &mut SplitMix64) -> ClaimInfo {
    let tags = (0..rng.below(3))
        .map(|_| rng.pick(TAGS).to_string())
        .collect();
    ClaimInfo {
        speaker: rng.pick(SPEAKERS).to_string(),
        via: if rng.chance(60) {
            rng.pick(OUTLETS).to_string()
        } else {
            String::new()
        },
        note: rng.pick(NOTES).to_string(),
        tags,
    }
}

/// `count` links; about a third answer a claim in the same article, the
/// rest one in another article.
fn make_links(
    project: &Project,
    by_article: &[Vec<ClaimId>],
    count: usize,
    rng: &mut SplitMix64,
) -> Vec<Link> {
    let mut links = Vec::with_capacity(count);
    let mut seen = HashSet::new();
    let claims = &project.claims;
    let mut attempts = 0usize;
    while links.len() < count && claims.len() >= 2 && attempts < count.saturating_mul(20) {
        attempts += 1;
        let Some(claim) = claims.get(rng.below(claims.len())) else {
            break;
        };
        let article = claim.article.seq() as usize - 1;
        let pool = if rng.chance(35) && by_article[article].len() >= 2 {
            &by_article[article]
        } else {
            &by_article[rng.below(by_article.len())]
        };
        let Some(&response) = pool.get(rng.below(pool.len())) else {
            continue;
        };
        if response == claim.id || !seen.insert((claim.id, response)) {
            continue;
        }
        links.push(new_link(
            LinkId::untagged(links.len() as u32 + 1),
            claim,
            response,
            rng,
        ));
    }
    links
}

fn new_link(id: LinkId, claim: &Claim, response: ClaimId, rng: &mut SplitMix64) -> Link {
    let relation = Relation::ALL[rng.below(Relation::ALL.len())];
    let status = match rng.below(20) {
        0..=9 => Status::Draft,
        10..=16 => Status::Curated,
        _ => Status::Rejected,
    };
    let at = claim.created + Duration::minutes(5 + rng.below(60 * 24 * 14) as i64);
    Link {
        id,
        claim: claim.id,
        response,
        info: LinkInfo {
            relation,
            status,
            note: rng.pick(NOTES).to_string(),
        },
        analyst: rng.pick(ANALYSTS).to_string(),
        created: at,
        modified: at,
        modified_by: None,
    }
}

/// `count` article files as an analyst would collect them: some with a
/// ` date YYYY-MM-DD` marker, some with CRLF line ends or a BOM. Returns
/// (file name, bytes).
pub fn article_files(count: usize, seed: u64) -> Vec<(String, Vec<u8>)> {
    let mut rng = SplitMix64::new(seed);
    let maker = TextMaker::new();
    (0..count)
        .map(|index| {
            let published = random_published(&mut rng);
            let sentences = rng.between(10, 40);
            let mut text = maker.article(&mut rng, sentences, &published).text;
            if rng.chance(30) {
                text = format!(" date {} {text}", published.date.format("%Y-%m-%d"));
            }
            if rng.chance(10) {
                text = text.replace('\n', "\r\n");
            }
            let mut bytes = Vec::with_capacity(text.len() + 3);
            if rng.chance(5) {
                bytes.extend_from_slice(b"\xEF\xBB\xBF");
            }
            bytes.extend_from_slice(text.as_bytes());
            (format!("{index:05}.txt"), bytes)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_is_deterministic_and_clean() {
        let spec = CorpusSpec::scaled(1);
        let first = corpus(&spec).unwrap();
        assert_eq!(first.articles.len(), 20);
        assert_eq!(first.claims.len(), 200);
        assert_eq!(first.links.len(), 100);
        assert!(first.problems().is_empty());
        assert_eq!(corpus(&spec).unwrap(), first);
        let other = corpus(&CorpusSpec { seed: 2, ..spec }).unwrap();
        assert_ne!(other, first);
    }

    #[test]
    fn text_mixes_scripts_and_claims_vary_in_length() {
        let project = corpus(&CorpusSpec::scaled(1)).unwrap();
        let all: String = project.articles.iter().map(|a| &*a.text).collect();
        assert!(all.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)));
        assert!(all.chars().any(|c| ('\u{10D0}'..='\u{10FF}').contains(&c)));
        assert!(all.contains('ə'));
        let lengths: Vec<usize> = project.claims.iter().map(|c| c.anchor.len()).collect();
        assert!(lengths.iter().any(|&l| l < 80));
        assert!(lengths.iter().any(|&l| l > 250));
        let relations: HashSet<_> = project.links.iter().map(|l| l.info.relation).collect();
        assert!(relations.len() >= 5);
        assert!(
            project
                .links
                .iter()
                .any(|l| project.claim(l.claim).map(|c| c.article)
                    != project.claim(l.response).map(|c| c.article))
        );
    }

    #[test]
    fn long_article_is_about_a_megabyte() {
        let project = long_article(500, 200, 1).unwrap();
        assert_eq!(project.articles.len(), 1);
        let len = project.articles[0].text.len();
        assert!((1_000_000..1_500_000).contains(&len), "{len}");
        assert_eq!(project.claims.len(), 500);
        assert!(project.problems().is_empty());
    }

    #[test]
    fn article_files_import_cleanly() {
        let files = article_files(20, 3);
        assert_eq!(files.len(), 20);
        assert!(files.iter().any(|(_, b)| b.starts_with(b" date ")));
        for (_, bytes) in &files {
            let decoded = crate::io::import::decode(bytes, "x");
            assert!(decoded.warnings.is_empty());
        }
    }
}
