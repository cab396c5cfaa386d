//! The work view: the firm's tax-return work at a glance. Counts by
//! status with gauges, what is overdue and due this week and month, and
//! per lead accountant a bar chart of one measure at a time (a status,
//! the overdue returns or the documents awaited), or the clients waiting
//! on the most documents.
//!
//! Every count and bar is a way into the list: Enter opens the list
//! filtered to exactly the clients counted. One key switches between the
//! whole firm and "my work". The firm's index counts everything in one
//! pass (`Firm::work`), so the screen opens as fast at a million clients;
//! it reloads when a client changes.

pub(crate) mod view;

use crate::model::work::{MONTH, WEEK, WorkQuery, WorkReport};
use crate::model::{DueFilter, LeadFilter, ReturnStatus, StatusSet, WorkFilter};

use super::action::Command;
use super::app::{App, StatusKind};
use super::effect::Effect;
use super::stack::Layer;
use super::{layout, list, popup, profile, strings};

/// What the chart at the bottom shows per lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measure {
    Status(ReturnStatus),
    Overdue,
    Docs,
    /// Not per lead: the clients waiting on the most documents.
    DocsByClient,
}

/// The measures, in the order the chart goes through them.
pub(crate) const MEASURES: [Measure; 8] = [
    Measure::Status(ReturnStatus::NotStarted),
    Measure::Status(ReturnStatus::InProgress),
    Measure::Status(ReturnStatus::ReadyForReview),
    Measure::Status(ReturnStatus::Filed),
    Measure::Status(ReturnStatus::Accepted),
    Measure::Overdue,
    Measure::Docs,
    Measure::DocsByClient,
];

/// Something on the screen that Enter opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    Status(ReturnStatus),
    Overdue,
    Week,
    Month,
    Docs,
    /// A lead's bar in the chart, by position in the report's leads.
    Bar(usize),
    /// A client in the documents list, by position.
    Client(usize),
}

/// The counts at the top, in the order the selection goes through them.
pub(crate) const COUNTS: [Item; 9] = [
    Item::Status(ReturnStatus::NotStarted),
    Item::Status(ReturnStatus::InProgress),
    Item::Status(ReturnStatus::ReadyForReview),
    Item::Status(ReturnStatus::Filed),
    Item::Status(ReturnStatus::Accepted),
    Item::Overdue,
    Item::Week,
    Item::Month,
    Item::Docs,
];

/// The open work view.
#[derive(Debug, Clone)]
pub(crate) struct WorkView {
    /// Only the signed-in member's clients.
    pub(crate) mine: bool,
    pub(crate) report: Option<WorkReport>,
    /// The selected item's position in [`WorkView::items`].
    pub(crate) selected: usize,
    /// The chart's measure, by position in [`MEASURES`].
    pub(crate) measure: usize,
    /// The first chart line on screen.
    pub(crate) scroll: usize,
}

impl WorkView {
    pub(crate) fn measure(&self) -> Measure {
        MEASURES[self.measure % MEASURES.len()]
    }

    /// Everything Enter can open, top to bottom.
    pub(crate) fn items(&self) -> Vec<Item> {
        let mut items = COUNTS.to_vec();
        if let Some(r) = &self.report {
            match self.measure() {
                Measure::DocsByClient => {
                    items.extend((0..r.docs_by_client.len()).map(Item::Client))
                }
                _ => items.extend((0..r.leads.len()).map(Item::Bar)),
            }
        }
        items
    }

    pub(crate) fn selected_item(&self) -> Option<Item> {
        self.items().get(self.selected).copied()
    }

    /// Which lead the view counts.
    pub(crate) fn scope(&self, app: &App) -> LeadFilter {
        if self.mine {
            LeadFilter::Member(app.me.id)
        } else {
            LeadFilter::Any
        }
    }
}

/// Opens the work view, for the whole firm or for my clients.
pub(crate) fn open(app: &mut App, mine: bool, fx: &mut Vec<Effect>) {
    app.stack.push(Layer::Work(Box::new(WorkView {
        mine,
        report: None,
        selected: 0,
        measure: 1,
        scroll: 0,
    })));
    refresh(app, fx);
}

/// Reloads the report, if the view is open.
pub(crate) fn refresh(app: &App, fx: &mut Vec<Effect>) {
    if let Some(w) = app.stack.work() {
        fx.push(Effect::LoadWork(WorkQuery {
            lead: w.scope(app),
            today: Some(app.today),
        }));
    }
}

/// A report arrived; one for the other scope is out of date.
pub(crate) fn loaded(app: &mut App, query: WorkQuery, report: WorkReport) {
    let scope = app.stack.work().map(|w| w.scope(app));
    let Some(w) = app.stack.work_mut() else {
        return;
    };
    if Some(query.lead) != scope {
        return;
    }
    w.report = Some(report);
    w.selected = w.selected.min(w.items().len().saturating_sub(1));
    settle(app);
}

/// How many chart lines the screen shows.
fn chart_rows(app: &App) -> usize {
    let body = layout::chrome(app.area).body;
    usize::from(view::areas(body).chart.height).max(1)
}

/// Keeps the selected bar or client on screen.
fn settle(app: &mut App) {
    let rows = chart_rows(app);
    let Some(w) = app.stack.work_mut() else {
        return;
    };
    if let Some(Item::Bar(i) | Item::Client(i)) = w.selected_item() {
        if i < w.scroll {
            w.scroll = i;
        }
        if i >= w.scroll + rows {
            w.scroll = i + 1 - rows;
        }
    } else {
        w.scroll = 0;
    }
}

/// The work view's keys.
pub(crate) fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let Some(w) = app.stack.work_mut() else {
        return;
    };
    let last = w.items().len().saturating_sub(1);
    match command {
        Command::Down => w.selected = (w.selected + 1).min(last),
        Command::Up => w.selected = w.selected.saturating_sub(1),
        Command::Top => w.selected = 0,
        Command::Bottom => w.selected = last,
        Command::PageDown => w.selected = (w.selected + 10).min(last),
        Command::PageUp => w.selected = w.selected.saturating_sub(10),
        Command::NextTab | Command::PrevTab => {
            let n = MEASURES.len();
            w.measure = if command == Command::NextTab {
                (w.measure + 1) % n
            } else {
                (w.measure + n - 1) % n
            };
            // The selection stays on the same lead when the chart changes.
            let at = w.selected.min(w.items().len().saturating_sub(1));
            w.selected = at;
        }
        Command::MyWork => {
            w.mine = !w.mine;
            w.report = None;
            let mine = w.mine;
            app.say(StatusKind::Info, strings::work_scope_said(mine));
            refresh(app, fx);
        }
        Command::Open => return enter(app, fx),
        Command::Help => popup::help(app),
        Command::Back => {
            app.stack.take_work();
        }
        Command::Quit => fx.push(Effect::Exit),
        _ => {}
    }
    settle(app);
}

/// The list filters that show exactly the clients an item counts.
pub(crate) fn filters_of(
    w: &WorkView,
    item: Item,
    scope: LeadFilter,
) -> Option<(LeadFilter, WorkFilter)> {
    let r = w.report.as_ref()?;
    let due = |due| WorkFilter {
        due,
        ..Default::default()
    };
    let status = |s| WorkFilter {
        statuses: StatusSet::of(&[s]),
        ..Default::default()
    };
    let docs = WorkFilter {
        docs_awaited: true,
        ..Default::default()
    };
    Some(match item {
        Item::Status(s) => (scope, status(s)),
        Item::Overdue => (scope, due(DueFilter::Overdue)),
        Item::Week => (scope, due(DueFilter::Within(WEEK))),
        Item::Month => (scope, due(DueFilter::Within(MONTH))),
        Item::Docs => (scope, docs),
        Item::Bar(i) => {
            let lead = r.leads.get(i)?.lead;
            let work = match w.measure() {
                Measure::Status(s) => status(s),
                Measure::Overdue => due(DueFilter::Overdue),
                Measure::Docs => docs,
                Measure::DocsByClient => return None,
            };
            (lead, work)
        }
        Item::Client(_) => return None,
    })
}

/// Enter: the list filtered to the clients counted, or a client's
/// profile.
fn enter(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(w) = app.stack.work() else { return };
    let Some(item) = w.selected_item() else {
        return;
    };
    if let Item::Client(i) = item {
        let id = w
            .report
            .as_ref()
            .and_then(|r| r.docs_by_client.get(i))
            .map(|c| c.id);
        if let Some(id) = id {
            profile::open(app, id, fx);
        }
        return;
    }
    let Some((lead, work)) = filters_of(w, item, w.scope(app)) else {
        return;
    };
    app.stack.take_work();
    let list = &mut app.list;
    list.reset_view(crate::model::SortColumn::Return);
    list.clear_search();
    list.select_first_row();
    list.query.lead = lead;
    list.query.work = work;
    app.say(StatusKind::Info, strings::work_opened());
    list::refresh(app, fx);
}

/// The header's counts while the work view shows.
pub(crate) fn counts(w: &WorkView) -> String {
    match &w.report {
        Some(r) => strings::work_counts(r.clients, r.overdue),
        None => strings::loading().to_owned(),
    }
}

/// A click: selects the count or bar under the pointer; a click on the
/// selected one opens it.
pub(crate) fn click(app: &mut App, column: u16, row: u16, fx: &mut Vec<Effect>) {
    let a = view::areas(layout::chrome(app.area).body);
    let Some(w) = app.stack.work() else { return };
    let inside = |r: ratatui::layout::Rect| {
        column >= r.x && column < r.right() && row > r.y && row < r.bottom()
    };
    let item = if inside(a.statuses) {
        COUNTS.get(usize::from(row - a.statuses.y - 1)).copied()
    } else if inside(a.due) {
        COUNTS.get(5 + usize::from(row - a.due.y - 1)).copied()
    } else if row >= a.chart.y && row < a.chart.bottom() {
        let i = w.scroll + usize::from(row - a.chart.y);
        w.items()
            .into_iter()
            .find(|it| matches!(it, Item::Bar(k) | Item::Client(k) if *k == i))
    } else {
        None
    };
    let Some(item) = item else { return };
    let Some(index) = w.items().iter().position(|it| *it == item) else {
        return;
    };
    if index == w.selected {
        return command(app, Command::Open, fx);
    }
    if let Some(w) = app.stack.work_mut() {
        w.selected = index;
    }
}
