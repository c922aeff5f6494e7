//! `bulletin serve A B` (issue 24): several archives, each called by its
//! file name. Commands name the one they run on as the local command
//! names a file; the reader opens on a chooser (which `q` on its list
//! comes back to), or on the archive named as the command (`ssh -t HOST
//! NAME`).

use std::path::PathBuf;

use crate::common::ssh;

/// Copies of the sample (`zhongyuan`) and of the outline fixture
/// (`reports`, titled 河清区政府文件选编).
fn two_archives() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let (a, b) = (
        dir.path().join("zhongyuan.json"),
        dir.path().join("reports.json"),
    );
    std::fs::copy(format!("{root}/sample-data/zhongyuan.json"), &a).unwrap();
    std::fs::copy(format!("{root}/tests/fixtures/outline/reports.json"), &b).unwrap();
    (dir, a, b)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_name_the_archive_they_run_on() {
    let (_dir, a, b) = two_archives();
    let paths = [a.clone(), b.clone()];
    let (running, _log, _state) = ssh::server_many(ssh::two_readers(), ssh::quick(), &paths).await;
    let h = ssh::connect(&running, Some(1)).await;
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let id = "hq-2024-report";
    for (remote, here) in [
        ("list zhongyuan --json", &["list", a, "--json"][..]),
        ("list reports", &["list", b]),
        (
            "search 物业 zhongyuan --json",
            &["search", "物业", a, "--json"],
        ),
        ("search 报告 reports", &["search", "报告", b]),
        ("show reports hq-2024-report", &["show", b, id]),
        ("show hq-2024-report --archive reports", &["show", b, id]),
        (
            "outline reports hq-2024-report --json",
            &["outline", b, id, "--json"],
        ),
    ] {
        let (code, out, err) = ssh::exec(&h, remote).await;
        assert_eq!((code, out), ssh::local(here), "{remote}: {err}");
    }
    // Named by none, or by a name not served: a usage error naming them.
    for remote in [
        "list",
        "search 物业",
        "show hq-2024-report",
        "list /etc/passwd",
    ] {
        let (code, out, err) = ssh::exec(&h, remote).await;
        assert_eq!(code, Some(2), "{remote}: {out}");
        assert!(err.contains("zhongyuan, reports"), "{remote}: {err}");
    }
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reader_opens_on_a_chooser_or_on_the_archive_named() {
    let (_dir, a, b) = two_archives();
    let (running, log, _state) = ssh::server_many(ssh::two_readers(), ssh::quick(), &[a, b]).await;
    let h = ssh::connect(&running, Some(1)).await;
    let mut t = ssh::reader(&h, 80, 24, &[]).await;
    t.wait_text("Archives on this server").await;
    t.wait_text("2  reports  河清区政府文件选编").await;
    t.send("j\r").await;
    t.wait_text("河清区2024年政府工作报告").await;
    // The chooser is wiped before the reader draws (a terminal already
    // on the alternate screen keeps it when entering it again; vt100
    // does not, so the bytes are looked at).
    let raw = String::from_utf8_lossy(&t.raw);
    let chooser_ends = raw.rfind("articles)").unwrap();
    assert!(raw[chooser_ends..].contains("\x1b[2J"), "{raw:?}");
    t.send("\x03").await;
    assert_eq!(t.wait_closed().await, Some(0));
    // Named as the command, with a pty: that archive's reader at once.
    let mut n = ssh::reader_on(&h, 80, 24, &[], Some("reports")).await;
    n.wait_text("河清区2024年政府工作报告").await;
    n.wait_text("q quit").await;
    n.send("\x03").await;
    assert_eq!(n.wait_closed().await, Some(0));
    // Without a pty: how to connect, exit status 1.
    let (code, _, err) = ssh::exec(&h, "reports").await;
    assert_eq!(code, Some(1));
    assert!(err.contains("ssh -t HOST NAME"), "{err}");
    assert!(err.contains("zhongyuan, reports"), "{err}");
    // Leaving the chooser ends the session.
    let mut c = ssh::reader(&h, 40, 12, &[("LANG", "zh_CN.UTF-8")]).await;
    c.wait_text("本服务器上的档案").await;
    c.send("q").await;
    assert_eq!(c.wait_closed().await, Some(0));
    assert!(log.text().contains("archive=reports"), "{}", log.text());
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn q_on_the_list_goes_back_to_the_chooser() {
    let (_dir, a, b) = two_archives();
    let (running, log, _state) = ssh::server_many(ssh::two_readers(), ssh::quick(), &[a, b]).await;
    let h = ssh::connect(&running, Some(1)).await;
    let mut t = ssh::reader(&h, 80, 24, &[]).await;
    t.answer_probe = true;
    t.wait_text("Archives on this server").await;
    t.send("2").await;
    t.wait_text("河清区2024年政府工作报告").await;
    // `q` in an article goes back to the list, `q` on the list to the
    // chooser, the archive just read selected: Enter opens it again.
    t.send("\r").await;
    t.wait("an article", |s| !s.contains("Articles")).await;
    t.send("q").await;
    t.wait_text("Articles").await;
    // Its hint says where `q` goes.
    t.wait_text("q archives").await;
    t.send("q").await;
    t.wait_text("Archives on this server").await;
    assert!(!t.closed);
    t.send("\r").await;
    t.wait_text("河清区2024年政府工作报告").await;
    // Ctrl-C in the reader still ends the session.
    t.send("\x03").await;
    assert_eq!(t.wait_closed().await, Some(0));
    let log = log.text();
    assert!(log.contains("result=\"back to the chooser\""), "{log}");
    // And `q` in the chooser after coming back leaves.
    let mut c = ssh::reader(&h, 80, 24, &[]).await;
    c.answer_probe = true;
    c.wait_text("Archives on this server").await;
    c.send("1").await;
    c.wait_text("Subdistricts").await;
    c.send("q").await;
    c.wait_text("Archives on this server").await;
    c.send("q").await;
    assert_eq!(c.wait_closed().await, Some(0));
    // A reader opened by name has no chooser to go back to: `q` leaves.
    let mut n = ssh::reader_on(&h, 80, 24, &[], Some("reports")).await;
    n.wait_text("河清区2024年政府工作报告").await;
    n.wait_text("q quit").await;
    n.send("q").await;
    assert_eq!(n.wait_closed().await, Some(0));
    running.stop().await;
}
