//! Quitting: at once, unless saving has been failing and changes would be
//! lost with the session; then the user is asked first (`y` quits anyway,
//! `n` or Esc goes back). Whatever is still unsaved at exit is listed on
//! stderr and copied to a fallback file by the reader command.

use super::input::TextInput;
use super::mode::{Modal, PromptKind};
use super::{Action, App};

impl App {
    /// Quits, or asks first when a save has failed and changes are
    /// unsaved; `back`: asked with `q` on the list (see
    /// [`App::quit_by_back`]).
    pub(super) fn request_quit(&mut self, back: bool) {
        self.quit_by_back = back;
        let asking = matches!(
            self.modal,
            Modal::Prompt {
                kind: PromptKind::Quit,
                ..
            }
        );
        if asking || !self.saving_fails() {
            self.quit = true;
            return;
        }
        self.modal = Modal::Prompt {
            kind: PromptKind::Quit,
            input: TextInput::default(),
        };
    }

    /// The last save failed and changes are still not on disk.
    pub fn saving_fails(&self) -> bool {
        self.persist
            .as_ref()
            .is_some_and(|p| p.error.is_some() && p.unsaved())
    }

    /// Keys while asked whether to quit: `y` (or Enter) quits, `n` or Esc
    /// goes back; anything else is ignored.
    pub(super) fn update_quit_prompt(&mut self, action: Action) {
        match action {
            Action::Input('y' | 'Y') | Action::InputAccept => self.quit = true,
            Action::Input('n' | 'N') | Action::InputCancel => self.modal = Modal::None,
            _ => {}
        }
    }
}
