//! A wrong command line, told in the user's language. clap writes its
//! errors in English only; under Chinese they are written again here from
//! the error's context (what was wrong, what was expected, the tips),
//! which clap keeps for exactly this. Help and version pass through as
//! clap renders them (the help is already in the user's language).

use std::io::Write;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::lang::Lang;

/// Writes `e` where clap would (help and version to standard output,
/// errors to standard error) in `lang`; the exit status to use.
pub fn report(e: &clap::Error, lang: Lang) -> u8 {
    if !e.use_stderr() && lang == Lang::En {
        // clap's own printing (it knows whether the terminal takes colour).
        let _ = e.print();
        return super::EXIT_OK;
    }
    let (text, to_err, status) = render(e, lang);
    let _ = match to_err {
        true => std::io::stderr().lock().write_all(text.as_bytes()),
        false => std::io::stdout().lock().write_all(text.as_bytes()),
    };
    status
}

/// `e` as text in `lang`, whether it goes to standard error (not
/// standard output), and the exit status (an SSH channel writes it).
pub fn render(e: &clap::Error, lang: Lang) -> (String, bool, u8) {
    if !e.use_stderr() {
        let help = match lang {
            Lang::Zh => in_chinese(&e.render().to_string()),
            Lang::En => e.render().to_string(),
        };
        return (help, false, super::EXIT_OK);
    }
    let text = match lang {
        Lang::Zh => chinese(e),
        Lang::En => e.render().to_string(),
    };
    (text, true, super::EXIT_USAGE)
}

/// The error in Chinese: what is wrong, the tips, the usage, where to
/// read more.
pub fn chinese(e: &clap::Error) -> String {
    let mut out = format!("错误：{}\n", what(e));
    let tips = tips(e);
    if !tips.is_empty() {
        out.push('\n');
        for tip in tips {
            out.push_str(&format!("  提示：{tip}\n"));
        }
    }
    if let Some(usage) = text(e, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out.push_str(&format!("\n用法：{}\n", in_chinese(usage)));
    }
    out.push_str("\n更多信息请用 '--help'。\n");
    out
}

/// The words clap puts in a usage line and in the headings of the
/// help's lists, in Chinese.
fn in_chinese(usage: &str) -> String {
    usage
        .replace("[OPTIONS]", "[选项]")
        .replace("[COMMAND]", "[命令]")
        .replace("<COMMAND>", "<命令>")
        .lines()
        .map(|l| match l {
            "命令:" | "参数:" | "选项:" => l.replace(':', "："),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if usage.ends_with('\n') { "\n" } else { "" }
}

/// One context value as text (lists joined with `、`).
fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    Some(match e.get(kind)? {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join("、"),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => {
            let v: Vec<String> = v.iter().map(ToString::to_string).collect();
            v.join("、")
        }
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => return None,
    })
}

/// What is wrong, in one line (or a list for missing arguments).
fn what(e: &clap::Error) -> String {
    let get = |k| text(e, k).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数 '{arg}'"),
        ErrorKind::InvalidSubcommand => {
            format!("不认识的命令 '{}'", get(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("参数 '{arg}' 需要一个值，但没有给出")
        }
        ErrorKind::InvalidValue => format!("参数 '{arg}' 的值 '{value}' 无效"),
        ErrorKind::ValueValidation => format!("参数 '{arg}' 的值 '{value}' 无效"),
        ErrorKind::MissingRequiredArgument => {
            let missing = match e.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(v)) => v.join("\n  "),
                _ => arg,
            };
            format!("缺少必需的参数：\n  {missing}")
        }
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            if prior.is_empty() {
                format!("参数 '{arg}' 不能与其他参数同时使用")
            } else {
                format!("参数 '{arg}' 不能与 '{prior}' 同时使用")
            }
        }
        ErrorKind::NoEquals => format!("参数 '{arg}' 的值要用 '=' 接在后面"),
        ErrorKind::TooManyValues => format!("参数 '{arg}' 多给了一个值 '{value}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let expected = text(e, ContextKind::ExpectedNumValues)
                .or_else(|| text(e, ContextKind::MinValues))
                .unwrap_or_default();
            let actual = get(ContextKind::ActualNumValues);
            format!("参数 '{arg}' 要 {expected} 个值，给了 {actual} 个")
        }
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文字".to_string(),
        _ => {
            // Anything clap may add later: its words, marked as such.
            let english = e.render().to_string();
            let first = english.lines().next().unwrap_or_default();
            format!("命令行有误（{}）", first.trim_start_matches("error: "))
        }
    }
}

/// The tips, in Chinese: similar names, the values a choice takes, and
/// clap's own suggestions, read back from its English wording.
fn tips(e: &clap::Error) -> Vec<String> {
    let mut tips = Vec::new();
    let quoted = |k| text(e, k).map(|s| s.replace('、', "' 或 '"));
    if let Some(s) = quoted(ContextKind::SuggestedSubcommand).filter(|s| !s.is_empty()) {
        tips.push(format!("有相近的命令：'{s}'"));
    }
    if let Some(s) = quoted(ContextKind::SuggestedArg).filter(|s| !s.is_empty()) {
        tips.push(format!("有相近的参数：'{s}'"));
    }
    if let Some(s) = quoted(ContextKind::SuggestedValue).filter(|s| !s.is_empty()) {
        tips.push(format!("有相近的值：'{s}'"));
    }
    if let Some(ContextValue::StyledStrs(v)) = e.get(ContextKind::Suggested) {
        tips.extend(v.iter().map(|s| suggestion(&s.to_string())));
    }
    if matches!(
        e.kind(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation
    ) && let Some(valid) = text(e, ContextKind::ValidValue).filter(|s| !s.is_empty())
    {
        tips.push(format!("可用的值：{valid}"));
    }
    tips
}

/// One of clap's suggestions in Chinese (the wordings clap 4 uses); any
/// other is kept as clap wrote it.
fn suggestion(s: &str) -> String {
    let inner = |from: &str, to: &str| {
        let rest = s.strip_prefix(from)?;
        let end = rest.find(to)?;
        Some((rest[..end].to_string(), rest[end + to.len()..].to_string()))
    };
    if let Some((value, rest)) = inner("to pass '", "' as a value, use '") {
        return format!(
            "要把 '{value}' 当作值，请写 '{}'",
            rest.trim_end_matches('\'')
        );
    }
    if let Some((sub, _)) = inner("subcommand '", "' exists; to use it, remove the '--'") {
        return format!("有命令 '{sub}'；要用它，请去掉它前面的 '--'");
    }
    if let Some(exists) = s
        .strip_prefix('\'')
        .and_then(|r| r.strip_suffix("' exists"))
    {
        return format!("有 '{exists}'");
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::command;

    fn error_of(args: &[&str]) -> clap::Error {
        command(Lang::Zh).try_get_matches_from(args).unwrap_err()
    }

    #[track_caller]
    fn all_chinese(text: &str) {
        assert!(text.starts_with("错误："), "{text}");
        for english in ["error:", "Usage:", "tip:", "For more information"] {
            assert!(!text.contains(english), "{english} in {text}");
        }
    }

    #[test]
    fn an_unknown_argument_names_it_and_the_close_one() {
        let text = chinese(&error_of(&["bulletin", "--bogus"]));
        all_chinese(&text);
        assert!(text.contains("不认识的参数 '--bogus'"), "{text}");
        assert!(text.contains("用法：bulletin"), "{text}");
    }

    #[test]
    fn a_missing_query_is_named() {
        let text = chinese(&error_of(&["bulletin", "search"]));
        all_chinese(&text);
        assert!(text.contains("缺少必需的参数：\n  <QUERY>"), "{text}");
    }

    #[test]
    fn a_bad_choice_lists_the_values() {
        let text = chinese(&error_of(&["bulletin", "--ambiguous-width", "huge"]));
        all_chinese(&text);
        assert!(text.contains("的值 'huge' 无效"), "{text}");
        assert!(text.contains("可用的值："), "{text}");
    }

    #[test]
    fn clap_tips_are_said_in_chinese() {
        let text = chinese(&error_of(&["bulletin", "list", "--sort", "x"]));
        all_chinese(&text);
        assert!(
            text.contains("提示：要把 '--sort' 当作值，请写 '-- --sort'"),
            "{text}"
        );
    }

    #[test]
    fn unknown_wordings_are_kept() {
        assert_eq!(suggestion("something new"), "something new");
        assert_eq!(suggestion("'list --json' exists"), "有 'list --json'");
    }
}
