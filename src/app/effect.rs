//! What `App::update` asks the outside world to do. The run loop performs
//! effects (saves on a worker thread, clipboard sequences on the terminal)
//! and reports results back as actions; [`run_inline`] performs them here
//! and now, for tests and for callers without a run loop.

use std::collections::VecDeque;

use super::{Action, App};
use crate::store::SaveJob;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save (or, with `write: false`, re-read) the state file; the outcome
    /// comes back as [`Action::Saved`].
    Save(SaveJob),
    /// Put text on the user's clipboard (already sanitised).
    Copy(String),
}

/// Performs `effects` synchronously: saves run on the store's own saver
/// and their outcomes go straight back through `update`. Returns the text
/// of every copy request, in order.
pub fn run_inline(app: &mut App, effects: Vec<Effect>) -> Vec<String> {
    let mut queue: VecDeque<Effect> = effects.into();
    let mut copies = Vec::new();
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Save(job) => {
                let Some(p) = app.persist.as_mut() else {
                    continue;
                };
                let outcome = p.store.run_job(job);
                queue.extend(app.update(Action::Saved(outcome)));
            }
            Effect::Copy(text) => copies.push(text),
        }
    }
    copies
}

/// `update` then [`run_inline`]: one action with all its consequences.
pub fn update_inline(app: &mut App, action: Action) -> Vec<String> {
    let effects = app.update(action);
    run_inline(app, effects)
}
