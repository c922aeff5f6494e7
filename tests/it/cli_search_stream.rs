//! `bulletin search` writes each article as it is ready (issue 22): its
//! output must be byte for byte what the code before gave, which built
//! the whole answer first and folded every unit of each article. That
//! code is kept here as the oracle, for random archives and queries;
//! `--jsonl` must carry the same articles as `--json`.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use bulletin::cli::{self, Cli, Command, Say, SearchArgs};
use bulletin::find::{self, ArchiveQuery, Batch, Corpus, Hit};
use bulletin::model::{Archive, Article, Block, FORMAT_TAG, Library};
use bulletin::text::sanitize_line;
use bulletin::text::search::find_all;
use clap::Parser;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Value, json};

use crate::find_props::{CHARS, QUERIES};

/// More to fold than `find_props`'s characters: long runs of Han (so the
/// 40 characters of context get cut), line breaks, invisible characters.
const MORE: &[&str] = &[
    "社区服务中心",
    "物业管理",
    "居民",
    "\n",
    "\u{202e}",
    "\u{200b}",
    "Ｇｄｐ",
    "GDP",
    "ΣΑΣ",
    "。",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![3 => select(CHARS), 1 => select(MORE)];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn article(i: usize, title: String, paras: Vec<String>, sub: bool) -> Article {
    let mut a: Article = serde_json::from_value(json!({
        "id": format!("a{i}"),
        "title": if title.trim().is_empty() { "t".to_string() } else { title },
        "district": "中原区",
        "subdistrict": if sub { Some("棉纺路街道") } else { None },
        "date": if i.is_multiple_of(3) { Some("2024-05-01") } else { None },
        "body": [],
    }))
    .unwrap();
    a.body = paras
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .map(|text| Block::Paragraph { text })
        .collect();
    a
}

fn archive() -> impl Strategy<Value = Archive> {
    let one = (text(), prop::collection::vec(text(), 0..6), any::<bool>());
    prop::collection::vec(one, 1..8).prop_map(|arts| {
        let articles = arts
            .into_iter()
            .enumerate()
            .map(|(i, (t, p, s))| article(i, t, p, s))
            .collect();
        let a: Archive = serde_json::from_value(json!({
            "format": FORMAT_TAG, "title": "prop", "articles": []
        }))
        .unwrap();
        Archive { articles, ..a }
    })
}

fn search_args(archive: &Path, cache: &Path, q: &str, extra: &[&str]) -> SearchArgs {
    let mut argv = vec!["bulletin", "search", q, archive.to_str().unwrap()];
    argv.extend(["--lang", "en"]);
    argv.extend(["--cache-dir", cache.to_str().unwrap()]);
    argv.extend(extra);
    let mut cli = Cli::try_parse_from(argv).unwrap();
    cli.prepare();
    match cli.command {
        Some(Command::Search(a)) => a,
        _ => unreachable!(),
    }
}

/// What the command writes: (exit status, stdout, stderr).
fn run(archive: &Path, cache: &Path, q: &str, extra: &[&str]) -> (u8, String, String) {
    let args = search_args(archive, cache, q, extra);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cli::run_search(&args, &mut out, &mut err);
    let text = |b| String::from_utf8(b).unwrap();
    (code, text(out), text(err))
}

// The code before issue 22, kept as it was (with `find_all` over every
// unit, whose result the new code's sparse search must equal).

fn old_snippets(lib: &Library, query: &ArchiveQuery, article: usize) -> Vec<find::Snippet> {
    let (Some(q), Ok(doc)) = (query.query.as_ref(), lib.doc(article)) else {
        return Vec::new();
    };
    let matches = find_all(&doc, q);
    let best = find::best_match(&matches).unwrap_or(0);
    let order = std::iter::once(best).chain((0..matches.len()).filter(|&i| i != best));
    order
        .take(3)
        .filter_map(|i| find::snippet(&doc, &matches, i))
        .collect()
}

fn old_text(lib: &Library, q: &ArchiveQuery, hits: &[Hit], count: bool) -> String {
    let mut out = Vec::new();
    for h in hits {
        let a = &lib.articles[h.article];
        if count {
            writeln!(out, "{}  {}", sanitize_line(&a.id), h.hits).unwrap();
            continue;
        }
        let place = match &a.subdistrict {
            Some(s) => format!("{} \u{203a} {}", a.district, s),
            None => a.district.clone(),
        };
        let date = a.date.as_deref().unwrap_or("-");
        writeln!(
            out,
            "{}  {}  {}  {}  {}",
            sanitize_line(&a.id),
            sanitize_line(date),
            sanitize_line(&place),
            h.hits,
            sanitize_line(&a.title)
        )
        .unwrap();
        for s in old_snippets(lib, q, h.article).iter().take(1) {
            writeln!(out, "    {}\u{3010}{}\u{3011}{}", s.before, s.hit, s.after).unwrap();
        }
    }
    let hits_n: usize = hits.iter().map(|h| h.hits).sum();
    let totals = Say::SearchTotals {
        hits: hits_n,
        articles: hits.len(),
    };
    writeln!(out, "{}", totals.text(bulletin::lang::Lang::En)).unwrap();
    String::from_utf8(out).unwrap()
}

fn old_json(lib: &Library, q: &ArchiveQuery, hits: &[Hit]) -> String {
    let articles: Vec<_> = hits
        .iter()
        .map(|h| {
            let a = &lib.articles[h.article];
            let found = old_snippets(lib, q, h.article);
            let snippets: Vec<String> = (found.iter())
                .map(|s| format!("{}{}{}", s.before, s.hit, s.after))
                .collect();
            // The hit's place in each snippet, in characters (issue 23).
            let spans: Vec<[usize; 2]> = (found.iter())
                .map(|s| {
                    let start = s.before.chars().count();
                    [start, start + s.hit.chars().count()]
                })
                .collect();
            json!({
                "id": a.id, "title": a.title, "district": a.district,
                "subdistrict": a.subdistrict, "date": a.date, "hits": h.hits,
                "snippets": snippets, "hit_spans": spans,
            })
        })
        .collect();
    let total: usize = hits.iter().map(|h| h.hits).sum();
    let doc = json!({"query": q.text, "total_hits": total, "articles": articles});
    let mut out = Vec::new();
    cli::json::write_json(&mut out, &doc).unwrap();
    String::from_utf8(out).unwrap()
}

/// The old command's stdout for `q` on `path` (text, `--count` or
/// `--json`), and its exit status.
fn old_output(path: &Path, cache: &Path, q: &str, how: &str) -> (u8, String) {
    let args = search_args(path, cache, q, &[]);
    let lib = cli::load_library(Some(path), &args.open).unwrap();
    let query = ArchiveQuery::parse(q).unwrap();
    let mut hits = Vec::new();
    find::run(
        &lib,
        None,
        &query,
        &AtomicBool::new(false),
        &mut |b: Batch| hits.extend(b.hits),
    );
    let code = if hits.is_empty() { 1 } else { 0 };
    let out = match how {
        "--json" => old_json(&lib, &query, &hits),
        "--count" => old_text(&lib, &query, &hits, true),
        _ => old_text(&lib, &query, &hits, false),
    };
    (code, out)
}

fn write_archive(a: &Archive, dir: &Path) -> std::path::PathBuf {
    let path = dir.join("a.json");
    std::fs::write(&path, serde_json::to_vec_pretty(a).unwrap()).unwrap();
    path
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn streamed_output_is_the_old_output(a in archive(), q in select(QUERIES), extra in select(&["", "--json", "--count"][..])) {
        let dir = tempfile::tempdir().unwrap();
        let path = write_archive(&a, dir.path());
        let cache = dir.path().join("cache");
        let extra: &[&str] = if extra.is_empty() { &[] } else { &[extra] };
        let (code, out, _) = run(&path, &cache, q, extra);
        let (old_code, old) = old_output(&path, &cache, q, extra.first().copied().unwrap_or(""));
        prop_assert_eq!(out, old);
        prop_assert_eq!(code, old_code);
    }

    #[test]
    fn json_lines_carry_the_json_articles(a in archive(), q in select(QUERIES)) {
        let dir = tempfile::tempdir().unwrap();
        let path = write_archive(&a, dir.path());
        let cache = dir.path().join("cache");
        let (code, out, _) = run(&path, &cache, q, &["--json"]);
        let (lines_code, lines, err) = run(&path, &cache, q, &["--jsonl"]);
        prop_assert_eq!(code, lines_code);
        let doc: Value = serde_json::from_str(&out).unwrap();
        let each: Vec<Value> = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        prop_assert_eq!(&Value::from(each), &doc["articles"]);
        let (_, text, _) = run(&path, &cache, q, &["--count"]);
        prop_assert_eq!(err.lines().last(), text.lines().last(), "the totals, on stderr");
    }
}

#[test]
fn json_lines_are_one_object_a_line_and_the_totals_go_to_stderr() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/zhongyuan.json");
    let cache = tempfile::tempdir().unwrap();
    let (code, out, err) = run(Path::new(sample), cache.path(), "物业", &["--jsonl"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    for l in &lines {
        let v: Value = serde_json::from_str(l).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "id",
                "title",
                "district",
                "subdistrict",
                "date",
                "hits",
                "snippets",
                "hit_spans"
            ]
        );
    }
    assert_eq!(err.trim_end(), "18 hits in 3 articles");
    let (none, out, _) = run(Path::new(sample), cache.path(), "没有这个词", &["--jsonl"]);
    assert_eq!(
        (none, out.as_str()),
        (1, ""),
        "no hits: exit 1, nothing on stdout"
    );
}
