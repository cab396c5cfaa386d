//! The imperative shell: the event loop that feeds the app and carries out
//! its effects.
//!
//! Four kinds of news arrive on one channel: terminal input (from a reader
//! thread), answers of the firm (from a worker thread that runs effects,
//! so a slow firm never holds up the keyboard), live changes of the firm
//! (from its subscription), and signals. The loop sleeps until one
//! arrives; the only timer is the draft timer, set while a form holds
//! changes not yet kept. The screen is redrawn after news, never on a tick.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::api::{Event, Firm};

use super::action::{Action, Op, Outcome};
use super::app::{App, update};
use super::effect::Effect;
use super::terminal::Term;
use super::{Options, TuiError};

/// News for the loop.
enum Msg {
    Term(crossterm::event::Event),
    /// The terminal cannot be read any more (the link dropped).
    InputGone,
    Done(Outcome),
    Firm(Event),
    FirmLost,
    FirmBack,
    Signal,
}

/// How long the worker may take to finish queued saves when leaving.
const DRAIN: Duration = Duration::from_secs(5);

/// Runs the app on the terminal until the user quits or a signal arrives.
pub(crate) fn run(firm: Arc<dyn Firm>, mut app: App, options: &Options) -> Result<(), TuiError> {
    let (tx, rx) = mpsc::channel::<Msg>();
    match firm.subscribe() {
        Ok(events) => forward(events, tx.clone()),
        Err(_) => app.offline = true,
    }
    let signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT]).map_err(TuiError::Terminal)?;
    let handle = signals.handle();
    spawn_signals(signals, tx.clone());
    let (jobs, worker) = spawn_worker(Arc::clone(&firm), tx.clone()).map_err(TuiError::Terminal)?;
    let mut term = Term::enter(options.mouse).map_err(TuiError::Terminal)?;
    spawn_input(tx.clone());

    let size = term.size().map_err(TuiError::Terminal)?;
    let mut shell = Shell {
        firm,
        tx,
        jobs: Some(jobs),
        resubscribing: false,
        exit: false,
    };
    let mut effects = update(
        &mut app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    effects.extend(app.start());
    shell.carry_out(effects, &mut term);
    let mut draft_at: Option<Instant> = None;
    let mut remembered = Some(super::remember::Remembered::of(&app));
    let mut result = Ok(());
    while !shell.exit {
        if let Err(e) = term.draw(&app) {
            // The terminal is gone: keep any unsaved form, then leave.
            let effects = update(&mut app, Action::Stop);
            shell.carry_out(effects, &mut term);
            result = Err(TuiError::Terminal(e));
            break;
        }
        let first = match draft_at {
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(msg) => Some(msg),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            },
            None => match rx.recv() {
                Ok(msg) => Some(msg),
                Err(_) => break,
            },
        };
        // Take everything already waiting before drawing again. Keys are
        // turned into actions one at a time, since each may change the
        // screen that reads the next.
        let mut batch: Vec<Option<Msg>> = vec![first];
        batch.extend(rx.try_iter().map(Some));
        for msg in batch {
            let action = match msg {
                Some(msg) => match shell.action(&app, msg) {
                    Some(action) => action,
                    None => continue,
                },
                None => Action::DraftDue,
            };
            if let Some(today) = today(options)
                && today != app.today
            {
                update(&mut app, Action::Today(today));
            }
            let effects = update(&mut app, action);
            shell.carry_out(effects, &mut term);
            if shell.exit {
                break;
            }
        }
        if let Some(path) = &options.remember {
            let now = super::remember::Remembered::of(&app);
            if remembered.as_ref() != Some(&now) {
                // Best effort: a read-only home only forgets the settings.
                let _ = super::remember::save(path, &now);
                remembered = Some(now);
            }
        }
        draft_at = match (app.draft_pending(), draft_at) {
            (false, _) => None,
            (true, Some(at)) => Some(at),
            (true, None) => Some(Instant::now() + options.draft_every),
        };
    }
    handle.close();
    shell.finish(worker);
    drop(term);
    result
}

/// Today's date by the clock, unless the options fix it.
fn today(options: &Options) -> Option<jiff::civil::Date> {
    match options.today {
        Some(_) => None,
        None => Some(Timestamp::now().to_zoned(options.time_zone.clone()).date()),
    }
}

struct Shell {
    firm: Arc<dyn Firm>,
    tx: Sender<Msg>,
    jobs: Option<Sender<Effect>>,
    resubscribing: bool,
    exit: bool,
}

impl Shell {
    /// Turns news into an action for the app.
    fn action(&mut self, app: &App, msg: Msg) -> Option<Action> {
        match msg {
            Msg::Term(event) => app.keymap().translate(app.screen(), &event),
            Msg::InputGone | Msg::Signal => Some(Action::Stop),
            Msg::Done(outcome) => Some(Action::Done(outcome)),
            Msg::Firm(event) => Some(Action::Firm(event)),
            Msg::FirmLost => Some(Action::FirmLost),
            Msg::FirmBack => {
                self.resubscribing = false;
                Some(Action::FirmBack)
            }
        }
    }

    /// Sends firm requests to the worker and handles the shell's own.
    fn carry_out(&mut self, effects: Vec<Effect>, term: &mut Term) {
        for effect in effects {
            match effect {
                Effect::Exit => self.exit = true,
                Effect::Redraw => {
                    let _ = term.repaint();
                }
                Effect::Resubscribe => self.resubscribe(),
                Effect::Clipboard(text) => {
                    let _ = term.copy(&text);
                }
                other => {
                    if let Some(jobs) = &self.jobs {
                        let _ = jobs.send(other);
                    }
                }
            }
        }
    }

    /// Tries to subscribe again, backing off, until the firm answers.
    fn resubscribe(&mut self) {
        if self.resubscribing {
            return;
        }
        self.resubscribing = true;
        let firm = Arc::clone(&self.firm);
        let tx = self.tx.clone();
        thread::spawn(move || {
            let mut wait = Duration::from_secs(1);
            loop {
                thread::sleep(wait);
                if let Ok(events) = firm.subscribe() {
                    if tx.send(Msg::FirmBack).is_ok() {
                        forward(events, tx);
                    }
                    return;
                }
                wait = (wait * 2).min(Duration::from_secs(30));
            }
        });
    }

    /// Lets the worker finish what is queued (saves, drafts), for a while.
    fn finish(&mut self, worker: Receiver<()>) {
        self.jobs = None;
        let _ = worker.recv_timeout(DRAIN);
    }
}

/// Forwards the firm's live changes, then says when they stop.
fn forward(events: Receiver<Event>, tx: Sender<Msg>) {
    thread::spawn(move || {
        for e in events {
            if tx.send(Msg::Firm(e)).is_err() {
                return;
            }
        }
        let _ = tx.send(Msg::FirmLost);
    });
}

/// Reads the terminal on its own thread.
fn spawn_input(tx: Sender<Msg>) {
    thread::spawn(move || {
        loop {
            match crossterm::event::read() {
                Ok(e) => {
                    if tx.send(Msg::Term(e)).is_err() {
                        return;
                    }
                }
                Err(_) => {
                    let _ = tx.send(Msg::InputGone);
                    return;
                }
            }
        }
    });
}

/// Turns SIGTERM, SIGHUP, SIGINT and SIGQUIT into an orderly exit.
/// A second signal while the first is handled leaves at once.
fn spawn_signals(mut signals: Signals, tx: Sender<Msg>) {
    thread::spawn(move || {
        let mut seen = false;
        for _ in signals.forever() {
            if seen {
                super::terminal::restore();
                std::process::exit(1);
            }
            seen = true;
            let _ = tx.send(Msg::Signal);
        }
    });
}

/// Runs firm requests one after another, in order, off the UI thread.
/// The returned receiver hears when the worker has finished everything.
fn spawn_worker(
    firm: Arc<dyn Firm>,
    tx: Sender<Msg>,
) -> std::io::Result<(Sender<Effect>, Receiver<()>)> {
    let (jobs, queue) = mpsc::channel::<Effect>();
    let (done_tx, done) = mpsc::channel();
    // The worker words its own failures in the user's language too.
    let lang = super::lang::lang();
    let spawned = thread::Builder::new()
        .name(super::terminal::WORKER_THREAD.to_owned())
        .spawn(move || {
            super::lang::set_lang(lang);
            while let Ok(first) = queue.recv() {
                let mut batch = vec![first];
                batch.extend(queue.try_iter());
                for effect in without_stale_queries(batch) {
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        effect.perform(&*firm)
                    }))
                    .unwrap_or(Some(Outcome::Failed {
                        op: Op::Query,
                        error: crate::api::ApiError::AppFault,
                    }));
                    if let Some(outcome) = outcome {
                        let _ = tx.send(Msg::Done(outcome));
                    }
                }
            }
            let _ = done_tx.send(());
        });
    spawned.map(|_| (jobs, done))
}

/// Drops list queries (and client picker queries) that a later one of the
/// same kind in the batch makes pointless (the app only uses the answer
/// to its latest), keeping everything else in order.
fn without_stale_queries(batch: Vec<Effect>) -> Vec<Effect> {
    let is_list = |e: &Effect| matches!(e, Effect::Query { .. });
    let is_pick = |e: &Effect| matches!(e, Effect::PickClients { .. });
    let last_list = batch.iter().rposition(is_list);
    let last_pick = batch.iter().rposition(is_pick);
    batch
        .into_iter()
        .enumerate()
        .filter(|(i, e)| {
            (!is_list(e) || Some(*i) == last_list) && (!is_pick(e) || Some(*i) == last_pick)
        })
        .map(|(_, e)| e)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ViewQuery;

    #[test]
    fn only_the_latest_query_of_a_batch_runs() {
        let q = |seq| Effect::Query {
            seq,
            query: ViewQuery::default(),
        };
        let pick = |seq| Effect::PickClients {
            seq,
            query: ViewQuery::default(),
        };
        let kept = without_stale_queries(vec![
            q(1),
            pick(1),
            Effect::LoadTeam,
            q(2),
            pick(2),
            Effect::DiscardDraft(3),
            q(3),
        ]);
        let seqs: Vec<String> = kept
            .iter()
            .map(|e| match e {
                Effect::Query { seq, .. } => format!("q{seq}"),
                Effect::PickClients { seq, .. } => format!("p{seq}"),
                Effect::LoadTeam => "team".into(),
                _ => "other".into(),
            })
            .collect();
        assert_eq!(seqs, ["team", "p2", "other", "q3"]);
    }
}
