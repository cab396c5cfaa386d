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
//!
//! Where fzf is installed, the same set is run through it beside cabinet:
//! one line per client holding the fields the search covers (display
//! name, company, contact first and last name, client number, e-mail,
//! phone, mobile) after the client id, one `fzf --filter QUERY` process
//! per query with the lines on its standard input, matching every field
//! but the id; fzf's output order is its ranking.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::io::Write;
use std::process::{Command, Stdio};

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

/// For each kind of query (and "overall"): how many queries, how many
/// found the client first, how many among the first five.
fn tally<'a>(
    set: &'a [Labelled],
    found: &[Option<usize>],
) -> Vec<(&'a str, (usize, usize, usize))> {
    let mut by_kind: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (l, r) in set.iter().zip(found) {
        for kind in [l.kind, "overall"] {
            let e = by_kind.entry(kind).or_default();
            e.0 += 1;
            e.1 += usize::from(*r == Some(0));
            e.2 += usize::from(r.is_some_and(|r| r < 5));
        }
    }
    // "overall" last.
    let overall = by_kind.remove("overall");
    let mut out: Vec<_> = by_kind.into_iter().collect();
    out.extend(overall.map(|o| ("overall", o)));
    out
}

/// fzf's version, or None where it cannot be run.
fn fzf_version() -> Option<String> {
    let out = Command::new("fzf").arg("--version").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Where fzf ranks the client sought for each query (None: not found).
fn fzf_ranks(clients: &[Client], set: &[Labelled]) -> Vec<Option<usize>> {
    let one_line = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let lines: String = clients
        .iter()
        .map(|c| {
            let fields = [
                c.display_name.as_str(),
                c.company.as_str(),
                &format!("{} {}", c.first_name, c.last_name),
                c.number.as_deref().unwrap_or(""),
                c.email.as_str(),
                c.phone.as_str(),
                c.mobile.as_str(),
            ];
            let fields: Vec<String> = fields.iter().map(|f| one_line(f)).collect();
            format!("{}\t{}\n", c.id, fields.join("\t"))
        })
        .collect();
    set.iter()
        .map(|l| {
            let mut child = Command::new("fzf")
                .args(["--delimiter=\t", "--nth=2.."])
                .arg(format!("--filter={}", l.query))
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("run fzf");
            let mut stdin = child.stdin.take().unwrap();
            let input = lines.clone();
            let writer = std::thread::spawn(move || {
                // fzf may stop reading early; a broken pipe is no error here.
                let _ = stdin.write_all(input.as_bytes());
            });
            let out = child.wait_with_output().expect("run fzf");
            writer.join().unwrap();
            let id = l.client.to_string();
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .position(|line| line.split('\t').next() == Some(id.as_str()))
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
    let fzf = fzf_version().map(|v| (v, fzf_ranks(&clients, &set)));
    let cabinet = tally(&set, &found);
    let pct = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
    eprintln!("finding the client sought, {} clients:", clients.len());
    match &fzf {
        Some((v, _)) => eprintln!("  (beside fzf {v}, run as `fzf --filter QUERY`)"),
        None => eprintln!("  (fzf is not installed here: cabinet alone; install fzf to compare)"),
    }
    let theirs = fzf.as_ref().map(|(_, r)| tally(&set, r));
    eprintln!(
        "  {:<8} {:>7}   cabinet top 1 / top 5{}",
        "kind",
        "queries",
        if theirs.is_some() {
            "   fzf top 1 / top 5"
        } else {
            ""
        }
    );
    for (kind, (n, one, five)) in &cabinet {
        let beside = theirs.as_ref().map_or(String::new(), |t| {
            let (_, (_, o, f)) = t.iter().find(|(k, _)| k == kind).unwrap();
            format!("   {:5.1}% / {:5.1}%", pct(*o, *n), pct(*f, *n))
        });
        eprintln!(
            "  {kind:<8} {n:>7}   {:5.1}% / {:5.1}%{beside}",
            pct(*one, *n),
            pct(*five, *n)
        );
    }
    let mut c = c.benchmark_group("finding");
    c.sample_size(10);
    c.bench_function("labelled queries", |b| {
        b.iter(|| black_box(ranks(&index, &set).len()))
    });
}

criterion_group!(benches, finding);
criterion_main!(benches);
