//! A binary copy of each opened project in the user's cache folder, so that
//! opening a big project costs a hash of the RON file and a binary decode
//! instead of a RON parse (about 3× slower than serde_json on the same data).
//!
//! The RON file stays the only source of truth: a cached copy is used only
//! when its header names the exact bytes of the RON file (length and
//! 128-bit xxh3 hash), this cache schema and this very build of Riposte
//! (size and time of the executable, so a build whose types or checks
//! differ never reads another's copy). Anything else — a missing, stale,
//! torn or undecodable copy — falls back to parsing the RON file, which
//! then writes a fresh copy. Only projects that load without problems are
//! cached, so a hit needs no checks and has none to report.
//!
//! Layout: a 56-byte header, then the project in the cache's own wire form
//! (`io::cache_wire`: positional MessagePack, every field always written).
//! A copy is read whole into memory and decoded from the slice, so each
//! string is copied once, straight into its record.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::UNIX_EPOCH;

use xxhash_rust::xxh3::xxh3_64;

use super::cache_wire;
use super::project_file::{self, LoadError, Loaded, SaveError};
use super::recovery;
use crate::model::Project;

/// Bump when the cached layout changes in a way the build stamp misses.
/// 2: the positional wire form of `io::cache_wire` (1 was named MessagePack).
pub const CACHE_SCHEMA: u32 = 2;
const MAGIC: &[u8; 8] = b"RIPOSTEC";
const HEADER_LEN: usize = 56;
/// Copies kept; the least recently written beyond this are removed.
const KEEP_COPIES: usize = 16;
const EXTENSION: &str = "rpcache";
/// Below this RON file size, a fetch hashes and decodes on one thread:
/// starting threads would cost more than they save.
const PARALLEL_FROM_BYTES: u64 = 4 << 20;

/// Identifies the RON bytes and the build a copy was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Header {
    schema: u32,
    build: (u64, u64),
    ron_len: u64,
    ron_hash: u128,
}

/// A folder of cached projects.
#[derive(Clone, Debug)]
pub struct ProjectCache {
    dir: PathBuf,
}

impl ProjectCache {
    /// A cache in `dir` (created when first written).
    pub fn at(dir: impl Into<PathBuf>) -> ProjectCache {
        ProjectCache { dir: dir.into() }
    }

    /// The platform's cache folder (`$XDG_CACHE_HOME/riposte/projects`,
    /// `~/Library/Caches/riposte/projects`, `%LOCALAPPDATA%\riposte\projects`).
    pub fn user() -> Option<ProjectCache> {
        dirs::cache_dir().map(|dir| ProjectCache::at(dir.join("riposte").join("projects")))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Loads `path` from its cached copy when the copy matches the file,
    /// else from the RON file (then caches it). Errors are the RON load's:
    /// the cache never makes a load fail.
    pub fn load(&self, path: &Path) -> Result<Loaded, LoadError> {
        self.load_hashed(path).map(|(loaded, _)| loaded)
    }

    /// [`ProjectCache::load`], with the xxh3-128 hash of the bytes the
    /// project was read from: a hit hashed the file to check the copy, a
    /// parse hashes the text it parsed, so the file is read and hashed once
    /// (the window's change watch starts from this hash).
    pub fn load_hashed(&self, path: &Path) -> Result<(Loaded, u128), LoadError> {
        if let Some((project, ron_hash)) = self.fetch_hashed(path) {
            let loaded = Loaded {
                project,
                problems: Vec::new(),
            };
            return Ok((loaded, ron_hash));
        }
        let text = project_file::read_text(path)?;
        let loaded = project_file::load_str(&text, &path.display().to_string())?;
        let header = Header::for_bytes(text.as_bytes());
        // Not held while the copy is written: at 10× the text is 336 MB.
        drop(text);
        if loaded.problems.is_empty() {
            // A cache that cannot be written only costs speed next time.
            let _ = self.write(path, &header, &loaded.project);
        }
        Ok((loaded, header.ron_hash))
    }

    /// Saves `project` to `path` (atomically, as `project_file::save`) and
    /// caches it, so the next open of the file is quick.
    pub fn save(&self, path: &Path, project: &Project) -> Result<(), SaveError> {
        let text = project_file::save_text(path, project)?;
        if project.problems().is_empty() {
            let _ = self.store(path, text.as_bytes(), project);
        }
        Ok(())
    }

    /// The cached copy of `path`, if it describes the file's current bytes.
    ///
    /// The RON file is hashed on another thread while the copy is read and
    /// decoded (opening waits for both); a copy whose header then differs
    /// from the file's is thrown away.
    pub fn fetch(&self, path: &Path) -> Option<Project> {
        self.fetch_hashed(path).map(|(project, _)| project)
    }

    /// [`ProjectCache::fetch`], with the xxh3-128 hash of the file's bytes.
    fn fetch_hashed(&self, path: &Path) -> Option<(Project, u128)> {
        let small = fs::metadata(path).ok()?.len() < PARALLEL_FROM_BYTES;
        if small {
            let expected = Header::for_file(path)?;
            let (header, project) = self.read_copy(path)?;
            return (header == expected).then_some((project, header.ron_hash));
        }
        std::thread::scope(|scope| {
            let hashing = scope.spawn(|| Header::for_file(path));
            let decoded = self.read_copy(path);
            // A panic on the other thread is a bug: pass it on as it was.
            let expected = hashing
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e))?;
            let (header, project) = decoded?;
            (header == expected).then_some((project, header.ron_hash))
        })
    }

    /// The copy of `path` and its header, when the header is this build's
    /// and names a file of `path`'s current length (the hash is checked by
    /// the caller).
    fn read_copy(&self, path: &Path) -> Option<(Header, Project)> {
        let ron_len = fs::metadata(path).ok()?.len();
        let copy = fs::read(self.copy_path(path)).ok()?;
        let header: &[u8; HEADER_LEN] = copy.get(..HEADER_LEN)?.try_into().ok()?;
        let header = Header::decode(header)?;
        let current = Header::new(ron_len, header.ron_hash);
        if header != current {
            return None;
        }
        Some((header, cache_wire::decode(&copy[HEADER_LEN..])?))
    }

    /// Writes the copy of `project`, whose file holds exactly `ron`.
    pub fn store(&self, path: &Path, ron: &[u8], project: &Project) -> std::io::Result<()> {
        self.write(path, &Header::for_bytes(ron), project)
    }

    fn write(&self, path: &Path, header: &Header, project: &Project) -> std::io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let target = self.copy_path(path);
        let temp = target.with_extension(format!("tmp{}", std::process::id()));
        let written = write_copy(&temp, header, project).and_then(|()| fs::rename(&temp, &target));
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
        self.prune();
        written
    }

    /// Where the copy of `path` lives: named by a hash of its full path.
    fn copy_path(&self, path: &Path) -> PathBuf {
        let full = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let name = xxh3_64(full.as_os_str().as_encoded_bytes());
        self.dir.join(format!("{name:016x}.{EXTENSION}"))
    }

    /// Keeps the [`KEEP_COPIES`] most recently written copies.
    fn prune(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let mut copies: Vec<(std::time::SystemTime, PathBuf)> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == EXTENSION))
            .filter_map(|p| Some((fs::metadata(&p).ok()?.modified().ok()?, p)))
            .collect();
        copies.sort_by_key(|c| std::cmp::Reverse(c.0));
        for (_, stale) in copies.into_iter().skip(KEEP_COPIES) {
            let _ = fs::remove_file(stale);
        }
    }
}

/// Loads `path` as [`ProjectCache::load_hashed`] does: through `cache`
/// when there is one, else from the RON file alone (hashing the text it
/// parsed).
pub fn load_hashed(cache: Option<&ProjectCache>, path: &Path) -> Result<(Loaded, u128), LoadError> {
    if let Some(cache) = cache {
        return cache.load_hashed(path);
    }
    let text = project_file::read_text(path)?;
    let loaded = project_file::load_str(&text, &path.display().to_string())?;
    Ok((loaded, Header::for_bytes(text.as_bytes()).ron_hash))
}

fn write_copy(temp: &Path, header: &Header, project: &Project) -> std::io::Result<()> {
    let mut writer = BufWriter::with_capacity(1 << 20, File::create(temp)?);
    writer.write_all(&header.encode())?;
    cache_wire::write(project, &mut writer)?;
    writer.flush()
}

impl Header {
    /// The header a copy of the file at `path` must carry (hashing the file
    /// in chunks, so a big file is never held twice).
    fn for_file(path: &Path) -> Option<Header> {
        let (len, hash) = recovery::xxh3_of_file(path).ok()??;
        Some(Header::new(len, hash))
    }

    fn for_bytes(ron: &[u8]) -> Header {
        // The same hash as `recovery::xxh3_of_file` of a file holding `ron`.
        Header::new(ron.len() as u64, xxhash_rust::xxh3::xxh3_128(ron))
    }

    fn new(ron_len: u64, ron_hash: u128) -> Header {
        Header {
            schema: CACHE_SCHEMA,
            build: build_stamp(),
            ron_len,
            ron_hash,
        }
    }

    fn encode(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[..8].copy_from_slice(MAGIC);
        out[8..12].copy_from_slice(&self.schema.to_le_bytes());
        out[16..24].copy_from_slice(&self.build.0.to_le_bytes());
        out[24..32].copy_from_slice(&self.build.1.to_le_bytes());
        out[32..40].copy_from_slice(&self.ron_len.to_le_bytes());
        out[40..56].copy_from_slice(&self.ron_hash.to_le_bytes());
        out
    }

    fn decode(bytes: &[u8; HEADER_LEN]) -> Option<Header> {
        if &bytes[..8] != MAGIC {
            return None;
        }
        let u64_at = |at: usize| Some(u64::from_le_bytes(bytes[at..at + 8].try_into().ok()?));
        Some(Header {
            schema: u32::from_le_bytes(bytes[8..12].try_into().ok()?),
            build: (u64_at(16)?, u64_at(24)?),
            ron_len: u64_at(32)?,
            ron_hash: u128::from_le_bytes(bytes[40..56].try_into().ok()?),
        })
    }
}

/// Size and modification time (ns) of the running executable: another
/// build, whose types or checks may differ, has another stamp.
fn build_stamp() -> (u64, u64) {
    static STAMP: OnceLock<(u64, u64)> = OnceLock::new();
    *STAMP.get_or_init(|| {
        let Some(metadata) = std::env::current_exe()
            .ok()
            .and_then(|exe| fs::metadata(exe).ok())
        else {
            return (0, 0);
        };
        let nanos = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        (metadata.len(), nanos)
    })
}
