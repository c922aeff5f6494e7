//! The metadata cache gives what the pass gives, and is never used once
//! the archive or the cache file differs in any byte.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::*;
use crate::model::{Library, open_path_with};

fn article(id: &str, title: &str, sub: Option<&str>, date: Option<&str>) -> String {
    let mut a = serde_json::json!({
        "id": id, "title": title, "district": "中原区",
        "body": [{"type": "paragraph", "text": format!("{title}的正文。")}],
    });
    if let Some(s) = sub {
        a["subdistrict"] = s.into();
    }
    if let Some(d) = date {
        a["date"] = d.into();
    }
    a.to_string()
}

/// An archive of `articles`, single-file or JSON Lines, in `dir`.
fn write(dir: &Path, articles: &[String], lines: bool) -> PathBuf {
    let (name, text) = match lines {
        true => ("a.jsonl", articles.join("\n") + "\n"),
        false => (
            "a.json",
            format!(
                r#"{{"format": "bulletin-archive/1", "title": "档案", "x": [1], "articles": [{}]}}"#,
                articles.join(",\n")
            ),
        ),
    };
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn cache_in(dir: &Path) -> MetaCache {
    MetaCache {
        min: 0,
        ..MetaCache::new(dir.join("cache"))
    }
}

/// Everything a command prints comes from these: the metadata, the
/// archive's own fields, the fingerprint, and each article as opened.
fn same(a: &Library, b: &Library) {
    assert_eq!(a.title, b.title);
    assert_eq!(a.key, b.key);
    assert_eq!(a.articles, b.articles);
    assert_eq!(a.fingerprint(), b.fingerprint());
    assert_eq!(a.problem_count(), b.problem_count());
    assert_eq!(a.index_of("no such id"), b.index_of("no such id"));
    for (i, m) in a.articles.iter().enumerate() {
        assert_eq!(a.index_of(&m.id), b.index_of(&m.id));
        let (x, y) = (
            a.open(i).map_err(|e| e.to_string()),
            b.open(i).map_err(|e| e.to_string()),
        );
        assert_eq!(
            x.map(|m| m.into_owned().article),
            y.map(|m| m.into_owned().article)
        );
    }
}

fn cached_scan(cache: &MetaCache, path: &Path) -> Option<Scan> {
    let file = fs::File::open(path).unwrap();
    load(cache, path, &file, fs::metadata(path).unwrap().len()).map(|(scan, _)| scan)
}

fn titles() -> impl Strategy<Value = Vec<(String, Option<String>, Option<String>)>> {
    let one = (
        "[a-z中文标题 ]{1,12}",
        proptest::option::of("[东西]街道"),
        proptest::option::of("20[0-2][0-9]-0[1-9]-1[0-9]"),
    );
    proptest::collection::vec(one, 1..30)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// The cache gives the library the pass gives, and `show` the same
    /// article, for random archives in both shapes.
    #[test]
    fn the_cache_gives_what_the_pass_gives(items in titles(), lines in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let articles: Vec<String> = items.iter().enumerate().map(|(i, (t, s, d))| {
            article(&format!("id-{i}"), t.trim(), s.as_deref(), d.as_deref())
        }).collect();
        prop_assume!(items.iter().all(|(t, _, _)| !t.trim().is_empty()));
        let path = write(dir.path(), &articles, lines);
        let cache = cache_in(dir.path());
        let truth = open_path_with(&path, Strictness::Lenient).unwrap();
        let first = open_path_cached(&path, Strictness::Lenient, &cache).unwrap();
        prop_assert!(cached_scan(&cache, &path).is_some(), "written");
        let second = open_path_cached(&path, Strictness::Lenient, &cache).unwrap();
        same(&truth, &first);
        same(&truth, &second);
        for (i, m) in truth.articles.iter().enumerate() {
            let shown = open_article_cached(&path, &m.id, Strictness::Lenient, &cache);
            prop_assert_eq!(shown.map(|m| m.article), Some(truth.open(i).unwrap().into_owned().article));
        }
        prop_assert!(open_article_cached(&path, "nope", Strictness::Lenient, &cache).is_none());
    }
}

/// Rewrites `from` as `to` (the same length) in place, and sets the
/// file's time back: size, time and inode all as they were.
fn edit_in_place(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let time = fs::metadata(path).unwrap().modified().unwrap();
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from));
    let mut f = fs::OpenOptions::new().write(true).open(path).unwrap();
    std::io::Write::write_all(&mut f, text.replacen(from, to, 1).as_bytes()).unwrap();
    f.set_modified(time).unwrap();
    drop(f);
    assert_eq!(fs::metadata(path).unwrap().modified().unwrap(), time);
}

#[test]
fn an_edit_keeping_size_and_time_leaves_the_cache_unused_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let articles = [
        article("a", "甲标题", None, None),
        article("b", "乙标题", None, None),
    ];
    let path = write(dir.path(), &articles, false);
    let cache = cache_in(dir.path());
    open_path_cached(&path, Strictness::Lenient, &cache).unwrap();
    let before = fs::read(cache.path_of(&path)).unwrap();
    edit_in_place(&path, "乙标题", "丙标题");
    assert!(cached_scan(&cache, &path).is_none(), "the digest differs");
    let lib = open_path_cached(&path, Strictness::Lenient, &cache).unwrap();
    assert_eq!(lib.articles[1].title, "丙标题");
    assert_ne!(
        fs::read(cache.path_of(&path)).unwrap(),
        before,
        "written again"
    );
    assert!(cached_scan(&cache, &path).is_some());
    // `show`: an edit of the article itself is seen; one elsewhere is not
    // read (its bytes are not the article's).
    let shown = |id| open_article_cached(&path, id, Strictness::Lenient, &cache);
    edit_in_place(&path, "丙标题", "丁标题");
    assert!(shown("b").is_none(), "its bytes changed");
    assert_eq!(shown("a").unwrap().article.title, "甲标题");
}

/// Any byte of the cache file flipped: the library is not taken from it,
/// and `show` takes nothing from a damaged part it reads.
#[test]
fn any_flipped_byte_of_the_cache_file_leaves_it_unused() {
    let dir = tempfile::tempdir().unwrap();
    let articles: Vec<String> = (0..4)
        .map(|i| article(&format!("n{i}"), "标题", Some("东街道"), Some("2020-01-02")))
        .collect();
    for lines in [false, true] {
        let path = write(dir.path(), &articles, lines);
        let cache = cache_in(dir.path());
        let truth = open_path_with(&path, Strictness::Lenient).unwrap();
        open_path_cached(&path, Strictness::Lenient, &cache).unwrap();
        let good = fs::read(cache.path_of(&path)).unwrap();
        let sections = format::header(&good).unwrap().sections;
        let (metas_at, blocks_at) = (sections[2].0 as usize, sections[3].0 as usize);
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 1 << (at % 8);
            fs::write(cache.path_of(&path), &bad).unwrap();
            assert!(
                cached_scan(&cache, &path).is_none(),
                "byte {at} of {}",
                good.len()
            );
            let shown = open_article_cached(&path, "n2", Strictness::Lenient, &cache);
            // `show` reads the header, the blocks, and the blocks of the
            // ids and places holding its article (here all of them).
            match at < metas_at || at >= blocks_at {
                true => assert!(shown.is_none(), "byte {at}"),
                false => assert_eq!(
                    shown.unwrap().article,
                    truth.open(2).unwrap().into_owned().article
                ),
            }
        }
        // And a damaged file is written again whole.
        let lib = open_path_cached(&path, Strictness::Lenient, &cache).unwrap();
        same(&truth, &lib);
        assert_eq!(fs::read(cache.path_of(&path)).unwrap(), good);
    }
}

/// An archive with a problem is not cached; nor is one the pass read out
/// of order.
#[test]
fn an_archive_with_a_problem_is_not_cached() {
    let dir = tempfile::tempdir().unwrap();
    let articles = [article("a", "t", None, None), article("a", "u", None, None)];
    let path = write(dir.path(), &articles, false);
    let cache = cache_in(dir.path());
    let lib = open_path_cached(&path, Strictness::Lenient, &cache).unwrap();
    assert_eq!(lib.problem_count(), 1);
    assert!(!cache.path_of(&path).exists());
}

#[test]
fn caches_of_archives_gone_and_beyond_the_cap_are_removed_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut cache = cache_in(dir.path());
    let paths: Vec<PathBuf> = (0..3)
        .map(|i| {
            let sub = dir.path().join(format!("a{i}"));
            fs::create_dir_all(&sub).unwrap();
            write(&sub, &[article("a", &"长".repeat(200), None, None)], false)
        })
        .collect();
    for p in &paths[..2] {
        open_path_cached(p, Strictness::Lenient, &cache).unwrap();
    }
    let index = dir.path().join("cache/index");
    fs::create_dir_all(&index).unwrap();
    let idx = index.join(format!("{}.idx", stem_of(&paths[0])));
    fs::write(&idx, b"x").unwrap();
    fs::remove_file(&paths[0]).unwrap();
    let size = fs::metadata(cache.path_of(&paths[1])).unwrap().len();
    cache.cap = size + size / 2;
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    fs::File::options()
        .write(true)
        .open(cache.path_of(&paths[1]))
        .unwrap()
        .set_modified(old)
        .unwrap();
    open_path_cached(&paths[2], Strictness::Lenient, &cache).unwrap();
    assert!(!idx.exists(), "the index of the archive gone");
    assert!(!cache.path_of(&paths[0]).exists(), "its archive is gone");
    assert!(
        !cache.path_of(&paths[1]).exists(),
        "the oldest, over the cap"
    );
    assert!(cache.path_of(&paths[2]).exists(), "the one just written");
}
