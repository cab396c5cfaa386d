//! The team screen: every member with their login, email, role, whether
//! active, and how many clients they lead; below, the team's history.
//!
//! Admins add and edit members in a small form ([`form`]), deactivate
//! and reactivate them. A member who still leads clients cannot be
//! deactivated until those clients have another lead, so cabinet offers
//! to give them all to another member first, in the same step. Everyone
//! else sees the same screen, read only, with a note saying so.

pub(crate) mod form;
pub(crate) mod form_view;
pub(crate) mod requests;
pub(crate) mod view;

use crate::api::ApiError;
use crate::model::text::fold;
use crate::model::{AuditEntry, Draft, Member, MemberId};

use super::action::{Command, Task};
use super::app::{App, StatusKind};
use super::effect::Effect;
use super::popup::{self, Choice, Confirm, Item, Menu, Popup, Then};
use super::stack::Layer;
use super::{billing, layout, strings};

pub(crate) use crate::model::LeadCount;

/// The open team screen.
#[derive(Debug, Clone, Default)]
pub(crate) struct TeamView {
    /// Active members first, then by name.
    pub(crate) members: Vec<Member>,
    pub(crate) leads: Vec<LeadCount>,
    /// The team's history, oldest first.
    pub(crate) history: Vec<AuditEntry>,
    pub(crate) selected: usize,
    /// The selected member, kept across reloads.
    pub(crate) selected_id: Option<MemberId>,
    /// True once the first answer arrived.
    pub(crate) loaded: bool,
}

impl TeamView {
    /// The selected member.
    pub(crate) fn selected(&self) -> Option<&Member> {
        self.members.get(self.selected)
    }

    /// How many clients a member leads.
    pub(crate) fn leads_of(&self, id: MemberId) -> LeadCount {
        self.leads
            .iter()
            .find(|l| l.member == id)
            .copied()
            .unwrap_or(LeadCount {
                member: id,
                ..LeadCount::default()
            })
    }

    /// A member's name, from this screen's fresh copy of the team.
    pub(crate) fn name_of(&self, id: MemberId) -> Option<&str> {
        self.members
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.name.as_str())
    }
}

/// Opens the team screen (in place of the billing screen, if open: see
/// [`super::stack`]).
pub(crate) fn open(app: &mut App, fx: &mut Vec<Effect>) {
    app.stack.push(Layer::Team(Box::default()));
    fx.push(Effect::LoadTeamScreen);
}

/// Reloads the team screen, if open (the team or the clients changed).
pub(crate) fn refresh(app: &App, fx: &mut Vec<Effect>) {
    if app.stack.team().is_some() {
        fx.push(Effect::LoadTeamScreen);
    }
}

/// The team screen's data arrived.
pub(crate) fn loaded(
    app: &mut App,
    mut members: Vec<Member>,
    leads: Vec<LeadCount>,
    history: Vec<AuditEntry>,
    draft: Option<Draft>,
) {
    let form_open = app.stack.member_form().is_some();
    let Some(t) = app.stack.team_mut() else {
        return;
    };
    // A member form left unsaved is offered back once, when the screen
    // first opens.
    let offer = draft.filter(|_| !t.loaded && !form_open);
    members.sort_by_cached_key(|m| (!m.active, fold(&m.name), m.id));
    let keep = t.selected_id.or_else(|| t.selected().map(|m| m.id));
    t.members = members;
    t.leads = leads;
    t.history = history;
    t.loaded = true;
    t.selected = keep
        .and_then(|id| t.members.iter().position(|m| m.id == id))
        .unwrap_or(t.selected)
        .min(t.members.len().saturating_sub(1));
    t.selected_id = t.selected().map(|m| m.id);
    if let Some(d) = offer
        && app.me.is_admin()
        && app.stack.popup().is_none()
    {
        app.stack
            .set_popup(Popup::Confirm(Confirm::restore_member_draft(d)));
    }
}

/// The team screen's keys.
pub(crate) fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let Some(t) = app.stack.team_mut() else {
        return;
    };
    let last = t.members.len().saturating_sub(1);
    let to = match command {
        Command::Down => Some((t.selected + 1).min(last)),
        Command::Up => Some(t.selected.saturating_sub(1)),
        Command::Top => Some(0),
        Command::Bottom => Some(last),
        _ => None,
    };
    if let Some(to) = to {
        t.selected = to;
        t.selected_id = t.selected().map(|m| m.id);
        return;
    }
    match command {
        Command::Add => add(app),
        Command::Edit => {
            if let Some(m) = chosen(app) {
                form::open(app, m);
            }
        }
        Command::Deactivate => deactivate(app),
        Command::Reactivate => reactivate(app, fx),
        Command::Billing => billing::open(app, fx),
        Command::Help => popup::help(app),
        Command::Back => {
            app.stack.take_team();
        }
        _ => {}
    }
}

/// True for an admin; otherwise says why nothing happens.
fn admin(app: &mut App) -> bool {
    if app.me.is_admin() {
        return true;
    }
    app.say(StatusKind::Error, strings::only_admins_team());
    false
}

/// Opens the form on a new member.
fn add(app: &mut App) {
    if admin(app) {
        form::open(app, Member::new("", ""));
    }
}

/// The selected member, for an admin's action.
fn chosen(app: &mut App) -> Option<Member> {
    if !admin(app) {
        return None;
    }
    let m = app.stack.team().and_then(|t| t.selected().cloned());
    if m.is_none() {
        app.say(StatusKind::Info, strings::no_member_selected());
    }
    m
}

/// Asks before deactivating the selected member; one who leads clients
/// is first asked to whom those clients go.
fn deactivate(app: &mut App) {
    let Some(m) = chosen(app) else { return };
    if !m.active {
        return app.say(StatusKind::Info, strings::member_already(&m.name, false));
    }
    let Some(t) = app.stack.team() else { return };
    let admins = t
        .members
        .iter()
        .filter(|x| x.active && x.is_admin())
        .count();
    let count = t.leads_of(m.id).all();
    let others: Vec<(MemberId, String)> = t
        .members
        .iter()
        .filter(|x| x.active && x.id != m.id)
        .map(|x| (x.id, crate::tui::strings::member_choice(&x.name, &x.login)))
        .collect();
    if m.is_admin() && admins <= 1 {
        return app.say(StatusKind::Error, strings::last_admin(&m.name));
    }
    if count == 0 {
        let text = strings::deactivate_question(&m.name);
        return ask_deactivate(app, m, None, text, strings::deactivate());
    }
    let reassign = |to: Option<MemberId>| Choice::Reassign {
        member: Box::new(m.clone()),
        to,
        count,
    };
    let mut items = vec![Item::new(strings::nobody(), None, reassign(None))];
    for (id, label) in others {
        items.push(Item::new(label, None, reassign(Some(id))));
    }
    // The first member is the likely choice; "no lead" comes first.
    let selected = usize::from(items.len() > 1);
    app.stack.set_popup(Popup::Menu(Menu {
        title: strings::reassign_title(&m.name, count),
        items,
        selected,
        stay_open: false,
    }));
}

/// The member who takes the clients was chosen: ask once more, naming
/// both steps.
pub(crate) fn reassign_chosen(app: &mut App, member: Member, to: Option<MemberId>, count: usize) {
    let to_name = to.map(|id| app.member_name(id));
    let text = strings::reassign_question(&member.name, count, to_name.as_deref());
    let yes = strings::reassign_and_deactivate();
    ask_deactivate(app, member, Some(to), text, yes);
}

/// Asks once before a member is deactivated, their clients first given
/// to `reassign`'s member when set.
fn ask_deactivate(
    app: &mut App,
    member: Member,
    reassign: Option<Option<MemberId>>,
    text: String,
    yes: &str,
) {
    app.stack.set_popup(Popup::Confirm(Confirm::or_cancel(
        strings::deactivate_title(),
        text,
        yes,
        Then::DeactivateMember {
            member: Box::new(member),
            reassign,
        },
    )));
}

fn reactivate(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(m) = chosen(app) else { return };
    if m.active {
        return app.say(StatusKind::Info, strings::member_already(&m.name, true));
    }
    fx.push(Effect::SaveMember(Box::new(Member { active: true, ..m })));
}

/// A member was saved: close the form, say what changed, reload.
pub(crate) fn saved(
    app: &mut App,
    member: Member,
    created: bool,
    moved: Option<(usize, Option<MemberId>)>,
    fx: &mut Vec<Effect>,
) {
    let before = app
        .stack
        .team()
        .and_then(|t| t.members.iter().find(|m| m.id == member.id))
        .map(|m| m.active);
    let text = if created {
        strings::member_added(&member.name, &member.login, member.role)
    } else if before == Some(true) && !member.active {
        let to = moved.map(|(n, to)| (n, to.map(|id| app.member_name(id))));
        let to = to.as_ref().map(|(n, to)| (*n, to.as_deref()));
        strings::member_deactivated(&member.name, to)
    } else if before == Some(false) && member.active {
        strings::member_reactivated(&member.name)
    } else {
        strings::member_saved(&member.name, &member.login)
    };
    app.say(StatusKind::Success, text);
    if app
        .stack
        .member_form()
        .is_some_and(|f| f.base.id == member.id || created)
        && app.stack.take_member_form().is_some_and(|f| f.owns_draft)
    {
        fx.push(Effect::DiscardDraft(crate::model::TEAM_DRAFT));
    }
    if let Some(t) = app.stack.team_mut() {
        t.selected_id = Some(member.id);
    }
    if member.id == app.me.id {
        app.me = member;
    }
    fx.push(Effect::LoadTeam);
    refresh(app, fx);
}

/// A team request failed: the store's objections go on the form's
/// fields; anything else is said, and the screen reloaded.
pub(crate) fn failed(app: &mut App, task: Task, error: ApiError, fx: &mut Vec<Effect>) {
    if let Some(f) = app.stack.member_form_mut() {
        f.saving = false;
        if let (Task::SaveMember { .. }, ApiError::Invalid(errors)) = (&task, &error) {
            f.tried = true;
            f.store_errors(errors);
        }
    }
    app.say(StatusKind::Error, strings::task_failed(&task, &error));
    if !matches!(task, Task::LoadTeam | Task::SaveMember { .. }) {
        refresh(app, fx);
    }
}

/// A click on the team screen: selects a member, or edits the selected
/// one.
pub(crate) fn click(app: &mut App, row: u16, fx: &mut Vec<Effect>) {
    let body = layout::chrome(app.area).body;
    let Some(t) = app.stack.team() else { return };
    let Some(index) = view::member_at(app, t, body, row) else {
        return;
    };
    if index == t.selected {
        command(app, Command::Edit, fx);
    } else if let Some(t) = app.stack.team_mut() {
        t.selected = index;
        t.selected_id = t.selected().map(|m| m.id);
    }
}

/// The header's counts while the team screen shows.
pub(crate) fn counts(t: &TeamView) -> String {
    let active = t.members.iter().filter(|m| m.active).count();
    let admins = t
        .members
        .iter()
        .filter(|m| m.active && m.is_admin())
        .count();
    strings::team_counts(active, admins)
}
