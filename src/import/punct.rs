//! `--normalize-punctuation`: ASCII `, ; : ( )` used between Chinese
//! characters become their full-width forms `，；：（）`.

use super::lines::is_han;

/// Han, CJK punctuation (U+3000–303F), full-width forms and the quotes,
/// ellipsis, dash and middle dot used in Chinese text.
fn is_chinese(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Converts, in one line:
/// - `,` `;` `:` with a Chinese character before it and a Chinese character
///   or an ASCII digit after it (`工作,22名` -> `工作，22名`; `3,000` and
///   `10:30` are left alone);
/// - a pair `(…)` (not nested, on the line) whose content starts and ends
///   with a Chinese character and which has a Chinese character right
///   before or right after it (`村(社区)书记` -> `村（社区）书记`).
pub fn normalize_punctuation(line: &str) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    convert_separators(&mut chars);
    convert_parens(&mut chars);
    chars.into_iter().collect()
}

fn convert_separators(chars: &mut [char]) {
    for i in 1..chars.len().saturating_sub(1) {
        let full = match chars[i] {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            _ => continue,
        };
        let next = chars[i + 1];
        if is_chinese(chars[i - 1]) && (is_chinese(next) || next.is_ascii_digit()) {
            chars[i] = full;
        }
    }
}

fn convert_parens(chars: &mut [char]) {
    let mut open: Option<usize> = None;
    for i in 0..chars.len() {
        match chars[i] {
            '(' => open = Some(i),
            ')' => {
                if let Some(o) = open.take()
                    && pair_is_chinese(chars, o, i)
                {
                    chars[o] = '（';
                    chars[i] = '）';
                }
            }
            _ => {}
        }
    }
}

fn pair_is_chinese(chars: &[char], open: usize, close: usize) -> bool {
    if close <= open + 1 {
        return false;
    }
    let inner = is_chinese(chars[open + 1]) && is_chinese(chars[close - 1]);
    let before = open > 0 && is_chinese(chars[open - 1]);
    let after = chars.get(close + 1).is_some_and(|&c| is_chinese(c));
    inner && (before || after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_between_chinese() {
        assert_eq!(
            normalize_punctuation("以来,中原区;如:村(社区)书记"),
            "以来，中原区；如：村（社区）书记"
        );
        assert_eq!(normalize_punctuation("工作,22名"), "工作，22名");
    }

    #[test]
    fn leaves_other_uses_alone() {
        for s in [
            "3,000人",
            "10:30开会",
            "a, b",
            "伟大胜利 (十九大)",
            "(abc)",
            "()",
            "中(",
            ",中",
            "中,",
        ] {
            assert_eq!(normalize_punctuation(s), s, "{s}");
        }
    }
}
