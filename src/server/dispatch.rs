//! Turns a [`Request`] into the matching [`Firm`] call on the
//! connection's session, and its result into a [`Response`].

use crate::api::local::LocalSession;
use crate::api::{ApiError, Firm};
use crate::protocol::{Request, Response};

/// Makes one call on a session. A change sent again with a key that a
/// change already wrote is answered from what that change did.
pub(super) fn call(firm: &LocalSession, request: Request) -> Result<Response, ApiError> {
    #[cfg(debug_assertions)]
    panic_on_request(&request);
    #[cfg(debug_assertions)]
    hold_on_request(&request);
    if let Some(done) = firm.done_before()? {
        return super::replay::again(firm, request, done);
    }
    #[cfg(debug_assertions)]
    let write = request.is_write();
    let answer = match request {
        Request::Session => Response::Session(firm.session()?),
        Request::Query(q) => Response::Page(firm.query(&q)?),
        Request::Get(id) => Response::Client(firm.get(id)?),
        Request::Find(key) => Response::Client(firm.find(&key)?),
        Request::Create(c) => Response::Client(firm.create(c)?),
        Request::CreateMany(cs) => Response::Count(firm.create_many(cs)? as u64),
        Request::Update(c) => Response::Client(firm.update(c)?),
        Request::ReassignLeads { from, to } => {
            Response::Count(firm.reassign_leads(from, to)? as u64)
        }
        Request::Billing {
            inactive_only,
            offset,
            limit,
        } => Response::Billing(firm.billing_window(inactive_only, offset, limit)?),
        Request::Import { creates, updates } => Response::Imported(firm.import(creates, updates)?),
        Request::BackupStart => Response::Backup(firm.backup_start()?),
        Request::BackupRead => Response::Bytes(firm.backup_read()?),
        Request::UploadStart => {
            firm.upload_start()?;
            Response::Done
        }
        Request::UploadWrite(bytes) => {
            firm.upload_write(&bytes)?;
            Response::Done
        }
        Request::RestoreUpload { force, shown } => {
            Response::Restore(firm.restore_upload(force, &shown)?)
        }
        Request::RevealSin(id) => Response::Text(firm.reveal_sin(id)?),
        Request::RevealSins(ids) => Response::Texts(firm.reveal_sins(&ids)?),
        Request::Check => Response::Check(firm.check()?),
        Request::SetActive { id, active } => Response::Client(firm.set_active(id, active)?),
        Request::AssignLead { ids, lead } => Response::Count(firm.assign_lead(&ids, lead)? as u64),
        Request::Team => Response::Team(firm.team()?),
        Request::LeadCounts => Response::LeadCounts(firm.lead_counts()?),
        Request::Work(q) => Response::Work(firm.work(&q)?),
        Request::SaveMember(m) => Response::Member(firm.save_member(m)?),
        Request::Audit(id) => Response::Audit(firm.audit(id)?),
        Request::SaveDraft(c) => {
            firm.save_draft(&c)?;
            Response::Done
        }
        Request::Draft(id) => Response::Draft(firm.draft(id)?),
        Request::DiscardDraft(id) => {
            firm.discard_draft(id)?;
            Response::Done
        }
        Request::BulkBegin => {
            firm.bulk_begin()?;
            Response::Done
        }
        Request::BulkAdd(part) => Response::Count(firm.bulk_add(part)? as u64),
        Request::BulkFinish { commit } => Response::Imported(firm.bulk_finish(commit)?),
        Request::GetMany(ids) => Response::Clients(firm.get_many(&ids)?),
        Request::Save { base, mine } => Response::Client(firm.save(&base, mine)?),
    };
    #[cfg(debug_assertions)]
    if write {
        die_after(&answer);
    }
    Ok(answer)
}

/// The name of the environment variable that makes a debug build's server
/// panic, for the tests that check a panicking call harms nobody.
#[cfg(debug_assertions)]
pub(crate) const TEST_PANIC: &str = "CABINET_TEST_PANIC";

/// The name of the environment variable that makes a debug build's server
/// die (SIGKILL) once it has written a client of that name, before it
/// answers: for the tests of a change sent again to the next server.
#[cfg(debug_assertions)]
pub(crate) const TEST_DIE_AFTER: &str = "CABINET_TEST_DIE_AFTER";

/// In a debug build only: a change that wrote the client named by
/// `CABINET_TEST_DIE_AFTER` kills the server, its answer unsent (a read of
/// that client does not). Release builds have no such trigger.
#[cfg(debug_assertions)]
fn die_after(answer: &Response) {
    if let Response::Client(c) = answer
        && std::env::var_os(TEST_DIE_AFTER)
            .is_some_and(|v| !v.is_empty() && v == c.display_name.as_str())
    {
        tracing::warn!("a test asked for the server to die before answering");
        let _ =
            rustix::process::kill_process(rustix::process::getpid(), rustix::process::Signal::KILL);
    }
}

/// The name of the environment variable that makes a debug build's server
/// hold a call, for the tests of what other sessions get while a long
/// call runs.
#[cfg(debug_assertions)]
pub(crate) const TEST_HOLD: &str = "CABINET_TEST_HOLD";

/// The longest a call is held, so that a test that fails before it lets
/// go does not leave its server busy for good.
#[cfg(debug_assertions)]
const HOLD_AT_MOST: std::time::Duration = std::time::Duration::from_secs(120);

/// In a debug build only: looking up a client by the path named by
/// `CABINET_TEST_HOLD` holds the call for as long as a file is there
/// (the test removes it to let the call go on), then answers as usual.
/// Release builds have no such trigger.
#[cfg(debug_assertions)]
fn hold_on_request(request: &Request) {
    let Some(path) = named_by(TEST_HOLD, request) else {
        return;
    };
    tracing::warn!("a test asked for this call to be held while {path} exists");
    let until = std::time::Instant::now() + HOLD_AT_MOST;
    while std::path::Path::new(&path).exists() && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// In a debug build only: looking up the client named by
/// `CABINET_TEST_PANIC` panics the thread serving the call. Release
/// builds have no such trigger.
#[cfg(debug_assertions)]
fn panic_on_request(request: &Request) {
    if named_by(TEST_PANIC, request).is_some() {
        panic!("a test asked for this call to panic");
    }
}

/// In a debug build only: the key of a client lookup that the test
/// trigger `var` names, if the request is that lookup.
#[cfg(debug_assertions)]
fn named_by<'r>(var: &str, request: &'r Request) -> Option<&'r str> {
    let Request::Find(key) = request else {
        return None;
    };
    std::env::var_os(var)
        .is_some_and(|v| !v.is_empty() && v == key.as_str())
        .then_some(key.as_str())
}
