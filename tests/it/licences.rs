//! Every crate the build pulls in carries a licence from the allow-list
//! kept in the repository (`licenses/allowed.txt`), and every crate built
//! into the binary is credited in `licenses/THIRD-PARTY.txt` under the
//! licence it declares today, and nothing else is (`scripts/gen-notice`
//! writes the file).
//! Reads `cargo metadata` and `cargo tree` offline: `cargo test` has just
//! fetched and built everything they need.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn cargo(args: &[&str]) -> String {
    let cargo = option_env!("CARGO").unwrap_or("cargo");
    let out = Command::new(cargo)
        .args(args)
        .args(["--offline", "--locked"])
        .current_dir(ROOT)
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn host() -> String {
    let out = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc runs");
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().find_map(|l| l.strip_prefix("host: "));
    line.expect("rustc names its host").to_string()
}

fn allowed() -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(ROOT).join("licenses/allowed.txt")).unwrap();
    let ids = text.lines().map(str::trim);
    ids.filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// Whether an SPDX expression (`A OR B`, `(A OR B) AND C`, `A WITH X`,
/// and the old `A/B`) can be met with the `ok` licences alone.
fn satisfied(expr: &str, ok: &[String]) -> bool {
    let spaced = expr
        .replace('/', " OR ")
        .replace('(', " ( ")
        .replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut at = 0;
    let met = either(&tokens, &mut at, ok);
    met && at == tokens.len()
}

fn either(t: &[&str], at: &mut usize, ok: &[String]) -> bool {
    let mut met = both(t, at, ok);
    while t.get(*at) == Some(&"OR") {
        *at += 1;
        met |= both(t, at, ok);
    }
    met
}

fn both(t: &[&str], at: &mut usize, ok: &[String]) -> bool {
    let mut met = one(t, at, ok);
    while t.get(*at) == Some(&"AND") {
        *at += 1;
        met &= one(t, at, ok);
    }
    met
}

fn one(t: &[&str], at: &mut usize, ok: &[String]) -> bool {
    let Some(&first) = t.get(*at) else {
        return false;
    };
    *at += 1;
    if first == "(" {
        let met = either(t, at, ok);
        *at += usize::from(t.get(*at) == Some(&")"));
        return met;
    }
    let mut id = first.to_string();
    if t.get(*at) == Some(&"WITH") {
        id = format!("{id} WITH {}", t.get(*at + 1).unwrap_or(&""));
        *at += 2;
    }
    ok.contains(&id)
}

#[test]
fn licence_expressions_are_read_as_spdx_says() {
    let ok: Vec<String> = ["MIT", "Apache-2.0 WITH LLVM-exception"]
        .map(String::from)
        .into();
    assert!(satisfied("MIT OR Apache-2.0", &ok));
    assert!(satisfied("Apache-2.0/MIT", &ok));
    assert!(satisfied("Apache-2.0 WITH LLVM-exception OR GPL-3.0", &ok));
    assert!(!satisfied("(MIT OR Apache-2.0) AND BSD-3-Clause", &ok));
    assert!(!satisfied("GPL-3.0-only", &ok));
    assert!(!satisfied("MIT AND GPL-2.0", &ok));
    assert!(!satisfied("", &ok));
}

#[test]
fn every_dependency_has_an_allowed_licence() {
    let meta = cargo(&[
        "metadata",
        "--format-version",
        "1",
        "--filter-platform",
        &host(),
    ]);
    let meta: serde_json::Value = serde_json::from_str(&meta).unwrap();
    let ok = allowed();
    let refused: Vec<String> = (meta["packages"].as_array().unwrap().iter())
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["license"].as_str().unwrap_or(""),
            )
        })
        .filter(|(_, licence)| !satisfied(licence, &ok))
        .map(|(name, licence)| format!("{name}: {licence:?}"))
        .collect();
    assert!(
        refused.is_empty(),
        "licences outside licenses/allowed.txt: {refused:?}"
    );
}

#[test]
fn every_crate_in_the_binary_is_credited_under_its_licence() {
    let credits =
        std::fs::read_to_string(Path::new(ROOT).join("licenses/THIRD-PARTY.txt")).unwrap();
    let tree = cargo(&["tree", "-e", "normal", "--prefix", "none", "-f", "{p}|{l}"]);
    let used: BTreeSet<&str> = tree.lines().map(|l| l.trim_end_matches(" (*)")).collect();
    let missing: Vec<String> = (used.iter())
        .filter(|l| !l.starts_with("bulletin "))
        .filter_map(|l| {
            let (package, licence) = l.split_once('|')?;
            let (name, version) = package.split_once(" v")?;
            let version = version.split_whitespace().next()?;
            let line = format!("\n{name} {version}: ");
            let credited = credits
                .split(&line)
                .nth(1)
                .and_then(|rest| rest.lines().next());
            let declared = format!("(declared: {licence})");
            (!credited.is_some_and(|c| c.ends_with(&declared))).then(|| format!("{name} {version}"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "not credited, or under another licence, in licenses/THIRD-PARTY.txt \
         (run scripts/gen-notice): {missing:?}"
    );
    // And nothing credited that is no longer built in: the list is the
    // lines `name version: licence (declared: ...)` before the texts.
    let built: BTreeSet<String> = (used.iter())
        .filter_map(|l| {
            let (name, version) = l.split_once('|')?.0.split_once(" v")?;
            Some(format!("{name} {}", version.split_whitespace().next()?))
        })
        .collect();
    let stale: Vec<&str> = (credits.lines())
        .filter(|l| l.ends_with(')') && l.contains(": ") && l.contains(" (declared: "))
        .filter_map(|l| l.split_once(": ").map(|(crate_, _)| crate_))
        .filter(|c| !built.contains(*c))
        .collect();
    assert!(
        stale.is_empty(),
        "credited in licenses/THIRD-PARTY.txt but not built in (run scripts/gen-notice): {stale:?}"
    );
}
