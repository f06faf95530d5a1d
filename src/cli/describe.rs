//! One line per record an edit adds, deletes or changes, in the user's
//! words: what `--dry-run` shows ("would …") and what `set`, `meta` and
//! `delete` print.

use crate::model::{
    Article, ArticleMeta, Bundle, Claim, ClaimInfo, Edit, Link, LinkInfo, Project, Published,
};

/// Quotes are cut to this many characters in one-line descriptions.
const QUOTE_CHARS: usize = 60;

/// Lines describing `edit`, applied to `before`, whose inverse is `inverse`.
pub(super) fn describe(before: &Project, edit: &Edit, inverse: &Edit) -> Vec<String> {
    match (edit, inverse) {
        (Edit::Insert(added), _) => bundle_lines("add", added),
        (Edit::Delete(_), Edit::Insert(removed)) => bundle_lines("delete", removed),
        (Edit::SetArticleMeta { article, meta }, Edit::SetArticleMeta { meta: old, .. }) => {
            meta_changes(old, meta)
                .into_iter()
                .map(|change| format!("set article {article} {change}"))
                .collect()
        }
        (Edit::ReplaceLink(new), Edit::ReplaceLink(old)) => link_changes(&old.info, &new.info)
            .into_iter()
            .map(|change| format!("set link {} {change}", new.id))
            .collect(),
        (Edit::ReplaceClaim(new), Edit::ReplaceClaim(old)) => claim_changes(&old.info, &new.info)
            .into_iter()
            .map(|change| format!("set claim {} {change}", new.id))
            .collect(),
        (Edit::Batch(edits), Edit::Batch(inverses)) => edits
            .iter()
            .zip(inverses.iter().rev())
            .flat_map(|(edit, inverse)| describe(before, edit, inverse))
            .collect(),
        (other, _) => vec![other.label(before)],
    }
}

fn bundle_lines(verb: &str, bundle: &Bundle) -> Vec<String> {
    let articles = bundle.articles.iter().map(|a| article_line(verb, a));
    let claims = bundle.claims.iter().map(|c| claim_line(verb, c));
    let links = bundle.links.iter().map(|l| link_line(verb, l));
    articles.chain(claims).chain(links).collect()
}

fn article_line(verb: &str, article: &Article) -> String {
    let date = article
        .meta
        .published
        .map_or_else(|| "undated".to_string(), |p| p.to_string());
    format!(
        "{verb} article {}: {} ({date})",
        article.id,
        quoted(&article.meta.title)
    )
}

fn claim_line(verb: &str, claim: &Claim) -> String {
    format!(
        "{verb} claim {} in article {}: {}",
        claim.id,
        claim.article,
        quoted(&claim.anchor.quote)
    )
}

fn link_line(verb: &str, link: &Link) -> String {
    format!(
        "{verb} link {}: {} → {} {} ({})",
        link.id, link.claim, link.response, link.info.relation, link.info.status
    )
}

/// `"text"`, on one line and cut to [`QUOTE_CHARS`] characters.
pub(super) fn quoted(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = one_line.chars();
    let shown: String = chars.by_ref().take(QUOTE_CHARS).collect();
    let more = if chars.next().is_some() { "…" } else { "" };
    format!("\"{shown}{more}\"")
}

/// `field: old → new`, if the value changed.
fn change(field: &str, old: &str, new: &str) -> Option<String> {
    (old != new).then(|| format!("{field}: {} → {}", quoted(old), quoted(new)))
}

fn date_text(published: Option<Published>) -> String {
    published.map_or_else(|| "none".to_string(), |p| p.to_string())
}

fn meta_changes(old: &ArticleMeta, new: &ArticleMeta) -> Vec<String> {
    let date = (old.published != new.published).then(|| {
        format!(
            "date: {} → {}",
            date_text(old.published),
            date_text(new.published)
        )
    });
    [
        change("title", &old.title, &new.title),
        change("outlet", &old.outlet, &new.outlet),
        date,
        change("url", &old.url, &new.url),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn link_changes(old: &LinkInfo, new: &LinkInfo) -> Vec<String> {
    let named = |field: &str, a: String, b: String| (a != b).then(|| format!("{field}: {a} → {b}"));
    [
        named(
            "relation",
            old.relation.to_string(),
            new.relation.to_string(),
        ),
        named("status", old.status.to_string(), new.status.to_string()),
        change("note", &old.note, &new.note),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn claim_changes(old: &ClaimInfo, new: &ClaimInfo) -> Vec<String> {
    [
        change("speaker", &old.speaker, &new.speaker),
        change("via", &old.via, &new.via),
        change("note", &old.note, &new.note),
        change("tags", &old.tags.join(", "), &new.tags.join(", ")),
    ]
    .into_iter()
    .flatten()
    .collect()
}
