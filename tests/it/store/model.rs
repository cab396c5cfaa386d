//! Random sequences of store writes, checked against a plain in-memory
//! model of what the store promises: ids, versions, conflicts, unique
//! names and numbers, valid leads, one audit entry per change, and the
//! same state after reopening the file.

use std::collections::BTreeMap;

use cabinet::model::{AuditAction, Client, FieldError, Member, MemberId, Role, Rule};
use cabinet::store::{Store, WriteError};
use proptest::prelude::*;

use super::support::{now, temp_store, today};

/// Display names that collide in every way the store must notice: case,
/// surrounding spaces, and accents (which do not make names equal).
const NAMES: [&str; 8] = [
    "Alpha",
    "ALPHA",
    "  Alpha ",
    "Côté",
    "CÔTÉ",
    "Cote",
    "Bravo",
    "Plomberie Tremblay inc.",
];
const LOGINS: [&str; 4] = ["marie", "MARIE", "paul", "luc"];
/// An id no client or member ever gets in these short runs.
const MISSING: u64 = 9_999;
/// The member every write is made by (the store does not check it).
const BY: MemberId = 1;

#[derive(Debug, Clone)]
enum Op {
    Create {
        name: usize,
        number: Option<u8>,
        lead: Option<usize>,
    },
    Update {
        target: usize,
        stale: bool,
        name: Option<usize>,
        number: Option<Option<u8>>,
        phone: Option<u16>,
        lead: Option<Option<usize>>,
    },
    SetActive {
        target: usize,
        active: bool,
    },
    AssignLead {
        targets: Vec<usize>,
        lead: Option<usize>,
    },
    SaveMember {
        member: Option<usize>,
        login: usize,
        active: bool,
    },
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    let name = 0..NAMES.len();
    let number = proptest::option::of(0u8..4);
    let who = proptest::option::of(0usize..6);
    prop_oneof![
        4 => (name.clone(), number.clone(), who.clone()).prop_map(|(name, number, lead)| Op::Create { name, number, lead }),
        4 => (
            0usize..8,
            proptest::bool::weighted(0.25),
            proptest::option::of(name),
            proptest::option::of(number),
            proptest::option::of(0u16..3),
            proptest::option::of(who.clone()),
        )
            .prop_map(|(target, stale, name, number, phone, lead)| Op::Update { target, stale, name, number, phone, lead }),
        2 => (0usize..8, any::<bool>()).prop_map(|(target, active)| Op::SetActive { target, active }),
        2 => (proptest::collection::vec(0usize..8, 0..4), who).prop_map(|(targets, lead)| Op::AssignLead { targets, lead }),
        2 => (proptest::option::of(0usize..4), 0..LOGINS.len(), proptest::bool::weighted(0.8))
            .prop_map(|(member, login, active)| Op::SaveMember { member, login, active }),
        1 => Just(Op::Reopen),
    ]
}

/// What the model knows of a client.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    name: String,
    number: Option<String>,
    phone: String,
    lead: Option<MemberId>,
    active: bool,
    version: u64,
}

#[derive(Debug, Clone, Default)]
struct Model {
    clients: BTreeMap<u64, Row>,
    next_client: u64,
    /// Member id → (login, active).
    members: BTreeMap<MemberId, (String, bool)>,
    next_member: MemberId,
}

impl Model {
    fn new() -> Self {
        Model {
            next_client: 1,
            next_member: 1,
            ..Default::default()
        }
    }

    /// A client id: an existing one, or (past the end) one that does not exist.
    fn client_id(&self, i: usize) -> u64 {
        let ids: Vec<u64> = self.clients.keys().copied().collect();
        ids.get(i % (ids.len() + 1)).copied().unwrap_or(MISSING)
    }

    /// A member id: an existing one, or (past the end) one that does not exist.
    fn member_id(&self, i: usize) -> MemberId {
        let ids: Vec<MemberId> = self.members.keys().copied().collect();
        ids.get(i % (ids.len() + 1)).copied().unwrap_or(MISSING)
    }

    /// The error a newly chosen lead gets, if any.
    fn lead_error(&self, lead: Option<MemberId>) -> Option<Rule> {
        match lead.map(|l| self.members.get(&l)) {
            None => None,
            Some(None) => Some(Rule::UnknownMember),
            Some(Some((_, false))) => Some(Rule::InactiveMember),
            Some(Some((_, true))) => None,
        }
    }

    fn name_taken(&self, name: &str, except: u64) -> bool {
        self.clients
            .iter()
            .any(|(id, r)| *id != except && r.name.to_lowercase() == name.to_lowercase())
    }

    fn number_taken(&self, number: &Option<String>, except: u64) -> bool {
        number.is_some()
            && self
                .clients
                .iter()
                .any(|(id, r)| *id != except && r.number == *number)
    }
}

fn number_text(n: u8) -> String {
    format!("N-{n}")
}

fn fields(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

/// Runs one operation on both the store and the model and checks that
/// they agree on the outcome. Reopening is done by the caller.
fn apply(store: &Store, model: &mut Model, op: &Op) {
    match op {
        Op::Create { name, number, lead } => {
            let mut c = Client::new(NAMES[*name]);
            c.number = number.map(number_text);
            c.lead = lead.map(|l| model.member_id(l));
            let name = NAMES[*name].trim().to_owned();
            let mut expected = Vec::new();
            if model.lead_error(c.lead).is_some() {
                expected.push("lead");
            }
            if model.name_taken(&name, 0) {
                expected.push("name");
            }
            if model.number_taken(&c.number, 0) {
                expected.push("number");
            }
            let result = store.create(c.clone(), BY, now());
            if expected.is_empty() {
                let created = result.expect("a valid create succeeds");
                assert_eq!((created.id, created.version), (model.next_client, 1));
                assert_eq!(created.display_name, name);
                model.clients.insert(
                    created.id,
                    Row {
                        name,
                        number: c.number,
                        phone: String::new(),
                        lead: c.lead,
                        active: true,
                        version: 1,
                    },
                );
                model.next_client += 1;
            } else {
                match result {
                    Err(WriteError::Invalid(errors)) => assert_eq!(fields(&errors), expected),
                    other => panic!("expected invalid {expected:?}, got {other:?}"),
                }
            }
        }
        Op::Update {
            target,
            stale,
            name,
            number,
            phone,
            lead,
        } => {
            let id = model.client_id(*target);
            let Some(row) = model.clients.get(&id).cloned() else {
                let mut ghost = Client::new("Ghost");
                ghost.id = id;
                ghost.version = 1;
                assert!(
                    matches!(store.update(ghost, BY, now()), Err(WriteError::NotFound(x)) if x == id)
                );
                return;
            };
            let mut c = store
                .client(id)
                .unwrap()
                .expect("the model's client exists");
            if let Some(n) = name {
                c.display_name = NAMES[*n].to_owned();
            }
            if let Some(n) = number {
                c.number = n.map(number_text);
            }
            if let Some(p) = phone {
                c.phone = if *p == 0 {
                    String::new()
                } else {
                    format!("514-555-010{p}")
                };
            }
            if let Some(l) = lead {
                c.lead = l.map(|l| model.member_id(l));
            }
            if *stale {
                c.version -= 1;
                match store.update(c.clone(), BY, now()) {
                    Err(WriteError::Conflict { expected, current }) => {
                        assert_eq!(expected, c.version);
                        assert_eq!(current.version, row.version);
                        assert_eq!(Some(*current), store.client(id).unwrap());
                    }
                    other => panic!("expected a conflict, got {other:?}"),
                }
                return;
            }
            let new_name = c.display_name.trim().to_owned();
            let mut expected = Vec::new();
            if c.lead != row.lead && model.lead_error(c.lead).is_some() {
                expected.push("lead");
            }
            if model.name_taken(&new_name, id) {
                expected.push("name");
            }
            if model.number_taken(&c.number, id) {
                expected.push("number");
            }
            let result = store.update(c.clone(), BY, now());
            if !expected.is_empty() {
                match result {
                    Err(WriteError::Invalid(errors)) => assert_eq!(fields(&errors), expected),
                    other => panic!("expected invalid {expected:?}, got {other:?}"),
                }
                return;
            }
            let (saved, changes) = result.expect("a valid update succeeds");
            let next = Row {
                name: new_name,
                number: c.number.clone(),
                phone: c.phone.clone(),
                lead: c.lead,
                ..row.clone()
            };
            let changed = Row {
                version: row.version,
                ..next.clone()
            } != row;
            assert_eq!(!changes.is_empty(), changed, "{changes:?}");
            let version = row.version + u64::from(changed);
            assert_eq!(saved.version, version);
            model.clients.insert(id, Row { version, ..next });
        }
        Op::SetActive { target, active } => {
            let id = model.client_id(*target);
            let result = store.set_active(id, *active, today(), BY, now());
            let Some(row) = model.clients.get_mut(&id) else {
                assert!(matches!(result, Err(WriteError::NotFound(x)) if x == id));
                return;
            };
            let c = result.expect("set_active on an existing client succeeds");
            if row.active != *active {
                row.active = *active;
                row.version += 1;
            }
            assert_eq!(c.version, row.version);
            assert_eq!(c.inactive_since, (!active).then(today));
        }
        Op::AssignLead { targets, lead } => {
            let ids: Vec<u64> = targets.iter().map(|t| model.client_id(*t)).collect();
            let lead = lead.map(|l| model.member_id(l));
            let result = store.assign_lead(&ids, lead, BY, now());
            if let Some(rule) = model.lead_error(lead) {
                match result {
                    Err(WriteError::Invalid(errors)) => {
                        assert_eq!(errors, vec![FieldError::new("lead", rule)])
                    }
                    other => panic!("expected an invalid lead, got {other:?}"),
                }
                return;
            }
            if let Some(missing) = ids.iter().find(|id| !model.clients.contains_key(id)) {
                // One unknown client aborts the whole transaction.
                assert!(
                    matches!(result, Err(WriteError::NotFound(x)) if x == *missing),
                    "{result:?}"
                );
                return;
            }
            let changed = result.expect("assigning a valid lead succeeds");
            let mut expected = Vec::new();
            for id in ids {
                let row = model.clients.get_mut(&id).expect("checked above");
                if row.lead != lead {
                    row.lead = lead;
                    row.version += 1;
                    expected.push((id, row.version));
                }
            }
            let got: Vec<(u64, u64)> = changed.iter().map(|c| (c.id, c.version)).collect();
            assert_eq!(got, expected);
        }
        Op::SaveMember {
            member,
            login,
            active,
        } => {
            let existing = member.and_then(|m| {
                model
                    .members
                    .keys()
                    .copied()
                    .nth(m % model.members.len().max(1))
            });
            let login = LOGINS[*login];
            let mut m = Member::new(format!("Member {login}"), login);
            m.id = existing.unwrap_or(0);
            m.active = *active;
            m.role = Role::Staff;
            let id = existing.unwrap_or(model.next_member);
            let taken = model
                .members
                .iter()
                .any(|(mid, (l, _))| *mid != id && l.eq_ignore_ascii_case(login));
            let result = store.save_member(m, 0, now());
            if taken {
                match result {
                    Err(WriteError::Invalid(errors)) => assert_eq!(fields(&errors), ["login"]),
                    other => panic!("expected a duplicate login, got {other:?}"),
                }
                return;
            }
            let saved = result.expect("a member with a free login is saved");
            assert_eq!(saved.id, id);
            if existing.is_none() {
                model.next_member += 1;
            }
            model.members.insert(id, (login.to_owned(), *active));
        }
        Op::Reopen => {}
    }
}

/// Everything the store holds agrees with the model.
fn check(store: &Store, model: &Model) {
    let clients = store.clients().unwrap();
    let ids: Vec<u64> = clients.iter().map(|c| c.id).collect();
    assert_eq!(ids, model.clients.keys().copied().collect::<Vec<_>>());
    for c in &clients {
        let row = &model.clients[&c.id];
        let got = Row {
            name: c.display_name.clone(),
            number: c.number.clone(),
            phone: c.phone.clone(),
            lead: c.lead,
            active: c.is_active(),
            version: c.version,
        };
        assert_eq!(&got, row);
        // One audit entry per version, in order, the first a creation.
        let audit = store.audit(c.id).unwrap();
        let versions: Vec<u64> = audit.iter().filter_map(|e| e.version()).collect();
        assert_eq!(
            versions,
            (1..=c.version).collect::<Vec<_>>(),
            "audit of {}",
            c.display_name
        );
        assert_eq!(audit[0].action, AuditAction::Created);
        assert!(
            audit
                .iter()
                .all(|e| e.client() == Some(c.id) && e.by == BY && !e.changes.is_empty())
        );
        // The indexes find the client by name (any case) and by number.
        assert_eq!(
            store
                .client_by_name(&c.display_name.to_uppercase())
                .unwrap(),
            Some(c.id)
        );
        if let Some(n) = &c.number {
            assert_eq!(store.client_by_number(n).unwrap(), Some(c.id));
        }
    }
    for n in 0..4 {
        let owner = model
            .clients
            .iter()
            .find(|(_, r)| r.number.as_deref() == Some(number_text(n).as_str()));
        assert_eq!(
            store.client_by_number(&number_text(n)).unwrap(),
            owner.map(|(id, _)| *id)
        );
    }
    let members: Vec<(MemberId, String, bool)> = store
        .members()
        .unwrap()
        .into_iter()
        .map(|m| (m.id, m.login, m.active))
        .collect();
    let expected: Vec<(MemberId, String, bool)> = model
        .members
        .iter()
        .map(|(id, (login, active))| (*id, login.clone(), *active))
        .collect();
    assert_eq!(members, expected);
}

/// 48 runs by default; `PROPTEST_CASES` asks for more.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

proptest! {
    // PROPTEST_CASES=10000 makes a soak run of it.
    #![proptest_config(ProptestConfig { cases: cases(), max_shrink_iters: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_store_agrees_with_a_plain_model(ops in proptest::collection::vec(op(), 1..40)) {
        let (_dir, path, mut store) = temp_store();
        let mut model = Model::new();
        for op in &ops {
            if let Op::Reopen = op {
                drop(store);
                store = Store::open(&path).expect("the file reopens");
            }
            apply(&store, &mut model, op);
            check(&store, &model);
        }
        drop(store);
        let store = Store::open(&path).unwrap();
        check(&store, &model);
    }
}
