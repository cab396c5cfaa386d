//! The mouse, a bonus over the keyboard: a click selects a row (and opens
//! it when already selected), sorts by a column header, switches a profile
//! tab, focuses a form field or picks a menu line; the wheel scrolls.
//! Clicks are placed with the same layout the screen was drawn with.

use super::action::Command;
use super::app::App;
use super::effect::Effect;
use super::keymap::Screen;
use super::popup::Popup;
use super::stack::Kind;
use super::{columns, layout, list, popup, profile};

/// A left click at a screen cell.
pub(crate) fn click(app: &mut App, column: u16, row: u16, fx: &mut Vec<Effect>) {
    if !layout::fits(app.area) {
        return;
    }
    let body = layout::chrome(app.area).body;
    match app.screen() {
        // Only menus take clicks among popups: a click outside closes one.
        Screen::Popup => {
            let Some(Popup::Menu(menu)) = app.stack.popup() else {
                return;
            };
            let outer = popup::view::menu_area(menu, app.area);
            let inside = column > outer.x
                && column + 1 < outer.right()
                && row > outer.y
                && row + 1 < outer.bottom();
            if !inside {
                app.stack.take_popup();
                return;
            }
            let index =
                popup::view::menu_first(menu, outer.height - 2) + usize::from(row - outer.y - 1);
            if let Some(Popup::Menu(menu)) = app.stack.popup_mut()
                && menu.items.get(index).is_some_and(|i| i.choice.is_some())
            {
                menu.selected = index;
                popup::command(app, Command::Choose, fx);
            }
        }
        Screen::Help | Screen::Confirm | Screen::Global | Screen::Conflict | Screen::Picker => {}
        Screen::Team => super::team::click(app, row, fx),
        Screen::Billing => super::billing::click(app, row, fx),
        Screen::Work => super::work::click(app, column, row, fx),
        Screen::Form => match app.stack.top_kind() {
            Kind::ClientForm => {
                if let Some(f) = app.stack.client_form_mut()
                    && let Some(i) = super::form::view::field_at(f, body, row)
                {
                    f.focus = i;
                }
            }
            Kind::MemberForm => {
                if let Some(f) = app.stack.member_form_mut()
                    && let Some(i) = super::team::form_view::field_at(f, body, row)
                {
                    f.focus = i;
                }
            }
            _ => {}
        },
        Screen::Profile => {
            let areas = layout::profile(body);
            if row == areas.tabs.y
                && let Some(tab) = profile::tab_at(column - areas.tabs.x)
            {
                let n = profile::Tab::ALL
                    .iter()
                    .position(|t| *t == tab)
                    .unwrap_or(0) as u8
                    + 1;
                profile::command(app, Command::GoTab(n), fx);
            } else if let Some(p) = app.stack.profile_mut()
                && p.tab.part().is_some()
                && row > areas.content.y
                && row < areas.content.bottom()
            {
                let count = p
                    .client
                    .as_ref()
                    .zip(p.tab.part())
                    .map_or(0, |(c, part)| part.len(c));
                let visible = usize::from(areas.content.height - 1);
                let first = if p.item < visible {
                    0
                } else {
                    p.item + 1 - visible
                };
                let index = first + usize::from(row - areas.content.y - 1);
                if index < count {
                    if index == p.item {
                        profile::command(app, Command::EditItem, fx);
                    } else {
                        p.item = index;
                    }
                }
            }
        }
        Screen::List | Screen::Search => {
            let areas = layout::list(body, app.list.search.is_some());
            if row == areas.columns.y {
                if let Some(c) = columns::at(&super::list_view::placed(app, body.width), column) {
                    list::sort_by(app, c, fx);
                }
            } else if row >= areas.rows.y && row < areas.rows.bottom() {
                let index = app.list.scroll + usize::from(row - areas.rows.y);
                if app.list.row_at(index).is_none() && index >= app.list.total() {
                    return;
                }
                app.list.search_focused = false;
                if index == app.list.selected {
                    list::command(app, Command::Open, fx);
                } else {
                    list::select(app, index, fx);
                }
            } else if areas.search.is_some_and(|s| s.y == row) {
                app.list.search_focused = true;
            }
        }
    }
}

/// The wheel turned: move as the arrow keys would, three lines at a time.
pub(crate) fn scroll(app: &mut App, down: bool, fx: &mut Vec<Effect>) {
    let command = if down { Command::Down } else { Command::Up };
    for _ in 0..3 {
        match app.screen() {
            Screen::List | Screen::Search => list::command(app, command, fx),
            Screen::Team => super::team::command(app, command, fx),
            Screen::Billing => super::billing::command(app, command, fx),
            Screen::Work => super::work::command(app, command, fx),
            Screen::Profile => profile::command(app, command, fx),
            Screen::Help | Screen::Popup => popup::command(app, command, fx),
            Screen::Conflict => super::conflict::command(app, command, fx),
            _ => return,
        }
    }
}
