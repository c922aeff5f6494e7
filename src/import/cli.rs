//! The `bulletin import` command: arguments and the run function.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::say::{Outcome, Said};
use super::write::{Form, write_form_atomic};
use super::{
    ImportError, ImportOptions, MergeOptions, MergeReport, Parsed, decode, merge, parse_bulletin,
    shown, to_json,
};
use crate::lang::Lang;
use crate::model::Archive;
use crate::text::sanitize::sanitize_line;

/// Show a progress bar from this many files on (and only on a terminal).
pub const PROGRESS_MIN_FILES: usize = 8;

/// Input files larger than this are refused: a bulletin is a few hundred
/// kilobytes, and decoding needs several times the file's size in memory.
pub const MAX_INPUT_BYTES: u64 = 256 << 20;

/// An existing output archive larger than this is not read to tell its
/// form (it is then written as one JSON object, as before).
const MAX_OUTPUT_BYTES: u64 = 4 << 30;

/// `bulletin import FILE... [-o ARCHIVE] [options]`
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ImportArgs {
    /// Plain-text bulletin files (UTF-8, UTF-16 with BOM, GB18030/GBK).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Archive to write; if it exists the articles are merged into it.
    /// Without it the archive is printed to standard output.
    #[arg(short, long, value_name = "ARCHIVE")]
    pub output: Option<PathBuf>,
    /// District (区) of the articles [default: from a lead title `XX区：…`].
    #[arg(long, value_name = "NAME")]
    pub district: Option<String>,
    /// Date of the articles [default: an official document's own date].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<String>,
    /// Source of the articles (newspaper, website …).
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// Extra subdistrict names for section heads (comma list or repeated).
    #[arg(long, value_name = "NAMES")]
    pub subdistricts: Vec<String>,
    /// Force an input encoding (utf-8, gb18030, gbk, utf-16le, big5 …).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Replace undecodable bytes with U+FFFD instead of failing.
    #[arg(long)]
    pub lossy: bool,
    /// Turn ASCII , ; : ( ) between Chinese characters full-width.
    #[arg(long)]
    pub normalize_punctuation: bool,
    /// Archive title [default: for one file, its first lead piece's title;
    /// for several, their common district]. An existing archive keeps its
    /// title unless this is given.
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// Archive identity key (see docs/format.md).
    #[arg(long, value_name = "KEY")]
    pub key: Option<String>,
    /// Print what was recognised; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The language of messages and of the `--dry-run` report.
    #[arg(skip)]
    pub lang: crate::lang::Lang,
}

fn parse_date(s: &str) -> Result<String, String> {
    let ok = s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok();
    ok.then(|| s.to_string())
        .ok_or_else(|| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

impl ImportArgs {
    /// The parser's options; names given on the command line are sanitised
    /// like the text.
    pub fn options(&self) -> ImportOptions {
        let clean = |s: &Option<String>| s.as_deref().map(|s| sanitize_line(s).trim().to_string());
        ImportOptions {
            district: clean(&self.district),
            date: self.date.clone(),
            source: clean(&self.source),
            subdistricts: (self.subdistricts.iter())
                .flat_map(|s| s.split([',', '，', '、']))
                .map(|s| sanitize_line(s).trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            normalize_punctuation: self.normalize_punctuation,
        }
    }
}

/// Runs the command; a progress bar shows only when standard error is a
/// terminal and there are at least [`PROGRESS_MIN_FILES`] files.
pub fn run(
    args: &ImportArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), ImportError> {
    let progress = args.files.len() >= PROGRESS_MIN_FILES && std::io::stderr().is_terminal();
    run_with(args, stdout, stderr, progress)
}

/// One input file after parsing.
struct Input {
    path: PathBuf,
    encoding: &'static str,
    lines: usize,
    parsed: Parsed,
}

/// [`run`] with the progress bar decided by the caller. Nothing is written
/// unless every input parsed; the archive is written atomically.
pub fn run_with(
    args: &ImportArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    progress: bool,
) -> Result<(), ImportError> {
    let opts = args.options();
    let bar = progress.then(|| indicatif::ProgressBar::new(args.files.len() as u64));
    let mut inputs = Vec::with_capacity(args.files.len());
    for path in &args.files {
        inputs.push(read_one(path, args, &opts, stderr)?);
        if let Some(b) = &bar {
            b.inc(1);
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let default_title = default_title(&inputs, &args.files);
    let existing = match &args.output {
        Some(p) => load_existing(p, args.lang)?,
        None => None,
    };
    let articles = inputs
        .iter()
        .flat_map(|i| i.parsed.articles.iter().cloned())
        .collect();
    let mopts = MergeOptions {
        title: args
            .title
            .as_deref()
            .map(|s| sanitize_line(s).trim().to_string()),
        key: args.key.clone(),
    };
    let (archive, mrep) = merge(existing, articles, &default_title, &mopts);
    let lang = args.lang;
    for (old, new) in &mrep.renamed {
        let said = Said::Renamed {
            old: old.clone(),
            new: new.clone(),
        };
        warn(stderr, &said.text(lang), lang)?;
    }
    if args.dry_run {
        return dry_run(&inputs, args, &archive, &mrep, stdout);
    }
    for w in inputs.iter().flat_map(|i| &i.parsed.report.warnings) {
        warn(stderr, &w.text(lang), lang)?;
    }
    match &args.output {
        Some(p) => {
            let form = existing_form(p);
            if form == Form::JsonLines && (args.title.is_some() || args.key.is_some()) {
                let said = Said::NoTitleInJsonLines { target: shown(p) };
                warn(stderr, &said.text(lang), lang)?;
            }
            write_form_atomic(p, &archive, form).map_err(|e| io_err(p, e))?;
            let target = shown(p);
            let outcome = outcome(&archive, &mrep);
            let msg = Said::Wrote { target, outcome }.text(lang);
            writeln!(stderr, "{msg}").map_err(|e| io_err(Path::new("<stderr>"), e))
        }
        None => stdout
            .write_all(to_json(&archive).as_bytes())
            .map_err(|e| io_err(Path::new("<stdout>"), e)),
    }
}

fn read_one(
    path: &Path,
    args: &ImportArgs,
    opts: &ImportOptions,
    stderr: &mut dyn Write,
) -> Result<Input, ImportError> {
    // The error's path is only ever displayed: it is kept sanitised.
    let in_file = |error| ImportError::InFile {
        path: PathBuf::from(shown(path)),
        error: Box::new(error),
    };
    let bytes = crate::files::read_regular(path, MAX_INPUT_BYTES).map_err(|e| io_err(path, e))?;
    let decoded = match decode(&bytes, args.encoding.as_deref(), args.lossy) {
        // `decode` does not know the path of what it decodes.
        Err(ImportError::Io { path: p, source }) if p.as_os_str().is_empty() => {
            return Err(io_err(path, source));
        }
        other => other.map_err(in_file)?,
    };
    drop(bytes);
    if decoded.replaced > 0 {
        let said = Said::Replaced {
            file: shown(path),
            count: decoded.replaced,
        };
        warn(stderr, &said.text(args.lang), args.lang)?;
    }
    let parsed = parse_bulletin(&decoded.text, &stem(path), opts).map_err(in_file)?;
    Ok(Input {
        path: path.to_path_buf(),
        encoding: decoded.encoding,
        lines: decoded.text.lines().count(),
        parsed,
    })
}

/// Reads an existing archive to merge into; `None` if there is none. The
/// one place to swap in the model's validating loader.
fn load_existing(path: &Path, lang: Lang) -> Result<Option<Archive>, ImportError> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(path, e)),
        // A device never ends (`/dev/full`), a pipe may never answer
        // (`/dev/stdout` in a pipeline): neither is read nor replaced.
        Ok(m) if !m.is_file() => return Err(io_err(path, not_an_output(m.file_type()))),
        Ok(_) => {}
    }
    // The reader every command uses, checked (`model::load_path`): the
    // same messages (file:line:column, every problem) as `bulletin check`,
    // and the same sanitising.
    crate::model::load_path(path)
        .map(Some)
        .map_err(|e| ImportError::BadArchive {
            path: PathBuf::from(shown(path)),
            message: e.text(lang),
        })
}

fn dry_run(
    inputs: &[Input],
    args: &ImportArgs,
    archive: &Archive,
    mrep: &MergeReport,
    out: &mut dyn Write,
) -> Result<(), ImportError> {
    let lang = args.lang;
    let mut text = String::new();
    for i in inputs {
        let label = Said::FileLabel {
            file: i.path.display().to_string(),
            encoding: i.encoding.to_string(),
            lines: i.lines,
        };
        let label = sanitize_line(&label.text(lang));
        text.push_str(&i.parsed.report.render_in(&label, lang));
    }
    let target = match &args.output {
        Some(p) => sanitize_line(&p.display().to_string()),
        None => Said::StandardOutput.text(lang),
    };
    let outcome = outcome(archive, mrep);
    text.push_str(&format!(
        "{}\n",
        Said::WouldWrite { target, outcome }.text(lang)
    ));
    out.write_all(text.as_bytes())
        .map_err(|e| io_err(Path::new("<stdout>"), e))
}

fn outcome(archive: &Archive, r: &MergeReport) -> Outcome {
    Outcome {
        title: sanitize_line(&archive.title),
        articles: archive.articles.len(),
        added: r.added,
        replaced: r.replaced,
        unchanged: r.unchanged,
        duplicates: r.duplicates,
    }
}

/// A new archive's title (without `--title`): one file's first lead
/// piece (or the file's name); several files' common district, else
/// their districts, never one file's first article.
fn default_title(inputs: &[Input], files: &[PathBuf]) -> String {
    let same = |a: &PathBuf, b: &PathBuf| {
        a == b || std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
    };
    // One file (perhaps named twice: the same import, which changes nothing).
    if inputs.iter().all(|i| same(&i.path, &inputs[0].path)) {
        let stem = || stem(files.first().map_or(Path::new(""), PathBuf::as_path));
        let lead = inputs.first().and_then(|i| i.parsed.lead_title.clone());
        return lead.unwrap_or_else(stem);
    }
    let mut districts: Vec<&str> = Vec::new();
    for a in inputs.iter().flat_map(|i| &i.parsed.articles) {
        if !districts.contains(&a.district.as_str()) {
            districts.push(&a.district);
        }
    }
    match districts.len() {
        0 => "bulletin".to_string(),
        1..=3 => districts.join("、"),
        _ => format!("{}等", districts[..3].join("、")),
    }
}

fn warn(stderr: &mut dyn Write, msg: &str, lang: Lang) -> Result<(), ImportError> {
    let label = Said::Warning.text(lang);
    writeln!(stderr, "{label}{msg}").map_err(|e| io_err(Path::new("<stderr>"), e))
}

/// The form of an existing output file: JSON Lines stays JSON Lines (its
/// first value is not an archive object; see docs/format.md), anything
/// else, or a new file, is written as one JSON object.
fn existing_form(path: &Path) -> Form {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<serde::de::IgnoredAny>,
        articles: Option<serde::de::IgnoredAny>,
    }
    let Ok(bytes) = crate::files::read_regular(path, MAX_OUTPUT_BYTES) else {
        return Form::Json;
    };
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let first = serde_json::Deserializer::from_slice(bytes)
        .into_iter::<Head>()
        .next();
    match first {
        Some(Ok(Head {
            format: None,
            articles: None,
        })) => Form::JsonLines,
        _ => Form::Json,
    }
}

/// Why `-o` cannot name a special file, with the way out.
fn not_an_output(kind: std::fs::FileType) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!(
            "not a regular file ({}); give -o an archive file, or leave out -o to print the archive to standard output",
            crate::files::kind_name(kind)
        ),
    )
}

fn io_err(path: &Path, source: std::io::Error) -> ImportError {
    ImportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn stem(path: &Path) -> String {
    let s = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    sanitize_line(&s.unwrap_or_default())
}
