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
//! first, then every client in one transaction.

mod client;
mod contact;
mod lists;
mod names;
mod rng;
mod taxids;
mod team;
mod work;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use crate::api::{ApiError, Firm};
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
    pub fn new(today: Date) -> Self {
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
    let lists = &*lists::LISTS;
    let team = team::team(options.seed, lists);
    let mut cx = client::Context {
        seed: options.seed,
        today: options.today,
        lists,
        leads: team::lead_weights(&team),
        names: HashSet::with_capacity(options.clients),
    };
    let clients = (0..options.clients as u64)
        .map(|serial| client::client(serial, &mut cx))
        .collect();
    DemoFirm { team, clients }
}

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
    pub team: Vec<Member>,
    /// How many clients were created.
    pub clients: usize,
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
/// a number). All clients are created in one transaction: either every one
/// is stored or none is.
pub fn install(firm: &dyn Firm, options: DemoOptions) -> Result<Installed, DemoError> {
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
    let demo = generate(options);
    let mut stored = firm.team()?;
    let mut ids: HashMap<MemberId, MemberId> = HashMap::new();
    let mut generated = demo.team.into_iter();
    let partner = generated
        .next()
        .ok_or_else(|| ApiError::Storage("the demo team is empty".into()))?;
    let admin = if me.name == me.login {
        let domain = partner.email.split_once('@').map_or("", |(_, d)| d);
        firm.save_member(Member {
            name: partner.name.clone(),
            email: format!("{}@{domain}", me.login),
            ..me.clone()
        })?
    } else {
        me.clone()
    };
    ids.insert(partner.id, admin.id);
    stored.retain(|m| m.id != admin.id);
    stored.push(admin.clone());

    for m in generated {
        let taken: Vec<String> = stored.iter().map(|s| s.login.clone()).collect();
        let login = team::unique_login(&m.login, &taken);
        let saved = firm.save_member(Member {
            id: 0,
            login,
            ..m.clone()
        })?;
        ids.insert(m.id, saved.id);
        stored.push(saved);
    }

    let clients: Vec<Client> = demo
        .clients
        .into_iter()
        .map(|mut c| {
            c.lead = c.lead.and_then(|l| ids.get(&l).copied());
            c.team_access = c
                .team_access
                .iter()
                .filter_map(|l| ids.get(l).copied())
                .collect();
            c
        })
        .collect();
    let created = firm.create_many(clients)?;
    Ok(Installed {
        team: firm.team()?,
        clients: created,
        admin,
    })
}
