//! Which archive a reader session opens: the only one served, the one
//! named as the command (`ssh -t HOST NAME`), or the one picked in the
//! chooser (several served, none named).

use std::time::Duration;

use russh::ChannelId;

use super::Conn;
use crate::serve::choose::{self, Chooser, Chosen};
use crate::serve::{archives, reader};

/// How long a frame of the chooser may wait for a client that does not
/// read before its channel is closed.
const STALLED: Duration = Duration::from_secs(10);

impl Conn {
    /// The served archive a command line names, when it is only a name.
    pub(super) fn archive_named(&self, line: &str) -> Option<usize> {
        match crate::serve::exec::split(line)?.as_slice() {
            [name] => archives::find(&self.server.setup.archives, name),
            _ => None,
        }
    }

    /// Starts the reader on `channel` (which has a pty), on archive `i`;
    /// `chosen`: in the chooser, which the reader's `q` goes back to.
    pub(super) fn start_reader(&mut self, channel: ChannelId, i: usize, chosen: bool) {
        let Some(c) = self.channels.get(&channel) else {
            return;
        };
        let (Some(pty), Some(reader)) = (c.pty.clone(), self.reader.clone()) else {
            return;
        };
        let (write, env) = (c.write.clone(), c.env.clone());
        let lang_name = env.lang().pick("zh", "en");
        let size = format!("{}x{}", pty.cols, pty.rows);
        let name = self.server.setup.archives[i].name.clone();
        let fields = [
            ("archive", name.as_str()),
            ("term", &pty.term),
            ("size", &size),
            ("lang", lang_name),
        ];
        self.log("shell", "started", &fields);
        let running = reader::start(self, write, pty, env, reader, (i, chosen));
        if let Some(c) = self.channels.get_mut(&channel) {
            c.running = Some(running);
        }
    }

    /// Opens the chooser on `channel` (which has a pty).
    pub(super) async fn start_chooser(&mut self, channel: ChannelId) {
        let archives = self.server.archives();
        let Some(c) = self.channels.get_mut(&channel) else {
            return;
        };
        let Some(pty) = &c.pty else {
            return;
        };
        let chooser = Chooser::new(&archives, c.env.lang(), (pty.cols, pty.rows));
        let mut frame = choose::ENTER.to_vec();
        frame.extend(chooser.frame());
        c.choosing = Some(chooser);
        let count = archives.len().to_string();
        self.log("shell", "choosing", &[("archives", &count)]);
        self.send(channel, frame).await;
    }

    /// A reader on `channel` that went back to the chooser (`q` on its
    /// list): once the chooser is drawn (waited for, a client that does
    /// not read it aside), it takes the channel's keys and resizes again.
    pub(super) async fn back_from_reader(&mut self, channel: ChannelId) {
        let running = self.channels.get(&channel).and_then(|c| c.running.as_ref());
        let Some(back) = running.map(|r| r.back.clone()).filter(|b| b.going()) else {
            return;
        };
        let chooser = tokio::time::timeout(STALLED, back.chooser()).await;
        if let (Ok(Some(chooser)), Some(c)) = (chooser, self.channels.get_mut(&channel)) {
            c.running = None;
            c.choosing = Some(chooser);
        }
    }

    /// Keys typed in the chooser: it moves, opens an archive or ends.
    pub(super) async fn choosing(&mut self, channel: ChannelId, data: &[u8]) {
        let Some(c) = self.channels.get_mut(&channel) else {
            return;
        };
        let Some(chooser) = c.choosing.as_mut() else {
            return;
        };
        match chooser.input(data) {
            Chosen::Stay => {
                let frame = chooser.frame();
                self.send(channel, frame).await;
            }
            Chosen::Open(i) => {
                c.choosing = None;
                self.send(channel, choose::WIPE.to_vec()).await;
                self.start_reader(channel, i, true);
            }
            Chosen::Leave => {
                c.choosing = None;
                let write = c.write.clone();
                self.send(channel, choose::LEAVE.to_vec()).await;
                tokio::spawn(async move { write.finish(0).await });
            }
        }
    }

    /// The window changed under the chooser: drawn again at its size.
    pub(super) async fn chooser_resized(&mut self, channel: ChannelId, cols: u32, rows: u32) {
        let max = self.server.limits().max_size;
        let Some(chooser) = (self.channels.get_mut(&channel)).and_then(|c| c.choosing.as_mut())
        else {
            return;
        };
        let (w, h) = reader::clamp(cols, rows, max);
        chooser.resize(w, h);
        let frame = chooser.frame();
        self.send(channel, frame).await;
    }

    /// Sends the chooser's bytes, as the client's window allows; a client
    /// that does not read for [`STALLED`] has its channel closed.
    async fn send(&mut self, channel: ChannelId, bytes: Vec<u8>) {
        let Some(write) = self.channels.get(&channel).map(|c| c.write.clone()) else {
            return;
        };
        let sent = tokio::time::timeout(STALLED, write.data_bytes(bytes)).await;
        if !matches!(sent, Ok(Ok(()))) {
            self.log("shell", "closed: client stopped reading", &[]);
            if let Some(c) = self.channels.get_mut(&channel) {
                c.choosing = None;
            }
            tokio::spawn(async move { write.finish(0).await });
        }
    }
}
