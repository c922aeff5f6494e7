//! The command line in the user's language: clap's derive gives the
//! English, this table the Chinese of every description and each
//! command's own closing notes (exit statuses, what ARCHIVE is). clap's
//! error messages are told in Chinese by `cli::usage_error`.

use std::ffi::OsString;

use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::help_zh::{ABOUT_ZH, ARCHIVE_ZH, ARGS_ZH, READER_ZH, SAMPLE_ZH, SEARCH_ZH, TEMPLATE_ZH};
use super::{Cli, SEARCH_HELP};
use crate::config::Language;
use crate::lang::Lang;

/// `--lang` taken out of the arguments, wherever it stands (before or
/// after a command's name: clap would take it for the reader's own
/// before one), and its value. Arguments after `--` are left alone.
pub fn split_lang(
    args: impl IntoIterator<Item = OsString>,
) -> Result<(Vec<OsString>, Option<Language>), String> {
    let mut rest = Vec::new();
    let mut lang = None;
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        let text = a.to_string_lossy().into_owned();
        let value = match text.strip_prefix("--lang") {
            _ if text == "--" => {
                rest.push(a);
                rest.extend(args.by_ref());
                break;
            }
            Some("") => args.next().map(|v| v.to_string_lossy().into_owned()),
            Some(v) if v.starts_with('=') => Some(v[1..].to_string()),
            _ => {
                rest.push(a);
                continue;
            }
        };
        lang = Some(match value.as_deref() {
            Some("zh") => Language::Zh,
            Some("en") => Language::En,
            Some("auto") => Language::Auto,
            other => {
                return Err(other.unwrap_or_default().to_string());
            }
        });
    }
    Ok((rest, lang))
}

/// The language of `--help` and of every message: `--lang` if given,
/// else the locale.
pub fn lang_of_args(args: impl IntoIterator<Item = OsString>) -> Lang {
    let lang = split_lang(args).ok().and_then(|(_, l)| l);
    lang.unwrap_or_default().resolve(|k| std::env::var(k).ok())
}

/// Parses the process's arguments with help in the user's language.
pub fn parse() -> Result<Cli, clap::Error> {
    let (args, lang) = split_lang(std::env::args_os()).map_err(bad_lang)?;
    let shown = lang.unwrap_or_default().resolve(|k| std::env::var(k).ok());
    let mut cli = parse_in(args, shown)?;
    cli.lang = lang;
    cli.prepare();
    Ok(cli)
}

/// `args` (`--lang` taken out) parsed with help and errors in `shown`.
fn parse_in(args: Vec<OsString>, shown: Lang) -> Result<Cli, clap::Error> {
    let args = match shown {
        Lang::Zh => help_as_flag(args),
        Lang::En => args,
    };
    let matches = command(shown).try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// Parses `args` (the program's name first) with help in `lang` unless
/// they say `--lang`: the commands a client runs on `bulletin serve`.
pub fn parse_from(args: Vec<OsString>, lang: Lang) -> Result<Cli, clap::Error> {
    let (args, given) = split_lang(args).map_err(bad_lang)?;
    let shown = given.map_or(lang, |l| l.resolve(|_| None));
    let mut cli = parse_in(args, shown)?;
    cli.lang = Some(match shown {
        Lang::Zh => Language::Zh,
        Lang::En => Language::En,
    });
    cli.prepare();
    Ok(cli)
}

/// `help [COMMAND]` as `[COMMAND] --help`: the Chinese command line
/// describes its own `help` (clap's cannot be translated), which clap
/// would then not handle.
fn help_as_flag(args: Vec<OsString>) -> Vec<OsString> {
    if args.get(1).is_none_or(|a| a != "help") {
        return args;
    }
    let mut args = args;
    args.remove(1);
    args.push("--help".into());
    args
}

/// A `--lang` value that is none of the three, as clap reports a bad
/// choice (so it can be told in either language).
fn bad_lang(value: String) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let cmd = Cli::command();
    let mut e = clap::Error::new(ErrorKind::InvalidValue).with_cmd(&cmd);
    let valid = ["auto", "zh", "en"].map(String::from).to_vec();
    e.insert(
        ContextKind::InvalidArg,
        ContextValue::String("--lang <LANG>".into()),
    );
    e.insert(ContextKind::InvalidValue, ContextValue::String(value));
    e.insert(ContextKind::ValidValue, ContextValue::Strings(valid));
    e
}

/// The whole command line, described in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command().after_help(after(Lang::En, ""));
    for name in SUBCOMMANDS {
        cmd = cmd.mut_subcommand(name, |s| s.after_help(after(Lang::En, name)));
    }
    if lang == Lang::Zh {
        cmd = chinese(cmd);
    }
    cmd
}

const SUBCOMMANDS: [&str; 8] = [
    "list",
    "show",
    "outline",
    "check",
    "search",
    "import",
    "bookmarks",
    "config",
];

/// Each command's closing notes: its exit statuses and what its
/// arguments are.
fn after(lang: Lang, command: &str) -> String {
    let zh = lang == Lang::Zh;
    let archive = lang.pick(ARCHIVE_ZH, ARCHIVE_EN);
    let status = |one: &str| {
        lang.pick(
            format!("退出状态：\n  0  成功\n  1  {one}\n  2  命令行有误"),
            format!("Exit status:\n  0  success\n  1  {one}\n  2  the command line was wrong"),
        )
    };
    let load = lang.pick(
        "档案无法读取（用 --strict 时：档案有任何问题），或命令失败",
        "the archive could not be read (with --strict: has any problem), or the command failed",
    );
    match command {
        "" => lang.pick(READER_ZH, READER_EN).to_string(),
        "list" | "show" | "outline" => format!(
            "{}\n\n{archive}\n{}",
            status(load),
            lang.pick(SAMPLE_ZH, SAMPLE_EN)
        ),
        "check" => format!(
            "{}\n\n{archive}",
            status(lang.pick(
                "档案有问题或无法读取",
                "the archive has problems or could not be read"
            ))
        ),
        "search" if zh => SEARCH_ZH.to_string(),
        "search" => SEARCH_HELP.to_string(),
        "import" => status(lang.pick(
            "无法导入（未写出任何文件）",
            "nothing was imported (no file was written)",
        )),
        "serve" => status(lang.pick(
            "服务器无法启动（地址已被占用，主机密钥、密钥文件或档案无法读取）",
            "the server could not start (the address is taken, or the host key, the keys file or the archive could not be read)",
        )),
        "bookmarks" => status(lang.pick(
            "档案或状态文件无法读取",
            "the archive or the state file could not be read",
        )),
        _ => status(lang.pick("设置文件无效", "the settings file is invalid")),
    }
}

const ARCHIVE_EN: &str = "\
ARCHIVE is a .json archive, a .jsonl file (one article per line) or a directory of them.";
const SAMPLE_EN: &str = "--sample reads the bundled sample archive instead.";

const READER_EN: &str = "\
Exit status:
  0  success
  1  the archive or the settings file could not be loaded (with --strict:
     the archive has any problem), or the command failed
  2  the command line was wrong
  3  the reader was started without a terminal, or on TERM=dumb (use `list`
     or `show` there)
  4  the reader could not save bookmarks or reading positions; they are listed
     on stderr and a copy is written to the cache (or temporary) directory
  128+N  the reader was ended by signal N (SIGTERM 143, SIGINT 130, ...); 129
     also when its terminal went away (a closed window, a dropped SSH link)

Without ARCHIVE the bundled sample archive (Zhongyuan district bulletin) is used.
ARCHIVE is a .json archive, a .jsonl file (one article per line) or a directory of them.
An archive with problems still opens: what can be read is shown, and `!` lists
the problems. The reader follows the file: when it changes on disk it is read
again, and the reader stays where it was.";

/// The Chinese descriptions, headings and notes.
fn chinese(cmd: Command) -> Command {
    let mut cmd = zh_args(cmd, "bulletin")
        .about("键盘操作的终端阅读器，用于阅读中文简报档案。")
        .after_help(after(Lang::Zh, ""))
        .help_template(TEMPLATE_ZH)
        .subcommand_help_heading("命令")
        .disable_help_subcommand(true)
        .subcommand(Command::new("help").about("显示帮助，或某个命令的帮助（help 命令名）"));
    for (name, about) in ABOUT_ZH {
        cmd = cmd.mut_subcommand(name, |s| {
            zh_args(s, name)
                .about(about)
                .after_help(after(Lang::Zh, name))
                .help_template(TEMPLATE_ZH)
        });
    }
    cmd
}

/// Each argument's Chinese description, and the headings of the lists
/// (clap's own `--help` and `--version` are replaced to be described).
fn zh_args(cmd: Command, command: &str) -> Command {
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help("显示帮助");
    let version = Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help("显示版本");
    let mut cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help)
        .arg(version);
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let find = |c: &str| ARGS_ZH.iter().find(|(cc, a, _)| *cc == c && *a == id);
        let help = find(command).or_else(|| find("*")).map(|(_, _, h)| *h);
        cmd = cmd.mut_arg(&id, |a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            // The values are described in the Chinese help itself.
            let values = a.get_action().takes_values();
            let a = a.help_heading(heading).hide_possible_values(values);
            match help {
                Some(h) => a.help(h),
                None => a,
            }
        });
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_build() {
        command(Lang::En).debug_assert();
        command(Lang::Zh).debug_assert();
    }

    #[test]
    fn every_argument_is_described_in_chinese() {
        let cmd = command(Lang::Zh);
        let mut all = vec![&cmd];
        all.extend(cmd.get_subcommands());
        for c in all {
            for a in c.get_arguments().filter(|a| !a.is_hide_set()) {
                let help = a.get_help().map(ToString::to_string).unwrap_or_default();
                let han = help
                    .chars()
                    .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch));
                assert!(han, "{} {}: {help:?}", c.get_name(), a.get_id());
            }
            let about = c.get_about().map(ToString::to_string).unwrap_or_default();
            assert!(
                about.is_empty() || !about.is_ascii(),
                "{}: {about}",
                c.get_name()
            );
        }
    }

    #[test]
    fn lang_is_taken_out_wherever_it_stands() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        let (rest, lang) =
            split_lang(args(&["bulletin", "--lang", "zh", "list", "a.json"])).unwrap();
        assert_eq!(rest, args(&["bulletin", "list", "a.json"]));
        assert_eq!(lang, Some(Language::Zh));
        let (rest, lang) = split_lang(args(&["b", "search", "--", "--lang"])).unwrap();
        assert_eq!((rest.len(), lang), (4, None));
        assert!(split_lang(args(&["b", "--lang=fr"])).is_err());
    }

    #[test]
    fn help_in_chinese_is_the_help_flag() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        let flag = help_as_flag(args(&["bulletin", "help", "list"]));
        assert_eq!(flag, args(&["bulletin", "list", "--help"]));
        assert_eq!(help_as_flag(args(&["b", "help"])), args(&["b", "--help"]));
        assert_eq!(help_as_flag(args(&["b", "list"])), args(&["b", "list"]));
        let e = command(Lang::Zh).try_get_matches_from(args(&["b", "list", "--help"]));
        let help = e.unwrap_err().render().to_string();
        assert!(help.contains("用法：b list"), "{help}");
    }

    #[test]
    fn lang_is_read_before_parsing() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_of_args(args(&["bulletin", "--lang", "zh"])), Lang::Zh);
        assert_eq!(
            lang_of_args(args(&["bulletin", "list", "--lang=en"])),
            Lang::En
        );
    }
}
