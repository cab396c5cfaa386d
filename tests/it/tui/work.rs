//! The tax-return work: the list's work filters and urgency order through
//! the firm API and through the app's update function, and the work view.

use cabinet::api::Firm;
use cabinet::model::{
    DueFilter, LeadFilter, ReturnStatus, SortColumn, StatusSet, ViewQuery, WorkFilter,
};

use super::fixtures::{self, TODAY, harness};

fn names(firm: &dyn Firm, q: ViewQuery) -> Vec<String> {
    let q = ViewQuery {
        today: Some(TODAY),
        ..q
    };
    firm.query(&ViewQuery { limit: 100, ..q })
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect()
}

fn work(work: WorkFilter) -> ViewQuery {
    ViewQuery {
        work,
        ..ViewQuery::default()
    }
}

#[test]
fn each_work_filter_keeps_exactly_its_clients() {
    let f = fixtures::firm();
    let firm = &f.marie;
    let due = |due| {
        work(WorkFilter {
            due,
            ..Default::default()
        })
    };
    assert_eq!(
        names(firm, due(DueFilter::Overdue)),
        ["Dupuis, Jean-François", "Ferme Bouchard S.E.N.C."]
    );
    assert_eq!(
        names(firm, due(DueFilter::Unfinished)),
        [
            "Dupuis, Jean-François",
            "Ferme Bouchard S.E.N.C.",
            "Lévesque, Marie-Ève",
            "Plomberie Tremblay inc."
        ]
    );
    // Lévesque is due June 15, 42 days after May 4; Plomberie June 30.
    assert_eq!(
        names(firm, due(DueFilter::Within(41))),
        Vec::<String>::new()
    );
    assert_eq!(
        names(firm, due(DueFilter::Within(42))),
        ["Lévesque, Marie-Ève"]
    );
    assert_eq!(
        names(firm, due(DueFilter::UpTo(42))),
        [
            "Dupuis, Jean-François",
            "Ferme Bouchard S.E.N.C.",
            "Lévesque, Marie-Ève"
        ]
    );
    let status = |s: &[ReturnStatus]| {
        work(WorkFilter {
            statuses: StatusSet::of(s),
            ..Default::default()
        })
    };
    assert_eq!(
        names(firm, status(&[ReturnStatus::InProgress])),
        ["Dupuis, Jean-François", "Plomberie Tremblay inc."]
    );
    assert_eq!(
        names(
            firm,
            status(&[ReturnStatus::Filed, ReturnStatus::ReadyForReview])
        ),
        ["Boulangerie Côté & Fils", "Ferme Bouchard S.E.N.C."]
    );
    let docs = work(WorkFilter {
        docs_awaited: true,
        ..Default::default()
    });
    assert_eq!(
        names(firm, docs.clone()),
        ["Café ☕ Chez Ginette 🍰", "Plomberie Tremblay inc."]
    );
}

#[test]
fn work_filters_combine_with_type_lead_and_search() {
    let f = fixtures::firm();
    let marie = f.marie.session().unwrap().me.id;
    let unfinished = WorkFilter {
        due: DueFilter::Unfinished,
        ..Default::default()
    };
    let q = ViewQuery {
        lead: LeadFilter::Member(marie),
        ..work(unfinished)
    };
    assert_eq!(
        names(&f.marie, q.clone()),
        [
            "Ferme Bouchard S.E.N.C.",
            "Lévesque, Marie-Ève",
            "Plomberie Tremblay inc."
        ]
    );
    let q = ViewQuery {
        kind: Some(cabinet::model::ClientKind::Individual),
        ..q
    };
    assert_eq!(names(&f.marie, q.clone()), ["Lévesque, Marie-Ève"]);
    // A search match the work filter hides is explained, not lost.
    let page = f
        .marie
        .query(&ViewQuery {
            search: "boulangerie".into(),
            limit: 10,
            today: Some(TODAY),
            ..work(unfinished)
        })
        .unwrap();
    assert!(page.rows.is_empty());
    let s = page.search.unwrap();
    assert_eq!(s.hidden_by_work, 1);
    assert_eq!(s.hidden[0].row.name, "Boulangerie Côté & Fils");
}

#[test]
fn urgency_puts_overdue_first_then_soonest_due_and_finished_last() {
    let f = fixtures::firm();
    let q = ViewQuery {
        sort: SortColumn::Return,
        ..ViewQuery::default()
    };
    let all = names(&f.marie, q.clone());
    assert_eq!(
        all[..5],
        [
            "Ferme Bouchard S.E.N.C.",
            "Dupuis, Jean-François",
            "Lévesque, Marie-Ève",
            "Plomberie Tremblay inc.",
            "Boulangerie Côté & Fils",
        ]
    );
    // Clients without a return follow, by name.
    let rest = &all[5..];
    let mut sorted = rest.to_vec();
    sorted.sort_by_key(|n| cabinet::model::text::fold(n));
    assert_eq!(rest, sorted);
}

#[test]
fn the_filter_menu_narrows_the_list_and_the_header_says_so() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 40);
    // Filters: type (3), lead (4 + team), then the return's statuses.
    h.keys("f");
    let screen = h.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let overdue = lines.iter().position(|l| l.contains("Overdue")).unwrap();
    let first = lines
        .iter()
        .position(|l| l.contains("[x] All types"))
        .unwrap();
    // Headings are skipped: count only the choices.
    let choices = lines[first..overdue]
        .iter()
        .filter(|l| l.contains("[x]") || l.contains("[ ]"))
        .count();
    let down = "j".repeat(choices);
    h.keys(&down).keys("<enter><esc>");
    let screen = h.screen();
    let header = screen.lines().next().unwrap();
    assert!(header.contains("1/2 clients (overdue)"), "{header}");
    // Clearing every filter brings everyone back.
    h.keys("f").keys("G<enter><esc>");
    let screen = h.screen();
    let header = screen.lines().next().unwrap();
    assert!(
        header.ends_with("/11 clients · 1 inactive hidden"),
        "{header}"
    );
}

// ---- The work view -----------------------------------------------------------------

use cabinet::i18n::Lang;
use cabinet::tui::Options;
use cabinet::tui::testing::Harness;

use super::fixtures::harness_with;

fn snap(name: &str, h: &mut Harness) {
    insta::assert_snapshot!(name, h.screen());
}

fn french(session: &cabinet::api::local::LocalSession, w: u16, h: u16) -> Harness {
    let options = Options {
        lang: Lang::Fr,
        ..fixtures::options()
    };
    harness_with(session, &options, w, h)
}

#[test]
fn the_work_view_at_80x24_and_200x50() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("w");
    snap("work_80x24", &mut h);
    h.keys("jjjjjjjjjj");
    snap("work_80x24_lead_selected", &mut h);
    h.keys("llll");
    snap("work_80x24_overdue_by_lead", &mut h);
    h.keys("ll");
    snap("work_80x24_docs_by_client", &mut h);
    let mut h = harness(&f.marie, 200, 50);
    h.keys("w");
    snap("work_200x50", &mut h);
}

#[test]
fn the_work_view_in_french() {
    let f = fixtures::firm();
    let mut h = french(&f.marie, 80, 24);
    h.keys("w");
    snap("work_80x24_fr", &mut h);
    let mut h = french(&f.marie, 200, 50);
    h.keys("w");
    snap("work_200x50_fr", &mut h);
}

#[test]
fn the_work_view_reads_without_colour() {
    // The harness draws without colour (NO_COLOR); the selection and the
    // overdue count still read in words and markers.
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("w");
    let screen = h.screen();
    assert!(screen.contains("> not started"), "{screen}");
    assert!(screen.contains("overdue"), "{screen}");
    assert!(screen.contains('█') && screen.contains('░'), "{screen}");
    snap("work_80x24_no_color", &mut h);
}

/// Every count and bar opens the list on exactly the clients it counts.
#[test]
fn enter_on_a_count_or_a_bar_lists_exactly_those_clients() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    let header = |h: &mut Harness| h.screen().lines().next().unwrap().to_owned();
    // Overdue: the sixth count.
    h.keys("w").keys("jjjjj<enter>");
    assert_eq!(h.screen_name(), cabinet::tui::keymap::Screen::List);
    let top = header(&mut h);
    assert!(top.contains("2 clients (overdue)"), "{top}");
    assert_eq!(
        h.selected_name().as_deref(),
        Some("Ferme Bouchard S.E.N.C.")
    );
    // In progress: the second count, by status.
    h.keys("w").keys("gj<enter>");
    let top = header(&mut h);
    assert!(top.contains("2 clients (in progress)"), "{top}");
    // A lead's bar: the chart shows "in progress" by lead; Jean leads
    // Dupuis, in progress.
    h.keys("w").keys("G");
    let screen = h.screen();
    let bars: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("By lead accountant"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(bars.iter().any(|l| l.contains("Jean Tremblay")), "{screen}");
    let jean = bars
        .iter()
        .position(|l| l.contains("Jean Tremblay"))
        .unwrap();
    let up = bars.len() - 1 - jean;
    h.keys(&"k".repeat(up)).keys("<enter>");
    let top = header(&mut h);
    assert!(top.contains("lead: Jean Tremblay, in progress"), "{top}");
    assert!(top.contains("/1 client"), "{top}");
    // My work, one key away from the list: Marie's clients only.
    h.keys("W");
    assert_eq!(h.screen_name(), cabinet::tui::keymap::Screen::Work);
    let top = header(&mut h);
    assert!(h.screen().contains("My work"), "{}", h.screen());
    assert!(top.contains("4 clients · 1 overdue"), "{top}");
    // `m` still turns it to the whole firm and back.
    h.keys("m");
    assert!(!h.screen().contains("My work"), "{}", h.screen());
    h.keys("m");
    let top = header(&mut h);
    assert!(top.contains("4 clients · 1 overdue"), "{top}");
    h.keys("gjjjjj<enter>");
    let top = header(&mut h);
    assert!(
        top.contains("1/1 client (lead: My clients, overdue)"),
        "{top}"
    );
}

#[test]
fn the_work_view_follows_changes() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("w");
    assert!(h.screen().contains("2 overdue"), "{}", h.screen());
    let mut dupuis = f.marie.find("Dupuis, Jean-François").unwrap();
    dupuis.tax_returns[0].status = ReturnStatus::Filed;
    // A filed return carries the day it was filed.
    dupuis.tax_returns[0].filed = Some(jiff::civil::date(2026, 4, 28));
    f.marie.update(dupuis).unwrap();
    h.pump();
    assert!(h.screen().contains("1 overdue"), "{}", h.screen());
}

// ---- Marks ------------------------------------------------------------------------

#[test]
fn star_marks_the_filtered_clients_and_one_question_makes_them_inactive() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    // Overdue only, then mark them all.
    h.keys("w").keys("jjjjj<enter>");
    h.keys("*");
    assert!(
        h.status().starts_with("Marked the 2 clients shown"),
        "{}",
        h.status()
    );
    h.keys("m");
    let screen = h.screen();
    assert!(
        screen.contains("Make the 2 marked clients inactive"),
        "{screen}"
    );
    h.keys("x");
    let screen = h.screen();
    assert!(screen.contains("Make 2 clients inactive?"), "{screen}");
    assert!(screen.contains("billed"), "{screen}");
    h.keys("y");
    assert_eq!(h.status(), "Made 2 clients inactive");
    for name in ["Dupuis, Jean-François", "Ferme Bouchard S.E.N.C."] {
        assert!(!f.marie.find(name).unwrap().is_active(), "{name}");
    }
    // And back, without a question.
    h.keys("i*m");
    h.keys("r");
    assert_eq!(h.status(), "Reactivated 2 clients");
    assert!(f.marie.find("Dupuis, Jean-François").unwrap().is_active());
}

#[test]
fn french_questions_take_o_for_oui() {
    let f = fixtures::firm();
    let mut h = french(&f.marie, 80, 24);
    h.keys("<space><space>m");
    h.keys("x");
    assert!(h.screen().contains("o "), "{}", h.screen());
    h.keys("o");
    assert!(h.status().contains("rendus inactifs"), "{}", h.status());
}

#[test]
fn a_long_message_wraps_over_the_footer_instead_of_being_cut() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 56, 20);
    h.keys("*");
    let screen = h.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let (status, footer) = (lines[lines.len() - 2], lines[lines.len() - 1]);
    assert!(
        status.starts_with("Marked the 11 clients shown;"),
        "{screen}"
    );
    assert_eq!(footer.trim_end(), "them.", "{screen}");
    // The next key brings the footer back.
    h.keys("j");
    let screen = h.screen();
    assert!(screen.lines().last().unwrap().contains("help"), "{screen}");
}

#[test]
fn a_row_found_through_another_field_says_which() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 170, 24);
    // Plomberie Tremblay's contact is Luc Tremblay; its e-mail luc@….
    h.keys("/").type_text("luc");
    let screen = h.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("Plomberie Tremblay"))
        .unwrap();
    assert!(line.contains("contact: Luc Tremblay"), "{screen}");
    h.keys("<esc>/").type_text("555-0199");
    let screen = h.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("Plomberie Tremblay"))
        .unwrap();
    assert!(line.contains("phone: 514-555-0199"), "{screen}");
    // Found by its name, a row says nothing more.
    h.keys("<esc>/").type_text("plomberie");
    let screen = h.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("Plomberie Tremblay"))
        .unwrap();
    assert!(!line.contains("contact:"), "{screen}");
    // The label shows the field as written, accents and capitals kept,
    // though the search folds them away.
    let mut c = f.jean.find("Plomberie Tremblay inc.").unwrap();
    c.first_name = "Hélène".into();
    c.last_name = "Fréchette".into();
    f.jean.update(c).unwrap();
    h.pump();
    h.keys("<esc>/").type_text("frechette");
    let screen = h.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("Plomberie Tremblay"))
        .unwrap();
    assert!(line.contains("contact: Hélène Fréchette"), "{screen}");
}

#[test]
fn c_copies_the_selected_clients_email_phone_or_number() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("/").type_text("plomberie").keys("<tab>c");
    let screen = h.screen();
    assert!(
        screen.contains("E-mail: luc@plomberietremblay.ca"),
        "{screen}"
    );
    assert!(screen.contains("Phone: 514-555-0199"), "{screen}");
    h.keys("e");
    assert_eq!(h.copied(), ["luc@plomberietremblay.ca"]);
    assert!(h.status().contains("to the clipboard"), "{}", h.status());
    // From the profile too.
    h.keys("<enter>c").keys("n");
    assert_eq!(h.copied().last().map(String::as_str), Some("1001"));
}

#[test]
fn a_typo_finds_the_client_ahead_of_loose_matches() {
    let f = fixtures::firm();
    let first = |q: &str| {
        f.marie
            .query(&ViewQuery {
                search: q.into(),
                limit: 3,
                ..ViewQuery::default()
            })
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(first("plombreie tremblay")[0], "Plomberie Tremblay inc.");
    assert_eq!(first("boulagnerie")[0], "Boulangerie Côté & Fils");
}
