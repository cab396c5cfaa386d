//! Everything that can happen to the app, as values: the commands a user
//! gives through the keymap, text typed into a field, mouse clicks, the
//! answers of the firm, live events and signals.
//!
//! [`super::update`] takes one [`Action`] at a time. Nothing in here knows
//! about key codes: the keymap turns keys into commands.

use jiff::civil::Date;
use tui_input::InputRequest;

use crate::api::{ApiError, Event};
use crate::model::billing::BillingReport;
use crate::model::{AuditEntry, Client, ClientId, Draft, DraftForm, Member, MemberId, ViewPage};

use super::team::LeadCount;

/// Something a user asks for by name. The keymap binds keys to these, and
/// the names are what users write in their settings file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Edit,
    Add,
    Menu,
    ToggleInactive,
    Search,
    Filters,
    Settings,
    Sort,
    Mark,
    Help,
    Back,
    Quit,
    Redraw,
    ClearSearch,
    FocusList,
    NextTab,
    PrevTab,
    /// Go to a profile tab by its number, from 1.
    GoTab(u8),
    Reveal,
    AddItem,
    EditItem,
    RemoveItem,
    NextField,
    PrevField,
    Save,
    Cancel,
    Choose,
    Close,
    Yes,
    No,
    KeepMine,
    TakeTheirs,
    AllMine,
    AllTheirs,
    /// Open the team screen.
    Team,
    /// Open the wholesale billing screen.
    Billing,
    /// Make the selected client or member active again.
    Reactivate,
    /// Make the selected member inactive.
    Deactivate,
    /// Open the work view.
    Work,
    /// Switch the work view between my clients and the whole firm.
    MyWork,
    /// Mark every client of the current search or filters.
    MarkAll,
    /// Put the list's filters, sort and include-inactive back as new.
    ResetView,
    /// Copy the selected client's e-mail, phone or number to the
    /// clipboard of the terminal (OSC 52, through SSH and tmux).
    Copy,
}

impl Command {
    /// Every command, for parsing names.
    pub(crate) const ALL: [Command; 54] = [
        Command::Up,
        Command::Down,
        Command::PageUp,
        Command::PageDown,
        Command::Top,
        Command::Bottom,
        Command::Open,
        Command::Edit,
        Command::Add,
        Command::Menu,
        Command::ToggleInactive,
        Command::Search,
        Command::Filters,
        Command::Settings,
        Command::Sort,
        Command::Mark,
        Command::Help,
        Command::Back,
        Command::Quit,
        Command::Redraw,
        Command::ClearSearch,
        Command::FocusList,
        Command::NextTab,
        Command::PrevTab,
        Command::GoTab(1),
        Command::GoTab(2),
        Command::GoTab(3),
        Command::GoTab(4),
        Command::GoTab(5),
        Command::Reveal,
        Command::AddItem,
        Command::EditItem,
        Command::RemoveItem,
        Command::NextField,
        Command::PrevField,
        Command::Save,
        Command::Cancel,
        Command::Choose,
        Command::Close,
        Command::Yes,
        Command::No,
        Command::KeepMine,
        Command::TakeTheirs,
        Command::AllMine,
        Command::AllTheirs,
        Command::Team,
        Command::Billing,
        Command::Reactivate,
        Command::Deactivate,
        Command::Work,
        Command::MyWork,
        Command::MarkAll,
        Command::ResetView,
        Command::Copy,
    ];

    /// The command's name in the settings file, e.g. `toggle_inactive`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Command::Up => "up",
            Command::Down => "down",
            Command::PageUp => "page_up",
            Command::PageDown => "page_down",
            Command::Top => "top",
            Command::Bottom => "bottom",
            Command::Open => "open",
            Command::Edit => "edit",
            Command::Add => "add",
            Command::Menu => "menu",
            Command::ToggleInactive => "toggle_inactive",
            Command::Search => "search",
            Command::Filters => "filters",
            Command::Settings => "settings",
            Command::Sort => "sort",
            Command::Mark => "mark",
            Command::Help => "help",
            Command::Back => "back",
            Command::Quit => "quit",
            Command::Redraw => "redraw",
            Command::ClearSearch => "clear_search",
            Command::FocusList => "focus_list",
            Command::NextTab => "next_tab",
            Command::PrevTab => "prev_tab",
            Command::GoTab(1) => "tab_1",
            Command::GoTab(2) => "tab_2",
            Command::GoTab(3) => "tab_3",
            Command::GoTab(4) => "tab_4",
            Command::GoTab(_) => "tab_5",
            Command::Reveal => "reveal",
            Command::AddItem => "add_item",
            Command::EditItem => "edit_item",
            Command::RemoveItem => "remove_item",
            Command::NextField => "next_field",
            Command::PrevField => "prev_field",
            Command::Save => "save",
            Command::Cancel => "cancel",
            Command::Choose => "choose",
            Command::Close => "close",
            Command::Yes => "yes",
            Command::No => "no",
            Command::KeepMine => "keep_mine",
            Command::TakeTheirs => "take_theirs",
            Command::AllMine => "all_mine",
            Command::AllTheirs => "all_theirs",
            Command::Team => "team",
            Command::Billing => "billing",
            Command::Reactivate => "reactivate",
            Command::Deactivate => "deactivate",
            Command::Work => "work",
            Command::MyWork => "my_work",
            Command::MarkAll => "mark_all",
            Command::ResetView => "reset_view",
            Command::Copy => "copy",
        }
    }

    /// Finds a command by name, accepting `-` for `_` and any case.
    pub(crate) fn parse(s: &str) -> Option<Command> {
        let k = s.trim().to_ascii_lowercase().replace('-', "_");
        Command::ALL.into_iter().find(|c| c.name() == k)
    }
}

/// One thing for [`super::update`] to handle.
#[derive(Debug, Clone)]
pub enum Action {
    /// A named command, from a key.
    Command(Command),
    /// An editing request for the focused text field.
    Input(InputRequest),
    /// A printable key with no binding, for menu letters.
    Char(char),
    /// Text pasted into the terminal.
    Paste(String),
    /// A left click at a screen cell.
    Click { column: u16, row: u16 },
    /// The mouse wheel turned.
    Scroll { down: bool },
    /// The terminal changed size.
    Resize { width: u16, height: u16 },
    /// The firm answered a request.
    Done(Outcome),
    /// Something changed in the firm (made by anyone, this session included).
    Firm(Event),
    /// The feed of changes ended: the firm server went away.
    FirmLost,
    /// The feed of changes is back.
    FirmBack,
    /// Time to keep the open form as a draft.
    DraftDue,
    /// The terminal hung up or the process was told to stop: keep any
    /// unsaved form as a draft, then exit.
    Stop,
    /// The date changed (a session left open past midnight).
    Today(Date),
}

/// What the firm answered to an [`super::Effect`].
#[derive(Debug, Clone)]
pub enum Outcome {
    /// One window of the list, for the query numbered `seq`.
    Page {
        seq: u64,
        locate: Option<ClientId>,
        page: ViewPage,
    },
    /// A client's record and history, for the profile.
    Profile {
        client: Box<Client>,
        audit: Vec<AuditEntry>,
        /// This member's draft of the client: which form, on which item.
        draft: Option<(DraftForm, String)>,
    },
    /// A client's SIN in full, and its history with the reveal in it.
    SinRevealed {
        id: ClientId,
        sin: String,
        audit: Vec<AuditEntry>,
    },
    /// What the edit form needs: the saved record (none for a new client)
    /// and this member's draft, if one was kept.
    EditReady {
        id: ClientId,
        current: Option<Box<Client>>,
        draft: Option<Box<Draft>>,
    },
    /// A client was added or saved.
    Saved { client: Box<Client>, created: bool },
    /// A client was made inactive or active again.
    ActiveSet(Box<Client>),
    /// Leads were assigned; `label` names the client or the count.
    LeadAssigned {
        count: usize,
        lead: Option<MemberId>,
        label: String,
        /// How many clients were asked for; `count` of them changed.
        asked: usize,
    },
    /// The team, fresh.
    Team(Vec<Member>),
    /// What the team screen shows: every member, how many clients each
    /// leads, and the team's history.
    TeamScreen {
        members: Vec<Member>,
        leads: Vec<LeadCount>,
        history: Vec<AuditEntry>,
        /// This member's unsaved team member form, if one was kept.
        draft: Option<Box<Draft>>,
    },
    /// A team member was added or saved; `moved` says how many clients
    /// went to whom first, when a deactivation reassigned them.
    MemberSaved {
        member: Box<Member>,
        created: bool,
        moved: Option<(usize, Option<MemberId>)>,
    },
    /// The wholesale billing report, all of it or inactive clients only.
    Billing {
        inactive_only: bool,
        report: BillingReport,
    },
    /// A subscription left wholesale billing (`done`), or had already
    /// left it or changed when the request arrived.
    Unbilled {
        name: String,
        product: String,
        done: bool,
    },
    /// A client whose details are to be copied.
    CopyFrom(Box<Client>),
    /// Every client of a view, to mark them all.
    MarkAll(Vec<(ClientId, String)>),
    /// Several clients were made inactive or active again: `count` of
    /// the `asked`; `failed` says why the others were not, if any failed.
    ActiveSetMany {
        count: usize,
        asked: usize,
        active: bool,
        failed: Option<ApiError>,
    },
    /// The work view's counts, for the scope asked.
    Work {
        query: crate::model::work::WorkQuery,
        report: crate::model::work::WorkReport,
    },
    /// Clients matching the client picker's text, for its query `seq`.
    Picked { seq: u64, page: ViewPage },
    /// The client a new subscription goes to.
    SubscriptionBase(Box<Client>),
    /// A request failed.
    Failed { op: Op, error: ApiError },
    /// A team or billing request failed.
    TaskFailed { task: Task, error: ApiError },
}

/// Which request failed, so that the message can say what was being done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Query,
    Load,
    Save { name: String },
    SetActive { name: String, active: bool },
    AssignLead,
    Team,
    Draft,
}

/// Which team or billing request failed, so that the message can say
/// what was being done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    LoadTeam,
    SaveMember {
        name: String,
    },
    /// Deactivating a member, after moving `moved` clients to someone
    /// else when some were.
    Deactivate {
        name: String,
        moved: Option<usize>,
    },
    LoadBilling,
    Unbill {
        name: String,
        product: String,
    },
    PickClients,
    LoadClient,
}
