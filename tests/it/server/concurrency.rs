//! Many people editing the same clients at once: no update is lost, and
//! every refusal is a conflict.

use std::sync::{Arc, Barrier};

use cabinet::api::{ApiError, Firm};
use cabinet::demo::rng::Rng;
use cabinet::model::{Client, ClientId};

use super::util::Firm as TempFirm;

fn edit_storm(writers: usize, records: usize, edits_each: usize) {
    let firm = TempFirm::new();
    let _server = firm.embedded();
    let setup = firm.client();
    let ids: Vec<ClientId> = (0..records)
        .map(|i| {
            setup
                .create(Client::new(format!("Client {i:02}")))
                .unwrap()
                .id
        })
        .collect();
    let ids = Arc::new(ids);
    let start = Arc::new(Barrier::new(writers));
    let threads: Vec<_> = (0..writers)
        .map(|w| {
            let (ids, start) = (Arc::clone(&ids), Arc::clone(&start));
            let session = firm.client();
            std::thread::spawn(move || {
                // Seeded, so that a failure can be replayed.
                let mut rng = Rng::new(w as u64 + 1);
                let mut acked = Vec::new();
                let mut conflicts = 0;
                start.wait();
                for e in 0..edits_each {
                    let id = *rng.pick(&ids);
                    let token = format!("[w{w}e{e}]");
                    let mut c = session.get(id).unwrap();
                    loop {
                        let mut mine = c.clone();
                        mine.notes.push_str(&token);
                        match session.update(mine) {
                            Ok(saved) => {
                                acked.push((id, token, saved.version));
                                break;
                            }
                            Err(ApiError::Conflict { current, .. }) => {
                                conflicts += 1;
                                c = *current;
                            }
                            Err(other) => panic!("a refusal that is not a conflict: {other}"),
                        }
                    }
                }
                (acked, conflicts)
            })
        })
        .collect();
    let mut acked = Vec::new();
    let mut conflicts = 0;
    for t in threads {
        let (a, c) = t.join().unwrap();
        acked.extend(a);
        conflicts += c;
    }
    assert_eq!(acked.len(), writers * edits_each);
    let check = firm.client();
    for id in ids.iter() {
        let c = check.get(*id).unwrap();
        let mine: Vec<_> = acked.iter().filter(|(i, ..)| i == id).collect();
        for (_, token, _) in &mine {
            assert_eq!(
                c.notes.matches(token.as_str()).count(),
                1,
                "#{id} lost or doubled {token}: {}",
                c.notes
            );
        }
        // One version per acknowledged save, no more, no fewer.
        assert_eq!(c.version as usize, 1 + mine.len(), "#{id}");
        let mut versions: Vec<u64> = mine.iter().map(|(.., v)| *v).collect();
        versions.sort_unstable();
        assert_eq!(versions, (2..=c.version).collect::<Vec<_>>(), "#{id}");
        assert_eq!(check.audit(*id).unwrap().len(), 1 + mine.len());
    }
    eprintln!("{} saves, {conflicts} conflicts retried", acked.len());
}

#[test]
fn twenty_clients_editing_fifty_records_lose_nothing() {
    edit_storm(20, 50, 12);
}

#[test]
#[ignore = "soak: 6,000 saves, about ten seconds"]
fn soak_twenty_clients_editing_fifty_records() {
    edit_storm(20, 50, 300);
}
