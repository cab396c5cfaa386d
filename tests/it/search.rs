//! Finding a client: what the search matches, how it ranks, and how it
//! explains a client that seems to be missing.

use cabinet::api::Firm;
use cabinet::api::local::{Core, LocalSession};
use cabinet::model::{Client, ClientKind, HiddenReason, ViewQuery};
use proptest::prelude::*;

fn firm(names: &[&str]) -> (tempfile::TempDir, LocalSession) {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(&dir.path().join("firm")).unwrap();
    let s = core.session("marie").unwrap();
    for n in names {
        s.create(Client::new(*n)).unwrap();
    }
    (dir, s)
}

fn search(s: &LocalSession, text: &str) -> Vec<String> {
    let q = ViewQuery {
        search: text.into(),
        ..ViewQuery::all()
    };
    s.query(&q)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect()
}

#[test]
fn accents_case_and_word_order_do_not_matter() {
    let (_d, s) = firm(&[
        "Lévesque, Marie-Ève",
        "Côté et fils",
        "Plomberie Tremblay inc.",
    ]);
    assert_eq!(search(&s, "levesque"), ["Lévesque, Marie-Ève"]);
    assert_eq!(search(&s, "COTE"), ["Côté et fils"]);
    assert_eq!(search(&s, "tremblay plomb"), ["Plomberie Tremblay inc."]);
}

#[test]
fn matches_other_fields_and_phone_digits() {
    let (_d, s) = firm(&[]);
    let mut c = Client::new("Alpha");
    c.phone = "(514) 555-0199".into();
    c.email = "compta@alpha.ca".into();
    c.number = Some("C-2041".into());
    c.first_name = "Ginette".into();
    s.create(c).unwrap();
    s.create(Client::new("Bravo")).unwrap();
    for q in ["5145550199", "compta", "c-2041", "ginette"] {
        assert_eq!(search(&s, q), ["Alpha"], "query {q}");
    }
}

#[test]
fn ranks_prefixes_before_fuzzy_matches_and_highlights_them() {
    let (_d, s) = firm(&["Gestion Roy", "Roy & Associés", "Brodeur Oyster"]);
    let q = ViewQuery {
        search: "roy".into(),
        ..ViewQuery::all()
    };
    let page = s.query(&q).unwrap();
    let names: Vec<_> = page.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Roy & Associés", "Gestion Roy", "Brodeur Oyster"]);
    assert_eq!(page.highlights[0], [0, 1, 2]);
    assert_eq!(page.highlights[1], [8, 9, 10]);
}

#[test]
fn a_typo_finds_the_closest_names() {
    let (_d, s) = firm(&["Plomberie Tremblay inc.", "Boulangerie Gagnon"]);
    let q = ViewQuery {
        search: "Trembaly".into(),
        ..ViewQuery::all()
    };
    let page = s.query(&q).unwrap();
    assert!(page.search.as_ref().unwrap().closest);
    assert_eq!(page.rows[0].name, "Plomberie Tremblay inc.");
    assert_eq!(page.total, 1);
}

#[test]
fn hidden_matches_say_why_they_are_hidden() {
    let (_d, s) = firm(&[]);
    let a = s.create(Client::new("Tremblay, Anne")).unwrap();
    let mut b = Client::new("Tremblay, Bruno");
    b.kind = ClientKind::Individual;
    s.create(b).unwrap();
    s.create(Client::new("Tremblay Toitures")).unwrap();
    s.set_active(a.id, false).unwrap();

    let q = ViewQuery {
        search: "tremblay".into(),
        kind: Some(ClientKind::Business),
        ..ViewQuery::all()
    };
    let page = s.query(&q).unwrap();
    assert_eq!(page.rows.len(), 1);
    assert_eq!(page.rows[0].name, "Tremblay Toitures");
    let out = page.search.unwrap();
    assert_eq!(
        (out.hidden_inactive, out.hidden_by_kind, out.hidden_by_lead),
        (1, 1, 0)
    );
    let reasons: Vec<_> = out
        .hidden
        .iter()
        .map(|h| (h.row.name.as_str(), h.reason))
        .collect();
    assert!(reasons.contains(&("Tremblay, Anne", HiddenReason::Inactive)));
    assert!(reasons.contains(&("Tremblay, Bruno", HiddenReason::Kind)));

    // Including inactive clients shows Anne among the rows, marked inactive.
    let page = s
        .query(&ViewQuery {
            include_inactive: true,
            ..q
        })
        .unwrap();
    assert!(
        page.rows
            .iter()
            .any(|r| r.name == "Tremblay, Anne" && !r.active)
    );
}

#[test]
fn a_change_shows_up_in_the_next_search() {
    let (_d, s) = firm(&["Alpha"]);
    assert!(search(&s, "zulu").is_empty());
    let mut a = s.find("Alpha").unwrap();
    a.display_name = "Zulu Transport".into();
    s.update(a).unwrap();
    assert_eq!(search(&s, "zulu"), ["Zulu Transport"]);
}

/// Two people typing at once each narrow their own search, and one's
/// change shows up in the other's next key, and a typo in another's
/// new client is found through the words written since the start.
#[test]
fn two_sessions_typing_at_once_keep_their_own_searches() {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(&dir.path().join("firm")).unwrap();
    let (ana, bob) = (
        core.session("marie").unwrap(),
        core.session("marie").unwrap(),
    );
    for n in [
        "Tremblay, Marie",
        "Gagnon, Luc",
        "Plomberie Tremblay",
        "Côté, Jean",
    ] {
        ana.create(Client::new(n)).unwrap();
    }
    for (a, b) in ["t", "tr", "tre", "trem"]
        .iter()
        .zip(["g", "ga", "gag", "gagn"])
    {
        assert_eq!(
            search(&ana, a).len(),
            if a.len() < 2 { 3 } else { 2 },
            "{a}"
        );
        assert_eq!(search(&bob, b), ["Gagnon, Luc"], "{b}");
    }
    // Bob adds a client: Ana's next key sees it.
    bob.create(Client::new("Tremblay, Bob")).unwrap();
    assert_eq!(search(&ana, "tremb").len(), 3);
    // Found with a typo, through the words written after the start.
    assert_eq!(search(&bob, "trembaly bob"), ["Tremblay, Bob"]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Typing a query one key at a time (which narrows the previous
    /// result) gives exactly what searching from scratch gives.
    #[test]
    fn narrowing_equals_a_fresh_search(
        names in proptest::collection::btree_set("[a-eé ]{3,12}", 1..40),
        query in "[a-eé]{1,6}( [a-eé]{1,4})?",
    ) {
        let names: Vec<String> = names.into_iter().filter(|n| !n.trim().is_empty()).collect();
        prop_assume!(!names.is_empty());
        let dir = tempfile::tempdir().unwrap();
        let core = Core::open(&dir.path().join("firm")).unwrap();
        let s = core.session("marie").unwrap();
        let mut seen = std::collections::HashSet::new();
        let unique: Vec<Client> = names
            .iter()
            .filter(|n| seen.insert(n.trim().to_lowercase()))
            .map(|n| Client::new(n.as_str()))
            .collect();
        s.create_many(unique).unwrap();
        let mut typed = String::new();
        let mut last = Vec::new();
        for ch in query.chars() {
            typed.push(ch);
            last = search(&s, &typed);
        }
        // A fresh core has no previous search to narrow.
        drop(s);
        drop(core);
        let core = Core::open(&dir.path().join("firm")).unwrap();
        let fresh = search(&core.session("marie").unwrap(), &typed);
        prop_assert_eq!(last, fresh);
    }
}

#[test]
fn deep_windows_of_a_long_result_are_in_order() {
    let (_d, s) = firm(&[]);
    let names: Vec<Client> = (0..1_200)
        .map(|i| Client::new(format!("Client {:04} Gagnon", (i * 7919) % 1_200)))
        .collect();
    s.create_many(names).unwrap();
    let q = ViewQuery {
        search: "gagnon".into(),
        ..ViewQuery::all()
    };
    let all: Vec<String> = s
        .query(&q)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(all.len(), 1_200);
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted, "equal scores fall back to name order");
    // A new search asked straight for a window deep in its result.
    let window = s
        .query(&ViewQuery {
            search: "gagnon c".into(),
            offset: 900,
            limit: 5,
            ..ViewQuery::default()
        })
        .unwrap();
    let expected = s
        .query(&ViewQuery {
            search: "gagnon c".into(),
            ..ViewQuery::all()
        })
        .unwrap();
    assert_eq!(window.rows, expected.rows[900..905].to_vec());
    assert_eq!(window.total, 1_200);
}

#[test]
fn the_name_order_follows_renames_and_additions() {
    let (_d, s) = firm(&["Bravo", "Delta", "Foxtrot"]);
    let names = |s: &LocalSession| -> Vec<String> {
        s.query(&ViewQuery::all())
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    assert_eq!(names(&s), ["Bravo", "Delta", "Foxtrot"]);
    let mut d = s.find("Delta").unwrap();
    d.display_name = "Alpha".into();
    s.update(d).unwrap();
    s.create(Client::new("Echo")).unwrap();
    assert_eq!(names(&s), ["Alpha", "Bravo", "Echo", "Foxtrot"]);
    // Equal scores in a search fall back to the same order.
    let q = ViewQuery {
        search: "o".into(),
        ..ViewQuery::all()
    };
    let found: Vec<String> = s
        .query(&q)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(found, ["Bravo", "Echo", "Foxtrot"]);
}

#[test]
fn many_changes_keep_every_search_text_right() {
    let (_d, s) = firm(&["Alpha Transport", "Bravo Plomberie", "Charlie Toitures"]);
    let mut c = s.find("Bravo Plomberie").unwrap();
    for i in 0..25 {
        c.display_name = format!("Bravo Plomberie {i}");
        c.phone = format!("514-555-{i:04}");
        c = s.update(c).unwrap();
    }
    assert_eq!(search(&s, "plomberie 24"), ["Bravo Plomberie 24"]);
    assert_eq!(search(&s, "5145550024"), ["Bravo Plomberie 24"]);
    assert!(search(&s, "5145550023").is_empty());
    assert_eq!(search(&s, "toitures"), ["Charlie Toitures"]);
    assert_eq!(search(&s, "alpha"), ["Alpha Transport"]);
}

/// Ties rank the same whether a search was typed key by key or made at
/// once: scoring one client never depends on the clients scored before it.
#[test]
fn typed_and_fresh_searches_rank_ties_alike() {
    let names = ["beb éé bb", "é éaaée", "éaeéa"];
    let (_d, typed) = firm(&names);
    search(&typed, "ééé a");
    let narrowed = search(&typed, "ééé aé");
    let (_d2, fresh) = firm(&names);
    assert_eq!(narrowed, search(&fresh, "ééé aé"));
}
