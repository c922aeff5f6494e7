//! A connection's own state: who it is (a known key, or anonymous), its
//! log lines, and its channels let go when it ends.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use russh::ChannelId;
use russh::keys::PublicKey;
use russh::server::{Auth, Session};

use super::{Conn, Reader};
use crate::lang::Lang;
use crate::serve::{Server, Who, keys};

impl Conn {
    pub(in crate::serve) fn new(
        server: Arc<Server>,
        peer: SocketAddr,
        authed: Arc<AtomicBool>,
    ) -> Conn {
        Conn {
            server,
            peer,
            reader: None,
            authed,
            channels: HashMap::new(),
            failures: 0,
        }
    }

    /// A log line for this connection.
    pub fn log(&self, event: &str, result: &str, more: &[(&str, &str)]) {
        let (name, key) = match &self.reader {
            Some(r) => (r.name.as_str(), r.fingerprint.as_deref().unwrap_or("-")),
            None => ("-", "-"),
        };
        let mut fields = vec![
            ("key", key),
            ("reader", name),
            ("event", event),
            ("result", result),
        ];
        fields.extend_from_slice(more);
        self.server.setup.log.event(Some(self.peer), &fields);
    }

    pub(super) fn accept(&mut self, reader: Reader, user: &str) -> Auth {
        self.reader = Some(reader);
        self.authed.store(true, Ordering::SeqCst);
        self.log("auth", "accepted", &[("user", user)]);
        Auth::Accept
    }

    pub(super) fn reject(&mut self, method: &str, user: &str) -> Auth {
        self.failures += 1;
        self.log("auth", "refused", &[("method", method), ("user", user)]);
        Auth::reject()
    }

    pub(super) fn anonymous(&self) -> Reader {
        Reader {
            name: "anonymous".into(),
            fingerprint: None,
            state_dir: None,
        }
    }

    pub(super) fn known(&self, key: &PublicKey) -> Option<Reader> {
        let Who::Keys(allowed) = &self.server.setup.who else {
            return None;
        };
        let found = allowed
            .iter()
            .find(|a| a.key.key_data() == key.key_data())?;
        let dir = self.server.setup.readers_dir.as_ref();
        Some(Reader {
            name: found.name.clone(),
            fingerprint: Some(keys::fingerprint(key)),
            state_dir: dir.map(|d| d.join(keys::fingerprint_hex(key))),
        })
    }

    /// The language the client's environment asks for.
    pub(super) fn lang_of(&self, channel: ChannelId) -> Lang {
        self.channels
            .get(&channel)
            .map_or(Lang::En, |c| c.env.lang())
    }

    pub(super) fn refuse_request(&self, channel: ChannelId, what: &str, session: &mut Session) {
        self.log("request", "refused", &[("what", what)]);
        let _ = session.channel_failure(channel);
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        for c in self.channels.values_mut() {
            if let Some(r) = c.running.take() {
                r.feed.close();
            }
        }
    }
}
