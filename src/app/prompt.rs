//! A one-line text prompt (bookmark note, search query) that edits by
//! grapheme, so Backspace removes a whole character, wide or emoji.

use unicode_segmentation::UnicodeSegmentation;

/// What the prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// The note of a new bookmark.
    Note,
    /// An in-article search query.
    Search,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
}

impl Prompt {
    pub fn new(kind: PromptKind) -> Prompt {
        Prompt {
            kind,
            text: String::new(),
        }
    }

    /// Types one character (control characters are ignored).
    pub fn push(&mut self, c: char) {
        if !c.is_control() {
            self.text.push(c);
        }
    }

    /// Pastes text, dropping control characters (a pasted newline included).
    pub fn paste(&mut self, s: &str) {
        s.chars().for_each(|c| self.push(c));
    }

    /// Removes the last grapheme.
    pub fn backspace(&mut self) {
        pop_grapheme(&mut self.text);
    }
}

/// Removes the last extended grapheme cluster of `s`.
pub fn pop_grapheme(s: &mut String) {
    if let Some((i, _)) = s.grapheme_indices(true).next_back() {
        s.truncate(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backspace_removes_whole_graphemes() {
        let mut p = Prompt::new(PromptKind::Note);
        p.paste("物业👨‍👩‍👧e\u{301}");
        p.backspace();
        assert_eq!(p.text, "物业👨‍👩‍👧");
        p.backspace();
        assert_eq!(p.text, "物业");
        p.backspace();
        assert_eq!(p.text, "物");
        p.backspace();
        p.backspace();
        assert_eq!(p.text, "");
    }

    #[test]
    fn control_characters_never_enter_the_prompt() {
        let mut p = Prompt::new(PromptKind::Search);
        p.paste("a\u{1b}[31mb\nc");
        assert_eq!(p.text, "a[31mbc");
    }
}
