//! The bindings cabinet ships with, screen by screen, in the order the
//! help lists them.

use super::super::action::Command;
use super::super::lang::Lang;
use super::Screen;

/// A default binding: command, keys, shown in the footer.
pub(super) type DefaultBinding = (Command, &'static [&'static str], bool);

/// The default bindings, screen by screen, in the order help lists them.
pub(super) const DEFAULTS: &[(Screen, &[DefaultBinding])] = &[
    (
        Screen::Global,
        &[
            (Command::Quit, &["ctrl-c"], false),
            (Command::Redraw, &["ctrl-l"], false),
        ],
    ),
    (
        Screen::List,
        &[
            (Command::Down, &["j", "down"], false),
            (Command::Up, &["k", "up"], false),
            (Command::PageDown, &["pgdn", "ctrl-f"], false),
            (Command::PageUp, &["pgup", "ctrl-b"], false),
            (Command::Top, &["g", "home"], false),
            (Command::Bottom, &["G", "end"], false),
            (Command::Open, &["enter"], true),
            (Command::Edit, &["e"], true),
            (Command::Add, &["a"], true),
            (Command::Menu, &["m"], true),
            (Command::Search, &["/"], true),
            (Command::Filters, &["f"], true),
            (Command::ToggleInactive, &["i"], true),
            (Command::Team, &["T"], true),
            (Command::Billing, &["B"], true),
            (Command::Work, &["w"], true),
            (Command::MyWork, &["W"], true),
            (Command::Reactivate, &["r"], false),
            (Command::Sort, &["s"], false),
            (Command::Settings, &["o"], false),
            (Command::Mark, &["space"], false),
            (Command::MarkAll, &["*"], false),
            (Command::ResetView, &["R"], false),
            (Command::Copy, &["c"], false),
            (Command::Back, &["esc"], false),
            (Command::Help, &["?"], true),
            (Command::Quit, &["q"], true),
        ],
    ),
    (
        Screen::Search,
        &[
            (Command::Down, &["down", "ctrl-n"], false),
            (Command::Up, &["up", "ctrl-p"], false),
            (Command::Open, &["enter"], true),
            (Command::FocusList, &["tab"], true),
            (Command::ClearSearch, &["esc"], true),
            (Command::Reactivate, &["ctrl-r"], false),
        ],
    ),
    (
        Screen::Profile,
        &[
            (Command::NextTab, &["tab", "l", "right"], true),
            (Command::PrevTab, &["shift-tab", "h", "left"], false),
            (Command::GoTab(1), &["1"], false),
            (Command::GoTab(2), &["2"], false),
            (Command::GoTab(3), &["3"], false),
            (Command::GoTab(4), &["4"], false),
            (Command::GoTab(5), &["5"], false),
            (Command::Down, &["j", "down"], false),
            (Command::Up, &["k", "up"], false),
            (Command::PageDown, &["pgdn", "ctrl-f"], false),
            (Command::PageUp, &["pgup", "ctrl-b"], false),
            (Command::Top, &["g", "home"], false),
            (Command::Bottom, &["G", "end"], false),
            (Command::Edit, &["e"], true),
            (Command::Menu, &["m"], true),
            (Command::Reveal, &["r"], true),
            (Command::Copy, &["c"], false),
            (Command::AddItem, &["a"], true),
            (Command::EditItem, &["enter"], true),
            (Command::RemoveItem, &["d", "delete"], true),
            (Command::Help, &["?"], true),
            (Command::Back, &["esc", "q"], true),
        ],
    ),
    (
        Screen::Form,
        &[
            (Command::NextField, &["tab"], true),
            (Command::PrevField, &["shift-tab"], true),
            (Command::Down, &["down"], false),
            (Command::Up, &["up"], false),
            (Command::Choose, &["enter"], false),
            (Command::Save, &["ctrl-s"], true),
            (Command::Cancel, &["esc"], true),
            (Command::Help, &["f1"], true),
        ],
    ),
    (
        Screen::Popup,
        &[
            (Command::Down, &["j", "down"], false),
            (Command::Up, &["k", "up"], false),
            (Command::Top, &["g", "home"], false),
            (Command::Bottom, &["G", "end"], false),
            (Command::Choose, &["enter", "space"], true),
            (Command::Close, &["esc", "q"], true),
        ],
    ),
    (
        Screen::Confirm,
        &[
            (Command::Yes, &["y", "enter"], true),
            (Command::No, &["n"], true),
            (Command::Cancel, &["esc", "q"], true),
        ],
    ),
    (
        Screen::Conflict,
        &[
            (Command::Down, &["j", "down"], false),
            (Command::Up, &["k", "up"], false),
            (Command::KeepMine, &["m", "left"], true),
            (Command::TakeTheirs, &["t", "right"], true),
            (Command::AllMine, &["M"], false),
            (Command::AllTheirs, &["T"], false),
            (Command::Reveal, &["r"], false),
            (Command::Save, &["ctrl-s"], true),
            (Command::Back, &["esc", "q"], true),
            (Command::Help, &["?"], true),
        ],
    ),
    (
        Screen::Help,
        &[
            (Command::Down, &["j", "down"], false),
            (Command::Up, &["k", "up"], false),
            (Command::PageDown, &["pgdn"], false),
            (Command::PageUp, &["pgup"], false),
            (Command::Close, &["esc", "q", "?"], true),
        ],
    ),
    (
        Screen::Team,
        &[
            (Command::Down, &["j", "down"], false),
            (Command::Up, &["k", "up"], false),
            (Command::Top, &["g", "home"], false),
            (Command::Bottom, &["G", "end"], false),
            (Command::Add, &["a"], true),
            (Command::Edit, &["e", "enter"], true),
            (Command::Deactivate, &["x"], true),
            (Command::Reactivate, &["r"], true),
            (Command::Billing, &["B"], false),
            (Command::Help, &["?"], true),
            (Command::Back, &["esc", "q"], true),
        ],
    ),
    (
        Screen::Billing,
        &[
            (Command::Down, &["j", "down"], false),
            (Command::Up, &["k", "up"], false),
            (Command::PageDown, &["pgdn", "ctrl-f"], false),
            (Command::PageUp, &["pgup", "ctrl-b"], false),
            (Command::Top, &["g", "home"], false),
            (Command::Bottom, &["G", "end"], false),
            (Command::Open, &["enter"], true),
            (Command::Add, &["a"], true),
            (Command::RemoveItem, &["d", "delete"], true),
            (Command::ToggleInactive, &["i"], true),
            (Command::Team, &["T"], false),
            (Command::Help, &["?"], true),
            (Command::Back, &["esc", "q"], true),
        ],
    ),
    (
        Screen::Work,
        &[
            (Command::Down, &["j", "down"], false),
            (Command::Up, &["k", "up"], false),
            (Command::PageDown, &["pgdn", "ctrl-f"], false),
            (Command::PageUp, &["pgup", "ctrl-b"], false),
            (Command::Top, &["g", "home"], false),
            (Command::Bottom, &["G", "end"], false),
            (Command::Open, &["enter"], true),
            (Command::NextTab, &["l", "right", "tab"], true),
            (Command::PrevTab, &["h", "left", "shift-tab"], false),
            (Command::MyWork, &["m"], true),
            (Command::Help, &["?"], true),
            (Command::Back, &["esc", "q"], true),
        ],
    ),
    (
        Screen::Picker,
        &[
            (Command::Down, &["down", "ctrl-n"], false),
            (Command::Up, &["up", "ctrl-p"], false),
            (Command::Choose, &["enter"], true),
            (Command::Close, &["esc"], true),
        ],
    ),
];

/// Keys a language puts first for a command: French questions take `o`
/// for oui (`n` is already non), shown as the key to press.
pub(super) fn first_keys(lang: Lang) -> &'static [(Screen, Command, &'static [&'static str])] {
    match lang {
        Lang::En => &[],
        Lang::Fr => &[(Screen::Confirm, Command::Yes, &["o", "O"])],
    }
}
