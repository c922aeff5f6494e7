//! One text-input model for every prompt and filter: editing by grapheme
//! (Backspace removes a whole character, wide or emoji), a cursor that
//! moves, paste, and no control character ever entering the text. A
//! prompt opens with its previous entry selected, as a shell's or a
//! browser's: typing replaces it, Right or End keeps it to edit.

use unicode_segmentation::UnicodeSegmentation;

use super::Action;

/// An editable line of text with a cursor (a byte offset on a grapheme
/// boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
    /// The whole text is selected (a previous entry offered): the next
    /// character typed or pasted replaces it, Backspace or Delete clears
    /// it, and moving the cursor keeps it.
    selected: bool,
    /// While Up/Down walk the prompt's history: how far back (1 is the
    /// newest entry) and the text typed before the walk began.
    pub(super) recall: Option<(usize, String)>,
    /// Something was typed or deleted since the input opened.
    edited: bool,
}

impl TextInput {
    /// `text`, with the cursor at its end.
    pub fn with_text(text: &str) -> TextInput {
        let mut input = TextInput::default();
        input.paste(text);
        input
    }

    /// `text` selected, the cursor at its end: a previous entry offered
    /// when a prompt opens.
    pub fn offered(text: &str) -> TextInput {
        let mut input = TextInput::with_text(text);
        input.selected = !input.text.is_empty();
        input
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether nothing was typed or deleted since the input opened (an
    /// empty one then shows what it takes).
    pub fn is_untouched(&self) -> bool {
        !self.edited
    }

    /// Whether the whole text is selected (typing replaces it).
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Puts `text` in, the cursor at its end, nothing selected (an entry
    /// of the history recalled).
    pub(super) fn replace(&mut self, text: &str) {
        self.clear();
        self.paste(text);
    }

    /// The text before the cursor (its display width is the cursor column).
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.cursor]
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Applies an editing action; false when `action` is not one (the
    /// caller handles accept and cancel).
    pub fn edit(&mut self, action: &Action) -> bool {
        let edited = self.apply(action);
        self.edited |= edited;
        edited
    }

    fn apply(&mut self, action: &Action) -> bool {
        if self.selected {
            match action {
                Action::Input(_) | Action::Paste(_) => self.clear(),
                Action::InputBackspace | Action::InputDelete => {
                    self.clear();
                    return true;
                }
                Action::InputLeft
                | Action::InputRight
                | Action::InputHome
                | Action::InputEnd
                | Action::InputDeleteWord
                | Action::InputClear => self.selected = false,
                _ => {}
            }
        }
        match action {
            Action::Input(c) => self.insert(*c),
            Action::Paste(s) => self.paste(s),
            Action::InputBackspace => self.backspace(),
            Action::InputDelete => self.delete(),
            Action::InputLeft => self.cursor = self.prev_boundary(),
            Action::InputRight => self.cursor = self.next_boundary(),
            Action::InputHome => self.cursor = 0,
            Action::InputEnd => self.cursor = self.text.len(),
            Action::InputDeleteWord => self.delete_word(),
            Action::InputClear => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            _ => return false,
        }
        true
    }

    fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
        self.selected = false;
    }

    /// Types one character at the cursor (control characters are ignored).
    pub fn insert(&mut self, c: char) {
        if !c.is_control() {
            self.text.insert(self.cursor, c);
            self.cursor += c.len_utf8();
            self.snap();
        }
    }

    /// Pastes text at the cursor, dropping control characters (a pasted
    /// newline included).
    pub fn paste(&mut self, s: &str) {
        let clean: String = s.chars().filter(|c| !c.is_control()).collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        self.snap();
    }

    /// Removes the grapheme before the cursor.
    pub fn backspace(&mut self) {
        let start = self.prev_boundary();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Removes the grapheme under the cursor.
    pub fn delete(&mut self) {
        let end = self.next_boundary();
        self.text.replace_range(self.cursor..end, "");
    }

    /// Removes the word before the cursor and the spaces after it, back to
    /// the previous space (readline's Ctrl-w).
    fn delete_word(&mut self) {
        let trimmed = self.text[..self.cursor].trim_end();
        let start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    /// Moves the cursor back onto a grapheme boundary (a combining mark
    /// typed after a letter joins it).
    fn snap(&mut self) {
        if !self.text.is_char_boundary(self.cursor) {
            self.cursor = self.text.len();
        }
        let at = self.cursor;
        let on_boundary =
            at == self.text.len() || self.text.grapheme_indices(true).any(|(i, _)| i == at);
        if !on_boundary {
            self.cursor = self.next_boundary_from_start(at);
        }
    }

    fn next_boundary_from_start(&self, at: usize) -> usize {
        self.text
            .grapheme_indices(true)
            .map(|(i, g)| i + g.len())
            .find(|&end| end >= at)
            .unwrap_or(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> TextInput {
        let mut t = TextInput::default();
        s.chars().for_each(|c| t.insert(c));
        t
    }

    #[test]
    fn backspace_removes_whole_graphemes() {
        let mut p = TextInput::default();
        p.paste("物业👨‍👩‍👧e\u{301}");
        p.backspace();
        assert_eq!(p.text(), "物业👨‍👩‍👧");
        p.backspace();
        assert_eq!(p.text(), "物业");
        p.backspace();
        assert_eq!(p.text(), "物");
        p.backspace();
        p.backspace();
        assert_eq!(p.text(), "");
    }

    #[test]
    fn control_characters_never_enter_the_text() {
        let mut p = TextInput::default();
        p.paste("a\u{1b}[31mb\nc");
        p.insert('\u{7}');
        assert_eq!(p.text(), "a[31mbc");
    }

    #[test]
    fn the_cursor_moves_by_grapheme_and_edits_in_place() {
        let mut t = typed("社区物业");
        t.edit(&Action::InputLeft);
        t.edit(&Action::InputLeft);
        assert_eq!(t.before_cursor(), "社区");
        t.edit(&Action::Input('的'));
        assert_eq!(t.text(), "社区的物业");
        t.edit(&Action::InputDelete);
        assert_eq!(t.text(), "社区的业");
        t.edit(&Action::InputHome);
        t.edit(&Action::InputLeft);
        assert_eq!(t.before_cursor(), "");
        t.edit(&Action::InputEnd);
        t.edit(&Action::InputRight);
        assert_eq!(t.before_cursor(), "社区的业");
        t.edit(&Action::InputLeft);
        t.edit(&Action::InputClear);
        assert_eq!((t.text(), t.before_cursor()), ("业", ""));
    }

    #[test]
    fn a_combining_mark_joins_the_letter_before_it() {
        let mut t = typed("e");
        t.insert('\u{301}');
        t.edit(&Action::InputLeft);
        assert_eq!(t.before_cursor(), "");
        t.edit(&Action::InputRight);
        assert_eq!(t.before_cursor(), "e\u{301}");
    }

    #[test]
    fn an_offered_entry_is_replaced_by_typing_and_kept_by_moving() {
        let mut t = TextInput::offered("养老服务");
        assert!(t.is_selected());
        t.edit(&Action::Input('防'));
        assert_eq!((t.text(), t.is_selected()), ("防", false));
        let mut t = TextInput::offered("养老服务");
        t.edit(&Action::InputEnd);
        t.edit(&Action::Input('站'));
        assert_eq!(t.text(), "养老服务站");
        let mut t = TextInput::offered("养老服务");
        t.edit(&Action::InputLeft);
        t.edit(&Action::Input('的'));
        assert_eq!(t.text(), "养老服的务");
        let mut t = TextInput::offered("养老服务");
        t.edit(&Action::InputBackspace);
        assert_eq!(t.text(), "");
        let mut t = TextInput::offered("养老服务");
        t.edit(&Action::Paste("防汛".into()));
        assert_eq!(t.text(), "防汛");
        assert!(!TextInput::offered("").is_selected());
        let mut t = TextInput::offered("养老服务");
        assert!(!t.edit(&Action::Down) && t.is_selected(), "not an edit");
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor() {
        let mut t = typed("re: 人工 智能  ");
        t.edit(&Action::InputDeleteWord);
        assert_eq!(t.text(), "re: 人工 ");
        let mut t = typed("hello world");
        t.edit(&Action::InputDeleteWord);
        assert_eq!(t.text(), "hello ");
    }
}
