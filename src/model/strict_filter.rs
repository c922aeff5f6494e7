//! Strictness as a filter over what one reading found: a strict open
//! (and `bulletin check`) reads the archive by the lenient quick pass, and
//! only if that found a problem, or every body is wanted checked, is each
//! article read again from where the pass found it and checked the way the
//! full loader checks it (`model::whole_parse`), so the error is word for
//! word the one `bulletin check` has always given. Never the whole file in
//! memory: one article at a time.
//!
//! What the pass cannot say in words (bad UTF-8 in a body, a syntax error
//! the pass let through, a file that changed since) is left to the full
//! loader ([`Filtered::Unread`]): where a UTF-8 error is reported depends
//! on the whole file.

use std::path::Path;

use serde_json::{Map, Value};

use super::LoadError;
use super::body::OnDisk;
use super::mend::Strictness;
use super::unique_names::UniqueNames;
use super::whole_load::finish;
use super::whole_parse::Parsed;

/// What the strict check of an archive found.
pub(super) enum Filtered {
    /// No problem at all.
    Passed,
    /// Every problem, as one error.
    Refused(LoadError),
    /// Something only the full loader can put in words.
    Unread,
}

/// Checks every article of `files` (the archive `path`: one file, or a
/// directory's; each file's own members are in `headers`, `None` for
/// JSON Lines) strictly, bodies included, and gathers their problems
/// into one error as the full loader does (`whole_load::finish`, whose
/// title is `fallback` when no file gives one). When the pass found no
/// problem (`clean`), the ids are each used once and are not gathered
/// again (a hundred thousand of them cost 20 MB).
pub(super) fn check_strictly(
    path: &Path,
    files: &[OnDisk],
    headers: Vec<Option<Map<String, Value>>>,
    clean: bool,
    fallback: &str,
) -> Filtered {
    let mut parsed = Vec::with_capacity(files.len());
    for (disk, header) in files.iter().zip(headers) {
        let Some(file) = check_file(disk, header, clean) else {
            return Filtered::Unread;
        };
        parsed.push(file);
    }
    match finish(path, parsed, fallback) {
        Ok(_) => Filtered::Passed,
        Err(e) => Filtered::Refused(e),
    }
}

/// One file's articles read again and checked; `None` when one cannot be
/// read this way.
fn check_file(disk: &OnDisk, header: Option<Map<String, Value>>, clean: bool) -> Option<Parsed> {
    let mut parsed = Parsed::new(disk.file_name(), Strictness::Strict).only_checking();
    if clean {
        parsed = parsed.ids_unique();
    }
    parsed.header = header;
    let lines = disk.is_lines();
    let newlines = |bytes: &[u8]| match lines {
        true => memchr::memchr_iter(b'\n', bytes).count(),
        false => 0,
    };
    // Lines counted as the articles are read, for JSON Lines' places.
    let (mut from, mut line) = (0, 1);
    for i in 0..disk.count() {
        let (bytes, at) = disk.read_up_to(from, i)?;
        line += newlines(&bytes[..at]);
        let UniqueNames(value) = serde_json::from_slice(&bytes[at..]).ok()?;
        parsed.take(value, lines.then_some(line));
        line += newlines(&bytes[at..]);
        from = disk.end_of(i);
    }
    Some(parsed)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::model::open::{Opening, open_bytes};
    use crate::model::whole_load::load_file_bytes;
    use crate::model::{LoadError, SAMPLE_JSON};

    /// The sample as JSON Lines: one article a line.
    fn as_lines() -> String {
        let archive: serde_json::Value = serde_json::from_str(SAMPLE_JSON).unwrap();
        let articles = archive["articles"].as_array().unwrap();
        let lines: Vec<String> = articles.iter().map(|a| a.to_string()).collect();
        lines.join("\n") + "\n"
    }

    /// Damaged copies of `text`: bytes replaced, dropped and doubled at
    /// places picked by a fixed sequence, and some rules broken by name.
    fn damaged(text: &str) -> Vec<Vec<u8>> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for k in 0..400 {
            let mut b = bytes.to_vec();
            let at = next(b.len());
            match k % 4 {
                0 => b[at] = b"\",}] x\n\xff:{["[next(11)],
                1 => drop(b.remove(at)),
                2 => {
                    let to = (at + next(40)).min(b.len());
                    let piece = b[at..to].to_vec();
                    b.splice(at..at, piece);
                }
                _ => b.truncate(at),
            }
            out.push(b);
        }
        for (from, to) in [
            ("\"title\": \"中", "\"title\": \" \", \"x\": \"中"),
            ("\"title\": \"中", "\"x\": \"中"),
            ("\"title\": \"中", "\"key\": 1, \"title\": \"中"),
            ("\"format\": \"", "\"format\": \"x"),
            ("\"title\": \"", "\"title\": \" "),
            ("\"body\"", "\"bodx\""),
            ("\"paragraph\"", "\"image\""),
            ("\"district\": \"", "\"district\": 1, \"x\": \""),
            ("\"date\": \"2", "\"date\": \"9"),
            ("\"date\":\"2", "\"date\":\"9"),
            ("\"body\":[", "\"body\":[7,"),
            ("\"body\": [", "\"body\": [7,"),
        ] {
            out.push(text.replacen(from, to, 1).into_bytes());
            out.push(text.replace(from, to).into_bytes());
        }
        // An id used twice, and twice with a problem in the later one.
        let ids = ids(text);
        let (first, second) = (format!("\"{}\"", ids[0]), format!("\"{}\"", ids[1]));
        let twice = text.replacen(&second, &first, 1);
        out.push(twice.clone().into_bytes());
        out.push(twice.replacen("\"paragraph\"", "\"image\"", 2).into_bytes());
        out
    }

    /// The ids of the sample's articles, in order.
    fn ids(text: &str) -> Vec<String> {
        let archive: serde_json::Value = serde_json::from_str(SAMPLE_JSON).unwrap();
        let ids = archive["articles"].as_array().unwrap().iter();
        let ids: Vec<String> = ids.map(|a| a["id"].as_str().unwrap().to_owned()).collect();
        assert!(text.contains(&ids[1]));
        ids
    }

    /// Strictness as a filter says word for word what the full loader
    /// says, checked; strict, whenever it refuses.
    #[test]
    fn the_filter_says_what_the_full_loader_says() {
        let mut refused = 0;
        for (name, text) in [("a.json", SAMPLE_JSON.to_owned()), ("a.jsonl", as_lines())] {
            let path = Path::new(name);
            for bytes in damaged(&text) {
                let full = load_file_bytes(path, &bytes);
                // Strict never opens what has a problem outside bodies
                // (those are found when an article is opened).
                let not_in_bodies = match &full {
                    Err(LoadError::Invalid { problems, .. }) => {
                        problems.iter().any(|p| !p.message.is_body())
                    }
                    _ => false,
                };
                let whole = full.map(|a| a.articles.len()).map_err(|e| e.to_string());
                let checked = open_bytes(path, bytes.clone().into(), Opening::Checked);
                let checked = checked.map(|l| l.articles.len()).map_err(|e| e.to_string());
                assert_eq!(checked, whole, "{}", String::from_utf8_lossy(&bytes));
                match open_bytes(path, bytes.into(), Opening::Strict) {
                    Err(e) => assert_eq!(Err(e.to_string()), whole),
                    Ok(_) => assert!(!not_in_bodies, "strict opened {whole:?}"),
                }
                refused += usize::from(whole.is_err());
            }
        }
        assert!(refused > 300, "the damage is mostly refused: {refused}");
    }
}
