//! The project file as it is on disk now, its content hash, and the
//! start-up rule that compares it with what a recovery copy's changes
//! began from.
//!
//! Content hashes are `x3:` and the file's xxh3-128 as 32 hex digits:
//! hashing is then bound by reading the file (the 64-bit FNV-1a of older
//! builds went byte by byte, about 50 ms on a 33 MB project). Hashes older
//! builds stored in recovery copies (16 hex digits, FNV-1a as
//! [`crate::model::content_hash_bytes`]) still compare correctly: a file
//! is hashed the old way to compare it with one, and a copy's old hashes
//! that describe its project file as it is now are brought to today's
//! form when the copy is read ([`update_old_hashes`]).

use std::fs::{self, File};
use std::io::Read;
use std::path::Path;

use chrono::{DateTime, Utc};
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use super::{Base, DiskState, RecoveryMeta, RestoreDecision};
use crate::model::content_hash_bytes;

const XXH3_PREFIX: &str = "x3:";

/// The rule for start-up: restore only over the project file the copy's
/// changes were made to, exactly as it was; otherwise ask.
pub fn restore_decision(meta: &RecoveryMeta, now: Option<&DiskState>) -> RestoreDecision {
    if meta.unsaved_changes == 0 {
        return RestoreDecision::Discard;
    }
    let base = match &meta.base {
        Base::Unrecorded => meta.disk.as_ref().map(|d| d.content_hash.as_str()),
        Base::NoFile => None,
        Base::File { content_hash } => Some(content_hash.as_str()),
    };
    match (base, now) {
        (None, None) => RestoreDecision::Offer,
        (None, Some(_)) => RestoreDecision::AskProjectChanged,
        (Some(_), None) => RestoreDecision::AskProjectMissing,
        (Some(then), Some(now)) if then == now.content_hash => RestoreDecision::Offer,
        (Some(_), Some(_)) => RestoreDecision::AskProjectChanged,
    }
}

/// The state of a file on disk, or `None` if it does not exist.
pub fn disk_state(path: &Path) -> std::io::Result<Option<DiskState>> {
    let Some((len, hash)) = xxh3_of_file(path)? else {
        return Ok(None);
    };
    let modified_ms = fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(|t| DateTime::<Utc>::from(t).timestamp_millis());
    Ok(Some(DiskState {
        modified_ms,
        len,
        content_hash: hash_from_xxh3(hash),
    }))
}

/// Content hash of a file, or `None` if it does not exist.
pub fn file_hash(path: &Path) -> std::io::Result<Option<String>> {
    Ok(xxh3_of_file(path)?.map(|(_, hash)| hash_from_xxh3(hash)))
}

/// True when the file's content is no longer the one hashed as
/// `known_hash` (changed by another program, or deleted): check this before
/// every save and ask before overwriting. A hash an older build stored is
/// compared with the file hashed the old way.
pub fn file_changed_since(path: &Path, known_hash: &str) -> std::io::Result<bool> {
    if !is_old_hash(known_hash) {
        return Ok(file_hash(path)?.as_deref() != Some(known_hash));
    }
    Ok(read_if_there(path)?.is_none_or(|bytes| content_hash_bytes(&bytes) != known_hash))
}

/// The content hash of `bytes` (of a file as it was read or written).
pub fn hash_bytes(bytes: &[u8]) -> String {
    hash_from_xxh3(xxh3_128(bytes))
}

/// The content hash of a file whose xxh3-128 is `hash` (as the project
/// cache computes it while loading, so the file is read once).
pub fn hash_from_xxh3(hash: u128) -> String {
    format!("{XXH3_PREFIX}{hash:032x}")
}

/// True for a content hash as builds before `x3:` stored it.
fn is_old_hash(hash: &str) -> bool {
    hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Length and xxh3-128 of the file at `path`, read in chunks (a big file is
/// never held whole), or `None` if it does not exist.
pub fn xxh3_of_file(path: &Path) -> std::io::Result<Option<(u64, u128)>> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    let mut hasher = Xxh3::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut len = 0u64;
    loop {
        let read = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        hasher.update(&buffer[..read]);
        len += read as u64;
    }
    Ok(Some((len, hasher.digest128())))
}

fn read_if_there(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// Brings the old hashes of a copy's metadata (base, disk state) that
/// describe its project file as it is now to today's form, so they compare
/// equal to the file's hash as they did in the build that wrote them.
/// Old hashes of another content are left: they equal no hash of today's
/// form, as the file is not that content. Reads the file only when the
/// copy holds an old hash.
pub(super) fn update_old_hashes(meta: &mut RecoveryMeta) {
    let Some(path) = meta.project_path.as_deref() else {
        return;
    };
    let mut hashes: Vec<&mut String> = Vec::new();
    if let Base::File { content_hash } = &mut meta.base {
        hashes.push(content_hash);
    }
    if let Some(disk) = &mut meta.disk {
        hashes.push(&mut disk.content_hash);
    }
    hashes.retain(|hash| is_old_hash(hash));
    if hashes.is_empty() {
        return;
    }
    let Ok(Some(bytes)) = read_if_there(Path::new(path)) else {
        return;
    };
    let (old, new) = (content_hash_bytes(&bytes), hash_bytes(&bytes));
    for hash in hashes {
        if **hash == old {
            hash.clone_from(&new);
        }
    }
}
