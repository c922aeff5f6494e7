//! An archive cut short while it is being opened (issue 15). The start-up
//! pass over a large archive used to read a memory map of it: when another
//! process truncated the file meanwhile, touching the pages it had lost
//! killed `bulletin list` (and the reader) with SIGBUS. Now the file is
//! read, not mapped: a file cut short reads short, which is an error with
//! the file's name, or was read whole before the cut; never a signal.

#[allow(dead_code)]
#[path = "../../examples/gen-archive/synth.rs"]
mod synth;

use std::fs::OpenOptions;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use bulletin::model::{Archive, FORMAT_TAG};
use serde_json::Map;

use crate::common::bounded::command;

/// About 2.5 KB each: some 25 MB, which the pass takes a while over.
const ARTICLES: usize = 10_000;
/// Cuts, spread over the time an uncut `list` takes.
const CUTS: u32 = 6;

/// A SYNTHETIC archive (`examples/gen-archive`'s articles), as JSON.
fn archive() -> Vec<u8> {
    let mut rng = synth::Rng::new(15);
    let places = synth::Places::new(&mut rng, 40);
    let articles = (1..=ARTICLES)
        .map(|n| synth::article(&mut rng, &places, n))
        .collect();
    let archive = Archive {
        format: FORMAT_TAG.into(),
        title: "合成测试档案 (synthetic)".into(),
        key: None,
        articles,
        extra: Map::new(),
    };
    serde_json::to_vec(&archive).unwrap()
}

/// Waits for `child`, killing it after 20 s (a hang fails the test too).
fn wait(child: &mut Child) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("bulletin list did not end");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Writes `bytes` to `path`, runs `bulletin list` on it and, `cut` after
/// starting it, cuts the file to a tenth; how it ended, and how long it
/// ran.
fn list_cut(path: &Path, bytes: &[u8], cut: Option<Duration>) -> (ExitStatus, Duration) {
    std::fs::write(path, bytes).unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&["list", path.to_str().unwrap()], home.path());
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap();
    if let Some(after) = cut {
        std::thread::sleep(after);
        let file = OpenOptions::new().write(true).open(path).unwrap();
        file.set_len(bytes.len() as u64 / 10).unwrap();
    }
    let status = wait(&mut child);
    (status, start.elapsed())
}

#[test]
fn an_archive_cut_short_while_it_is_opened_is_never_a_signal() {
    let bytes = archive();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let (status, whole) = list_cut(&path, &bytes, None);
    assert!(status.success(), "{status:?}");
    // Cuts early and late in the pass, whatever this machine's speed.
    for k in 1..=CUTS {
        let after = whole * k / (CUTS + 1);
        let (status, _) = list_cut(&path, &bytes, Some(after));
        assert_eq!(status.signal(), None, "cut after {after:?}: {status:?}");
        assert!(matches!(status.code(), Some(0 | 1)), "{status:?}");
    }
}
