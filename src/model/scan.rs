//! The reader's up-front pass over an archive file (see `docs/performance.md`):
//! one serde_json pass that builds only what the first frame needs. Each
//! article's metadata (every field but `body`) is parsed, sanitised and
//! checked the way the full loader does it (`model::convert`); its `body` is
//! skipped unparsed (syntax checked, UTF-8 not), and where the article
//! starts is kept so it can be read and parsed in full when opened.
//!
//! The pass runs on two threads: this one reads the file a window at a
//! time (`model::scan_window`) and copies each article's raw metadata out of
//! the window, the other turns it into an [`ArticleMeta`], batch by batch,
//! so the work beyond the parser's own overlaps with it.
//!
//! The pass reads leniently, whatever the strictness of the open: every
//! problem it sees is kept ([`Scan::faults`]), and strictness is a filter
//! over them (`model::open`); checked, it also checks each article whole
//! as it reads it (`model::scan_check`). An article that is not an object
//! is kept as broken. It gives up (`None`) only on what it cannot read (a
//! syntax error, a file cut short): `model::unreadable` (or the full
//! loader) then says what is wrong.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use serde_json::{Map, Value};

use super::convert::accept;
use super::describe::{Fault, Kind, What};
use super::fields::{Fields, Skipped};
use super::library::ArticleMeta;
use super::mend::{Strictness, rough_meta_of};
use super::rules::good_id;
use super::scan_check::{BodyFaults, FirstIds, check_bodies, check_whole};
use super::scan_raw::Scanned;
use super::scan_window::{Take, Whole, read_file};
use super::source::Source;
use super::whole_parse::Parsed;

/// Articles per batch handed to the checking thread.
const BATCH: usize = 1024;
/// Bytes of whole articles per batch, when checking them: four batches
/// wait in the channel, so this bounds the memory the check adds.
const WHOLE_BATCH: usize = 256 << 10;

/// What the pass found: a single-file archive's own fields (`None` for
/// JSON Lines), each article's metadata and start offset in the text
/// (after the byte order mark, `bom` bytes), where the last article ends,
/// and the faults of each article that has some, with whether it is
/// broken. Duplicate ids are the builder's to find (`model::build`,
/// which fills `ids`).
pub(super) struct Scan {
    pub header: Option<Map<String, Value>>,
    pub bom: usize,
    pub articles: Vec<ArticleMeta>,
    pub starts: Vec<usize>,
    /// Where each article's object ends.
    pub ends: Vec<usize>,
    /// The hash of each article's bytes ([`body_hash`](super::scan_window::body_hash)).
    pub hashes: Vec<u64>,
    /// JSON Lines: the line each article starts on, counted as the pass
    /// read (empty for a single-file archive, or one from the cache).
    pub lines: Vec<u32>,
    pub last_end: usize,
    pub ids: HashMap<String, usize>,
    pub faults: Vec<Faulty>,
    /// The articles with no `body` (a problem when strict, which the
    /// lenient reading notes only when the article is opened).
    pub bodiless: Vec<usize>,
    /// Every article checked whole and strictly, body included, as it
    /// was read (when asked: [`Check::Strictly`]).
    pub checked: Option<Parsed>,
    /// Each body checked leniently as it was read (when asked:
    /// [`Check::Bodies`]).
    pub bodies: BodyFaults,
}

/// What the pass checks of each article beyond its metadata.
pub(super) enum Check<'a> {
    /// Nothing more: bodies are read when opened.
    Metadata,
    /// Every article whole, strictly, by the full loader's per-article
    /// check (`Parsed::checking`), with the ids seen in the files checked
    /// before (`model::scan_check`).
    Strictly(Box<Parsed>, &'a mut FirstIds),
    /// Each body, leniently, as opening its article reads it.
    Bodies,
}

/// An article with faults: its index, whether it is broken, and why;
/// whether its id is usable all the same (a strict reading checks that it
/// is used once, as the full loader does).
pub(super) struct Faulty {
    pub index: usize,
    pub broken: bool,
    pub faults: Vec<Fault>,
    pub id_usable: bool,
}

/// What the pass keeps of each article beyond where it is and its hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    /// Its metadata, and the index of ids (every reader).
    Metadata,
    /// Only whether it has faults (`bulletin check`, which checks every
    /// article whole as it goes: memory stays flat in the archive's size).
    Places,
}

/// Scans the first `len` bytes of `file` (its length when opened),
/// reading `window` bytes at a time, keeping what `keep` says; `None` on
/// any problem it cannot go on with. With `check`, every article is also
/// parsed whole as it is read and checked ([`Check`]): strictly, body
/// included, by the full loader's per-article check, or each body
/// leniently: no second reading. Strictly, `None` too when an article
/// cannot be parsed whole (a body that is not UTF-8, a number out of
/// range).
pub(super) fn scan_by(
    file: &(impl Source + ?Sized),
    len: u64,
    window: usize,
    keep: Keep,
    check: Check,
) -> Option<Scan> {
    std::thread::scope(|s| {
        let (tx, rx) = sync_channel(4);
        let whole = !matches!(check, Check::Metadata);
        let checker = s.spawn(move || check_all(rx, keep, check));
        let mut sender = Batches {
            batch: Batch::default(),
            tx,
            last_end: 0,
            whole,
        };
        let read = read_file(file, len, window, &mut sender).ok();
        let Batches {
            batch,
            tx,
            last_end,
            ..
        } = sender;
        // The last batch; then the channel closes and the checker finishes.
        let sent = read.is_some() && tx.send(batch).is_ok();
        drop(tx);
        let mut found = checker.join().ok()??;
        sent.then_some(())?;
        (found.header, found.bom) = read?;
        found.last_end = last_end;
        Some(found)
    })
}

/// Articles' metadata as raw JSON, owned (the window it was read from is
/// read into again): one string for the batch, and each article's start
/// and members as ranges of the string.
/// Checking, each article's bytes too, with the line it starts on.
#[derive(Default)]
struct Batch {
    text: String,
    articles: Vec<Raw>,
    bytes: Vec<u8>,
    wholes: Vec<(Range<usize>, Option<usize>)>,
}

/// An article of a batch: where it is in the file, the hash of its bytes,
/// and its members as ranges of the batch's text.
/// (An article that is not an object is only its kind.)
type Raw = (
    Range<usize>,
    u64,
    Option<usize>,
    Result<Fields<Range<usize>, Skipped>, Kind>,
);

impl Batch {
    fn push(&mut self, scanned: Scanned, at: Range<usize>, hash: u64, line: Option<usize>) {
        let text = &mut self.text;
        let kept = scanned.fields.map(|fields| {
            fields.map(|raw| {
                let from = text.len();
                text.push_str(raw.get());
                from..text.len()
            })
        });
        self.articles.push((at, hash, line, kept));
    }

    fn push_whole(&mut self, whole: Whole) {
        let from = self.bytes.len();
        self.bytes.extend_from_slice(whole.bytes);
        self.wholes.push((from..self.bytes.len(), whole.line));
    }
}

struct Batches {
    batch: Batch,
    tx: SyncSender<Batch>,
    last_end: usize,
    /// Whether each article's bytes go to the checker too.
    whole: bool,
}

impl Take for Batches {
    fn take(&mut self, scanned: Scanned, at: Range<usize>, hash: u64, whole: Whole) -> bool {
        self.last_end = at.end;
        self.batch.push(scanned, at, hash, whole.line);
        if self.whole {
            self.batch.push_whole(whole);
        }
        if self.batch.articles.len() < BATCH && self.batch.bytes.len() < WHOLE_BATCH {
            return true;
        }
        // The next batch's room, as large as this one's (no regrowing).
        let next = Batch {
            text: String::with_capacity(self.batch.text.len()),
            articles: Vec::with_capacity(BATCH),
            bytes: Vec::with_capacity(self.batch.bytes.len()),
            wholes: Vec::with_capacity(if self.whole { BATCH } else { 0 }),
        };
        // A closed channel: the checker found a problem.
        self.tx
            .send(std::mem::replace(&mut self.batch, next))
            .is_ok()
    }
}

/// The checking side: every batch until the channel closes; `None` (and
/// an early return, which closes the channel) at the first problem it
/// cannot go on with.
fn check_all(rx: Receiver<Batch>, keep: Keep, mut checking: Check) -> Option<Scan> {
    let mut scan = Scan {
        header: None,
        bom: 0,
        articles: Vec::new(),
        starts: Vec::new(),
        ends: Vec::new(),
        hashes: Vec::new(),
        lines: Vec::new(),
        last_end: 0,
        ids: HashMap::new(),
        faults: Vec::new(),
        bodiless: Vec::new(),
        checked: None,
        bodies: BodyFaults::default(),
    };
    match &mut checking {
        Check::Strictly(parsed, ids) => ids.begin_file(&parsed.location),
        Check::Bodies => scan.bodies.checked = true,
        Check::Metadata => {}
    }
    for batch in rx {
        let (bytes, wholes) = (&batch.bytes, &batch.wholes);
        match &mut checking {
            Check::Strictly(parsed, ids) => check_whole(parsed, ids, bytes, wholes)?,
            Check::Bodies => check_bodies(&mut scan.bodies, scan.starts.len(), bytes, wholes),
            Check::Metadata => {}
        }
        for (at, hash, line, ranges) in batch.articles {
            let index = scan.starts.len();
            let head = match ranges {
                Ok(ranges) => {
                    let fields = ranges.map(|r| &batch.text[r]);
                    if !fields.body.0 {
                        scan.bodiless.push(index);
                    }
                    check(fields, index + 1)?
                }
                Err(kind) => not_an_article(kind, index + 1),
            };
            let (meta, faulty) = match head {
                Head::Good(meta, faults) => {
                    (meta, (!faults.is_empty()).then_some((false, faults, true)))
                }
                Head::Broken(meta, faults, usable) => (meta, Some((true, faults, usable))),
            };
            if let Some((broken, faults, id_usable)) = faulty {
                let faulty = Faulty {
                    index,
                    broken,
                    faults,
                    id_usable,
                };
                scan.faults.push(faulty);
            }
            scan.starts.push(at.start);
            scan.ends.push(at.end);
            scan.hashes.push(hash);
            // (Only for placing what the library keeps.)
            if let (Some(line), Keep::Metadata) = (line, keep) {
                scan.lines.push(u32::try_from(line).unwrap_or(u32::MAX));
            }
            if keep == Keep::Metadata {
                scan.articles.push(meta);
            }
        }
    }
    if let Check::Strictly(parsed, ids) = checking {
        ids.end_file(parsed.count);
        scan.checked = Some(*parsed);
    }
    scan.articles.shrink_to_fit();
    scan.starts.shrink_to_fit();
    scan.ends.shrink_to_fit();
    scan.hashes.shrink_to_fit();
    scan.lines.shrink_to_fit();
    Some(scan)
}

enum Head {
    Good(ArticleMeta, Vec<Fault>),
    /// With whether its id is usable.
    Broken(ArticleMeta, Vec<Fault>, bool),
}

/// An article that is not an object: broken, called by its number (as
/// the full loader has it: `model::whole_parse`).
fn not_an_article(kind: Kind, number: usize) -> Head {
    let meta = rough_meta_of(&Value::Null, number);
    Head::Broken(meta, vec![What::NotArticle(kind).into()], false)
}

/// One article's metadata, parsed, sanitised and checked leniently (as
/// the full loader does: `model::convert`); `None` when it cannot be read
/// this way (the full loader then reads the file).
fn check(fields: Fields<&str, Skipped>, number: usize) -> Option<Head> {
    let checked = match accept(fields.clone().parse().ok()?, Strictness::Lenient) {
        Ok(accepted) => Head::Good(accepted.head.meta, accepted.faults),
        Err(faults) => {
            let parsed: Fields<Value, Skipped> = fields.parse().ok()?;
            let usable = matches!(&parsed.id, Some(Value::String(id)) if good_id(id));
            Head::Broken(parsed.rough_meta(number), faults, usable)
        }
    };
    Some(checked)
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
