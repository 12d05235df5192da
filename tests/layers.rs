//! The module graph runs one way: no file of `src/` uses a module that (directly or
//! through others) uses it back, and no module uses one of a higher layer.
//!
//! The layers are the table under "## Layers" in ARCHITECTURE.md, so the document and
//! this check cannot drift apart. A use is any path through `crate::`, `super::` or a
//! child module's name, outside `#[cfg(test)]` code and comments; `src/lib.rs` and
//! `src/main.rs` only declare and start the modules and are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `src/fetch/store.rs` -> `fetch::store`, `src/fetch/mod.rs` -> `fetch`.
fn module_name(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?.with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] {
        return None;
    }
    Some(parts.join("::"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src is readable")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its tests and comments. A `//` after `:` is a URL in a
/// string ("https://"), not a comment.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod ") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut cut = line.len();
        let mut from = 0;
        while let Some(i) = line[from..].find("//") {
            let at = from + i;
            if at == 0 || line.as_bytes()[at - 1] != b':' {
                cut = at;
                break;
            }
            from = at + 2;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// Identifiers that follow `prefix` in `code` (`crate::` -> `check`, `report::words`).
fn paths_after<'a>(code: &'a str, prefix: &str) -> Vec<Vec<&'a str>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = code[from..].find(prefix) {
        let at = from + i;
        from = at + prefix.len();
        // Not the tail of a longer name (`my_crate::`).
        if at > 0 {
            let before = code.as_bytes()[at - 1];
            if before.is_ascii_alphanumeric() || before == b'_' || before == b':' {
                continue;
            }
        }
        let rest = &code[from..];
        let segments: Vec<&str> = rest
            .split("::")
            .map(|s| {
                let end = s
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(s.len());
                &s[..end]
            })
            .take_while(|s| !s.is_empty())
            .take(3)
            .collect();
        out.push(segments);
    }
    out
}

/// The longest module named by a path's first segments.
fn resolve(base: &[&str], segments: &[&str], modules: &BTreeSet<String>) -> Option<String> {
    let mut best = None;
    for n in 1..=segments.len() {
        let mut parts: Vec<&str> = base.to_vec();
        parts.extend_from_slice(&segments[..n]);
        let name = parts.join("::");
        if modules.contains(&name) {
            best = Some(name);
        }
    }
    best
}

/// Module -> the modules it uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let named: Vec<(String, PathBuf)> = files
        .iter()
        .filter_map(|f| module_name(&src, f).map(|m| (m, f.clone())))
        .collect();
    let modules: BTreeSet<String> = named.iter().map(|(m, _)| m.clone()).collect();
    let mut edges = BTreeMap::new();
    for (module, file) in &named {
        let code = code_of(&std::fs::read_to_string(file).expect("readable"));
        let own: Vec<&str> = module.split("::").collect();
        let parent = &own[..own.len() - 1];
        let mut uses = BTreeSet::new();
        for segments in paths_after(&code, "crate::") {
            if let Some(m) = resolve(&[], &segments, &modules) {
                uses.insert(m);
            }
        }
        for segments in paths_after(&code, "super::") {
            match resolve(parent, &segments, &modules) {
                Some(m) => uses.insert(m),
                None => uses.insert(parent.join("::")),
            };
        }
        // A child module used by its bare name (`store::fetch_to_dir`, `pub use cache::…`).
        for child in modules.iter().filter(|m| {
            m.strip_prefix(&format!("{module}::"))
                .is_some_and(|rest| !rest.contains("::"))
        }) {
            let short = child.rsplit("::").next().expect("a name");
            if !paths_after(&code, &format!("{short}::")).is_empty() {
                uses.insert(child.clone());
            }
        }
        uses.remove(module);
        uses.remove("");
        edges.insert(module.clone(), uses);
    }
    edges
}

/// Layer number of each top-level module, from ARCHITECTURE.md's "## Layers" table:
/// rows `| 3 | name | `a`, `b` | … |`, higher layers use lower ones.
fn layers() -> BTreeMap<String, u32> {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let section = doc
        .split("\n## Layers")
        .nth(1)
        .expect("ARCHITECTURE.md has a '## Layers' section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let mut out = BTreeMap::new();
    for line in section.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(layer) = cells.get(1).and_then(|c| c.parse::<u32>().ok()) else {
            continue;
        };
        let modules = cells.get(3).expect("a modules column");
        for name in modules.split('`').skip(1).step_by(2) {
            assert!(
                out.insert(name.to_string(), layer).is_none(),
                "{name} is listed in two layers"
            );
        }
    }
    assert!(!out.is_empty(), "the Layers table lists no modules");
    out
}

fn top(module: &str) -> &str {
    module.split("::").next().expect("a name")
}

/// A cycle through `start`, if any, as the path of modules.
fn cycle_from(start: &str, edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in edges.get(&node).into_iter().flatten() {
            if next == start {
                let mut p = path.clone();
                p.push(start.to_string());
                return Some(p);
            }
            if seen.insert(next.clone()) {
                let mut p = path.clone();
                p.push(next.clone());
                stack.push((next.clone(), p));
            }
        }
    }
    None
}

#[test]
fn no_module_uses_a_module_that_uses_it_back() {
    let edges = graph();
    assert!(edges.len() > 20, "found only {} modules", edges.len());
    let cycles: Vec<String> = edges
        .keys()
        .filter_map(|m| cycle_from(m, &edges))
        .map(|c| c.join(" -> "))
        .collect();
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn every_use_runs_down_the_layers() {
    let edges = graph();
    let layers = layers();
    let mut unlisted = BTreeSet::new();
    let mut upward = Vec::new();
    for (from, uses) in &edges {
        let Some(&lf) = layers.get(top(from)) else {
            unlisted.insert(top(from).to_string());
            continue;
        };
        for to in uses {
            match layers.get(top(to)) {
                Some(&lt) if lt > lf => {
                    upward.push(format!("{from} (layer {lf}) uses {to} (layer {lt})"))
                }
                Some(_) => {}
                None => {
                    unlisted.insert(top(to).to_string());
                }
            }
        }
    }
    assert!(
        unlisted.is_empty(),
        "modules missing from ARCHITECTURE.md's Layers table: {unlisted:?}"
    );
    assert!(
        upward.is_empty(),
        "uses that run up:\n{}",
        upward.join("\n")
    );
    for listed in layers.keys() {
        assert!(
            edges.keys().any(|m| top(m) == listed),
            "ARCHITECTURE.md lists `{listed}`, which is not a module of src/"
        );
    }
}

#[test]
fn the_graph_reader_sees_uses() {
    // The check is only worth what its reader finds: known uses must be there.
    let edges = graph();
    let uses = |a: &str, b: &str| edges.get(a).is_some_and(|u| u.contains(b));
    assert!(uses("verdict", "align"), "{:?}", edges.get("verdict"));
    assert!(
        uses("fetch::store", "manifest"),
        "{:?}",
        edges.get("fetch::store")
    );
    assert!(uses("report", "report::text"), "mod.rs picks the formats");
    assert!(uses("report::text", "report::words"));
    assert!(uses("fetch::guard", "fetch::error"), "super:: paths count");
    assert!(!uses("align", "verdict"));
    let code = code_of(
        "use crate::a; // crate::b\nlet u = \"https://x\"; crate::c::d();\n#[cfg(test)]\nmod tests {\n    use crate::e;\n}\n",
    );
    let found: Vec<_> = paths_after(&code, "crate::")
        .into_iter()
        .map(|s| s[0])
        .collect();
    assert_eq!(found, ["a", "c"]);
}
