//! End to end (issue 14): the archive is rewritten while the reader has
//! it open, by `bulletin import -o` (a new file renamed over it), then cut
//! short in place (a writer that stopped half-way), then replaced again.
//! The reader stays on the same words, shows the new articles without a
//! restart, never reads the half-written file as an archive, and stays
//! idle (no CPU, no bytes) with the watcher on.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::common;

use common::pty::Session;
use common::reader::{BIN, status_of, wait_status};

const NEW_TEXT: &str = "中原区：新的一篇 社区开展新活动\n\n社区开展了新活动，居民踊跃参加。\n";

/// The reader's body rows (between the top bar and the status line).
fn body(s: &Session) -> Vec<String> {
    let rows = s.rows();
    rows[1..rows.len() - 1].to_vec()
}

fn replace(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension("part");
    std::fs::write(&tmp, bytes).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// `bulletin import FILE -o ARCHIVE`, as a user would run it.
fn import(dir: &Path, name: &str, text: &str, archive: &Path) {
    let txt = dir.join(name);
    std::fs::write(&txt, text).unwrap();
    let out = Command::new(BIN)
        .arg("import")
        .arg(&txt)
        .arg("-o")
        .arg(archive)
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// CPU time used so far (user + system, clock ticks), from /proc.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split(' ').collect();
    // utime and stime are fields 14 and 15; `after` starts at field 3.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn rewriting_the_archive_under_the_reader() {
    let work = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let archive = work.path().join("open-archive.json");
    replace(&archive, bulletin::model::SAMPLE_JSON.as_bytes());
    let path = archive.to_str().unwrap();
    let mut s = Session::start(&[path], 80, 24, data.path(), &[]);
    s.wait_text("桐柏路街道");
    s.send("/桐柏\r\r");
    wait_status(&s, "the report", |st| st.first == 1);
    s.send("jjjjj");
    wait_status(&s, "five lines down", |st| st.first == 6);
    let before = body(&s);

    // `bulletin import new.txt -o open-archive.json` while it is open.
    import(work.path(), "new.txt", NEW_TEXT, &archive);
    s.wait_text("Archive read again: 1 new, 0 gone");
    assert_eq!(body(&s), before, "the reader stays on the same words");

    // Cut short in place, as a writer that stopped half-way leaves it.
    let whole = std::fs::read(&archive).unwrap();
    std::fs::write(&archive, &whole[..whole.len() / 2]).unwrap();
    s.wait_text("The archive changed but cannot be read yet; the old version stays (!: why)");
    assert_eq!(body(&s), before, "nothing half-read is shown");
    s.send("k");
    wait_status(&s, "still reading the old version", |st| st.first == 5);

    // Whole again, with two more articles.
    let mut v: serde_json::Value = serde_json::from_slice(&whole).unwrap();
    for n in 2..4 {
        let mut a = v["articles"][0].clone();
        a["id"] = format!("more-{n}").into();
        a["title"] = format!("又一篇文章 {n}").into();
        v["articles"].as_array_mut().unwrap().push(a);
    }
    replace(
        &archive,
        serde_json::to_string_pretty(&v).unwrap().as_bytes(),
    );
    s.wait_text("Archive read again: 2 new, 0 gone");
    s.send("j");
    wait_status(&s, "the same place", |st| st.first == 6);
    assert_eq!(body(&s), before, "the same words at the top");

    // The new articles are in the list.
    s.send("q\x1b");
    s.wait_for("the list with the new articles", |t| {
        status_of(t).is_none() && t.contains("新的一篇") && t.contains("又一篇文章 2")
    });

    // Idle with the watcher on: no CPU, no bytes (after the last position
    // save, which is at most a second after the last key).
    // Two seconds idle: a loop polling even ten times a second would use
    // ticks (and a timer redrawing would write bytes) within that.
    std::thread::sleep(Duration::from_millis(1500));
    let pid = s.process_id().unwrap();
    let (ticks, bytes) = (cpu_ticks(pid), s.raw_bytes().len());
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(cpu_ticks(pid) - ticks, 0, "CPU used while idle");
    assert_eq!(s.raw_bytes().len(), bytes, "bytes written while idle");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
