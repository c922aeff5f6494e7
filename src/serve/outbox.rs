//! A session's output on its way to the SSH channel. The run loop writes
//! frames (each ended by a flush) from its thread; a task sends them as
//! the client's window allows. A client that stops reading must never make
//! the server buffer without bound: when what waits passes [`CAP`], the
//! frames waiting are dropped and nothing more is kept until the client
//! has taken what was in flight; then one whole frame is asked for (the
//! latest screen, not the backlog).

use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

/// Bytes of frames that may wait for the client.
pub const CAP: usize = 256 << 10;

/// What the sending task is told to do next.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// Send these bytes (one frame, or what was flushed together).
    Send(Vec<u8>),
    /// Frames were dropped: ask the session for a whole new screen.
    Redraw,
    /// The session ended and everything was sent.
    Done,
}

#[derive(Default)]
struct State {
    queue: VecDeque<Vec<u8>>,
    queued: usize,
    /// Frames were dropped; the screen must be drawn whole once the
    /// client reads again.
    stale: bool,
    /// The session's writer is gone (no more frames).
    ended: bool,
    /// The channel is gone: writes fail.
    closed: bool,
    /// Bytes handed to the channel, and frames dropped (for the log).
    sent: u64,
    dropped: u64,
}

/// The frames between the session's thread and the sending task.
#[derive(Default)]
pub struct Outbox {
    state: Mutex<State>,
    ready: Notify,
}

impl Outbox {
    pub fn new() -> Arc<Outbox> {
        Arc::new(Outbox::default())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues one frame (false: the channel is gone).
    pub fn push(&self, frame: Vec<u8>) -> bool {
        let mut s = self.lock();
        if s.closed {
            return false;
        }
        if frame.is_empty() {
            return true;
        }
        if s.stale {
            s.dropped += 1;
            return true;
        }
        if !s.queue.is_empty() && s.queued + frame.len() > CAP {
            s.dropped += s.queue.len() as u64 + 1;
            s.queue.clear();
            s.queued = 0;
            s.stale = true;
            return true;
        }
        s.queued += frame.len();
        s.queue.push_back(frame);
        drop(s);
        self.ready.notify_one();
        true
    }

    /// No more frames will come.
    pub fn end(&self) {
        self.lock().ended = true;
        self.ready.notify_one();
    }

    /// The channel went away: later writes fail.
    pub fn close(&self) {
        let mut s = self.lock();
        s.closed = true;
        s.queue.clear();
        s.queued = 0;
        drop(s);
        self.ready.notify_one();
    }

    /// What to do next, without waiting.
    pub fn take(&self) -> Option<Next> {
        let mut s = self.lock();
        if s.closed {
            return Some(Next::Done);
        }
        if let Some(frame) = s.queue.pop_front() {
            s.queued -= frame.len();
            s.sent += frame.len() as u64;
            return Some(Next::Send(frame));
        }
        if s.stale && !s.ended {
            s.stale = false;
            return Some(Next::Redraw);
        }
        s.ended.then_some(Next::Done)
    }

    /// What to do next, waiting for it.
    pub async fn next(&self) -> Next {
        loop {
            let notified = self.ready.notified();
            if let Some(next) = self.take() {
                return next;
            }
            notified.await;
        }
    }

    /// Bytes waiting now (for tests: it stays under [`CAP`] plus a frame).
    pub fn waiting(&self) -> usize {
        self.lock().queued
    }

    /// Bytes handed to the channel, frames dropped.
    pub fn counts(&self) -> (u64, u64) {
        let s = self.lock();
        (s.sent, s.dropped)
    }
}

/// The session's writer: bytes gather until a flush makes them a frame.
pub struct FrameWriter {
    buf: Vec<u8>,
    outbox: Arc<Outbox>,
}

impl FrameWriter {
    pub fn new(outbox: Arc<Outbox>) -> FrameWriter {
        FrameWriter {
            buf: Vec::new(),
            outbox,
        }
    }
}

impl Write for FrameWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.outbox.push(std::mem::take(&mut self.buf)) {
            true => Ok(()),
            false => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }
}

/// What was written last goes out; the session's end is said by its
/// thread ([`Outbox::end`]), once the reader's state is saved.
impl Drop for FrameWriter {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_that_never_reads_costs_at_most_the_cap() {
        let outbox = Outbox::new();
        let mut w = FrameWriter::new(outbox.clone());
        for i in 0..10_000u32 {
            write!(w, "{}", "x".repeat(1000 + (i % 7) as usize)).unwrap();
            w.flush().unwrap();
            assert!(outbox.waiting() <= CAP + 1100);
        }
        assert!(outbox.counts().1 > 9000, "frames were dropped");
        // The client reads again: what was kept, then one whole screen.
        let mut sent = 0;
        while let Some(Next::Send(_)) = outbox.take() {
            sent += 1;
        }
        assert!(sent < 300);
        assert_eq!(outbox.take(), None, "asked once");
    }

    #[test]
    fn frames_come_out_whole_and_in_order_then_done() {
        let outbox = Outbox::new();
        let mut w = FrameWriter::new(outbox.clone());
        w.write_all(b"ab").unwrap();
        w.write_all(b"c").unwrap();
        w.flush().unwrap();
        w.write_all(b"d").unwrap();
        drop(w);
        outbox.end();
        assert_eq!(outbox.take(), Some(Next::Send(b"abc".to_vec())));
        assert_eq!(outbox.take(), Some(Next::Send(b"d".to_vec())));
        assert_eq!(outbox.take(), Some(Next::Done));
    }

    #[test]
    fn after_dropping_a_whole_frame_is_asked_for() {
        let outbox = Outbox::new();
        outbox.push(vec![1; CAP]);
        outbox.push(vec![2; 10]);
        outbox.push(vec![3; 10]);
        assert_eq!(outbox.take(), Some(Next::Redraw));
        assert_eq!(outbox.take(), None);
        outbox.close();
        assert!(!outbox.push(vec![4]));
    }
}
