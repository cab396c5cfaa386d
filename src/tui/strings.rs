//! Every word the terminal app shows, in English, in one place.
//!
//! Nothing else in the app holds user-visible prose: screens call these
//! constants and functions. A French translation is this file copied and
//! translated, item by item, behind the same names. Model errors arrive
//! as codes ([`Rule`]) and are worded here, not by the model.
//!
//! The file is long because it is a table; keep it in the order of the
//! screens.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::api::ApiError;
use crate::model::{
    AuditAction, ClientKind, DocStatus, Field, MemberId, ReturnStatus, Rule, SortColumn,
};

use super::action::{Command, Op};
use super::conflict::Piece;
use super::keymap::{KeymapError, Screen};
use super::profile::{Part, Tab};

// ---- Keys -----------------------------------------------------------------

pub const KEY_SPACE: &str = "Space";
pub const KEY_ENTER: &str = "Enter";
pub const KEY_ESC: &str = "Esc";
pub const KEY_TAB: &str = "Tab";
pub const KEY_BACKTAB: &str = "Shift-Tab";
pub const KEY_BACKSPACE: &str = "Backspace";
pub const KEY_DELETE: &str = "Del";
pub const KEY_INSERT: &str = "Ins";
pub const KEY_HOME: &str = "Home";
pub const KEY_END: &str = "End";
pub const KEY_PAGE_UP: &str = "PgUp";
pub const KEY_PAGE_DOWN: &str = "PgDn";
pub const KEY_CTRL: &str = "Ctrl-";
pub const KEY_ALT: &str = "Alt-";
pub const KEY_SHIFT: &str = "Shift-";

/// What a command does, as the help lists it.
pub fn describe(screen: Screen, command: Command) -> &'static str {
    match (screen, command) {
        (Screen::List, Command::Back) => "Clear the search, then the marks",
        (Screen::List, Command::Quit) => "Quit cabinet",
        (Screen::Profile, Command::Back) => "Back to the list",
        (Screen::Profile, Command::EditItem) => "Edit the selected product, document or return",
        (Screen::Profile, Command::Edit) => "Edit the client",
        (Screen::Conflict, Command::Back) => "Back to the form, keeping your changes",
        (Screen::Conflict, Command::Save) => "Save the result on the current version",
        (Screen::Form, Command::Down) => "Next line in notes, else the next field",
        (Screen::Form, Command::Up) => "Previous line in notes, else the previous field",
        (Screen::Form, Command::Save) => "Save",
        (Screen::Search, Command::Open) => "Open the selected client",
        (Screen::Popup, Command::Close) => "Close",
        (Screen::Help, Command::Close) => "Close the help",
        (Screen::Confirm, Command::Cancel) => "Leave it for now",
        (_, c) => match c {
            Command::Up => "Move up",
            Command::Down => "Move down",
            Command::PageUp => "Up one page",
            Command::PageDown => "Down one page",
            Command::Top => "Go to the first",
            Command::Bottom => "Go to the last",
            Command::Open => "Open the client's profile",
            Command::Edit => "Edit the selected client",
            Command::Add => "Add a client",
            Command::Menu => "Actions: edit, make inactive, reactivate, lead",
            Command::ToggleInactive => "Include or hide inactive clients",
            Command::Search => "Search clients",
            Command::Filters => "Filter by client type and lead accountant",
            Command::Settings => "Settings (include inactive clients)",
            Command::Sort => "Sort by a column; again to reverse",
            Command::Mark => "Mark a client; m then sets the lead of all marked",
            Command::Help => "Show every key",
            Command::Back => "Go back",
            Command::Quit => "Quit (asks first if a form has changes)",
            Command::Redraw => "Redraw the screen",
            Command::ClearSearch => "Clear the search",
            Command::FocusList => "Keep the search and move in the list",
            Command::NextTab => "Next tab",
            Command::PrevTab => "Previous tab",
            Command::GoTab(1) => "Overview tab",
            Command::GoTab(2) => "QuickBooks tab",
            Command::GoTab(3) => "Documents tab",
            Command::GoTab(4) => "Tax returns tab",
            Command::GoTab(_) => "History tab",
            Command::Reveal => "Show or mask tax identifiers",
            Command::AddItem => "Add a product, document or return (on its tab)",
            Command::EditItem => "Edit the selected item",
            Command::RemoveItem => "Remove the selected item",
            Command::NextField => "Next field",
            Command::PrevField => "Previous field",
            Command::Save => "Save",
            Command::Cancel => "Cancel (asks first if something changed)",
            Command::Choose => "Choose; opens a pick list; new line in notes",
            Command::Close => "Close",
            Command::Yes => "Yes",
            Command::No => "No",
            Command::KeepMine => "Keep your value for this field",
            Command::TakeTheirs => "Take their value for this field",
            Command::AllMine => "Keep all of yours",
            Command::AllTheirs => "Take all of theirs",
            other => super::strings_more::describe_command(other),
        },
    }
}

/// A command in one or two words, for the footer.
pub fn hint(screen: Screen, command: Command) -> &'static str {
    match (screen, command) {
        (Screen::Profile, Command::Back) | (Screen::Conflict, Command::Back) => "back",
        (Screen::Search, Command::ClearSearch) => "clear",
        (Screen::Profile, Command::Edit) => "edit client",
        (Screen::Search, Command::FocusList) => "to list",
        (Screen::Confirm, Command::Cancel) => "cancel",
        (_, c) => match c {
            Command::Open => "open",
            Command::Edit => "edit",
            Command::Add => "add",
            Command::Menu => "actions",
            Command::Search => "search",
            Command::Filters => "filter",
            Command::ToggleInactive => "inactive",
            Command::Sort => "sort",
            Command::Help => "help",
            Command::Quit => "quit",
            Command::NextTab => "next tab",
            Command::Reveal => "show ids",
            Command::AddItem => "add",
            Command::EditItem => "edit",
            Command::RemoveItem => "remove",
            Command::NextField => "next",
            Command::PrevField => "previous",
            Command::Save => "save",
            Command::Cancel => "cancel",
            Command::Choose => "choose",
            Command::Close => "close",
            Command::Yes => "yes",
            Command::No => "no",
            Command::KeepMine => "mine",
            Command::TakeTheirs => "theirs",
            _ => "",
        },
    }
}

/// A help section's title.
pub fn help_section(screen: Screen) -> String {
    let name = match screen {
        Screen::Global => "Everywhere",
        Screen::List => "Client list",
        Screen::Search => "Search box",
        Screen::Profile => "Client profile",
        Screen::Form => "Form",
        Screen::Popup => "Menus",
        Screen::Confirm => "Questions",
        Screen::Conflict => "Conflict",
        Screen::Help => "Help",
        other => super::strings_more::screen_title(other),
    };
    name.to_owned()
}

pub const HELP_TITLE: &str = "Keys";
pub const EDITING_KEYS_TITLE: &str = "Editing text";
pub const EDITING_KEYS: [(&str, &str); 7] = [
    (
        "← →",
        "Move the cursor (in a pick list: the previous or next choice)",
    ),
    ("Ctrl-← Ctrl-→", "Move by word"),
    ("Home End Ctrl-A Ctrl-E", "Start or end of the line"),
    ("Backspace Del", "Delete a character"),
    ("Ctrl-W Alt-Backspace", "Delete the word before the cursor"),
    ("Ctrl-U Ctrl-K", "Delete to the start or to the end"),
    ("Space", "Open a pick list's choices"),
];

/// A settings file's `[keys]` table that cannot be used, in words.
pub fn keymap_error(e: &KeymapError) -> String {
    let screens = Screen::ALL.map(Screen::name).join(", ");
    match e {
        KeymapError::UnknownScreen { screen } => {
            format!("keys.{screen}: there is no screen \"{screen}\"; screens are: {screens}")
        }
        KeymapError::NotATable { screen } => {
            format!(
                "keys.{screen}: expected a table of bindings, e.g. [keys.{screen}] then quit = \"x\""
            )
        }
        KeymapError::UnknownCommand {
            screen,
            name,
            known,
        } => format!(
            "keys.{screen}.{name}: there is no action \"{name}\" on the {screen} screen; actions there are: {}",
            known.join(", ")
        ),
        KeymapError::BadValue { screen, name } => {
            format!(
                "keys.{screen}.{name}: expected a key as text, e.g. \"x\", or a list of keys, e.g. [\"x\", \"ctrl-x\"]"
            )
        }
        KeymapError::BadKey { screen, name, key } => format!(
            "keys.{screen}.{name}: \"{key}\" is not a key; write a character (\"x\", \"G\", \"?\"), a named key \
             (\"enter\", \"esc\", \"space\", \"tab\", \"pgdn\", \"f2\") or a key with ctrl- or alt- (\"ctrl-s\")"
        ),
        KeymapError::TypesText { screen, name, key } => format!(
            "keys.{screen}.{name}: \"{key}\" types text on the {screen} screen; use a key with ctrl- or alt-, or a function key"
        ),
    }
}

// ---- Words for model values --------------------------------------------------

pub fn kind(k: ClientKind) -> &'static str {
    match k {
        ClientKind::Business => "Business",
        ClientKind::Individual => "Individual",
    }
}

pub fn return_status(s: ReturnStatus) -> &'static str {
    match s {
        ReturnStatus::NotStarted => "not started",
        ReturnStatus::InProgress => "in progress",
        ReturnStatus::ReadyForReview => "ready for review",
        ReturnStatus::Filed => "filed",
        ReturnStatus::Accepted => "accepted",
    }
}

pub fn doc_status(s: DocStatus) -> &'static str {
    match s {
        DocStatus::Requested => "requested",
        DocStatus::Received => "received",
        DocStatus::Reviewed => "reviewed",
    }
}

pub fn audit_action(a: AuditAction) -> &'static str {
    match a {
        AuditAction::Created => "created the client",
        AuditAction::Updated => "changed",
        AuditAction::Deactivated => "made the client inactive",
        AuditAction::Reactivated => "reactivated the client",
        AuditAction::LeadAssigned => "changed the lead accountant",
        AuditAction::Imported => "imported the client",
        AuditAction::Restored => "restored the client",
        AuditAction::MemberAdded => "added the team member",
        AuditAction::MemberChanged => "changed the team member",
    }
}

pub fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// A province or territory by its postal abbreviation.
pub fn province(code: &str) -> &'static str {
    match code {
        "QC" => "QC  Québec",
        "ON" => "ON  Ontario",
        "AB" => "AB  Alberta",
        "BC" => "BC  British Columbia",
        "MB" => "MB  Manitoba",
        "NB" => "NB  New Brunswick",
        "NL" => "NL  Newfoundland and Labrador",
        "NS" => "NS  Nova Scotia",
        "NT" => "NT  Northwest Territories",
        "NU" => "NU  Nunavut",
        "PE" => "PE  Prince Edward Island",
        "SK" => "SK  Saskatchewan",
        "YT" => "YT  Yukon",
        _ => "",
    }
}

/// A client field's label on forms.
pub fn field_label(f: Field) -> &'static str {
    match f {
        Field::Name => "Display name",
        Field::Number => "Client number",
        Field::Kind => "Type",
        Field::Company => "Company",
        Field::FirstName => "First name",
        Field::LastName => "Last name",
        Field::Email => "Email",
        Field::Phone => "Phone",
        Field::Mobile => "Mobile",
        Field::Website => "Website",
        Field::Street => "Street",
        Field::City => "City",
        Field::Province => "Province",
        Field::PostalCode => "Postal code",
        Field::Country => "Country",
        Field::BusinessNumber => "Business number",
        Field::Neq => "NEQ",
        Field::Gst => "GST/HST number",
        Field::Qst => "QST number",
        Field::Sin => "SIN",
        Field::FiscalYearEnd => "Fiscal year end",
        Field::SelfEmployed => "Self-employed",
        Field::Notes => "Notes",
        Field::Lead => "Lead accountant",
    }
}

/// What to type in a field, shown while it has the focus.
pub fn field_hint(f: Field) -> Option<&'static str> {
    Some(match f {
        Field::Email => "name@example.com",
        Field::Website => "https://…",
        Field::Phone | Field::Mobile => "514-555-0199",
        Field::PostalCode => "H2X 1Y4",
        Field::BusinessNumber => "9 digits, e.g. 123456782",
        Field::Neq => "10 digits starting 11, 22, 33 or 88",
        Field::Gst => "e.g. 123456782RT0001",
        Field::Qst => "e.g. 1234567890TQ0001",
        Field::Sin => "9 digits; individuals only",
        Field::FiscalYearEnd => "month-day, e.g. 12-31; empty: December 31",
        Field::Number => "your firm's own number, unique",
        _ => return None,
    })
}

/// A field key from the audit log or the store (`phone`, `product 2`,
/// `product 2 price`) as words.
pub fn field_key_label(key: &str) -> String {
    if let Ok(f) = Field::parse(key) {
        return field_label(f).to_owned();
    }
    let mut parts = key.splitn(3, ' ');
    let (what, n, rest) = (parts.next().unwrap_or(""), parts.next(), parts.next());
    let what = match what {
        "product" => "Product",
        "document" => "Document",
        "return" => "Tax return",
        "team_access" => return "Team access".to_owned(),
        "status" => return "Status".to_owned(),
        "role" => return "Role".to_owned(),
        "active" => return "Active".to_owned(),
        other => return other.replace('_', " "),
    };
    match (n, rest) {
        (Some(n), Some(rest)) => format!("{what} {n}, {rest}"),
        (Some(n), None) => format!("{what} {n}"),
        _ => what.to_owned(),
    }
}

/// A broken rule, worded to follow the field's name.
pub fn rule(r: &Rule) -> String {
    match r {
        Rule::Required => "is required".to_owned(),
        Rule::TooLong { max } => format!("is longer than {max} characters"),
        Rule::ForbiddenChar { ch } => {
            format!(
                "contains a control or invisible character (U+{:04X}); remove it",
                *ch as u32
            )
        }
        Rule::Email => {
            "must look like name@example.com: one @, a dot in the domain, no spaces".to_owned()
        }
        Rule::Website => "must start with http:// or https://".to_owned(),
        Rule::BusinessNumber => "must be 9 digits, e.g. 123456782".to_owned(),
        Rule::Neq => "must be 10 digits starting with 11, 22, 33 or 88".to_owned(),
        Rule::Gst => "must be 9 digits, RT, 4 digits, e.g. 123456782RT0001".to_owned(),
        Rule::Qst => "must be 10 digits, TQ, 4 digits, e.g. 1234567890TQ0001".to_owned(),
        Rule::Sin => "must be 9 digits".to_owned(),
        Rule::SinFirstDigit => "cannot start with 0 or 8".to_owned(),
        Rule::SinOnlyIndividuals => "is only kept for individuals".to_owned(),
        Rule::Checksum => "has a wrong check digit; look for a typo".to_owned(),
        Rule::Duplicate { other } => format!("is already used by {other}"),
        Rule::UnknownMember => "is not a member of the team".to_owned(),
        Rule::InactiveMember => "is an inactive team member".to_owned(),
        Rule::Date => "must be a date like 2026-04-30".to_owned(),
        Rule::MonthDay => "must be a month and day like 12-31".to_owned(),
        Rule::Year => "must be a year between 1900 and 2200".to_owned(),
        Rule::Percent => "must be a whole percentage from 0 to 100".to_owned(),
        Rule::Amount => "must be an amount like 85.00, zero or more".to_owned(),
        Rule::Choice { allowed } => format!("must be one of: {allowed}"),
        Rule::Bool => "must be yes or no".to_owned(),
        Rule::UnknownField { known } => format!("is not a field; fields are: {known}"),
        Rule::Login => "must be a Unix login: letters, digits, '.', '_' or '-'".to_owned(),
        Rule::LastAdmin => {
            "cannot change: this is the firm's last admin; make someone else admin first".to_owned()
        }
        Rule::LeadsClients { count } => {
            format!("cannot change: this member still leads {count} clients; reassign them first")
        }
    }
}

/// A field's name and its broken rule.
pub fn field_error(label: &str, r: &Rule) -> String {
    format!("{label} {}", rule(r))
}

/// A firm error in words.
pub fn api_error(e: &ApiError) -> String {
    match e {
        ApiError::NotFound(what) => format!("no client matches {what}; it may have been removed"),
        ApiError::Conflict { current, .. } => {
            format!(
                "{} was changed by someone else meanwhile; nothing was saved",
                current.display_name
            )
        }
        ApiError::Invalid(errors) => errors
            .iter()
            .map(|e| format!("{} {}", field_key_label(&e.field), rule(&e.rule)))
            .collect::<Vec<_>>()
            .join("; "),
        ApiError::Forbidden { action } => format!("only a firm admin may {action}"),
        ApiError::NotMember { login, admins } => {
            format!(
                "{login} is not on this firm's team; ask an admin to add you ({})",
                admins.join(", ")
            )
        }
        ApiError::Storage(why) => format!("the firm's data could not be read or written: {why}"),
        ApiError::Unavailable(why) => format!("the firm server is unavailable: {why}"),
        ApiError::Protocol(why) => format!("the firm server sent something unexpected: {why}"),
        ApiError::Refused(why) => why.clone(),
    }
}

/// A failed request, saying what was being done.
pub fn failed(op: &Op, e: &ApiError) -> String {
    let e = api_error(e);
    match op {
        Op::Query => format!("Could not load the list: {e}"),
        Op::Load => format!("Could not open the client: {e}"),
        Op::Save { name } if name.is_empty() => format!("Not saved: {e}"),
        Op::Save { name } => format!("{name} was not saved: {e}"),
        Op::SetActive {
            name,
            active: false,
        } => format!("Could not make {name} inactive: {e}"),
        Op::SetActive { name, active: true } => format!("Could not reactivate {name}: {e}"),
        Op::AssignLead => format!("The lead accountant was not changed: {e}"),
        Op::Team => format!("Could not load the team: {e}"),
        Op::Draft => format!("Your unsaved changes could not be kept as a draft: {e}"),
    }
}

pub fn unknown_member(id: MemberId) -> String {
    format!("member #{id}")
}

/// A moment in the firm's time zone, to the minute.
pub fn datetime(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// When and by whom a record was created or changed.
pub fn stamp(when: &str, who: &str) -> String {
    format!("{when} by {who}")
}

pub fn inactive_since(d: Date) -> String {
    format!("inactive since {d}")
}

pub const ACTIVE: &str = "active";
pub const NONE_MARK: &str = "—";
pub const EMPTY_VALUE: &str = "(empty)";
pub const LOADING: &str = "Loading…";

// ---- Header, status and footer ---------------------------------------------

pub fn header(firm: &str, me: &str) -> String {
    format!("cabinet · {firm} · {me}")
}

/// The header's counts: how many clients show, how many inactive ones are
/// hidden, and what narrows the list.
pub fn counts(
    shown: usize,
    hidden: usize,
    include_inactive: bool,
    marked: usize,
    kind: Option<&str>,
    lead: Option<&str>,
) -> String {
    let mut parts = vec![if shown == 1 {
        "1 client".to_owned()
    } else {
        format!("{shown} clients")
    }];
    let filters: Vec<String> = kind
        .map(str::to_owned)
        .into_iter()
        .chain(lead.map(|l| format!("lead: {l}")))
        .collect();
    if !filters.is_empty() {
        parts[0].push_str(&format!(" ({})", filters.join(", ")));
    }
    if include_inactive {
        parts.push("inactive included".to_owned());
    } else if hidden > 0 {
        parts.push(format!("{hidden} inactive hidden"));
    }
    if marked > 0 {
        parts.push(format!("{marked} marked"));
    }
    parts.join(" · ")
}

pub const OFFLINE: &str =
    "Lost contact with the firm server; trying again. Unsaved forms are kept.";
pub const RECONNECTED: &str = "Connected to the firm server again";

pub fn too_small(w: u16, h: u16) -> String {
    format!("The terminal is too small: cabinet needs at least {w}×{h}.")
}

// ---- The list -----------------------------------------------------------------

/// A column's header.
pub fn column(c: SortColumn) -> &'static str {
    match c {
        SortColumn::Name => "Client",
        SortColumn::Number => "Number",
        SortColumn::Kind => "Type",
        SortColumn::Lead => "Lead",
        SortColumn::Product => "QuickBooks",
        SortColumn::Return => "Latest tax return",
        SortColumn::Documents => "Docs",
        SortColumn::Wholesale => "Billing",
    }
}

/// A column's name in the sort menu.
pub fn column_long(c: SortColumn) -> &'static str {
    match c {
        SortColumn::Name => "Client name",
        SortColumn::Number => "Client number",
        SortColumn::Kind => "Type",
        SortColumn::Lead => "Lead accountant",
        SortColumn::Product => "QuickBooks product",
        SortColumn::Return => "Latest tax return (due date)",
        SortColumn::Documents => "Documents awaiting",
        SortColumn::Wholesale => "Wholesale billing",
    }
}

pub const INACTIVE_TAG: &str = " inactive";
pub const WHOLESALE_MARK: &str = "firm";
pub const OVERDUE: &str = "overdue";
pub const DUE: &str = "due";
pub const SEARCH_LABEL: &str = "Search:";

/// The latest return in a few words, the due date before the status so
/// that a cut keeps the date: `2025 T1 overdue 2026-04-30, in progress`.
pub fn return_brief(
    year: i16,
    form: &str,
    due: Option<(bool, Date)>,
    status: ReturnStatus,
) -> String {
    let status = return_status(status);
    match due {
        Some((true, date)) => format!("{year} {form} {OVERDUE} {date}, {status}"),
        Some((false, date)) => format!("{year} {form} {DUE} {date}, {status}"),
        None => format!("{year} {form} {status}"),
    }
}

pub fn sorted(c: SortColumn, descending: bool) -> String {
    let way = if descending {
        "descending"
    } else {
        "ascending"
    };
    format!("Sorted by {}, {way}", column_long(c).to_lowercase())
}

pub const INACTIVE_SHOWN: &str = "Inactive clients are included and marked";
pub const INACTIVE_HIDDEN: &str = "Inactive clients are hidden";
pub const MARKS_CLEARED: &str = "Marks cleared";
pub const NOTHING_SELECTED: &str = "No client is selected";

pub fn marked(n: usize, menu_key: &str) -> String {
    let clients = clients_count(n);
    format!("{clients} marked; press {menu_key} to change their lead accountant")
}

pub fn clients_count(n: usize) -> String {
    if n == 1 {
        "1 client".to_owned()
    } else {
        format!("{n} clients")
    }
}

pub fn no_match(search: &str) -> String {
    format!("No client matches \"{search}\".")
}

pub fn no_match_filters(filters_key: &str) -> String {
    format!("No client matches the filters; press {filters_key} to change them.")
}

pub fn no_clients(add_key: &str) -> String {
    format!("No clients yet. Press {add_key} to add one.")
}

pub const ALL_INACTIVE: &str = "Every client is inactive.";

pub fn inactive_match(n: usize, key: &str) -> String {
    let clients = if n == 1 {
        "1 inactive client matches".to_owned()
    } else {
        format!("{n} inactive clients match")
    };
    format!("{clients}; press {key} to include inactive clients.")
}

// ---- Menus ---------------------------------------------------------------------

pub const ACTIONS_TITLE: &str = "Actions";
pub const ACTION_EDIT: &str = "Edit client";
pub const ACTION_DEACTIVATE: &str = "Make inactive";
pub const ACTION_REACTIVATE: &str = "Reactivate";
pub const ACTION_CHANGE_LEAD: &str = "Change lead accountant";
pub const ACTION_CLEAR_MARKS: &str = "Clear marks";

pub fn action_lead_for_marked(n: usize) -> String {
    if n == 1 {
        "Change lead accountant of the marked client".to_owned()
    } else {
        format!("Change lead accountant of the {n} marked clients")
    }
}

pub const FILTERS_TITLE: &str = "Filters";
pub const FILTER_TYPE: &str = "Client type";
pub const FILTER_LEAD: &str = "Lead accountant";
pub const ALL_TYPES: &str = "All types";
pub const ANY_LEAD: &str = "Anyone";
pub const MY_CLIENTS: &str = "My clients";
pub const NO_LEAD: &str = "No lead accountant";
pub const SETTINGS_TITLE: &str = "Settings";
pub const INCLUDE_INACTIVE: &str = "Include inactive clients";
pub const SORT_TITLE: &str = "Sort by";
pub const ONLY_ADMINS_ASSIGN: &str = "Only a firm admin may assign lead accountants.";

pub fn lead_for(label: &str) -> String {
    format!("Lead accountant of {label}")
}

pub fn member_choice(name: &str, login: &str) -> String {
    format!("{name} ({login})")
}

pub fn lead_assigned(lead: Option<&str>, label: &str, count: usize) -> String {
    match (lead, count) {
        (_, 0) => format!("Nothing changed: {label} already had that lead accountant"),
        (Some(lead), _) => format!("{lead} is now the lead accountant of {label}"),
        (None, _) => format!("{label}: no lead accountant now"),
    }
}

// ---- Questions -------------------------------------------------------------------

pub const ANSWER_NO: &str = "Cancel";
pub const MAKE_INACTIVE_TITLE: &str = "Make inactive";
pub const MAKE_INACTIVE: &str = "Make inactive";

/// The seed product's question, word for word.
pub fn make_inactive_question(name: &str) -> String {
    format!(
        "Make {name} inactive? Their data is kept; their subscriptions and wholesale billing are not cancelled."
    )
}

pub fn deactivated(name: &str) -> String {
    format!("{name} is now inactive")
}

pub fn reactivated(name: &str) -> String {
    format!("{name} is active again")
}

pub const DISCARD_TITLE: &str = "Unsaved changes";
pub const DISCARD: &str = "Discard them";

pub fn discard_question(subject: &str) -> String {
    format!("Discard your changes to {subject}?")
}

pub const CHANGES_DISCARDED: &str = "Changes discarded";
pub const QUIT_TITLE: &str = "Quit";
pub const QUIT: &str = "Quit";

pub fn quit_question(subject: &str) -> String {
    format!(
        "Your changes to {subject} are not saved. Quit anyway? They are kept as a draft, and offered again the next \
         time you edit this client."
    )
}

pub const REMOVE_TITLE: &str = "Remove";
pub const REMOVE: &str = "Remove";

pub fn remove_question(what: &str, client: &str) -> String {
    format!("Remove {what} from {client}? The history keeps a record of it.")
}

pub fn removed(what: &str, client: &str) -> String {
    format!("Removed {what} from {client}")
}

pub const DRAFT_TITLE: &str = "Unsaved draft";
pub const RESTORE: &str = "Restore it";
pub const DISCARD_DRAFT: &str = "Discard it";
pub const NOT_NOW: &str = "Not now";

pub fn draft_question(subject: &str) -> String {
    format!("You left unsaved changes to {subject}. Restore them?")
}

pub const DRAFT_OUTDATED: &str =
    "The client changed since your draft was kept: choose, field by field, what to keep.";

// ---- Profile -----------------------------------------------------------------

pub fn tab(t: Tab) -> &'static str {
    match t {
        Tab::Overview => "Overview",
        Tab::QuickBooks => "QuickBooks",
        Tab::Documents => "Documents",
        Tab::Returns => "Tax returns",
        Tab::History => "History",
    }
}

pub fn draft_kept(edit_key: &str) -> String {
    format!("unsaved draft: press {edit_key} to restore it")
}

pub const SECTION_CLIENT: &str = "Client";
pub const SECTION_CONTACT: &str = "Contact";
pub const SECTION_ADDRESS: &str = "Address";
pub const SECTION_FIRM: &str = "At the firm";
pub const SECTION_TAX: &str = "Taxes";
pub const SECTION_NOTES: &str = "Notes";
pub const NO_NOTES: &str = "No notes.";
pub const LABEL_COMPANY: &str = "Company";
pub const LABEL_CONTACT: &str = "Contact";
pub const LABEL_EMAIL: &str = "Email";
pub const LABEL_PHONE: &str = "Phone";
pub const LABEL_MOBILE: &str = "Mobile";
pub const LABEL_WEBSITE: &str = "Website";
pub const LABEL_STREET: &str = "Street";
pub const LABEL_CITY: &str = "City";
pub const LABEL_PROVINCE_POSTAL: &str = "Province, postal";
pub const LABEL_COUNTRY: &str = "Country";
pub const LABEL_NUMBER: &str = "Client number";
pub const LABEL_KIND: &str = "Type";
pub const LABEL_LEAD: &str = "Lead accountant";
pub const LABEL_STATUS: &str = "Status";
pub const LABEL_YEAR_END: &str = "Fiscal year end";
pub const LABEL_SELF_EMPLOYED: &str = "Self-employed";
pub const LABEL_CREATED: &str = "Created";
pub const LABEL_UPDATED: &str = "Last changed";
pub const LABEL_BN: &str = "Business number";
pub const LABEL_NEQ: &str = "NEQ";
pub const LABEL_GST: &str = "GST/HST";
pub const LABEL_QST: &str = "QST";
pub const LABEL_SIN: &str = "SIN";

pub fn ids_heading_masked(key: &str) -> String {
    format!("Tax identifiers (masked; {key} shows them)")
}

pub fn ids_heading_shown(key: &str) -> String {
    format!("Tax identifiers ({key} masks them)")
}

pub fn ids_shown(key: &str) -> String {
    format!("Tax identifiers are shown; press {key} again to mask them")
}
pub const IDS_HIDDEN: &str = "Tax identifiers are masked";
pub const ADD_WHERE: &str = "Go to the QuickBooks, Documents or Tax returns tab to add one";
pub const REMOVE_WHERE: &str = "Go to the QuickBooks, Documents or Tax returns tab to remove one";
pub const NO_ITEMS: &str = "Nothing to choose here yet";
pub const NO_HISTORY: &str = "No history yet.";

pub const COL_PRODUCT: &str = "Product";
pub const COL_BILLED_TO: &str = "Billed to";
pub const COL_LIST_PRICE: &str = "List/month";
pub const COL_DISCOUNT: &str = "Discount";
pub const COL_NET: &str = "Net/month";
pub const COL_SINCE: &str = "Since";
pub const COL_TITLE: &str = "Document";
pub const COL_SENT: &str = "Sent";
pub const COL_STATUS: &str = "Status";
pub const COL_NOTE: &str = "Note";
pub const COL_YEAR: &str = "Year";
pub const COL_FORM: &str = "Form";
pub const COL_DUE: &str = "Due";
pub const COL_FILED: &str = "Filed";
pub const BILLED_FIRM: &str = "firm (wholesale)";
pub const BILLED_CLIENT: &str = "client";

pub fn no_products(add_key: &str) -> String {
    format!("No QuickBooks products. Press {add_key} to add one.")
}

pub fn no_documents(add_key: &str) -> String {
    format!("No documents. Press {add_key} to add one.")
}

pub fn no_returns(add_key: &str) -> String {
    format!("No tax returns. Press {add_key} to add one.")
}

pub fn monthly_totals(firm: &str, client: &str) -> String {
    format!("Per month: the firm pays {firm} (wholesale), the client pays {client}")
}

// ---- Forms ---------------------------------------------------------------------

pub const ADD_CLIENT_TITLE: &str = "Add client";
pub const NEW_CLIENT: &str = "the new client";
pub const REQUIRED_NOTE: &str = "* required";
pub const SAVING: &str = "Saving…";
pub const PICK_HELP: &str = "← → change the choice; Enter or Space lists them all";
pub const NOTES_HELP: &str = "Enter starts a new line; Tab leaves the notes";
pub const ONLY_ADMINS_LEAD: &str = "only a firm admin may change this";
pub const HINT_SELF_EMPLOYED: &str = "self-employed individuals file by June 15";
pub const LABEL_PRODUCT: &str = "Product";
pub const LABEL_OTHER_PRODUCT: &str = "Other product";
pub const LABEL_BILLED_TO: &str = "Billed to";
pub const LABEL_LIST_PRICE: &str = "List price/month";
pub const LABEL_DISCOUNT: &str = "Discount %";
pub const LABEL_START: &str = "Since";
pub const LABEL_TITLE: &str = "Title";
pub const LABEL_SENT: &str = "Sent on";
pub const LABEL_NOTE: &str = "Note";
pub const LABEL_YEAR: &str = "Tax year";
pub const LABEL_FORM: &str = "Form";
pub const LABEL_OTHER_FORM: &str = "Other form";
pub const LABEL_DUE: &str = "Due on";
pub const LABEL_FILED: &str = "Filed on";
pub const OTHER_CHOICE: &str = "Other…";
pub const HINT_OTHER: &str = "only when Other… is chosen";
pub const HINT_WHOLESALE: &str = "firm: wholesale billing (admins only)";
pub const HINT_AMOUNT: &str = "e.g. 85.00";
pub const HINT_PERCENT: &str = "0 to 100";
pub const HINT_DATE: &str = "e.g. 2026-04-30";
pub const HINT_DUE: &str = "empty: computed from the filing rules";

pub fn edit_client_title(name: &str) -> String {
    format!("Edit client · {}", super::text::clean(name))
}

fn part_word(part: Part) -> &'static str {
    match part {
        Part::Products => "QuickBooks product",
        Part::Documents => "document",
        Part::Returns => "tax return",
    }
}

pub fn item_form_title(part: Part, new: bool, client: &str) -> String {
    let verb = if new { "Add" } else { "Edit" };
    format!(
        "{verb} {} · {}",
        part_word(part),
        super::text::clean(client)
    )
}

pub fn item_saved(part: Part, new: bool, what: &str, client: &str) -> String {
    let what = if what.trim().is_empty() {
        part_word(part)
    } else {
        what
    };
    if new {
        format!("Added {what} to {client}")
    } else {
        format!("Saved {what} of {client}")
    }
}

pub fn added(name: &str) -> String {
    format!("Added {name}")
}

pub fn saved(name: &str) -> String {
    format!("Saved {name}")
}

pub fn fix_fields(n: usize, first: &str, r: &Rule) -> String {
    let what = field_error(first, r);
    if n == 1 {
        format!("Not saved: {what}")
    } else {
        format!("Not saved: {n} fields need attention; {what}")
    }
}

pub fn locked_field(label: &str) -> String {
    format!("{label}: only a firm admin may change this")
}

pub fn changed_while_editing(name: &str, who: &str) -> String {
    format!("{who} just changed {name}")
}

pub fn changed_by_note(who: &str) -> String {
    format!("{who} changed this client meanwhile; saving will show both versions.")
}

// ---- Conflicts -------------------------------------------------------------------

pub fn conflict_found(_name: &str, _who: &str) -> String {
    "Not saved yet, and nothing was overwritten: choose what to keep, then save".to_owned()
}

pub fn conflict_title(name: &str) -> String {
    format!(
        "{} changed while you were editing",
        super::text::clean(name)
    )
}

pub fn conflict_explain(who: &str, undecided: usize) -> String {
    let them = if who.is_empty() {
        "the current version".to_owned()
    } else {
        format!("{who}'s version")
    };
    let left = match undecided {
        0 => "every field is decided".to_owned(),
        1 => "1 field needs your choice".to_owned(),
        n => format!("{n} fields need your choice"),
    };
    format!("Theirs is {them}; {left}.")
}

pub fn piece_label(p: Piece) -> String {
    match p {
        Piece::Field(f) => field_label(f).to_owned(),
        Piece::TeamAccess => "Team access".to_owned(),
        Piece::Status => "Status".to_owned(),
        Piece::Products => "QuickBooks products".to_owned(),
        Piece::Documents => "Documents".to_owned(),
        Piece::Returns => "Tax returns".to_owned(),
    }
}

pub fn was(value: &str) -> String {
    format!("was: {value}")
}

pub fn choose_first(n: usize, mine_key: &str, theirs_key: &str) -> String {
    let fields = if n == 1 {
        "1 field".to_owned()
    } else {
        format!("{n} fields")
    };
    format!("Choose yours or theirs for {fields} first ({mine_key} or {theirs_key})")
}

pub const THEIRS: &str = "Theirs";
pub const YOURS: &str = "Yours";
pub const BOTH_CHANGED_CHOOSE: &str = "both changed: choose";
pub const BOTH_CHANGED: &str = "both changed";
pub const ONLY_THEY_CHANGED: &str = "only they changed it";
pub const ONLY_YOU_CHANGED: &str = "only you changed it";
pub fn conflict_nothing(save_key: &str) -> String {
    format!("Nothing differs any more; press {save_key} to save.")
}
pub const CONFLICT_LEFT: &str = "Back to your form; saving it will compare the versions again";

// ---- Start-up ----------------------------------------------------------------

pub const INTERNAL_ERROR: &str = "an internal error stopped the request; the log has the details";

pub fn terminal_error(e: &std::io::Error) -> String {
    format!("the terminal could not be used: {e}")
}
