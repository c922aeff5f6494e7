//! Pinyin matching for many names at once (the article list's filter on
//! 100k titles): each character's keys (see [`super::pinyin`]) are worked
//! out once, for every character of the names given, and looked up per
//! name instead of asked of the `pinyin` crate per keystroke. Answers are
//! exactly [`pinyin_matches`](super::pinyin::pinyin_matches)'s.

use std::collections::HashMap;

use super::pinyin::keys_of;

/// The keys of every character of some names.
#[derive(Debug, Clone, Default)]
pub struct PinyinTable {
    /// A character of the Basic Multilingual Plane: its key set's number
    /// plus one (0: not seen).
    bmp: Vec<u32>,
    /// Any other character seen: its key set's number.
    other: HashMap<char, u32>,
    /// The key sets, each key lowercase ASCII.
    sets: Vec<Vec<Box<[u8]>>>,
    /// Per key set: the first letters of its keys, as bits (`letter_bit`),
    /// to pass over a character at once.
    firsts: Vec<u64>,
}

/// One bit per ASCII letter or digit (lowercase).
fn letter_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 1 << 63,
    }
}

impl PinyinTable {
    /// A table knowing every character of `names`.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> PinyinTable {
        let mut table = PinyinTable {
            bmp: vec![0; 0x1_0000],
            ..PinyinTable::default()
        };
        let mut known: HashMap<Vec<Box<[u8]>>, u32> = HashMap::new();
        for c in names.into_iter().flat_map(str::chars) {
            if table.set_of(c).is_some() {
                continue;
            }
            let keys: Vec<Box<[u8]>> = (keys_of(c).into_iter())
                .map(|k| k.into_bytes().into_boxed_slice())
                .collect();
            let n = *known.entry(keys.clone()).or_insert_with(|| {
                let firsts =
                    (keys.iter()).fold(0, |m, k| m | k.first().map_or(0, |&b| letter_bit(b)));
                table.firsts.push(firsts);
                table.sets.push(keys);
                (table.sets.len() - 1) as u32
            });
            match usize::try_from(u32::from(c)).ok().filter(|&u| u < 0x1_0000) {
                Some(u) => table.bmp[u] = n + 1,
                None => {
                    table.other.insert(c, n);
                }
            }
        }
        table
    }

    fn set_of(&self, c: char) -> Option<u32> {
        match self.bmp.get(c as usize) {
            Some(&n) => n.checked_sub(1),
            None => self.other.get(&c).copied(),
        }
    }

    /// The key-set numbers of `name`'s characters into `ids`; false if
    /// one is not in the table.
    fn ids_of(&self, name: &str, ids: &mut Vec<u32>) -> bool {
        ids.clear();
        for c in name.chars() {
            match self.set_of(c) {
                Some(n) => ids.push(n),
                None => return false,
            }
        }
        true
    }

    /// [`pinyin_matches`](super::pinyin::pinyin_matches)`(name, query)`,
    /// for a `query` that [`Pinyin::new`] took.
    pub fn matches(&self, name: &str, query: &Pinyin, ids: &mut Vec<u32>) -> bool {
        self.find(name, query, ids, false)
    }

    /// Appends the key-set numbers of `name`'s characters to `out`; false
    /// (and nothing appended) if one is not in the table or is past
    /// `u16`.
    pub fn numbers_into(&self, name: &str, out: &mut Vec<u16>) -> bool {
        let at = out.len();
        for c in name.chars() {
            match self.set_of(c).and_then(|n| u16::try_from(n).ok()) {
                Some(n) => out.push(n),
                None => {
                    out.truncate(at);
                    return false;
                }
            }
        }
        true
    }

    /// [`PinyinTable::test`] of a name numbered by
    /// [`PinyinTable::numbers_into`].
    pub fn test_numbers(&self, ids: &[u16], query: &Pinyin) -> (bool, bool) {
        self.test_ids(ids, query.0.as_bytes())
    }

    /// [`PinyinTable::could_match`] and [`PinyinTable::matches`] at once.
    pub fn test(&self, name: &str, query: &Pinyin, ids: &mut Vec<u32>) -> (bool, bool) {
        if !self.ids_of(name, ids) {
            return (true, super::pinyin::pinyin_matches(name, &query.0));
        }
        self.test_ids(ids, query.0.as_bytes())
    }

    /// From each start: one walk answers both (a match is also a "could").
    fn test_ids<N: Copy + Into<u32>>(&self, ids: &[N], q: &[u8]) -> (bool, bool) {
        let mut could = false;
        for start in 0..ids.len() {
            let (c, m) = self.consume_both(&ids[start..], q);
            if m {
                return (true, true);
            }
            could |= c;
        }
        (could, false)
    }

    /// [`PinyinTable::consume`] open and closed at once: (open, closed).
    fn consume_both<N: Copy + Into<u32>>(&self, ids: &[N], q: &[u8]) -> (bool, bool) {
        if q.is_empty() {
            return (true, true);
        }
        let Some((&first, rest)) = ids.split_first() else {
            return (false, false);
        };
        let first: u32 = first.into();
        if self.firsts[first as usize] & letter_bit(q[0]) == 0 {
            return (false, false);
        }
        let mut could = false;
        for k in &self.sets[first as usize] {
            could |= k.starts_with(q);
            if q.starts_with(k) {
                let (c, m) = self.consume_both(rest, &q[k.len()..]);
                if m {
                    return (true, true);
                }
                could |= c;
            }
        }
        (could, false)
    }

    /// Whether `query` followed by more letters could match `name`: true
    /// whenever [`PinyinTable::matches`] is, and for every query that
    /// extends `query` and matches. A query ending inside a syllable
    /// (`xushu` for 须水) may match none: it then shows no name, but its
    /// next letter (`xushui`) may.
    pub fn could_match(&self, name: &str, query: &Pinyin, ids: &mut Vec<u32>) -> bool {
        self.find(name, query, ids, true)
    }

    fn find(&self, name: &str, query: &Pinyin, ids: &mut Vec<u32>, open: bool) -> bool {
        let q = query.0.as_bytes();
        if !self.ids_of(name, ids) {
            return match open {
                false => super::pinyin::pinyin_matches(name, &query.0),
                // Anything: a superset is all this answer promises.
                true => true,
            };
        }
        (0..ids.len()).any(|start| self.consume(&ids[start..], q, open))
    }

    /// Whether the characters `ids` (from the first on) consume all of
    /// `q`; with `open`, the last one may consume it with only the start
    /// of one of its keys.
    fn consume<N: Copy + Into<u32>>(&self, ids: &[N], q: &[u8], open: bool) -> bool {
        if q.is_empty() {
            return true;
        }
        let Some((&first, rest)) = ids.split_first() else {
            return false;
        };
        let first = first.into();
        if self.firsts[first as usize] & letter_bit(q[0]) == 0 {
            return false;
        }
        self.sets[first as usize].iter().any(|k| {
            (open && k.starts_with(q))
                || q.starts_with(k) && self.consume(rest, &q[k.len()..], open)
        })
    }
}

/// A query as pinyin: lowercase ASCII letters and digits, at least two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pinyin(String);

impl Pinyin {
    /// `query` as pinyin, if it could be (see
    /// [`is_pinyin_query`](super::pinyin::is_pinyin_query)).
    pub fn new(query: &str) -> Option<Pinyin> {
        super::pinyin::is_pinyin_query(query).then(|| Pinyin(query.to_ascii_lowercase()))
    }

    /// Whether every name `self` could match, `shorter` could too:
    /// `shorter` is the start of `self`.
    pub fn extends(&self, shorter: &Pinyin) -> bool {
        self.0.starts_with(&shorter.0)
    }
}

#[cfg(test)]
mod tests {
    use super::super::pinyin::pinyin_matches;
    use super::*;
    use proptest::prelude::*;

    /// Characters with every kind of reading, as in `pinyin`'s tests.
    const CHARS: &str = "女略绿吕律须水棉纺路街道长行重中山啊饿儿安爱欧A1";

    fn name() -> impl Strategy<Value = String> {
        let chars: Vec<char> = CHARS.chars().collect();
        proptest::collection::vec(proptest::sample::select(chars), 0..8)
            .prop_map(|v| v.into_iter().collect())
    }

    #[test]
    fn the_examples_of_pinyin_match_through_the_table() {
        let names = ["须水街道", "棉纺路街道", "长江", "战略"];
        let table = PinyinTable::new(names);
        let mut ids = Vec::new();
        let q = |s: &str| Pinyin::new(s).unwrap();
        assert!(table.matches("须水街道", &q("xs"), &mut ids));
        assert!(table.matches("棉纺路街道", &q("MFL"), &mut ids));
        assert!(table.matches("长江", &q("zhangjiang"), &mut ids));
        assert!(!table.matches("须水街道", &q("xushu"), &mut ids));
        assert!(table.could_match("须水街道", &q("xushu"), &mut ids));
        assert!(table.matches("战略", &q("zhanlve"), &mut ids));
        assert!(
            table.matches("未见", &q("wj"), &mut ids),
            "not in the table"
        );
        assert_eq!(Pinyin::new("x"), None);
    }

    proptest! {
        /// The table answers as `pinyin_matches` does, for names in it
        /// and names not in it; `could_match` holds for every query that
        /// starts a matching one.
        #[test]
        fn the_table_answers_as_pinyin_matches(
            names in proptest::collection::vec(name(), 1..6),
            other in name(),
            query in "[a-z0-9A-Z]{2,8}",
        ) {
            let table = PinyinTable::new(names.iter().map(String::as_str));
            let mut ids = Vec::new();
            let q = Pinyin::new(&query).unwrap();
            for n in names.iter().chain([&other]) {
                let exact = pinyin_matches(n, &query);
                prop_assert_eq!(table.matches(n, &q, &mut ids), exact, "{} {}", n, query);
                let could = table.could_match(n, &q, &mut ids);
                prop_assert_eq!(table.test(n, &q, &mut ids), (could, exact));
                let mut numbers = Vec::new();
                if table.numbers_into(n, &mut numbers) {
                    prop_assert_eq!(table.test_numbers(&numbers, &q), (could, exact));
                }
                for cut in 2..=query.len() {
                    let start = Pinyin::new(&query[..cut]).unwrap();
                    if exact {
                        prop_assert!(table.could_match(n, &start, &mut ids));
                    }
                }
            }
        }
    }
}
