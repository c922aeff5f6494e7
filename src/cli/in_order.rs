//! Work on many items over the available cores, each result taken in the
//! items' order as soon as it and every one before it are done: how
//! `bulletin search` writes its articles while later ones are still being
//! read.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

/// Items a thread takes at a time (one message each way per batch, not
/// per item).
const BATCH: usize = 16;
/// Batches done but not yet taken, at most: memory stays flat in the
/// number of items, and a slow item holds up at most this many others.
const AHEAD: usize = 32;

/// The threads to work on: one per core the process may use.
pub(super) fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Calls `work` on every item on `threads` threads and `take` on each
/// result in the items' order. Stops at the first error of `take` (items
/// not yet started are not worked on) and returns it.
pub(super) fn map_in_order<T: Sync, R: Send, E>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    if threads <= 1 || items.len() <= 1 {
        return items.iter().try_for_each(|t| take(work(t)));
    }
    let batches: Vec<&[T]> = items.chunks(BATCH).collect();
    let work = |batch: &&[T]| batch.iter().map(&work).collect::<Vec<R>>();
    batches_in_order(&batches, threads, work, |done| {
        done.into_iter().try_for_each(&mut take)
    })
}

/// [`map_in_order`] over whole batches.
fn batches_in_order<T: Sync, R: Send, E>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    let gate = Gate::default();
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|s| {
        for _ in 0..threads.min(items.len()) {
            let tx = tx.clone();
            let (gate, work) = (&gate, &work);
            s.spawn(move || {
                while let Some(i) = gate.claim(items.len()) {
                    if tx.send((i, work(&items[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let result = take_in_order(rx, &gate, &mut take);
        if result.is_err() {
            gate.stop();
        }
        result
    })
}

/// Receives results and hands them to `take` in order.
fn take_in_order<R, E>(
    rx: mpsc::Receiver<(usize, R)>,
    gate: &Gate,
    take: &mut impl FnMut(R) -> Result<(), E>,
) -> Result<(), E> {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for (i, r) in rx {
        waiting.insert(i, r);
        while let Some(r) = waiting.remove(&next) {
            take(r)?;
            next += 1;
            gate.taken(next);
        }
    }
    Ok(())
}

/// Which item is worked on next, and how far ahead of the results taken
/// the workers may go.
#[derive(Default)]
struct Gate {
    next: AtomicUsize,
    stopped: AtomicBool,
    taken: Mutex<usize>,
    moved: Condvar,
}

impl Gate {
    /// The next item to work on, once it is at most [`AHEAD`] past the
    /// results taken; `None` when all are claimed or the work stopped.
    fn claim(&self, len: usize) -> Option<usize> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        let mut taken = self.taken.lock().unwrap_or_else(PoisonError::into_inner);
        while i >= *taken + AHEAD && !self.stopped.load(Ordering::Relaxed) {
            taken = self
                .moved
                .wait(taken)
                .unwrap_or_else(PoisonError::into_inner);
        }
        (i < len && !self.stopped.load(Ordering::Relaxed)).then_some(i)
    }

    fn taken(&self, n: usize) {
        *self.taken.lock().unwrap_or_else(PoisonError::into_inner) = n;
        self.moved.notify_all();
    }

    fn stop(&self) {
        let _guard = self.taken.lock().unwrap_or_else(PoisonError::into_inner);
        self.stopped.store(true, Ordering::Relaxed);
        self.moved.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_items_order() {
        let items: Vec<usize> = (0..2000).collect();
        for threads in [1, 2, 5] {
            let mut got = Vec::new();
            // Uneven work, so that later items finish first.
            let work = |&i: &usize| {
                let spin = if i % 7 == 0 { 20_000 } else { 10 };
                (0..spin).fold(i, |a, b| a ^ b) ^ (0..spin).fold(0, |a, b| a ^ b)
            };
            map_in_order(&items, threads, work, |r| {
                got.push(r);
                Ok::<(), ()>(())
            })
            .unwrap();
            assert_eq!(got, items, "{threads} threads");
        }
    }

    #[test]
    fn an_error_stops_the_work() {
        let items: Vec<usize> = (0..100_000).collect();
        let done = AtomicUsize::new(0);
        let mut taken = 0;
        let result = map_in_order(
            &items,
            2,
            |_| done.fetch_add(1, Ordering::Relaxed),
            |_| {
                taken += 1;
                if taken == 10 { Err("closed") } else { Ok(()) }
            },
        );
        assert_eq!(result, Err("closed"));
        let most = 10 + (AHEAD + 2) * BATCH;
        assert!(done.load(Ordering::Relaxed) < most, "stopped early");
    }
}
