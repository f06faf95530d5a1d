//! The content of the printable dossier (`html` and `md` formats): pairs
//! grouped into stories and ordered by date, each side with its sentence of
//! context. The two renderers only lay this out.

use super::common::{sentence_around, stories};
use crate::model::{Pair, PairSide, Project, StatusFilter};

pub struct Dossier {
    pub title: String,
    /// "curated pairs" / "all pairs" / "draft pairs".
    pub scope: String,
    pub stories: Vec<Story>,
    /// The pairs' timeline as an inline `<svg>` element (empty without pairs).
    pub timeline_svg: String,
}

pub struct Story {
    /// "Story 2: <first claim, shortened>".
    pub heading: String,
    pub pairs: Vec<PairView>,
}

pub struct PairView {
    pub link: String,
    pub relation: &'static str,
    /// "denies" etc., for "the response denies the claim".
    pub relation_meaning: &'static str,
    pub status: &'static str,
    pub note: String,
    /// "same day", "3 days later", "2 days earlier", or empty when undated.
    pub lag: String,
    pub claim: SideView,
    pub response: SideView,
}

pub struct SideView {
    pub id: String,
    pub before: String,
    pub quote: String,
    pub after: String,
    pub speaker: String,
    pub via: String,
    pub outlet: String,
    pub title: String,
    pub date: String,
    /// The date in ISO 8601 for machines (`<time datetime>`), empty when undated.
    pub iso_date: String,
    pub url: String,
    /// The claim's own note.
    pub note: String,
}

fn side_view(side: &PairSide<'_>) -> SideView {
    let anchor = &side.claim.anchor;
    let (before, quote, after) = sentence_around(&side.article.text, anchor.start, anchor.end);
    let meta = &side.article.meta;
    SideView {
        id: side.claim.id.to_string(),
        before,
        quote,
        after,
        speaker: side.claim.info.speaker.clone(),
        via: side.claim.info.via.clone(),
        outlet: meta.outlet.clone(),
        title: meta.title.clone(),
        date: meta.published.map(|p| p.to_string()).unwrap_or_default(),
        iso_date: super::common::article_date(side.article).unwrap_or_default(),
        url: meta.url.clone(),
        note: side.claim.info.note.clone(),
    }
}

/// The lag from claim to response in words.
pub fn lag_words(days: Option<i64>) -> String {
    match days {
        None => String::new(),
        Some(0) => "same day".to_string(),
        Some(1) => "1 day later".to_string(),
        Some(-1) => "1 day earlier".to_string(),
        Some(d) if d > 0 => format!("{d} days later"),
        Some(d) => format!("{} days earlier", -d),
    }
}

fn pair_view(pair: &Pair<'_>) -> PairView {
    let info = &pair.link.info;
    PairView {
        link: pair.link.id.to_string(),
        relation: info.relation.name(),
        relation_meaning: info.relation.meaning(),
        status: info.status.name(),
        note: info.note.clone(),
        lag: lag_words(pair.days_between()),
        claim: side_view(&pair.claim),
        response: side_view(&pair.response),
    }
}

/// At most `max` chars of `text` on one line, with "…" when cut.
fn shorten(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

pub fn build(project: &Project, pairs: &[Pair<'_>], filter: StatusFilter) -> Dossier {
    let stories = stories(pairs)
        .iter()
        .enumerate()
        .map(|(index, story)| {
            let first = story
                .first()
                .map(|p| shorten(&p.claim.claim.anchor.quote, 80))
                .unwrap_or_default();
            Story {
                heading: format!("Story {}: {first}", index + 1),
                pairs: story.iter().map(pair_view).collect(),
            }
        })
        .collect();
    let title = if project.title.trim().is_empty() {
        "Untitled project".to_string()
    } else {
        project.title.clone()
    };
    Dossier {
        timeline_svg: timeline_picture(project, pairs, &title),
        title,
        scope: format!("{} pairs", filter.name().to_lowercase()),
        stories,
    }
}

fn timeline_picture(project: &Project, pairs: &[Pair<'_>], title: &str) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let links = pairs.iter().map(|pair| pair.link);
    let timeline = crate::model::Timeline::of_links(project, links, crate::model::LaneBy::Speaker);
    super::timeline_svg::render_element(project, &timeline, &format!("{title}: timeline"))
}

impl Dossier {
    pub fn pair_count(&self) -> usize {
        self.stories.iter().map(|s| s.pairs.len()).sum()
    }
}
