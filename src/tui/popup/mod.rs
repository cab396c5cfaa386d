//! Popups over any screen: the help, menus and pick lists, and questions
//! that need a yes or a no. This module builds them and answers their
//! keys; `popup_view` draws them.

mod menus;
pub(crate) mod pick;
pub(crate) mod view;

use crate::model::{Client, ClientId, ClientKind, Draft, LeadFilter, Member, MemberId, SortColumn};

use super::action::Command;
use super::app::{App, StatusKind};
use super::effect::Effect;
use super::keymap::Screen;
use super::profile::Part;
use super::{form, list, profile, strings, team};

use menus::lead_picker;
pub(crate) use menus::{actions, choices, filters, help, settings, sort};

/// What is open over the screen.
#[derive(Debug, Clone)]
pub(crate) enum Popup {
    /// Every key of a screen.
    Help {
        screen: Screen,
        scroll: usize,
    },
    Menu(Menu),
    Confirm(Confirm),
    /// Choosing a client by typing part of its name.
    PickClient(pick::Picker),
}

/// A list of choices.
#[derive(Debug, Clone)]
pub(crate) struct Menu {
    pub(crate) title: String,
    pub(crate) items: Vec<Item>,
    pub(crate) selected: usize,
    /// Filters and settings stay open so that several can be changed.
    pub(crate) stay_open: bool,
}

/// One line of a menu; a line without a choice is a heading.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) label: String,
    pub(crate) hotkey: Option<char>,
    pub(crate) choice: Option<Choice>,
    /// A tick box or a radio button, and whether it is on.
    pub(crate) checked: Option<bool>,
}

impl Item {
    pub(crate) fn new(label: impl Into<String>, hotkey: Option<char>, choice: Choice) -> Item {
        Item {
            label: label.into(),
            hotkey,
            choice: Some(choice),
            checked: None,
        }
    }

    fn check(label: impl Into<String>, on: bool, choice: Choice) -> Item {
        Item {
            label: label.into(),
            hotkey: None,
            choice: Some(choice),
            checked: Some(on),
        }
    }

    fn heading(label: impl Into<String>) -> Item {
        Item {
            label: label.into(),
            hotkey: None,
            choice: None,
            checked: None,
        }
    }
}

/// What choosing a menu line does.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Choice {
    Edit(ClientId),
    Deactivate {
        id: ClientId,
        name: String,
    },
    Reactivate {
        id: ClientId,
        name: String,
    },
    ChangeLead {
        ids: Vec<ClientId>,
        label: String,
        current: Option<MemberId>,
    },
    ClearMarks,
    Kind(Option<ClientKind>),
    Lead(LeadFilter),
    /// Adds or removes a return status (none: any status).
    Status(Option<crate::model::ReturnStatus>),
    Due(crate::model::DueFilter),
    DocsAwaited,
    /// Every filter off: type, lead and work.
    ClearFilters,
    /// Put this text on the clipboard; `what` names it.
    Copy {
        what: String,
        text: String,
    },
    /// Make the marked clients inactive (after a question), or active.
    SetActiveMany {
        ids: Vec<ClientId>,
        active: bool,
    },
    IncludeInactive,
    Sort(SortColumn),
    AssignLead {
        ids: Vec<ClientId>,
        label: String,
        lead: Option<MemberId>,
    },
    /// An option of the focused form field.
    Pick(usize),
    /// Who takes the `count` clients a member leads before the member is
    /// deactivated (none: no lead accountant).
    Reassign {
        member: Box<Member>,
        to: Option<MemberId>,
        count: usize,
    },
}

/// A question.
#[derive(Debug, Clone)]
pub(crate) struct Confirm {
    pub(crate) title: String,
    pub(crate) text: String,
    pub(crate) yes: String,
    pub(crate) no: String,
    /// A third answer, "leave it for now", when no is not the same as
    /// cancelling.
    pub(crate) cancel: Option<String>,
    pub(crate) on_yes: Then,
    pub(crate) on_no: Then,
}

/// What an answer does.
#[derive(Debug, Clone)]
pub(crate) enum Then {
    Nothing,
    Deactivate {
        id: ClientId,
        name: String,
    },
    DiscardForm,
    QuitKeepingDraft,
    RemoveItem {
        part: Part,
        index: usize,
    },
    RestoreDraft {
        current: Option<Box<Client>>,
        draft: Box<Draft>,
    },
    EditSaved {
        id: ClientId,
        current: Option<Box<Client>>,
    },
    /// Deactivate a member, first giving their clients to `reassign`'s
    /// member when set.
    DeactivateMember {
        member: Box<Member>,
        reassign: Option<Option<MemberId>>,
    },
    /// Bill a subscription to the client instead of the firm.
    Unbill {
        client: ClientId,
        index: usize,
        product: String,
        name: String,
    },
    /// Close the member form, dropping its changes.
    CloseMemberForm,
    /// Make these clients inactive.
    DeactivateMany(Vec<ClientId>),
    /// Reopen the team member form a draft was typed in.
    RestoreMemberDraft(Box<Draft>),
    /// Forget the team member form's draft.
    DiscardMemberDraft,
}

impl Confirm {
    fn yes_no(title: String, text: String, yes: &str, on_yes: Then) -> Confirm {
        Confirm {
            title,
            text,
            yes: yes.to_owned(),
            no: strings::answer_no().to_owned(),
            cancel: None,
            on_yes,
            on_no: Then::Nothing,
        }
    }

    /// A question answered by its action or by Cancel.
    pub(crate) fn or_cancel(title: &str, text: String, yes: &str, on_yes: Then) -> Confirm {
        Confirm {
            no: strings::cancel().to_owned(),
            ..Confirm::yes_no(title.to_owned(), text, yes, on_yes)
        }
    }

    /// "Make X inactive? …", in the product's exact words.
    pub(crate) fn deactivate(id: ClientId, name: &str) -> Confirm {
        Confirm::yes_no(
            strings::make_inactive_title().to_owned(),
            strings::make_inactive_question(name),
            strings::make_inactive(),
            Then::Deactivate {
                id,
                name: name.to_owned(),
            },
        )
    }

    /// Cancelling a form that holds changes.
    pub(crate) fn discard_changes(subject: &str) -> Confirm {
        Confirm::yes_no(
            strings::discard_title().to_owned(),
            strings::discard_question(subject),
            strings::discard(),
            Then::DiscardForm,
        )
    }

    /// Quitting with a form that holds changes.
    pub(crate) fn quit_with_changes(subject: &str) -> Confirm {
        Confirm::yes_no(
            strings::quit_title().to_owned(),
            strings::quit_question(subject),
            strings::quit(),
            Then::QuitKeepingDraft,
        )
    }

    /// Removing a product, document or return.
    pub(crate) fn remove_item(part: Part, index: usize, what: &str, client: &str) -> Confirm {
        Confirm::yes_no(
            strings::remove_title().to_owned(),
            strings::remove_question(what, client),
            strings::remove(),
            Then::RemoveItem { part, index },
        )
    }

    /// A form's draft was kept from an earlier session: restore it, or
    /// discard it (`on_no`), or not now.
    fn offer_draft(
        subject: &str,
        draft: Draft,
        on_yes: impl FnOnce(Box<Draft>) -> Then,
        on_no: Then,
    ) -> Confirm {
        let form = strings::draft_form(draft.form, &draft.item_name());
        Confirm {
            title: strings::draft_title().to_owned(),
            text: strings::draft_question(subject, &form),
            yes: strings::restore().to_owned(),
            no: strings::discard_draft().to_owned(),
            cancel: Some(strings::not_now().to_owned()),
            on_yes: on_yes(Box::new(draft)),
            on_no,
        }
    }

    /// A client form's draft was kept from an earlier session; discarding
    /// it opens the client as saved.
    pub(crate) fn restore_draft(
        id: ClientId,
        subject: &str,
        current: Option<Client>,
        draft: Draft,
    ) -> Confirm {
        let current = current.map(Box::new);
        let restore = {
            let current = current.clone();
            |draft| Then::RestoreDraft { current, draft }
        };
        Confirm::offer_draft(subject, draft, restore, Then::EditSaved { id, current })
    }

    /// The team member form's draft was kept from an earlier session.
    pub(crate) fn restore_member_draft(draft: Draft) -> Confirm {
        Confirm::offer_draft(
            strings::the_team(),
            draft,
            Then::RestoreMemberDraft,
            Then::DiscardMemberDraft,
        )
    }
}

/// Keys on any popup.
pub(crate) fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    match app.stack.take_popup() {
        Some(Popup::Help { screen, scroll }) => {
            let page = super::layout::chrome(app.area).body.height as usize;
            let scroll = match command {
                Command::Down => scroll + 1,
                Command::Up => scroll.saturating_sub(1),
                Command::PageDown => scroll + page,
                Command::PageUp => scroll.saturating_sub(page),
                Command::Close | Command::Help => return,
                _ => scroll,
            };
            app.stack.set_popup(Popup::Help { screen, scroll });
        }
        Some(Popup::Menu(mut menu)) => {
            match command {
                Command::Down => menu.selected = next_choice(&menu, menu.selected, 1),
                Command::Up => menu.selected = next_choice(&menu, menu.selected, -1),
                Command::Top => menu.selected = next_choice(&menu, 0, 0),
                Command::Bottom => menu.selected = next_choice(&menu, menu.items.len() - 1, 0),
                Command::Choose => {
                    let choice = menu.items.get(menu.selected).and_then(|i| i.choice.clone());
                    let stay = menu.stay_open;
                    app.stack.set_popup(Popup::Menu(menu));
                    if let Some(choice) = choice {
                        choose(app, choice, stay, fx);
                    }
                    return;
                }
                Command::Close => return,
                _ => {}
            }
            app.stack.set_popup(Popup::Menu(menu));
        }
        Some(Popup::Confirm(confirm)) => match command {
            Command::Yes => then(app, confirm.on_yes, fx),
            Command::No => then(app, confirm.on_no, fx),
            Command::Cancel => {}
            _ => app.stack.set_popup(Popup::Confirm(confirm)),
        },
        Some(Popup::PickClient(p)) => pick::command(app, p, command, fx),
        None => {}
    }
}

/// A letter typed on a popup: a menu line's hotkey.
pub(crate) fn char(app: &mut App, c: char, fx: &mut Vec<Effect>) {
    let Some(Popup::Menu(menu)) = app.stack.popup_mut() else {
        return;
    };
    let Some(i) = menu
        .items
        .iter()
        .position(|it| it.hotkey == Some(c) && it.choice.is_some())
    else {
        return;
    };
    menu.selected = i;
    let choice = menu.items[i].choice.clone();
    let stay = menu.stay_open;
    if let Some(choice) = choice {
        choose(app, choice, stay, fx);
    }
}

/// The next line that can be chosen, moving by `step` (0: this one or the next).
fn next_choice(menu: &Menu, from: usize, step: isize) -> usize {
    let n = menu.items.len() as isize;
    let mut i = from as isize + step;
    while (0..n).contains(&i) {
        if menu.items[i as usize].choice.is_some() {
            return i as usize;
        }
        i += if step < 0 { -1 } else { 1 };
    }
    from
}

fn choose(app: &mut App, choice: Choice, stay_open: bool, fx: &mut Vec<Effect>) {
    if !stay_open {
        app.stack.take_popup();
    }
    match choice {
        Choice::Edit(id) => {
            app.stack.take_popup();
            form::edit(app, id, fx);
        }
        Choice::Deactivate { id, name } => app
            .stack
            .set_popup(Popup::Confirm(Confirm::deactivate(id, &name))),
        Choice::Reactivate { id, name } => fx.push(Effect::SetActive {
            id,
            name,
            active: true,
        }),
        Choice::ChangeLead {
            ids,
            label,
            current,
        } => {
            if app.me.is_admin() {
                lead_picker(app, ids, label, current);
            } else {
                app.say(StatusKind::Error, strings::only_admins_assign());
            }
        }
        Choice::ClearMarks => {
            app.list.marked.clear();
            app.say(StatusKind::Info, strings::marks_cleared());
        }
        Choice::Kind(kind) => {
            list::set_kind(app, kind, fx);
            filters(app);
        }
        Choice::Lead(lead) => {
            list::set_lead(app, lead, fx);
            filters(app);
        }
        Choice::Status(status) => {
            let mut work = app.list.query.work;
            match status {
                Some(s) => work.statuses.toggle(s),
                None => work.statuses = Default::default(),
            }
            list::set_work(app, work, fx);
            filters(app);
        }
        Choice::Due(due) => {
            let work = crate::model::WorkFilter {
                due,
                ..app.list.query.work
            };
            list::set_work(app, work, fx);
            filters(app);
        }
        Choice::DocsAwaited => {
            let mut work = app.list.query.work;
            work.docs_awaited = !work.docs_awaited;
            list::set_work(app, work, fx);
            filters(app);
        }
        Choice::Copy { what, text } => {
            app.say(StatusKind::Success, strings::copied(&what, &text));
            fx.push(Effect::Clipboard(text));
        }
        Choice::SetActiveMany { ids, active } => {
            if active {
                fx.push(Effect::SetActiveMany { ids, active });
            } else {
                app.stack.set_popup(Popup::Confirm(Confirm::yes_no(
                    strings::make_inactive_title().to_owned(),
                    strings::make_many_inactive_question(ids.len()),
                    strings::make_inactive(),
                    Then::DeactivateMany(ids),
                )));
            }
        }
        Choice::ClearFilters => {
            list::clear_filters(app, fx);
            filters(app);
        }
        Choice::IncludeInactive => {
            let on = !app.list.query.include_inactive;
            list::set_include_inactive(app, on, fx);
            settings(app);
        }
        Choice::Sort(column) => list::sort_by(app, column, fx),
        Choice::AssignLead { ids, label, lead } => fx.push(Effect::AssignLead { ids, lead, label }),
        Choice::Pick(i) => form::pick(app, i),
        Choice::Reassign { member, to, count } => team::reassign_chosen(app, *member, to, count),
    }
}

fn then(app: &mut App, then: Then, fx: &mut Vec<Effect>) {
    match then {
        Then::Nothing => {}
        Then::Deactivate { id, name } => fx.push(Effect::SetActive {
            id,
            name,
            active: false,
        }),
        Then::DeactivateMany(ids) => fx.push(Effect::SetActiveMany { ids, active: false }),
        Then::DiscardForm => form::discard(app, fx),
        Then::QuitKeepingDraft => {
            form::keep_draft(app, fx);
            fx.push(Effect::Exit);
        }
        Then::RemoveItem { part, index } => profile::remove_item(app, part, index, fx),
        Then::RestoreDraft { current, draft } => {
            form::restore_draft(app, current.map(|c| *c), *draft)
        }
        Then::EditSaved { id, current } => {
            fx.push(Effect::DiscardDraft(id));
            form::open_client(app, current.map(|c| *c), None);
        }
        Then::DeactivateMember { member, reassign } => {
            fx.push(Effect::DeactivateMember { member, reassign })
        }
        Then::Unbill {
            client,
            index,
            product,
            name,
        } => fx.push(Effect::Unbill {
            client,
            index,
            product,
            name,
        }),
        Then::CloseMemberForm => team::form::close(app, fx),
        Then::RestoreMemberDraft(draft) => team::form::restore(app, *draft),
        Then::DiscardMemberDraft => fx.push(Effect::DiscardDraft(crate::model::TEAM_DRAFT)),
    }
}

/// The copy menu: the client's e-mail, phones and number, each with its
/// letter; choosing one puts it on the clipboard.
pub(crate) fn copy_menu(app: &mut App, c: &Client) {
    let fields = [
        (strings::copy_email(), 'e', c.email.as_str()),
        (strings::copy_phone(), 'p', c.phone.as_str()),
        (strings::copy_mobile(), 'm', c.mobile.as_str()),
        (
            strings::copy_number(),
            'n',
            c.number.as_deref().unwrap_or(""),
        ),
    ];
    let items: Vec<Item> = fields
        .into_iter()
        .filter(|(_, _, v)| !v.is_empty())
        .map(|(what, key, v)| {
            let label = format!("{what}: {}", crate::tui::text::clean(v));
            Item::new(
                label,
                Some(key),
                Choice::Copy {
                    what: what.to_owned(),
                    text: v.to_owned(),
                },
            )
        })
        .collect();
    if items.is_empty() {
        return app.say(StatusKind::Info, strings::nothing_to_copy(&c.display_name));
    }
    app.stack.set_popup(Popup::Menu(Menu {
        title: strings::copy_title(&c.display_name),
        items,
        selected: 0,
        stay_open: false,
    }));
}
