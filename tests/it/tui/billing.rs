//! The wholesale billing screen through its keys: removing a subscription
//! from wholesale billing (and what happens when it changed meanwhile),
//! adding one, the inactive clients still billed, exact totals, and what
//! staff may not do.

use cabinet::api::{ApiError, Firm};
use cabinet::model::{AuditAction, BilledTo, Client};
use cabinet::tui::action::{Outcome, Task};
use cabinet::tui::keymap::Screen;
use cabinet::tui::{Action, Options};

use super::fixtures::{self, harness, harness_with};

/// Lines on screen holding a text, leaving out the status line and the
/// footer.
fn lines_with(screen: &str, text: &str) -> Vec<String> {
    let lines: Vec<&str> = screen.lines().collect();
    lines[..lines.len().saturating_sub(2)]
        .iter()
        .filter(|l| l.contains(text))
        .map(|l| (*l).to_owned())
        .collect()
}

#[test]
fn the_table_and_its_totals_are_exact_to_the_cent() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("B");
    assert_eq!(h.screen_name(), Screen::Billing);
    let screen = h.screen();
    assert!(
        screen.contains("Subscriptions billed to accountant"),
        "{screen}"
    );
    let plomberie = &lines_with(&screen, "Plomberie Tremblay inc.")[0];
    for cell in ["Online Plus", "$90.00", "30%", "$63.00"] {
        assert!(plomberie.contains(cell), "{cell} in {plomberie}");
    }
    let advanced = &lines_with(&screen, "Online Advanced · 2 subscriptions")[0];
    assert!(advanced.contains("$470.00"), "{advanced}");
    // 199.75 + 211.50
    assert!(advanced.contains("$411.25"), "{advanced}");
    let all = &lines_with(&screen, "All products · 4 subscriptions")[0];
    assert!(all.contains("$605.00"), "{all}");
    assert!(all.contains("$512.50"), "{all}");
    let report = f.marie.billing(false).unwrap();
    assert_eq!(report.net_cents, 51_250);
    assert!(screen.lines().next().unwrap().ends_with("4 subscriptions"));
}

#[test]
fn removing_a_subscription_from_wholesale_billing_asks_and_is_audited() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("Bjj");
    assert_eq!(
        h.billing_selected(),
        Some(("Plomberie Tremblay inc.".into(), "Online Plus".into()))
    );
    h.keys("d");
    assert_eq!(h.screen_name(), Screen::Confirm);
    assert!(
        h.question()
            .unwrap()
            .starts_with("Stop billing Online Plus of Plomberie Tremblay inc. to the firm?")
    );
    h.keys("n");
    assert_eq!(
        f.marie.find("Plomberie Tremblay inc.").unwrap().products[0].billed_to,
        BilledTo::Firm
    );
    h.keys("dy");
    assert_eq!(
        h.status(),
        "Online Plus of Plomberie Tremblay inc. is now billed to the client"
    );
    let c = f.marie.find("Plomberie Tremblay inc.").unwrap();
    assert_eq!(c.products[0].billed_to, BilledTo::Client);
    assert_eq!(c.products[0].list_price_cents, 9000, "nothing else changed");
    let entry = f.marie.audit(c.id).unwrap().pop().unwrap();
    assert_eq!(entry.action, AuditAction::Updated);
    assert_eq!(entry.by, f.marie.session().unwrap().me.id);
    let change = &entry.changes[0];
    assert_eq!(change.field, "product#1 billed_to");
    assert_eq!(change.old, "firm");
    assert_eq!(change.new, "client");
    // The screen follows: three subscriptions left.
    let screen = h.screen();
    assert!(lines_with(&screen, "Plomberie").is_empty(), "{screen}");
    assert!(
        screen.contains("All products · 3 subscriptions"),
        "{screen}"
    );
}

#[test]
fn a_subscription_changed_meanwhile_is_left_alone_and_the_screen_reloads() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("Bjjd");
    // Someone else stops the wholesale billing first.
    let mut c = f.marie.find("Plomberie Tremblay inc.").unwrap();
    c.products[0].billed_to = BilledTo::Client;
    c.products[0].discount_percent = 0;
    f.marie.update(c).unwrap();
    h.keys("y");
    assert_eq!(
        h.status(),
        "Online Plus of Plomberie Tremblay inc. had changed meanwhile and is no longer billed to the firm; nothing was changed"
    );
    assert_eq!(
        f.marie.find("Plomberie Tremblay inc.").unwrap().products[0].discount_percent,
        0,
        "their change stands"
    );
    assert!(lines_with(&h.screen(), "Plomberie").is_empty());
}

#[test]
fn a_conflict_while_removing_reloads_and_says_so() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("B");
    let current = f.marie.find("Plomberie Tremblay inc.").unwrap();
    // A client that changed between reading and saving it.
    f.marie
        .update(Client {
            phone: "450-555-0111".into(),
            ..current.clone()
        })
        .unwrap();
    h.send(Action::Done(Outcome::TaskFailed {
        task: Task::Unbill {
            name: current.display_name.clone(),
            product: "Online Plus".into(),
        },
        error: ApiError::Conflict {
            expected: current.version,
            current: Box::new(current),
        },
    }));
    assert_eq!(
        h.status(),
        "Plomberie Tremblay inc. changed meanwhile; nothing was changed. The list is reloaded: check it and try again."
    );
    assert!(h.screen().contains("Plomberie Tremblay inc."));
}

#[test]
fn inactive_clients_still_billed_are_flagged_counted_and_filtered() {
    let f = fixtures::firm();
    let tokyo = f.marie.find("東京会計事務所 (Tokyo Kaikei)").unwrap();
    f.marie.set_active(tokyo.id, false).unwrap();
    let mut h = harness(&f.marie, 120, 30);
    h.keys("B");
    let screen = h.screen();
    assert!(
        screen
            .lines()
            .next()
            .unwrap()
            .ends_with("4 subscriptions · 1 inactive client still billed"),
        "{screen}"
    );
    let note: String = screen.lines().skip(2).take(2).collect::<Vec<_>>().join(" ");
    assert_eq!(
        note,
        "1 inactive client still billed to the firm: making a client inactive cancels neither the subscription nor wholesale billing. i shows only them."
    );
    let row = &lines_with(&screen, "Tokyo Kaikei")[0];
    assert!(row.contains("INACTIVE"), "{row}");
    h.keys("i");
    assert_eq!(h.status(), "Showing only inactive clients still billed");
    let screen = h.screen();
    assert!(
        screen.contains("Subscriptions billed to accountant · inactive clients still billed"),
        "{screen}"
    );
    assert!(lines_with(&screen, "Clinique").is_empty(), "{screen}");
    assert!(
        screen.contains("All products · 1 subscription "),
        "{screen}"
    );
    // Reactivating it elsewhere empties the filtered list, live.
    f.jean.set_active(tokyo.id, true).unwrap();
    h.pump();
    assert!(
        h.screen().contains(
            "No inactive client is still billed to the firm. i shows every subscription."
        )
    );
    h.keys("i");
    assert!(h.screen().contains("All products · 4 subscriptions"));
}

#[test]
fn add_a_subscription_for_a_client_chosen_by_typing() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("Ba");
    assert_eq!(h.screen_name(), Screen::Picker);
    h.type_text("roy");
    let screen = h.screen();
    assert!(screen.contains("> Roy, Amélie  No. 1010"), "{screen}");
    h.keys("<enter>");
    assert_eq!(h.screen_name(), Screen::Form);
    assert!(h.screen().contains("Add QuickBooks product · Roy, Amélie"));
    assert_eq!(h.form_value("billed_to").as_deref(), Some("firm"));
    h.keys("<tab><tab><tab>")
        .type_text("85")
        .keys("<tab><c-u>")
        .type_text("10")
        .keys("<c-s>");
    assert_eq!(h.status(), "Added Online Plus to Roy, Amélie");
    assert_eq!(h.screen_name(), Screen::Billing);
    let c = f.marie.find("Roy, Amélie").unwrap();
    assert_eq!(c.products[0].billed_to, BilledTo::Firm);
    assert_eq!(c.products[0].list_price_cents, 8500);
    let row = &lines_with(&h.screen(), "Roy, Amélie")[0];
    assert!(row.contains("$76.50"), "{row}");
}

#[test]
fn the_picker_closes_with_escape_and_keeps_the_latest_answer() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("Ba");
    let held = h.keys_unanswered("qqqqqq");
    assert!(h.screen().contains("Search: qqqqqq"));
    // The answers to the shorter texts come after the newest: dropped.
    let mut held = held;
    let newest = held.pop().unwrap();
    h.settle(vec![newest]).settle(held);
    assert!(h.screen().contains("No client matches."), "{}", h.screen());
    h.keys("<esc>");
    assert_eq!(h.screen_name(), Screen::Billing);
}

#[test]
fn enter_opens_the_client_and_escape_comes_back() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("B<enter>");
    assert_eq!(h.screen_name(), Screen::Profile);
    assert!(h.screen().contains("Clinique dentaire Fortin  No. 1011"));
    h.keys("<esc>");
    assert_eq!(h.screen_name(), Screen::Billing);
    h.keys("q");
    assert_eq!(h.screen_name(), Screen::List);
    assert!(!h.exited());
}

#[test]
fn staff_may_look_but_not_change_wholesale_billing() {
    let f = fixtures::firm();
    let mut h = harness(&f.jean, 100, 30);
    h.keys("B");
    let footer = h.screen().lines().last().unwrap().to_owned();
    assert!(!footer.contains("remove"), "{footer}");
    for key in ["d", "a"] {
        h.keys(key);
        assert_eq!(
            h.status(),
            "Only a firm admin may change wholesale billing."
        );
        assert_eq!(h.screen_name(), Screen::Billing);
    }
}

#[test]
fn amounts_follow_the_language() {
    let f = fixtures::firm();
    let options = Options {
        lang: cabinet::i18n::Lang::Fr,
        ..fixtures::options()
    };
    let mut h = harness_with(&f.marie, &options, 100, 30);
    h.keys("B");
    let screen = h.screen();
    let all = &lines_with(&screen, "Tous les produits · 4 abonnements")[0];
    assert!(all.contains("605,00\u{a0}$"), "{all}");
    assert!(all.contains("512,50\u{a0}$"), "{all}");
    assert!(screen.contains("Abonnements facturés au comptable"));
    let plus = &lines_with(&screen, "Online Plus")[0];
    assert!(plus.contains("30\u{a0}%"), "{plus}");
}

#[test]
fn a_click_selects_a_subscription_and_a_second_opens_its_client() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("B");
    // The header line, the title, the column headings: rows start on line 3.
    h.send(Action::Click { column: 10, row: 5 });
    assert_eq!(
        h.billing_selected(),
        Some(("Plomberie Tremblay inc.".into(), "Online Plus".into()))
    );
    h.send(Action::Click { column: 10, row: 5 });
    assert_eq!(h.screen_name(), Screen::Profile);
    assert!(h.screen().contains("Plomberie Tremblay inc.  No. 1001"));
    h.keys("<esc>");
    h.send(Action::Scroll { down: true });
    assert_eq!(
        h.billing_selected(),
        Some((
            "東京会計事務所 (Tokyo Kaikei)".into(),
            "Online Advanced".into()
        ))
    );
}
