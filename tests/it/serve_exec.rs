//! `bulletin serve` (issue 24): commands over SSH, refusals and limits.
//! The commands print what the local ones print, with their exit status;
//! everything else a client may ask (a shell without a pty, other
//! commands, files, forwarding, sftp, passwords, more connections or
//! channels than allowed) is refused.

use std::time::{Duration, Instant};

use bulletin::serve::{Limits, Who};
use russh::ChannelMsg;

use crate::common::ssh;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_print_what_the_local_ones_print() {
    let (running, log, _dir) = ssh::server(ssh::two_readers(), ssh::quick()).await;
    let h = ssh::connect(&running, Some(1)).await;
    for (remote, here) in [
        (
            "search 物业 --json",
            &["search", "物业", "--json", "--sample"][..],
        ),
        ("list --json", &["list", "--json", "--sample"]),
        (
            "search nothing-like-this",
            &["search", "nothing-like-this", "--sample"],
        ),
    ] {
        let (code, out, _) = ssh::exec(&h, remote).await;
        assert_eq!((code, out), ssh::local(here), "{remote}");
    }
    let (_, list) = ssh::local(&["list", "--json", "--sample"]);
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    let id = v[0]["articles"][0]["id"].as_str().or(v[0]["id"].as_str());
    if let Some(id) = id {
        let (code, out, _) = ssh::exec(&h, &format!("show {id}")).await;
        assert_eq!((code, out), ssh::local(&["show", id, "--sample"]));
        let (code, _, _) = ssh::exec(&h, &format!("outline {id}")).await;
        assert_eq!(code, Some(0));
    }
    assert!(log.text().contains("event=exec"), "{}", log.text());
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everything_else_is_refused_with_a_message() {
    let (running, log, _dir) = ssh::server(ssh::two_readers(), ssh::quick()).await;
    let h = ssh::connect(&running, Some(1)).await;
    for command in [
        "sh",
        "cat /etc/passwd",
        "list /etc/passwd",
        "check x",
        "bookmarks",
    ] {
        let (code, out, err) = ssh::exec(&h, command).await;
        assert_ne!(code, Some(0), "{command}");
        assert!(
            !err.is_empty() && !out.contains("root:"),
            "{command}: {err}"
        );
    }
    let (code, out, err) = ssh::exec(&h, "show ../../etc/passwd").await;
    assert_eq!(code, Some(1));
    assert!(
        !out.contains("root:") && err.contains("../../etc/passwd"),
        "{err}"
    );
    // A shell without a pty: one line, status 1.
    let mut ch = h.channel_open_session().await.unwrap();
    ch.request_shell(true).await.unwrap();
    let (mut err, mut code) = (String::new(), None);
    while let Some(msg) = ch.wait().await {
        match msg {
            ChannelMsg::ExtendedData { data, .. } => err.push_str(&String::from_utf8_lossy(&data)),
            ChannelMsg::ExitStatus { exit_status } => code = Some(exit_status),
            ChannelMsg::Close => break,
            _ => {}
        }
    }
    assert_eq!(code, Some(1));
    assert!(err.contains("ssh -t") && err.lines().count() == 1, "{err}");
    // sftp, port forwarding both ways.
    let ch = h.channel_open_session().await.unwrap();
    assert!(ch.request_subsystem(true, "sftp").await.is_ok());
    let mut ch = ch;
    let mut failed = false;
    while let Ok(Some(msg)) = tokio::time::timeout(ssh::PATIENCE, ch.wait()).await {
        if matches!(msg, ChannelMsg::Failure) {
            failed = true;
            break;
        }
    }
    assert!(failed, "sftp refused");
    assert!(
        h.channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5000)
            .await
            .is_err()
    );
    assert!(h.tcpip_forward("127.0.0.1", 0).await.is_err());
    let log = log.text();
    for what in [
        "subsystem sftp",
        "event=forward result=refused",
        "event=remote-forward",
    ] {
        assert!(log.contains(what), "{what}: {log}");
    }
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn passwords_and_unknown_keys_are_refused() {
    let (running, log, _dir) = ssh::server(ssh::two_readers(), ssh::quick()).await;
    let mut h = ssh::try_connect(&running).await.unwrap();
    let r = h.authenticate_password("root", "hunter2").await.unwrap();
    assert!(!r.success());
    let stranger = russh::keys::PrivateKeyWithHashAlg::new(std::sync::Arc::new(ssh::key(7)), None);
    assert!(
        !h.authenticate_publickey("root", stranger)
            .await
            .unwrap()
            .success()
    );
    assert!(!h.authenticate_none("root").await.unwrap().success());
    let log = log.text();
    assert!(
        log.contains("result=refused method=password user=root"),
        "{log}"
    );
    assert!(log.contains("method=\"publickey (unknown key)\""), "{log}");
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_and_channels_are_capped() {
    let limits = Limits {
        max_sessions: 3,
        max_per_address: 2,
        channels_per_connection: 2,
        ..ssh::quick()
    };
    let (running, log, _dir) = ssh::server(Who::Anonymous, limits).await;
    let a = ssh::connect(&running, None).await;
    let _b = ssh::connect(&running, None).await;
    assert!(
        ssh::try_connect(&running).await.is_err(),
        "third from one address"
    );
    assert!(log.text().contains("refused: too many connections"));
    let _one = a.channel_open_session().await.unwrap();
    let _two = a.channel_open_session().await.unwrap();
    assert!(a.channel_open_session().await.is_err(), "third channel");
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_sessions_are_told_then_closed_by_the_clock() {
    let limits = Limits {
        idle_timeout: Some(Duration::from_secs(600)),
        ..ssh::quick()
    };
    let (running, _log, _dir) = ssh::server(Who::Anonymous, limits).await;
    let h = ssh::connect(&running, None).await;
    let mut t = ssh::reader(&h, 80, 24, &[]).await;
    t.wait_text("Subdistricts").await;
    let now = Instant::now();
    running.server.sweep(now + Duration::from_secs(500));
    assert!(!t.text().contains("closes in"));
    running.server.sweep(now + Duration::from_secs(570));
    t.wait_text("closes in").await;
    running.server.sweep(now + Duration::from_secs(700));
    assert_eq!(t.wait_closed().await, Some(0));
    assert!(String::from_utf8_lossy(&t.raw).contains("without a key"));
    assert_eq!(running.server.sessions(), 0);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_costs_a_bounded_buffer() {
    let (running, _log, _dir) = ssh::server(Who::Anonymous, ssh::quick()).await;
    let (h, deaf) = ssh::connect_deaf(&running).await;
    // A large window and keys that change the whole screen, and the
    // client reads nothing more: what is sent piles up in the network,
    // then frames are coalesced.
    let mut t = ssh::reader(&h, 400, 200, &[]).await;
    t.wait_text("Subdistricts").await;
    deaf.store(true, std::sync::atomic::Ordering::SeqCst);
    // Typing goes on until the network is full both ways (the server
    // stops reading a connection it cannot write to).
    for _ in 0..300 {
        let typed = tokio::time::timeout(Duration::from_secs(2), t.send("?\x1bjk")).await;
        let (waiting, _) = running.server.buffered();
        assert!(
            waiting <= bulletin::serve::outbox::CAP + (2 << 20),
            "{waiting}"
        );
        if typed.is_err() {
            break;
        }
    }
    // The server answers other clients meanwhile.
    let other = ssh::connect(&running, None).await;
    let (code, _, _) = ssh::exec(&other, "list").await;
    assert_eq!(code, Some(0));
    drop(t);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_that_never_authenticates_is_closed() {
    use tokio::io::AsyncReadExt;
    let limits = Limits {
        auth_timeout: Duration::from_millis(300),
        ..ssh::quick()
    };
    let (running, log, _dir) = ssh::server(Who::Anonymous, limits).await;
    // Says nothing at all: not even its version.
    let mut silent = tokio::net::TcpStream::connect(running.addr).await.unwrap();
    let mut seen = Vec::new();
    let read = silent.read_to_end(&mut seen);
    tokio::time::timeout(ssh::PATIENCE, read)
        .await
        .unwrap()
        .unwrap();
    assert!(seen.starts_with(b"SSH-2.0-bulletin"), "{seen:?}");
    // Completes the handshake, then never authenticates.
    let h = ssh::try_connect(&running).await.unwrap();
    let deadline = Instant::now() + ssh::PATIENCE;
    while !h.is_closed() {
        assert!(Instant::now() < deadline, "still open");
        // A poll interval, not a wait: the loop ends when the server closes.
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let log = log.text();
    assert!(log.contains("no handshake in time"), "{log}");
    assert!(log.contains("authentication timed out"), "{log}");
    running.stop().await;
}

/// Commands answer from the archive the server loaded (what its readers
/// see), not from the file: with the file removed after the server
/// started, they print what the local command printed of it before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_answer_from_the_loaded_archive_not_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zhongyuan.json");
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/zhongyuan.json");
    std::fs::copy(sample, &path).unwrap();
    let p = path.to_str().unwrap();
    let (_, list) = ssh::local(&["list", "--json", p]);
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    let id = v["groups"][0]["articles"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let cases = [
        (
            "list --json".to_string(),
            ssh::local(&["list", "--json", p]),
        ),
        (format!("show {id}"), ssh::local(&["show", p, &id])),
        (format!("outline {id}"), ssh::local(&["outline", p, &id])),
        (
            "search 物业 --json".into(),
            ssh::local(&["search", "物业", p, "--json"]),
        ),
    ];
    let (running, _log, _state) =
        ssh::server_of(ssh::two_readers(), ssh::quick(), Some(path.clone())).await;
    std::fs::remove_file(&path).unwrap();
    let h = ssh::connect(&running, Some(1)).await;
    for (remote, here) in cases {
        assert_eq!(here.0, Some(0), "{remote}");
        let (code, out, err) = ssh::exec(&h, &remote).await;
        assert_eq!((code, out), here, "{remote}: {err}");
    }
    running.stop().await;
}
