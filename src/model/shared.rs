//! Records kept behind `Arc`s, so that a snapshot of a project (for a
//! save, an autosave, an export, a job) copies pointers, not records: on
//! 40,000 claims a clone of the records took 16–46 ms of the window's
//! frame; the pointers take well under a millisecond. An edit changes one
//! record through [`Arc::make_mut`], which copies that record only when a
//! snapshot still holds it.
//!
//! Serialised as a plain sequence of records, so files are unchanged.
//! (Serde's `rc` feature would do the same, but turning a feature of serde
//! on rebuilds every crate that uses serde.)

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeSeq, Serializer};

/// A list of records, each shared.
pub type Shared<T> = Vec<Arc<T>>;

/// Shares each record of `records`.
pub fn shared<T>(records: impl IntoIterator<Item = T>) -> Shared<T> {
    records.into_iter().map(Arc::new).collect()
}

pub fn serialize<S: Serializer, T: Serialize>(
    records: &Shared<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(records.len()))?;
    for record in records {
        seq.serialize_element(&**record)?;
    }
    seq.end()
}

pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Shared<T>, D::Error> {
    deserializer.deserialize_seq(Records(PhantomData))
}

struct Records<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Records<T> {
    type Value = Shared<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shared<T>, A::Error> {
        // The hint is capped: a damaged length must not reserve gigabytes.
        let mut records = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some(record) = seq.next_element::<T>()? {
            records.push(Arc::new(record));
        }
        Ok(records)
    }
}
