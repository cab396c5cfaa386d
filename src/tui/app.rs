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
use super::billing::BillingView;
use super::conflict::Conflict;
use super::effect::Effect;
use super::form::Form;
use super::keymap::{Keymap, Screen};
use super::list::ListState;
use super::popup::{self, Popup};
use super::profile::Profile;
use super::team::TeamView;
use super::theme::Theme;
use super::work::WorkView;
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
    pub(crate) list: ListState,
    pub(crate) profile: Option<Profile>,
    pub(crate) form: Option<Form>,
    pub(crate) conflict: Option<Conflict>,
    pub(crate) popup: Option<Popup>,
    pub(crate) status: Option<Status>,
    pub(crate) saving: Option<Saving>,
    /// The feed of live changes is down.
    pub(crate) offline: bool,
    /// The team screen, while open.
    pub(crate) team_view: Option<TeamView>,
    /// The wholesale billing screen, while open.
    pub(crate) billing: Option<BillingView>,
    /// The work view, while open.
    pub(crate) work: Option<WorkView>,
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
            profile: None,
            form: None,
            conflict: None,
            popup: None,
            status: None,
            saving: None,
            offline: false,
            team_view: None,
            billing: None,
            work: None,
        }
    }

    /// The requests that fill the first screen.
    pub(crate) fn start(&mut self) -> Vec<Effect> {
        let mut fx = Vec::new();
        list::refresh(self, &mut fx);
        fx
    }

    /// Which keymap screen has the keyboard now.
    pub(crate) fn screen(&self) -> Screen {
        match &self.popup {
            Some(Popup::Help { .. }) => return Screen::Help,
            Some(Popup::Menu(_)) => return Screen::Popup,
            Some(Popup::Confirm(_)) => return Screen::Confirm,
            Some(Popup::PickClient(_)) => return Screen::Picker,
            None => {}
        }
        if self.conflict.is_some() {
            Screen::Conflict
        } else if self.form.is_some() || self.member_form_open() {
            Screen::Form
        } else if self.profile.is_some() {
            Screen::Profile
        } else if self.billing.is_some() {
            Screen::Billing
        } else if self.work.is_some() {
            Screen::Work
        } else if self.team_view.is_some() {
            Screen::Team
        } else if self.list.search_focused {
            Screen::Search
        } else {
            Screen::List
        }
    }

    /// True while the team screen's member form is open (and no client
    /// form over it).
    pub(crate) fn member_form_open(&self) -> bool {
        self.form.is_none() && self.team_view.as_ref().is_some_and(|t| t.form.is_some())
    }

    /// The keymap in use.
    pub(crate) fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// True while a form holds changes that are not saved.
    pub fn has_unsaved_form(&self) -> bool {
        self.form.as_ref().is_some_and(|f| f.is_dirty())
    }

    /// True when the open form changed since its draft was last kept.
    pub fn draft_pending(&self) -> bool {
        self.form.as_ref().is_some_and(|f| f.draft_pending) || team::form::draft_pending(self)
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
        Action::Today(date) => app.today = date,
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
        Action::Input(request) => match app.screen() {
            Screen::Form if app.member_form_open() => team::form::input(app, request),
            Screen::Form => form::input(app, request),
            Screen::Search => list::search_input(app, request, &mut fx),
            Screen::Picker => popup::pick::input(app, request, &mut fx),
            _ => {}
        },
        Action::Char(c) => match app.screen() {
            Screen::Popup | Screen::Confirm => popup::char(app, c, &mut fx),
            _ => {}
        },
        Action::Paste(text) => match app.screen() {
            Screen::Form if app.member_form_open() => team::form::paste(app, &text),
            Screen::Form => form::paste(app, &text),
            Screen::Search => list::search_paste(app, &text, &mut fx),
            Screen::Picker => popup::pick::paste(app, &text, &mut fx),
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
    match app.screen() {
        Screen::Help | Screen::Popup | Screen::Confirm | Screen::Picker => {
            popup::command(app, command, fx)
        }
        Screen::Conflict => conflict::command(app, command, fx),
        Screen::Form if app.member_form_open() => team::form::command(app, command, fx),
        Screen::Form => form::command(app, command, fx),
        Screen::Profile => profile::command(app, command, fx),
        Screen::Team => team::command(app, command, fx),
        Screen::Billing => billing::command(app, command, fx),
        Screen::Work => work::command(app, command, fx),
        Screen::Search | Screen::List | Screen::Global => list::command(app, command, fx),
    }
}

/// Leaves the app, asking first when a form holds unsaved changes.
pub(crate) fn quit(app: &mut App, fx: &mut Vec<Effect>) {
    let member_form = app.team_view.as_ref().and_then(|t| t.form.as_ref());
    match (&app.form, member_form) {
        (Some(f), _) if f.is_dirty() => {
            let name = f.subject();
            app.popup = Some(Popup::Confirm(popup::Confirm::quit_with_changes(&name)));
        }
        (None, Some(f)) if f.is_dirty() => {
            let text = strings::quit_member_question(&f.subject());
            app.popup = Some(Popup::Confirm(popup::Confirm {
                title: strings::quit_title().to_owned(),
                text,
                yes: strings::quit().to_owned(),
                no: strings::cancel().to_owned(),
                cancel: None,
                on_yes: popup::Then::QuitKeepingDraft,
                on_no: popup::Then::Nothing,
            }));
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
        Outcome::ActiveSet(client) => {
            let text = if client.is_active() {
                strings::reactivated(&client.display_name)
            } else {
                strings::deactivated(&client.display_name)
            };
            app.say(StatusKind::Success, text);
            if let Some(p) = &mut app.profile
                && p.id == client.id
            {
                fx.push(Effect::LoadProfile { id: client.id });
            }
        }
        Outcome::LeadAssigned {
            count,
            lead,
            label,
            asked,
        } => {
            let lead = lead.map(|id| app.member_name(id));
            let text = if asked > 1 {
                strings::leads_assigned(lead.as_deref(), asked, count)
            } else {
                strings::lead_assigned(lead.as_deref(), &label, count)
            };
            app.say(StatusKind::Success, text);
            app.list.marked.clear();
        }
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
        } => {
            match failed {
                None => {
                    app.say(StatusKind::Success, strings::active_set_many(count, active));
                    app.list.marked.clear();
                }
                Some(e) => {
                    let why = strings::failed(
                        &super::action::Op::SetActive {
                            name: String::new(),
                            active,
                        },
                        &e,
                    );
                    app.say(
                        StatusKind::Error,
                        strings::active_set_partly(count, asked, active, &why),
                    );
                }
            }
            list::refresh(app, fx);
        }
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
        Op::Load => {
            // A client that vanished closes the screens that showed it.
            if matches!(error, ApiError::NotFound(_)) {
                app.profile = None;
            }
            app.fail(&op, &error);
        }
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
            if let Some(p) = &mut app.profile
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
    if let Some(p) = &app.profile {
        fx.push(Effect::LoadProfile { id: p.id });
    }
}
