//! The size of a screen that changes under the backend.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use ratatui::layout::Size;

/// The size of a session's screen, set by whoever learns of a resize
/// (the session's input) and read by the backend at every frame.
#[derive(Debug, Clone, Default)]
pub struct SharedSize(Arc<AtomicU32>);

impl SharedSize {
    /// A size, capped (see `capped`).
    pub fn new(width: u16, height: u16) -> SharedSize {
        let size = SharedSize::default();
        size.set(width, height);
        size
    }

    pub fn set(&self, width: u16, height: u16) {
        let (w, h) = super::super::capped::cap(width, height);
        self.0
            .store(u32::from(w) << 16 | u32::from(h), Ordering::SeqCst);
    }

    pub fn get(&self) -> Size {
        let v = self.0.load(Ordering::SeqCst);
        Size::new((v >> 16) as u16, (v & 0xffff) as u16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_shared_and_capped() {
        let size = SharedSize::new(80, 24);
        let seen = size.clone();
        size.set(65535, 40);
        assert_eq!(seen.get(), Size::new(1000, 40));
    }
}
