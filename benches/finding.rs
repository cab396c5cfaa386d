//! How often the search finds the client sought, on a labelled set of
//! queries of the kinds a bookkeeper types, over a 5,000-client demo firm.
//!
//! The queries are made from the firm's own clients, deterministically,
//! each labelled with the client it should find: name prefixes, a whole
//! name with a typo in one word, a name with an initial, the first word
//! alone, contact names, e-mail local parts, client numbers, and phone
//! numbers written five ways. For each kind the share of queries whose
//! client is first (top 1) and among the first five (top 5) is printed,
//! then overall; criterion times the whole set. `CABINET_FINDING_QUERIES`
//! names a file to write the labelled set to (one `kind<TAB>query<TAB>
//! client id` line each), to compare with another tool on the same data.

use std::collections::BTreeMap;
use std::hint::black_box;

use cabinet::api::index::Index;
use cabinet::demo::{self, DemoOptions};
use cabinet::model::{Client, ClientId, ClientRow, ViewQuery};
use criterion::{Criterion, criterion_group, criterion_main};

const CLIENTS: usize = 5_000;

/// One labelled query.
struct Labelled {
    kind: &'static str,
    query: String,
    client: ClientId,
}

fn firm() -> Vec<Client> {
    let today = jiff::civil::date(2026, 11, 26);
    demo::generate(DemoOptions {
        clients: CLIENTS,
        seed: 11,
        today,
    })
    .clients
    .into_iter()
    .enumerate()
    .map(|(i, mut c)| {
        c.id = i as u64 + 1;
        c
    })
    .filter(|c| c.is_active())
    .collect()
}

/// Swaps two letters inside the longest word: a typical typo.
fn typo(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (i, w) = words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.chars().count() >= 6 && w.chars().all(char::is_alphabetic))
        .max_by_key(|(_, w)| w.len())?;
    let mut chars: Vec<char> = w.chars().collect();
    let k = chars.len() / 2;
    if chars[k] == chars[k + 1] {
        return None;
    }
    chars.swap(k, k + 1);
    let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    out[i] = chars.into_iter().collect();
    Some(out.join(" ").to_lowercase())
}

/// The labelled set, without queries several clients would give alike
/// (two clients whose e-mails both start `info@`): those have no one
/// right answer.
fn labelled(clients: &[Client]) -> Vec<Labelled> {
    let all = every_query(clients, 1);
    let mut seen: BTreeMap<(&str, String), usize> = BTreeMap::new();
    for l in &all {
        *seen.entry((l.kind, l.query.clone())).or_default() += 1;
    }
    every_query(clients, 37)
        .into_iter()
        .filter(|l| seen.get(&(l.kind, l.query.clone())) == Some(&1))
        .collect()
}

/// Every `step`th client's queries of every kind.
fn every_query(clients: &[Client], step: usize) -> Vec<Labelled> {
    let mut out = Vec::new();
    let mut push = |kind, query: String, c: &Client| {
        if !query.trim().is_empty() {
            out.push(Labelled {
                kind,
                query,
                client: c.id,
            })
        }
    };
    for (i, c) in clients.iter().enumerate().step_by(step) {
        let name = c.display_name.to_lowercase();
        let words: Vec<&str> = name
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        push("prefix", name.chars().take(12).collect(), c);
        if let Some(t) = typo(&c.display_name) {
            push("typo", t, c);
        }
        if words.len() >= 2 {
            let initial: String = words[1].chars().take(1).collect();
            push("initial", format!("{} {initial}", words[0]), c);
        }
        if !c.first_name.is_empty() && !c.last_name.is_empty() {
            push(
                "contact",
                format!("{} {}", c.first_name, c.last_name).to_lowercase(),
                c,
            );
        }
        if let Some((local, _)) = c.email.split_once('@') {
            push("email", local.to_owned(), c);
        }
        if let Some(n) = &c.number {
            push("number", n.clone(), c);
        }
        let d: String = c.phone.chars().filter(char::is_ascii_digit).collect();
        if d.len() == 10 {
            let (a, b, x) = (&d[..3], &d[3..6], &d[6..]);
            let forms = [
                format!("{a}-{b}-{x}"),
                format!("({a}) {b}-{x}"),
                format!("{a}.{b}.{x}"),
                format!("+1 {a} {b} {x}"),
                format!("{b}-{x}"),
            ];
            push("phone", forms[i % forms.len()].clone(), c);
        }
    }
    out
}

/// Where the client sought ranks for each query (None: not in the top 5).
fn ranks(index: &Index, set: &[Labelled]) -> Vec<Option<usize>> {
    set.iter()
        .map(|l| {
            let page = index.query(&ViewQuery {
                search: l.query.clone(),
                limit: 5,
                ..ViewQuery::default()
            });
            page.rows.iter().position(|r| r.id == l.client)
        })
        .collect()
}

fn finding(c: &mut Criterion) {
    let clients = firm();
    let set = labelled(&clients);
    if let Some(path) = std::env::var_os("CABINET_FINDING_QUERIES") {
        let lines: String = set
            .iter()
            .map(|l| format!("{}\t{}\t{}\n", l.kind, l.query, l.client))
            .collect();
        std::fs::write(path, lines).unwrap();
    }
    let index = Index::from_rows(clients.iter().map(ClientRow::of).collect(), Vec::new());
    let found = ranks(&index, &set);
    let mut by_kind: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (l, r) in set.iter().zip(&found) {
        let e = by_kind.entry(l.kind).or_default();
        e.0 += 1;
        e.1 += usize::from(*r == Some(0));
        e.2 += usize::from(r.is_some());
    }
    let pct = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
    eprintln!("finding the client sought, {} clients:", clients.len());
    let (mut all, mut top1, mut top5) = (0, 0, 0);
    for (kind, (n, one, five)) in &by_kind {
        eprintln!(
            "  {kind:<8} {n:>4} queries: top 1 {:5.1}%, top 5 {:5.1}%",
            pct(*one, *n),
            pct(*five, *n)
        );
        all += n;
        top1 += one;
        top5 += five;
    }
    eprintln!(
        "  overall  {all:>4} queries: top 1 {:5.1}%, top 5 {:5.1}%",
        pct(top1, all),
        pct(top5, all)
    );
    let mut c = c.benchmark_group("finding");
    c.sample_size(10);
    c.bench_function("labelled queries", |b| {
        b.iter(|| black_box(ranks(&index, &set).len()))
    });
}

criterion_group!(benches, finding);
criterion_main!(benches);
