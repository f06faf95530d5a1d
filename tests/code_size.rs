//! Sizes that keep the code readable (CONVENTIONS.md): no file in `src/`
//! over 600 lines and the 90th percentile of function lengths at most 30
//! lines, test code left out. Read from the source text like
//! `tests/architecture.rs`; `cargo test --test code_size -- --nocapture`
//! prints the figures and the longest functions.
//!
//! A function's length is its lines from `fn` to its closing brace,
//! comments and blank lines included; closures are part of their function.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod source_support;

use source_support::{SourceFile, is_ident, matching_brace, source_files};

const MAX_FILE_LINES: usize = 600;
const MAX_P90_FUNCTION_LINES: usize = 30;

/// One function: its name, file and length in lines.
struct Function {
    name: String,
    file: String,
    lines: usize,
}

/// Every function with a body in the file's non-test code.
fn functions(file: &SourceFile) -> Vec<Function> {
    let code = &file.code;
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(hit) = code[from..].find("fn ") {
        let at = from + hit;
        from = at + 3;
        if code[..at].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let name: String = code[at + 3..]
            .trim_start()
            .chars()
            .take_while(|&c| is_ident(c))
            .collect();
        let rest = &code[at..];
        let (Some(brace), semicolon) = (rest.find('{'), rest.find(';')) else {
            continue;
        };
        if name.is_empty() || semicolon.is_some_and(|s| s < brace) {
            continue; // a declaration without a body, or `fn(…)` types
        }
        let end = at + matching_brace(rest, brace);
        found.push(Function {
            name,
            file: file
                .file
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(&file.file)
                .display()
                .to_string(),
            lines: code[at..end].matches('\n').count() + 1,
        });
    }
    found
}

/// The smallest length that at least `share` of the lengths do not exceed.
fn percentile(sorted: &[usize], share: f64) -> usize {
    let rank = (share * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[test]
fn no_file_is_over_600_lines() {
    let files = source_files();
    assert!(files.len() > 50, "{} files read", files.len());
    let long: Vec<String> = files
        .iter()
        .filter(|f| f.non_test_lines > MAX_FILE_LINES)
        .map(|f| format!("{} ({} lines)", f.file.display(), f.non_test_lines))
        .collect();
    assert!(
        long.is_empty(),
        "files over {MAX_FILE_LINES} lines: {long:?}"
    );
}

#[test]
fn nine_functions_in_ten_are_at_most_30_lines() {
    let mut all: Vec<Function> = source_files().iter().flat_map(functions).collect();
    all.sort_by_key(|f| f.lines);
    let lengths: Vec<usize> = all.iter().map(|f| f.lines).collect();
    assert!(lengths.len() > 500, "{} functions read", lengths.len());
    let p90 = percentile(&lengths, 0.9);
    println!(
        "{} functions: median {} lines, p90 {p90}, longest {}",
        lengths.len(),
        percentile(&lengths, 0.5),
        lengths[lengths.len() - 1]
    );
    for f in all.iter().rev().take(10) {
        println!("{:4}  {}  {}", f.lines, f.file, f.name);
    }
    assert!(p90 <= MAX_P90_FUNCTION_LINES, "p90 is {p90} lines");
}

/// The reader counts what it should.
#[test]
fn a_function_is_counted_from_fn_to_its_brace() {
    let file = SourceFile {
        path: Vec::new(),
        file: "x.rs".into(),
        code: "fn a() {\n    b();\n}\nfn c(f: fn(u8)) -> u8;\nimpl X { pub fn d() { } }\n"
            .to_string(),
        non_test_lines: 5,
    };
    let found: Vec<(String, usize)> = functions(&file)
        .into_iter()
        .map(|f| (f.name, f.lines))
        .collect();
    assert_eq!(found, [("a".to_string(), 3), ("d".to_string(), 1)]);
    assert_eq!(percentile(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9);
}
