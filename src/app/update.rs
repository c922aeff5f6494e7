//! `App::update`: the only place the state changes. It dispatches on the
//! mode (modal first, then the view) and returns the effects the run loop
//! must perform.

use super::effect::Effect;
use super::help;
use super::mode::{Modal, PromptKind, View};
use super::screens::{self, Layer};
use super::{Action, App, IndexState};
use crate::store::SaveOutcome;

impl App {
    /// Applies one action; returns what the outside world must now do.
    #[must_use = "the effects must be performed (see app::effect)"]
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        // What the machine does (not the user) leaves the message shown,
        // such as the start-up offer to continue reading.
        let machine = action.is_machine();
        if !machine {
            self.status = None;
        }
        // A count applies to the next key, whatever that key does.
        let count = if machine {
            self.count
        } else {
            self.count.take()
        };
        match action {
            Action::Quit => self.request_quit(false),
            Action::Suspend if self.can_suspend => self.effects.push(Effect::Suspend),
            Action::Suspend => self.say(super::Msg::NoShellHere),
            Action::Terminate => self.quit = true,
            Action::Resize(w, h) => self.resize(w, h),
            Action::Tick(now) => self.clock = self.clock.max(now),
            Action::WidthMode(mode, source) => {
                self.settings.mode = mode;
                self.settings.width_source = source;
                let (w, h) = self.size;
                self.resize(w, h);
            }
            Action::Notice(text) => self.status = Some(text),
            Action::Saved(outcome) => self.saved(outcome),
            Action::Found(generation, batch) => self.found(generation, batch),
            Action::IndexProgress(done, all) => {
                if matches!(self.index, IndexState::Building(..)) {
                    self.index = IndexState::Building(done, all);
                }
            }
            // Only the build in progress counts (one started before the
            // archive was read again is for the old version).
            Action::IndexDone(done) if !matches!(self.index, IndexState::Building(..)) => {
                drop(done)
            }
            Action::IndexDone(Ok(h)) if self.index_fits(&h) => {
                self.index_ready(IndexState::Ready(h))
            }
            Action::IndexDone(Ok(_)) => self.index = IndexState::Failed("stale".into()),
            Action::IndexDone(Err(why)) => self.index = IndexState::Failed(why),
            Action::Reloaded(r) => self.reloaded(r),
            Action::ArticleLoaded(a) => self.article_loaded(a),
            Action::SnippetsLoaded(s) => self.snippets_loaded(s),
            Action::MarksChecked(m) => self.marks_checked(m),
            // One made from an older version of the archive is dropped.
            Action::TitlesIndexed(h) if h.0.is_of(&self.archive) => self.browse.titles = Some(h.0),
            Action::TitlesIndexed(_) => {}
            action => self.dispatch(action, count),
        }
        if machine {
            // Reading bodies (here or in a search) may have found problems.
            self.refresh_problems();
        }
        self.sync_store();
        self.sync_marks();
        self.sync_loads();
        std::mem::take(&mut self.effects)
    }

    /// An action for the modal on top, else for the view; `count` is the
    /// number typed before it (the reader's motions use it).
    fn dispatch(&mut self, action: Action, count: Option<u32>) {
        match &self.modal {
            Modal::Help { .. } => self.update_help(action),
            Modal::Prompt { .. } => self.update_prompt(action),
            Modal::Filter(_) => self.update_filter(action),
            Modal::None => match action {
                Action::Reload => self.reload(),
                action => match (screens::opener(&action), &self.view) {
                    (Some(open), _) => open(self),
                    (None, View::Browse) => self.update_browse(action),
                    (None, View::Read { .. }) => self.update_reader(action, count),
                    // The screen's row says where its keys go.
                    (None, View::Over { screen, .. }) => match screens::info(*screen).layer {
                        Layer::Over(_, update) => update(self, action),
                        Layer::View | Layer::Modal => {}
                    },
                },
            },
        }
    }

    pub(super) fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        self.geo = super::Geometry::new(w, h, self.settings.max_width)
            .with_groups(self.browse.groups_shown());
        let g = self.geo.reader;
        let mode = self.settings.mode;
        if let Some(r) = self.view.reader_mut() {
            r.relayout(g.text_width, mode, g.body_height);
        }
    }

    /// Records how far reading got (only when that changed, so a read
    /// mark set by hand stays), keeps the unread counts current, and asks
    /// for a save when one is due (always when quitting).
    fn sync_store(&mut self) {
        let Some(p) = self.persist.as_mut() else {
            return;
        };
        if let View::Read { reader: r, .. } = &mut self.view {
            let now = (r.reading, r.finished);
            if r.remembered != Some(now) {
                let id = &self.archive.articles[r.article].id;
                p.remember(id, &r.doc, r.reading, r.finished);
                r.remembered = Some(now);
            }
        }
        if let Some(job) = p.due_job(self.quit, self.clock) {
            self.effects.push(Effect::Save(job));
        }
        self.refresh_unread();
    }

    /// A save or refresh finished: take in what other instances wrote and
    /// show what the user must know.
    fn saved(&mut self, outcome: SaveOutcome) {
        let Some(p) = self.persist.as_mut() else {
            return;
        };
        let (notices, confirmed) = p.finished(outcome);
        if let Some(msg) = confirmed {
            self.say(msg);
        }
        if let Some(n) = notices.first() {
            self.status = Some(n.to_string());
        }
        self.refresh_unread();
    }

    pub(super) fn open_help(&mut self) {
        let from = self.focus();
        let lines = help::lines(self, self.geo.help.inner().width);
        let scroll = help::section_line(&lines, self, from);
        self.modal = Modal::Help { scroll };
        self.clamp_help(lines.len());
    }

    fn update_help(&mut self, action: Action) {
        let rows = help::lines(self, self.geo.help.inner().width).len();
        let page = usize::from(self.geo.help.inner().height.max(1));
        let Modal::Help { scroll } = &mut self.modal else {
            return;
        };
        match action {
            Action::Down => *scroll += 1,
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll += page,
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = usize::MAX,
            Action::ToggleHelp | Action::Back | Action::Cancel => self.modal = Modal::None,
            _ => {}
        }
        self.clamp_help(rows);
    }

    /// Keeps the help's first line where a full page still shows.
    fn clamp_help(&mut self, rows: usize) {
        let page = usize::from(self.geo.help.inner().height.max(1));
        if let Modal::Help { scroll } = &mut self.modal {
            *scroll = (*scroll).min(rows.saturating_sub(page));
        }
    }

    fn update_prompt(&mut self, action: Action) {
        let Modal::Prompt { kind, input } = &mut self.modal else {
            return;
        };
        let kind = *kind;
        if kind == PromptKind::Quit {
            return self.update_quit_prompt(action);
        }
        match action {
            Action::InputCancel => {
                self.modal = Modal::None;
                match kind {
                    PromptKind::Search => self.search_cancelled(),
                    PromptKind::Find => self.find_prompt_closed(false),
                    PromptKind::Note | PromptKind::Quit => {}
                }
            }
            Action::InputAccept => {
                let text = input.text().to_string();
                self.remember_entry(&text);
                self.modal = Modal::None;
                match kind {
                    PromptKind::Note => self.add_bookmark(&text),
                    PromptKind::Search => self.search_accepted(),
                    PromptKind::Find => self.find_prompt_closed(true),
                    PromptKind::Quit => {}
                }
            }
            Action::InputOlder | Action::InputNewer => {
                if self.walk_history(action == Action::InputOlder) {
                    self.prompt_changed(kind);
                }
            }
            action => {
                let before = input.text().to_string();
                if input.edit(&action) && input.text() != before {
                    self.prompt_changed(kind);
                }
            }
        }
    }

    /// The prompt's text changed: what it is for follows.
    pub(super) fn prompt_changed(&mut self, kind: PromptKind) {
        let text = self.modal.input().map(|i| i.text().to_string());
        match kind {
            PromptKind::Search => self.search_typed(),
            PromptKind::Find => self.find_typed(&text.unwrap_or_default()),
            PromptKind::Note | PromptKind::Quit => {}
        }
    }
}
