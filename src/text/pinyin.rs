//! Finding Chinese names by pinyin, for users without a Chinese input
//! method (common over SSH): `xs` and `xushui` find 须水街道, `mfl` finds
//! 棉纺路街道. Readings come from the `pinyin` crate (MIT; every reading of
//! a character, so heteronyms such as 长 chang/zhang both work).

use pinyin::{ToPinyin, ToPinyinMulti};

/// Whether `query` could be typed for some part of `name` in pinyin: each
/// Chinese character consumes either a whole syllable of one of its
/// readings (`xu`) or its initial (`x`, or `zh`/`ch`/`sh`); any other
/// letter or digit consumes itself. Case and tones are ignored. `query`
/// must be ASCII letters and digits (anything else never matches), and at
/// least two of them, so a single letter does not match every name.
pub fn pinyin_matches(name: &str, query: &str) -> bool {
    let q = query.to_ascii_lowercase();
    if q.len() < 2 || !q.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let keys: Vec<Vec<String>> = name.chars().map(keys_of).collect();
    (0..keys.len()).any(|start| consume(&keys[start..], q.as_bytes()))
}

/// True when the query has characters pinyin search could mean.
pub fn is_pinyin_query(query: &str) -> bool {
    query.len() >= 2 && query.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// What typing can stand for one character of a name. `ü` (`略` lüe,
/// `女` nü) is typed `v` or `u`, as Chinese input methods take it.
pub(super) fn keys_of(c: char) -> Vec<String> {
    if c.is_ascii_alphanumeric() {
        return vec![c.to_ascii_lowercase().to_string()];
    }
    let mut keys: Vec<String> = Vec::new();
    let mut add = |k: String| {
        if !keys.contains(&k) {
            keys.push(k);
        }
    };
    for p in c.to_pinyin_multi().into_iter().flatten() {
        let plain = p.plain();
        for full in [plain.replace('ü', "v"), plain.replace('ü', "u")] {
            // Readings are ASCII now; initials are their first one or two
            // letters (`zh`, `ch`, `sh` count either way).
            if matches!(full.get(..2), Some("zh" | "ch" | "sh")) {
                add(full[..2].to_string());
            }
            add(full[..full.len().min(1)].to_string());
            add(full);
        }
    }
    keys
}

/// A key that sorts names the way Chinese readers expect, by pinyin
/// (`北京` before `上海` before `郑州`): each Chinese character becomes its
/// first reading followed by a space, anything else itself, lowercased.
/// Characters with the same reading tie; break ties on the name itself.
pub fn sort_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len() * 2);
    for c in name.chars() {
        match c.to_pinyin() {
            Some(p) => {
                key.push_str(p.plain());
                key.push(' ');
            }
            None => key.extend(c.to_lowercase()),
        }
    }
    key
}

/// Whether the characters from `chars[0]` on can consume all of `q`.
fn consume(chars: &[Vec<String>], q: &[u8]) -> bool {
    if q.is_empty() {
        return true;
    }
    let Some((first, rest)) = chars.split_first() else {
        return false;
    };
    first
        .iter()
        .any(|k| q.starts_with(k.as_bytes()) && consume(rest, &q[k.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_full_syllables_find_subdistricts() {
        assert!(pinyin_matches("须水街道", "xs"));
        assert!(pinyin_matches("须水街道", "xushui"));
        assert!(pinyin_matches("须水街道", "XuShui"));
        assert!(
            pinyin_matches("须水街道", "xshui"),
            "initials and syllables mix"
        );
        assert!(pinyin_matches("棉纺路街道", "mfl"));
        assert!(
            pinyin_matches("棉纺路街道", "jiedao"),
            "anywhere in the name"
        );
        assert!(!pinyin_matches("棉纺路街道", "xs"));
        assert!(!pinyin_matches("须水街道", "x"), "one letter is too little");
    }

    #[test]
    fn heteronyms_and_retroflex_initials() {
        assert!(pinyin_matches("长江", "cj"));
        assert!(pinyin_matches("长江", "zhangjiang"), "every reading counts");
        assert!(pinyin_matches("中山路", "zhsl"));
        assert!(pinyin_matches("中山路", "zsl"));
    }

    #[test]
    fn u_umlaut_readings_are_typed_v_or_u() {
        // 略 is lüe: a byte slice of it once split the ü and panicked.
        assert!(pinyin_matches("战略", "zl"));
        assert!(pinyin_matches("战略", "zhanlve"));
        assert!(pinyin_matches("战略", "zhanlue"));
        assert!(pinyin_matches("妇女", "funv"));
        assert!(
            !pinyin_matches("战略", "zhanlüe"),
            "not ASCII: never matches"
        );
    }

    #[test]
    fn names_sort_by_pinyin() {
        let mut names = ["郑州", "北京", "上海", "安阳", "2024年报告"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, ["2024年报告", "安阳", "北京", "上海", "郑州"]);
    }

    #[test]
    fn latin_and_digits_match_themselves() {
        assert!(pinyin_matches("2024年政府工作报告", "2024nzf"));
        assert!(pinyin_matches("AI产业", "aicy"));
        assert!(!pinyin_matches("须水", "x s"));
        assert!(!is_pinyin_query("须水"));
        assert!(is_pinyin_query("xs"));
    }
    /// Characters with every kind of reading: ü (女 略 绿), retroflex
    /// initials, heteronyms (长 行 重), vowels alone (啊 饿), none (Latin).
    const NAME_CHARS: &str = "女略绿吕律须水棉纺路街道长行重中山啊饿儿安爱欧A1";

    proptest::proptest! {
        /// Any name and any query: an answer, never a panic.
        #[test]
        fn never_panics(
            name in proptest::collection::vec(proptest::sample::select(NAME_CHARS.chars().collect::<Vec<_>>()), 0..10),
            query in "[a-z0-9üv ]{0,10}",
        ) {
            let name: String = name.into_iter().collect();
            let _ = pinyin_matches(&name, &query);
        }
    }
}
