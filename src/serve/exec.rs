//! Commands a client may run (`ssh HOST list`, `show ID`, `search QUERY`,
//! `outline ID`): the read-only commands of the command line, with the
//! same words and output, on the archives the server has loaded (the
//! version the readers see), never on a file: where the local command
//! takes an archive's path, a client gives a served archive's name (or
//! none, when one is served). A command that asks for a file, a cache or
//! settings is refused before anything is read.

use std::ffi::OsString;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use super::archives::{self, Archive};
use crate::app::IndexState;
use crate::cli::{self, ArticleArgs, Command, EXIT_FAILURE, EXIT_USAGE, IndexAt, Say};
use crate::find::FoldIndex;
use crate::lang::Lang;

/// The commands a client may run.
pub const ALLOWED: [&str; 4] = ["list", "show", "search", "outline"];

/// Options that would reach another file than the served archives, or
/// read them otherwise than they were loaded.
const FORBIDDEN: [&str; 5] = [
    "--sample",
    "--cache-dir",
    "--config",
    "--data-dir",
    "--strict",
];

/// The index a `search` on an archive uses, if any ([`ready_index`]: the
/// one it has ready; a server's builds it when missing).
pub type IndexOf<'a> = dyn Fn(&Archive) -> Option<Arc<FoldIndex>> + 'a;

/// Runs a client's command line on the served archives, searching with
/// the indexes `index` gives; the exit status.
pub fn run(
    line: &str,
    served: &[Archive],
    index: &IndexOf,
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
    let mut args: Vec<OsString> = vec!["bulletin".into()];
    args.extend(words.into_iter().map(OsString::from));
    let cli = match cli::parse_from(args, lang) {
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
    let lang = cli.language();
    let Some(command) = cli.command else {
        return refuse(err, lang, line);
    };
    match on_archive(&command, served, lang) {
        Ok((a, id)) => run_on(&command, (a, index), id, out, err),
        Err((text, status)) => {
            let _ = writeln!(err, "bulletin: {text}");
            status
        }
    }
}

/// Runs `command` on archive `a` (article `id` for `show` and `outline`),
/// searching with the index `index` gives.
fn run_on(
    command: &Command,
    (a, index): (&Archive, &IndexOf),
    id: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let (lib, name) = (&*a.library, a.name.as_str());
    match command {
        Command::List(args) => cli::list_on(lib, name, args, out, err),
        Command::Search(args) => {
            // `--no-index`: none looked for, none built.
            let index = (!args.no_index).then(|| index(a)).flatten();
            cli::search_on(lib, IndexAt::Open(index.as_deref()), args, out, err)
        }
        Command::Show(args) => cli::show_on(lib, name, id, args, out, err),
        Command::Outline(args) => cli::outline_on(lib, name, id, args, out, err),
        _ => EXIT_FAILURE,
    }
}

/// The archive's index, when it has one ready.
pub fn ready_index(a: &Archive) -> Option<Arc<FoldIndex>> {
    match &a.index {
        IndexState::Ready(handle) => Some(handle.0.clone()),
        _ => None,
    }
}

/// Why a command names no served archive: the message and exit status.
type Refusal = (String, u8);

/// Which served archive `command` runs on (and which article, for `show`
/// and `outline`): the one it names, or the only one served.
fn on_archive<'a>(
    command: &'a Command,
    served: &'a [Archive],
    lang: Lang,
) -> Result<(&'a Archive, &'a str), Refusal> {
    match command {
        Command::List(a) => Ok((pick(served, a.archive.as_deref(), lang)?, "")),
        Command::Search(a) => Ok((pick(served, a.archive.as_deref(), lang)?, "")),
        Command::Show(a) => article(&a.article, served, lang),
        Command::Outline(a) => article(&a.article, served, lang),
        _ => Err((String::new(), EXIT_FAILURE)),
    }
}

/// `show`/`outline`: `NAME ID`, `ID --archive NAME`, or `ID` alone when
/// one archive is served.
fn article<'a>(
    named: &'a ArticleArgs,
    served: &'a [Archive],
    lang: Lang,
) -> Result<(&'a Archive, &'a str), Refusal> {
    let option = named.archive_option.as_deref();
    let first = named.archive.as_deref().and_then(Path::to_str);
    let usage = |say: Say| (say.text(lang), EXIT_USAGE);
    match (first, named.id.as_deref()) {
        (Some(_), Some(_)) if option.is_some() => Err(usage(Say::ArchiveTwice)),
        (Some(name), Some(id)) => Ok((pick(served, Some(Path::new(name)), lang)?, id)),
        (Some(id), None) => Ok((pick(served, option, lang)?, id)),
        (None, _) => Err(usage(Say::NeedId(named.open.command))),
    }
}

/// The served archive called `name`, or the only one when none is named.
fn pick<'a>(
    served: &'a [Archive],
    name: Option<&Path>,
    lang: Lang,
) -> Result<&'a Archive, Refusal> {
    let all = archives::listed(served);
    let Some(name) = name else {
        return match served {
            [one] => Ok(one),
            _ => Err((say_name_one(lang, &all), EXIT_USAGE)),
        };
    };
    let found = name.to_str().and_then(|n| archives::find(served, n));
    found.map(|i| &served[i]).ok_or_else(|| {
        let name: String = crate::text::sanitize_line(&name.to_string_lossy())
            .chars()
            .take(80)
            .collect();
        (say_no_archive(lang, &name, &all), EXIT_USAGE)
    })
}

fn say_name_one(lang: Lang, all: &str) -> String {
    lang.pick(
        format!("此服务器提供多个档案，请在命令中写出档案名：{all}"),
        format!("this server serves several archives: name one ({all})"),
    )
}

fn say_no_archive(lang: Lang, name: &str, all: &str) -> String {
    lang.pick(
        format!("此服务器没有名为“{name}”的档案（有：{all}）"),
        format!("no archive called \"{name}\" is served here (served: {all})"),
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

    fn sample() -> Vec<Archive> {
        let lib = crate::model::Library::from(crate::model::load_sample().unwrap());
        vec![Archive {
            name: archives::SAMPLE.into(),
            library: std::sync::Arc::new(lib),
            index: IndexState::Unused,
            source: None,
        }]
    }

    fn run_line(line: &str) -> (u8, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run(line, &sample(), &ready_index, Lang::En, &mut out, &mut err);
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
        let (code, out, _) = run_line("list --json");
        assert_eq!(code, 0);
        assert!(out.trim_start().starts_with('{'), "{out}");
        let (code, out, err) = run_line("search 物业");
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
            let (code, out, err) = run_line(line);
            assert_ne!(code, 0, "{line}: {out}");
            assert!(!err.is_empty(), "{line}");
            assert!(!err.contains("root:"), "{line}");
        }
    }

    #[test]
    fn a_path_for_an_id_is_only_an_id_not_found() {
        let (code, _, err) = run_line("show ../../etc/passwd");
        assert_eq!(code, 1);
        assert!(err.contains("../../etc/passwd"), "{err}");
        assert!(!err.contains("root:"));
    }
}
