//! A client's profile: five tabs over one record, opened with Enter on the
//! list. This module holds the state and answers keys; each tab's file
//! draws it.
//!
//! The profile keeps the record it was opened on; live events reload it,
//! keeping the tab, the scroll and the selected item.

pub(crate) mod documents;
pub(crate) mod history;
pub(crate) mod overview;
pub(crate) mod products;
pub(crate) mod returns;
pub(crate) mod view;

use crate::api::ApiError;
use crate::model::{AuditEntry, Client, ClientId, DraftForm};

use super::action::{Command, Op};
use super::app::{App, Saving, StatusKind};
use super::effect::Effect;
use super::keymap::Screen;
use super::popup::{self, Confirm, Popup};
use super::stack::Layer;
use super::{form, layout, strings};

/// The profile's tabs, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tab {
    Overview,
    QuickBooks,
    Documents,
    Returns,
    History,
}

impl Tab {
    pub(crate) const ALL: [Tab; 5] = [
        Tab::Overview,
        Tab::QuickBooks,
        Tab::Documents,
        Tab::Returns,
        Tab::History,
    ];

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    fn step(self, by: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + by).rem_euclid(n) as usize]
    }

    /// The list of items this tab edits, if any.
    pub(crate) fn part(self) -> Option<Part> {
        match self {
            Tab::QuickBooks => Some(Part::Products),
            Tab::Documents => Some(Part::Documents),
            Tab::Returns => Some(Part::Returns),
            Tab::Overview | Tab::History => None,
        }
    }
}

/// One of a client's lists of items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Products,
    Documents,
    Returns,
}

impl Part {
    /// The model's name for this list.
    pub(crate) fn model(self) -> crate::model::Part {
        match self {
            Part::Products => crate::model::Part::Product,
            Part::Documents => crate::model::Part::Document,
            Part::Returns => crate::model::Part::Return,
        }
    }

    /// This list, by the model's name.
    pub(crate) fn of(part: crate::model::Part) -> Part {
        match part {
            crate::model::Part::Product => Part::Products,
            crate::model::Part::Document => Part::Documents,
            crate::model::Part::Return => Part::Returns,
        }
    }

    /// How many items the client has in this list.
    pub(crate) fn len(self, c: &Client) -> usize {
        match self {
            Part::Products => c.products.len(),
            Part::Documents => c.documents.len(),
            Part::Returns => c.tax_returns.len(),
        }
    }

    /// A few words naming one item, for questions and the status line.
    pub(crate) fn describe(self, c: &Client, index: usize) -> String {
        match self {
            Part::Products => c.products.get(index).map(|p| p.product.label().to_owned()),
            Part::Documents => c.documents.get(index).map(|d| d.title.clone()),
            Part::Returns => c
                .tax_returns
                .get(index)
                .map(|r| format!("{} {}", r.year, r.form.label())),
        }
        .unwrap_or_default()
    }

    /// The client without one item.
    pub(crate) fn without(self, c: &Client, index: usize) -> Client {
        let mut out = c.clone();
        match self {
            Part::Products if index < out.products.len() => drop(out.products.remove(index)),
            Part::Documents if index < out.documents.len() => drop(out.documents.remove(index)),
            Part::Returns if index < out.tax_returns.len() => drop(out.tax_returns.remove(index)),
            _ => {}
        }
        out
    }
}

/// The open profile.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    pub(crate) id: ClientId,
    /// The record, once loaded.
    pub(crate) client: Option<Client>,
    pub(crate) audit: Vec<AuditEntry>,
    pub(crate) tab: Tab,
    /// Tax identifiers shown in full.
    pub(crate) reveal: bool,
    /// The selected item on the QuickBooks, Documents and Tax returns tabs.
    pub(crate) item: usize,
    /// The first line shown on the Overview and History tabs.
    pub(crate) scroll: usize,
    /// This member kept a draft of this client: in which form, on which
    /// item.
    pub(crate) draft: Option<(DraftForm, String)>,
    /// Someone else saved this client: who, and the record as it was
    /// shown before, to say what changed once the new one arrives.
    pub(crate) changed_by: Option<(String, Client)>,
}

impl Profile {
    /// The version on screen (0 while loading).
    pub(crate) fn version(&self) -> u64 {
        self.client.as_ref().map_or(0, |c| c.version)
    }
}

/// Opens a client's profile and asks for its record.
pub(crate) fn open(app: &mut App, id: ClientId, fx: &mut Vec<Effect>) {
    app.stack.push(Layer::Profile(Box::new(Profile {
        id,
        client: None,
        audit: Vec::new(),
        tab: Tab::Overview,
        reveal: false,
        item: 0,
        scroll: 0,
        draft: None,
        changed_by: None,
    })));
    fx.push(Effect::LoadProfile { id });
}

/// The record arrived (first time, or after a change).
pub(crate) fn loaded(
    app: &mut App,
    client: Client,
    audit: Vec<AuditEntry>,
    draft: Option<(DraftForm, String)>,
) {
    let Some(p) = app.stack.profile_mut() else {
        return;
    };
    if p.id != client.id {
        return;
    }
    if let Some(part) = p.tab.part() {
        p.item = p.item.min(part.len(&client).saturating_sub(1));
    }
    let notice = p.changed_by.take().and_then(|(who, before)| {
        let spots = crate::model::merge::spots(&before, &client, &app.team);
        let what: Vec<String> = spots
            .iter()
            .map(|s| super::conflict::piece_label(*s, [&client, &before]))
            .collect();
        (!what.is_empty()).then(|| strings::changed_under_you(&who, &client.display_name, &what))
    });
    p.client = Some(client);
    p.audit = audit;
    p.draft = draft;
    if let Some(text) = notice
        && app.stack.client_form().is_none()
        && app.stack.conflict().is_none()
    {
        app.say(StatusKind::Warning, text);
    }
}

/// The record could not be read; a client that vanished closes its
/// profile.
pub(crate) fn load_failed(app: &mut App, op: Op, error: ApiError) {
    if matches!(error, ApiError::NotFound(_)) {
        app.stack.take_profile();
    }
    app.fail(&op, &error);
}

/// Keys on the profile.
pub(crate) fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let page = layout::profile_lines(app.area).max(1);
    let lines = view::line_count(app);
    let Some(p) = app.stack.profile_mut() else {
        return;
    };
    let id = p.id;
    let items = match (p.tab.part(), &p.client) {
        (Some(part), Some(c)) => Some(part.len(c)),
        _ => None,
    };
    let move_by = |p: &mut Profile, by: isize| match items {
        Some(n) => p.item = p.item.saturating_add_signed(by).min(n.saturating_sub(1)),
        None => {
            p.scroll = p
                .scroll
                .saturating_add_signed(by)
                .min(lines.saturating_sub(page))
        }
    };
    match command {
        Command::NextTab | Command::PrevTab | Command::GoTab(_) => {
            p.tab = match command {
                Command::NextTab => p.tab.step(1),
                Command::PrevTab => p.tab.step(-1),
                Command::GoTab(n) => Tab::ALL[usize::from(n.clamp(1, 5)) - 1],
                _ => p.tab,
            };
            p.item = 0;
            p.scroll = 0;
        }
        Command::Copy => {
            if let Some(c) = p.client.clone() {
                popup::copy_menu(app, &c);
            }
        }
        Command::Down => move_by(p, 1),
        Command::Up => move_by(p, -1),
        Command::PageDown => move_by(p, page as isize),
        Command::PageUp => move_by(p, -(page as isize)),
        Command::Top => move_by(p, isize::MIN / 2),
        Command::Bottom => move_by(p, isize::MAX / 2),
        Command::Reveal => {
            p.reveal = !p.reveal;
            // The SIN comes masked; the firm shows it in full on request,
            // and records who asked.
            if p.reveal
                && let Some(c) = &p.client
                && c.tax_ids.sin.starts_with('•')
            {
                fx.push(Effect::RevealSin { id: c.id });
            }
            let text = if p.reveal {
                let key = app.keymap.key_label(Screen::Profile, Command::Reveal);
                strings::ids_shown(&key.unwrap_or_default())
            } else {
                strings::ids_hidden().to_owned()
            };
            app.say(StatusKind::Info, text);
        }
        Command::Edit => form::edit(app, id, fx),
        Command::Menu => popup::actions(app),
        Command::AddItem => match p.tab.part() {
            Some(part) if p.client.is_some() => form::item(app, part, None),
            _ => app.say(StatusKind::Info, strings::add_where()),
        },
        Command::EditItem => match (p.tab.part(), items) {
            (Some(part), Some(n)) if n > 0 => {
                let i = p.item;
                form::item(app, part, Some(i));
            }
            (Some(_), _) => app.say(StatusKind::Info, strings::no_items()),
            (None, _) if p.tab == Tab::Overview => form::edit(app, id, fx),
            _ => {}
        },
        Command::RemoveItem => match (p.tab.part(), &p.client) {
            (Some(part), Some(c)) if part.len(c) > 0 => {
                let confirm =
                    Confirm::remove_item(part, p.item, &part.describe(c, p.item), &c.display_name);
                app.stack.set_popup(Popup::Confirm(confirm));
            }
            (Some(_), _) => app.say(StatusKind::Info, strings::no_items()),
            _ => app.say(StatusKind::Info, strings::remove_where()),
        },
        Command::Help => popup::help(app),
        Command::Back => {
            app.stack.take_profile();
        }
        _ => {}
    }
}

/// Removes an item (after the user said yes) by saving the client
/// without it.
pub(crate) fn remove_item(app: &mut App, part: Part, index: usize, fx: &mut Vec<Effect>) {
    let Some(client) = app.stack.profile().and_then(|p| p.client.clone()) else {
        return;
    };
    let mine = part.without(&client, index);
    let done = strings::removed(&part.describe(&client, index), &client.display_name);
    app.saving = Some(Saving {
        base: client.clone(),
        mine: mine.clone(),
        done,
    });
    fx.push(Effect::Save {
        base: Box::new(client),
        mine: Box::new(mine),
    });
}

/// The tab under a screen column on the tab line.
pub(crate) fn tab_at(x: u16) -> Option<Tab> {
    let mut left = 0u16;
    for (tab, title) in view::tab_titles() {
        let w = super::text::width(&title) as u16;
        if x >= left && x < left + w {
            return Some(tab);
        }
        left += w;
    }
    None
}

/// The firm showed a client's SIN in full: the profile shows it, with the
/// reveal in its history.
pub(crate) fn revealed(app: &mut App, id: ClientId, sin: String, audit: Vec<AuditEntry>) {
    if let Some(p) = app.stack.profile_mut()
        && p.id == id
    {
        if let Some(c) = &mut p.client {
            c.tax_ids.sin = sin;
        }
        p.audit = audit;
    }
}
