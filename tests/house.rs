//! The shape of the code itself: no import cycle between files, and no room past its size.
//!
//! Both are read from the sources of both crates. An import is a path starting at `crate::`,
//! `super::` or `self::` (in a `use`, braces expanded, or inline in the code), resolved to the
//! deepest file that defines a module of that path; the application's `crate::design` is the
//! core's `design` (the application re-exports the core's modules at its root). A `mod.rs` or
//! `lib.rs` naming its own children is the module tree, not an import, and is left out; a child
//! naming its parent's items is an import. Unit tests (`#[cfg(test)] mod tests`, at a file's end
//! by convention here) are left out: they may reach anywhere. Not seen: a cycle through a
//! parent's `pub use` of a child, which is counted as an import of the parent.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Rooms above this many lines are split by purpose (issue: "rooms that fit").
const MAX_LINES: usize = 450;

struct Crate {
    /// The folder of its `lib.rs`.
    src: PathBuf,
}

fn crates() -> (Crate, Crate) {
    let root = common::root();
    (
        Crate {
            src: root.join("crates/hairline/src"),
        },
        Crate {
            src: root.join("src"),
        },
    )
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir)
        .expect("source folder readable")
        .flatten()
    {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a source file: `design/io.rs` is `["design", "io"]`, `design/mod.rs` is
/// `["design"]`, `lib.rs` is `[]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn is_module_root(file: &Path) -> bool {
    matches!(
        file.file_name().and_then(|n| n.to_str()),
        Some("mod.rs" | "lib.rs" | "main.rs")
    )
}

/// The code of a file without its unit tests and comments.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path in `code` that starts at `crate`, `super` or `self`, with `use` braces expanded:
/// `use super::{a, b::c}` gives `super::a` and `super::b::c`.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let word_start = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if word_start {
            for head in ["crate", "super", "self"] {
                let end = i + head.len();
                if end + 2 <= chars.len()
                    && chars[i..end].iter().copied().eq(head.chars())
                    && chars[end] == ':'
                    && chars[end + 1] == ':'
                {
                    let (paths, next) = expand(&chars, i);
                    out.extend(paths);
                    i = next.max(i + 1);
                    break;
                }
            }
        }
        i += 1;
    }
    out
}

/// Reads the path starting at `at` (segments joined by `::`, possibly ending in a brace group)
/// and returns every path it names and where it ends.
fn expand(chars: &[char], mut at: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    loop {
        while at < chars.len() && chars[at].is_whitespace() {
            at += 1;
        }
        if at < chars.len() && chars[at] == '{' {
            // A brace group: each comma-separated item is a path of its own below `prefix`.
            let mut paths = Vec::new();
            at += 1;
            loop {
                while at < chars.len() && (chars[at].is_whitespace() || chars[at] == ',') {
                    at += 1;
                }
                if at >= chars.len() || chars[at] == '}' {
                    return (paths, at + 1);
                }
                let (inner, next) = expand(chars, at);
                for p in inner {
                    let mut full = prefix.clone();
                    full.extend(p);
                    paths.push(full);
                }
                if next <= at {
                    return (paths, at + 1);
                }
                at = next;
                // Skip `as name` and anything else up to the next item.
                while at < chars.len() && chars[at] != ',' && chars[at] != '}' {
                    at += 1;
                }
            }
        }
        let start = at;
        while at < chars.len() && (chars[at].is_alphanumeric() || chars[at] == '_') {
            at += 1;
        }
        if at == start {
            return (vec![prefix], at);
        }
        prefix.push(chars[start..at].iter().collect());
        if at + 1 < chars.len() && chars[at] == ':' && chars[at + 1] == ':' {
            at += 2;
        } else {
            return (vec![prefix], at);
        }
    }
}

/// A file of the workspace, named by crate (0 the core, 1 the application) and module path.
type Node = (usize, Vec<String>);

/// The import graph between the files of both crates.
fn import_graph() -> BTreeMap<Node, (PathBuf, BTreeSet<Node>)> {
    let (core, app) = crates();
    let mut files: BTreeMap<Node, PathBuf> = BTreeMap::new();
    for (k, c) in [&core, &app].into_iter().enumerate() {
        let mut list = Vec::new();
        rust_files(&c.src, &mut list);
        for f in list {
            if f.file_name().is_some_and(|n| n == "main.rs") {
                continue;
            }
            files.insert((k, module_of(&c.src, &f)), f);
        }
    }
    // The deepest module file that a path (from its crate's root) reaches.
    let resolve = |krate: usize, path: &[String]| -> Option<Node> {
        for n in (1..=path.len()).rev() {
            let key = (krate, path[..n].to_vec());
            if files.contains_key(&key) {
                return Some(key);
            }
            // The application's root re-exports the core's modules.
            if krate == 1 && files.contains_key(&(0, path[..n].to_vec())) {
                return Some((0, path[..n].to_vec()));
            }
        }
        None
    };
    let mut graph = BTreeMap::new();
    for ((k, module), file) in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        let root = is_module_root(file);
        // The module that `super` and `self` start from.
        let mut edges = BTreeSet::new();
        for path in paths_in(&code_of(&text)) {
            let mut base: Vec<String> = module.clone();
            let mut rest = &path[..];
            match rest.first().map(String::as_str) {
                Some("crate") => {
                    base.clear();
                    rest = &rest[1..];
                }
                Some("self") => rest = &rest[1..],
                _ => {
                    while rest.first().map(String::as_str) == Some("super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                }
            }
            let mut full = base;
            full.extend(rest.iter().cloned());
            if let Some(target) = resolve(*k, &full) {
                let own_child = root && target.0 == *k && target.1.starts_with(module);
                if target != (*k, module.clone()) && !own_child {
                    edges.insert(target);
                }
            }
        }
        graph.insert((*k, module.clone()), (file.clone(), edges));
    }
    graph
}

/// Strongly connected components of more than one file (Tarjan's algorithm).
fn cycles(graph: &BTreeMap<Node, (PathBuf, BTreeSet<Node>)>) -> Vec<Vec<PathBuf>> {
    struct State<'a> {
        graph: &'a BTreeMap<Node, (PathBuf, BTreeSet<Node>)>,
        index: BTreeMap<&'a Node, usize>,
        low: BTreeMap<&'a Node, usize>,
        stack: Vec<&'a Node>,
        on_stack: BTreeSet<&'a Node>,
        next: usize,
        found: Vec<Vec<PathBuf>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a Node) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in &s.graph[v].1 {
            let Some((w, _)) = s.graph.get_key_value(w) else {
                continue;
            };
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(s.graph[w].0.clone());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.found
}

#[test]
fn no_import_cycle_between_files() {
    let graph = import_graph();
    let edges: usize = graph.values().map(|(_, e)| e.len()).sum();
    assert!(
        graph.len() > 120 && edges > 300,
        "the sources were read: {} files, {edges} imports",
        graph.len()
    );
    let found = cycles(&graph);
    assert!(
        found.is_empty(),
        "files that import each other, directly or round a loop: {found:#?}"
    );
}

#[test]
fn the_cycle_check_sees_a_cycle() {
    // Two siblings naming each other, one through a `use` brace group and one inline: a cycle.
    let mut graph = BTreeMap::new();
    let a: Node = (0, vec!["m".into(), "a".into()]);
    let b: Node = (0, vec!["m".into(), "b".into()]);
    let from_a = paths_in("use super::{b::Thing, other};");
    let from_b = paths_in("fn f() { crate::m::a::go(); }");
    assert_eq!(from_a[0], ["super", "b", "Thing"]);
    assert_eq!(from_b[0], ["crate", "m", "a", "go"]);
    graph.insert(
        a.clone(),
        (PathBuf::from("a.rs"), BTreeSet::from([b.clone()])),
    );
    graph.insert(b, (PathBuf::from("b.rs"), BTreeSet::from([a])));
    assert_eq!(cycles(&graph).len(), 1);
}

/// Rooms still above `MAX_LINES`, each with the size it may not grow past: the list only
/// shrinks (a file split below the limit must leave it, and no other file may join it).
const STILL_TOO_BIG: [(&str, usize); 9] = [
    ("src/app/clients/page.rs", 460),
    ("src/app/clients/log_form.rs", 484),
    ("src/app/mod.rs", 532),
    ("src/app/canvas.rs", 555),
    ("crates/hairline/src/design/types.rs", 565),
    ("crates/hairline/src/report/plan.rs", 578),
    ("src/cli/commands.rs", 589),
    ("crates/hairline/src/records/library.rs", 711),
    ("crates/hairline/src/head/register.rs", 810),
];

#[test]
fn no_room_grows_above_its_size() {
    let (core, app) = crates();
    let mut files = Vec::new();
    rust_files(&core.src, &mut files);
    rust_files(&app.src, &mut files);
    assert!(files.len() > 150, "the sources were read");
    let root = common::root();
    let mut problems = Vec::new();
    for f in files {
        let n = std::fs::read_to_string(&f)
            .expect("readable")
            .lines()
            .count();
        let rel = f
            .strip_prefix(&root)
            .expect("under the root")
            .to_string_lossy()
            .replace('\\', "/");
        let allowed = STILL_TOO_BIG
            .iter()
            .find(|(p, _)| *p == rel)
            .map_or(MAX_LINES, |&(_, n)| n);
        if n > allowed {
            problems.push(format!("{rel}: {n} lines (at most {allowed})"));
        } else if allowed > MAX_LINES && n <= MAX_LINES {
            problems.push(format!(
                "{rel}: {n} lines, now a room that fits: take it off the list"
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
