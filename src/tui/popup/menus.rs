//! The menus and pick lists: what each offers, built from the app's state
//! (the selected client, the filters in force, the team).

use crate::model::{
    ClientId, ClientKind, DueFilter, LeadFilter, MemberId, ReturnStatus, SortColumn,
};

use super::super::app::{App, StatusKind};
use super::super::strings;
use super::{Choice, Item, Menu, Popup};

/// Opens the help for the screen underneath.
pub(crate) fn help(app: &mut App) {
    let screen = app.screen();
    app.stack.set_popup(Popup::Help { screen, scroll: 0 });
}

/// The actions menu for the selected client (and the marked ones).
pub(crate) fn actions(app: &mut App) {
    let target = match app.stack.profile() {
        Some(p) => p
            .client
            .as_ref()
            .map(|c| (c.id, c.display_name.clone(), c.is_active(), c.lead)),
        None => app
            .list
            .selected_row()
            .map(|r| (r.id, r.name.clone(), r.active, r.lead)),
    };
    let mut items = Vec::new();
    let mut title = strings::actions_title().to_owned();
    let marked = &app.list.marked;
    // With clients marked on the list, the menu is about them first; the
    // selected client's own actions follow under its name.
    if app.stack.profile().is_none() && !marked.is_empty() {
        let ids: Vec<ClientId> = marked.keys().copied().collect();
        title = strings::clients(ids.len());
        items.push(Item::new(
            strings::edit_leads_of_marked(marked.len()),
            Some('l'),
            Choice::ChangeLead {
                ids: ids.clone(),
                label: strings::clients(ids.len()),
                current: None,
            },
        ));
        items.push(Item::new(
            strings::make_marked_inactive(ids.len()),
            Some('x'),
            Choice::SetActiveMany {
                ids: ids.clone(),
                active: false,
            },
        ));
        items.push(Item::new(
            strings::reactivate_marked(ids.len()),
            Some('r'),
            Choice::SetActiveMany { ids, active: true },
        ));
        items.push(Item::new(
            strings::action_clear_marks(),
            Some('c'),
            Choice::ClearMarks,
        ));
    }
    let bulk = !items.is_empty();
    if let Some((id, name, active, lead)) = target {
        if bulk {
            items.push(Item::heading(name.clone()));
        } else {
            title = name.clone();
        }
        let key = |c: char| (!bulk).then_some(c);
        items.push(Item::new(
            strings::action_edit(),
            key('e'),
            Choice::Edit(id),
        ));
        if active {
            items.push(Item::new(
                strings::action_deactivate(),
                key('x'),
                Choice::Deactivate {
                    id,
                    name: name.clone(),
                },
            ));
        } else {
            items.push(Item::new(
                strings::action_reactivate(),
                key('r'),
                Choice::Reactivate {
                    id,
                    name: name.clone(),
                },
            ));
        }
        let change = Choice::ChangeLead {
            ids: vec![id],
            label: name,
            current: lead,
        };
        items.push(Item::new(strings::action_change_lead(), key('l'), change));
    }
    if items.is_empty() {
        app.say(StatusKind::Info, strings::nothing_selected());
        return;
    }
    app.stack.set_popup(Popup::Menu(Menu {
        title,
        items,
        selected: 0,
        stay_open: false,
    }));
}

/// The filters: client type and lead accountant.
pub(crate) fn filters(app: &mut App) {
    let selected = match app.stack.popup() {
        Some(Popup::Menu(m)) => m.selected,
        _ => 1,
    };
    let q = &app.list.query;
    let mut items = vec![Item::heading(strings::filter_type())];
    items.push(Item::check(
        strings::all_types(),
        q.kind.is_none(),
        Choice::Kind(None),
    ));
    for kind in [ClientKind::Business, ClientKind::Individual] {
        items.push(Item::check(
            strings::kind(kind),
            q.kind == Some(kind),
            Choice::Kind(Some(kind)),
        ));
    }
    items.push(Item::heading(strings::filter_lead()));
    items.push(Item::check(
        strings::any_lead(),
        q.lead == LeadFilter::Any,
        Choice::Lead(LeadFilter::Any),
    ));
    let mine = LeadFilter::Member(app.me.id);
    items.push(Item::check(
        strings::my_clients(),
        q.lead == mine,
        Choice::Lead(mine),
    ));
    items.push(Item::check(
        strings::no_lead(),
        q.lead == LeadFilter::Unassigned,
        Choice::Lead(LeadFilter::Unassigned),
    ));
    for m in app.team.iter().filter(|m| m.id != app.me.id) {
        let filter = LeadFilter::Member(m.id);
        if m.active || q.lead == filter {
            items.push(Item::check(
                m.name.clone(),
                q.lead == filter,
                Choice::Lead(filter),
            ));
        }
    }
    let w = &q.work;
    items.push(Item::heading(strings::filter_status()));
    items.push(Item::check(
        strings::any_status(),
        w.statuses.is_empty(),
        Choice::Status(None),
    ));
    for s in ReturnStatus::ALL {
        items.push(Item::check(
            strings::return_status(s),
            w.statuses.contains(s),
            Choice::Status(Some(s)),
        ));
    }
    items.push(Item::heading(strings::filter_due()));
    for due in [
        DueFilter::Any,
        DueFilter::Unfinished,
        DueFilter::Overdue,
        DueFilter::Within(7),
        DueFilter::Within(30),
    ] {
        items.push(Item::check(
            strings::due_choice(due),
            w.due == due,
            Choice::Due(due),
        ));
    }
    items.push(Item::check(
        strings::docs_awaited(),
        w.docs_awaited,
        Choice::DocsAwaited,
    ));
    items.push(Item::new(
        strings::clear_filters().to_owned(),
        None,
        Choice::ClearFilters,
    ));
    let selected = selected.min(items.len() - 1);
    app.stack.set_popup(Popup::Menu(Menu {
        title: strings::filters_title().to_owned(),
        items,
        selected,
        stay_open: true,
    }));
}

/// The view settings (the seed product's gear).
pub(crate) fn settings(app: &mut App) {
    let on = app.list.query.include_inactive;
    let mut item = Item::check(strings::include_inactive(), on, Choice::IncludeInactive);
    item.hotkey = Some('i');
    app.stack.set_popup(Popup::Menu(Menu {
        title: strings::settings_title().to_owned(),
        items: vec![item],
        selected: 0,
        stay_open: true,
    }));
}

/// The sort menu: every column; the current one again reverses it.
pub(crate) fn sort(app: &mut App) {
    let q = &app.list.query;
    let items: Vec<Item> = SortColumn::ALL
        .into_iter()
        .map(|c| {
            let mut label = strings::column_long(c).to_owned();
            if q.sort == c {
                label.push_str(if q.descending { " ▼" } else { " ▲" });
            }
            Item::new(label, None, Choice::Sort(c))
        })
        .collect();
    let selected = SortColumn::ALL
        .iter()
        .position(|c| *c == q.sort)
        .unwrap_or(0);
    app.stack.set_popup(Popup::Menu(Menu {
        title: strings::sort_title().to_owned(),
        items,
        selected,
        stay_open: false,
    }));
}

/// The pick list of lead accountants for some clients.
pub(super) fn lead_picker(
    app: &mut App,
    ids: Vec<ClientId>,
    label: String,
    current: Option<MemberId>,
) {
    let mut items = vec![Item::check(
        strings::no_lead(),
        current.is_none() && ids.len() == 1,
        Choice::AssignLead {
            ids: ids.clone(),
            label: label.clone(),
            lead: None,
        },
    )];
    for m in app.team.iter().filter(|m| m.active) {
        let choice = Choice::AssignLead {
            ids: ids.clone(),
            label: label.clone(),
            lead: Some(m.id),
        };
        items.push(Item::check(
            strings::member_choice(&m.name, &m.login),
            current == Some(m.id),
            choice,
        ));
    }
    let selected = items
        .iter()
        .position(|i| i.checked == Some(true))
        .unwrap_or(0);
    let title = if ids.len() > 1 {
        strings::assign_to(&label)
    } else {
        strings::lead_for(&label)
    };
    app.stack.set_popup(Popup::Menu(Menu {
        title,
        items,
        selected,
        stay_open: false,
    }));
}

/// A form field's options.
pub(crate) fn choices(app: &mut App, title: &str, options: &[String], current: usize) {
    let items = options
        .iter()
        .enumerate()
        .map(|(i, label)| Item::check(label.clone(), i == current, Choice::Pick(i)))
        .collect();
    app.stack.set_popup(Popup::Menu(Menu {
        title: title.to_owned(),
        items,
        selected: current,
        stay_open: false,
    }));
}
