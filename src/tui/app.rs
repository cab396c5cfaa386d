//! The app's state and its update function: the functional core.
//!
//! [`update`] takes the state and one [`Action`] and returns the
//! [`Effect`]s to carry out. It does no I/O and never blocks, so key
//! sequences can be tested without a terminal or a clock. Each screen's
//! own handling lives in its module; this one routes.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use ratatui::layout::Rect;

use crate::api::{ApiError, Event, SessionInfo};
use crate::model::{Client, Member};

use super::action::{Action, Command, Op, Outcome, Task};
use super::effect::Effect;
use super::keymap::{Keymap, Screen};
use super::list::ListState;
use super::popup::{self, Popup};
use super::stack::{Kind, Stack};
use super::theme::Theme;
use super::{billing, conflict, form, list, mouse, profile, strings, team, work};

/// What kind of news the status line carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StatusKind {
    Info,
    Success,
    Warning,
    Error,
}

/// The status line: the outcome of the last action, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Status {
    pub(crate) text: String,
    pub(crate) kind: StatusKind,
}

/// A save on its way to the firm, remembered so that a conflict can show
/// what each side changed.
#[derive(Debug, Clone)]
pub(crate) struct Saving {
    /// The version the change was made on.
    pub(crate) base: Client,
    /// The record as this user wants it.
    pub(crate) mine: Client,
    /// What the status line says when it worked.
    pub(crate) done: String,
}

/// The whole state of the app.
#[derive(Debug)]
pub struct App {
    pub(crate) firm_name: String,
    pub(crate) me: Member,
    pub(crate) team: Vec<Member>,
    pub(crate) today: Date,
    pub(crate) tz: TimeZone,
    pub(crate) theme: Theme,
    pub(crate) keymap: Keymap,
    /// The screen's size, from the last resize.
    pub(crate) area: Rect,
    /// The client list: always there, under every other screen.
    pub(crate) list: ListState,
    /// The screens opened over the list, and the popup; the top one has
    /// the keyboard.
    pub(crate) stack: Stack,
    pub(crate) status: Option<Status>,
    pub(crate) saving: Option<Saving>,
    /// The feed of live changes is down.
    pub(crate) offline: bool,
}

impl App {
    /// A new app for a signed-in session, showing an empty list until the
    /// first page arrives. Call [`App::start`] for the first requests.
    pub(crate) fn new(
        session: SessionInfo,
        team: Vec<Member>,
        keymap: Keymap,
        theme: Theme,
        today: Date,
        tz: TimeZone,
    ) -> App {
        App {
            firm_name: session.firm,
            me: session.me,
            team,
            today,
            tz,
            theme,
            keymap,
            area: Rect::new(0, 0, 80, 24),
            list: ListState::default(),
            stack: Stack::default(),
            status: None,
            saving: None,
            offline: false,
        }
    }

    /// The requests that fill the first screen.
    pub(crate) fn start(&mut self) -> Vec<Effect> {
        let mut fx = Vec::new();
        list::refresh(self, &mut fx);
        fx
    }

    /// Which keymap screen has the keyboard now: the top of the stack's,
    /// or the list's (its search box's, while focused).
    pub(crate) fn screen(&self) -> Screen {
        match self.stack.top() {
            Some(layer) => layer.keys(),
            None if self.list.search_focused => Screen::Search,
            None => Screen::List,
        }
    }

    /// The keymap in use.
    pub(crate) fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// True while a form holds changes that are not saved.
    pub fn has_unsaved_form(&self) -> bool {
        self.stack.client_form().is_some_and(|f| f.is_dirty())
    }

    /// True when the open form changed since its draft was last kept.
    pub fn draft_pending(&self) -> bool {
        self.stack.client_form().is_some_and(|f| f.draft_pending)
            || self.stack.member_form().is_some_and(|f| f.draft_pending)
    }

    /// The status line's text, if any.
    pub(crate) fn status_text(&self) -> Option<&str> {
        self.status.as_ref().map(|s| s.text.as_str())
    }

    /// Sets the status line.
    pub(crate) fn say(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind,
        });
    }

    /// Reports a failed request in words.
    pub(crate) fn fail(&mut self, op: &Op, error: &ApiError) {
        self.say(StatusKind::Error, strings::failed(op, error));
    }

    /// The name of a team member, or a stand-in for one who is gone.
    pub(crate) fn member_name(&self, id: crate::model::MemberId) -> String {
        self.team
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.name.clone())
            .unwrap_or_else(|| strings::unknown_member(id))
    }
}

/// Applies one action to the app and returns what to do next.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    match action {
        Action::Resize { width, height } => {
            app.area = Rect::new(0, 0, width, height);
            list::resized(app, &mut fx);
        }
        Action::Today(date) => {
            app.today = date;
            app.list.measure(date);
        }
        Action::Done(outcome) => done(app, outcome, &mut fx),
        Action::Firm(event) => live(app, event, &mut fx),
        Action::FirmLost => {
            app.offline = true;
            fx.push(Effect::Resubscribe);
        }
        Action::FirmBack => {
            app.offline = false;
            app.say(StatusKind::Success, strings::reconnected());
            reload_everything(app, &mut fx);
        }
        Action::DraftDue => form::draft_due(app, &mut fx),
        Action::Stop => {
            form::keep_draft(app, &mut fx);
            fx.push(Effect::Exit);
        }
        Action::Click { column, row } => mouse::click(app, column, row, &mut fx),
        Action::Scroll { down } => mouse::scroll(app, down, &mut fx),
        Action::Command(command) => {
            app.status = None;
            user_command(app, command, &mut fx);
        }
        Action::Input(request) => match app.stack.top_kind() {
            Kind::MemberForm => team::form::input(app, request),
            Kind::ClientForm => form::input(app, request),
            Kind::List if app.list.search_focused => list::search_input(app, request, &mut fx),
            Kind::Popup => popup::pick::input(app, request, &mut fx),
            _ => {}
        },
        Action::Char(c) => {
            if app.stack.top_kind() == Kind::Popup {
                popup::char(app, c, &mut fx)
            }
        }
        Action::Paste(text) => match app.stack.top_kind() {
            Kind::MemberForm => team::form::paste(app, &text),
            Kind::ClientForm => form::paste(app, &text),
            Kind::List if app.list.search_focused => list::search_paste(app, &text, &mut fx),
            Kind::Popup => popup::pick::paste(app, &text, &mut fx),
            _ => {}
        },
    }
    fx
}

fn user_command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    match command {
        Command::Redraw => return fx.push(Effect::Redraw),
        Command::Quit if app.screen() != Screen::List => return quit(app, fx),
        _ => {}
    }
    // The top screen's own module handles the command.
    match app.stack.top_kind() {
        Kind::Popup => popup::command(app, command, fx),
        Kind::Conflict => conflict::command(app, command, fx),
        Kind::MemberForm => team::form::command(app, command, fx),
        Kind::ClientForm => form::command(app, command, fx),
        Kind::Profile => profile::command(app, command, fx),
        Kind::Team => team::command(app, command, fx),
        Kind::Billing => billing::command(app, command, fx),
        Kind::Work => work::command(app, command, fx),
        Kind::List => list::command(app, command, fx),
    }
}

/// Leaves the app, asking first when a form holds unsaved changes.
pub(crate) fn quit(app: &mut App, fx: &mut Vec<Effect>) {
    match (app.stack.client_form(), app.stack.member_form()) {
        (Some(f), _) if f.is_dirty() => {
            let name = f.subject();
            app.stack
                .set_popup(Popup::Confirm(popup::Confirm::quit_with_changes(&name)));
        }
        (None, Some(f)) if f.is_dirty() => {
            let text = strings::quit_member_question(&f.subject());
            app.stack
                .set_popup(Popup::Confirm(popup::Confirm::or_cancel(
                    strings::quit_title(),
                    text,
                    strings::quit(),
                    popup::Then::QuitKeepingDraft,
                )));
        }
        _ => fx.push(Effect::Exit),
    }
}

fn done(app: &mut App, outcome: Outcome, fx: &mut Vec<Effect>) {
    match outcome {
        Outcome::Page { seq, locate, page } => list::page(app, seq, locate, page, fx),
        Outcome::Profile {
            client,
            audit,
            draft,
        } => profile::loaded(app, *client, audit, draft),
        Outcome::SinRevealed { id, sin, audit } => profile::revealed(app, id, sin, audit),
        Outcome::EditReady { id, current, draft } => {
            form::ready(app, id, current.map(|c| *c), draft.map(|d| *d), fx)
        }
        Outcome::Saved { client, created } => form::saved(app, *client, created, fx),
        Outcome::ActiveSet(client) => list::active_set(app, &client, fx),
        Outcome::LeadAssigned {
            count,
            lead,
            label,
            asked,
        } => list::lead_assigned(app, count, lead, &label, asked),
        Outcome::Team(team) => app.team = team,
        Outcome::TeamScreen {
            members,
            leads,
            history,
            draft,
        } => team::loaded(app, members, leads, history, draft.map(|d| *d)),
        Outcome::MemberSaved {
            member,
            created,
            moved,
        } => team::saved(app, *member, created, moved, fx),
        Outcome::Billing {
            inactive_only,
            report,
        } => billing::loaded(app, inactive_only, report),
        Outcome::Unbilled {
            name,
            product,
            done,
        } => billing::unbilled(app, &name, &product, done, fx),
        Outcome::Work { query, report } => work::loaded(app, query, report),
        Outcome::MarkAll(rows) => list::mark_all(app, rows),
        Outcome::CopyFrom(client) => popup::copy_menu(app, &client),
        Outcome::ActiveSetMany {
            count,
            asked,
            active,
            failed,
        } => list::active_set_many(app, count, asked, active, failed, fx),
        Outcome::Picked { seq, page } => popup::pick::picked(app, seq, page),
        Outcome::SubscriptionBase(client) => billing::subscription_base(app, *client),
        Outcome::Failed { op, error } => failed(app, op, error),
        Outcome::TaskFailed { task, error } => match task {
            Task::LoadTeam | Task::SaveMember { .. } | Task::Deactivate { .. } => {
                team::failed(app, task, error, fx)
            }
            _ => billing::failed(app, task, error, fx),
        },
    }
}

fn failed(app: &mut App, op: Op, error: ApiError) {
    match op {
        Op::Save { .. } => form::save_failed(app, op, error),
        Op::Load => profile::load_failed(app, op, error),
        _ => app.fail(&op, &error),
    }
}

fn live(app: &mut App, event: Event, fx: &mut Vec<Effect>) {
    match event {
        Event::Clients { changed, by } => {
            list::refresh(app, fx);
            billing::refresh(app, fx);
            team::refresh(app, fx);
            work::refresh(app, fx);
            let who = app.member_name(by);
            let mine = by == app.me.id;
            if let Some(p) = app.stack.profile_mut()
                && changed
                    .iter()
                    .any(|(id, v)| *id == p.id && p.version() < *v)
            {
                if !mine && let Some(before) = &p.client {
                    p.changed_by = Some((who, before.clone()));
                }
                fx.push(Effect::LoadProfile { id: p.id });
            }
            if by != app.me.id {
                let who = app.member_name(by);
                form::changed_elsewhere(app, &changed, &who);
            }
        }
        Event::Team => {
            fx.push(Effect::LoadTeam);
            list::refresh(app, fx);
            team::refresh(app, fx);
        }
        Event::Reset => {
            app.offline = false;
            reload_everything(app, fx);
        }
        Event::Disconnected { .. } => app.offline = true,
    }
}

fn reload_everything(app: &mut App, fx: &mut Vec<Effect>) {
    fx.push(Effect::LoadTeam);
    list::refresh(app, fx);
    billing::refresh(app, fx);
    team::refresh(app, fx);
    work::refresh(app, fx);
    if let Some(p) = app.stack.profile() {
        fx.push(Effect::LoadProfile { id: p.id });
    }
}
