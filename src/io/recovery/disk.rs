//! The project file as it is on disk now, and the start-up rule that
//! compares it with what a recovery copy's changes began from.

use std::fs;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::{Base, DiskState, RecoveryMeta, RestoreDecision};

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
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    let modified_ms = fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(|t| DateTime::<Utc>::from(t).timestamp_millis());
    Ok(Some(DiskState {
        modified_ms,
        len: bytes.len() as u64,
        content_hash: hash_bytes(&bytes),
    }))
}

/// Content hash of a file, or `None` if it does not exist.
pub fn file_hash(path: &Path) -> std::io::Result<Option<String>> {
    Ok(disk_state(path)?.map(|state| state.content_hash))
}

/// True when the file's content is no longer the one hashed as
/// `known_hash` (changed by another program, or deleted): check this before
/// every save and ask before overwriting.
pub fn file_changed_since(path: &Path, known_hash: &str) -> std::io::Result<bool> {
    Ok(file_hash(path)?.as_deref() != Some(known_hash))
}

/// 64-bit FNV-1a of bytes as 16 hex digits (the same function as the
/// model's article content hash, over raw bytes).
pub fn hash_bytes(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}
