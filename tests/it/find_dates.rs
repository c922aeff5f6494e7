//! The date facets in the reader's archive search (`s`): every accepted
//! form compares as a date, anything else is refused on the status line in
//! the interface language, an archive without dates says why nothing is
//! found, and the `y` year picker still narrows by year.

use crate::common;

use bulletin::app::{Action, App, Key, KeyCode, Lang, Screen, Settings};
use bulletin::model::{Article, Library, load_sample};
use common::{buffer_text, ch, key, press, render, type_str};

fn app_of(lib: impl Into<Library>, lang: Lang) -> App {
    let settings = Settings {
        lang,
        ..Settings::default()
    };
    let mut app = App::new(lib, settings);
    bulletin::app::effect::update_inline(&mut app, Action::Resize(80, 24));
    app
}

fn dated(id: &str, date: &str) -> Article {
    serde_json::from_value(serde_json::json!({
        "id": id, "title": format!("报告{id}"), "district": "中原区",
        "subdistrict": "须水街道", "date": date,
        "body": [{"type": "paragraph", "text": "人工智能"}],
    }))
    .unwrap()
}

/// The sample with five dated articles of its own.
fn dated_app(lang: Lang) -> App {
    let mut a = load_sample().unwrap();
    a.articles = [
        ("may31", "2021-05-31"),
        ("jun01", "2021-06-01"),
        ("jun15", "2021-06-15"),
        ("oct01", "2021-10-01"),
        ("y2022", "2022-01-01"),
    ]
    .iter()
    .map(|(id, date)| dated(id, date))
    .collect();
    app_of(a, lang)
}

fn search(app: &mut App, q: &str) {
    press(app, &[ch('s')]);
    assert_eq!(app.screen(), Screen::Results);
    press(app, &[key(KeyCode::End), Key::ctrl('u')]);
    type_str(app, q);
    press(app, &[key(KeyCode::Enter)]);
}

/// The ids of the results listed.
fn ids(app: &App) -> Vec<String> {
    let f = app.finder.as_ref().expect("a search");
    let ids = f
        .listed
        .iter()
        .map(|h| app.archive.articles[h.article].id.clone());
    ids.collect()
}

/// The screen's last row: the status line.
fn status(app: &App) -> String {
    let text = buffer_text(&render(app));
    text.lines().last().unwrap_or("").to_string()
}

#[test]
fn every_date_form_in_the_prompt_compares_as_a_date() {
    let mut app = dated_app(Lang::En);
    for form in [
        "2021-06-01",
        "2021-6-1",
        "2021/06/01",
        "2021.6.1",
        "2021-06",
        "２０２１－０６",
    ] {
        search(&mut app, &format!("人工智能 after:{form}"));
        let mut got = ids(&app);
        got.sort();
        assert_eq!(got, ["jun01", "jun15", "oct01", "y2022"], "after:{form}");
        search(&mut app, &format!("人工智能 before：{form}"));
        assert_eq!(ids(&app), ["may31"], "before:{form}");
    }
    search(&mut app, "人工智能 after:２０２１ before:2022");
    assert_eq!(ids(&app).len(), 4, "the year 2021");
}

#[test]
fn what_is_not_a_date_is_refused_on_the_status_line() {
    for (lang, words) in [(Lang::En, "not a date"), (Lang::Zh, "不是日期")] {
        let mut app = dated_app(lang);
        search(&mut app, "人工智能 after:yesterday");
        let f = app.finder.as_ref().unwrap();
        assert!(f.query.is_none() && f.listed.is_empty(), "no search runs");
        let line = status(&app);
        assert!(
            line.contains("after:yesterday") && line.contains(words),
            "{line}"
        );
        search(&mut app, "人工智能 before:2021-99-99");
        assert!(
            status(&app).contains("before:2021-99-99"),
            "{}",
            status(&app)
        );
        // Beside the prompt while it is typed, too.
        press(&mut app, &[ch('s'), key(KeyCode::End), Key::ctrl('u')]);
        type_str(&mut app, "人工智能 after:2021/6/1x");
        let line = status(&app);
        assert!(
            line.contains("after:2021/6/1x") && line.contains(words),
            "{line}"
        );
        press(&mut app, &[key(KeyCode::Enter)]);
        // Fixed, the search runs again.
        search(&mut app, "人工智能 before:2021-06");
        assert_eq!(ids(&app), ["may31"]);
    }
}

#[test]
fn an_archive_without_dates_says_why_a_date_facet_finds_nothing() {
    for (lang, words) in [
        (Lang::En, "No article here has a date"),
        (Lang::Zh, "档案中的文章都没有日期"),
    ] {
        // The sample has no dates.
        let mut app = app_of(load_sample().unwrap(), lang);
        search(&mut app, "物业 after:2000");
        assert!(ids(&app).is_empty());
        let screen = buffer_text(&render(&app));
        assert!(status(&app).contains(words), "{screen}");
        assert_eq!(
            screen.matches(words).count(),
            2,
            "list and status: {screen}"
        );
        search(&mut app, "物业");
        assert!(!buffer_text(&render(&app)).contains(words), "no date facet");
    }
}

#[test]
fn the_year_picker_still_narrows_by_year() {
    let mut app = dated_app(Lang::En);
    search(&mut app, "人工智能 after:2021-06");
    assert_eq!(ids(&app).len(), 4);
    press(&mut app, &[ch('y')]);
    assert_eq!(ids(&app), ["y2022"], "the newest year first");
    assert!(status(&app).contains("2022"), "{}", status(&app));
    press(&mut app, &[ch('y')]);
    let mut got = ids(&app);
    got.sort();
    assert_eq!(got, ["jun01", "jun15", "oct01"], "then 2021");
    press(&mut app, &[ch('y')]);
    assert_eq!(ids(&app).len(), 4, "back to every year");
}

/// Issue 23, item 3: a year picked belongs to the query it was picked
/// for. Its counts (status and group pane) are the year's, and an edited
/// query starts over with every year.
#[test]
fn a_year_picked_counts_its_own_hits_and_an_edited_query_drops_it() {
    let mut app = dated_app(Lang::En);
    search(&mut app, "人工智能");
    assert_eq!(ids(&app).len(), 5);
    assert!(
        status(&app).contains("5 hits in 5 articles"),
        "{}",
        status(&app)
    );
    press(&mut app, &[ch('y')]);
    assert_eq!(ids(&app), ["y2022"]);
    let f = app.finder.as_ref().unwrap();
    assert_eq!(f.group_hits[0], 1, "the whole archive, in 2022");
    assert!(
        status(&app).contains("1 hit in 1 article  2022"),
        "{}",
        status(&app)
    );
    // Edit the query: the year goes, the new query's results all show.
    press(&mut app, &[ch('s'), key(KeyCode::End)]);
    type_str(&mut app, " before:2021-12-31");
    let f = app.finder.as_ref().unwrap();
    assert_eq!(f.year, None, "the year went with the old query");
    assert_eq!(ids(&app).len(), 4);
    assert!(!status(&app).contains("2022"), "{}", status(&app));
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(ids(&app).len(), 4);
    assert_eq!(app.finder.as_ref().unwrap().group_hits[0], 4);
}
