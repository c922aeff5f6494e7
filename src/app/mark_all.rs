//! `A`: every article of the list on screen (its group, as filtered)
//! marked read at once, as newsboat's `A` marks a feed read; `u` puts the
//! marks back as they were. Marks are kept like `r`'s: in the state store,
//! saved soon after.

use super::{Action, App, Context, Msg};
use crate::store::{Anchor, Position, Status};

/// The marks one `A` changed: each article's id and its position before
/// (`None`: never opened).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedAll {
    before: Vec<(String, Option<Position>)>,
}

/// Where an article never opened is read from: its start. (Its text is
/// not read for this: an anchor without a fingerprint opens at the top.)
fn start_of(article: &str) -> Anchor {
    Anchor {
        article: article.to_string(),
        unit: 0,
        offset: 0,
        fingerprint: String::new(),
        extra: Default::default(),
    }
}

impl App {
    /// `A`: marks every article listed read (broken ones aside).
    pub(super) fn mark_all_read(&mut self) {
        let Some(p) = self.persist.as_mut() else {
            return self.say(Msg::NoStore);
        };
        let archive = &self.archive;
        let unread: Vec<&str> = (self.browse.visible.iter())
            .filter(|&&i| archive.broken(i).is_none())
            .map(|&i| archive.articles[i].id.as_str())
            .filter(|id| p.status(id) != Status::Read)
            .collect();
        if unread.is_empty() {
            return self.say(Msg::NothingToMarkRead);
        }
        let mut before = Vec::with_capacity(unread.len());
        for id in &unread {
            let was = p.store.position(&p.key, id).cloned();
            let anchor = was
                .as_ref()
                .map_or_else(|| start_of(id), |w| w.anchor.clone());
            p.store.set_position(&p.key, id, anchor, Status::Read);
            before.push((id.to_string(), was));
        }
        p.generation += 1;
        p.marked_all = Some(MarkedAll { before });
        let key = (self.keymap.first_key(Context::Browse, &Action::Undo))
            .map_or_else(String::new, |k| k.label());
        let text = super::i18n::marked_all_read(self.settings.lang, unread.len(), &key);
        self.status = Some(text);
    }

    /// `u` after `A`: the marks as they were, for the articles still
    /// marked read (one read since keeps its place, the mark goes back).
    pub(super) fn undo_mark_all(&mut self) {
        let Some(marked) = self.persist.as_mut().and_then(|p| p.marked_all.take()) else {
            return self.say(Msg::NothingToUndo);
        };
        let Some(p) = self.persist.as_mut() else {
            return;
        };
        for (id, was) in marked.before {
            let (anchor, status) = match was {
                Some(w) => (w.anchor, w.status),
                None => (start_of(&id), Status::Unread),
            };
            let now = p.store.position(&p.key, &id).map(|n| n.anchor.clone());
            p.store
                .set_position(&p.key, &id, now.unwrap_or(anchor), status);
        }
        p.generation += 1;
        self.say(Msg::ReadMarksRestored);
    }
}
