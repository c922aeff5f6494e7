//! One connection: who it is (public key, or anonymous), and what it asks
//! of its channels. A session channel gets the reader (with a pty), one
//! of the read-only commands (exec), or a refusal; everything else (port
//! forwarding, agent and X11 forwarding, subsystems such as sftp,
//! passwords) is refused and logged.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, Session};
use russh::{Channel, ChannelId};

use super::choose::Chooser;
use super::reader::{self, Env, Pty};
use super::{Server, Who, outlet};

mod choosing;
mod state;

/// Who a connection authenticated as.
#[derive(Debug, Clone)]
pub struct Reader {
    pub name: String,
    /// The key's fingerprint (`SHA256:...`); `None` when anonymous.
    pub fingerprint: Option<String>,
    /// Where this reader's state is kept; `None`: for the session only.
    pub state_dir: Option<std::path::PathBuf>,
}

/// What a session channel has asked for so far.
pub struct Chan {
    pub write: Arc<outlet::Outlet>,
    pub pty: Option<Pty>,
    pub env: Env,
    /// The reader running on it, once started.
    pub running: Option<reader::Running>,
    /// The archive chooser, before the reader starts (several served).
    pub choosing: Option<Chooser>,
    /// A shell, an exec or a subsystem was asked for (only one may be).
    pub started: bool,
}

/// One connection's handler.
pub struct Conn {
    pub server: Arc<Server>,
    pub peer: SocketAddr,
    pub reader: Option<Reader>,
    authed: Arc<AtomicBool>,
    channels: HashMap<ChannelId, Chan>,
    failures: u32,
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        Ok(match self.server.setup.who {
            Who::Anonymous => self.accept(self.anonymous(), user),
            // OpenSSH asks with `none` first to learn the methods: not a
            // failed attempt.
            Who::Keys(_) => Auth::reject(),
        })
    }

    async fn auth_password(&mut self, user: &str, _: &str) -> Result<Auth, Self::Error> {
        Ok(self.reject("password", user))
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: russh::server::PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(match self.server.setup.who {
            Who::Anonymous => Auth::Accept,
            Who::Keys(_) if self.known(offer.public_key).is_some() => Auth::Accept,
            Who::Keys(_) => self.reject("publickey (unknown key)", user),
        })
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(match (&self.server.setup.who, self.known(key.public_key)) {
            (_, Some(reader)) => self.accept(reader, user),
            (Who::Anonymous, None) => self.accept(self.anonymous(), user),
            (Who::Keys(_), None) => self.reject("publickey", user),
        })
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _: &str,
        _: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        Ok(self.reject("keyboard-interactive", user))
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        self.channels.retain(|_, c| !c.write.ended());
        if self.channels.len() >= self.server.limits().channels_per_connection {
            self.log("channel", "refused: too many channels", &[]);
            reply
                .reject(russh::ChannelOpenFailure::ResourceShortage)
                .await;
            return Ok(());
        }
        // Input comes through this handler; only the writing half is
        // kept (it waits for the client's window).
        let (read, write) = channel.split();
        drop(read);
        let chan = Chan {
            write: Arc::new(outlet::Outlet::new(write)),
            pty: None,
            env: Env::default(),
            running: None,
            choosing: None,
            started: false,
        };
        self.channels.insert(chan.write.id(), chan);
        reply.accept().await;
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _: Channel<Msg>,
        host: &str,
        port: u32,
        _: &str,
        _: u32,
        reply: ChannelOpenHandle,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        self.log("forward", "refused", &[("to", &format!("{host}:{port}"))]);
        reply
            .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn tcpip_forward(
        &mut self,
        address: &str,
        port: &mut u32,
        _: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.log(
            "remote-forward",
            "refused",
            &[("at", &format!("{address}:{port}"))],
        );
        Ok(false)
    }

    async fn agent_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.refuse_request(channel, "agent forwarding", session);
        Ok(false)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _: bool,
        _: &str,
        _: &str,
        _: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_request(channel, "x11 forwarding", session);
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse_request(channel, &format!("subsystem {name}"), session);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let max = self.server.limits().max_size;
        match self.channels.get_mut(&channel) {
            Some(c) if !c.started => {
                c.pty = Some(Pty::new(term, cols, rows, max));
                let _ = session.channel_success(channel);
            }
            _ => self.refuse_request(channel, "pty", session),
        }
        Ok(())
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(c) = self.channels.get_mut(&channel) {
            c.env.set(name, value);
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        let max = self.server.limits().max_size;
        self.back_from_reader(channel).await;
        if let Some(c) = self.channels.get_mut(&channel) {
            let (w, h) = reader::clamp(cols, rows, max);
            if let Some(p) = c.pty.as_mut() {
                (p.cols, p.rows) = (w, h);
            }
            if let Some(r) = &c.running {
                r.resize(w, h);
            }
        }
        self.chooser_resized(channel, cols, rows).await;
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let lang = self.lang_of(channel);
        let Some(c) = self.channels.get_mut(&channel).filter(|c| !c.started) else {
            self.refuse_request(channel, "second shell", session);
            return Ok(());
        };
        c.started = true;
        let _ = session.channel_success(channel);
        if c.pty.is_none() {
            let write = c.write.clone();
            self.log("shell", "refused: no pty", &[]);
            outlet::no_pty(write, lang, &self.server.setup.archives);
            return Ok(());
        }
        match self.server.setup.archives.len() {
            1 => self.start_reader(channel, 0, false),
            _ => self.start_chooser(channel).await,
        }
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(c) = self.channels.get_mut(&channel).filter(|c| !c.started) else {
            self.refuse_request(channel, "second command", session);
            return Ok(());
        };
        c.started = true;
        let _ = session.channel_success(channel);
        let line = String::from_utf8_lossy(data).into_owned();
        let (write, pty, lang) = (c.write.clone(), c.pty.is_some(), c.env.lang());
        if let Some(archive) = self.archive_named(&line) {
            match pty {
                true => self.start_reader(channel, archive, false),
                false => {
                    self.log("exec", "refused: no pty", &[("command", &line)]);
                    outlet::no_pty(write, lang, &self.server.setup.archives);
                }
            }
            return Ok(());
        }
        self.log("exec", "started", &[("command", &line)]);
        outlet::exec(self, write, line, lang, pty);
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        self.back_from_reader(channel).await;
        if let Some(r) = self.channels.get(&channel).and_then(|c| c.running.as_ref()) {
            r.input(data);
        } else {
            self.choosing(channel, data).await;
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(r) = self.channels.get(&channel).and_then(|c| c.running.as_ref()) {
            r.feed.close();
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        if let Some(mut c) = self.channels.remove(&channel)
            && let Some(r) = c.running.take()
        {
            r.feed.close();
        }
        Ok(())
    }
}
