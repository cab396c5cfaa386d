//! The wholesale billing screen, "Subscriptions billed to accountant":
//! every subscription the firm pays for, with totals per product and
//! overall, and the inactive clients the firm still pays for flagged and
//! counted, since making a client inactive cancels neither.
//!
//! Admins remove a subscription from wholesale billing after a question
//! (it becomes billed to the client, on the client's current version, so
//! nothing anyone changed meanwhile is overwritten) and add one: a client
//! picker, then the usual product form with the firm as payer. The screen
//! reloads whenever a client changes.

pub(crate) mod requests;
pub(crate) mod view;

use crate::api::ApiError;
use crate::model::billing::{BillingLine, BillingReport};
use crate::model::{Client, ClientId};

use super::action::{Command, Task};
use super::app::{App, StatusKind};
use super::effect::Effect;
use super::keymap::Screen;
use super::popup::{self, Confirm, Popup, Then};
use super::profile::Part;
use super::stack::Layer;
use super::{form, layout, profile, strings, team};

/// The open billing screen.
#[derive(Debug, Clone, Default)]
pub(crate) struct BillingView {
    pub(crate) report: BillingReport,
    /// Only inactive clients still billed.
    pub(crate) inactive_only: bool,
    pub(crate) selected: usize,
    /// The first line on screen.
    pub(crate) scroll: usize,
    /// The selected subscription (client and product position), kept
    /// across reloads.
    pub(crate) selected_key: Option<(ClientId, usize)>,
    /// True once the first report arrived.
    pub(crate) loaded: bool,
}

impl BillingView {
    /// The selected subscription.
    pub(crate) fn selected(&self) -> Option<&BillingLine> {
        self.report.lines.get(self.selected)
    }

    /// Keeps the selection in the table and on screen; `extra` lines
    /// follow the rows (the totals per product), shown in full once the
    /// last row is selected.
    fn settle(&mut self, (rows, extra): (usize, usize)) {
        let rows = rows.max(1);
        let n = self.report.lines.len();
        self.selected = self.selected.min(n.saturating_sub(1));
        if self.selected < self.scroll {
            self.scroll = self.selected;
        }
        if self.selected >= self.scroll + rows {
            self.scroll = self.selected + 1 - rows;
        }
        let end = (n + extra).saturating_sub(rows);
        if self.selected + 1 >= n {
            self.scroll = self.scroll.max(end.min(self.selected));
        }
        self.scroll = self.scroll.min(end);
        self.selected_key = self.selected().map(|l| (l.client, l.product_index));
    }
}

/// Opens the billing screen (in place of the team screen, if open: see
/// [`super::stack`]).
pub(crate) fn open(app: &mut App, fx: &mut Vec<Effect>) {
    app.stack.push(Layer::Billing(Box::default()));
    fx.push(Effect::LoadBilling {
        inactive_only: false,
    });
}

/// Reloads the report, if the screen is open.
pub(crate) fn refresh(app: &App, fx: &mut Vec<Effect>) {
    if let Some(b) = app.stack.billing() {
        fx.push(Effect::LoadBilling {
            inactive_only: b.inactive_only,
        });
    }
}

/// How many table rows the screen shows now, and how many lines of
/// totals follow the rows.
fn rows(app: &App) -> (usize, usize) {
    match app.stack.billing() {
        Some(b) => {
            let a = view::areas(app, b, layout::chrome(app.area).body);
            (usize::from(a.rows.height), a.extra(b))
        }
        None => (1, 0),
    }
}

/// A report arrived; one for the other filter is out of date.
pub(crate) fn loaded(app: &mut App, inactive_only: bool, report: BillingReport) {
    let Some(b) = app.stack.billing_mut() else {
        return;
    };
    if b.inactive_only != inactive_only {
        return;
    }
    b.report = report;
    b.loaded = true;
    if let Some(key) = b.selected_key
        && let Some(i) = b
            .report
            .lines
            .iter()
            .position(|l| (l.client, l.product_index) == key)
    {
        b.selected = i;
    }
    // The totals' height follows the report, so measure after it.
    let h = rows(app);
    if let Some(b) = app.stack.billing_mut() {
        b.settle(h);
    }
}

/// The billing screen's keys.
pub(crate) fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let h = rows(app);
    let Some(b) = app.stack.billing_mut() else {
        return;
    };
    let page = h.0 as isize;
    let step = match command {
        Command::Down => Some(1),
        Command::Up => Some(-1),
        Command::PageDown => Some(page),
        Command::PageUp => Some(-page),
        Command::Top => Some(isize::MIN / 2),
        Command::Bottom => Some(isize::MAX / 2),
        _ => None,
    };
    if let Some(by) = step {
        b.selected = b.selected.saturating_add_signed(by);
        return b.settle(h);
    }
    match command {
        Command::Open => match b.selected().map(|l| l.client) {
            Some(id) => profile::open(app, id, fx),
            None => app.say(StatusKind::Info, strings::no_subscription_selected()),
        },
        Command::Add => add(app, fx),
        Command::RemoveItem => remove(app),
        Command::ToggleInactive => {
            b.inactive_only = !b.inactive_only;
            b.loaded = false;
            let on = b.inactive_only;
            app.say(StatusKind::Info, strings::showing_inactive_only(on));
            fx.push(Effect::LoadBilling { inactive_only: on });
        }
        Command::Team => team::open(app, fx),
        Command::Help => popup::help(app),
        Command::Back => {
            app.stack.take_billing();
        }
        _ => {}
    }
}

/// True for an admin; otherwise says why nothing happens.
fn admin(app: &mut App) -> bool {
    if app.me.is_admin() {
        return true;
    }
    app.say(StatusKind::Error, strings::only_admins_billing());
    false
}

/// Starts adding a subscription: first, which client.
fn add(app: &mut App, fx: &mut Vec<Effect>) {
    if admin(app) {
        popup::pick::open_for_subscription(app, fx);
    }
}

/// Asks before removing the selected subscription from wholesale billing.
fn remove(app: &mut App) {
    if !admin(app) {
        return;
    }
    let Some(line) = app.stack.billing().and_then(|b| b.selected().cloned()) else {
        return app.say(StatusKind::Info, strings::no_subscription_selected());
    };
    app.stack.set_popup(Popup::Confirm(Confirm::or_cancel(
        strings::unbill_title(),
        strings::unbill_question(&line.product, &line.client_name),
        strings::unbill(),
        Then::Unbill {
            client: line.client,
            index: line.product_index,
            product: line.product,
            name: line.client_name,
        },
    )));
}

/// The removal went through, or found the subscription already changed.
pub(crate) fn unbilled(app: &mut App, name: &str, product: &str, done: bool, fx: &mut Vec<Effect>) {
    if done {
        app.say(StatusKind::Success, strings::unbilled(product, name));
    } else {
        app.say(StatusKind::Warning, strings::unbill_gone(product, name));
    }
    refresh(app, fx);
}

/// A billing request failed. A conflict means the client changed between
/// reading and saving it: nothing was written, so reload and say so.
pub(crate) fn failed(app: &mut App, task: Task, error: ApiError, fx: &mut Vec<Effect>) {
    match (&task, &error) {
        (Task::Unbill { name, .. }, ApiError::Conflict { .. }) => {
            let text = strings::unbill_conflict(name);
            app.say(StatusKind::Warning, text);
        }
        _ => app.say(StatusKind::Error, strings::task_failed(&task, &error)),
    }
    if matches!(task, Task::Unbill { .. }) {
        refresh(app, fx);
    }
}

/// The client for a new subscription arrived: open the product form on
/// it, billed to the firm.
pub(crate) fn subscription_base(app: &mut App, client: Client) {
    form::item_on(app, client, Part::Products, None);
    if let Some(f) = app
        .stack
        .client_form_mut()
        .and_then(|f| f.fields.iter_mut().find(|f| f.key == "billed_to"))
    {
        f.set_value("firm");
        f.initial = "firm".to_owned();
    }
}

/// A click on the billing screen: selects a subscription, or opens the
/// selected one's client.
pub(crate) fn click(app: &mut App, row: u16, fx: &mut Vec<Effect>) {
    let body = layout::chrome(app.area).body;
    let h = rows(app);
    let Some(a) = app.stack.billing().map(|b| view::areas(app, b, body)) else {
        return;
    };
    if row < a.rows.y || row >= a.rows.bottom() {
        return;
    }
    let Some(b) = app.stack.billing_mut() else {
        return;
    };
    let index = b.scroll + usize::from(row - a.rows.y);
    if index >= b.report.lines.len() {
        return;
    }
    if index == b.selected {
        command(app, Command::Open, fx);
    } else {
        b.selected = index;
        b.settle(h);
    }
}

/// The header's counts while the billing screen shows.
pub(crate) fn counts(b: &BillingView) -> String {
    strings::billing_counts(b.report.lines.len(), b.report.inactive_billed_clients)
}

/// The key that shows only inactive clients still billed, for notes.
pub(crate) fn filter_key(app: &App) -> String {
    app.keymap
        .key_label(Screen::Billing, Command::ToggleInactive)
        .unwrap_or_default()
}
