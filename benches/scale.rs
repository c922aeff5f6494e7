//! Scale figures (issue 8) over the library, on SYNTHETIC data from
//! `examples/gen-archive/synth.rs` (included by path): loading archives of
//! 1 k and 10 k articles (fully from memory, and the reader's way from a
//! file), and in one long article of 250 KB and
//! 1 MB (so the growth shows) opening it, re-laying it out after a resize,
//! one search keystroke, and a key press to a drawn frame. Run with
//! `cargo bench --bench scale`; `scripts/bench-scale` runs it and puts the
//! medians in its table.

#[allow(dead_code)]
#[path = "../examples/gen-archive/synth.rs"]
mod synth;

use std::sync::LazyLock;

use bulletin::app::{Action, App, Screen, Settings};
use bulletin::model::{self, Archive, FORMAT_TAG};
use bulletin::text::search::{Query, SearchIndex};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Map;

fn main() {
    divan::main();
}

/// Long-article sizes, in KB of UTF-8 body text.
const ARTICLE_KB: [usize; 2] = [250, 1000];

/// An archive of `n` synthetic articles, as JSON bytes.
fn archive_json(n: usize) -> Vec<u8> {
    let mut rng = synth::Rng::new(1);
    let places = synth::Places::new(&mut rng, 40);
    let articles = (1..=n)
        .map(|i| synth::article(&mut rng, &places, i))
        .collect();
    serde_json::to_vec(&archive_of(articles)).unwrap()
}

fn archive_of(articles: Vec<model::Article>) -> Archive {
    Archive {
        format: FORMAT_TAG.into(),
        title: "合成测试档案 (synthetic)".into(),
        key: None,
        articles,
        extra: Map::new(),
    }
}

static ARCHIVES: LazyLock<Vec<(usize, Vec<u8>)>> =
    LazyLock::new(|| [1_000, 10_000].map(|n| (n, archive_json(n))).into());

/// The full loader (`check`, `list`, `show`) on `n` articles from bytes
/// (the file read excluded).
#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn load(bencher: Bencher, n: usize) {
    let bytes = &ARCHIVES.iter().find(|(m, _)| *m == n).unwrap().1;
    bencher.bench(|| model::load_bytes("big.json", bytes).unwrap());
}

/// The reader's loader on `n` articles: the file read once, metadata kept.
#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn load_lazy(bencher: Bencher, n: usize) {
    let file = temp_file(&ARCHIVES.iter().find(|(m, _)| *m == n).unwrap().1);
    bencher.bench(|| {
        let library = model::open_path(file.path()).unwrap();
        assert!(library.is_lazy());
        library
    });
}

fn temp_file(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, bytes).unwrap();
    file
}

/// An archive holding one long article of about `kb` KB, as an `Archive`.
fn long_archive(kb: usize) -> Archive {
    let mut rng = synth::Rng::new(2);
    let places = synth::Places::new(&mut rng, 1);
    // Body text is almost all three-byte Han and full-width punctuation.
    let article = synth::article_of(&mut rng, &places, 1, kb * 1000 / 3);
    archive_of(vec![article])
}

/// The long-article archives, written to files the reader reads.
static LONG: LazyLock<Vec<(usize, tempfile::NamedTempFile)>> = LazyLock::new(|| {
    ARTICLE_KB
        .map(|kb| {
            (
                kb,
                temp_file(&serde_json::to_vec(&long_archive(kb)).unwrap()),
            )
        })
        .into()
});

/// The app on the long-article archive (opened as the reader opens it),
/// 82x24 (an 80-column text), with the article open when `open`.
fn app(kb: usize, open: bool) -> (App, Terminal<TestBackend>) {
    let file = &LONG.iter().find(|(k, _)| *k == kb).unwrap().1;
    let library = model::open_path(file.path()).unwrap();
    assert!(library.is_lazy());
    let mut app = App::new(library, Settings::default());
    bulletin::app::effect::update_inline(&mut app, Action::Resize(82, 24));
    if open {
        bulletin::app::effect::update_inline(&mut app, Action::Open);
        assert_eq!(app.screen(), Screen::Read);
    }
    (app, Terminal::new(TestBackend::new(82, 24)).unwrap())
}

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal
        .draw(|f| bulletin::ui::render(app, f))
        .expect("TestBackend draws");
}

/// Enter on the list: the article read from the file, parsed and checked,
/// its document and layout at 80 columns, and its first frame (closing it
/// again is included: it is cheap).
#[divan::bench(args = ARTICLE_KB, sample_count = 20)]
fn open_article(bencher: Bencher, kb: usize) {
    let (mut app, mut terminal) = app(kb, false);
    bencher.bench_local(|| {
        bulletin::app::effect::update_inline(&mut app, Action::Open);
        draw(&app, &mut terminal);
        bulletin::app::effect::update_inline(&mut app, Action::Back);
    });
}

/// A resize between 80 and 41 text columns: re-layout and one frame.
#[divan::bench(args = ARTICLE_KB, sample_count = 20)]
fn relayout(bencher: Bencher, kb: usize) {
    let (mut app, mut terminal) = app(kb, true);
    let mut wide = true;
    bencher.bench_local(|| {
        wide = !wide;
        let w = if wide { 82 } else { 43 };
        bulletin::app::effect::update_inline(&mut app, Action::Resize(w, 24));
        terminal
            .resize(ratatui::layout::Rect::new(0, 0, w, 24))
            .unwrap();
        draw(&app, &mut terminal);
    });
}

/// Building the search index (the first keystroke of a search pays it).
#[divan::bench(args = ARTICLE_KB, sample_count = 20)]
fn search_index(bencher: Bencher, kb: usize) {
    let (app, _) = app(kb, true);
    let doc = &app.reader().unwrap().doc;
    bencher.bench_local(|| SearchIndex::new(doc));
}

/// One search keystroke once the index exists: parse the query and find
/// every match of `社区`.
#[divan::bench(args = ARTICLE_KB, sample_count = 20)]
fn search_keystroke(bencher: Bencher, kb: usize) {
    let (app, _) = app(kb, true);
    let index = SearchIndex::new(&app.reader().unwrap().doc);
    bencher.bench_local(|| {
        let query = Query::parse("社区").unwrap().unwrap();
        index.find_all(&query)
    });
}

/// A key press in the open article (down, then up) to a drawn frame.
#[divan::bench(args = ARTICLE_KB, sample_count = 50)]
fn key_to_frame(bencher: Bencher, kb: usize) {
    let (mut app, mut terminal) = app(kb, true);
    let mut down = false;
    bencher.bench_local(|| {
        down = !down;
        bulletin::app::effect::update_inline(
            &mut app,
            if down { Action::Down } else { Action::Up },
        );
        draw(&app, &mut terminal);
    });
}
