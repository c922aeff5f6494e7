//! The data kept in the state file: archive keys, positions, bookmarks,
//! tombstones. Plain serde types; merging lives in `merge.rs`.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::anchor::Anchor;

/// Unknown fields of an object in the state file, in their order.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The state-file format version this build reads and writes.
pub const VERSION: u64 = 1;

/// Separates an archive's title from its key inside an [`ArchiveKey`].
const KEY_SEP: char = '\u{1f}';

/// An archive's identity: its title plus its optional stable key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ArchiveKey(pub String);

impl ArchiveKey {
    /// `title` alone, or `title U+001F key`. A U+001F inside the title is
    /// replaced by a space so the split stays unambiguous.
    pub fn new(title: &str, key: Option<&str>) -> ArchiveKey {
        let title = title.replace(KEY_SEP, " ");
        match key {
            Some(key) => ArchiveKey(format!("{title}{KEY_SEP}{key}")),
            None => ArchiveKey(title),
        }
    }

    /// The archive title part.
    pub fn title(&self) -> &str {
        self.0.split(KEY_SEP).next().unwrap_or("")
    }

    /// The stable key part, if any.
    pub fn key(&self) -> Option<&str> {
        self.0.split_once(KEY_SEP).map(|(_, key)| key)
    }
}

impl fmt::Display for ArchiveKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.key() {
            Some(key) => write!(f, "{} [{key}]", self.title()),
            None => f.write_str(self.title()),
        }
    }
}

/// How far the user got in an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Unread,
    InProgress,
    Read,
}

/// The remembered reading position in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub anchor: Anchor,
    pub status: Status,
    #[serde(with = "rfc3339")]
    pub updated: DateTime<Utc>,
    /// Fields this version does not know (a newer version's), kept as they
    /// were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A bookmark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Unique id (time, process id and a counter; see [`Bookmark::new`]).
    pub id: String,
    pub anchor: Anchor,
    #[serde(default)]
    pub note: String,
    /// Text at the mark when it was made (shown even when detached).
    #[serde(default)]
    pub snippet: String,
    #[serde(default)]
    pub article_title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdistrict: Option<String>,
    #[serde(with = "rfc3339")]
    pub created: DateTime<Utc>,
    /// Set when an undo brought the bookmark back after a delete; it then
    /// outranks the older tombstone in a merge.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_rfc3339")]
    pub restored: Option<DateTime<Utc>>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Bookmark {
    /// A new bookmark with a fresh unique id, created at `created` (the
    /// store's [`Store::now`](super::Store::now)).
    pub fn new(
        anchor: Anchor,
        note: &str,
        snippet: &str,
        article_title: &str,
        subdistrict: Option<&str>,
        created: DateTime<Utc>,
    ) -> Bookmark {
        Bookmark {
            id: new_id(created),
            anchor,
            note: note.to_string(),
            snippet: snippet.to_string(),
            article_title: article_title.to_string(),
            subdistrict: subdistrict.map(str::to_string),
            created,
            restored: None,
            extra: Extra::new(),
        }
    }

    /// When the bookmark last came alive (made or restored).
    pub fn alive_since(&self) -> DateTime<Utc> {
        self.restored.map_or(self.created, |r| r.max(self.created))
    }
}

/// `<unix ms>-<pid>-<counter>`: unique across processes and restarts.
fn new_id(at: DateTime<Utc>) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{}-{}-{n}", at.timestamp_millis(), std::process::id())
}

/// The per-archive state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveState {
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Article id -> position.
    #[serde(default)]
    pub positions: BTreeMap<String, Position>,
    /// Bookmark id -> bookmark (written as a list).
    #[serde(default, with = "bookmark_list")]
    pub bookmarks: BTreeMap<String, Bookmark>,
    /// Deleted bookmark id -> when it was deleted.
    #[serde(default, with = "tombstones")]
    pub deleted: BTreeMap<String, DateTime<Utc>>,
    /// Fields this version does not know (and entries set aside, under
    /// `set_aside`), kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl ArchiveState {
    pub fn for_key(key: &ArchiveKey) -> ArchiveState {
        ArchiveState {
            title: key.title().to_string(),
            key: key.key().map(str::to_string),
            ..ArchiveState::default()
        }
    }

    /// No positions, bookmarks or tombstones.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty() && self.bookmarks.is_empty() && self.deleted.is_empty()
    }
}

/// One entry of a prompt's history: what was typed, and when it was
/// last used (accepted with Enter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub text: String,
    #[serde(with = "rfc3339")]
    pub used: DateTime<Utc>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The whole state file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateFile {
    pub version: u64,
    #[serde(default)]
    pub archives: BTreeMap<ArchiveKey, ArchiveState>,
    /// What was typed at each prompt (prompt name -> entries, oldest
    /// first); absent from files written before it was kept.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub history: BTreeMap<String, Vec<HistoryEntry>>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Extra,
}

impl StateFile {
    /// No archive holds anything, and no prompt has a history.
    pub fn is_empty(&self) -> bool {
        self.archives.values().all(ArchiveState::is_empty) && self.history.is_empty()
    }

    /// The same without the prompts' histories: what losing would lose
    /// bookmarks or reading positions.
    pub fn without_history(mut self) -> StateFile {
        self.history.clear();
        self
    }
}

impl Default for StateFile {
    fn default() -> StateFile {
        StateFile {
            version: VERSION,
            archives: BTreeMap::new(),
            history: BTreeMap::new(),
            extra: Extra::new(),
        }
    }
}

/// Formats a time as RFC 3339 in UTC with milliseconds.
pub fn format_time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse_time<'de, D: Deserializer<'de>>(s: &str) -> Result<DateTime<Utc>, D::Error> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(serde::de::Error::custom)
}

mod rfc3339 {
    use super::*;
    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_time(t))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        parse_time::<D>(&String::deserialize(d)?)
    }
}

mod opt_rfc3339 {
    use super::*;
    pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_some(&format_time(t)),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|s| parse_time::<D>(&s))
            .transpose()
    }
}

mod bookmark_list {
    use super::*;
    pub fn serialize<S: Serializer>(
        map: &BTreeMap<String, Bookmark>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut list: Vec<&Bookmark> = map.values().collect();
        list.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        list.serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, Bookmark>, D::Error> {
        let list = Vec::<Bookmark>::deserialize(d)?;
        Ok(list.into_iter().map(|b| (b.id.clone(), b)).collect())
    }
}

mod tombstones {
    use super::*;
    pub fn serialize<S: Serializer>(
        map: &BTreeMap<String, DateTime<Utc>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let text: BTreeMap<&String, String> =
            map.iter().map(|(k, t)| (k, format_time(t))).collect();
        text.serialize(s)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, DateTime<Utc>>, D::Error> {
        BTreeMap::<String, String>::deserialize(d)?
            .into_iter()
            .map(|(k, t)| Ok((k, parse_time::<D>(&t)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_key_splits_title_and_key() {
        let k = ArchiveKey::new("中原区公报", Some("zy-2024"));
        assert_eq!((k.title(), k.key()), ("中原区公报", Some("zy-2024")));
        let k = ArchiveKey::new("a\u{1f}b", None);
        assert_eq!((k.title(), k.key()), ("a b", None));
        assert_ne!(ArchiveKey::new("t", Some("x")), ArchiveKey::new("t", None));
    }

    #[test]
    fn ids_are_unique_within_a_process() {
        let t = Utc::now();
        assert_ne!(new_id(t), new_id(t));
    }

    #[test]
    fn times_round_trip_through_json() {
        let mut a = ArchiveState::for_key(&ArchiveKey::new("t", None));
        a.deleted
            .insert("x".into(), crate::store::Clock::wall().now());
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<ArchiveState>(&json).unwrap(), a);
    }
}
