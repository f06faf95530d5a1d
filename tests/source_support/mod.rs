//! Reading the crate's own source for the checks in `tests/architecture.rs`
//! and `tests/code_size.rs`: every file under `src/`, its module path, and
//! its code with comments, string literals and `#[cfg(test)]` items blanked
//! out (line breaks kept, so line counts and positions stay those of the
//! file). Test-only files (`#[cfg(test)] mod name;`) are left out.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A module path such as `ui::app` (the crate root is the empty path).
pub type ModPath = Vec<String>;

/// One library source file.
pub struct SourceFile {
    pub path: ModPath,
    pub file: PathBuf,
    /// The code without comments, strings and test items; same lines.
    pub code: String,
    /// Lines of the file outside `#[cfg(test)]` items.
    pub non_test_lines: usize,
}

/// Every library file of `src/` (not `main.rs`), test-only files left out.
pub fn source_files() -> Vec<SourceFile> {
    let mut files = Vec::new();
    rust_files(&src_dir(), &mut files);
    let mut read = Vec::new();
    let mut test_only = BTreeSet::new();
    for file in files {
        let Some(path) = module_path(&file) else {
            continue;
        };
        let source = std::fs::read_to_string(&file).unwrap();
        let (code, test_mods, test_lines) = strip_test_items(&strip_comments_and_strings(&source));
        for name in test_mods {
            let mut child = path.clone();
            child.push(name);
            test_only.insert(child);
        }
        let non_test_lines = source.lines().count() - test_lines;
        read.push(SourceFile {
            path,
            file,
            code,
            non_test_lines,
        });
    }
    read.retain(|f| !test_only.iter().any(|t| f.path.starts_with(t)));
    read
}

pub fn src_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// `src/ui/app/jobs.rs` → `ui::app::jobs`; `mod.rs` and `lib.rs` name their folder.
pub fn module_path(file: &Path) -> Option<ModPath> {
    let relative = file.strip_prefix(src_dir()).ok()?;
    let mut parts: ModPath = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    match parts.last().map(String::as_str) {
        Some("main") if parts.len() == 1 => return None, // the binary, not the library
        Some("lib") if parts.len() == 1 => parts.clear(),
        Some("mod") => {
            parts.pop();
        }
        _ => {}
    }
    Some(parts)
}

/// The source without comments and string literals (so neither counts as
/// a use), line breaks kept.
pub fn strip_comments_and_strings(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        i = match (chars[i], at(i + 1)) {
            ('/', Some('/')) => (i..chars.len())
                .find(|&j| chars[j] == '\n')
                .unwrap_or(chars.len()),
            ('/', Some('*')) => skip_block_comment(&chars, i, &mut out),
            ('r', Some('#' | '"')) if i == 0 || !is_ident(chars[i - 1]) => {
                skip_raw_string(&chars, i, &mut out)
            }
            ('"', _) => skip_string(&chars, i, &mut out),
            ('\'', Some('\\')) => (i + 3..chars.len())
                .find(|&j| chars[j] == '\'')
                .map_or(chars.len(), |j| j + 1),
            ('\'', _) if at(i + 2) == Some('\'') => i + 3,
            (c, _) => {
                // A lifetime's quote, or ordinary code.
                out.push(c);
                i + 1
            }
        };
    }
    out
}

/// Keeps the line breaks of skipped text.
fn keep_lines(skipped: &[char], out: &mut String) {
    out.extend(skipped.iter().filter(|&&c| c == '\n'));
}

/// Skips a (nested) `/* … */` starting at `start`.
fn skip_block_comment(chars: &[char], start: usize, out: &mut String) -> usize {
    let mut depth = 0;
    let mut i = start;
    while i + 1 < chars.len() {
        match (chars[i], chars[i + 1]) {
            ('/', '*') => {
                depth += 1;
                i += 2;
            }
            ('*', '/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    break;
                }
            }
            _ => i += 1,
        }
    }
    let end = i.min(chars.len());
    keep_lines(&chars[start..end], out);
    end
}

/// Skips `"…"` starting at `start` (escapes included).
fn skip_string(chars: &[char], start: usize, out: &mut String) -> usize {
    let mut j = start + 1;
    while j < chars.len() && chars[j] != '"' {
        j += if chars[j] == '\\' { 2 } else { 1 };
    }
    let end = (j + 1).min(chars.len());
    out.push_str("\"\"");
    keep_lines(&chars[start..end], out);
    end
}

pub fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Skips `r"…"` / `r#"…"#` starting at `start`; returns the index after it.
fn skip_raw_string(chars: &[char], start: usize, out: &mut String) -> usize {
    let mut i = start + 1;
    let mut hashes = 0;
    while chars.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    if chars.get(i) != Some(&'"') {
        // An identifier starting with r (or r#ident): keep it.
        out.push('r');
        return start + 1;
    }
    i += 1;
    while i < chars.len() {
        if chars[i] == '"' && (1..=hashes).all(|n| chars.get(i + n) == Some(&'#')) {
            out.push_str("\"\"");
            keep_lines(&chars[start..i], out);
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

/// Blanks every item marked `#[cfg(test)]` (its line breaks kept); returns
/// the code, the names of test-only `mod name;` declarations (their files
/// are test code too) and how many lines the test items spanned.
pub fn strip_test_items(code: &str) -> (String, Vec<String>, usize) {
    let mut out = String::new();
    let mut test_mods = Vec::new();
    let mut test_lines = 0;
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        let body = &item["#[cfg(test)]".len()..];
        let semicolon = body.find(';').unwrap_or(body.len());
        let brace = body.find('{').unwrap_or(body.len());
        let body_end = if semicolon < brace {
            if let Some(name) = body[..semicolon].trim().strip_prefix("mod ") {
                test_mods.push(name.trim().to_string());
            }
            (semicolon + 1).min(body.len())
        } else {
            matching_brace(body, brace)
        };
        let end = "#[cfg(test)]".len() + body_end;
        let breaks = item[..end].matches('\n').count();
        test_lines += breaks + 1;
        out.extend(std::iter::repeat_n('\n', breaks));
        rest = &item[end..];
    }
    out.push_str(rest);
    (out, test_mods, test_lines)
}

/// The index just after the `}` closing the `{` at `open`.
pub fn matching_brace(text: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + i + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}
