//! OSC 52: asks the user's terminal to put text on its clipboard. It
//! travels through SSH like any output, and through tmux when tmux's
//! `set-clipboard` is on, so it reaches the machine the user sits at.

use std::io::Write;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The OSC 52 sequence that sets the clipboard to `text` (already
/// sanitised by the app: base64 keeps it from being read as commands).
pub fn sequence(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", STANDARD.encode(text.as_bytes()))
}

/// Writes the sequence for `text` to `out`.
pub fn send(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    out.write_all(sequence(text).as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_is_base64_between_osc_52_and_bel() {
        let s = sequence("物业");
        assert_eq!(s, "\x1b]52;c;54mp5Lia\x07");
        assert!(!s[1..].contains('\x1b'));
    }
}
