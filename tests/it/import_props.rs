//! Property tests: any text parses without panicking, into articles that
//! keep every character of the input and add none.

use std::collections::HashMap;

use bulletin::import::{ImportError, ImportOptions, MergeOptions, lines, merge, parse_bulletin};
use bulletin::model::Article;
use proptest::prelude::*;

/// Pieces that exercise every rule: Han text, punctuation, numbers,
/// subdistrict names, roles, credits, markers, blank lines.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[街道镇乡社区记者通讯员图摄一二三十、（）中原区党建工作：，。！？“”…—]{1,12}",
        "[a-z0-9 .,;:()=]{1,8}",
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\n===\n".to_string()),
        Just("桐柏路街道 ".to_string()),
        Just("记者 张改华".to_string()),
        Just(" 通讯员 王蒙 图".to_string()),
        Just("一、".to_string()),
        Just("\u{3000}\t\r".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

/// Non-whitespace characters and how often they occur.
fn census<'a>(texts: impl Iterator<Item = &'a str>) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for c in texts.flat_map(str::chars).filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// How many caption credits the input gives in brackets.
fn wrapped_credits(articles: &[Article], input: &str) -> usize {
    (articles.iter().flat_map(|a| &a.body))
        .filter_map(|b| match b {
            bulletin::model::Block::Caption {
                credit: Some(c), ..
            } => Some(c),
            _ => None,
        })
        .filter(|c| {
            let inner = c.trim();
            input.contains(&format!("（{inner}）")) || input.contains(&format!("({inner})"))
        })
        .count()
}

fn article_texts(a: &Article) -> Vec<&str> {
    let mut v = vec![a.title.as_str()];
    v.extend(a.subtitle.as_deref());
    v.extend(a.subdistrict.as_deref());
    for b in &a.bylines {
        v.extend([b.role.as_str(), b.name.as_str()]);
    }
    for b in &a.body {
        v.push(b.text());
        if let bulletin::model::Block::Caption {
            credit: Some(c), ..
        } = b
        {
            v.push(c);
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_text_parses_and_keeps_its_characters(input in text(), normalize in any::<bool>()) {
        let opts = ImportOptions {
            district: Some("中原区".into()),
            normalize_punctuation: normalize,
            ..Default::default()
        };
        match parse_bulletin(&input, "t", &opts) {
            Err(ImportError::Empty) => {
                // Only when no line holds a sentence: a line with a sentence
                // end always becomes a paragraph, caption, heading or title.
                let sentence = input
                    .split(['\n', '\r'])
                    .filter(|l| !l.trim().starts_with("==="))
                    .any(|l| l.contains(['。', '！', '？', '!', '?', '…', '.', '．']));
                prop_assert!(!sentence, "no article from {input:?}");
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
            Ok(parsed) => {
                for a in &parsed.articles {
                    prop_assert!(!a.body.is_empty());
                    prop_assert_eq!(a.id.len(), 8);
                }
                let out = census(parsed.articles.iter().flat_map(article_texts));
                if !normalize {
                    // Every input character survives (markers and the
                    // titles of empty, dropped articles aside) ...
                    let dropped = !parsed.report.warnings.is_empty();
                    // `、` between byline names is a separator, not text.
                    let separators: usize = input
                        .split(['\n', '\r'])
                        .filter(|l| lines::bylines(l.trim()).is_some())
                        .map(|l| l.matches('、').count())
                        .sum();
                    // Brackets around a caption's credit (`…（记者 张三 摄）`)
                    // are markup: the credit is kept without them.
                    let wrapped = wrapped_credits(&parsed.articles, &input);
                    for (c, mut n) in census(std::iter::once(input.as_str())) {
                        if c == '、' {
                            n -= separators;
                        }
                        if matches!(c, '（' | '）' | '(' | ')') {
                            n = n.saturating_sub(wrapped);
                        }
                        if c != '=' && !dropped {
                            prop_assert!(out.get(&c).copied().unwrap_or(0) >= n, "lost {c:?}");
                        }
                    }
                    // ... and nothing is invented but the `…` of a made title.
                    for c in out.keys() {
                        prop_assert!(input.contains(*c) || *c == '…', "invented {c:?}");
                    }
                }
                let (archive, _) = merge(None, parsed.articles.clone(), "t", &MergeOptions::default());
                let mut ids: Vec<&str> = archive.articles.iter().map(|a| a.id.as_str()).collect();
                let n = ids.len();
                ids.sort_unstable();
                ids.dedup();
                prop_assert_eq!(ids.len(), n, "ids unique after merge");
            }
        }
    }
}
