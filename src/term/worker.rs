//! The save worker: a thread that runs the store's [`Saver`], so a slow
//! disk or a lock held by another reader never freezes the screen. Jobs go
//! in over a channel; outcomes come back over another, and a `Wake` event
//! on the input channel tells the run loop to collect them.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use crate::app::Event;
use crate::store::{SaveJob, SaveOutcome, Saver};

pub struct SaveWorker {
    jobs: Option<Sender<SaveJob>>,
    done: Receiver<SaveOutcome>,
    thread: Option<JoinHandle<()>>,
    /// Jobs sent whose outcome has not been collected.
    out: usize,
}

impl SaveWorker {
    /// Starts the thread; `wake` (if any) gets an [`Event::Wake`] after
    /// each job.
    pub fn spawn(mut saver: Saver, wake: Option<Sender<Event>>) -> SaveWorker {
        let (jobs, inbox) = channel::<SaveJob>();
        let (outbox, done) = channel();
        let thread = std::thread::spawn(move || {
            for job in inbox {
                if outbox.send(saver.run(job)).is_err() {
                    return;
                }
                if let Some(w) = &wake {
                    let _ = w.send(Event::Wake);
                }
            }
        });
        SaveWorker {
            jobs: Some(jobs),
            done,
            thread: Some(thread),
            out: 0,
        }
    }

    pub fn submit(&mut self, job: SaveJob) {
        if let Some(jobs) = &self.jobs
            && jobs.send(job).is_ok()
        {
            self.out += 1;
        }
    }

    /// Outcomes that have arrived, without waiting.
    pub fn poll(&mut self) -> Vec<SaveOutcome> {
        let got: Vec<SaveOutcome> = self.done.try_iter().collect();
        self.out -= got.len();
        got
    }

    /// Waits for every job sent so far; their outcomes.
    pub fn wait(&mut self) -> Vec<SaveOutcome> {
        let mut got = Vec::new();
        while self.out > 0 {
            match self.done.recv() {
                Ok(o) => {
                    self.out -= 1;
                    got.push(o);
                }
                Err(_) => break,
            }
        }
        got
    }
}

impl Drop for SaveWorker {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
