//! The editing commands: marking a claim, answering the pending claim,
//! linking two claims, setting a link's status and deleting. Each builds an
//! edit and hands it to `apply_edit`.

use std::ops::Range;

use super::App;
use crate::model::{
    Anchor, ArticleId, ClaimId, ClaimInfo, Edit, LinkId, LinkInfo, Relation, Status,
};
use crate::ui::action::LinkChange;
use crate::ui::pairs;

impl App {
    /// The open article and the anchor of the current selection, with
    /// surrounding whitespace trimmed; or why there is none.
    pub(super) fn selected_anchor(&self) -> Result<(ArticleId, Anchor), String> {
        let article_id = self.open_article.ok_or("Open an article first")?;
        let article = self
            .doc
            .project
            .article(article_id)
            .ok_or("The open article no longer exists")?;
        let range = self
            .reading
            .selection()
            .ok_or("Select some text in the article first")?;
        let range = trim_range(&article.text, range);
        Anchor::from_range(&article.text, range.start, range.end)
            .map(|anchor| (article_id, anchor))
            .map_err(|e| format!("Cannot mark this selection: {e}"))
    }

    pub(super) fn mark_selection(&mut self) {
        let (article, anchor) = match self.selected_anchor() {
            Ok(found) => found,
            Err(message) => return self.error(message),
        };
        if let Some(existing) = self.claim_at(article, &anchor) {
            self.selected_claim = Some(existing);
            self.reading.set_selection(None);
            return self.notify(format!("{existing} already marks this span; selected it"));
        }
        let info = self.default_claim_info(article);
        let stamp = crate::clock::stamp();
        let (edit, id) = Edit::add_claim(&self.doc.project, article, anchor, info, &stamp);
        if self.apply_edit(edit) {
            self.selected_claim = Some(id);
            self.selected_link = None;
            self.reading.set_selection(None);
        }
    }

    /// A claim of `article` with exactly this span, if one exists.
    pub(super) fn claim_at(&self, article: ArticleId, anchor: &Anchor) -> Option<ClaimId> {
        self.doc
            .index
            .claims_of(article)
            .iter()
            .copied()
            .find(|&id| {
                self.doc
                    .project
                    .claim(id)
                    .is_some_and(|c| c.anchor.range() == anchor.range())
            })
    }

    /// New claims are reported by the article's outlet until told otherwise.
    pub(super) fn default_claim_info(&self, article: ArticleId) -> ClaimInfo {
        ClaimInfo {
            via: self
                .doc
                .project
                .article(article)
                .map(|a| a.meta.outlet.clone())
                .unwrap_or_default(),
            ..ClaimInfo::default()
        }
    }

    /// Marks the selection as a response to the pending claim and links the
    /// two, as one undo step.
    pub(super) fn respond(&mut self, relation: Relation) {
        let Some(claim) = self.selected_claim else {
            return self.error(
                "Select or mark the claim being answered first: it becomes the pending claim"
                    .into(),
            );
        };
        let (article, anchor) = match self.selected_anchor() {
            Ok(found) => found,
            Err(message) => return self.error(message),
        };
        if let Some(existing) = self.claim_at(article, &anchor) {
            self.reading.set_selection(None);
            return self.link_existing(claim, existing, relation);
        }
        let stamp = crate::clock::stamp();
        let response_info = self.default_claim_info(article);
        let (edit, _, link) = Edit::add_response(
            &self.doc.project,
            claim,
            (article, anchor),
            response_info,
            LinkInfo::draft(relation),
            &stamp,
        );
        if self.apply_edit(edit) {
            self.selected_link = Some(link);
            self.reading.set_selection(None);
            self.notify(format!("Linked {claim} → response: {relation}"));
        }
    }

    pub(super) fn link_existing(&mut self, claim: ClaimId, response: ClaimId, relation: Relation) {
        let stamp = crate::clock::stamp();
        let info = LinkInfo::draft(relation);
        let (edit, link) = Edit::add_link(&self.doc.project, claim, response, info, &stamp);
        if self.apply_edit(edit) {
            self.selected_claim = Some(claim);
            self.selected_link = Some(link);
            self.panels.link_picker = None;
        }
    }

    pub(super) fn open_link_picker(&mut self) {
        match self.selected_claim {
            Some(claim) => self.panels.link_picker = Some(pairs::LinkPicker::new(claim)),
            None => self.error("Select the claim being answered first".into()),
        }
    }

    /// The link a status or delete command acts on: the selected link, else
    /// the selected claim's only link.
    pub(super) fn target_link(&self) -> Option<LinkId> {
        self.selected_link.or_else(|| {
            let links = self.doc.index.links_of(self.selected_claim?);
            (links.len() == 1).then(|| links[0])
        })
    }

    pub(super) fn set_status(&mut self, status: Status) {
        let Some(link) = self.target_link().and_then(|id| self.doc.project.link(id)) else {
            return self.error("Select a link first (in the inspector or the pairs table)".into());
        };
        if link.info.status == status {
            return;
        }
        let stamp = crate::clock::stamp();
        let built = Edit::set_link_status(&self.doc.project, link.id, status, &stamp);
        self.apply_built(built);
    }

    /// Sets a link's relation or note (the inspector), stamped now.
    pub(super) fn change_link(&mut self, link: LinkId, change: LinkChange) {
        let Some(found) = self.doc.project.link(link) else {
            return self.error(format!("Not done: link {link} does not exist"));
        };
        let mut info = found.info.clone();
        match change {
            LinkChange::Status(status) => info.status = status,
            LinkChange::Relation(relation) => info.relation = relation,
            LinkChange::Note(note) => info.note = note,
        }
        if info == found.info {
            return;
        }
        let stamp = crate::clock::stamp();
        let built = Edit::set_link_info(&self.doc.project, link, info, &stamp);
        self.apply_built(built);
    }

    /// Sets a claim's speaker, via, note and tags (the inspector), stamped now.
    pub(super) fn set_claim_info(&mut self, claim: ClaimId, info: ClaimInfo) {
        if self
            .doc
            .project
            .claim(claim)
            .is_some_and(|c| c.info == info)
        {
            return;
        }
        let stamp = crate::clock::stamp();
        let built = Edit::set_claim_info(&self.doc.project, claim, info, &stamp);
        self.apply_built(built);
    }

    pub(super) fn delete_selected(&mut self) {
        let edit = if let Some(link) = self.selected_link {
            Edit::delete_link(link)
        } else if let Some(claim) = self.selected_claim {
            Edit::delete_claim(claim)
        } else {
            return self.error("Select a claim or link to delete".into());
        };
        self.apply_edit(edit);
    }
}

/// Shrinks a byte range so it neither starts nor ends with whitespace.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    if start < end { start..end } else { range }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_range_drops_surrounding_whitespace() {
        let text = "a  said this \n b";
        assert_eq!(&text[trim_range(text, 1..13)], "said this");
        assert_eq!(trim_range(text, 1..3), 1..3);
    }
}
