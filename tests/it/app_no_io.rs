//! `App::update` is pure and drawing only reads `&App`: nothing in
//! `src/app` or `src/ui` reads or writes a file or reads a clock. Reading
//! the archive, the state file and the index is done by `bulletin::work`
//! (on the run loop's threads), and time comes in as `Action::Tick`.

use std::path::Path;

/// What touching a file or reading a clock looks like in our code, and
/// why it is refused.
const FORBIDDEN: &[(&str, &str)] = &[
    ("std::fs", "the file system"),
    ("File::", "a file"),
    ("OpenOptions", "a file"),
    ("read_exact_at", "reading the archive"),
    ("read_at(", "reading the archive"),
    ("Library::open", "reading the archive"),
    (".open(", "reading an article or a file"),
    ("open_path", "reading the archive"),
    ("load_path", "reading the archive"),
    ("FoldIndex::open", "reading the index"),
    ("index::build", "writing the index"),
    ("find::run(", "scanning the archive"),
    ("run_job(", "the state file"),
    ("Store::open", "the state file"),
    ("Instant::now", "a clock"),
    ("SystemTime::now", "a clock"),
    ("Utc::now", "a clock"),
    ("Local::now", "a clock"),
    ("Clock::wall", "a clock (the store is built with one)"),
    (".elapsed()", "a clock"),
];

/// Each forbidden use in `source`: (line number, pattern). Comments are
/// not code: a line that is a comment is skipped.
fn offences(source: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    for (n, line) in source.lines().enumerate() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        for (pattern, _) in FORBIDDEN {
            if line.contains(pattern) {
                found.push((n + 1, *pattern));
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn app_and_ui_touch_no_file_and_read_no_clock() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join("app"), &mut files);
    rust_files(&root.join("ui"), &mut files);
    assert!(files.len() > 40, "the sources were found: {files:?}");
    let mut all = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        for (line, pattern) in offences(&source) {
            let why = FORBIDDEN.iter().find(|(p, _)| *p == pattern).unwrap().1;
            let file = file.strip_prefix(&root).unwrap().display();
            all.push(format!("src/{file}:{line}: `{pattern}` ({why})"));
        }
    }
    assert!(
        all.is_empty(),
        "app/ and ui/ must not do I/O or read a clock (effects and \
         `crate::work` do; time comes as `Action::Tick`):\n{}",
        all.join("\n")
    );
}

#[test]
fn the_check_sees_each_way_of_touching_a_file_and_nothing_else() {
    let caught = [
        "let text = std::fs::read_to_string(path)?;",
        "use std::fs::File;",
        "let f = File::open(path)?;",
        "OpenOptions::new().write(true)",
        "file.read_exact_at(&mut buf, at)?;",
        "let m = self.archive.open(i);",
        "let lib = Library::open(i);",
        "let lib = open_path_with(&p, s)?;",
        "find::run(lib, None, &q, &stop, &mut f);",
        "p.store.run_job(job)",
        "let t = Instant::now();",
        "let t = std::time::SystemTime::now();",
        "let t = chrono::Utc::now();",
        "if last.elapsed() > SAVE_INTERVAL {",
    ];
    for line in caught {
        assert!(!offences(line).is_empty(), "not caught: {line}");
    }
    let innocent = [
        "// Instant::now() is never called here",
        "    /// reads the file with std::fs",
        "let reader = Reader::open(article, doc, siblings, w, mode);",
        "self.open_article(article, siblings);",
        "fn open_and_jump(&mut self) {}",
        "let since = now.saturating_sub(t);",
    ];
    for line in innocent {
        assert_eq!(offences(line), [], "caught by mistake: {line}");
    }
}
