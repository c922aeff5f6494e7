//! Every message a user can see, in both languages (issue 14): the
//! reader's (`Msg`, the help's action texts, the formatted ones, the
//! state notices), the loader's (faults, syntax errors, load and article
//! errors, placeholders), the command line's (`Say`) and the importer's.
//! Each must exist in both; the Chinese must be Chinese text with Chinese
//! punctuation (`，；：（）`, not `, ; : ( )`), the English free of Chinese
//! (quoted examples and file contents aside).

use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use bulletin::app::i18n::{self, ALL};
use bulletin::app::keymap::defaults;
use bulletin::cli::Say;
use bulletin::files::FileKind;
use bulletin::import::ImportError;
use bulletin::lang::Lang;
use bulletin::model::{
    ArticleError, Fault, FormatFound, Kind, LoadError, Part, Problem, Reading, Syntax,
    SyntaxMessage, What,
};
use bulletin::store::Notice;

/// The text with quoted parts (file contents, field values, commands)
/// taken out: `"…"`, `'…'`, `` `…` `` and `{…}`.
fn unquoted(s: &str) -> String {
    let mut out = String::new();
    let mut close = None;
    for c in s.chars() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' | '`' => close = Some(c),
                '{' => close = Some('}'),
                _ => out.push(c),
            },
        }
    }
    out
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// `, ; ( )` and `: ` are not Chinese punctuation (`re: ` is a query's
/// own syntax, an ASCII `!`/`?` between spaces a key).
fn ascii_punctuation(s: &str) -> Option<char> {
    let t = unquoted(s).replace("re: ", "re ");
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        match c {
            ',' | ';' | '(' | ')' => return Some(c),
            ':' if next.is_none_or(|n| n == ' ') => return Some(c),
            _ => {}
        }
    }
    None
}

#[track_caller]
fn check_pair(id: &str, zh: &str, en: &str) {
    assert!(
        !zh.trim().is_empty() && !en.trim().is_empty(),
        "{id}: empty"
    );
    assert!(has_han(zh), "{id}: no Chinese in {zh:?}");
    if let Some(c) = ascii_punctuation(zh) {
        panic!("{id}: ASCII {c:?} in the Chinese {zh:?}");
    }
    assert!(
        !has_han(&unquoted(en)),
        "{id}: Chinese in the English {en:?}"
    );
    assert_ne!(zh, en, "{id}");
}

#[test]
fn every_reader_message_in_both_languages() {
    assert!(ALL.len() > 80);
    for m in ALL {
        check_pair(&format!("{m:?}"), m.text(Lang::Zh), m.text(Lang::En));
    }
    for (_, _, action) in defaults() {
        let (zh, en) = (
            i18n::describe(action, Lang::Zh),
            i18n::describe(action, Lang::En),
        );
        check_pair(action.name(), zh, en);
    }
    let zh = i18n::formatted_examples(Lang::Zh);
    let en = i18n::formatted_examples(Lang::En);
    for (z, e) in zh.iter().zip(&en) {
        check_pair("formatted", z, e);
    }
}

#[test]
fn every_state_notice_in_both_languages() {
    let p = || PathBuf::from("/d/state.json");
    let notices = [
        Notice::CorruptMovedAside {
            path: p(),
            moved_to: p(),
            error: "bad".into(),
        },
        Notice::CorruptKept {
            path: p(),
            error: "bad".into(),
        },
        Notice::NoDir {
            path: p(),
            error: "denied".into(),
        },
        Notice::NewerVersion {
            path: p(),
            found: 9,
        },
        Notice::Unreadable {
            path: p(),
            error: "denied".into(),
        },
        Notice::Locked { path: p() },
        Notice::SetAside {
            path: p(),
            set_aside: vec![bulletin::store::Problem {
                place: "bookmarks[3]".into(),
                error: "not a time".into(),
            }],
        },
    ];
    for n in &notices {
        check_pair(
            "notice",
            &i18n::notice(n, Lang::Zh),
            &i18n::notice(n, Lang::En),
        );
    }
}

#[test]
fn every_command_line_message_in_both_languages() {
    for s in Say::examples() {
        check_pair(&format!("{s:?}"), &s.text(Lang::Zh), &s.text(Lang::En));
    }
}

fn faults() -> Vec<Fault> {
    let mut all: Vec<Fault> = What::examples().into_iter().map(Fault::from).collect();
    all.push(Fault::from(What::Missing("name")).in_part(Part::Byline(1)));
    all.push(Fault::from(What::UnknownType("\"image\"".into())).in_part(Part::Block(3)));
    all
}

#[test]
fn every_loader_message_in_both_languages() {
    for f in faults() {
        check_pair(&f.id(), &f.text(Lang::Zh), &f.text(Lang::En));
        check_pair(&f.id(), &f.kind_text(Lang::Zh), &f.kind_text(Lang::En));
        let placeholder = |lang| bulletin::model::placeholder(&f, lang);
        check_pair(&f.id(), &placeholder(Lang::Zh), &placeholder(Lang::En));
    }
    let contexts = [
        None,
        Some(Reading::AfterArchive),
        Some(Reading::Article {
            number: 2,
            after: Some("zy-001".into()),
        }),
        Some(Reading::Article {
            number: 1,
            after: None,
        }),
    ];
    for what in Syntax::examples() {
        for context in &contexts {
            let m = SyntaxMessage {
                what: what.clone(),
                context: context.clone(),
            };
            check_pair(&format!("{what:?}"), &m.text(Lang::Zh), &m.text(Lang::En));
        }
    }
    for e in load_errors() {
        check_pair(&format!("{e:?}"), &e.text(Lang::Zh), &e.text(Lang::En));
    }
    for e in article_errors() {
        check_pair(&format!("{e:?}"), &e.text(Lang::Zh), &e.text(Lang::En));
    }
}

fn problem() -> Problem {
    Problem {
        location: Some("a.jsonl:3".into()),
        article: "zy-001".into(),
        message: What::EmptyBody.into(),
    }
}

fn load_errors() -> Vec<LoadError> {
    let path = || PathBuf::from("a.json");
    let io = |kind| LoadError::Io {
        path: path(),
        source: io::Error::from(kind),
    };
    vec![
        io(io::ErrorKind::NotFound),
        io(io::ErrorKind::PermissionDenied),
        io(io::ErrorKind::IsADirectory),
        io(io::ErrorKind::Other),
        LoadError::NoArchives { path: path() },
        LoadError::Empty { path: path() },
        LoadError::NotUtf8 {
            path: path(),
            offset: 48,
            line: 3,
            column: 13,
        },
        LoadError::Syntax {
            path: path(),
            line: 3,
            column: 7,
            message: SyntaxMessage {
                what: Syntax::CommaObject,
                context: None,
            },
        },
        LoadError::Format {
            path: path(),
            found: None,
        },
        LoadError::Format {
            path: path(),
            found: Some(FormatFound::Tag("\"x/2\"".into())),
        },
        LoadError::Format {
            path: path(),
            found: Some(FormatFound::Type(Kind::Number)),
        },
        LoadError::Invalid {
            path: path(),
            problems: vec![problem()],
            articles: 1,
        },
    ]
    .into_iter()
    .chain(special_kinds().map(|kind| LoadError::NotRegular { path: path(), kind }))
    .collect()
}

/// Every kind of file a special file can be, for the refusal's text.
fn special_kinds() -> impl Iterator<Item = FileKind> {
    use FileKind::*;
    [
        Fifo,
        CharDevice,
        BlockDevice,
        Socket,
        Directory,
        Symlink,
        Regular,
        Other,
    ]
    .into_iter()
}

fn article_errors() -> Vec<ArticleError> {
    vec![
        ArticleError::NoSuch(3),
        ArticleError::Broken {
            label: "#2".into(),
            faults: vec![What::Missing("title").into()],
        },
        ArticleError::Changed {
            label: "zy-001".into(),
            file: "a.json".into(),
        },
        ArticleError::Unreadable {
            label: "zy-001".into(),
            error: Arc::new(LoadError::Empty {
                path: "a.json".into(),
            }),
        },
        ArticleError::Invalid {
            first: Box::new(problem()),
            more: vec![What::EmptyBody.into()],
        },
    ]
}

#[test]
fn every_import_message_in_both_languages() {
    let path = || PathBuf::from("a.txt");
    let errors = [
        ImportError::Io {
            path: path(),
            source: io::Error::from(io::ErrorKind::NotFound),
        },
        ImportError::UnknownEncoding("x".into()),
        ImportError::Binary { offset: 3 },
        ImportError::Malformed {
            encoding: "UTF-8",
            offset: 9,
        },
        ImportError::TooLarge,
        ImportError::Unclear {
            guess: "Shift_JIS".into(),
        },
        ImportError::Empty,
        ImportError::NoDistrict,
        ImportError::BadArchive {
            path: path(),
            message: "x".into(),
        },
        ImportError::InFile {
            path: path(),
            error: Box::new(ImportError::Empty),
        },
    ];
    for e in errors {
        check_pair(&format!("{e:?}"), &e.text(Lang::Zh), &e.text(Lang::En));
    }
    let zh = bulletin::import::message_examples(Lang::Zh);
    let en = bulletin::import::message_examples(Lang::En);
    assert_eq!(zh.len(), en.len());
    for (z, e) in zh.iter().zip(&en) {
        check_pair("import", z, e);
    }
}

/// The check itself: it would catch what it is for.
#[test]
fn the_rules_catch_english_punctuation_in_chinese() {
    assert_eq!(ascii_punctuation("已删除书签, u 撤销"), Some(','));
    assert_eq!(ascii_punctuation("书签不可用 (无数据目录)"), Some('('));
    assert_eq!(ascii_punctuation("以 re: 开头，\"a, b\" 不算"), None);
    assert!(has_han(&unquoted("缺少 `中原区：…`")));
    assert!(!has_han(&unquoted("no district (`中原区：…`)")));
}

/// The example: `bad regex: unclosed group` in the Chinese reader.
#[test]
fn a_bad_regular_expression_is_reported_in_chinese() {
    use bulletin::app::{Action, Settings};
    let settings = Settings {
        lang: Lang::Zh,
        ..Settings::default()
    };
    let mut app = crate::common::sample_app(settings, 80, 24);
    bulletin::app::effect::update_inline(&mut app, Action::Open);
    bulletin::app::effect::update_inline(&mut app, Action::Search);
    crate::common::type_str(&mut app, "re:(");
    let summary = app.reader().unwrap().search.summary(Lang::Zh);
    assert_eq!(summary, "正则表达式有误：圆括号没有闭合");
    let screen = crate::common::buffer_text(&crate::common::render(&app));
    assert!(screen.contains("正则表达式有误"), "{screen}");
    assert!(!screen.contains("bad regex"), "{screen}");
}
