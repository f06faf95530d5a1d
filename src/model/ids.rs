//! Stable identifiers that never collide across copies of a project.
//!
//! An id is a **sequence number** plus a **replica tag** (Lamport-style):
//! the number comes from the project's counters ([`NextIds`]), the tag is
//! drawn at random once per process ([`Replica::session`]). Two analysts who
//! copy one project and each add a claim both take sequence number 14, but
//! with different tags (`c14-k3m9qz`, `c14-7hd2wa`), so a three-way merge by
//! id never confuses their records. Counters only grow (a merge keeps the
//! larger), so new ids still sort after every id in the project and records
//! stay in creation order in the file.
//!
//! Ids of version-1 files carry no tag (tag 0) and keep displaying as
//! `c12`. An id is handed out once and never again, even after the thing it
//! named is deleted.
//!
//! Everywhere outside this module an id is opaque: use `Display`, `FromStr`,
//! `Ord` and `Hash`, and [`Project::resolve_claim`](super::Project) and
//! friends for ids typed by a person (`c14` when only one `c14-…` exists).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

/// The random part of an id: 30 bits, written as six lowercase Crockford
/// base-32 characters (`k3m9qz`). 30 bits fill six characters exactly; two
/// sessions that start from one base collide only if they draw the same tag
/// (one chance in a billion per pair), and even then only on ids both take.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Replica(u32);

/// Crockford's base-32 alphabet (no i, l, o, u: nothing to misread).
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
const TAG_CHARS: usize = 6;
const TAG_BITS: u32 = 5 * TAG_CHARS as u32;
const TAG_MASK: u32 = (1 << TAG_BITS) - 1;

/// The environment variable that pins the session's tag, for reproducible
/// output (`saves/make-demo.sh`, tests). `0` gives untagged ids, as in
/// version-1 files: only for a single writer.
pub const REPLICA_ENV: &str = "RIPOSTE_REPLICA";

impl Replica {
    /// No tag: ids of version-1 files.
    pub const NONE: Replica = Replica(0);

    /// The tag of this process: `RIPOSTE_REPLICA` when set to a valid tag,
    /// else drawn at random on first use. The same for the whole process.
    pub fn session() -> Replica {
        static SESSION: OnceLock<Replica> = OnceLock::new();
        *SESSION.get_or_init(|| {
            std::env::var(REPLICA_ENV)
                .ok()
                .and_then(|text| Replica::parse(&text))
                .unwrap_or_else(Replica::random)
        })
    }

    /// A fresh random tag, never [`Replica::NONE`].
    pub fn random() -> Replica {
        loop {
            let drawn = getrandom::u32().unwrap_or_else(|_| fallback_entropy()) & TAG_MASK;
            if drawn != 0 {
                return Replica(drawn);
            }
        }
    }

    /// Reads a tag written by `Display` (one to six base-32 characters,
    /// any case). `None` for anything else.
    pub fn parse(text: &str) -> Option<Replica> {
        let text = text.trim();
        if text.is_empty() || text.len() > TAG_CHARS {
            return None;
        }
        text.bytes()
            .try_fold(0u32, |value, byte| {
                let digit = ALPHABET
                    .iter()
                    .position(|&c| c == byte.to_ascii_lowercase())?;
                Some(value << 5 | digit as u32)
            })
            .map(Replica)
    }

    pub fn is_none(self) -> bool {
        self == Replica::NONE
    }
}

/// Used only if the operating system's random source fails: the hasher
/// keys std draws per process, mixed with the time and the process id.
fn fallback_entropy() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    if let Ok(since) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(since.as_nanos());
    }
    hasher.finish() as u32
}

impl fmt::Display for Replica {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for place in (0..TAG_CHARS).rev() {
            let digit = (self.0 >> (5 * place)) & 31;
            write!(f, "{}", char::from(ALPHABET[digit as usize]))?;
        }
        Ok(())
    }
}

/// What every id type offers to code that handles records of any kind
/// (file repair, merge, resolving typed ids).
pub trait RecordId:
    Copy + Ord + std::hash::Hash + fmt::Display + fmt::Debug + FromStr<Err = IdParseError>
{
    /// "article", "claim" or "link", for messages.
    const KIND: &'static str;
    fn new(seq: u32, replica: Replica) -> Self;
    fn seq(self) -> u32;
    fn replica(self) -> Replica;
}

macro_rules! id_type {
    ($name:ident, $prefix:literal, $kind:literal, $doc:literal) => {
        #[doc = $doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name {
            // Field order is sort order: by number, then tag.
            seq: u32,
            replica: Replica,
        }

        impl $name {
            /// The letter shown before the number (`c12`, `l4`), so ids of
            /// different kinds cannot be confused in the CLI or the window.
            pub const PREFIX: &'static str = $prefix;

            /// The id with sequence number `seq` and tag `replica`.
            pub const fn new(seq: u32, replica: Replica) -> Self {
                $name { seq, replica }
            }

            /// An id without a tag, as in version-1 files (`c12`).
            pub const fn untagged(seq: u32) -> Self {
                $name::new(seq, Replica::NONE)
            }

            /// The sequence number (for id counters and file repair only).
            pub const fn seq(self) -> u32 {
                self.seq
            }

            pub const fn replica(self) -> Replica {
                self.replica
            }
        }

        impl RecordId for $name {
            const KIND: &'static str = $kind;
            fn new(seq: u32, replica: Replica) -> Self {
                $name::new(seq, replica)
            }
            fn seq(self) -> u32 {
                self.seq
            }
            fn replica(self) -> Replica {
                self.replica
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}{}", $prefix, self.seq)?;
                if !self.replica.is_none() {
                    write!(f, "-{}", self.replica)?;
                }
                Ok(())
            }
        }

        impl FromStr for $name {
            type Err = IdParseError;

            /// Accepts `c12`, `C12`, plain `12` and tagged `c12-k3m9qz`.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                parse_id(s, $prefix)
                    .map(|(seq, replica)| $name::new(seq, replica))
                    .ok_or_else(|| IdParseError {
                        kind: stringify!($name),
                        text: s.to_string(),
                    })
            }
        }

        /// Written as its display form (`"c12"`, `"c14-k3m9qz"`), so the
        /// file shows what the window and the CLI show.
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        /// Reads the display form, or a bare number (version-1 files) as
        /// an untagged id.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(IdVisitor::<$name>(std::marker::PhantomData))
            }
        }
    };
}

id_type!(
    ArticleId,
    "a",
    "article",
    "Identifies an article within a project."
);
id_type!(
    ClaimId,
    "c",
    "claim",
    "Identifies a claim (a marked span) within a project."
);
id_type!(
    LinkId,
    "l",
    "link",
    "Identifies a link (a claim → response pair) within a project."
);

/// `c12`, `C12`, `12`, `c12-k3m9qz` → (12, tag).
fn parse_id(text: &str, prefix: &str) -> Option<(u32, Replica)> {
    let trimmed = text.trim();
    let rest = match trimmed.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => &trimmed[prefix.len()..],
        _ => trimmed,
    };
    let (digits, tag) = match rest.split_once('-') {
        Some((digits, tag)) => (digits, Replica::parse(tag)?),
        None => (rest, Replica::NONE),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, tag))
}

struct IdVisitor<I>(std::marker::PhantomData<I>);

impl<I: RecordId> serde::de::Visitor<'_> for IdVisitor<I> {
    type Value = I;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a {} id such as \"{}\"",
            I::KIND,
            I::new(12, Replica::NONE)
        )
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<I, E> {
        u32::try_from(value)
            .map(|seq| I::new(seq, Replica::NONE))
            .map_err(|_| E::custom(format!("{} id {value} is too large", I::KIND)))
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<I, E> {
        u64::try_from(value)
            .map_err(|_| E::custom(format!("{} id {value} is negative", I::KIND)))
            .and_then(|value| self.visit_u64(value))
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<I, E> {
        text.parse().map_err(E::custom)
    }
}

/// An id string that does not name an id of the expected kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' is not a valid {kind} (expected an id such as c12, c12-k3m9qz or 12)")]
pub struct IdParseError {
    pub kind: &'static str,
    pub text: String,
}

/// An id typed by a person that names no record, or several.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("{kind} {id} does not exist")]
    Unknown { kind: &'static str, id: String },
    #[error("{kind} {id} is ambiguous: it could be {}", candidates.join(", "))]
    Ambiguous {
        kind: &'static str,
        id: String,
        candidates: Vec<String>,
    },
}

/// Finds the record a typed id means among `existing` (sorted by id): the
/// exact id if present; else, for an id typed without a tag (`c14`), the
/// only id with that number (`c14-k3m9qz`).
pub fn resolve<I: RecordId>(
    wanted: I,
    existing: impl Iterator<Item = I>,
) -> Result<I, ResolveError> {
    let same_number: Vec<I> = existing.filter(|id| id.seq() == wanted.seq()).collect();
    if same_number.contains(&wanted) {
        return Ok(wanted);
    }
    match (wanted.replica().is_none(), same_number.as_slice()) {
        (true, [only]) => Ok(*only),
        (true, [_, _, ..]) => Err(ResolveError::Ambiguous {
            kind: I::KIND,
            id: wanted.to_string(),
            candidates: same_number.iter().map(ToString::to_string).collect(),
        }),
        _ => Err(ResolveError::Unknown {
            kind: I::KIND,
            id: wanted.to_string(),
        }),
    }
}

/// The next sequence number of each kind. Stored in the project file so
/// that ids stay unique across sessions, deletes and undo; a merge keeps
/// the larger of each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextIds {
    pub article: u32,
    pub claim: u32,
    pub link: u32,
}

impl Default for NextIds {
    fn default() -> Self {
        NextIds {
            article: 1,
            claim: 1,
            link: 1,
        }
    }
}

/// Hands out `counter` and advances it. At `u32::MAX` the counter stays:
/// the id after it would repeat, and inserting it is refused as "in use"
/// instead of wrapping around or panicking.
fn take<I: RecordId>(counter: &mut u32) -> I {
    let id = I::new(*counter, Replica::session());
    *counter = counter.saturating_add(1);
    id
}

/// Moves `counter` past `id`, so later ids sort after it.
fn make_room(counter: &mut u32, id: impl RecordId) {
    *counter = (*counter).max(id.seq().saturating_add(1));
}

impl NextIds {
    /// Hands out the next article id (on a copy of the project's counters,
    /// when building an edit; applying the edit advances the real ones).
    pub fn take_article(&mut self) -> ArticleId {
        take(&mut self.article)
    }

    pub fn take_claim(&mut self) -> ClaimId {
        take(&mut self.claim)
    }

    pub fn take_link(&mut self) -> LinkId {
        take(&mut self.link)
    }

    /// Keeps the counters above ids that were added (by an insert, an
    /// undo or a merge).
    pub fn make_room_for_article(&mut self, id: ArticleId) {
        make_room(&mut self.article, id);
    }

    pub fn make_room_for_claim(&mut self, id: ClaimId) {
        make_room(&mut self.claim, id);
    }

    pub fn make_room_for_link(&mut self, id: LinkId) {
        make_room(&mut self.link, id);
    }

    /// The larger counter of each kind (a merge of two copies).
    pub fn max(&self, other: &NextIds) -> NextIds {
        NextIds {
            article: self.article.max(other.article),
            claim: self.claim.max(other.claim),
            link: self.link.max(other.link),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(text: &str) -> Replica {
        Replica::parse(text).expect("valid tag")
    }

    #[test]
    fn ids_display_with_prefix_and_parse_both_forms() {
        assert_eq!(ClaimId::untagged(12).to_string(), "c12");
        assert_eq!("c12".parse::<ClaimId>(), Ok(ClaimId::untagged(12)));
        assert_eq!("C12".parse::<ClaimId>(), Ok(ClaimId::untagged(12)));
        assert_eq!("12".parse::<ClaimId>(), Ok(ClaimId::untagged(12)));
        assert!("l12".parse::<ClaimId>().is_err());
        assert!("".parse::<LinkId>().is_err());
        assert!("c".parse::<ClaimId>().is_err());
        assert!("c+12".parse::<ClaimId>().is_err());
    }

    #[test]
    fn tagged_ids_round_trip_through_text() {
        let id = ClaimId::new(14, tag("k3m9qz"));
        assert_eq!(id.to_string(), "c14-k3m9qz");
        assert_eq!("c14-k3m9qz".parse::<ClaimId>(), Ok(id));
        assert_eq!("C14-K3M9QZ".parse::<ClaimId>(), Ok(id));
        assert_eq!(LinkId::new(2, tag("1")).to_string(), "l2-000001");
        assert!("c14-".parse::<ClaimId>().is_err());
        assert!(
            "c14-k3m9qzz".parse::<ClaimId>().is_err(),
            "seven characters"
        );
        assert!(
            "c14-ilou".parse::<ClaimId>().is_err(),
            "not in the alphabet"
        );
        assert!("c-k3m9qz".parse::<ClaimId>().is_err());
    }

    #[test]
    fn every_tag_round_trips_and_random_tags_are_never_none() {
        for value in [1, 31, 32, 0x2aaa_aaaa, TAG_MASK] {
            let replica = Replica(value);
            assert_eq!(Replica::parse(&replica.to_string()), Some(replica));
            assert_eq!(replica.to_string().len(), TAG_CHARS);
        }
        for _ in 0..100 {
            let drawn = Replica::random();
            assert!(!drawn.is_none() && drawn.0 <= TAG_MASK);
        }
    }

    #[test]
    fn ids_sort_by_number_then_tag() {
        let mut ids = [
            ClaimId::new(3, tag("b")),
            ClaimId::untagged(10),
            ClaimId::new(3, tag("a")),
            ClaimId::untagged(3),
        ];
        ids.sort();
        let shown: Vec<String> = ids.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["c3", "c3-00000a", "c3-00000b", "c10"]);
    }

    #[test]
    fn ids_serialise_as_text_and_read_bare_numbers_as_untagged() {
        let id = ClaimId::new(14, tag("k3m9qz"));
        assert_eq!(ron::to_string(&id).expect("ron"), "\"c14-k3m9qz\"");
        assert_eq!(ron::from_str::<ClaimId>("\"c14-k3m9qz\""), Ok(id));
        assert_eq!(ron::from_str::<ClaimId>("7"), Ok(ClaimId::untagged(7)));
        assert!(ron::from_str::<ClaimId>("-7").is_err());
        assert!(ron::from_str::<ClaimId>("4294967296").is_err());
        assert!(ron::from_str::<ClaimId>("\"l7\"").is_err());
    }

    #[test]
    fn short_ids_resolve_when_unambiguous() {
        let one = ClaimId::new(14, tag("k3m9qz"));
        let other = ClaimId::new(14, tag("7hd2wa"));
        let plain = ClaimId::untagged(15);
        let ids = [one, plain];
        assert_eq!(resolve(ClaimId::untagged(14), ids.into_iter()), Ok(one));
        assert_eq!(resolve(one, ids.into_iter()), Ok(one));
        assert_eq!(resolve(plain, ids.into_iter()), Ok(plain));
        assert!(matches!(
            resolve(other, ids.into_iter()),
            Err(ResolveError::Unknown { .. })
        ));
        let both = [one, other];
        let error = resolve(ClaimId::untagged(14), both.into_iter()).expect_err("two c14");
        assert!(error.to_string().contains("c14-k3m9qz"), "{error}");
        assert!(matches!(
            resolve(ClaimId::untagged(16), both.into_iter()),
            Err(ResolveError::Unknown { .. })
        ));
    }

    #[test]
    fn counters_never_overflow() {
        let mut next = NextIds {
            claim: u32::MAX - 1,
            ..NextIds::default()
        };
        assert_eq!(next.take_claim().seq(), u32::MAX - 1);
        assert_eq!(next.take_claim().seq(), u32::MAX);
        assert_eq!(next.take_claim().seq(), u32::MAX, "stays, never wraps");
        next.make_room_for_claim(ClaimId::untagged(u32::MAX));
        assert_eq!(next.claim, u32::MAX);
    }
}
