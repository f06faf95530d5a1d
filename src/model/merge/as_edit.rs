//! A merge applied in the window is one undoable step: the edit that turns
//! the open project into the merged one, built from their differences.

use std::collections::BTreeSet;

use crate::model::{Bundle, Claim, Edit, Link, Project, RecordIds};

/// The one edit (a batch) that turns `before` into `after`, record by
/// record; `None` when they hold the same. Steps go in the order the checks
/// need: deletions; article texts (with their claims re-placed); new
/// records; then changed records, the title and the decisions waiting.
/// Id counters are not part of it: applying moves them past every id.
pub fn edit_between(before: &Project, after: &Project) -> Option<Edit> {
    let mut steps = Vec::new();
    steps.extend(deletions(before, after));
    steps.extend(text_changes(before, after));
    steps.extend(additions(before, after));
    steps.extend(record_changes(before, after));
    steps.extend(story_names(before, after));
    if before.title != after.title {
        steps.push(Edit::SetProjectTitle(after.title.clone()));
    }
    if before.conflicts != after.conflicts {
        steps.push(Edit::SetConflicts(after.conflicts.clone()));
    }
    if before.disagreements != after.disagreements {
        steps.push(Edit::SetDisagreements(after.disagreements.clone()));
    }
    (!steps.is_empty()).then_some(Edit::Batch(steps))
}

fn deletions(before: &Project, after: &Project) -> Option<Edit> {
    let gone = RecordIds {
        articles: before
            .articles
            .iter()
            .map(|a| a.id)
            .filter(|&id| after.article(id).is_none())
            .collect(),
        claims: before
            .claims
            .iter()
            .map(|c| c.id)
            .filter(|&id| after.claim(id).is_none())
            .collect(),
        links: before
            .links
            .iter()
            .map(|l| l.id)
            .filter(|&id| after.link(id).is_none())
            .collect(),
    };
    let any = !(gone.articles.is_empty() && gone.claims.is_empty() && gone.links.is_empty());
    any.then_some(Edit::Delete(gone))
}

/// Articles whose text changed, each with its claims (kept before and
/// after) placed as `after` has them.
fn text_changes(before: &Project, after: &Project) -> Vec<Edit> {
    after
        .articles
        .iter()
        .filter(|new| {
            before
                .article(new.id)
                .is_some_and(|old| old.text != new.text)
        })
        .map(|new| Edit::ReplaceArticleText {
            article: new.id,
            text: new.text.clone(),
            claims: after
                .claims_of_article(new.id)
                .filter(|c| before.claim(c.id).is_some_and(|old| old != *c))
                .cloned()
                .collect(),
        })
        .collect()
}

fn additions(before: &Project, after: &Project) -> Option<Edit> {
    let bundle = Bundle {
        articles: after
            .articles
            .iter()
            .filter(|a| before.article(a.id).is_none())
            .cloned()
            .collect(),
        claims: after
            .claims
            .iter()
            .filter(|c| before.claim(c.id).is_none())
            .map(|c| Claim::clone(c))
            .collect(),
        links: after
            .links
            .iter()
            .filter(|l| before.link(l.id).is_none())
            .map(|l| Link::clone(l))
            .collect(),
    };
    let any = !(bundle.articles.is_empty() && bundle.claims.is_empty() && bundle.links.is_empty());
    any.then(|| Edit::Insert(Box::new(bundle)))
}

/// Kept records that differ (claims already placed with a text change
/// are left out).
fn record_changes(before: &Project, after: &Project) -> Vec<Edit> {
    let retexted: BTreeSet<_> = after
        .articles
        .iter()
        .filter(|new| {
            before
                .article(new.id)
                .is_some_and(|old| old.text != new.text)
        })
        .map(|a| a.id)
        .collect();
    let metas = after.articles.iter().filter_map(|new| {
        let old = before.article(new.id)?;
        (old.meta != new.meta).then(|| Edit::SetArticleMeta {
            article: new.id,
            meta: Box::new(new.meta.clone()),
        })
    });
    let claims = after.claims.iter().filter_map(|new| {
        let old = before.claim(new.id)?;
        let placed = retexted.contains(&new.article) && old.article == new.article;
        (old != &**new && !placed).then(|| Edit::ReplaceClaim(Box::new(Claim::clone(new))))
    });
    let links = after.links.iter().filter_map(|new| {
        let old = before.link(new.id)?;
        (old != &**new).then(|| Edit::ReplaceLink(Box::new(Link::clone(new))))
    });
    metas.chain(claims).chain(links).collect()
}

/// Names that differ, after the additions (naming needs the claim). A
/// name `after` keeps under a claim it does not have is left out: no story
/// shows it, and the edit would be refused.
fn story_names(before: &Project, after: &Project) -> Vec<Edit> {
    let claims: BTreeSet<_> = before
        .story_names
        .keys()
        .chain(after.story_names.keys())
        .collect();
    claims
        .into_iter()
        .filter_map(|&claim| {
            let (old, new) = (
                before.story_names.get(&claim),
                after.story_names.get(&claim),
            );
            let named = new.is_none() || after.claim(claim).is_some();
            (old != new && named).then(|| Edit::NameStory {
                claim,
                name: new.cloned().unwrap_or_default(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{apply, merge_without_base};

    fn demo() -> Project {
        let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/saves/demo.ron"));
        crate::io::load_str(text, "demo.ron")
            .expect("demo loads")
            .project
    }

    #[test]
    fn applying_the_edit_gives_the_merged_project_and_undo_the_open_one() {
        let ours = demo();
        let mut theirs = demo();
        theirs.title = "Their title".to_string();
        std::sync::Arc::make_mut(&mut theirs.claims[0]).info.speaker = "Changed by them".into();
        std::sync::Arc::make_mut(&mut theirs.links[1]).info.status = crate::model::Status::Rejected;
        theirs.articles[1].meta.outlet = "Their outlet".to_string();
        theirs
            .story_names
            .insert(theirs.claims[1].id, "Bridge 🌉".to_string());
        let merged = merge_without_base(&ours, &theirs).project;
        let edit = edit_between(&ours, &merged).expect("they differ");
        let mut project = ours.clone();
        let inverse = apply(&mut project, edit).expect("applies");
        project.next_ids = merged.next_ids.clone();
        assert_eq!(project, merged);
        apply(&mut project, inverse).expect("undoes");
        project.next_ids = ours.next_ids.clone();
        assert_eq!(project, ours);
        assert_eq!(edit_between(&ours, &ours), None);
    }
}
