//! Everything that can change the application state. `App::update` is the
//! only function that takes these.

/// A terminal-independent key. The terminal layer converts its own events
/// into this, so the keymap and the app stay free of terminal crates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Backspace,
    Delete,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

/// A key press with its modifiers (Shift is folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// How the key is written in the help screen: `j`, `Ctrl-d`, `PgDn`.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
        };
        let mut s = String::new();
        if self.ctrl {
            s.push_str("Ctrl-");
        }
        if self.alt {
            s.push_str("Alt-");
        }
        s + &base
    }
}

/// Input from outside: a key, a new terminal size, or the end of the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(Key),
    Resize(u16, u16),
    /// Text pasted in one piece (bracketed paste).
    Paste(String),
    /// Mouse wheel (only with `--mouse`): lines, negative up.
    Scroll(i16),
    /// Mouse click (only with `--mouse`).
    Click(u16, u16),
    /// No input for a while (the run loop only waits with a timeout while
    /// a save is pending).
    Tick,
    /// A worker finished something (the run loop collects it).
    Wake,
    /// A worker's result, to be applied as it is.
    Done(Action),
    /// The terminal went away or the process was asked to stop.
    Terminate,
}

/// A state change. Commands bound to keys carry no data; the rest are
/// produced by the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Back out one level; at the top, quit.
    Back,
    /// Back out one level; at the top, nothing.
    Cancel,
    ToggleHelp,
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    Open,
    NextPane,
    FocusGroups,
    FocusArticles,
    PrevArticle,
    NextArticle,
    StartFilter,
    /// Bookmark the top of the view (asks for an optional note).
    AddBookmark,
    /// The list of every bookmark in the archive.
    Bookmarks,
    Delete,
    Undo,
    /// Open the in-article search prompt.
    Search,
    /// Search the whole archive (opens the results with their prompt).
    ArchiveSearch,
    /// Results: the next year facet (all, then each year with hits).
    CycleYear,
    NextMatch,
    PrevMatch,
    /// Copy the current paragraph to the local clipboard.
    Copy,
    /// Copy a citation: title, section, paragraph, place and date.
    CopyCitation,
    /// The next section start (any level); a count repeats it.
    NextSection,
    /// The start of the section the view is in, or of the one before.
    PrevSection,
    /// The next section at the current section's level (or higher).
    NextSameLevel,
    /// The previous section at the current section's level (or higher).
    PrevSameLevel,
    /// The article's outline (table of contents).
    Outline,
    /// `NN%`: a count percent of the way into the article.
    Percent,
    /// `''`: back to where the last jump started (again: back again).
    JumpBack,
    /// Ctrl-o: to the place before, in the article's jump list.
    JumpOlder,
    /// Ctrl-i: forward again in the article's jump list.
    JumpNewer,
    /// Toggle an article's read mark.
    ToggleRead,
    /// Open the next article not yet read.
    NextUnread,
    /// Open the article read last, where reading stopped.
    ContinueReading,
    /// Cycle the article list's order: archive, date, title.
    Sort,
    /// Hide or show the group pane.
    ToggleGroups,
    /// A digit of a count typed before a motion (`5j`, `50%`).
    Digit(u8),
    /// Mouse wheel: lines to scroll (negative: up).
    Scroll(i16),
    /// Mouse click at a screen cell.
    Click(u16, u16),
    /// Text input: type a character.
    Input(char),
    InputBackspace,
    InputDelete,
    InputLeft,
    InputRight,
    InputHome,
    InputEnd,
    /// Delete the word before the cursor.
    InputDeleteWord,
    /// Delete everything before the cursor.
    InputClear,
    InputAccept,
    InputCancel,
    Paste(String),
    Resize(u16, u16),
    /// The clock: time since the session started, as the run loop read
    /// it (before each event, and when nothing came in time while a save
    /// is pending). `update` never reads a clock of its own.
    Tick(std::time::Duration),
    /// The ambiguous-width mode, as the start-up probe found it.
    WidthMode(crate::text::WidthMode, super::WidthSource),
    /// A message for the status line (e.g. a state-file notice at start-up).
    Notice(String),
    /// A save (or refresh) the app asked for has finished.
    Saved(crate::store::SaveOutcome),
    /// Results of archive search number `.0`.
    Found(u64, crate::find::Batch),
    /// The search index is being built: articles done, of all.
    IndexProgress(usize, usize),
    /// The search index is ready (or could not be built: why).
    IndexDone(Result<super::finder::IndexHandle, String>),
    Terminate,
    /// The list of the archive's problems.
    Problems,
    /// Read the archive file again now.
    Reload,
    /// The archive was read again (the file changed, or `Reload`).
    Reloaded(super::reload::Reloaded),
    /// An article's body, read as asked (`Effect::LoadArticle`).
    ArticleLoaded(super::effect::ArticleLoaded),
    /// Snippets of search results (`Effect::LoadSnippets`).
    SnippetsLoaded(super::effect::SnippetsLoaded),
    /// Which bookmarks lost their text (`Effect::CheckMarks`).
    MarksChecked(super::effect::MarksChecked),
}

impl Action {
    /// The stable name used in the help screen (and in configuration).
    pub fn name(&self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Back => "back",
            Action::Cancel => "cancel",
            Action::ToggleHelp => "help",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::HalfPageUp => "half-page-up",
            Action::HalfPageDown => "half-page-down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::NextPane => "next-pane",
            Action::FocusGroups => "focus-groups",
            Action::FocusArticles => "focus-articles",
            Action::PrevArticle => "prev-article",
            Action::NextArticle => "next-article",
            Action::StartFilter => "filter",
            Action::AddBookmark => "add-bookmark",
            Action::Bookmarks => "bookmarks",
            Action::Delete => "delete",
            Action::Search => "search",
            Action::ArchiveSearch => "archive-search",
            Action::CycleYear => "year",
            Action::NextMatch => "next-match",
            Action::PrevMatch => "prev-match",
            Action::Copy => "copy",
            Action::CopyCitation => "copy-citation",
            Action::NextSection => "next-section",
            Action::PrevSection => "prev-section",
            Action::NextSameLevel => "next-same-level",
            Action::PrevSameLevel => "prev-same-level",
            Action::Outline => "outline",
            Action::Percent => "percent",
            Action::JumpBack => "jump-back",
            Action::JumpOlder => "jump-older",
            Action::JumpNewer => "jump-newer",
            Action::ToggleRead => "toggle-read",
            Action::NextUnread => "next-unread",
            Action::ContinueReading => "continue-reading",
            Action::Sort => "sort",
            Action::ToggleGroups => "toggle-groups",
            Action::Digit(_) => "count",
            Action::Scroll(_) => "scroll",
            Action::Click(..) => "click",
            Action::Undo => "undo",
            Action::Tick(_) => "tick",
            Action::WidthMode(..) => "width-mode",
            Action::Notice(_) => "notice",
            Action::Saved(_) => "saved",
            Action::Found(..) => "found",
            Action::IndexProgress(..) => "index-progress",
            Action::IndexDone(_) => "index-done",
            Action::Input(_) => "input",
            Action::InputBackspace => "input-backspace",
            Action::InputDelete => "input-delete",
            Action::InputLeft => "input-left",
            Action::InputRight => "input-right",
            Action::InputHome => "input-home",
            Action::InputEnd => "input-end",
            Action::InputDeleteWord => "input-delete-word",
            Action::InputClear => "input-clear",
            Action::InputAccept => "input-accept",
            Action::InputCancel => "input-cancel",
            Action::Paste(_) => "paste",
            Action::Resize(..) => "resize",
            Action::Terminate => "terminate",
            Action::Problems => "problems",
            Action::Reload => "reload",
            Action::Reloaded(_) => "reloaded",
            Action::ArticleLoaded(_) => "article-loaded",
            Action::SnippetsLoaded(_) => "snippets-loaded",
            Action::MarksChecked(_) => "marks-checked",
        }
    }
}
