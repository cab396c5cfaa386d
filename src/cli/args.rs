//! Command-line arguments, as clap parses them. Checking what they mean
//! (a field name, a login, a date) happens in the commands, through the
//! model's own rules.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// What `--help` and the man page say after the options: where settings
/// come from, and what each exit code means.
// not prose: clap's English epilogue; its French is help_fr::AFTER_HELP_FR
pub(crate) const AFTER_HELP: &str = "\
Files and environment:
  ~/.config/cabinet/config.toml   your settings (XDG_CONFIG_HOME is honoured),
                                  else /etc/cabinet/config.toml for everyone
  CABINET_FIRM                    the firm directory, unless --firm is given
                                  (else `firm` in the settings, else
                                  ~/.local/share/cabinet/firm)

Exit codes:
  0  done
  1  failed (the firm's data could not be read or written, an output error)
  2  bad input: a flag, a value, a file or a row is wrong; nothing was written
  3  conflict: someone else changed the client first; nothing was written
  4  refused: only an admin may do this, or you are not on the firm's team
  5  the firm server cannot be reached or started
  6  `cabinet check` found problems in the firm file

Summaries and counts go to standard error, results to standard output.
Shell completions: `cabinet completions bash|zsh|fish`; manual: `cabinet man`.";

/// The values `list --sort` takes.
const SORT_KEYS: [&str; 8] = [
    "name",
    "number",
    "type",
    "lead",
    "product",
    "return",
    "documents",
    "wholesale",
];

/// A keyboard-driven client list for accounting firms.
///
/// With no command, opens the client list in the terminal.
#[derive(Debug, Parser)]
#[command(name = "cabinet", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// The firm directory (default: CABINET_FIRM, then `firm` in the
    /// settings file, then the user's data directory).
    #[arg(long, global = true, value_name = "DIR", display_order = 900)]
    pub firm: Option<PathBuf>,

    /// The language: en or fr (default: `lang` in the settings file, then
    /// LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, global = true, value_name = "LANG", display_order = 901)]
    pub lang: Option<String>,

    /// Open the demo firm, created with 2,000 clients on first use.
    #[arg(long)]
    pub demo: bool,

    /// Print only what was asked for (tables, JSON, exports) and errors:
    /// no confirmations, counts, notes or progress.
    #[arg(long, short, global = true, display_order = 902)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the firm server, which every cabinet on this machine talks to.
    /// cabinet starts one by itself for a personal firm; an office firm's
    /// runs under systemd as its service account.
    Serve(crate::server::command::ServeArgs),
    /// Fill the firm with realistic, made-up clients and a team.
    Demo {
        /// How many clients to create.
        #[arg(long, default_value_t = 2000)]
        clients: usize,
        /// The random seed: the same seed gives the same firm.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print what was created as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List clients.
    List(ListArgs),
    /// The tax-return work by urgency: overdue first, then the soonest due.
    Due(DueArgs),
    /// Show one client's whole record.
    Show {
        /// Client number, display name or #id.
        client: String,
        /// Print the whole record as JSON (the SIN masked unless --reveal).
        #[arg(long)]
        json: bool,
        /// Show the SIN in full; the client's history records who saw it
        /// and when.
        #[arg(long)]
        reveal: bool,
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
        /// Print the saved record as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Make a client inactive. Their data is kept.
    Deactivate {
        /// Client number, display name or #id.
        client: String,
        /// Print the client's record, as it now is, as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Make an inactive client active again.
    Reactivate {
        /// Client number, display name or #id.
        client: String,
        /// Print the client's record, as it now is, as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The subscriptions billed to the firm (wholesale billing), with
    /// totals per product and overall.
    Billing {
        /// Only inactive clients the firm still pays for.
        #[arg(long)]
        inactive_billed: bool,
        /// Print the lines and totals as JSON.
        #[arg(long)]
        json: bool,
        /// When piped, print each table's header line too.
        #[arg(long)]
        header: bool,
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
        /// Print what was backed up as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Replace the whole firm with a backup (admins only). The replaced
    /// file is kept beside the restored one.
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Replace a firm that holds clients, or with a backup whose team
        /// lacks you.
        #[arg(long)]
        force: bool,
        /// Print what was restored as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check the database file, its indexes and its history. Exits with
    /// code 6 when it finds problems.
    Check {
        /// Print what was found as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a completion script for a shell, to load in its startup file.
    Completions {
        /// The shell: bash, zsh or fish.
        shell: ShellArg,
    },
    /// Print the manual page (roff), e.g. `cabinet man | man -l -`.
    Man,
    /// Create a firm: a personal one in a directory of your own, or (as
    /// root, with --office) one that a service account runs for a team.
    Init(InitArgs),
}

/// A shell `cabinet completions` writes for.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
}

/// `cabinet init`.
#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// The directory to create the firm in (new or empty).
    pub(crate) dir: PathBuf,
    /// An office firm: owned by a service account, whose server (the
    /// systemd unit) alone opens the file; a group's members reach it
    /// through its socket. Run as root.
    #[arg(long)]
    pub(crate) office: bool,
    /// The Unix group whose members may reach the office firm's server.
    #[arg(long, value_name = "GROUP")]
    pub(crate) group: Option<String>,
    /// The service account that owns the office firm and runs its server
    /// (default: cabinet).
    #[arg(long, value_name = "USER")]
    pub(crate) service_user: Option<String>,
    /// The login of the office firm's first admin.
    #[arg(long, value_name = "LOGIN")]
    pub(crate) admin: Option<String>,
}

/// What to do with a row for a client the firm already has.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum DuplicateArg {
    // Each value is described in `--on-duplicate`'s own help, which is
    // translated; clap would show these comments untranslated.
    Fail,
    Skip,
    Update,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file: CSV with a header line, or cabinet's JSON export; `-`
    /// reads standard input.
    pub(crate) file: PathBuf,
    /// Check and report, but write nothing. Exits with code 2 when the
    /// import would be refused.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Rows for clients already in the firm (same client number, else the
    /// same name): fail reports them as invalid, skip leaves them out,
    /// update copies their non-empty cells onto the client.
    #[arg(long, value_enum, default_value = "fail")]
    pub(crate) on_duplicate: DuplicateArg,
    /// Import the valid rows even when some rows are invalid.
    #[arg(long)]
    pub(crate) skip_invalid: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum FormatArg {
    // Described in `--format`'s help.
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The file format: csv (QuickBooks Online's customer columns, then
    /// cabinet's own) or json (every field, including products, documents
    /// and tax returns).
    #[arg(long, value_enum)]
    pub(crate) format: FormatArg,
    /// Include inactive clients.
    #[arg(long)]
    pub(crate) include_inactive: bool,
    /// Write to this file instead of standard output (`-`: standard
    /// output). A file appears only once complete; a device or a pipe is
    /// written in place.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Write SINs in full instead of masked (admins only); each client's
    /// history records the reveal.
    #[arg(long)]
    pub(crate) include_sin: bool,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub(crate) force: bool,
    /// Print what was exported (format, clients, file) as JSON; needs
    /// --output FILE.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum KindArg {
    Business,
    Individual,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Include inactive clients (marked as such).
    #[arg(long)]
    pub(crate) include_inactive: bool,
    /// Only clients led by this team member (login or name).
    #[arg(long, value_name = "LOGIN")]
    pub(crate) lead: Option<String>,
    /// Only business or only individual clients.
    #[arg(long = "type", value_name = "TYPE")]
    pub(crate) kind: Option<KindArg>,
    /// Only clients matching this text, best matches first.
    #[arg(long, value_name = "TEXT")]
    pub(crate) search: Option<String>,
    /// The column to sort by.
    #[arg(long, default_value = "name", ignore_case = true,
          value_parser = PossibleValuesParser::new(SORT_KEYS.map(PossibleValue::new)
              .into_iter().chain([PossibleValue::new("kind").hide(true)])))]
    pub(crate) sort: String,
    /// Reverse the order.
    #[arg(long)]
    pub(crate) desc: bool,
    #[command(flatten)]
    pub(crate) work: WorkArgs,
    /// Print a JSON array instead of a table.
    #[arg(long, conflicts_with = "json_lines")]
    pub(crate) json: bool,
    /// Print one JSON object per line, for streams.
    #[arg(long)]
    pub(crate) json_lines: bool,
    /// When piped, print the header line too.
    #[arg(long)]
    pub(crate) header: bool,
}

/// The tax-return work filters, shared by `list` and `due`.
#[derive(Debug, Args, Default)]
pub(crate) struct WorkArgs {
    /// Only unfinished returns past their due date.
    #[arg(long)]
    pub(crate) overdue: bool,
    /// Only unfinished returns due from today to DAYS days later (with
    /// --overdue, the overdue ones as well).
    #[arg(long, value_name = "DAYS")]
    pub(crate) within: Option<u16>,
    /// Only clients whose latest return has this status: not-started,
    /// in-progress, ready-for-review, filed, accepted. Repeat or separate
    /// with commas for several.
    #[arg(long, value_name = "STATUS", value_delimiter = ',')]
    pub(crate) status: Vec<String>,
    /// Only clients with documents awaited.
    #[arg(long)]
    pub(crate) docs_awaited: bool,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    #[command(flatten)]
    pub(crate) work: WorkArgs,
    /// Only clients led by this team member (login or name), or `none`.
    #[arg(long, value_name = "LOGIN")]
    pub(crate) lead: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The display name (required, unique).
    #[arg(long)]
    pub(crate) name: String,
    /// The client number (unique when set).
    #[arg(long)]
    pub(crate) number: Option<String>,
    /// Business (the default) or individual.
    #[arg(long = "type", value_name = "TYPE")]
    pub(crate) kind: Option<KindArg>,
    /// The company's legal name.
    #[arg(long)]
    pub(crate) company: Option<String>,
    /// The contact's first name.
    #[arg(long)]
    pub(crate) first_name: Option<String>,
    /// The contact's last name.
    #[arg(long)]
    pub(crate) last_name: Option<String>,
    /// The e-mail address.
    #[arg(long)]
    pub(crate) email: Option<String>,
    /// The main phone number.
    #[arg(long)]
    pub(crate) phone: Option<String>,
    /// The lead accountant (login or name).
    #[arg(long)]
    pub(crate) lead: Option<String>,
    /// Any other field, e.g. `--set city=Laval`. Repeatable.
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub(crate) set: Vec<String>,
    /// Print the new record as JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// List team members.
    List {
        /// Print the members as JSON.
        #[arg(long)]
        json: bool,
        /// When piped, print the header line too.
        #[arg(long)]
        header: bool,
    },
    /// Add a team member (admins only).
    Add {
        /// Full name.
        #[arg(long)]
        name: String,
        /// Unix login on the office server.
        #[arg(long)]
        login: String,
        /// E-mail address.
        #[arg(long)]
        email: Option<String>,
        /// Make the member an admin.
        #[arg(long)]
        admin: bool,
        /// Print the new member as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change a member's name, e-mail or role (admins only).
    Edit {
        /// The member's login.
        login: String,
        /// The new full name.
        #[arg(long)]
        name: Option<String>,
        /// The new e-mail address (empty to clear it).
        #[arg(long)]
        email: Option<String>,
        /// The new role.
        #[arg(long, ignore_case = true, value_parser = PossibleValuesParser::new([
            PossibleValue::new("admin"),
            PossibleValue::new("staff"),
            PossibleValue::new("administrateur").hide(true),
            PossibleValue::new("employe").hide(true),
            PossibleValue::new("employé").hide(true), // not prose: a French role name accepted as input
            PossibleValue::new("personnel").hide(true),
        ]))]
        role: Option<String>,
        /// Print the saved member as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Deactivate a member who has left (admins only). A member who still
    /// leads clients must hand them over first, e.g. with --reassign-to.
    Deactivate {
        /// The member's login.
        login: String,
        /// Give all of this member's clients to another member first.
        #[arg(long, value_name = "LOGIN")]
        reassign_to: Option<String>,
        /// Print the member, and how many clients were handed over, as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Make a deactivated member active again (admins only).
    Reactivate {
        /// The member's login.
        login: String,
        /// Print the member as JSON.
        #[arg(long)]
        json: bool,
    },
}
