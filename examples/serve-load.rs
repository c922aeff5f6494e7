//! Load for `bulletin serve` (scripts/bench-serve): N concurrent SSH
//! sessions (russh client, anonymous), each opening the reader at 80x24
//! on the long report of tests/fixtures/outline/reports.json and scrolling it a line at a time. Prints, as
//! `name value` lines: key-to-frame p50/p99 (from a key sent to the first
//! byte of its frame arriving), bytes per one-line scroll, and waits on
//! standard input between phases so the script can measure the server
//! (memory with every session open, CPU while they are idle).
//!
//!     cargo run --release --example serve-load -- 127.0.0.1:2322 50 40

use std::io::BufRead;
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::ChannelMsg;
use russh::client::{self, Handle, Msg};

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// Reads until nothing more comes for `quiet`; the bytes read.
async fn drain(ch: &mut russh::Channel<Msg>, quiet: Duration) -> usize {
    let mut n = 0;
    while let Ok(Some(msg)) = tokio::time::timeout(quiet, ch.wait()).await {
        if let ChannelMsg::Data { data } = msg {
            n += data.len();
        }
    }
    n
}

/// One session: connect, open the first article, then `keys` scrolls:
/// each key's latency to the first byte of its frame, and its bytes.
async fn session(
    addr: String,
    keys: usize,
) -> (
    Handle<Client>,
    russh::Channel<Msg>,
    Vec<Duration>,
    Vec<usize>,
) {
    let config = Arc::new(client::Config::default());
    let mut h = client::connect(config, addr, Client)
        .await
        .expect("connects");
    assert!(h.authenticate_none("bench").await.unwrap().success());
    let mut ch = h.channel_open_session().await.unwrap();
    ch.set_env(false, "LANG", "en_US.UTF-8").await.unwrap();
    ch.request_pty(true, "xterm-256color", 80, 24, 0, 0, &[])
        .await
        .unwrap();
    ch.request_shell(true).await.unwrap();
    drain(&mut ch, Duration::from_millis(1500)).await;
    // The fourth article, newest first: the 2024 work report (long).
    ch.data_bytes(b"jjj\r".to_vec()).await.unwrap();
    drain(&mut ch, Duration::from_millis(500)).await;
    let (mut lat, mut bytes) = (Vec::new(), Vec::new());
    for _ in 0..keys {
        let sent = Instant::now();
        ch.data_bytes(b"j".to_vec()).await.unwrap();
        let mut first = None;
        let mut n = 0;
        // The frame: what arrives until 100 ms of quiet.
        loop {
            let wait = match first {
                None => Duration::from_secs(10),
                Some(_) => Duration::from_millis(100),
            };
            match tokio::time::timeout(wait, ch.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => {
                    first.get_or_insert_with(|| sent.elapsed());
                    n += data.len();
                }
                Ok(Some(_)) => {}
                _ => break,
            }
        }
        if let Some(f) = first {
            lat.push(f);
            bytes.push(n);
        }
    }
    (h, ch, lat, bytes)
}

fn pct(v: &[Duration], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

fn wait_line(what: &str) {
    println!("ready {what}");
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let addr = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "127.0.0.1:2322".into());
    let n: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(50);
    let keys: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(40);
    let started = Instant::now();
    let runs: Vec<_> = (0..n)
        .map(|_| tokio::spawn(session(addr.clone(), keys)))
        .collect();
    let mut open = Vec::new();
    let (mut lat, mut bytes) = (Vec::new(), Vec::new());
    for r in runs {
        let (h, ch, l, b) = r.await.unwrap();
        lat.extend(l);
        bytes.extend(b);
        open.push((h, ch));
    }
    lat.sort();
    println!("sessions {n}");
    println!("keys {}", lat.len());
    println!("wall_s {:.1}", started.elapsed().as_secs_f64());
    println!("key_to_frame_p50_ms {:.2}", pct(&lat, 0.5));
    println!("key_to_frame_p99_ms {:.2}", pct(&lat, 0.99));
    println!("key_to_frame_max_ms {:.2}", pct(&lat, 1.0));
    let total: usize = bytes.iter().sum();
    println!(
        "bytes_per_line_scroll {:.1}",
        total as f64 / bytes.len().max(1) as f64
    );
    wait_line("idle");
    drop(open);
}
