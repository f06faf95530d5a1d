//! The project as data and its rules. Nothing here knows about egui or files.
//!
//! Every change goes through [`Edit`] and [`History::apply`]; the rest of the
//! program reads a `&Project` and never mutates it directly.

mod agreement;
mod anchor;
mod build;
mod changes;
mod chunked;
mod claim_text;
mod conflict;
mod decisions;
mod edit;
mod edit_label;
mod history;
mod ids;
mod index;
mod lint;
mod locate;
mod merge;
mod meta_field;
mod pair_rows;
mod pair_view;
mod pairs;
mod project;
mod quote_match;
mod reanchor;
mod relation;
mod response_times;
mod review;
mod search;
mod shared;
mod step;
mod stories;
pub mod suggest;
mod text;
mod text_order;
mod text_sort;
mod timeline;
mod timeline_density;

pub use agreement::{
    Agreement, Alpha, Counts, Curated, DEFAULT_OVERLAP, DecideError, PairOfCopies, PairUnit,
    Relations, agreement, curate, decide_disagreement, pair_units_of, stats,
};
pub use anchor::{Anchor, AnchorError, CONTEXT_CHARS};
pub use build::Stamp;
pub use changes::Touched;
pub use claim_text::{ClaimNeedle, ClaimText, ClaimTexts, flatten};
pub use conflict::{ConflictError, Side, resolve_conflict};
pub use decisions::{Choice, Conflict, ConflictKind, ConflictSide, Disagreement, RecordRef};
pub use edit::{Bundle, Dependents, Edit, EditError, RecordIds, apply, apply_indexed};
pub use history::{DEFAULT_MEMORY_LIMIT, History, HistoryEntry};
pub use ids::{
    ArticleId, ClaimId, IdParseError, LinkId, NextIds, REPLICA_ENV, RecordId, Replica, ResolveError,
};
pub use index::{ArticleCounts, ClaimRole, ProjectIndex};
pub use lint::{Warning, introduced, links_written, lint, pair_warnings_for};
pub use merge::{Merged, edit_between, merge, merge_without_base};
pub use pair_rows::{PairRow, PairRows, RowSide};
pub use pair_view::{PairQuery, PairSort, PairView};
pub use pairs::{Pair, PairSide, StatusFilter};
pub use project::{
    Article, ArticleMeta, Claim, ClaimInfo, Link, LinkInfo, MetaField, Problem, Project, Published,
    RejectedCandidate, Relation, Review, Status,
};
pub use quote_match::{Closest, Difference, QuoteMatch, QuoteMatchError, Tolerance, match_quote};
pub use reanchor::{Outcome, REVIEW_BELOW, Reanchored, edit_article_text, reanchor, summarise};
pub use response_times::{Overdue, ResponseTimes, SpeakerTimes, by_speaker, link_days};
pub use review::{ReviewReason, repair_claim};
pub use search::{SearchHit, SearchIndex, lowercase_into};
pub use shared::{Shared, shared};
pub use stories::{Stories, Story, claim_published, joins};
pub use text::{
    byte_to_char_index, char_to_byte_index, content_hash, content_hash_bytes, find_occurrences,
    floor_char_boundary, utf16_len,
};
pub use timeline::{LaneBy, TimeArrow, TimePoint, Timeline, TimelineFilter, UNDATED_LANE};
pub use timeline_density::{Bucket, DAY_SECONDS, Density};
