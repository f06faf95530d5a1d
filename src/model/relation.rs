//! How a response relates to the claim it answers, and where a link stands
//! in curation: the two vocabularies of a pair.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How a response relates to the claim it answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Relation {
    /// Says it did not happen or was not said.
    Denies,
    /// Argues or shows it is false.
    Refutes,
    /// Asserts something incompatible without answering it directly.
    Contradicts,
    /// Amends part of it.
    Corrects,
    /// The source withdraws it.
    Retracts,
    /// Confirms it.
    Supports,
}

impl Relation {
    pub const ALL: [Relation; 6] = [
        Relation::Denies,
        Relation::Refutes,
        Relation::Contradicts,
        Relation::Corrects,
        Relation::Retracts,
        Relation::Supports,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Relation::Denies => "Denies",
            Relation::Refutes => "Refutes",
            Relation::Contradicts => "Contradicts",
            Relation::Corrects => "Corrects",
            Relation::Retracts => "Retracts",
            Relation::Supports => "Supports",
        }
    }

    /// A short explanation for tooltips and help.
    pub fn meaning(self) -> &'static str {
        match self {
            Relation::Denies => "says it did not happen or was not said",
            Relation::Refutes => "argues or shows it is false",
            Relation::Contradicts => "asserts something incompatible without answering it",
            Relation::Corrects => "amends part of it",
            Relation::Retracts => "the source withdraws it",
            Relation::Supports => "confirms it",
        }
    }

    /// Parses a relation name, case-insensitively.
    pub fn parse(text: &str) -> Option<Relation> {
        Relation::ALL
            .into_iter()
            .find(|r| r.name().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Curation state of a link.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Status {
    #[default]
    Draft,
    Curated,
    Rejected,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Draft, Status::Curated, Status::Rejected];

    pub fn name(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::Curated => "Curated",
            Status::Rejected => "Rejected",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(text.trim()))
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
