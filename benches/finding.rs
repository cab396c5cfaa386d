//! How often the search finds the client sought, on a labelled set of
//! queries of the kinds a bookkeeper types, over a 5,000-client demo firm.
//!
//! The queries are made from the firm's own clients, deterministically,
//! each labelled with the client it should find: name prefixes, a whole
//! name or its first two words with a typo in one word (two letters
//! swapped, one left out, one doubled or one struck beside it), a word and
//! the initial of the next, contact names, e-mail local parts, client
//! numbers, and phone numbers written five ways. For each kind the share of queries whose
//! client is first (top 1) and among the first five (top 5) is printed,
//! then overall; criterion times the whole set. `CABINET_FINDING_QUERIES`
//! names a file to write the labelled set to (one `kind<TAB>query<TAB>
//! client id` line each), to compare with another tool on the same data.
//! `CABINET_FINDING_SEED=N` makes another firm (11 by default).
//! `CABINET_FINDING_MISSES=1` lists every query whose client is not first,
//! with what cabinet put first instead and where fzf ranked the client.
//!
//! Where fzf is installed, the same set is run through it beside cabinet:
//! one line per client holding the fields the search covers (display
//! name, company, contact first and last name, client number, e-mail,
//! phone, mobile) after the client id, one `fzf --filter QUERY` process
//! per query with the lines on its standard input, matching every field
//! but the id; fzf's output order is its ranking.

use std::collections::{BTreeMap, BTreeSet};
use std::hint::black_box;
use std::io::Write;
use std::process::{Command, Stdio};

use cabinet::api::index::Index;
use cabinet::demo::{self, DemoOptions};
use cabinet::model::text::fold;
use cabinet::model::{Client, ClientId, ClientRow, ViewQuery};
use criterion::{Criterion, criterion_group, criterion_main};

const CLIENTS: usize = 5_000;

/// One labelled query.
struct Labelled {
    kind: &'static str,
    query: String,
    /// What makes two queries alike: the query itself, or for a typo the
    /// words without it, or for a phone number its digits.
    key: String,
    client: ClientId,
}

fn firm() -> Vec<Client> {
    let today = jiff::civil::date(2026, 11, 26);
    demo::generate(DemoOptions {
        clients: CLIENTS,
        seed: std::env::var("CABINET_FINDING_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(11),
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

/// Words no one types an initial of: `gagnon f` for Gagnon et Fils, not
/// `gagnon e`.
const SMALL_WORDS: [&str; 16] = [
    "et", "de", "du", "des", "la", "le", "les", "l", "d", "en", "au", "aux", "and", "of", "the",
    "chez",
];

/// The keys beside each letter on a keyboard, for a slipped finger.
fn beside(c: char) -> Option<char> {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    ROWS.iter().find_map(|row| {
        let i = row.find(c)?;
        let b = row.as_bytes();
        Some(if i + 1 < b.len() { b[i + 1] } else { b[i - 1] } as char)
    })
}

/// A typical typo in one word of `words` (of at least four letters): two
/// letters swapped, one left out, one doubled or one struck beside it,
/// by turns as `i` goes; which word also changes with `i`, the longest
/// first. None when the name has no such word.
fn typo(words: &[&str], i: usize) -> Option<Vec<String>> {
    let mut long: Vec<usize> = (0..words.len())
        .filter(|&k| words[k].chars().count() >= 4 && words[k].chars().all(char::is_alphabetic))
        .collect();
    long.sort_by_key(|&k| std::cmp::Reverse(words[k].chars().count()));
    let at = *long.get((i / 4) % long.len().max(1))?;
    let mut chars: Vec<char> = words[at].chars().collect();
    let k = chars.len() / 2;
    match i % 4 {
        0 if chars[k] != chars[k + 1] => chars.swap(k, k + 1),
        0 => return None,
        1 => {
            chars.remove(k);
        }
        2 => chars.insert(k, chars[k]),
        _ => chars[k] = beside(chars[k]).unwrap_or('x'),
    }
    let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    out[at] = chars.into_iter().collect();
    Some(out)
}

/// The labelled set, without queries several clients would give alike
/// (two clients whose e-mails both start `info@`, two phone numbers
/// ending in the same seven digits, two names beginning with the same two
/// words): those have no one right answer.
fn labelled(clients: &[Client]) -> Vec<Labelled> {
    // Accents and case do not tell clients apart: `campbell é` is
    // `campbell e`, which finds Emma as well as Éric.
    let mut seen: BTreeMap<(&str, String), BTreeSet<ClientId>> = BTreeMap::new();
    for l in every_query(clients, 1, true) {
        seen.entry((l.kind, fold(&l.key)))
            .or_default()
            .insert(l.client);
    }
    every_query(clients, STEP, false)
        .into_iter()
        .filter(|l| {
            seen.get(&(l.kind, fold(&l.key)))
                .is_some_and(|c| c.len() == 1)
        })
        .collect()
}

/// Every how many clients one gives its queries.
const STEP: usize = 19;

/// Every `step`th client's queries of every kind; with `every_form`, each
/// phone number in all the ways it may be written, for finding queries
/// that two clients would give alike.
fn every_query(clients: &[Client], step: usize, every_form: bool) -> Vec<Labelled> {
    let mut out = Vec::new();
    let mut push = |kind, query: String, key: String, c: &Client| {
        if !query.trim().is_empty() {
            out.push(Labelled {
                kind,
                query,
                key,
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
        let prefix: String = name.chars().take(12).collect();
        push("prefix", prefix.clone(), prefix, c);
        // A typo in the whole name as written, or in the first two words
        // alone, by turns (both, to find queries given alike).
        let spaced: Vec<&str> = name.split_whitespace().collect();
        let shapes: &[bool] = match (every_form, i % 2 == 0 || spaced.len() < 3) {
            (true, _) => &[true, false],
            (false, whole) => {
                if whole {
                    &[true]
                } else {
                    &[false]
                }
            }
        };
        for &whole in shapes {
            let typed = if whole {
                &spaced[..]
            } else {
                &spaced[..2.min(spaced.len())]
            };
            let bare: Vec<&str> = typed
                .iter()
                .map(|w| w.trim_matches(|ch: char| !ch.is_alphanumeric()))
                .collect();
            if let Some(t) = typo(&bare, i / 2) {
                let t: Vec<String> = typed
                    .iter()
                    .zip(&bare)
                    .zip(t)
                    .map(|((w, b), t)| w.replacen(b, &t, 1))
                    .collect();
                push("typo", t.join(" "), typed.join(" "), c);
            }
        }
        let significant: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !SMALL_WORDS.contains(w))
            .collect();
        if significant.len() >= 2 {
            let initial: String = significant[1].chars().take(1).collect();
            let q = format!("{} {initial}", significant[0]);
            push("initial", q.clone(), q, c);
        }
        if !c.first_name.is_empty() && !c.last_name.is_empty() {
            let q = format!("{} {}", c.first_name, c.last_name).to_lowercase();
            push("contact", q.clone(), q, c);
        }
        if let Some((local, _)) = c.email.split_once('@') {
            push("email", local.to_owned(), local.to_owned(), c);
        }
        if let Some(n) = &c.number {
            push("number", n.clone(), n.clone(), c);
        }
        // The digits before any extension (`579-555-0256 x178`).
        let digits = |p: &str| -> String {
            let main = p.split(|ch: char| ch.is_alphabetic()).next().unwrap_or("");
            main.chars().filter(char::is_ascii_digit).collect()
        };
        // A mobile number gives the same queries as a phone.
        let m = digits(&c.mobile);
        if every_form && m.len() == 10 {
            push("phone", m.clone(), m.clone(), c);
            push("phone", m[3..].to_owned(), m[3..].to_owned(), c);
        }
        let d = digits(&c.phone);
        if d.len() == 10 {
            let (a, b, x) = (&d[..3], &d[3..6], &d[6..]);
            let forms = [
                format!("{a}-{b}-{x}"),
                format!("({a}) {b}-{x}"),
                format!("{a}.{b}.{x}"),
                format!("+1 {a} {b} {x}"),
                format!("{b}-{x}"),
            ];
            // What each form finds: all ten digits, or the last seven.
            let key = |f: usize| if f == 4 { d[3..].to_owned() } else { d.clone() };
            if every_form {
                for (f, form) in forms.iter().enumerate() {
                    push("phone", form.clone(), key(f), c);
                }
            } else {
                let f = i % forms.len();
                push("phone", forms[f].clone(), key(f), c);
            }
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

/// Where fzf ranks the client sought for each query (None: not found),
/// and the client fzf puts first.
fn fzf_ranks(clients: &[Client], set: &[Labelled]) -> Vec<(Option<usize>, Option<ClientId>)> {
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
            let out = String::from_utf8_lossy(&out.stdout);
            let first = out
                .lines()
                .next()
                .and_then(|line| line.split('\t').next()?.parse().ok());
            let rank = out
                .lines()
                .position(|line| line.split('\t').next() == Some(id.as_str()));
            (rank, first)
        })
        .collect()
}

/// Every query whose client cabinet does not put first: where it ranks,
/// the clients cabinet puts first instead, and where fzf ranks it.
fn misses(
    index: &Index,
    clients: &[Client],
    set: &[Labelled],
    found: &[Option<usize>],
    fzf: Option<&[(Option<usize>, Option<ClientId>)]>,
) {
    let name = |id: ClientId| {
        clients
            .iter()
            .find(|c| c.id == id)
            .map_or(String::new(), |c| c.display_name.clone())
    };
    let rank = |r: Option<usize>| r.map_or("-".to_owned(), |r| (r + 1).to_string());
    for (i, (l, r)) in set.iter().zip(found).enumerate() {
        if *r == Some(0) {
            continue;
        }
        let page = index.query(&ViewQuery {
            search: l.query.clone(),
            limit: 3,
            ..ViewQuery::default()
        });
        let instead: Vec<String> = page.rows.iter().map(|row| name(row.id)).collect();
        let theirs = fzf.map_or(String::new(), |f| {
            let (r, first) = f[i];
            format!(
                "  fzf {} (first {})",
                rank(r),
                first.map_or(String::new(), name)
            )
        });
        eprintln!(
            "  miss {:<8} {:?} -> {:?}: cabinet {} of {} {:?}{theirs}",
            l.kind,
            l.query,
            name(l.client),
            rank(*r),
            page.total,
            instead,
        );
    }
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
    let theirs = fzf.as_ref().map(|(_, r)| {
        let ranks: Vec<Option<usize>> = r.iter().map(|(rank, _)| *rank).collect();
        tally(&set, &ranks)
    });
    if std::env::var_os("CABINET_FINDING_MISSES").is_some() {
        misses(
            &index,
            &clients,
            &set,
            &found,
            fzf.as_ref().map(|(_, r)| r.as_slice()),
        );
    }
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
