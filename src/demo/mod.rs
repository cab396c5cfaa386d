//! The demo firm: a realistic, deterministic team and client list for
//! trying cabinet, for screenshots and for benchmarks.
//!
//! [`generate`] builds the firm in memory from a seed: the same seed and
//! the same day give the same firm on every machine, and client *n* does
//! not depend on how many clients follow it. Names, streets and cities
//! come from the lists in `assets/demo/`; a Québec firm's clients are
//! mostly French-speaking, with English-speaking clients from Montréal's
//! West Island, Ottawa and beyond. Every client passes
//! [`validate_client`](crate::model::validate_client), display names are
//! unique ignoring case, and client numbers are unique.
//!
//! [`install`] stores a generated firm through the firm API: the team
//! and every client in one bulk write, sent in pieces and written in one
//! transaction.

mod client;
mod contact;
mod lists;
mod names;
pub mod rng;
mod taxids;
mod team;
mod work;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use crate::api::{ApiError, Batch, Firm, PROVISIONAL};
use crate::model::{Client, Member, MemberId, ViewQuery};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    /// How many clients.
    pub clients: usize,
    /// The same seed gives the same firm.
    pub seed: u64,
    /// The day the firm is seen on: returns and documents are dated
    /// relative to it.
    pub today: Date,
}

impl DemoOptions {
    /// The size of the demo firm: the most clients a QuickBooks Online
    /// Accountant firm may hold.
    pub const DEFAULT_CLIENTS: usize = 2000;
    /// The seed used when none is given.
    pub const DEFAULT_SEED: u64 = 1;

    /// The default firm as seen on `today`.
    pub(crate) fn new(today: Date) -> Self {
        DemoOptions {
            clients: Self::DEFAULT_CLIENTS,
            seed: Self::DEFAULT_SEED,
            today,
        }
    }
}

/// A generated firm, not yet stored. Member ids run from 1 and the
/// clients' leads refer to them; clients have no id yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoFirm {
    /// The team: the first member is the admin; the last has left.
    pub team: Vec<Member>,
    pub clients: Vec<Client>,
}

/// Builds the demo firm described by `options`.
pub fn generate(options: DemoOptions) -> DemoFirm {
    let team = team::team(options.seed, &lists::LISTS);
    let clients = clients(options, &team).collect();
    DemoFirm { team, clients }
}

/// The demo's clients one by one, as [`generate`] makes them, for the
/// generated `team`.
fn clients(options: DemoOptions, team: &[Member]) -> impl Iterator<Item = Client> + use<> {
    let mut cx = client::Context {
        seed: options.seed,
        today: options.today,
        lists: &lists::LISTS,
        leads: team::lead_weights(team),
        names: HashSet::with_capacity(options.clients),
    };
    (0..options.clients as u64).map(move |serial| client::client(serial, &mut cx))
}

/// How many clients go in one piece of the demo's bulk write.
const PIECE: usize = 2000;

/// Why the demo could not be installed.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "this firm already has {clients} clients; the demo only fills an empty firm, so choose a new firm directory"
    )]
    NotEmpty { clients: usize },

    #[error(transparent)]
    Api(#[from] ApiError),
}

/// What [`install`] stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    /// The whole team as stored, including any members that were there.
    pub(crate) team: Vec<Member>,
    /// How many clients were created.
    pub(crate) clients: usize,
    /// The admin the current user signs in as.
    pub admin: Member,
}

/// Generates the demo firm and stores it through `firm`, which must have
/// no clients yet and be signed in as an admin (the first user of a new
/// firm is one).
///
/// The signed-in member plays the demo's partner: a member still named
/// after their login takes the partner's name. The rest of the team is
/// added alongside any members already there (a login that is taken gets
/// a number). The team and every client go in one bulk write, sent in
/// pieces as they are generated and written in one transaction: either
/// all of it is stored or none of it is, team included.
pub fn install(firm: &dyn Firm, options: DemoOptions) -> Result<Installed, DemoError> {
    install_with(firm, options, &mut |_| {})
}

/// How far [`install_with`] has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// This many clients have been generated and sent.
    Sent(usize),
    /// Everything is sent; the server is writing it.
    Writing,
}

/// [`install`], telling `progress` how far it has got.
pub(crate) fn install_with(
    firm: &dyn Firm,
    options: DemoOptions,
    progress: &mut dyn FnMut(Stage),
) -> Result<Installed, DemoError> {
    let everyone = ViewQuery {
        include_inactive: true,
        limit: 0,
        ..ViewQuery::default()
    };
    let existing = firm.query(&everyone)?.total;
    if existing > 0 {
        return Err(DemoError::NotEmpty { clients: existing });
    }
    let me = firm.session()?.me;
    if !me.is_admin() {
        return Err(ApiError::Forbidden {
            action: "fill the firm with demo data".into(),
        }
        .into());
    }
    let generated_team = team::team(options.seed, &lists::LISTS);
    let mut taken: Vec<String> = firm.team()?.into_iter().map(|m| m.login).collect();
    let mut members = Vec::new();
    let mut ids: HashMap<MemberId, MemberId> = HashMap::new();
    let mut generated = generated_team.iter();
    let partner = generated
        .next()
        .ok_or_else(|| ApiError::Storage("the demo team is empty".into()))?;
    if me.name == me.login {
        let domain = partner.email.split_once('@').map_or("", |(_, d)| d);
        members.push(Member {
            name: partner.name.clone(),
            email: format!("{}@{domain}", me.login),
            ..me.clone()
        });
    }
    ids.insert(partner.id, me.id);
    for m in generated {
        let login = team::unique_login(&m.login, &taken);
        taken.push(login.clone());
        ids.insert(m.id, PROVISIONAL + members.len() as MemberId);
        members.push(Member {
            id: 0,
            login,
            ..m.clone()
        });
    }

    firm.bulk_begin()?;
    // Pieces are generated here while another thread sends the previous
    // one, so the server decodes as the next piece is made.
    let (to_send, pieces) = std::sync::mpsc::sync_channel::<Batch>(1);
    std::thread::scope(|scope| -> Result<(), DemoError> {
        let sender = scope.spawn(move || -> Result<(), ApiError> {
            for piece in pieces {
                firm.bulk_add(piece)?;
            }
            Ok(())
        });
        let mut part = Batch {
            members,
            ..Batch::default()
        };
        let mut sent = 0;
        let mut hand_over = |part: Batch, sent: usize| -> bool {
            let ok = to_send.send(part).is_ok();
            progress(Stage::Sent(sent));
            ok
        };
        for mut c in clients(options, &generated_team) {
            c.lead = c.lead.and_then(|l| ids.get(&l).copied());
            c.team_access = c
                .team_access
                .iter()
                .filter_map(|l| ids.get(l).copied())
                .collect();
            part.creates.push(c);
            if part.creates.len() >= PIECE {
                sent += part.creates.len();
                // A refused send means the sender stopped on an error,
                // which its result gives.
                if !hand_over(std::mem::take(&mut part), sent) {
                    break;
                }
            }
        }
        if !part.is_empty() {
            sent += part.creates.len();
            hand_over(part, sent);
        }
        drop(to_send);
        match sender.join() {
            Ok(result) => result.map_err(DemoError::from),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })?;
    progress(Stage::Writing);
    let created = firm.bulk_finish(true)?.created;
    let team = firm.team()?;
    let admin = team.iter().find(|m| m.id == me.id).cloned().unwrap_or(me);
    Ok(Installed {
        team,
        clients: created,
        admin,
    })
}
