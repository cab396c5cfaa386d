//! The client list, the home screen: its state and how it answers keys.
//!
//! The list holds only a window of rows around what is on screen; the
//! firm computes the view (filters, search, sort) and sends the window.
//! Moving past the window asks for the next one. Every answer carries the
//! position of the selected client, so the selection stays on the same
//! client when the list changes under it.

use std::collections::BTreeMap;

use tui_input::{Input, InputRequest};

use crate::api::ApiError;
use crate::model::{
    Client, ClientId, ClientKind, ClientSummary, LeadFilter, MemberId, SortColumn, ViewPage,
    ViewQuery, WorkFilter,
};

use super::action::{Command, Op};
use super::app::{App, StatusKind};
use super::columns::Content;
use super::effect::Effect;
use super::{form, hidden, layout, popup, profile, strings};

/// The list's state.
#[derive(Debug, Default)]
pub(crate) struct ListState {
    /// Filters, search and sort; the window is set per request.
    pub(crate) query: ViewQuery,
    /// The latest window of rows.
    pub(crate) page: ViewPage,
    /// True once the first window arrived.
    pub(crate) loaded: bool,
    /// The selected row's position in the whole view.
    pub(crate) selected: usize,
    /// The selected client, when its row is known.
    pub(crate) selected_id: Option<ClientId>,
    /// The position of the first row on screen.
    pub(crate) scroll: usize,
    /// Clients marked with Space, with their names.
    pub(crate) marked: BTreeMap<ClientId, String>,
    /// The search box, while shown.
    pub(crate) search: Option<Input>,
    pub(crate) search_focused: bool,
    /// The number of the latest request; older answers are dropped.
    pub(crate) seq: u64,
    /// The number of the latest request answered.
    pub(crate) answered: u64,
    /// Enter or `e` pressed before the rows they act on arrived (typing a
    /// search and Enter faster than the firm answers).
    pub(crate) waiting: Option<Command>,
    /// How wide the page's rows want each column, measured when the page
    /// arrives (and again when the day changes), not on every frame.
    measured: Content,
}

impl ListState {
    /// Measures the page's rows for the columns, as of `today`.
    pub(crate) fn measure(&mut self, today: jiff::civil::Date) {
        self.measured = Content::of_page(&self.page, today);
    }

    /// How wide the page's rows want each column: as measured when the
    /// page arrived or the day last changed (the language is chosen once).
    pub(crate) fn content(&self) -> Content {
        self.measured
    }

    /// Turns every filter off: type, lead and work. The search, the sort
    /// and include-inactive stay as they are.
    pub(crate) fn clear_filters(&mut self) {
        let q = &mut self.query;
        q.kind = None;
        q.lead = LeadFilter::Any;
        q.work = WorkFilter::default();
    }

    /// Back to the list as it first opens: no filter, active clients
    /// only, in ascending order of `sort`. The search stays.
    pub(crate) fn reset_view(&mut self, sort: SortColumn) {
        self.clear_filters();
        let q = &mut self.query;
        q.include_inactive = false;
        q.sort = sort;
        q.descending = false;
    }

    /// Empties the search and closes its box.
    pub(crate) fn clear_search(&mut self) {
        self.search = None;
        self.search_focused = false;
        self.query.search.clear();
    }

    /// Back to the first row, whichever client it is.
    pub(crate) fn select_first_row(&mut self) {
        self.selected = 0;
        self.scroll = 0;
        self.selected_id = None;
    }

    /// The row at a position in the view, if it is loaded.
    pub(crate) fn row(&self, index: usize) -> Option<&ClientSummary> {
        index
            .checked_sub(self.page.offset)
            .and_then(|i| self.page.rows.get(i))
    }

    /// The row at a line of the list: a client of the view, or one of the
    /// search's hidden matches listed below them.
    pub(crate) fn row_at(&self, index: usize) -> Option<&ClientSummary> {
        if index < self.page.total {
            return self.row(index);
        }
        match hidden::extras(&self.page).get(index - self.page.total) {
            Some(hidden::Extra::Row(h)) => Some(&h.row),
            _ => None,
        }
    }

    /// The selected client's row, if loaded.
    pub(crate) fn selected_row(&self) -> Option<&ClientSummary> {
        self.row_at(self.selected)
            .filter(|r| Some(r.id) == self.selected_id)
    }

    /// Clients in the view.
    pub(crate) fn total(&self) -> usize {
        self.page.total
    }

    /// Lines of the list: the view's clients, then the search's hidden
    /// matches with their headings.
    pub(crate) fn lines(&self) -> usize {
        self.page.total + hidden::extras(&self.page).len()
    }

    /// The nearest line to `index` that holds a client, looking forward
    /// first (or backward first), so that headings are skipped.
    fn nearest_row(&self, index: usize, forward: bool) -> usize {
        let lines = self.lines();
        let is_row = |i: usize| i < self.page.total || self.row_at(i).is_some();
        let ahead = (index..lines).find(|&i| is_row(i));
        let behind = (0..=index.min(lines.saturating_sub(1)))
            .rev()
            .find(|&i| is_row(i));
        let found = if forward {
            ahead.or(behind)
        } else {
            behind.or(ahead)
        };
        found.unwrap_or(index)
    }

    /// True when the rows on screen are all loaded.
    fn covered(&self, rows: usize) -> bool {
        let end = (self.scroll + rows).min(self.page.total);
        let have = self.page.offset..self.page.offset + self.page.rows.len();
        self.scroll >= end || (have.contains(&self.scroll) && end <= have.end)
    }

    /// Keeps the selection inside the view and on screen.
    fn settle(&mut self, rows: usize) {
        let total = self.lines();
        self.selected = self.selected.min(total.saturating_sub(1));
        if self.selected < self.scroll {
            self.scroll = self.selected;
        }
        if self.selected >= self.scroll + rows {
            self.scroll = self.selected + 1 - rows;
        }
        self.scroll = self.scroll.min(total.saturating_sub(rows));
    }

    /// Moves the selection to `index`, keeping it at the same height on
    /// screen.
    fn follow(&mut self, index: usize, rows: usize) {
        let height = self.selected.saturating_sub(self.scroll);
        self.selected = index;
        self.scroll = index.saturating_sub(height);
        self.settle(rows);
    }
}

/// How many rows the screen shows.
pub(crate) fn rows(app: &App) -> usize {
    layout::list_rows(app.area, app.list.search.is_some()).max(1)
}

/// Asks for the window around the screen, locating the selected client.
pub(crate) fn refresh(app: &mut App, fx: &mut Vec<Effect>) {
    let h = rows(app);
    let today = app.today;
    let list = &mut app.list;
    list.seq += 1;
    let query = ViewQuery {
        offset: list.scroll.saturating_sub(h),
        limit: 3 * h,
        locate: list.selected_id,
        today: Some(today),
        ..list.query.shape()
    };
    fx.push(Effect::Query {
        seq: list.seq,
        query,
    });
}

/// The screen changed size: keep the selection on screen and fill it.
pub(crate) fn resized(app: &mut App, fx: &mut Vec<Effect>) {
    let h = rows(app);
    app.list.settle(h);
    if app.list.loaded && !app.list.covered(h) {
        refresh(app, fx);
    }
}

/// A window arrived.
pub(crate) fn page(
    app: &mut App,
    seq: u64,
    locate: Option<ClientId>,
    page: ViewPage,
    fx: &mut Vec<Effect>,
) {
    let h = rows(app);
    let today = app.today;
    let list = &mut app.list;
    if seq != list.seq {
        return;
    }
    list.answered = seq;
    list.page = page;
    list.measure(today);
    list.loaded = true;
    let target = list.selected_id.and_then(|id| {
        list.page
            .rows
            .iter()
            .position(|r| r.id == id)
            .map(|k| list.page.offset + k)
            .or(if locate == Some(id) {
                list.page.located
            } else {
                None
            })
            .or_else(|| hidden::position(&list.page, id).map(|k| list.page.total + k))
    });
    match target {
        Some(i) => list.follow(i, h),
        None => {
            list.settle(h);
            list.selected = list.nearest_row(list.selected, true);
        }
    }
    let known = list.row_at(list.selected).map(|r| r.id);
    if known.is_some() || target.is_none() {
        list.selected_id = known;
    }
    if !list.covered(h) {
        return refresh(app, fx);
    }
    if let Some(command) = app.list.waiting.take() {
        act_on_selected(app, command, fx);
    }
}

/// True while a request for rows is on its way.
fn pending(app: &App) -> bool {
    app.list.answered < app.list.seq
}

/// Opens or edits the selected client; if its row is still on its way,
/// does so when it arrives.
fn act_on_selected(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    match app.list.selected_row().map(|r| r.id) {
        Some(id) if command == Command::Edit => form::edit(app, id, fx),
        Some(id) => {
            // Back from the profile, keys move in the list again; the
            // search stays.
            app.list.search_focused = false;
            profile::open(app, id, fx);
        }
        None if pending(app) => app.list.waiting = Some(command),
        None => app.say(StatusKind::Info, strings::nothing_selected()),
    }
}

/// Moves the selection to a position in the view.
pub(crate) fn select(app: &mut App, index: usize, fx: &mut Vec<Effect>) {
    let h = rows(app);
    let list = &mut app.list;
    if list.lines() == 0 {
        return;
    }
    let forward = index >= list.selected;
    list.selected = list.nearest_row(index.min(list.lines() - 1), forward);
    list.settle(h);
    list.selected_id = list.row_at(list.selected).map(|r| r.id);
    if !list.covered(h) {
        refresh(app, fx);
    }
}

fn step(app: &mut App, delta: isize, fx: &mut Vec<Effect>) {
    let to = app.list.selected.saturating_add_signed(delta);
    select(app, to, fx);
}

/// The list's keys (and the search box's commands).
pub(crate) fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let h = rows(app) as isize;
    if !matches!(command, Command::Open | Command::Edit) {
        app.list.waiting = None;
    }
    match command {
        Command::Up => step(app, -1, fx),
        Command::Down => step(app, 1, fx),
        Command::PageUp => step(app, -h, fx),
        Command::PageDown => step(app, h, fx),
        Command::Top => select(app, 0, fx),
        Command::Bottom => select(app, app.list.lines().saturating_sub(1), fx),
        Command::Open | Command::Edit => act_on_selected(app, command, fx),
        Command::Add => form::add(app, fx),
        Command::Menu => popup::actions(app),
        Command::ToggleInactive => toggle_inactive(app, fx),
        Command::Search => {
            let value = app.list.query.search.clone();
            let was_shown = app.list.search.is_some();
            app.list.search = Some(Input::new(value));
            app.list.search_focused = true;
            if !was_shown {
                resized(app, fx);
            }
        }
        Command::Filters => popup::filters(app),
        Command::Settings => popup::settings(app),
        Command::Sort => popup::sort(app),
        Command::Mark => mark(app, fx),
        Command::Copy => match app.list.selected_row() {
            Some(r) => fx.push(Effect::LoadForCopy(r.id)),
            None => app.say(StatusKind::Info, strings::nothing_selected()),
        },
        Command::ResetView => {
            app.list.reset_view(SortColumn::Name);
            app.say(StatusKind::Info, strings::view_reset());
            refresh(app, fx);
        }
        Command::MarkAll => {
            let query = ViewQuery {
                today: Some(app.today),
                ..app.list.query.shape()
            };
            fx.push(Effect::MarkAll(query));
        }
        Command::Help => popup::help(app),
        Command::Back => {
            if !app.list.query.search.is_empty() || app.list.search.is_some() {
                clear_search(app, fx);
            } else if !app.list.marked.is_empty() {
                app.list.marked.clear();
                app.say(StatusKind::Info, strings::marks_cleared());
            }
        }
        Command::ClearSearch => clear_search(app, fx),
        Command::FocusList => app.list.search_focused = false,
        Command::Reactivate => reactivate(app, fx),
        Command::Team => super::team::open(app, fx),
        Command::Billing => super::billing::open(app, fx),
        Command::Work => super::work::open(app, false, fx),
        Command::MyWork => super::work::open(app, true, fx),
        Command::Quit => fx.push(Effect::Exit),
        _ => {}
    }
}

/// Makes the selected client active again, be it in the view (inactive
/// clients included) or listed below a search as a hidden match.
fn reactivate(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(row) = app.list.selected_row() else {
        return app.say(StatusKind::Info, strings::nothing_selected());
    };
    if row.active {
        let text = strings::already_active(&row.name);
        return app.say(StatusKind::Info, text);
    }
    fx.push(Effect::SetActive {
        id: row.id,
        name: row.name.clone(),
        active: true,
    });
}

fn mark(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(row) = app.list.selected_row() else {
        return;
    };
    let (id, name) = (row.id, row.name.clone());
    if app.list.marked.remove(&id).is_none() {
        app.list.marked.insert(id, name);
    }
    let n = app.list.marked.len();
    if n > 0 {
        let key = app
            .keymap
            .key_label(super::keymap::Screen::List, Command::Menu)
            .unwrap_or_default();
        app.say(StatusKind::Info, strings::marked(n, &key));
    }
    step(app, 1, fx);
}

/// Every client of the view arrived: mark them all.
pub(crate) fn mark_all(app: &mut App, rows: Vec<(ClientId, String)>) {
    let n = rows.len();
    app.list.marked.extend(rows);
    let key = app
        .keymap
        .key_label(super::keymap::Screen::List, Command::Menu)
        .unwrap_or_default();
    app.say(
        StatusKind::Info,
        strings::marked_all(n, app.list.marked.len(), &key),
    );
}

fn toggle_inactive(app: &mut App, fx: &mut Vec<Effect>) {
    let on = !app.list.query.include_inactive;
    set_include_inactive(app, on, fx);
}

/// Shows or hides inactive clients.
pub(crate) fn set_include_inactive(app: &mut App, on: bool, fx: &mut Vec<Effect>) {
    app.list.query.include_inactive = on;
    let text = if on {
        strings::inactive_shown()
    } else {
        strings::inactive_hidden()
    };
    app.say(StatusKind::Info, text);
    refresh(app, fx);
}

/// Shows one type of client, or all.
pub(crate) fn set_kind(app: &mut App, kind: Option<ClientKind>, fx: &mut Vec<Effect>) {
    app.list.query.kind = kind;
    refresh(app, fx);
}

/// Shows one lead accountant's clients, or all.
pub(crate) fn set_lead(app: &mut App, lead: LeadFilter, fx: &mut Vec<Effect>) {
    app.list.query.lead = lead;
    refresh(app, fx);
}

/// Shows only the clients whose tax-return work passes these filters.
pub(crate) fn set_work(app: &mut App, work: WorkFilter, fx: &mut Vec<Effect>) {
    app.list.query.work = work;
    refresh(app, fx);
}

/// Turns every filter off: type, lead and work (not the search).
pub(crate) fn clear_filters(app: &mut App, fx: &mut Vec<Effect>) {
    app.list.clear_filters();
    app.say(StatusKind::Info, strings::filters_cleared());
    refresh(app, fx);
}

/// Sorts by a column; the same column again reverses the order.
pub(crate) fn sort_by(app: &mut App, column: SortColumn, fx: &mut Vec<Effect>) {
    let q = &mut app.list.query;
    if q.sort == column {
        q.descending = !q.descending;
    } else {
        q.sort = column;
        q.descending = false;
    }
    let (sort, descending) = (q.sort, q.descending);
    app.say(StatusKind::Info, strings::sorted(sort, descending));
    refresh(app, fx);
}

fn clear_search(app: &mut App, fx: &mut Vec<Effect>) {
    app.list.clear_search();
    refresh(app, fx);
}

/// A key typed into the search box.
pub(crate) fn search_input(app: &mut App, request: InputRequest, fx: &mut Vec<Effect>) {
    let Some(input) = &mut app.list.search else {
        return;
    };
    let changed = input.handle(request).is_some_and(|c| c.value);
    if changed {
        let value = input.value().to_owned();
        searched(app, value, fx);
    }
}

/// Text pasted into the search box.
pub(crate) fn search_paste(app: &mut App, text: &str, fx: &mut Vec<Effect>) {
    let Some(input) = &mut app.list.search else {
        return;
    };
    for c in text.chars().filter(|c| !c.is_control()) {
        input.handle(InputRequest::InsertChar(c));
    }
    let value = input.value().to_owned();
    searched(app, value, fx);
}

fn searched(app: &mut App, value: String, fx: &mut Vec<Effect>) {
    let list = &mut app.list;
    list.query.search = value;
    list.select_first_row();
    refresh(app, fx);
}

/// A client was made inactive or active again (from the list or its
/// profile): say so, and show the profile's new state.
pub(crate) fn active_set(app: &mut App, client: &Client, fx: &mut Vec<Effect>) {
    let text = if client.is_active() {
        strings::reactivated(&client.display_name)
    } else {
        strings::deactivated(&client.display_name)
    };
    app.say(StatusKind::Success, text);
    if let Some(p) = app.stack.profile()
        && p.id == client.id
    {
        fx.push(Effect::LoadProfile { id: client.id });
    }
}

/// Leads were assigned to `count` of the `asked` clients (`label` names
/// the one client, or the count); the marks are done with.
pub(crate) fn lead_assigned(
    app: &mut App,
    count: usize,
    lead: Option<MemberId>,
    label: &str,
    asked: usize,
) {
    let lead = lead.map(|id| app.member_name(id));
    let text = if asked > 1 {
        strings::leads_assigned(lead.as_deref(), asked, count)
    } else {
        strings::lead_assigned(lead.as_deref(), label, count)
    };
    app.say(StatusKind::Success, text);
    app.list.marked.clear();
}

/// The marked clients were made inactive or active again, all of them or
/// `count` of the `asked` (`failed` says why the others were not).
pub(crate) fn active_set_many(
    app: &mut App,
    count: usize,
    asked: usize,
    active: bool,
    failed: Option<ApiError>,
    fx: &mut Vec<Effect>,
) {
    match failed {
        None => {
            app.say(StatusKind::Success, strings::active_set_many(count, active));
            app.list.marked.clear();
        }
        Some(e) => {
            let op = Op::SetActive {
                name: String::new(),
                active,
            };
            let why = strings::failed(&op, &e);
            let text = strings::active_set_partly(count, asked, active, &why);
            app.say(StatusKind::Error, text);
        }
    }
    refresh(app, fx);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::SessionInfo;
    use crate::model::{Member, ReturnBrief, ReturnStatus};
    use crate::tui::action::{Action, Outcome};
    use jiff::civil::date;

    fn app(today: jiff::civil::Date) -> App {
        let session = SessionInfo {
            firm: "demo".into(),
            me: Member::new("Marc Roy", "mroy"),
        };
        App::new(
            session,
            Vec::new(),
            crate::tui::keymap::Keymap::defaults(crate::i18n::Lang::En),
            crate::tui::theme::Theme::new(false),
            today,
            jiff::tz::TimeZone::UTC,
        )
    }

    fn page(due: jiff::civil::Date) -> ViewPage {
        let mut client = Client::new("Boulangerie Fréchette et Fils Inc.");
        client.id = 7;
        let mut row = ClientSummary::of(&client, &[]);
        row.latest_return = Some(ReturnBrief {
            year: 2025,
            form: "T1".into(),
            status: ReturnStatus::NotStarted,
            due: Some(due),
            filed: None,
        });
        ViewPage {
            total: 1,
            rows: vec![row],
            found: vec![None],
            ..ViewPage::default()
        }
    }

    #[test]
    fn a_page_is_measured_once_when_it_arrives_and_again_when_the_day_changes() {
        let day = date(2026, 11, 30);
        let mut app = app(day);
        app.start();
        assert_eq!(app.list.content(), Content::default());
        let seq = app.list.seq;
        // Due in ten days today, in nine tomorrow: a narrower return cell.
        let arrived = page(date(2026, 12, 10));
        crate::tui::app::update(
            &mut app,
            Action::Done(Outcome::Page {
                seq,
                locate: None,
                page: arrived.clone(),
            }),
        );
        let m = app.list.content();
        assert_eq!(m, Content::of_page(&arrived, day), "measured on arrival");
        assert_ne!(m, Content::default());

        let next = date(2026, 12, 1);
        crate::tui::app::update(&mut app, Action::Today(next));
        assert_eq!(
            app.list.content(),
            Content::of_page(&arrived, next),
            "measured again"
        );
        assert_ne!(
            Content::of_page(&arrived, day),
            Content::of_page(&arrived, next),
            "the day changes what the return column wants"
        );
    }
}
