//! Rejected suggestions in a three-way merge.

use super::*;

fn rejection(project: &Project, quote: &str) -> crate::model::RejectedCandidate {
    let article = ArticleId::untagged(2);
    let start = project.article(article).unwrap().text.find(quote).unwrap();
    crate::model::RejectedCandidate {
        claim: first_claim(project),
        article,
        start,
        end: start + quote.len(),
        quote: quote.to_string(),
    }
}

fn reject(
    project: &mut Project,
    reject: Vec<crate::model::RejectedCandidate>,
    restore: Vec<crate::model::RejectedCandidate>,
) {
    apply(project, Edit::Rejections { reject, restore }).unwrap();
}

#[test]
fn rejected_suggestions_from_both_sides_are_kept_unless_one_side_took_one_back() {
    let mut base = base();
    let kept_back = rejection(&base, "Критики молчали");
    reject(&mut base, vec![kept_back.clone()], Vec::new());
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let by_us = rejection(&base, "A week later");
    let by_them = rejection(&base, "the bridge opened to traffic");
    reject(&mut ours, vec![by_us.clone()], Vec::new());
    reject(&mut theirs, vec![by_them.clone()], vec![kept_back.clone()]);

    let merged = merge(&base, &ours, &theirs);

    let mut expected = vec![by_us, by_them];
    expected.sort();
    assert_eq!(merged.project.rejected_candidates, expected);
    assert!(merged.conflicts.is_empty());
    let swapped = merge(&base, &theirs, &ours);
    assert_eq!(swapped.project.rejected_candidates, expected);
}
