//! Commands a client may run (`ssh HOST list`, `show ID`, `search QUERY`,
//! `outline ID`): the read-only commands of the command line, on the
//! archive the server serves and no other. The archive is the server's
//! to name: a command that names one, or asks for another file, cache or
//! settings, is refused before anything is opened.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use crate::cli::{self, Command, EXIT_FAILURE, EXIT_USAGE};
use crate::lang::Lang;

/// What the server serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Served {
    Path(PathBuf),
    Sample,
}

/// The commands a client may run.
pub const ALLOWED: [&str; 4] = ["list", "show", "search", "outline"];

/// Options that would reach another file than the served archive.
const FORBIDDEN: [&str; 5] = [
    "--archive",
    "--sample",
    "--cache-dir",
    "--config",
    "--data-dir",
];

/// Runs a client's command line on the served archive; the exit status.
pub fn run(
    line: &str,
    served: &Served,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let words = match split(line) {
        Some(w) if !w.is_empty() => w,
        _ => return refuse(err, lang, line),
    };
    if !ALLOWED.contains(&words[0].as_str()) {
        return refuse(err, lang, &words[0]);
    }
    let named = |w: &String| {
        FORBIDDEN
            .iter()
            .any(|f| w == f || w.starts_with(&format!("{f}=")))
    };
    if let Some(w) = words.iter().find(|w| named(w)) {
        return refuse(err, lang, w);
    }
    let cli = match cli::parse_from(with_archive(words, served), lang) {
        Ok(cli) => cli,
        Err(e) => {
            let (text, to_err, status) = cli::render_usage_error(&e, lang);
            let _ = match to_err {
                true => err.write_all(text.as_bytes()),
                false => out.write_all(text.as_bytes()),
            };
            return status;
        }
    };
    match cli.command {
        Some(Command::List(a)) if a.archive == archive_of(served) => cli::run_list(&a, out, err),
        Some(Command::Search(a)) if a.archive == archive_of(served) => {
            cli::run_search(&a, out, err)
        }
        Some(Command::Show(a)) if one_id(&a.article, served) => cli::run_show(&a, out, err),
        Some(Command::Outline(a)) if one_id(&a.article, served) => cli::run_outline(&a, out, err),
        _ => {
            let _ = writeln!(err, "bulletin: {}", say_one_archive(lang));
            EXIT_USAGE
        }
    }
}

/// The words with the served archive put where the command takes it:
/// after the others (`list ARCHIVE`, `search QUERY ARCHIVE`), or as
/// `--archive` (`show ID --archive ARCHIVE`).
fn with_archive(words: Vec<String>, served: &Served) -> Vec<OsString> {
    let by_option = matches!(words[0].as_str(), "show" | "outline");
    let mut args: Vec<OsString> = vec!["bulletin".into()];
    args.extend(words.into_iter().map(OsString::from));
    match served {
        Served::Sample => args.push("--sample".into()),
        Served::Path(p) if by_option => {
            args.push("--archive".into());
            args.push(p.clone().into());
        }
        Served::Path(p) => {
            // After `--`: whatever the client wrote, this is the archive.
            if !args.iter().any(|a| a == "--") {
                args.push("--".into());
            }
            args.push(p.clone().into());
        }
    }
    args
}

fn archive_of(served: &Served) -> Option<PathBuf> {
    match served {
        Served::Path(p) => Some(p.clone()),
        Served::Sample => None,
    }
}

/// `show`/`outline` named one id and no archive of its own: the id is the
/// first positional (`ID --archive ARCHIVE`), and nothing is second.
fn one_id(a: &cli::ArticleArgs, served: &Served) -> bool {
    a.id.is_none() && a.archive.is_some() && a.archive_option == archive_of(served)
}

fn say_one_archive(lang: Lang) -> &'static str {
    lang.pick(
        "此服务器只提供一个档案，命令中不能指定档案。",
        "this server serves one archive: a command cannot name another.",
    )
}

/// Says that `what` cannot be run here, and what can; exit status 1.
pub fn refuse(err: &mut dyn Write, lang: Lang, what: &str) -> u8 {
    let what = crate::text::sanitize_line(what);
    let what: String = what.chars().take(80).collect();
    let text = lang.pick(
        format!("bulletin: 不能运行“{what}”。可用的命令：list [--json]、show 编号、search 查询 [--json]、outline 编号；阅读请用 ssh -t 连接。"),
        format!("bulletin: \"{what}\" cannot be run here. Commands: list [--json], show ID, search QUERY [--json], outline ID; to read, connect with ssh -t."),
    );
    let _ = writeln!(err, "{text}");
    EXIT_FAILURE
}

/// A command line split into words as a shell would for simple quoting:
/// spaces separate, '…' and "…" group, a backslash escapes. `None` for
/// an unclosed quote.
pub fn split(line: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' => loop {
                let w = word.get_or_insert_with(String::new);
                match chars.next()? {
                    '\'' => break,
                    c => w.push(c),
                }
            },
            '"' => loop {
                let w = word.get_or_insert_with(String::new);
                match chars.next()? {
                    '"' => break,
                    '\\' => w.push(chars.next()?),
                    c => w.push(c),
                }
            },
            '\\' => word.get_or_insert_with(String::new).push(chars.next()?),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(line: &str) -> (u8, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run(line, &Served::Sample, Lang::En, &mut out, &mut err);
        let s = |v: Vec<u8>| String::from_utf8(v).unwrap();
        (code, s(out), s(err))
    }

    #[test]
    fn words_split_as_a_shell_would() {
        assert_eq!(
            split("search '物业 管理' --json").unwrap(),
            ["search", "物业 管理", "--json"]
        );
        assert_eq!(split(r#"a "b\"c" d\ e"#).unwrap(), ["a", "b\"c", "d e"]);
        assert_eq!(split("  ").unwrap(), Vec::<String>::new());
        assert_eq!(split("a 'b"), None);
    }

    #[test]
    fn the_read_only_commands_run_on_the_served_archive() {
        let (code, out, _) = run_on("list --json");
        assert_eq!(code, 0);
        assert!(out.trim_start().starts_with('{'), "{out}");
        let (code, out, err) = run_on("search 物业");
        assert_eq!(code, 0, "{err}");
        assert!(!out.is_empty());
    }

    #[test]
    fn other_commands_files_and_archives_are_refused() {
        for line in [
            "cat /etc/passwd",
            "check /etc/passwd",
            "import x",
            "bookmarks",
            "list /etc/passwd",
            "list --archive=/etc/passwd",
            "show /etc/passwd 1",
            "show x --archive /etc/passwd",
            "search x --cache-dir /tmp",
            "search x /etc/passwd",
            "",
            "list 'open",
        ] {
            let (code, out, err) = run_on(line);
            assert_ne!(code, 0, "{line}: {out}");
            assert!(!err.is_empty(), "{line}");
            assert!(!err.contains("root:"), "{line}");
        }
    }

    #[test]
    fn a_path_for_an_id_is_only_an_id_not_found() {
        let (code, _, err) = run_on("show ../../etc/passwd");
        assert_eq!(code, 1);
        assert!(err.contains("../../etc/passwd"), "{err}");
        assert!(!err.contains("root:"));
    }
}
