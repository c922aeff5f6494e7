//! The archive search against the in-article search: for random small
//! archives and queries, every article's archive-wide count equals the
//! in-article count, with and without the index; `re:` agrees with the
//! regex crate directly.

use std::sync::atomic::AtomicBool;

use bulletin::find::{self, ArchiveQuery, Batch, Corpus, FoldIndex};
use bulletin::model::{Archive, Article, Block, FORMAT_TAG, Library};
use bulletin::text::search::{Query, find_all};
use proptest::prelude::*;
use proptest::sample::select;

/// Characters with every kind of folding: Han both scripts, one-to-many
/// (发 發 髮), full width, case, expanding forms (㎏ ﬁ ⑩), combining marks.
pub(crate) const CHARS: &[&str] = &[
    "物", "业", "发", "發", "髮", "后", "後", "社", "区", "區", "a", "A", "ａ", "Ａ", "k", "g",
    "㎏", "ﬁ", "f", "i", "1", "0", "⑩", "１", "，", ",", " ", "e\u{301}", "é", "…", ".", "㍻",
    "平", "成",
];
pub(crate) const QUERIES: &[&str] = &[
    "物业", "发", "髮", "後", "社區", "a", "A", "kg", "fi", "10", "１0", ",", "é", "e", "..", "平",
    "成平", "re:物.", "re:[aA]", "re:\\d+",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(select(CHARS), 0..24).prop_map(|v| v.concat())
}

fn article(i: usize, title: String, paras: Vec<String>) -> Article {
    let body = paras
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .map(|text| Block::Paragraph { text })
        .collect();
    serde_json::from_value::<Article>(serde_json::json!({
        "id": format!("a{i}"),
        "title": if title.trim().is_empty() { "t".to_string() } else { title },
        "district": "中原区",
        "body": [],
    }))
    .map(|mut a| {
        a.body = body;
        a
    })
    .unwrap()
}

fn archive() -> impl Strategy<Value = Library> {
    prop::collection::vec((text(), prop::collection::vec(text(), 1..4)), 1..6).prop_map(|arts| {
        let articles = arts
            .into_iter()
            .enumerate()
            .map(|(i, (t, p))| article(i, t, p))
            .collect();
        let a: Archive = serde_json::from_value(serde_json::json!({
            "format": FORMAT_TAG, "title": "prop", "articles": []
        }))
        .unwrap();
        Library::from(Archive { articles, ..a })
    })
}

fn search(lib: &Library, index: Option<&FoldIndex>, q: &str) -> Vec<(usize, usize)> {
    let q = ArchiveQuery::parse(q).unwrap();
    let mut all = Batch::default();
    find::run(lib, index, &q, &AtomicBool::new(false), &mut |b: Batch| {
        all.hits.extend(b.hits);
        all.done = b.done;
    });
    assert!(all.done);
    all.hits.iter().map(|h| (h.article, h.hits)).collect()
}

fn expected(lib: &Library, q: &str) -> Vec<(usize, usize)> {
    let query = Query::parse(q).unwrap().unwrap();
    (0..lib.articles.len())
        .map(|i| (i, find_all(&lib.doc(i).unwrap(), &query).len()))
        .filter(|&(_, n)| n > 0)
        .collect()
}

/// Builds the index of `lib` at `dir/t.idx`; returns its path.
fn build_index(lib: &Library, dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("t.idx");
    let done = find::index::build(lib, &path, &AtomicBool::new(false), &mut |_, _| {});
    assert!(done.unwrap());
    path
}

fn built_index(lib: &Library, dir: &std::path::Path) -> FoldIndex {
    let path = build_index(lib, dir);
    FoldIndex::open(&path, &lib.fingerprint(), lib.articles.len()).expect("the index opens")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn archive_counts_equal_in_article_counts(lib in archive(), q in select(QUERIES)) {
        let dir = tempfile::tempdir().unwrap();
        let index = built_index(&lib, dir.path());
        let want = expected(&lib, q);
        prop_assert_eq!(&search(&lib, None, q), &want, "article by article");
        prop_assert_eq!(&search(&lib, Some(&index), q), &want, "with the index");
    }

    #[test]
    fn regex_counts_agree_with_the_regex_crate(lib in archive(), q in select(&QUERIES[17..])) {
        let re = regex::RegexBuilder::new(&q[3..]).case_insensitive(true).build().unwrap();
        let want: Vec<(usize, usize)> = (0..lib.articles.len())
            .map(|i| {
                let doc = lib.doc(i).unwrap();
                (i, doc.units.iter().map(|u| re.find_iter(&u.text).filter(|m| !m.is_empty()).count()).sum())
            })
            .filter(|&(_, n)| n > 0)
            .collect();
        prop_assert_eq!(search(&lib, None, q), want);
    }
}

#[test]
fn a_stale_or_foreign_index_is_not_opened() {
    let lib = Library::from(bulletin::model::load_sample().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let (id, path) = (lib.fingerprint(), build_index(&lib, dir.path()));
    let n = lib.articles.len();
    assert!(FoldIndex::open(&path, &id, n).is_some());
    let other = bulletin::model::Fingerprint {
        content: id.content ^ 1,
        ..id
    };
    assert!(FoldIndex::open(&path, &other, n).is_none(), "other text");
    assert!(
        FoldIndex::open(&path, &id, n + 1).is_none(),
        "another count"
    );
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
    assert!(FoldIndex::open(&path, &id, n).is_none(), "cut short");
}

/// Offsets that do not run in order from the end of the header to the
/// start of the tables would read outside the text: such an index is
/// damaged, not opened.
#[test]
fn an_index_with_offsets_out_of_order_is_not_opened() {
    let lib = Library::from(bulletin::model::load_sample().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let (id, path) = (lib.fingerprint(), build_index(&lib, dir.path()));
    let n = lib.articles.len();
    let good = std::fs::read(&path).unwrap();
    let offsets_at = u64::from_le_bytes(good[40..48].try_into().unwrap()) as usize;
    let offset = |bytes: &[u8], i: usize| {
        let at = offsets_at + i * 8;
        u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap())
    };
    let with_offset = |i: usize, v: u64| {
        let mut bytes = good.clone();
        let at = offsets_at + i * 8;
        bytes[at..at + 8].copy_from_slice(&v.to_le_bytes());
        // Hashed again, as a faulty writer would: the order is checked
        // by itself.
        rehash(&mut bytes, offsets_at);
        std::fs::write(&path, bytes).unwrap();
        FoldIndex::open(&path, &id, n)
    };
    assert!(with_offset(0, offset(&good, 0)).is_some(), "unchanged");
    assert!(with_offset(0, 79).is_none(), "starts inside the header");
    assert!(
        with_offset(1, offset(&good, 2) + 1).is_none(),
        "out of order"
    );
    assert!(
        with_offset(n, offsets_at as u64 + 1).is_none(),
        "past the text"
    );
}

/// The tables' hash and the header's own, written again after a change
/// of the tables (at `tables`): what a writer with a bug would write.
fn rehash(bytes: &mut [u8], tables: usize) {
    let t = twox_hash::XxHash3_64::oneshot(&bytes[tables..]);
    bytes[56..64].copy_from_slice(&t.to_le_bytes());
    let h = twox_hash::XxHash3_64::oneshot(&bytes[..64]);
    bytes[64..72].copy_from_slice(&h.to_le_bytes());
}

/// Someone else cuts the index short while it is open: nothing is mapped,
/// so no SIGBUS; what can no longer be read is counted article by article.
#[test]
fn an_index_cut_short_while_open_still_gives_the_right_counts() {
    // The sample 120 times over: its folded text spans several of the
    // search's reads, so the first can succeed and the later ones fail.
    let sample = bulletin::model::load_sample().unwrap();
    let articles = (0..120)
        .flat_map(|n| {
            sample.articles.iter().map(move |a| Article {
                id: format!("{}-{n}", a.id),
                ..a.clone()
            })
        })
        .collect();
    let lib = Library::from(Archive {
        articles,
        ..sample.clone()
    });
    let dir = tempfile::tempdir().unwrap();
    let path = build_index(&lib, dir.path());
    let index =
        FoldIndex::open(&path, &lib.fingerprint(), lib.articles.len()).expect("the index opens");
    let len = std::fs::metadata(&path).unwrap().len();
    assert!(len > 3 * (256 << 10), "several reads' worth: {len} bytes");
    let want = expected(&lib, "物业");
    assert_eq!(search(&lib, Some(&index), "物业"), want, "whole");
    for cut in [len / 2, 100] {
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_len(cut).unwrap();
        assert_eq!(search(&lib, Some(&index), "物业"), want, "cut to {cut}");
    }
}

#[test]
fn the_sample_finds_wuye_fourteen_times_in_mianfanglu() {
    let lib = Library::from(bulletin::model::load_sample().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let index = built_index(&lib, dir.path());
    for idx in [None, Some(&index)] {
        let hits = search(&lib, idx, "物业");
        let mianfang = lib
            .articles
            .iter()
            .position(|a| a.id == "97223e74")
            .unwrap();
        assert!(hits.contains(&(mianfang, 14)), "{hits:?}");
        let only = search(&lib, idx, "物业 subdistrict:棉纺路街道");
        assert_eq!(only, [(mianfang, 14)]);
    }
}

#[test]
fn cancelling_stops_a_search_without_a_final_batch() {
    let lib = Library::from(bulletin::model::load_sample().unwrap());
    let q = ArchiveQuery::parse("物业").unwrap();
    let mut batches = 0;
    find::run(&lib, None, &q, &AtomicBool::new(true), &mut |_| {
        batches += 1
    });
    assert_eq!(batches, 0);
}
