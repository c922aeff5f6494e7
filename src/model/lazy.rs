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

use std::collections::HashSet;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use serde_json::{Map, Value};

use super::accept::accept;
use super::lazy_de::{Scanned, object_start};
use super::library::ArticleMeta;
use super::read::{Sink, read};

/// Articles per batch handed to the checking thread.
const BATCH: usize = 1024;

/// What the pass found: a single-file archive's own fields (`None` for
/// JSON Lines), and each article's metadata and start offset in the bytes.
pub(super) struct Scan {
    pub header: Option<Map<String, Value>>,
    pub articles: Vec<ArticleMeta>,
    pub starts: Vec<usize>,
}

/// Scans `bytes` (a whole file, BOM removed); `None` on any problem.
pub(super) fn scan(bytes: &[u8]) -> Option<Scan> {
    std::thread::scope(|s| {
        let (tx, rx) = sync_channel(4);
        let checker = s.spawn(move || check_all(bytes, rx));
        let mut sender = Batches {
            batch: Vec::with_capacity(BATCH),
            tx,
        };
        let header = read(bytes, &mut sender).ok();
        let Batches { batch, tx } = sender;
        // The last batch; then the channel closes and the checker finishes.
        let sent = header.is_some() && tx.send(batch).is_ok();
        drop(tx);
        let (articles, starts) = checker.join().ok()??;
        sent.then_some(())?;
        Some(Scan {
            header: header?,
            articles,
            starts,
        })
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
/// an early return, which closes the channel) at the first problem.
fn check_all(bytes: &[u8], rx: Receiver<Vec<Scanned>>) -> Option<(Vec<ArticleMeta>, Vec<usize>)> {
    let (mut articles, mut starts) = (Vec::new(), Vec::new());
    let mut ids = HashSet::new();
    for batch in rx {
        for scanned in batch {
            let (meta, start) = check(bytes, scanned)?;
            starts.push(start);
            articles.push(meta);
        }
    }
    // Ids must be unique (bookmarks refer to them).
    ids.reserve(articles.len());
    if !articles.iter().all(|a| ids.insert(a.id.as_str())) {
        return None;
    }
    drop(ids);
    articles.shrink_to_fit();
    starts.shrink_to_fit();
    Some((articles, starts))
}

/// One article's metadata, parsed, sanitised and checked (as the full
/// loader does: `model::accept`), and where its object starts; `None` on a
/// problem.
fn check(bytes: &[u8], scanned: Scanned) -> Option<(ArticleMeta, usize)> {
    let name_at = scanned.first_key?.as_ptr() as usize - bytes.as_ptr() as usize;
    let start = object_start(bytes, name_at)?;
    let (head, ()) = accept(scanned.fields.parse().ok()?).ok()?;
    Some((head.meta, start))
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
            let scan = scan(text.as_bytes()).expect("scans");
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
        assert!(scan(ok.as_bytes()).is_some());
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
            assert!(scan(bad.as_bytes()).is_none(), "{bad}");
        }
    }
}
