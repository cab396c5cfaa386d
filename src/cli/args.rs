//! Command-line arguments, as clap parses them. Checking what they mean
//! (a field name, a login, a date) happens in the commands, through the
//! model's own rules.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A keyboard-driven client list for accounting firms.
///
/// With no command, opens the client list in the terminal.
#[derive(Debug, Parser)]
#[command(name = "cabinet", version, about, long_about = None)]
pub struct Cli {
    /// The firm directory (default: CABINET_FIRM, then `firm` in the
    /// settings file, then the user's data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub firm: Option<PathBuf>,

    /// The language: en or fr (default: `lang` in the settings file, then
    /// LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,

    /// Open the demo firm, created with 2,000 clients on first use.
    #[arg(long)]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the firm server, which every cabinet on this machine talks to.
    /// cabinet starts one by itself when none is running.
    Serve(crate::server::command::ServeArgs),
    /// Fill the firm with realistic, made-up clients and a team.
    Demo {
        /// How many clients to create.
        #[arg(long, default_value_t = 2000)]
        clients: usize,
        /// The random seed: the same seed gives the same firm.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// List clients.
    List(ListArgs),
    /// The tax-return work by urgency: overdue first, then the soonest due.
    Due(DueArgs),
    /// Show one client's whole record.
    Show {
        /// Client number, display name or #id.
        client: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a client.
    Add(AddArgs),
    /// Change fields of a client.
    Edit {
        /// Client number, display name or #id.
        client: String,
        /// A field and its new value, e.g. `--set phone=514-555-0199`.
        /// Repeat for several fields; an empty value clears the field.
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
        set: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Make a client inactive. Their data is kept.
    Deactivate {
        /// Client number, display name or #id.
        client: String,
    },
    /// Make an inactive client active again.
    Reactivate {
        /// Client number, display name or #id.
        client: String,
    },
    /// The subscriptions billed to the firm (wholesale billing), with
    /// totals per product and overall.
    Billing {
        /// Only inactive clients the firm still pays for.
        #[arg(long)]
        inactive_billed: bool,
        #[arg(long)]
        json: bool,
    },
    /// See and manage the firm's team.
    Team {
        #[command(subcommand)]
        command: TeamCommand,
    },
    /// Import clients from a CSV file (QuickBooks, Excel) or a cabinet JSON
    /// export. Every row is checked first; with any invalid row nothing is
    /// imported, and the import is all or nothing.
    Import(ImportArgs),
    /// Export clients as CSV (QuickBooks Online's columns) or JSON (every
    /// field).
    Export(ExportArgs),
    /// Write a consistent copy of the whole firm to a new file, while
    /// people keep working (admins only).
    Backup {
        /// The backup file to create; it must not exist yet.
        file: PathBuf,
    },
    /// Replace the whole firm with a backup (admins only). The replaced
    /// file is kept beside the restored one.
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Replace a firm that holds clients.
        #[arg(long)]
        force: bool,
    },
    /// Check the database file, its indexes and its history.
    Check {
        #[arg(long)]
        json: bool,
    },
}

/// What to do with a row for a client the firm already has.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DuplicateArg {
    /// Report the row as invalid.
    Fail,
    /// Leave the row out.
    Skip,
    /// Update the client from the row's non-empty cells.
    Update,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file: CSV with a header line, or cabinet's JSON export; `-`
    /// reads standard input.
    pub file: PathBuf,
    /// Check and report, but write nothing. Exits with code 2 when the
    /// import would be refused.
    #[arg(long)]
    pub dry_run: bool,
    /// Rows for clients already in the firm (same client number, else the
    /// same name).
    #[arg(long, value_enum, default_value = "fail")]
    pub on_duplicate: DuplicateArg,
    /// Import the valid rows even when some rows are invalid.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// csv: QuickBooks Online's customer columns, then cabinet's own;
    /// json: every field, including products, documents and tax returns.
    #[arg(long, value_enum)]
    pub format: FormatArg,
    /// Include inactive clients.
    #[arg(long)]
    pub include_inactive: bool,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Business,
    Individual,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Include inactive clients (marked as such).
    #[arg(long)]
    pub include_inactive: bool,
    /// Only clients led by this team member (login or name).
    #[arg(long, value_name = "LOGIN")]
    pub lead: Option<String>,
    /// Only business or only individual clients.
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<KindArg>,
    /// Only clients matching this text, best matches first.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Sort by: name, number, type, lead, product, return, documents, wholesale.
    #[arg(long, default_value = "name")]
    pub sort: String,
    /// Reverse the order.
    #[arg(long)]
    pub desc: bool,
    #[command(flatten)]
    pub work: WorkArgs,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// The tax-return work filters, shared by `list` and `due`.
#[derive(Debug, Args, Default)]
pub struct WorkArgs {
    /// Only unfinished returns past their due date.
    #[arg(long)]
    pub overdue: bool,
    /// Only unfinished returns due from today to DAYS days later (with
    /// --overdue, the overdue ones as well).
    #[arg(long, value_name = "DAYS")]
    pub within: Option<u16>,
    /// Only clients whose latest return has this status: not-started,
    /// in-progress, ready-for-review, filed, accepted. Repeat or separate
    /// with commas for several.
    #[arg(long, value_name = "STATUS", value_delimiter = ',')]
    pub status: Vec<String>,
    /// Only clients with documents awaited.
    #[arg(long)]
    pub docs_awaited: bool,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    #[command(flatten)]
    pub work: WorkArgs,
    /// Only clients led by this team member (login or name), or `none`.
    #[arg(long, value_name = "LOGIN")]
    pub lead: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The display name (required, unique).
    #[arg(long)]
    pub name: String,
    /// The client number (unique when set).
    #[arg(long)]
    pub number: Option<String>,
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<KindArg>,
    #[arg(long)]
    pub company: Option<String>,
    #[arg(long)]
    pub first_name: Option<String>,
    #[arg(long)]
    pub last_name: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// The lead accountant (login or name).
    #[arg(long)]
    pub lead: Option<String>,
    /// Any other field, e.g. `--set city=Laval`. Repeatable.
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub set: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// List team members.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a team member (admins only).
    Add {
        /// Full name.
        #[arg(long)]
        name: String,
        /// Unix login on the office server.
        #[arg(long)]
        login: String,
        #[arg(long)]
        email: Option<String>,
        /// Make the member an admin.
        #[arg(long)]
        admin: bool,
    },
    /// Change a member's name, e-mail or role (admins only).
    Edit {
        /// The member's login.
        login: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// admin or staff.
        #[arg(long)]
        role: Option<String>,
    },
    /// Deactivate a member who has left (admins only). A member who still
    /// leads clients must hand them over first, e.g. with --reassign-to.
    Deactivate {
        /// The member's login.
        login: String,
        /// Give all of this member's clients to another member first.
        #[arg(long, value_name = "LOGIN")]
        reassign_to: Option<String>,
    },
    /// Make a deactivated member active again (admins only).
    Reactivate {
        /// The member's login.
        login: String,
    },
}
