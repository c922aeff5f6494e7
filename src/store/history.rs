//! What was typed at each prompt (the archive search, the in-article
//! search, the list filters, bookmark notes): a list per prompt, oldest
//! first, each entry with when it was last used. Kept at the top of the
//! state file under `history`, shared by every archive (as a shell's).
//!
//! Merging two copies: per prompt, the union by text, an entry used in
//! both keeping the later time; then the [`HISTORY_CAP`] entries used
//! last, oldest first.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::types::HistoryEntry;

/// Entries kept per prompt.
pub const HISTORY_CAP: usize = 100;

/// Every prompt's history: prompt name -> entries, oldest first.
pub type Histories = BTreeMap<String, Vec<HistoryEntry>>;

/// Merges `theirs` into `ours`; returns what was taken from `theirs`.
pub fn merge_histories(ours: &mut Histories, theirs: Histories) -> Histories {
    let mut taken = Histories::new();
    for (prompt, entries) in theirs {
        let mine = ours.entry(prompt.clone()).or_default();
        for entry in entries {
            match mine.iter_mut().find(|e| e.text == entry.text) {
                Some(e) if e.used >= entry.used => continue,
                Some(e) => e.used = entry.used,
                None => mine.push(entry.clone()),
            }
            taken.entry(prompt.clone()).or_default().push(entry);
        }
        settle(mine);
    }
    taken
}

/// Oldest first, at most [`HISTORY_CAP`] (the ones used last).
fn settle(list: &mut Vec<HistoryEntry>) {
    list.sort_by(|a, b| (a.used, &a.text).cmp(&(b.used, &b.text)));
    let extra = list.len().saturating_sub(HISTORY_CAP);
    list.drain(..extra);
}

/// `text` used at `at` at `prompt`: moved to the end of its list (once),
/// the list capped.
pub fn record(histories: &mut Histories, prompt: &str, text: &str, at: DateTime<Utc>) {
    let list = histories.entry(prompt.to_string()).or_default();
    list.retain(|e| e.text != text);
    list.push(HistoryEntry {
        text: text.to_string(),
        used: at,
        extra: Default::default(),
    });
    settle(list);
}

/// The `history` field as read from a file: the entries that read, and
/// each one that does not, with why (to be set aside).
pub fn read(value: Value) -> (Histories, Vec<(String, String, Value)>) {
    let mut out = Histories::new();
    let mut refused = Vec::new();
    let Value::Object(map) = value else {
        refused.push(("history".into(), "not an object".into(), value));
        return (out, refused);
    };
    for (prompt, list) in map {
        let Value::Array(items) = list else {
            refused.push((format!("history.{prompt}"), "not a list".into(), list));
            continue;
        };
        let mut entries = Vec::new();
        for (i, v) in items.into_iter().enumerate() {
            match HistoryEntry::deserialize(&v) {
                Ok(e) => entries.push(e),
                Err(e) => refused.push((format!("history.{prompt}[{i}]"), e.to_string(), v)),
            }
        }
        let mut merged = Histories::new();
        merge_histories(&mut merged, Histories::from([(prompt.clone(), entries)]));
        out.extend(merged);
    }
    (out, refused)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + Duration::seconds(secs)
    }

    fn texts(h: &Histories, prompt: &str) -> Vec<String> {
        h[prompt].iter().map(|e| e.text.clone()).collect()
    }

    #[test]
    fn two_copies_merge_by_text_and_time_either_way() {
        let mut a = Histories::new();
        record(&mut a, "find", "养老", at(1));
        record(&mut a, "find", "防汛", at(3));
        let mut b = Histories::new();
        record(&mut b, "find", "社区", at(2));
        record(&mut b, "find", "养老", at(4));
        record(&mut b, "filter", "xs", at(5));
        let (mut ab, mut ba) = (a.clone(), b.clone());
        let taken = merge_histories(&mut ab, b.clone());
        merge_histories(&mut ba, a);
        assert_eq!(texts(&ab, "find"), ["社区", "防汛", "养老"]);
        assert_eq!(ab, ba, "the same whichever merges into which");
        assert_eq!(texts(&taken, "find"), ["社区", "养老"]);
        assert_eq!(texts(&ab, "filter"), ["xs"]);
        let again = ab.clone();
        assert!(merge_histories(&mut ab, again).is_empty(), "idempotent");
    }

    #[test]
    fn each_prompt_keeps_the_entries_used_last() {
        let mut h = Histories::new();
        for i in 0..HISTORY_CAP + 20 {
            record(&mut h, "search", &format!("q{i}"), at(i as i64));
        }
        record(&mut h, "search", "q0", at(1000));
        let list = texts(&h, "search");
        assert_eq!(list.len(), HISTORY_CAP);
        assert_eq!(list.last().map(String::as_str), Some("q0"));
        assert_eq!(list[0], "q21");
    }
}
