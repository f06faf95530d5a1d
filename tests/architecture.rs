//! The shape of the code, checked from the source text: which module uses
//! which, read from the `use` lines and the `crate::`/`super::` paths of
//! every file under `src/` (test code left out). `cargo test` runs it, so CI
//! does too; `cargo test --test architecture -- --nocapture` prints the graph.
//!
//! Rules (see docs/ARCHITECTURE.md):
//! - no module under `src/ui/` outside the app's own files (`ui/app/`) uses
//!   `ui::app`: panels talk to the app through `ui::action`;
//! - no loop: no module uses one that (directly or through others) uses it
//!   back, anywhere in `src/`; a module and its own sub-modules may use each
//!   other (a sub-module is a part of its parent);
//! - `History::apply` is called from one place.
//! - the layers: `model` uses neither `io`, `cli` nor `ui`; `io` uses
//!   neither `cli` nor `ui`; `cli` does not use `ui`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod source_support;

use std::collections::{BTreeMap, BTreeSet};

use source_support::{
    ModPath, is_ident, matching_brace, source_files, strip_comments_and_strings, strip_test_items,
};

/// One source file: its module path and what its non-test code refers to.
struct Module {
    /// `pub use` names and the module path each one points into.
    reexports: BTreeMap<String, ModPath>,
    /// Every path used, as written (`crate::model::Edit`, `super::App`, `child::X`).
    uses: Vec<ModPath>,
}

/// Expands a use tree (`crate::a::{b, c::{d as e, self}}`) into paths, each
/// with the name it is known by (the last segment, or its `as` name).
fn expand_use_tree(tree: &str) -> Vec<(ModPath, String)> {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let (path, alias) = match tree.split_once(" as ") {
            Some((path, alias)) => (path.trim(), Some(alias.trim())),
            None => (tree, None),
        };
        let segments: ModPath = path
            .split("::")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        let mut segments = segments;
        if segments.last().is_some_and(|s| s == "self") {
            segments.pop();
        }
        let name = alias
            .map(str::to_string)
            .or_else(|| segments.last().cloned())
            .unwrap_or_default();
        return vec![(segments, name)];
    };
    let prefix = tree[..open].trim_end_matches("::").trim();
    let inner = &tree[open + 1..matching_brace(tree, open) - 1];
    split_top_level(inner)
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .flat_map(|part| {
            let joined = if prefix.is_empty() {
                part.trim().to_string()
            } else {
                format!("{prefix}::{}", part.trim())
            };
            expand_use_tree(&joined)
        })
        .collect()
}

fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Reads one file's non-test code: its `use` declarations and the
/// `crate::`, `super::` and `self::` paths in its body.
fn read_module(code: &str) -> Module {
    let mut reexports = BTreeMap::new();
    let mut uses = Vec::new();
    let mut body = String::new();
    let mut rest = code;
    while let Some(at) = find_use(rest) {
        body.push_str(&rest[..at]);
        let statement = &rest[at..];
        let end = statement.find(';').unwrap_or(statement.len());
        let is_pub = rest[..at].trim_end().ends_with("pub")
            || rest[..at].trim_end().ends_with("pub(crate)")
            || rest[..at].trim_end().ends_with("pub(super)");
        for (path, name) in expand_use_tree(&statement["use ".len()..end]) {
            if is_pub && name != "*" {
                reexports.insert(name, path.clone());
            }
            uses.push(path);
        }
        rest = &statement[(end + 1).min(statement.len())..];
    }
    body.push_str(rest);
    uses.extend(body_paths(&body));
    Module { reexports, uses }
}

/// The start of the next `use` declaration (a whole word at an item start).
fn find_use(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find("use ") {
        let at = from + found;
        let before = text[..at].chars().next_back();
        if before.is_none_or(|c| c.is_whitespace() || c == ';' || c == '{' || c == '}') {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// `crate::…`, `super::…` and `self::…` paths written in code.
fn body_paths(body: &str) -> Vec<ModPath> {
    let mut found = Vec::new();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(hit) = body[from..].find(start) {
            let at = from + hit;
            from = at + start.len();
            if body[..at].chars().next_back().is_some_and(is_ident) {
                continue;
            }
            let path: String = body[at..]
                .chars()
                .take_while(|&c| is_ident(c) || c == ':')
                .collect();
            found.push(
                path.split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            );
        }
    }
    found
}

/// Every library module of `src/`, test-only files left out.
fn modules() -> BTreeMap<ModPath, Module> {
    source_files()
        .into_iter()
        .map(|f| (f.path, read_module(&f.code)))
        .collect()
}

/// The module a path written in `from` points into (`None`: another crate).
fn resolve(
    modules: &BTreeMap<ModPath, Module>,
    from: &ModPath,
    written: &ModPath,
) -> Option<ModPath> {
    let mut absolute: ModPath = Vec::new();
    let mut segments = written.iter().peekable();
    match segments.peek().map(|s| s.as_str()) {
        Some("crate") => {
            segments.next();
        }
        Some("super" | "self") => {
            absolute = from.clone();
            while let Some(step) = segments.peek().map(|s| s.as_str()) {
                match step {
                    "super" => absolute.pop(),
                    "self" => None,
                    _ => break,
                };
                segments.next();
            }
        }
        Some(first) => {
            // `use child::X` names a child module of `from`; anything else
            // is another crate (std, egui…).
            let mut child = from.clone();
            child.push(first.to_string());
            if !modules.contains_key(&child) {
                return None;
            }
            absolute = from.clone();
        }
        None => return None,
    }
    absolute.extend(segments.cloned());
    Some(target_module(modules, &absolute, 0))
}

/// The longest module prefix of `absolute`, following `pub use` re-exports.
fn target_module(modules: &BTreeMap<ModPath, Module>, absolute: &ModPath, depth: u8) -> ModPath {
    let mut prefix = absolute.clone();
    while !modules.contains_key(&prefix) {
        prefix.pop();
    }
    let item = absolute.get(prefix.len());
    if let (Some(item), Some(module)) = (item, modules.get(&prefix))
        && let Some(reexport) = module.reexports.get(item)
        && depth < 8
        && let Some(target) = resolve(modules, &prefix, reexport)
        && target != prefix
    {
        return target_module(modules, &target, depth + 1);
    }
    prefix
}

type Graph = BTreeMap<ModPath, BTreeSet<ModPath>>;

/// Which module uses which (a module's use of itself, or of its own
/// ancestors' re-exports only, is left out).
fn dependency_graph() -> Graph {
    let modules = modules();
    let mut graph = Graph::new();
    for (path, module) in &modules {
        let targets = graph.entry(path.clone()).or_default();
        for written in &module.uses {
            // A `pub use` re-export is an alias, not a use: those who name
            // it are counted as using its target.
            if let Some(target) = resolve(&modules, path, written)
                && &target != path
                && !is_reexport_only(module, written)
            {
                targets.insert(target);
            }
        }
    }
    graph
}

/// True when `written` appears in this module only as a `pub use`.
fn is_reexport_only(module: &Module, written: &ModPath) -> bool {
    module.reexports.values().any(|r| r == written)
        && module.uses.iter().filter(|u| *u == written).count() == 1
}

fn name(path: &ModPath) -> String {
    if path.is_empty() {
        "crate".to_string()
    } else {
        path.join("::")
    }
}

/// Loops between the parts of one module: for every use `a → b` whose
/// modules are not one inside the other, the two sub-modules of their
/// nearest common module that hold them (`ui::pairs → ui::app::editing`
/// counts as `pairs → app` in `ui`). A module and its own sub-modules may use
/// each other (a sub-module is a part of its parent: `impl App` split over
/// files, a folder's `mod.rs` dispatching to its files).
fn loops(graph: &Graph) -> Vec<Vec<ModPath>> {
    let mut levels: BTreeMap<ModPath, Graph> = BTreeMap::new();
    for (from, targets) in graph {
        for to in targets {
            let common: ModPath = from
                .iter()
                .zip(to)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.clone())
                .collect();
            if common.len() == from.len() || common.len() == to.len() {
                continue;
            }
            let part = |path: &ModPath| path[..=common.len()].to_vec();
            let level = levels.entry(common.clone()).or_default();
            level.entry(part(from)).or_default().insert(part(to));
            level.entry(part(to)).or_default();
        }
    }
    levels.values().flat_map(strongly_connected).collect()
}

/// Groups of more than one node that all reach each other.
fn strongly_connected(graph: &Graph) -> Vec<Vec<ModPath>> {
    let reach = |from: &ModPath| -> BTreeSet<ModPath> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(node) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&ModPath, BTreeSet<ModPath>> =
        graph.keys().map(|n| (n, reach(n))).collect();
    let mut groups: Vec<Vec<ModPath>> = Vec::new();
    for node in graph.keys() {
        if groups.iter().any(|g| g.contains(node)) {
            continue;
        }
        let group: Vec<ModPath> = graph
            .keys()
            .filter(|other| reachable[node].contains(*other) && reachable[*other].contains(node))
            .cloned()
            .collect();
        if group.len() > 1 {
            groups.push(group);
        }
    }
    groups
}

#[test]
fn no_module_is_part_of_a_loop() {
    let graph = dependency_graph();
    let found: Vec<Vec<String>> = loops(&graph)
        .iter()
        .map(|group| group.iter().map(name).collect())
        .collect();
    assert!(found.is_empty(), "modules that use each other: {found:?}");
}

#[test]
fn no_panel_uses_the_app() {
    let graph = dependency_graph();
    let app = vec!["ui".to_string(), "app".to_string()];
    let offenders: Vec<String> = graph
        .iter()
        .filter(|(from, _)| from.first().is_some_and(|s| s == "ui"))
        .filter(|(from, _)| !from.starts_with(&app))
        .filter(|(_, targets)| targets.iter().any(|t| t.starts_with(&app)))
        .map(|(from, _)| name(from))
        .collect();
    assert!(offenders.is_empty(), "modules using ui::app: {offenders:?}");
}

#[test]
fn layers_only_use_the_layers_below() {
    let graph = dependency_graph();
    let below: [(&str, &[&str]); 3] = [
        ("model", &["io", "cli", "ui"]),
        ("io", &["cli", "ui"]),
        ("cli", &["ui"]),
    ];
    let mut offenders = Vec::new();
    for (from, targets) in &graph {
        for (layer, forbidden) in below {
            if from.first().is_some_and(|s| s == layer) {
                for target in targets {
                    if target
                        .first()
                        .is_some_and(|s| forbidden.contains(&s.as_str()))
                    {
                        offenders.push(format!("{} uses {}", name(from), name(target)));
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}

/// Every change to the open project goes through one function: the app's
/// `apply_edit` calls `Document::apply`, the only caller of
/// `History::apply_indexed` (and nothing in the program calls
/// `History::apply`, which tests and the command line's edits use).
#[test]
fn history_apply_is_called_from_one_place() {
    let calls = |needle: &str| -> Vec<String> {
        source_files()
            .iter()
            .flat_map(|f| {
                let name = f.path.join("::");
                f.code.matches(needle).map(move |_| name.clone())
            })
            .collect()
    };
    assert_eq!(calls(".apply_indexed("), ["ui::document"]);
    assert!(calls("history.apply(").is_empty());
    assert!(calls("History::apply(").is_empty());
    assert_eq!(calls("doc.apply("), ["ui::app::handle"]);
}

/// The checker itself reads what it should (else the rules above could
/// pass on an empty graph).
#[test]
fn the_reader_sees_uses_and_reexports() {
    let code = "use crate::ui::{self, commands::{Command, shortcut_text as keys}};\n\
                pub use child::{Thing};\n\
                fn f() { let _ = crate::model::Edit::Empty; let _ = super::App::new(); }\n\
                #[cfg(test)]\nmod tests { use crate::io::import; }\n";
    let (code, _, _) = strip_test_items(&strip_comments_and_strings(code));
    let module = read_module(&code);
    let uses: Vec<String> = module.uses.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        uses,
        [
            "crate::ui",
            "crate::ui::commands::Command",
            "crate::ui::commands::shortcut_text",
            "child::Thing",
            "crate::model::Edit::Empty",
            "super::App::new",
        ]
    );
    assert_eq!(module.reexports["Thing"], ["child", "Thing"]);
    let graph = dependency_graph();
    let ui_app = vec!["ui".to_string(), "app".to_string()];
    let edges: usize = graph.values().map(BTreeSet::len).sum();
    assert!(graph.contains_key(&ui_app) && edges > 50, "{edges} edges");
    println!("{}", describe(&graph));
}

fn describe(graph: &Graph) -> String {
    graph
        .iter()
        .map(|(from, to)| {
            let to: Vec<String> = to.iter().map(name).collect();
            format!("{} -> {}", name(from), to.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}
