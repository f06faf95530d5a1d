//! What a panel asks the window to do. Panels push [`Action`]s while they
//! are drawn; after drawing, the app handles them in the order pushed, in one
//! place (`ui/app`). This module sits below the panels: they depend on it and
//! on the model, never on the app.

use std::ops::Range;
use std::path::PathBuf;

use crate::model::{ArticleId, ClaimId, Edit, LinkId, Relation};
use crate::ui::commands::Command;

/// One request from a panel, a window or a key press.
#[derive(Clone, Debug)]
pub enum Action {
    Edit(Edit),
    SelectClaim(Option<ClaimId>),
    SelectLink(Option<LinkId>),
    OpenArticle(ArticleId),
    JumpTo {
        article: ArticleId,
        range: Range<usize>,
    },
    JumpToClaim(ClaimId),
    Command(Command),
    LinkExisting {
        claim: ClaimId,
        response: ClaimId,
        relation: Relation,
    },
    OpenRecent(PathBuf),
    Notify(String),
}
