//! `bulletin serve` (issue 24), the reader over SSH: an in-process russh
//! client drives the real server. The first screen, keys, a resize, the
//! language from the client's environment, bookmarks per key (merged
//! across two sessions of one key), anonymous sessions leaving nothing.

use crate::common::ssh::{self, Term, bookmarks_in, state_of};

/// Opens the first article and bookmarks it; waits for the notice.
async fn bookmark_article(t: &mut Term, down: usize) {
    t.wait_text("Subdistricts").await;
    t.send(&"j".repeat(down)).await;
    t.send("\r").await;
    t.wait("the reader", |s| !s.contains("Subdistricts")).await;
    t.send("m").await;
    t.wait_text("Bookmark note").await;
    t.send("\r").await;
    t.wait_text("Bookmark added").await;
}

/// Quits with Ctrl-C and waits for the server to close the channel.
async fn quit(t: &mut Term) {
    t.send("\x03").await;
    assert_eq!(t.wait_closed().await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reader_opens_follows_keys_and_resizes() {
    let (running, log, _dir) = ssh::server(ssh::two_readers(), ssh::quick()).await;
    let h = ssh::connect(&running, Some(1)).await;
    let mut t = ssh::reader(&h, 80, 24, &[("LANG", "en_US.UTF-8")]).await;
    t.wait_text("Subdistricts").await;
    // Ctrl-Z has no shell to go back to over SSH: it says so, and the
    // next key is answered.
    t.send("\x1a").await;
    t.wait_text("No shell to go back to here").await;
    t.send("\r").await;
    t.wait("an article", |s| !s.contains("Subdistricts")).await;
    t.send("q").await;
    t.wait_text("Subdistricts").await;
    t.resize(40, 12).await;
    // At 40 columns the list's title no longer fits.
    t.wait_text("Subdist…").await;
    // A window far larger than any screen is drawn at the largest size.
    t.resize(400, 200).await;
    t.ch.window_change(65535, 65535, 0, 0).await.unwrap();
    t.wait_text("Subdistricts").await;
    quit(&mut t).await;
    let log = log.text();
    assert!(
        log.contains("reader=alice event=auth result=accepted"),
        "{log}"
    );
    assert!(log.contains("event=shell result=started"), "{log}");
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_comes_from_the_clients_locale_only() {
    let (running, _log, _dir) = ssh::server(ssh::two_readers(), ssh::quick()).await;
    let h = ssh::connect(&running, Some(1)).await;
    let mut zh = ssh::reader(&h, 80, 24, &[("LANG", "zh_CN.UTF-8"), ("PATH", "/evil")]).await;
    zh.wait_text("街道").await;
    let mut en = ssh::reader(&h, 80, 24, &[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")]).await;
    en.wait_text("Subdistricts").await;
    // An escape sequence in a value is nobody's language, and goes nowhere.
    let mut odd = ssh::reader(&h, 80, 24, &[("LANG", "\x1b]52;c;aGk=\x07zh")]).await;
    odd.wait_text("Subdistricts").await;
    assert!(!odd.raw.windows(4).any(|w| w == b"aGk="));
    for t in [&mut zh, &mut en, &mut odd] {
        quit(t).await;
    }
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_key_keeps_its_own_bookmarks_and_two_sessions_merge() {
    let (running, _log, dir) = ssh::server(ssh::two_readers(), ssh::quick()).await;
    let alice = ssh::connect(&running, Some(1)).await;
    let mut t = ssh::reader(&alice, 80, 24, &[]).await;
    bookmark_article(&mut t, 0).await;
    quit(&mut t).await;
    assert_eq!(bookmarks_in(&state_of(&dir, 1)), 1);
    assert_eq!(bookmarks_in(&state_of(&dir, 2)), 0, "bob has none");
    // Two sessions of alice at once, one bookmark each: both kept.
    let mut a = ssh::reader(&alice, 80, 24, &[]).await;
    let again = ssh::connect(&running, Some(1)).await;
    let mut b = ssh::reader(&again, 80, 24, &[]).await;
    bookmark_article(&mut a, 2).await;
    bookmark_article(&mut b, 4).await;
    quit(&mut a).await;
    quit(&mut b).await;
    assert_eq!(bookmarks_in(&state_of(&dir, 1)), 3);
    // Bob sees none of them.
    let bob = ssh::connect(&running, Some(2)).await;
    let mut t = ssh::reader(&bob, 80, 24, &[]).await;
    t.wait_text("Subdistricts").await;
    t.send("B").await;
    t.wait_text("No bookmarks yet").await;
    quit(&mut t).await;
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_sessions_say_so_and_leave_no_state() {
    let (running, log, dir) = ssh::server(bulletin::serve::Who::Anonymous, ssh::quick()).await;
    let h = ssh::connect(&running, None).await;
    let mut t = ssh::reader(&h, 80, 24, &[]).await;
    t.wait_text("Anonymous").await;
    bookmark_article(&mut t, 0).await;
    quit(&mut t).await;
    running.stop().await;
    let files: Vec<_> = walk(dir.path());
    assert!(files.is_empty(), "{files:?}");
    assert!(log.text().contains("reader=anonymous"), "{}", log.text());
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        match e.path() {
            p if p.is_dir() => found.extend(walk(&p)),
            p => found.push(p),
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_tells_every_reader_and_saves_their_state() {
    let (running, _log, dir) = ssh::server(ssh::two_readers(), ssh::quick()).await;
    let alice = ssh::connect(&running, Some(1)).await;
    let mut a = ssh::reader(&alice, 80, 24, &[]).await;
    let bob = ssh::connect(&running, Some(2)).await;
    let mut b = ssh::reader(&bob, 80, 24, &[("LANG", "zh_CN.UTF-8")]).await;
    bookmark_article(&mut a, 1).await;
    b.wait_text("街道").await;
    running.stop().await;
    assert_eq!(a.wait_closed().await, Some(0));
    assert_eq!(b.wait_closed().await, Some(0));
    assert!(String::from_utf8_lossy(&a.raw).contains("the server is shutting down"));
    assert!(String::from_utf8_lossy(&b.raw).contains("服务器正在关闭"));
    assert_eq!(bookmarks_in(&state_of(&dir, 1)), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ten_megabyte_paste_leaves_the_reader_answering() {
    let (running, _log, _dir) = ssh::server(ssh::two_readers(), ssh::quick()).await;
    let h = ssh::connect(&running, Some(1)).await;
    let mut t = ssh::reader(&h, 80, 24, &[]).await;
    t.wait_text("Subdistricts").await;
    let mut paste = b"\x1b[200~".to_vec();
    paste.extend(std::iter::repeat_n(b'x', 10 << 20));
    paste.extend_from_slice(b"\x1b[201~");
    t.ch.data_bytes(paste).await.unwrap();
    t.send("/").await;
    t.wait_text("Filter").await;
    quit(&mut t).await;
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_version_of_the_archive_reaches_every_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.json");
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/zhongyuan.json");
    let text = std::fs::read_to_string(sample).unwrap();
    std::fs::write(&path, &text).unwrap();
    let who = ssh::two_readers();
    let (running, log, _state) = ssh::server_of(who, ssh::quick(), Some(path.clone())).await;
    let (alice, bob) = (
        ssh::connect(&running, Some(1)).await,
        ssh::connect(&running, Some(2)).await,
    );
    let mut a = ssh::reader(&alice, 80, 24, &[]).await;
    let mut b = ssh::reader(&bob, 80, 24, &[]).await;
    a.wait_text("支部联建聚合力").await;
    b.wait_text("支部联建聚合力").await;
    let changed = text.replacen("支部联建聚合力", "NEWTITLE", 1);
    assert_ne!(changed, text);
    std::fs::write(&path, changed).unwrap();
    a.wait_text("NEWTITLE").await;
    b.wait_text("NEWTITLE").await;
    // A session that starts now opens the new version; commands run on
    // it too (the version the readers see).
    let mut c = ssh::reader(&alice, 80, 24, &[]).await;
    c.wait_text("NEWTITLE").await;
    let (code, out, _) = ssh::exec(&alice, "list").await;
    assert_eq!(code, Some(0));
    assert!(out.contains("NEWTITLE"), "{out}");
    assert!(log.text().contains("event=archive result=\"read again\""));
    for t in [&mut a, &mut b, &mut c] {
        quit(t).await;
    }
    running.stop().await;
}

/// `R` reads the file again through the server (no watcher of its own):
/// the same version comes back to the one who asked, and a file that
/// cannot be read is said to them, the version in hand kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_reads_the_archive_again_through_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.json");
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/zhongyuan.json");
    std::fs::copy(sample, &path).unwrap();
    let who = ssh::two_readers();
    // The probe answered (it waits for it): `R` is a key at once.
    let limits = bulletin::serve::Limits {
        probe_timeout: ssh::PATIENCE,
        ..ssh::quick()
    };
    let (running, log, _state) = ssh::server_of(who, limits, Some(path.clone())).await;
    let alice = ssh::connect(&running, Some(1)).await;
    let mut a = ssh::reader(&alice, 80, 24, &[]).await;
    a.answer_probe = true;
    a.wait_text("支部联建聚合力").await;
    a.send("R").await;
    a.wait_text("Archive read again: 0 new, 0 gone").await;
    assert!(log.text().contains("result=unchanged archive=archive"));
    // Gone: the watcher has nothing to read; `R` says it cannot be read.
    std::fs::remove_file(&path).unwrap();
    a.send("R").await;
    a.wait_text("cannot be read").await;
    assert!(a.text().contains("支部联建聚合力"));
    quit(&mut a).await;
    running.stop().await;
}

/// The real binary: SIGTERM tells the reader, saves its state and exits 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_saves_every_readers_state_and_exits_0() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("authorized_keys");
    let public = ssh::key(1).public_key().to_openssh().unwrap();
    std::fs::write(&keys, format!("{public} alice\n")).unwrap();
    let data = dir.path().join("data");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["serve", "--listen", "127.0.0.1:0", "--lang", "en"])
        .arg("--authorized-keys")
        .arg(&keys)
        .arg("--data-dir")
        .arg(&data)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr = line.split(" on ").nth(1).and_then(|s| s.split(';').next());
    let addr: std::net::SocketAddr = addr.expect(&line).parse().unwrap();
    // The log goes on: read it so the server never blocks writing it.
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    let h = ssh::connect_to(addr, 1).await;
    let mut t = ssh::reader(&h, 80, 24, &[]).await;
    bookmark_article(&mut t, 1).await;
    let pid = child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status();
    assert!(killed.unwrap().success());
    assert_eq!(t.wait_closed().await, Some(0));
    assert!(String::from_utf8_lossy(&t.raw).contains("the server is shutting down"));
    let status = tokio::task::spawn_blocking(move || child.wait().unwrap());
    let status = tokio::time::timeout(ssh::PATIENCE, status).await.unwrap();
    assert_eq!(status.unwrap().code(), Some(0));
    let hex = bulletin::serve::keys::fingerprint_hex(ssh::key(1).public_key());
    let state = data.join("serve/readers").join(hex).join("state.json");
    assert_eq!(bookmarks_in(&state), 1, "{}", state.display());
}
