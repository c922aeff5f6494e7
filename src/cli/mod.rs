//! Command-line interface: clap definitions, the reader command (which
//! builds the app and hands it to `term`), and the non-interactive
//! commands (`list`, `show`, `check`, ...).

mod article;
mod check;
mod commands;
mod help;
mod help_zh;
mod in_order;
pub mod json;
mod open;
mod outline;
mod reader;
mod say;
mod search;
mod search_out;
mod serve_args;
mod settings;
mod unsaved;
mod usage_error;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::{AmbiguousWidth, Language, WIDTH_RANGE};
use crate::lang::Lang;

pub use check::run_check;
pub use commands::{list_on, run_bookmarks, run_config, run_import, run_list, run_show, show_on};
pub use help::{command, lang_of_args, parse, parse_from};
pub use open::{Opening, load_library, reader_library};
pub use outline::{OutlineEntry, outline_entries, outline_on, run_outline};
pub use reader::run_reader;
pub use say::Say;
pub use search::{IndexAt, run_search, search_on};
pub use serve_args::ServeArgs;
pub use settings::settings_from;
pub use usage_error::{render as render_usage_error, report as report_usage_error};

/// Exit status: success.
pub const EXIT_OK: u8 = 0;
/// Exit status: the archive could not be loaded or is invalid, or the command failed.
pub const EXIT_FAILURE: u8 = 1;
/// Exit status: the command line was wrong (clap's own status).
pub const EXIT_USAGE: u8 = 2;
/// Exit status: the reader needs a terminal and did not get one.
pub const EXIT_NO_TERMINAL: u8 = 3;
/// Exit status: the reader's terminal went away (128 + SIGHUP, as after
/// the hang-up signal itself). Any other terminating signal gives 128 + its
/// number.
pub const EXIT_HANGUP: u8 = 129;
/// Exit status: the reader ended with bookmarks or reading positions it
/// could not save (they are listed on stderr and copied to a fallback file).
pub const EXIT_UNSAVED: u8 = 4;

/// A keyboard-driven terminal reader for archives of Chinese-language bulletins.
#[derive(Debug, Parser)]
#[command(name = "bulletin", version, about)]
#[command(args_conflicts_with_subcommands = true, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub reader: ReaderArgs,
    /// Language of messages and help: zh or en [default: from LC_ALL /
    /// LC_MESSAGES / LANG].
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Language>,
}

impl Cli {
    /// The language messages are in: `--lang`, else the locale.
    pub fn language(&self) -> Lang {
        self.lang
            .unwrap_or_default()
            .resolve(|k| std::env::var(k).ok())
    }

    /// Gives the commands that open archives the language and their name.
    pub fn prepare(&mut self) {
        let lang = self.language();
        match &mut self.command {
            Some(Command::List(a)) => a.open.prepare("list", lang),
            Some(Command::Show(a)) => a.article.open.prepare("show", lang),
            Some(Command::Outline(a)) => a.article.open.prepare("outline", lang),
            Some(Command::Search(a)) => {
                a.open.prepare("search", lang);
                a.open.cache_dir.clone_from(&a.cache_dir);
            }
            Some(Command::Import(a)) => a.lang = lang,
            _ => {}
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the archive's groups (district, subdistrict) and articles.
    List(ListArgs),
    /// Print one article laid out for a given width, as plain text.
    #[command(override_usage = "bulletin show [OPTIONS] <ARCHIVE> <ID>\n       \
                                bulletin show [OPTIONS] <ID> --archive <ARCHIVE>")]
    Show(ShowArgs),
    /// Print an article's outline (its sections, as the reader's `o` shows them).
    #[command(override_usage = "bulletin outline [OPTIONS] <ARCHIVE> <ID>\n       \
                                bulletin outline [OPTIONS] <ID> --archive <ARCHIVE>")]
    Outline(OutlineArgs),
    /// Validate an archive and list every problem found.
    Check(CheckArgs),
    /// Search every article of an archive (exit 0 with hits, 1 with none).
    Search(SearchArgs),
    /// Turn plain-text bulletins (UTF-8, UTF-16, GB18030/GBK) into an archive.
    Import(crate::import::ImportArgs),
    /// List the bookmarks kept for an archive (or for every archive).
    Bookmarks(BookmarksArgs),
    /// Show where the settings file is read from, or print the defaults.
    Config(ConfigArgs),
    /// Serve archives over SSH: readers connect with `ssh -t -p PORT HOST`.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the default settings file (every setting, commented).
    #[arg(long)]
    pub default: bool,
    /// Settings file to check [default: $BULLETIN_CONFIG, else the XDG path].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BookmarksArgs {
    /// Archive whose bookmarks to list (default: every archive's).
    pub archive: Option<PathBuf>,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
    /// Where bookmarks and reading positions are kept (env: BULLETIN_DATA_DIR).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Args, Default)]
pub struct ReaderArgs {
    /// Archive to read (default: the bundled sample).
    pub archive: Option<PathBuf>,
    /// How wide the terminal draws ambiguous-width characters [default: auto,
    /// or the config file's setting].
    #[arg(long, value_enum, env = "BULLETIN_AMBIGUOUS_WIDTH")]
    pub ambiguous_width: Option<AmbiguousWidth>,
    /// Draw borders with ASCII characters only.
    #[arg(long)]
    pub ascii: bool,
    /// Maximum width of the text column in the reader, in columns [default: 80,
    /// or the config file's setting].
    #[arg(long, value_parser = clap::value_parser!(u16).range(i64::from(*WIDTH_RANGE.start())..=i64::from(*WIDTH_RANGE.end())))]
    pub width: Option<u16>,
    /// Settings file [default: $BULLETIN_CONFIG, else config.toml in the XDG
    /// config directory]; see `bulletin config --default`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Where bookmarks and reading positions are kept (env: BULLETIN_DATA_DIR).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Where search indexes are kept (env: BULLETIN_CACHE_DIR).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Scroll with the mouse wheel and click list entries (this takes the
    /// terminal's own text selection away; hold Shift to select).
    #[arg(long)]
    pub mouse: bool,
    /// Never write to the clipboard (`y`/`Y` copy with OSC 52 otherwise).
    #[arg(long)]
    pub no_clipboard: bool,
    /// Refuse an archive with a problem in its own or any article's fields
    /// (a bad date, a missing title, an id used twice…), in `bulletin
    /// check`'s words; a problem inside a body shows when its article is
    /// opened (`bulletin check` reads every body). By default what can be
    /// read is read, and `!` lists the problems.
    #[arg(long)]
    pub strict: bool,
    /// Drawing backend, for measurements: lean (default), lean-sync,
    /// lean-nosync or plain (docs/bandwidth.md).
    #[arg(long, hide = true, env = "BULLETIN_BACKEND")]
    pub backend: Option<String>,
    /// Leave after the first frame, for start-up benchmarks
    /// (docs/performance.md).
    #[arg(long, hide = true, env = "BULLETIN_EXIT_AFTER_FIRST_FRAME")]
    pub exit_after_first_frame: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Archive to list.
    pub archive: Option<PathBuf>,
    /// Only this subdistrict (e.g. 须水街道).
    #[arg(long, value_name = "NAME")]
    pub subdistrict: Option<String>,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub open: Opening,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub article: ArticleArgs,
    /// Line width in columns (at least 2: a Chinese character takes two).
    #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u16).range(2..))]
    pub width: u16,
    /// How wide the terminal draws ambiguous-width characters (auto means narrow here).
    #[arg(long, value_enum, default_value = "narrow")]
    pub ambiguous_width: AmbiguousWidth,
}

#[derive(Debug, Args)]
pub struct OutlineArgs {
    #[command(flatten)]
    pub article: ArticleArgs,
    /// Machine-readable output: the article's id, title and sections.
    #[arg(long)]
    pub json: bool,
}

/// One article named on the command line (`show`, `outline`): `ARCHIVE
/// ID`, or `ID --archive ARCHIVE`, or `ID --sample`.
#[derive(Debug, Args)]
pub struct ArticleArgs {
    /// Archive holding the article.
    #[arg(value_name = "ARCHIVE", required = true)]
    pub archive: Option<PathBuf>,
    /// Article id (see `bulletin list ARCHIVE`).
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// The archive, given as an option (`ID --archive ARCHIVE`).
    #[arg(long = "archive", value_name = "ARCHIVE")]
    pub archive_option: Option<PathBuf>,
    #[command(flatten)]
    pub open: Opening,
}

pub(crate) const SEARCH_HELP: &str = "\
QUERY matches as the reader's search does: case-insensitive unless it has
capitals, full and half width alike (ＡＢＣ１２３ = ABC123), simplified and
traditional Chinese alike (社区 = 社區); `re:PATTERN` is a regular expression.
Facet terms in QUERY work too: subdistrict:NAME district:NAME after:DATE
before:DATE. DATE is YYYY, YYYY-MM or YYYY-MM-DD (/ or . may separate, leading
zeros may be left out, full-width digits work); a year or month stands for its
first day. after: keeps articles dated on or after it, before: those dated
before it, so after:2021 before:2022 is the year 2021; undated articles are
left out.

Large archives (4 MB and up) are searched through an index of their folded
text, built on first use in the cache directory ($BULLETIN_CACHE_DIR, else
$XDG_CACHE_HOME/bulletin) and rebuilt when the archive changes.

Output is written article by article as each is ready. --json writes one
document {query, total_hits, articles: [{id, title, district, subdistrict,
date, hits, snippets, hit_spans}]} (hit_spans: each snippet's hit as [start,
end] in characters); --jsonl writes one such article object per line and
nothing else on standard output (for jq and other pipelines), the totals line
going to standard error.

Exit status:
  0  at least one hit
  1  no hits, or the archive could not be loaded, or the query is invalid
  2  the command line was wrong (a DATE that is not one included)";

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to find (see below for the syntax).
    pub query: String,
    /// Archive to search.
    pub archive: Option<PathBuf>,
    /// Only articles of this subdistrict (a part of the name is enough).
    #[arg(long, value_name = "NAME")]
    pub subdistrict: Option<String>,
    /// Only articles of this district.
    #[arg(long, value_name = "NAME")]
    pub district: Option<String>,
    /// Only articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub after: Option<String>,
    /// Only articles dated before DATE (a year or month: before its first day).
    #[arg(long, value_name = "DATE")]
    pub before: Option<String>,
    /// Machine-readable output: one JSON document.
    #[arg(long)]
    pub json: bool,
    /// JSON Lines for pipelines: one object per article per line (the
    /// fields of one of `--json`'s articles), nothing else on standard
    /// output; the totals line goes to standard error.
    #[arg(long, conflicts_with_all = ["json", "count"])]
    pub jsonl: bool,
    /// Where search indexes are kept (env: BULLETIN_CACHE_DIR).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Search article by article, without an index.
    #[arg(long)]
    pub no_index: bool,
    /// Only the counts: `ID HITS` per article, no snippets (like grep -c).
    #[arg(long, conflicts_with = "json")]
    pub count: bool,
    #[command(flatten)]
    pub open: Opening,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Archive to validate.
    #[arg(required_unless_present = "sample", conflicts_with = "sample")]
    pub archive: Option<PathBuf>,
    /// Check the bundled sample archive instead.
    #[arg(long)]
    pub sample: bool,
    /// Machine-readable output (English keys and messages) on standard
    /// output.
    #[arg(long)]
    pub json: bool,
}

/// Writes a command's output; a closed pipe (`bulletin list | head`) is
/// not an error worth shouting about.
pub(crate) fn finish(result: std::io::Result<()>, lang: Lang, err: &mut dyn Write) -> u8 {
    match result {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => fail(err, &Say::CannotWrite(e.to_string()).text(lang)),
    }
}

/// A wrong command line on standard error: `bulletin: …`; exit status 2.
pub(crate) fn usage_fail(err: &mut dyn Write, msg: &str) -> u8 {
    fail(err, msg);
    EXIT_USAGE
}

/// An error on standard error: `bulletin: …`; exit status 1.
pub(crate) fn fail(err: &mut dyn Write, msg: &str) -> u8 {
    let _ = writeln!(err, "bulletin: {msg}");
    EXIT_FAILURE
}
