//! Reading without blocking: an article's body is asked for as an
//! [`Effect::LoadArticle`] and what to do with it waits here until the
//! answer, [`Action::ArticleLoaded`](super::Action::ArticleLoaded), comes
//! back. Until then the screen shows what it showed. Answers are matched
//! to their request: one for a request since replaced, for a screen the
//! user has left, or for an older version of the archive is dropped.

use super::effect::{ArticleJob, ArticleLoaded, Effect};
use super::persist::locate;
use super::search::{run_query, show_match};
use super::{App, Msg, Screen};
use crate::model::ArticleError;
use crate::store::{Anchor, Status};
use crate::text::search::Query;
use crate::text::{Doc, Pos};

/// The requests out and what answers them.
#[derive(Debug, Default)]
pub struct Loads {
    /// The last request number given out.
    seq: u64,
    /// The article being opened, and what then.
    opening: Option<Opening>,
    /// The reload (or reading of open articles) whose answer is awaited.
    pub reload: u64,
    /// The bookmark check whose answers count.
    pub marks: u64,
    /// Goes up with each new version of the archive: snippets worked out
    /// on an older one are dropped.
    pub epoch: u64,
}

impl Loads {
    /// A new request number.
    pub fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// A new version of the archive: what was asked of the old one no
    /// longer counts.
    pub fn new_library(&mut self) {
        self.opening = None;
        self.epoch += 1;
        self.marks = self.next_seq();
    }

    /// Whether an article is being read to be opened: input typed
    /// meanwhile waits for it (it is meant for the article), and so does
    /// drawing (a frame would show the screen before it, half changed).
    pub fn pending(&self) -> bool {
        self.opening.is_some()
    }
}

#[derive(Debug)]
struct Opening {
    seq: u64,
    article: usize,
    then: Then,
    /// What had the keys once it was asked for (`None`: in the update
    /// that asked); leaving it forgets the request.
    focus: Option<Screen>,
}

/// What to do with an article's document once it is read.
#[derive(Debug)]
pub(super) enum Then {
    /// Open it where reading stopped, from the list `siblings`; then
    /// jump to `jump`, if given.
    Open {
        siblings: Vec<usize>,
        jump: Option<Pos>,
    },
    /// Open it at a bookmark.
    Bookmark {
        anchor: Anchor,
        siblings: Vec<usize>,
    },
    /// Open it from the archive search at match `index` of `query`.
    Hit {
        index: usize,
        siblings: Vec<usize>,
        text: String,
        query: Query,
    },
    /// Give it a read mark (it had no position yet).
    Mark(Status),
}

impl App {
    /// Asks for article `article`'s document, then does `then` with it.
    /// Replaces any article being opened.
    pub(super) fn load_then(&mut self, article: usize, then: Then) {
        let seq = self.loads.next_seq();
        self.loads.opening = Some(Opening {
            seq,
            article,
            then,
            focus: None,
        });
        let job = ArticleJob {
            seq,
            library: self.archive.clone(),
            article,
            lang: self.settings.lang,
        };
        self.effects.push(Effect::LoadArticle(job));
    }

    /// At the end of each update: an article asked for from a screen
    /// the user has since left is not opened.
    pub(super) fn sync_loads(&mut self) {
        let focus = self.focus();
        if let Some(o) = self.loads.opening.as_mut() {
            match o.focus {
                None => o.focus = Some(focus),
                Some(f) if f != focus => self.loads.opening = None,
                Some(_) => {}
            }
        }
    }

    /// An article's document arrived.
    pub(super) fn article_loaded(&mut self, answer: ArticleLoaded) {
        let wanted = |o: &mut Opening| (o.seq, o.article) == (answer.seq, answer.article);
        let Some(o) = self.loads.opening.take_if(wanted) else {
            return;
        };
        let doc = match answer.doc {
            Ok(doc) => doc,
            Err(why) => {
                self.unreadable(&why);
                if let Then::Mark(status) = o.then {
                    self.marked(o.article, None, status);
                }
                return;
            }
        };
        match o.then {
            Then::Open { siblings, jump } => {
                self.open_resumed(o.article, doc, siblings);
                if let Some(pos) = jump {
                    self.jump(pos);
                }
            }
            Then::Bookmark { anchor, siblings } => {
                let pos = locate(&anchor, &doc);
                self.open_resumed(o.article, doc, siblings);
                self.at_bookmark(pos);
            }
            Then::Hit {
                index,
                siblings,
                text,
                query,
            } => self.open_hit_in(o.article, doc, siblings, (index, &text, &query)),
            Then::Mark(status) => self.marked(o.article, Some(&doc), status),
        }
    }

    /// Why an article cannot be read, on the status line. Never a body
    /// of another version under this listing: said, with the key that
    /// reads the new version.
    fn unreadable(&mut self, why: &ArticleError) {
        let lang = self.settings.lang;
        self.status = Some(match why {
            ArticleError::Changed { label, .. } => {
                let key = self
                    .keymap
                    .first_key(super::Context::Global, &super::Action::Reload);
                let key = key.map_or_else(|| "R".to_string(), |k| k.label());
                super::i18n::article_changed(lang, label, &key)
            }
            _ => why.text(lang),
        });
    }

    /// Opens `article` with `doc` where reading last stopped.
    fn open_resumed(&mut self, article: usize, doc: Doc, siblings: Vec<usize>) {
        let id = &self.archive.articles[article].id;
        let resume = self.persist.as_ref().and_then(|p| p.resume(id, &doc));
        self.open_article_at(article, doc, siblings, resume);
    }

    /// The reader at a bookmark's place (`None`: its text is gone): a
    /// jump, so `''` returns to where reading was.
    pub(super) fn at_bookmark(&mut self, pos: Option<Pos>) {
        self.jump(pos.unwrap_or_default());
        if pos.is_none() {
            self.say(Msg::BookmarkDetached);
        }
    }

    /// Opens `article` from the results at match number `index` of
    /// `query` (`usize::MAX`: the last one), with the in-article search
    /// for `text` active; as a jump.
    fn open_hit_in(
        &mut self,
        article: usize,
        doc: Doc,
        siblings: Vec<usize>,
        (index, text, query): (usize, &str, &Query),
    ) {
        let matches = crate::text::search::find_all(&doc, query);
        let Some(m) = matches.get(index.min(matches.len().saturating_sub(1))) else {
            return self.open_resumed(article, doc, siblings);
        };
        let pos = crate::text::search::match_pos(&doc, m);
        self.open_resumed(article, doc, siblings);
        if self.reader().is_some_and(|r| r.article == article) {
            self.jump(pos);
        }
        self.last_query = Some(text.to_string());
        let height = self.geo.reader.body_height;
        if let Some(r) = self.reader_mut().filter(|r| r.article == article) {
            run_query(r, text, pos);
            if let Some(i) = r.search.current {
                show_match(r, i, height);
            }
        }
    }

    /// Sets `article`'s read mark (see `toggle_read`).
    pub(super) fn marked(&mut self, article: usize, doc: Option<&Doc>, status: Status) {
        let id = self.archive.articles[article].id.clone();
        if let Some(p) = self.persist.as_mut() {
            p.set_status(&id, doc, status);
        }
        self.say(if status == Status::Read {
            Msg::MarkedRead
        } else {
            Msg::MarkedUnread
        });
    }
}
