//! A wrong command line under a Chinese locale (or `--lang zh`) is told in
//! Chinese, with exit status 2; under English it stays clap's English.

use crate::common::bounded::command;

fn run(args: &[&str], lang: &str) -> (Option<i32>, String, String) {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(args, home.path());
    cmd.env("LANG", lang);
    let out = cmd.output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

#[test]
fn usage_errors_are_in_the_locales_language() {
    for args in [
        &["--bogus"][..],
        &["search"],
        &["list", "--sort", "x"],
        &["--ambiguous-width", "huge"],
        &["--lang", "fr"],
    ] {
        let (code, out, err) = run(args, "zh_CN.UTF-8");
        assert_eq!(code, Some(2), "{args:?}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.starts_with("错误："), "{args:?}: {err}");
        for english in [
            "error:",
            "Usage:",
            "tip:",
            "For more information",
            "[OPTIONS]",
        ] {
            assert!(!err.contains(english), "{args:?}: {english} in {err}");
        }
        let (code, _, err) = run(args, "en_US.UTF-8");
        assert_eq!(code, Some(2), "{args:?}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
    }
}

#[test]
fn lang_zh_wins_over_an_english_locale() {
    let (code, _, err) = run(&["--lang", "zh", "--bogus"], "en_US.UTF-8");
    assert_eq!(code, Some(2));
    assert!(err.contains("不认识的参数 '--bogus'"), "{err}");
}

#[test]
fn chinese_help_has_no_english_words_of_claps() {
    for args in [
        &["--help"][..],
        &["help"],
        &["help", "search"],
        &["search", "--help"],
    ] {
        let (code, out, _) = run(args, "zh_CN.UTF-8");
        assert_eq!(code, Some(0), "{args:?}");
        for english in ["Usage:", "[OPTIONS]", "Print this message", "Commands:"] {
            assert!(!out.contains(english), "{args:?}: {english} in {out}");
        }
        assert!(out.contains("用法："), "{args:?}: {out}");
    }
}
