//! The reader's up-front pass over an archive file (see `docs/performance.md`):
//! one serde_json pass that builds only what the first frame needs. Each
//! article's metadata (every field but `body`) is parsed, sanitised and
//! checked the way the full loader does it (`model::accept`); its `body` is
//! skipped unparsed (syntax checked, UTF-8 not), and the article's start
//! offset is kept so it can be parsed in full when opened.
//!
//! The pass runs on two threads: this one reads the file (`model::read`,
//! with articles as `lazy_de` reads them), the other turns each article's
//! raw metadata into an [`ArticleMeta`], batch by batch, so the work beyond
//! the parser's own overlaps with it.
//!
//! Any problem makes [`scan`] give up (`None`): the caller then loads the
//! file the full way, which reports every problem with the usual messages.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use serde_json::{Map, Value};

use super::accept::accept;
use super::fault::{Fault, What};
use super::lazy_de::{Scanned, object_start};
use super::library::ArticleMeta;
use super::mend::Strictness;
use super::read::{Sink, read};

/// Articles per batch handed to the checking thread.
const BATCH: usize = 1024;

/// What the pass found: a single-file archive's own fields (`None` for
/// JSON Lines), each article's metadata and start offset in the bytes,
/// the index of every usable id, and (lenient only) the faults of each
/// article that has some, with whether it is broken.
pub(super) struct Scan {
    pub header: Option<Map<String, Value>>,
    pub articles: Vec<ArticleMeta>,
    pub starts: Vec<usize>,
    pub ids: HashMap<String, usize>,
    pub faults: Vec<Faulty>,
}

/// An article with faults: its index, whether it is broken, and why.
pub(super) struct Faulty {
    pub index: usize,
    pub broken: bool,
    pub faults: Vec<Fault>,
}

/// Scans `bytes` (a whole file, BOM removed); `None` on any problem it
/// cannot go on with (strict: on any problem at all).
pub(super) fn scan(bytes: &[u8], strictness: Strictness) -> Option<Scan> {
    std::thread::scope(|s| {
        let (tx, rx) = sync_channel(4);
        let checker = s.spawn(move || check_all(bytes, rx, strictness));
        let mut sender = Batches {
            batch: Vec::with_capacity(BATCH),
            tx,
        };
        let header = read(bytes, &mut sender).ok();
        let Batches { batch, tx } = sender;
        // The last batch; then the channel closes and the checker finishes.
        let sent = header.is_some() && tx.send(batch).is_ok();
        drop(tx);
        let mut found = checker.join().ok()??;
        sent.then_some(())?;
        found.header = header?;
        Some(found)
    })
}

struct Batches<'de> {
    batch: Vec<Scanned<'de>>,
    tx: SyncSender<Vec<Scanned<'de>>>,
}

impl<'de> Sink<'de> for Batches<'de> {
    type Item = Scanned<'de>;

    fn take(&mut self, scanned: Scanned<'de>, _: Option<usize>) -> bool {
        self.batch.push(scanned);
        if self.batch.len() < BATCH {
            return true;
        }
        let full = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        // A closed channel: the checker found a problem.
        self.tx.send(full).is_ok()
    }
}

/// The checking side: every batch until the channel closes; `None` (and
/// an early return, which closes the channel) at the first problem it
/// cannot go on with.
fn check_all(bytes: &[u8], rx: Receiver<Vec<Scanned>>, strictness: Strictness) -> Option<Scan> {
    let mut scan = Scan {
        header: None,
        articles: Vec::new(),
        starts: Vec::new(),
        ids: HashMap::new(),
        faults: Vec::new(),
    };
    for batch in rx {
        for scanned in batch {
            let index = scan.articles.len();
            let (checked, start) = check(bytes, scanned, index + 1, strictness)?;
            scan.starts.push(start);
            let (meta, faulty) = match checked {
                Checked::Good(meta, faults) => {
                    (meta, (!faults.is_empty()).then_some((false, faults)))
                }
                Checked::Broken(meta, faults) => (meta, Some((true, faults))),
            };
            if let Some((broken, faults)) = faulty {
                let faulty = Faulty {
                    index,
                    broken,
                    faults,
                };
                scan.faults.push(faulty);
            }
            scan.articles.push(meta);
        }
    }
    index_ids(&mut scan, strictness)?;
    scan.articles.shrink_to_fit();
    scan.starts.shrink_to_fit();
    Some(scan)
}

/// Ids must be unique (bookmarks refer to them): the index of every
/// usable one; a later article with the same id is broken (strict: the
/// scan gives up).
fn index_ids(scan: &mut Scan, strictness: Strictness) -> Option<()> {
    let broken: std::collections::HashSet<usize> = scan
        .faults
        .iter()
        .filter(|f| f.broken)
        .map(|f| f.index)
        .collect();
    scan.ids.reserve(scan.articles.len());
    let mut dups = Vec::new();
    for (i, a) in scan.articles.iter().enumerate() {
        if broken.contains(&i) {
            continue;
        }
        if let Some(&first) = scan.ids.get(&a.id) {
            if strictness == Strictness::Strict {
                return None;
            }
            dups.push((i, first));
        } else {
            scan.ids.insert(a.id.clone(), i);
        }
    }
    for (index, first) in dups {
        let what = What::Duplicate {
            first: first + 1,
            at: None,
        };
        match scan.faults.iter_mut().find(|f| f.index == index) {
            Some(f) => {
                f.broken = true;
                f.faults.push(what.into());
            }
            None => scan.faults.push(Faulty {
                index,
                broken: true,
                faults: vec![what.into()],
            }),
        }
    }
    scan.faults.sort_by_key(|f| f.index);
    Some(())
}

enum Checked {
    Good(ArticleMeta, Vec<Fault>),
    Broken(ArticleMeta, Vec<Fault>),
}

/// One article's metadata, parsed, sanitised and checked (as the full
/// loader does: `model::accept`), and where its object starts; `None`
/// when it cannot be read this way (the full loader then reads the file).
fn check(
    bytes: &[u8],
    scanned: Scanned,
    number: usize,
    strictness: Strictness,
) -> Option<(Checked, usize)> {
    let name_at = scanned.first_key?.as_ptr() as usize - bytes.as_ptr() as usize;
    let start = object_start(bytes, name_at)?;
    let checked = match accept(scanned.fields.clone().parse().ok()?, strictness) {
        Ok(accepted) => Checked::Good(accepted.head.meta, accepted.faults),
        Err(_) if strictness == Strictness::Strict => return None,
        Err(faults) => Checked::Broken(scanned.fields.parse().ok()?.rough_meta(number), faults),
    };
    Some((checked, start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_keeps_metadata_and_offsets_of_both_forms() {
        let single = r#"{"format":"bulletin-archive/1","title":"T","articles":[
            {"id":"a","title":"一\u0007","district":"d","body":[{"type":"paragraph","text":"x"}]},
            {"body":7,"id":"b","title":"二","district":"d","subdistrict":"s","date":"2021-01-02"}]}"#;
        let lines = "{\"id\":\"a\",\"title\":\"一\",\"district\":\"d\",\"body\":[]}\n \
                     {\"id\":\"b\",\"title\":\"二\",\"district\":\"d\",\"body\":null}\n";
        for text in [single, lines] {
            let scan = scan(text.as_bytes(), Strictness::Strict).expect("scans");
            assert_eq!(scan.header.is_some(), text == single);
            let titles: Vec<&str> = scan.articles.iter().map(|a| a.title.as_str()).collect();
            assert_eq!(titles, ["一", "二"], "titles are sanitised");
            for (a, &start) in scan.articles.iter().zip(&scan.starts) {
                let value: Value = serde_json::Deserializer::from_slice(&text.as_bytes()[start..])
                    .into_iter()
                    .next()
                    .unwrap()
                    .unwrap();
                assert_eq!(value["id"], a.id.as_str());
            }
        }
    }

    #[test]
    fn scan_gives_up_on_any_problem_it_can_see() {
        let ok = r#"{"id":"a","title":"t","district":"d","body":[]}"#;
        assert!(scan(ok.as_bytes(), Strictness::Strict).is_some());
        for bad in [
            r#"{"id":"a","title":" ","district":"d","body":[]}"#,
            r#"{"id":"a","title":"t","district":"d"}"#,
            r#"{"id":"a","title":"t","district":"d","date":"2021-02-30","body":[]}"#,
            r#"{"id":"a","title":"t","district":"d","bylines":[{"role":"x"}],"body":[]}"#,
            r#"{"id":"a","title":"t","district":"d","body":[}"#,
            "{\"id\":\"a\",\"title\":\"t\",\"district\":\"d\",\"body\":[]}\n{\"id\":\"a\",\"title\":\"t\",\"district\":\"d\",\"body\":[]}",
            r#"{"format":"bulletin-archive/1","title":"T","articles":[]} x"#,
            r#"{"format":"bulletin-archive/1","title":"T"}"#,
        ] {
            assert!(scan(bad.as_bytes(), Strictness::Strict).is_none(), "{bad}");
        }
    }
}
