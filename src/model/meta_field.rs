//! Which details of an article's metadata import only guessed.

use serde::{Deserialize, Serialize};

/// A detail of an article's metadata, as named in [`ArticleMeta::uncertain`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MetaField {
    Title,
    Outlet,
    Published,
}

impl MetaField {
    /// The field's name as the window shows it.
    pub fn label(self) -> &'static str {
        match self {
            MetaField::Title => "title",
            MetaField::Outlet => "outlet",
            MetaField::Published => "date",
        }
    }
}
