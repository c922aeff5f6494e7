//! Section numbers at the start of a text: `一、`, `（一）`, `1.`, `（1）`,
//! `第一章` … and the Chinese numerals inside them. Pure functions; the
//! rules are documented in `docs/outline.md`.

/// A numbering style, outermost first: the order official documents nest
/// them in (`第一章` > `第一节` > `第一条` > `一、` > `（一）` > `1.` > `（1）`
/// > `①`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    /// `第一编`
    Part,
    /// `第一章`
    Chapter,
    /// `第一节`
    Section,
    /// `第一条`
    Article,
    /// `一、`
    Han,
    /// `（一）` or `(一)`
    ParenHan,
    /// `1.`, `1．`, `1、`, `１．`, `⒈`
    Digit,
    /// `（1）`, `(1)` or `⑴`
    ParenDigit,
    /// `①`
    Circled,
}

/// A section number found at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub style: Style,
    /// The number (`（十二）` is 12).
    pub value: u32,
    /// Characters of leading white space before the number.
    pub start: usize,
    /// Characters up to the end of the number and any white space after it.
    pub end: usize,
}

/// Largest number accepted for `一、`, `（一）`, `1.` and `（1）`: larger
/// ones are years, amounts or codes, not section numbers.
const MAX_ITEM: u32 = 99;
/// Largest number accepted after `第` (laws reach a thousand articles).
const MAX_ORDINAL: u32 = 9999;

/// Characters after a number that make it a quantity rather than a section
/// number: `一、二十个村`, `三、四月份`, `一、二、三等奖`.
const QUANTITY: &str =
    "个万亿月年日天号时次倍成位名人家项条种季周岁米元级类批届期部份段点层套件、，,至到或";

/// The value of one Chinese digit (simplified, traditional and the
/// financial forms), if `c` is one.
fn han_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '貳' | '两' | '兩' => 2,
        '三' | '叁' | '參' | '叄' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The power of ten a Chinese unit character stands for.
fn han_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Whether `c` can be part of a Chinese numeral.
pub fn is_han_numeral(c: char) -> bool {
    han_digit(c).is_some() || han_unit(c).is_some()
}

/// The value of a Chinese numeral written with units (`十二`, `二十`,
/// `一百零五`, `壹拾贰`); `None` for anything else, including digit
/// strings without units (`二〇二四`) and a leading `两`.
pub fn han_value(s: &str) -> Option<u32> {
    let (mut total, mut digit, mut last_unit) = (0u32, None::<u32>, u32::MAX);
    if matches!(s.chars().next(), Some('两' | '兩') | None) {
        return None;
    }
    for c in s.chars() {
        if let Some(d) = han_digit(c) {
            if digit.is_some_and(|d| d != 0) {
                return None; // two digits in a row: `二四`
            }
            digit = Some(d);
        } else if let Some(u) = han_unit(c) {
            if u >= last_unit {
                return None; // `十百`
            }
            // `十二` is 12 and `一千零十` is 1010: no digit counts as one.
            let d = match digit {
                None | Some(0) => 1,
                Some(d) => d,
            };
            total += d * u;
            last_unit = u;
            digit = None;
        } else {
            return None;
        }
    }
    let value = total + digit.unwrap_or(0);
    (value > 0).then_some(value)
}

/// ASCII or full-width digit value.
fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// A text split into characters, with a cursor.
struct Scan<'a> {
    chars: &'a [char],
    at: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    /// Takes characters while `f` holds; returns them.
    fn take_while(&mut self, f: impl Fn(char) -> bool) -> String {
        let from = self.at;
        while self.peek().is_some_and(&f) {
            self.at += 1;
        }
        self.chars[from..self.at].iter().collect()
    }

    fn eat(&mut self, set: &str) -> Option<char> {
        let c = self.peek().filter(|c| set.contains(*c))?;
        self.at += 1;
        Some(c)
    }
}

/// A number in Chinese or in (ASCII or full-width) digits.
fn number(scan: &mut Scan) -> Option<(u32, bool)> {
    let digits = scan.take_while(|c| digit_value(c).is_some());
    if !digits.is_empty() {
        if digits.chars().count() > 4 {
            return None;
        }
        let v = digits
            .chars()
            .fold(0, |v, c| v * 10 + digit_value(c).unwrap_or(0));
        return Some((v, false));
    }
    let han = scan.take_while(is_han_numeral);
    han_value(&han).map(|v| (v, true))
}

/// The section number at the start of `text`, if it has one.
///
/// The number must be followed by something (a title or text), and what
/// follows must not make it a quantity: a digit right after a number
/// written in digits (`3.5亿`, `1、2号楼`), or a Chinese numeral that is
/// itself a quantity or a list of numbers (`一、二十个`, `一、二月`). Any
/// other text may follow, digits included (`一、2015年工作回顾`). `第一章`, `第一节`, `第一编` and `第一条` must be followed by
/// white space, or be most of a short line (`第一章总则`).
pub fn marker(text: &str) -> Option<Marker> {
    let chars: Vec<char> = text.chars().take(64).collect();
    let mut scan = Scan {
        chars: &chars,
        at: 0,
    };
    scan.take_while(is_space);
    let start = scan.at;
    // `3.5亿`, `1、2号楼`, `2024.05.01`: digits, a mark, digits again.
    let mut decimal = false;
    let (style, value) = if let Some(found) = scan.peek().and_then(enclosed) {
        scan.at += 1;
        found
    } else if scan.eat("第").is_some() {
        ordinal(&mut scan, text)?
    } else if scan.eat("（(").is_some() {
        let (value, han) = number(&mut scan)?;
        scan.eat("）)")?;
        (
            if han {
                Style::ParenHan
            } else {
                Style::ParenDigit
            },
            value,
        )
    } else {
        let (value, han) = number(&mut scan)?;
        match (han, scan.eat("、.．")?) {
            (true, '、') => (Style::Han, value),
            (false, _) => {
                decimal = scan.peek().and_then(digit_value).is_some();
                (Style::Digit, value)
            }
            _ => return None,
        }
    };
    let max = if style <= Style::Article {
        MAX_ORDINAL
    } else {
        MAX_ITEM
    };
    if value == 0 || value > max {
        return None;
    }
    scan.take_while(is_space);
    let end = scan.at;
    let rest: String = chars[end..].iter().take(8).collect();
    if decimal || rest.is_empty() || quantity_follows(&rest) {
        return None;
    }
    Some(Marker {
        style,
        value,
        start,
        end,
    })
}

/// A number in one character: `①`…`⑳`, `⑴`…`⒇`, `⒈`…`⒛`.
fn enclosed(c: char) -> Option<(Style, u32)> {
    let (style, first) = match c {
        '\u{2460}'..='\u{2473}' => (Style::Circled, 0x2460),
        '\u{2474}'..='\u{2487}' => (Style::ParenDigit, 0x2474),
        '\u{2488}'..='\u{249b}' => (Style::Digit, 0x2488),
        _ => return None,
    };
    Some((style, c as u32 - first + 1))
}

/// `第` + number + `编`/`章`/`节`/`条`, followed by white space or the end
/// of a short line.
fn ordinal(scan: &mut Scan, text: &str) -> Option<(Style, u32)> {
    let (value, _) = number(scan)?;
    let style = match scan.eat("编編章节節条條")? {
        '编' | '編' => Style::Part,
        '章' => Style::Chapter,
        '节' | '節' => Style::Section,
        _ => Style::Article,
    };
    let spaced = scan.peek().is_none_or(is_space);
    let short = text.chars().count() <= 24 && !text.contains(['。', '，', '；', '：']);
    (spaced || short).then_some((style, value))
}

/// Whether `rest` (the text after a number) starts with a Chinese numeral
/// that is a quantity or part of a list of numbers. Anything else may
/// follow a number: a year (`一、2015年工作回顾`), a quote, a bracket,
/// Latin. (Digits straight after `1.` or `1、` are caught before: a
/// decimal or a list, `3.5亿`, `1、2号楼`.)
fn quantity_follows(rest: &str) -> bool {
    let Some(first) = rest.chars().next() else {
        return false;
    };
    // `两` never continues a list of numbers: `一、两个确立` is a title.
    if !is_han_numeral(first) || matches!(first, '两' | '兩') {
        return false;
    }
    let after = rest.chars().find(|&c| !is_han_numeral(c));
    after.is_none_or(|c| QUANTITY.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Option<(Style, u32, usize)> {
        marker(text).map(|m| (m.style, m.value, m.end))
    }

    #[test]
    fn chinese_numerals() {
        let cases = [
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十三", 23),
            ("九十九", 99),
            ("一百", 100),
            ("一百零五", 105),
            ("一千二百六十", 1260),
            ("壹拾贰", 12),
            ("貳", 2),
            ("參", 3),
        ];
        for (s, v) in cases {
            assert_eq!(han_value(s), Some(v), "{s}");
        }
        for s in ["", "二四", "二〇二四", "十百", "零", "两", "百百"] {
            assert_eq!(han_value(s), None, "{s}");
        }
    }

    #[test]
    fn every_level() {
        use Style::*;
        assert_eq!(m("一、总体要求"), Some((Han, 1, 2)));
        assert_eq!(m("十二、坚持和平发展道路"), Some((Han, 12, 3)));
        assert_eq!(m("（三）实施乡村振兴战略。"), Some((ParenHan, 3, 3)));
        assert_eq!(m("(十一)坚持"), Some((ParenHan, 11, 4)));
        assert_eq!(m("1.加强领导"), Some((Digit, 1, 2)));
        assert_eq!(m("2．压实责任"), Some((Digit, 2, 2)));
        assert_eq!(m("１２．全角数字"), Some((Digit, 12, 3)));
        assert_eq!(m("3、明确分工"), Some((Digit, 3, 2)));
        assert_eq!(m("（1）第一项"), Some((ParenDigit, 1, 3)));
        assert_eq!(m("（１）全角"), Some((ParenDigit, 1, 3)));
        assert_eq!(m("第一章 总则"), Some((Chapter, 1, 4)));
        assert_eq!(m("第二节　组织"), Some((Section, 2, 4)));
        assert_eq!(m("第十一条 为了"), Some((Article, 11, 5)));
        assert_eq!(m("第一百零五条　"), None, "nothing after it");
        assert_eq!(m("第三章总则"), Some((Chapter, 3, 3)));
        assert_eq!(m("第一編 總則"), Some((Part, 1, 4)));
        assert_eq!(m("第十二條　國家"), Some((Article, 12, 5)));
        assert_eq!(m("　　二、繁體"), Some((Han, 2, 4)));
        assert_eq!(m("①工会学校"), Some((Circled, 1, 1)));
        assert_eq!(m("⑳ 第二十"), Some((Circled, 20, 2)));
        assert_eq!(m("⑵项目"), Some((ParenDigit, 2, 1)));
        assert_eq!(m("⒊要点"), Some((Digit, 3, 1)));
    }

    #[test]
    fn false_friends() {
        for s in [
            "一、二十个村完成改造",
            "三、四月份雨水偏多",
            "一、二、三等奖若干",
            "3.5亿元投入",
            "1、2号楼",
            "2024.05.01",
            "2024年工作",
            "一二、",
            "（2024）12号",
            "第一节课上，老师讲了",
            "第一次会议",
            "二〇二四、",
            "0.",
            "（一）",
            "、开头",
            "百、",
            "十百、",
        ] {
            assert_eq!(m(s), None, "{s}");
        }
    }

    #[test]
    fn a_title_starting_with_a_numeral_word_is_kept() {
        assert_eq!(m("二、三农工作").map(|x| x.1), Some(2));
        assert_eq!(m("一、一带一路").map(|x| x.1), Some(1));
        assert_eq!(m("一、两个确立").map(|x| x.1), Some(1));
    }

    #[test]
    fn any_text_may_follow_a_number_but_a_quantity() {
        use Style::*;
        assert_eq!(m("一、2015年工作回顾"), Some((Han, 1, 2)));
        assert_eq!(m("三、 2016年重点工作"), Some((Han, 3, 3)));
        assert_eq!(m("二、“十三五”时期"), Some((Han, 2, 2)));
        assert_eq!(m("四、‘放管服’改革"), Some((Han, 4, 2)));
        assert_eq!(m("五、「一带一路」"), Some((Han, 5, 2)));
        assert_eq!(m("六、《民法典》实施"), Some((Han, 6, 2)));
        assert_eq!(m("七、GDP核算"), Some((Han, 7, 2)));
        assert_eq!(m("（二）2024年目标"), Some((ParenHan, 2, 3)));
        assert_eq!(m("（3）5G建设"), Some((ParenDigit, 3, 3)));
        assert_eq!(m("第二章 2024年预算"), Some((Chapter, 2, 4)));
        assert_eq!(m("⒈2024年"), Some((Digit, 1, 1)));
        assert_eq!(m("1. 2024年工作"), Some((Digit, 1, 3)));
        // Digits straight after a number in digits: a decimal, a list, a date.
        for s in ["3.5亿元", "1、2号楼", "2024.05.01", "1．5倍"] {
            assert_eq!(m(s), None, "{s}");
        }
    }
}
