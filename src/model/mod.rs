//! The project as data and its rules. Nothing here knows about egui or files.
//!
//! Every change goes through [`Edit`] and [`History::apply`]; the rest of the
//! program reads a `&Project` and never mutates it directly.

mod anchor;
mod build;
mod changes;
mod edit;
mod history;
mod ids;
mod index;
mod lint;
mod locate;
mod meta_field;
mod pair_rows;
mod pair_view;
mod pairs;
mod project;
mod quote_match;
mod reanchor;
mod response_times;
mod review;
mod search;
mod step;
mod stories;
mod text;
mod timeline;
mod timeline_density;

pub use anchor::{Anchor, AnchorError, CONTEXT_CHARS};
pub use build::Stamp;
pub use changes::Touched;
pub use edit::{Bundle, Edit, EditError, RecordIds, apply};
pub use history::{DEFAULT_MEMORY_LIMIT, History, HistoryEntry};
pub use ids::{
    ArticleId, ClaimId, IdParseError, LinkId, NextIds, REPLICA_ENV, RecordId, Replica, ResolveError,
};
pub use index::{ArticleCounts, ClaimRole, ProjectIndex};
pub use lint::{Warning, introduced, lint};
pub use pair_rows::{PairRow, PairRows, RowSide};
pub use pair_view::{PairQuery, PairSort, PairView};
pub use pairs::{Pair, PairSide, StatusFilter};
pub use project::{
    Article, ArticleMeta, Claim, ClaimInfo, Link, LinkInfo, MetaField, Problem, Project, Published,
    Relation, Review, Status,
};
pub use quote_match::{Closest, Difference, QuoteMatch, QuoteMatchError, Tolerance, match_quote};
pub use reanchor::{Outcome, REVIEW_BELOW, Reanchored, edit_article_text, reanchor, summarise};
pub use response_times::{Overdue, ResponseTimes, SpeakerTimes, by_speaker, link_days};
pub use review::{ReviewReason, repair_claim};
pub use search::{SearchHit, SearchIndex};
pub use stories::{Stories, Story, claim_published, joins};
pub use text::{
    byte_to_char_index, char_to_byte_index, content_hash, content_hash_bytes, find_occurrences,
    floor_char_boundary, utf16_len,
};
pub use timeline::{LaneBy, TimeArrow, TimePoint, Timeline, TimelineFilter, UNDATED_LANE};
pub use timeline_density::{Bucket, DAY_SECONDS, Density};
