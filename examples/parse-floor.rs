//! The JSON parser's floor for `scripts/bench-scale` (issue 8): one
//! serde_json pass over a file into `IgnoredAny`, which checks the syntax
//! and builds nothing. The file is read first (not timed; the script times
//! `cat FILE > /dev/null` separately); the pass runs `RUNS` times (default
//! 5) and the median is printed in seconds.
//!
//! ```text
//! cargo run --release --example parse-floor -- big.json
//! ```

use std::time::Instant;

use serde::de::IgnoredAny;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse-floor FILE");
        std::process::exit(2);
    };
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let bytes = std::fs::read(&path).expect("read the archive");
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            // JSON Lines is a stream of values; a single file is one value.
            let stream = serde_json::Deserializer::from_slice(&bytes).into_iter::<IgnoredAny>();
            for value in stream {
                value.expect("valid JSON");
            }
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!("{:.4}", times[times.len() / 2]);
}
