//! Answers that can be trusted (issue 20): the search index belongs to the
//! text it was folded from, whatever the archive's path, size or time say
//! since; a damaged index is never counted from; a body read from a file
//! rewritten in place is never shown under the old listing.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use bulletin::app::{Action, App, IndexHandle, IndexState, KeyCode, Lang, Settings};
use bulletin::find::{self, ArchiveQuery, Batch, FoldIndex};
use bulletin::model::{ArticleError, Library, open_path};
use proptest::prelude::*;

use crate::common::{key, press};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/zhongyuan.json");
/// Found 14 times in 棉纺路街道's article; its replacement has the same
/// length in UTF-8, so an edit keeps the file's size.
const OLD: &str = "物业";
const NEW: &str = "粤业";
const QUERIES: &[&str] = &[OLD, NEW, "街道", "社区", "业"];

fn v1() -> String {
    fs::read_to_string(SAMPLE).unwrap()
}

fn v2() -> String {
    let v2 = v1().replace(OLD, NEW);
    assert_eq!(v2.len(), v1().len());
    v2
}

/// (article, hits) for `q`, and whether the index was found damaged.
fn search_with(lib: &Library, index: Option<&FoldIndex>, q: &str) -> (Vec<(usize, usize)>, bool) {
    let q = ArchiveQuery::parse(q).unwrap();
    let mut all = Batch::default();
    find::run(lib, index, &q, &AtomicBool::new(false), &mut |b: Batch| {
        all.hits.extend(b.hits);
        all.index_damaged |= b.index_damaged;
        all.done = b.done;
    });
    assert!(all.done);
    let hits = all.hits.iter().map(|h| (h.article, h.hits)).collect();
    (hits, all.index_damaged)
}

fn search(lib: &Library, index: Option<&FoldIndex>, q: &str) -> Vec<(usize, usize)> {
    search_with(lib, index, q).0
}

fn build(lib: &Library, path: &Path) {
    let done = find::index::build(lib, path, &AtomicBool::new(false), &mut |_, _| {});
    assert!(done.unwrap());
}

fn open_index(lib: &Library, path: &Path) -> Option<FoldIndex> {
    FoldIndex::open(path, &lib.fingerprint(), lib.articles.len())
}

/// The archive `text` at `dir/a.json`.
fn archive(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("a.json");
    fs::write(&path, text).unwrap();
    path
}

/// Rewrites `path` in place with `text` (same length), keeping its inode
/// and its modification time, as `cp --preserve=timestamps` onto it or
/// `rsync --inplace -t` do.
fn rewrite_in_place(path: &Path, text: &str) {
    let before = fs::metadata(path).unwrap();
    let file = OpenOptions::new().write(true).open(path).unwrap();
    file.write_all_at(text.as_bytes(), 0).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
    drop(file);
    let after = fs::metadata(path).unwrap();
    assert_eq!(
        (before.len(), before.ino(), before.modified().unwrap()),
        (after.len(), after.ino(), after.modified().unwrap()),
        "size, inode and time kept"
    );
}

/// A new version renamed over the archive after the library was read (the
/// race of `bulletin search`, or a strict reader keeping the old version):
/// the index built from the library in hand is stamped as that text, so
/// the new version never takes it for its own.
#[test]
fn an_index_belongs_to_the_text_it_was_folded_from_not_to_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = archive(dir.path(), &v1());
    let old = open_path(&path).unwrap();
    let next = dir.path().join("next.json");
    fs::write(&next, v2()).unwrap();
    fs::rename(&next, &path).unwrap();
    let idx = dir.path().join("t.idx");
    build(&old, &idx);
    let new = open_path(&path).unwrap();
    assert_ne!(old.fingerprint(), new.fingerprint());
    assert!(open_index(&new, &idx).is_none(), "not the new version's");
    // Even handed to a search of the new version, it is not counted from.
    let stale = open_index(&old, &idx).expect("the old version's");
    for q in QUERIES {
        assert_eq!(search(&new, Some(&stale), q), search(&new, None, q), "{q}");
    }
    assert!(!search(&new, None, NEW).is_empty());
    assert_eq!(search(&old, Some(&stale), OLD), search(&old, None, OLD));
}

/// An edit that keeps the size, inode and time: the old index is not
/// used, and the library read before the edit refuses the edited body
/// rather than show it under the old listing.
#[test]
fn an_edit_keeping_size_and_time_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let path = archive(dir.path(), &v1());
    let old = open_path(&path).unwrap();
    let idx = dir.path().join("t.idx");
    build(&old, &idx);
    rewrite_in_place(&path, &v2());
    let new = open_path(&path).unwrap();
    assert_ne!(old.fingerprint(), new.fingerprint());
    assert!(open_index(&new, &idx).is_none(), "the old index is stale");
    let hits = search(&new, None, NEW);
    assert!(!hits.is_empty());
    for &(i, _) in &hits {
        assert!(
            matches!(old.open(i), Err(ArticleError::Changed { .. })),
            "article {i} of the old version must not open with the new body"
        );
    }
    let untouched = (0..old.articles.len()).find(|i| !hits.iter().any(|h| h.0 == *i));
    assert!(
        old.open(untouched.unwrap()).is_ok(),
        "an unchanged body opens"
    );
}

/// The sample's library and its index in `dir`, the index damaged inside
/// its folded text: the first folded 物业 (NFKC and simplified already)
/// becomes 粤业. Returns the library, the index's path and its bytes.
fn damaged_index(dir: &Path) -> (Library, PathBuf, Vec<u8>) {
    let lib = open_path(&archive(dir, &v1())).unwrap();
    let idx = dir.join("t.idx");
    build(&lib, &idx);
    let mut bytes = fs::read(&idx).unwrap();
    let at = bytes.windows(6).position(|w| w == OLD.as_bytes()).unwrap();
    bytes[at..at + 3].copy_from_slice("粤".as_bytes());
    fs::write(&idx, &bytes).unwrap();
    (lib, idx, bytes)
}

/// Bytes changed inside the folded text: the header and tables still
/// check, the damaged span does not; its articles are searched themselves
/// and the damage is reported.
#[test]
fn a_flip_in_the_folded_text_is_detected_and_the_counts_stand() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, idx, _) = damaged_index(dir.path());
    let index = open_index(&lib, &idx).expect("header and tables are whole");
    for q in QUERIES {
        let (hits, damaged) = search_with(&lib, Some(&index), q);
        assert_eq!(hits, search(&lib, None, q), "{q}");
        assert!(damaged, "{q}: the damage is reported");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Any byte of the index changed: either it is refused on opening, or
    /// every count is the scan's.
    #[test]
    fn any_flip_is_detected_or_harmless(at in 0.0f64..1.0, xor in 1u8..=255) {
        let dir = tempfile::tempdir().unwrap();
        let lib = open_path(&archive(dir.path(), &v1())).unwrap();
        let idx = dir.path().join("t.idx");
        build(&lib, &idx);
        let mut bytes = fs::read(&idx).unwrap();
        let at = ((bytes.len() as f64 * at) as usize).min(bytes.len() - 1);
        bytes[at] ^= xor;
        fs::write(&idx, &bytes).unwrap();
        if let Some(index) = open_index(&lib, &idx) {
            for q in QUERIES {
                prop_assert_eq!(search(&lib, Some(&index), q), search(&lib, None, q), "{} at {}", q, at);
            }
        }
    }
}

fn app_on(lib: Library, index: IndexState) -> App {
    let settings = Settings {
        lang: Lang::En,
        ..Settings::default()
    };
    let mut app = App::new(lib, settings).with_index(index);
    bulletin::app::effect::update_inline(&mut app, Action::Resize(80, 24));
    app
}

/// In the reader: a damaged index is said once and built again, and the
/// results are the scan's.
#[test]
fn the_reader_says_a_damaged_index_and_builds_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, idx, bytes) = damaged_index(dir.path());
    let index = open_index(&lib, &idx).unwrap();
    let want: usize = search(&lib, None, OLD).iter().map(|h| h.1).sum();
    let ready = IndexState::Ready(IndexHandle(std::sync::Arc::new(index)));
    let mut app = app_on(lib, ready);
    press(&mut app, &[crate::common::ch('s')]);
    press(
        &mut app,
        &[key(KeyCode::End), bulletin::app::Key::ctrl('u')],
    );
    // The first character's search meets the damage (the next key clears
    // the status line, as any key does).
    crate::common::type_str(&mut app, "物");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("damaged"), "{status}");
    crate::common::type_str(&mut app, "业");
    assert!(matches!(app.index, IndexState::Ready(_)), "{:?}", app.index);
    let rebuilt = fs::read(&idx).unwrap();
    assert_ne!(rebuilt, bytes, "written again");
    let f = app.finder.as_ref().unwrap();
    assert_eq!(f.results.total_hits, want);
}

/// The reader's listing came from one version; the file was rewritten in
/// place since: opening an article whose bytes changed says so and offers
/// `R`, never the old header over the new body.
#[test]
fn the_reader_never_shows_a_body_of_another_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = archive(dir.path(), &v1());
    let lib = open_path(&path).unwrap();
    let changed = search(&lib, None, OLD)[0].0;
    let id = lib.articles[changed].id.clone();
    let mut app = app_on(lib, IndexState::Unused);
    rewrite_in_place(&path, &v2());
    let i = app.archive.index_of(&id).unwrap();
    app.browse.selected = app.browse.visible.iter().position(|&v| v == i).unwrap();
    bulletin::app::effect::update_inline(&mut app, Action::Open);
    let status = app.status.clone().unwrap_or_default();
    assert!(app.reader().is_none(), "not opened");
    assert!(
        status.contains(&format!("Article {id} changed on disk")),
        "{status}"
    );
    assert!(status.contains("R reads it again"), "{status}");
}

/// The watcher reads an in-place edit that keeps the size, time and inode
/// (it used to compare only those, and kept the old version for good).
#[test]
fn the_watcher_reads_an_edit_that_keeps_size_and_time() {
    use bulletin::app::{ArchiveSource, Event, Reloaded};
    use std::time::Duration;
    let dir = tempfile::tempdir().unwrap();
    let path = archive(dir.path(), &v1());
    let before = open_path(&path).unwrap().fingerprint();
    let source = ArchiveSource {
        path: path.clone(),
        strictness: bulletin::model::Strictness::Lenient,
        cache_dir: None,
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let _watch = bulletin::watch::start(&source, tx).expect("the directory can be watched");
    rewrite_in_place(&path, &v2());
    // A bound on waiting only (the watcher settles for 300 ms).
    let got = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("a new reading");
    let Event::Done(Action::Reloaded(Reloaded(Ok(fresh)))) = got else {
        panic!("not a reading: {got:?}");
    };
    assert_ne!(fresh.library.fingerprint(), before, "the edited version");
    let hits = search(&fresh.library, None, NEW);
    assert!(!hits.is_empty());
}
