//! Changes sent once: a client that lost its answer (its connection
//! broke, or the server died) sends the change again with the same key,
//! to this server or to the next one, and is answered with what the first
//! one did instead of having it done twice.
//!
//! Each change that may be retried carries a random key. The change
//! writes its key, per Unix user, in its own transaction, with what it did
//! (`store::once`), so a change and its key are durable together. A
//! change sent again whose key is written is answered from it
//! ([`again`]): the client as it is now, the count, the member… A change
//! that changed nothing (an update to what is stored) writes its key
//! alone, so that sent again it is answered too, never found stale. A
//! change that failed left no key and is simply carried out again, which
//! does it at most once; so is a draft, which kept again is the same
//! draft.
//!
//! A copy that arrives while the first is still running (on this server)
//! waits for it ([`Memory`]), then finds its key.
//!
//! The key is looked up before the call, not inside the change's write
//! transaction: a change sent again must be answered before anything that
//! could refuse it now and did not then (its bulk's pieces went with the
//! first connection, the record it names has changed, its sender is no
//! longer an admin), and those checks come before the store. Only one
//! server holds the file, and copies of one key in it run one after the
//! other, so the look-up and the write cannot be overtaken.

use crate::sync::{CondvarExt, LockExt};
use std::collections::HashSet;
use std::sync::{Condvar, Mutex};

use crate::api::local::LocalSession;
use crate::api::{ApiError, Firm, ImportCount, ProtocolFault};
use crate::protocol::{Request, Response};
use crate::store::Done;

type Key = (u32, u64);
type Answer = Result<Response, ApiError>;

/// The changes sent with a key that are running now.
#[derive(Debug, Default)]
pub(super) struct Memory {
    running: Mutex<HashSet<Key>>,
    finished: Condvar,
}

impl Memory {
    /// Runs `f` for this user's key, once any copy of it already running
    /// has finished: copies of one change never run side by side.
    pub(crate) fn once(&self, uid: u32, key: u64, f: impl FnOnce() -> Answer) -> Answer {
        let key = (uid, key);
        {
            let running = self.running.lock_or_recover();
            let mut running = self
                .finished
                .wait_while_or_recover(running, |r| r.contains(&key));
            running.insert(key);
        }
        // Whatever happens in `f` (it catches panics), the key is freed.
        let answer = f();
        self.running.lock_or_recover().remove(&key);
        self.finished.notify_all();
        answer
    }
}

/// The answer to a change sent again, from what the first one did.
pub(super) fn again(firm: &LocalSession, request: Request, done: Done) -> Answer {
    tracing::info!(
        "answered {} from what it did when first sent",
        request.name()
    );
    Ok(match (request, done) {
        (Request::Create(_), Done::Created { first, .. }) => Response::Client(firm.get(first)?),
        (Request::CreateMany(_), Done::Created { count, .. }) => Response::Count(count),
        (
            Request::Update(_) | Request::Save { .. } | Request::SetActive { .. },
            Done::Changed { id },
        ) => Response::Client(firm.get(id)?),
        (Request::AssignLead { .. } | Request::ReassignLeads { .. }, Done::Assigned { count }) => {
            Response::Count(count)
        }
        (Request::Import { .. } | Request::BulkFinish { .. }, Done::Bulk { created, updated }) => {
            Response::Imported(ImportCount {
                created: created as usize,
                updated: updated as usize,
            })
        }
        (Request::SaveMember(_), Done::Member { id }) => Response::Member(
            firm.team()?
                .into_iter()
                .find(|m| m.id == id)
                .ok_or(ApiError::NoMember { id })?,
        ),
        // Only the reveal that was recorded: another one sent with its key
        // would show SINs no history entry records.
        (Request::RevealSin(id), Done::Revealed { ids }) if ids == [id] => {
            Response::Text(firm.revealed_before(&[id])?.remove(0))
        }
        (Request::RevealSins(asked), Done::Revealed { ids }) if asked == ids => {
            Response::Texts(firm.revealed_before(&ids)?)
        }
        (request, done) => {
            return Err(ApiError::Protocol(ProtocolFault::KeyReused {
                call: request.name().to_owned(),
                first: crate::protocol::kind_of(&done),
            }));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::local::Core;
    use crate::model::{Client, ViewQuery};
    use crate::store::Once;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn copies_of_one_change_never_run_side_by_side() {
        let memory = Arc::new(Memory::default());
        let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (memory, now, most) =
                    (Arc::clone(&memory), Arc::clone(&now), Arc::clone(&most));
                std::thread::spawn(move || {
                    memory.once(1, 42, || {
                        let at_once = now.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(at_once, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(5));
                        now.fetch_sub(1, Ordering::SeqCst);
                        Ok(Response::Done)
                    })
                })
            })
            .collect();
        for t in threads {
            assert_eq!(t.join().unwrap(), Ok(Response::Done));
        }
        assert_eq!(most.load(Ordering::SeqCst), 1);
        assert!(memory.running.lock().unwrap().is_empty());
    }

    #[test]
    fn a_bulk_write_s_finish_is_sent_with_a_key_but_not_its_pieces() {
        assert!(Request::BulkFinish { commit: true }.is_replayable());
        assert!(Request::BulkFinish { commit: false }.is_replayable());
        assert!(!Request::BulkBegin.is_replayable());
        assert!(!Request::BulkAdd(crate::api::Batch::default()).is_replayable());
    }

    #[test]
    fn a_read_is_never_sent_with_a_key_nor_reported_as_maybe_saved() {
        let reads = [
            Request::Session,
            Request::Get(1),
            Request::Team,
            Request::LeadCounts,
            Request::Work(crate::model::work::WorkQuery::default()),
            Request::GetMany(vec![1]),
        ];
        for r in reads {
            assert!(!r.is_write() && !r.is_replayable(), "{r:?}");
        }
    }

    /// Sends `request` with `key` as user 1000, as the connection does.
    fn send(session: &LocalSession, key: u64, request: Request) -> Answer {
        let once = Once { uid: 1000, key };
        super::super::dispatch::call(&session.keyed(once), request)
    }

    #[test]
    fn a_change_sent_again_is_answered_even_by_a_new_server_and_done_once() {
        let dir = tempfile::tempdir().unwrap();
        let created = {
            let core = Core::open(dir.path()).unwrap();
            let me = core.session("ana").unwrap();
            let create = Request::Create(Client::new("Une seule fois"));
            let first = send(&me, 7, create.clone()).unwrap();
            // Again on the same server, and from another user with the
            // same key (another change).
            assert_eq!(send(&me, 7, create.clone()).unwrap(), first);
            let Response::Client(c) = first else {
                panic!("{first:?}")
            };
            c
        };
        // A new server on the same file: the key was written with the
        // change.
        let core = Core::open(dir.path()).unwrap();
        let me = core.session("ana").unwrap();
        let create = Request::Create(Client::new("Une seule fois"));
        assert_eq!(
            send(&me, 7, create).unwrap(),
            Response::Client(created.clone())
        );
        let page = me.query(&ViewQuery::default()).unwrap();
        assert_eq!(page.total, 1, "{:?}", page.rows);
        // The answer is the client as it is now.
        let mut edit = created.clone();
        edit.phone = "514-555-0199".into();
        let Response::Client(edited) = send(&me, 8, Request::Update(edit.clone())).unwrap() else {
            panic!()
        };
        assert_eq!(edited.version, 2);
        assert_eq!(
            send(&me, 7, Request::Create(Client::new("Une seule fois"))),
            Ok(Response::Client(edited.clone()))
        );
        // The update sent again is not a conflict: it was done.
        assert_eq!(
            send(&me, 8, Request::Update(edit)),
            Ok(Response::Client(edited))
        );
        // A key sent with another kind of change is refused.
        assert!(matches!(
            send(&me, 7, Request::DiscardDraft(0)),
            Err(ApiError::Protocol(ProtocolFault::KeyReused { .. }))
        ));
    }

    #[test]
    fn every_kind_of_change_sent_again_gets_its_first_answer() {
        let dir = tempfile::tempdir().unwrap();
        let core = Core::open(dir.path()).unwrap();
        let me = core.session("ana").unwrap();
        let mut c = Client::new("Tremblay, Lise");
        c.kind = crate::model::ClientKind::Individual;
        c.tax_ids.sin = "130692544".into();
        let Response::Client(c) = send(&me, 1, Request::Create(c)).unwrap() else {
            panic!()
        };
        let bob = crate::model::Member::new("Bob Roy", "bobroy");
        let requests = [
            Request::CreateMany(vec![Client::new("A"), Client::new("B")]),
            Request::SetActive {
                id: c.id,
                active: false,
            },
            Request::AssignLead {
                ids: vec![c.id],
                lead: Some(1),
            },
            Request::SaveMember(bob),
            Request::SaveDraft(crate::model::Draft::client(Client::new("Brouillon"))),
            Request::RevealSins(vec![c.id]),
            Request::Import {
                creates: vec![Client::new("C")],
                updates: Vec::new(),
            },
        ];
        for (i, request) in requests.into_iter().enumerate() {
            let key = 100 + i as u64;
            let first = send(&me, key, request.clone());
            assert!(first.is_ok(), "{request:?}: {first:?}");
            assert_eq!(send(&me, key, request.clone()), first, "{request:?}");
        }
        // Each was done once: one reveal in the history, one of each client.
        let reveals = me
            .audit(c.id)
            .unwrap()
            .iter()
            .filter(|e| e.action == crate::model::AuditAction::SinRevealed)
            .count();
        assert_eq!(reveals, 1);
        assert_eq!(core.store().clients().unwrap().len(), 4);
        assert_eq!(me.team().unwrap().len(), 2);
    }

    #[test]
    fn a_reveal_s_key_answers_only_that_reveal_never_another_client_s_sin() {
        let dir = tempfile::tempdir().unwrap();
        let core = Core::open(dir.path()).unwrap();
        let me = core.session("ana").unwrap();
        let sins = ["130692544", "272438672"];
        let ids: Vec<_> = sins
            .iter()
            .enumerate()
            .map(|(i, sin)| {
                let mut c = Client::new(format!("Tremblay, Lise {i}"));
                c.kind = crate::model::ClientKind::Individual;
                c.tax_ids.sin = (*sin).into();
                me.create(c).unwrap().id
            })
            .collect();
        let shown = |id| {
            me.audit(id)
                .unwrap()
                .iter()
                .filter(|e| e.action == crate::model::AuditAction::SinRevealed)
                .count()
        };
        assert_eq!(
            send(&me, 5, Request::RevealSin(ids[0])),
            Ok(Response::Text(sins[0].into()))
        );
        // The same reveal sent again is answered; it was recorded once.
        assert_eq!(
            send(&me, 5, Request::RevealSins(vec![ids[0]])),
            Ok(Response::Texts(vec![sins[0].into()]))
        );
        assert_eq!(shown(ids[0]), 1);
        // Another client's SIN asked with that key is neither shown nor
        // left unrecorded: the call is refused.
        for request in [
            Request::RevealSin(ids[1]),
            Request::RevealSins(vec![ids[1]]),
            Request::RevealSins(vec![ids[0], ids[1]]),
        ] {
            assert!(
                matches!(
                    send(&me, 5, request.clone()),
                    Err(ApiError::Protocol(ProtocolFault::KeyReused { .. }))
                ),
                "{request:?}"
            );
        }
        assert_eq!(shown(ids[1]), 0);
        assert_eq!(shown(ids[0]), 1);
    }

    #[test]
    fn merges_bulk_writes_lead_changes_and_reactivations_sent_again_to_a_new_server_are_done_once()
    {
        use crate::model::{DocStatus, Document};
        let dir = tempfile::tempdir().unwrap();
        let open = || {
            let core = Core::open(dir.path()).unwrap();
            let me = core.session("ana").unwrap();
            (core, me)
        };
        let (core, me) = open();
        let base = me.create(Client::new("Fusion, Léa")).unwrap();
        let mut mine = base.clone();
        mine.documents.push(Document {
            id: 0,
            title: "T4".into(),
            sent: jiff::civil::date(2026, 3, 1),
            status: DocStatus::Requested,
            note: String::new(),
        });
        let save = Request::Save {
            base: base.clone(),
            mine,
        };
        let bob = me
            .save_member(crate::model::Member::new("Bob Roy", "bobroy"))
            .unwrap();
        me.set_active(base.id, false).unwrap();
        me.bulk_begin().unwrap();
        me.bulk_add(crate::api::Batch {
            creates: vec![Client::new("Import A"), Client::new("Import B")],
            ..Default::default()
        })
        .unwrap();
        let requests = [
            (1, save),
            (2, Request::BulkFinish { commit: true }),
            (
                3,
                Request::SetActive {
                    id: base.id,
                    active: true,
                },
            ),
            (
                4,
                Request::AssignLead {
                    ids: vec![base.id],
                    lead: Some(bob.id),
                },
            ),
            (
                5,
                Request::ReassignLeads {
                    from: bob.id,
                    to: None,
                },
            ),
        ];
        let firsts: Vec<_> = requests
            .iter()
            .map(|(key, r)| {
                let first = send(&me, *key, r.clone());
                assert!(first.is_ok(), "{r:?}: {first:?}");
                first
            })
            .collect();
        drop((core, me));
        // The next server answers each from what it did; the client's
        // answers are the client as it is now.
        let (core, me) = open();
        let now = me.get(base.id).unwrap();
        for ((key, r), first) in requests.into_iter().zip(firsts) {
            let again = send(&me, key, r.clone());
            match first {
                Ok(Response::Client(_)) => assert_eq!(again, Ok(Response::Client(now.clone()))),
                first => assert_eq!(again, first, "{r:?}"),
            }
        }
        assert_eq!(now.documents.len(), 1, "the merge was done once");
        assert!(now.is_active());
        assert_eq!(now.lead, None);
        assert_eq!(core.store().clients().unwrap().len(), 3, "imported once");
        let history = me.audit(base.id).unwrap();
        // Created, deactivated, saved, reactivated, given a lead, lead taken.
        assert_eq!(history.len(), 6, "{history:#?}");
    }
}
