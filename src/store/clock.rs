//! Where the store's times come from. The store is built with a
//! [`Clock`]: the wall clock for the reader, or one set by hand that a test
//! moves on instead of sleeping. The app never reads a clock; the store
//! it holds asks this one.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Utc};

/// The store's clock, at the millisecond precision the state file keeps.
/// Its times strictly increase (the wall clock's across the process), so
/// two changes made in the same millisecond are still ordered when merged.
/// Clones share the clock.
#[derive(Debug, Clone)]
pub struct Clock(Source);

#[derive(Debug, Clone)]
enum Source {
    Wall,
    /// Set by hand (milliseconds), and the last time given.
    Set(Arc<(AtomicI64, AtomicI64)>),
}

impl Clock {
    /// The system's clock.
    pub fn wall() -> Clock {
        Clock(Source::Wall)
    }

    /// A clock that shows `at` until moved on with [`Clock::advance`]
    /// (each reading still a millisecond after the one before).
    pub fn set(at: DateTime<Utc>) -> Clock {
        let ms = at.timestamp_millis();
        Clock(Source::Set(Arc::new((
            AtomicI64::new(ms),
            AtomicI64::new(i64::MIN),
        ))))
    }

    /// Moves a clock set by hand on by `by` (the wall clock moves itself).
    pub fn advance(&self, by: chrono::Duration) {
        if let Source::Set(c) = &self.0 {
            c.0.fetch_add(by.num_milliseconds(), Ordering::Relaxed);
        }
    }

    /// The time now, after any time this clock gave before.
    pub fn now(&self) -> DateTime<Utc> {
        static WALL_LAST: AtomicI64 = AtomicI64::new(i64::MIN);
        let (t, last) = match &self.0 {
            Source::Wall => (Utc::now().timestamp_millis(), &WALL_LAST),
            Source::Set(c) => (c.0.load(Ordering::Relaxed), &c.1),
        };
        let prev = last
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |l| {
                Some(t.max(l.saturating_add(1)))
            })
            .unwrap_or(t);
        let ms = t.max(prev.saturating_add(1));
        DateTime::from_timestamp_millis(ms).unwrap_or(DateTime::UNIX_EPOCH)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_strictly_increases() {
        for clock in [Clock::wall(), Clock::set(DateTime::UNIX_EPOCH)] {
            let times: Vec<_> = (0..100).map(|_| clock.now()).collect();
            assert!(times.windows(2).all(|w| w[0] < w[1]), "{clock:?}");
        }
    }

    #[test]
    fn a_set_clock_moves_only_when_told_and_clones_share_it() {
        let at = DateTime::from_timestamp_millis(1_700_000_000_000).unwrap();
        let clock = Clock::set(at);
        let other = clock.clone();
        assert_eq!(clock.now(), at);
        assert_eq!(other.now(), at + chrono::Duration::milliseconds(1));
        clock.advance(chrono::Duration::days(1));
        assert_eq!(other.now(), at + chrono::Duration::days(1));
    }
}
