//! How soon the archive search's first results arrive, the way the reader
//! runs it (a search thread sending batches over a channel), and how long
//! until all are known. For `scripts/bench-search`.
//!
//! ```text
//! cargo run --release --example find-latency -- ARCHIVE CACHE_DIR QUERY...
//! ```
//!
//! Prints, per query: `query first_ms all_ms hits articles anon_mb`
//! (medians of RUNS runs, default 7; anon_mb is the process's anonymous
//! memory, RssAnon, at its highest seen after each run). Uses the index in
//! CACHE_DIR (building it first if it is missing).

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::channel;
use std::time::Instant;

use bulletin::find::{self, ArchiveQuery, Lookup};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: find-latency ARCHIVE CACHE_DIR QUERY...");
        return ExitCode::from(2);
    }
    let (archive, cache) = (Path::new(&args[0]), Path::new(&args[1]));
    let lib = std::sync::Arc::new(bulletin::model::open_path(archive).expect("archive"));
    let n = lib.articles.len();
    let index = match find::lookup(&*lib, Some(archive), Some(cache)) {
        Lookup::Ready(i) => i,
        Lookup::Missing { path } => {
            let never = AtomicBool::new(false);
            find::index::build(&*lib, &path, &never, &mut |_, _| {}).expect("build");
            find::FoldIndex::open(&path, &lib.fingerprint(), n).expect("index")
        }
        Lookup::NotUsed => panic!("the archive is too small for an index"),
    };
    let index = std::sync::Arc::new(index);
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7);
    for q in &args[2..] {
        let mut anon = 0.0f64;
        let mut firsts = Vec::new();
        let mut alls = Vec::new();
        let (mut hits, mut articles) = (0, 0);
        for _ in 0..runs {
            let query = ArchiveQuery::parse(q).expect("query");
            let (tx, rx) = channel();
            let (lib, index) = (lib.clone(), index.clone());
            let start = Instant::now();
            std::thread::spawn(move || {
                let never = AtomicBool::new(false);
                find::run(&*lib, Some(&index), &query, &never, &mut |b| {
                    let _ = tx.send(b);
                });
            });
            let (mut first, mut h, mut a) = (None, 0, 0);
            for b in rx {
                first.get_or_insert(start.elapsed());
                h += b.hits.iter().map(|x| x.hits).sum::<usize>();
                a += b.hits.len();
            }
            firsts.push(first.unwrap_or_default().as_secs_f64() * 1000.0);
            alls.push(start.elapsed().as_secs_f64() * 1000.0);
            (hits, articles) = (h, a);
            anon = anon.max(rss_anon_mb());
        }
        let (f, a) = (median(&mut firsts), median(&mut alls));
        println!("{q}\t{f:.1}\t{a:.1}\t{hits}\t{articles}\t{anon:.1}");
    }
    ExitCode::SUCCESS
}

/// `RssAnon` of this process, in MB (0 where /proc is missing).
fn rss_anon_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("RssAnon:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
