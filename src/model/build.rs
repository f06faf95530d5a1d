//! Building edits: the constructors every caller uses (window, command
//! line, tests) so that a change is spelled once, and the one stamping rule
//! for who and when: a record keeps who created it and when (`analyst`,
//! `created`), and records who changed it last and when (`modified_by`,
//! `modified`).

use chrono::{DateTime, Utc};

use super::anchor::Anchor;
use super::edit::{Bundle, Edit, EditError, RecordIds};
use super::ids::{ArticleId, ClaimId, LinkId};
use super::project::{
    Claim, ClaimInfo, Link, LinkInfo, Project, RejectedCandidate, Relation, Status,
};

/// Who makes a change and when; stamped on new and changed records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub analyst: String,
    pub at: DateTime<Utc>,
}

impl Stamp {
    /// The stamping rule for a change to an existing record: the creator
    /// and creation time stay; who changed it last and when are set.
    pub fn mark_changed(&self, modified: &mut DateTime<Utc>, modified_by: &mut Option<String>) {
        *modified = self.at;
        *modified_by = Some(self.analyst.clone());
    }
}

impl Claim {
    /// Stamps a change to this claim (see [`Stamp::mark_changed`]).
    pub fn mark_changed(&mut self, stamp: &Stamp) {
        stamp.mark_changed(&mut self.modified, &mut self.modified_by);
    }
}

impl Link {
    /// Stamps a change to this link (see [`Stamp::mark_changed`]).
    pub fn mark_changed(&mut self, stamp: &Stamp) {
        stamp.mark_changed(&mut self.modified, &mut self.modified_by);
    }
}

impl LinkInfo {
    /// A new link's info: the relation, Draft, no note.
    pub fn draft(relation: Relation) -> LinkInfo {
        LinkInfo {
            relation,
            status: Status::Draft,
            note: String::new(),
        }
    }
}

impl RecordIds {
    pub fn claim(id: ClaimId) -> RecordIds {
        RecordIds {
            claims: vec![id],
            ..RecordIds::default()
        }
    }

    pub fn link(id: LinkId) -> RecordIds {
        RecordIds {
            links: vec![id],
            ..RecordIds::default()
        }
    }
}

impl Edit {
    /// Adds a claim on `anchor` of `article`; returns the edit and the id
    /// the claim will have.
    pub fn add_claim(
        project: &Project,
        article: ArticleId,
        anchor: Anchor,
        info: ClaimInfo,
        stamp: &Stamp,
    ) -> (Edit, ClaimId) {
        let mut ids = project.next_ids.clone();
        let claim = new_claim(ids.take_claim(), article, anchor, info, stamp);
        let id = claim.id;
        let bundle = Bundle {
            claims: vec![claim],
            ..Bundle::default()
        };
        (Edit::Insert(Box::new(bundle)), id)
    }

    /// Links two existing claims.
    pub fn add_link(
        project: &Project,
        claim: ClaimId,
        response: ClaimId,
        info: LinkInfo,
        stamp: &Stamp,
    ) -> (Edit, LinkId) {
        let mut ids = project.next_ids.clone();
        let link = new_link(ids.take_link(), claim, response, info, stamp);
        let id = link.id;
        let bundle = Bundle {
            links: vec![link],
            ..Bundle::default()
        };
        (Edit::Insert(Box::new(bundle)), id)
    }

    /// Marks a response span and links `claim` to it, as one step.
    pub fn add_response(
        project: &Project,
        claim: ClaimId,
        response_at: (ArticleId, Anchor),
        response_info: ClaimInfo,
        link_info: LinkInfo,
        stamp: &Stamp,
    ) -> (Edit, ClaimId, LinkId) {
        let mut ids = project.next_ids.clone();
        let (article, anchor) = response_at;
        let response = new_claim(ids.take_claim(), article, anchor, response_info, stamp);
        let link = new_link(ids.take_link(), claim, response.id, link_info, stamp);
        let (response_id, link_id) = (response.id, link.id);
        let bundle = Bundle {
            claims: vec![response],
            links: vec![link],
            ..Bundle::default()
        };
        (Edit::Insert(Box::new(bundle)), response_id, link_id)
    }

    /// Takes back the rejection of a suggested response: the span may be
    /// suggested again for its claim.
    pub fn restore_candidate(rejected: RejectedCandidate) -> Edit {
        Edit::Rejections {
            reject: Vec::new(),
            restore: vec![rejected],
        }
    }

    /// Deletes a claim and its links.
    pub fn delete_claim(claim: ClaimId) -> Edit {
        Edit::Delete(RecordIds::claim(claim))
    }

    pub fn delete_link(link: LinkId) -> Edit {
        Edit::Delete(RecordIds::link(link))
    }

    /// Sets a claim's speaker, via, note and tags.
    pub fn set_claim_info(
        project: &Project,
        claim: ClaimId,
        info: ClaimInfo,
        stamp: &Stamp,
    ) -> Result<Edit, EditError> {
        change_claim(project, claim, stamp, |c| c.info = info)
    }

    /// Gives a claim a new place in its article (re-attaching a claim lost
    /// when its text changed); the review flag goes.
    pub fn move_claim(
        project: &Project,
        claim: ClaimId,
        anchor: Anchor,
        stamp: &Stamp,
    ) -> Result<Edit, EditError> {
        change_claim(project, claim, stamp, |c| {
            c.anchor = anchor;
            c.review = None;
        })
    }

    /// Confirms a claim's place after its article text changed (clears the
    /// review flag).
    pub fn confirm_claim_position(
        project: &Project,
        claim: ClaimId,
        stamp: &Stamp,
    ) -> Result<Edit, EditError> {
        change_claim(project, claim, stamp, |c| c.review = None)
    }

    /// Sets a link's status (Draft, Curated, Rejected).
    pub fn set_link_status(
        project: &Project,
        link: LinkId,
        status: Status,
        stamp: &Stamp,
    ) -> Result<Edit, EditError> {
        change_link(project, link, stamp, |l| l.info.status = status)
    }

    /// Sets a link's relation, status and note.
    pub fn set_link_info(
        project: &Project,
        link: LinkId,
        info: LinkInfo,
        stamp: &Stamp,
    ) -> Result<Edit, EditError> {
        change_link(project, link, stamp, |l| l.info = info)
    }
}

/// The claim as `change` leaves it, stamped, as a `ReplaceClaim`.
fn change_claim(
    project: &Project,
    claim: ClaimId,
    stamp: &Stamp,
    change: impl FnOnce(&mut Claim),
) -> Result<Edit, EditError> {
    let mut changed = project
        .claim(claim)
        .ok_or(EditError::UnknownClaim(claim))?
        .clone();
    change(&mut changed);
    changed.mark_changed(stamp);
    Ok(Edit::ReplaceClaim(Box::new(changed)))
}

/// The link as `change` leaves it, stamped, as a `ReplaceLink`.
fn change_link(
    project: &Project,
    link: LinkId,
    stamp: &Stamp,
    change: impl FnOnce(&mut Link),
) -> Result<Edit, EditError> {
    let mut changed = project
        .link(link)
        .ok_or(EditError::UnknownLink(link))?
        .clone();
    change(&mut changed);
    changed.mark_changed(stamp);
    Ok(Edit::ReplaceLink(Box::new(changed)))
}

pub(super) fn new_claim(
    id: ClaimId,
    article: ArticleId,
    anchor: Anchor,
    info: ClaimInfo,
    stamp: &Stamp,
) -> Claim {
    Claim {
        id,
        article,
        anchor,
        info,
        analyst: stamp.analyst.clone(),
        created: stamp.at,
        modified: stamp.at,
        modified_by: None,
        review: None,
        repeat_of: None,
    }
}

pub(super) fn new_link(
    id: LinkId,
    claim: ClaimId,
    response: ClaimId,
    info: LinkInfo,
    stamp: &Stamp,
) -> Link {
    Link {
        id,
        claim,
        response,
        info,
        analyst: stamp.analyst.clone(),
        created: stamp.at,
        modified: stamp.at,
        modified_by: None,
    }
}
