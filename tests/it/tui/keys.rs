//! Key sequences through the app's update function, with the effects run
//! against an in-process firm and its live events delivered.

use std::sync::Arc;

use cabinet::api::Firm;
use cabinet::model::{Client, ViewQuery};
use cabinet::tui::keymap::Screen;
use cabinet::tui::testing::Harness;
use cabinet::tui::{Action, Options};

use super::fixtures::{self, harness, harness_with};

fn find(firm: &dyn Firm, name: &str) -> Client {
    firm.find(name).unwrap()
}

/// Opens a client's profile by searching for it.
fn open(h: &mut Harness, search: &str) {
    h.keys("/").type_text(search).keys("<enter>");
    assert_eq!(h.screen_name(), Screen::Profile, "{search} opens");
}

#[test]
fn moving_and_jumping() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    assert_eq!(
        h.selected_name().as_deref(),
        Some("Boulangerie Côté & Fils")
    );
    h.keys("jj");
    assert_eq!(
        h.selected_name().as_deref(),
        Some("Clinique dentaire Fortin")
    );
    h.keys("G");
    assert_eq!(
        h.selected_name().as_deref(),
        Some("東京会計事務所 (Tokyo Kaikei)")
    );
    h.keys("k<up>");
    assert_eq!(h.selected_name().as_deref(), Some("Roy, Amélie"));
    h.keys("gk");
    assert_eq!(
        h.selected_name().as_deref(),
        Some("Boulangerie Côté & Fils")
    );
}

#[test]
fn only_a_window_around_the_screen_is_fetched_and_paging_fetches_more() {
    let f = fixtures::empty();
    let clients: Vec<Client> = (0..500)
        .map(|i| Client::new(format!("Client {i:04}")))
        .collect();
    let me = f.marie.session().unwrap().me.id;
    f.core.create_many(clients, me).unwrap();
    let mut h = harness(&f.marie, 80, 24);
    assert!(h.loaded_rows() <= 3 * 20, "{} rows loaded", h.loaded_rows());
    h.keys("<pgdn><pgdn><pgdn><pgdn><pgdn>");
    assert_eq!(h.selected_name().as_deref(), Some("Client 0100"));
    h.keys("G");
    assert_eq!(h.selected_name().as_deref(), Some("Client 0499"));
    assert!(h.screen().contains("> Client 0499"));
    assert!(h.loaded_rows() <= 60);
}

#[test]
fn the_selection_stays_on_its_client_when_the_list_changes() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("jjj");
    assert_eq!(h.selected_name().as_deref(), Some("Dupuis, Jean-François"));
    // Someone else adds a client that sorts first.
    f.jean.create(Client::new("Agence Aubin")).unwrap();
    h.pump();
    assert_eq!(h.selected_name().as_deref(), Some("Dupuis, Jean-François"));
    assert!(h.screen().contains("> Dupuis, Jean-François"));
    // Sorting keeps it too.
    h.keys("s").keys("jjj<enter>");
    assert_eq!(h.selected_name().as_deref(), Some("Dupuis, Jean-François"));
    h.keys("s<enter>");
    assert_eq!(h.selected_name().as_deref(), Some("Dupuis, Jean-François"));
    assert_eq!(h.status(), "Sorted by lead accountant, descending");
}

#[test]
fn a_client_that_leaves_the_view_passes_the_selection_to_the_next() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("jjj");
    let dupuis = f.jean.find("Dupuis, Jean-François").unwrap();
    f.jean.set_active(dupuis.id, false).unwrap();
    h.pump();
    assert_eq!(
        h.selected_name().as_deref(),
        Some("Ferme Bouchard S.E.N.C.")
    );
}

#[test]
fn make_inactive_then_include_inactive_then_reactivate() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    assert_eq!(
        h.selected_name().as_deref(),
        Some("Boulangerie Côté & Fils")
    );
    h.keys("m");
    assert!(h.screen().contains("Make inactive"));
    h.keys("x");
    assert!(
        h.screen()
            .contains("Make Boulangerie Côté & Fils inactive? Their data is kept; their")
    );
    h.keys("y");
    assert_eq!(h.status(), "Boulangerie Côté & Fils is now inactive");
    let screen = h.screen();
    let rows: Vec<&str> = screen.lines().skip(2).take(20).collect();
    assert!(!rows.iter().any(|l| l.contains("Boulangerie")), "{screen}");
    assert!(screen.contains("2 inactive hidden"));
    assert!(!find(h.firm().as_ref(), "Boulangerie Côté & Fils").is_active());

    h.keys("i");
    let screen = h.screen();
    let line = screen.lines().find(|l| l.contains("Boulangerie")).unwrap();
    assert!(line.contains("inactive"), "{line}");
    // The selection went on to the next client; go back up to reactivate.
    h.keys("g");
    assert_eq!(
        h.selected_name().as_deref(),
        Some("Boulangerie Côté & Fils")
    );
    h.keys("mr");
    assert_eq!(h.status(), "Boulangerie Côté & Fils is active again");
    assert!(find(h.firm().as_ref(), "Boulangerie Côté & Fils").is_active());
}

#[test]
fn the_settings_popup_includes_inactive_clients_too() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("o<enter>");
    assert!(h.screen().contains("[x] Include inactive clients"));
    h.keys("<esc>");
    assert!(h.screen().contains("Garage Pelletier"));
    assert!(h.screen().contains("12 clients · inactive included"));
}

#[test]
fn filters_by_type_and_my_clients() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    // Individual, then My clients.
    h.keys("f").keys("jj<enter>").keys("jj<enter><esc>");
    let screen = h.screen();
    assert!(
        screen.contains("1 client (Individual, lead: My clients)"),
        "{screen}"
    );
    assert!(screen.contains("Lévesque, Marie-Ève"));
    assert!(!screen.contains("Dupuis"));
}

#[test]
fn marked_clients_get_one_lead_at_once() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("<space><space>");
    assert!(h.status().starts_with("2 clients marked"));
    assert!(h.screen().contains("2 marked"));
    h.keys("m");
    assert!(
        h.screen()
            .contains("Edit leads: assign the 2 marked clients to…")
    );
    // With marks, the menu is about them first: `l` is their lead.
    h.keys("l");
    assert!(h.screen().contains("Assign 2 clients to"));
    // No lead, Marie, Jean, Sophie: pick Sophie. The café already had
    // her, so one client changes, in one call.
    h.keys("G<enter>");
    assert_eq!(
        h.status(),
        "Sophie Gagnon is now the lead accountant of 2 clients (1 changed, 1 already had that lead)"
    );
    let boulangerie = find(h.firm().as_ref(), "Boulangerie Côté & Fils");
    let last = f.marie.audit(boulangerie.id).unwrap().pop().unwrap();
    assert_eq!(last.action, cabinet::model::AuditAction::LeadAssigned);
    let led = f.marie.query(&ViewQuery::all()).unwrap();
    for name in ["Boulangerie Côté & Fils", "Café ☕ Chez Ginette 🍰"] {
        let row = led.rows.iter().find(|r| r.name == name).unwrap();
        assert_eq!(row.lead_name, "Sophie Gagnon");
    }
    assert!(!h.screen().contains("marked"));
}

#[test]
fn staff_cannot_assign_leads_and_are_told_why() {
    let f = fixtures::firm();
    let mut h = harness(&f.jean, 80, 24);
    h.keys("ml");
    assert_eq!(h.status(), "Only a firm admin may assign lead accountants.");
    h.keys("<esc>e");
    // The lead field is shown but locked.
    h.keys("<tab><tab><tab>");
    assert_eq!(h.form_focus(), Some("lead"));
    h.keys("<right>");
    assert_eq!(
        h.status(),
        "Lead accountant: only a firm admin may change this"
    );
}

#[test]
fn edit_a_phone_number() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("e");
    assert_eq!(h.screen_name(), Screen::Form);
    h.keys("<tab><tab><tab><tab><tab><tab><tab><tab>");
    assert_eq!(h.form_focus(), Some("phone"));
    h.keys("<c-u>").type_text("450 555-0142").keys("<c-s>");
    assert_eq!(h.status(), "Saved Boulangerie Côté & Fils");
    assert_eq!(h.screen_name(), Screen::List);
    assert_eq!(
        find(h.firm().as_ref(), "Boulangerie Côté & Fils").phone,
        "450 555-0142"
    );
    // The draft kept on the way is gone.
    let id = find(h.firm().as_ref(), "Boulangerie Côté & Fils").id;
    assert_eq!(h.firm().draft(id).unwrap(), None);
}

#[test]
fn add_a_client_and_select_it() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("a")
        .type_text("Toiture Lapointe")
        .keys("<tab><tab><right>");
    assert_eq!(h.form_value("kind").as_deref(), Some("individual"));
    h.keys("<c-s>");
    assert_eq!(h.status(), "Added Toiture Lapointe");
    assert_eq!(h.selected_name().as_deref(), Some("Toiture Lapointe"));
    let c = find(h.firm().as_ref(), "Toiture Lapointe");
    assert_eq!(c.kind, cabinet::model::ClientKind::Individual);
}

#[test]
fn validation_messages_come_from_the_model_and_block_the_save() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("e<tab><tab><tab><tab><tab><tab><tab>");
    assert_eq!(h.form_focus(), Some("email"));
    h.type_text("not-an-email");
    assert!(h.screen().contains("must look like name@example.com"));
    h.keys("<tab>").keys("<c-s>");
    assert_eq!(
        h.form_focus(),
        Some("email"),
        "the save moves to the field to fix"
    );
    assert_eq!(
        h.status(),
        "Not saved: Email must look like name@example.com: one @, a dot in the domain, no spaces"
    );
    assert_eq!(find(h.firm().as_ref(), "Boulangerie Côté & Fils").email, "");
}

#[test]
fn duplicate_names_are_refused_by_the_store_beside_the_field() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("a").type_text("roy, amélie").keys("<c-s>");
    assert_eq!(h.screen_name(), Screen::Form);
    assert!(
        h.status()
            .contains("Display name is already used by Roy, Amélie"),
        "{}",
        h.status()
    );
    assert!(h.screen().contains("is already used by Roy, Amélie"));
}

#[test]
fn cancelling_asks_only_when_something_changed() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("e<esc>");
    assert_eq!(h.screen_name(), Screen::List);
    h.keys("e").type_text("!").keys("<esc>");
    assert_eq!(h.screen_name(), Screen::Confirm);
    h.keys("n");
    assert_eq!(h.screen_name(), Screen::Form);
    assert_eq!(
        h.form_value("name").as_deref(),
        Some("Boulangerie Côté & Fils!")
    );
    h.keys("<esc>y");
    assert_eq!(h.screen_name(), Screen::List);
    assert_eq!(h.status(), "Changes discarded");
}

#[test]
fn notes_span_several_lines() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("e<s-tab>");
    assert_eq!(h.form_focus(), Some("notes"));
    h.type_text("First line")
        .keys("<enter>")
        .type_text("Second line")
        .keys("<up><end>");
    h.type_text(".").keys("<c-s>");
    assert_eq!(
        find(h.firm().as_ref(), "Boulangerie Côté & Fils").notes,
        "First line.\nSecond line"
    );
}

#[test]
fn pick_lists_open_with_enter() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("e<tab><tab><tab><enter>");
    assert_eq!(h.screen_name(), Screen::Popup);
    assert!(h.screen().contains("Sophie Gagnon (sgagnon)"));
    h.keys("G<enter>");
    assert_eq!(h.form_value("lead").as_deref(), Some("sgagnon"));
    h.keys("<c-s>");
    let c = find(h.firm().as_ref(), "Boulangerie Côté & Fils");
    assert_eq!(
        f.marie
            .team()
            .unwrap()
            .iter()
            .find(|m| Some(m.id) == c.lead)
            .unwrap()
            .login,
        "sgagnon"
    );
}

#[test]
fn a_stale_save_opens_the_conflict_view_and_merges() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    open(&mut h, "plomberie");
    h.keys("e");
    let mut theirs = f.jean.find("Plomberie Tremblay inc.").unwrap();
    theirs.phone = "450-555-0111".into();
    theirs.address.city = "Laval".into();
    f.jean.update(theirs).unwrap();
    h.pump();
    assert!(
        h.status()
            .contains("Jean Tremblay just changed Plomberie Tremblay inc."),
        "{}",
        h.status()
    );
    h.keys("<tab><tab><tab><tab><tab><tab><tab>")
        .type_text(".qc");
    h.keys("<tab><c-u>").type_text("438-555-0123").keys("<c-s>");
    assert_eq!(h.screen_name(), Screen::Conflict);
    // The phone needs a choice: saving now is refused.
    h.keys("<c-s>");
    assert_eq!(
        h.status(),
        "Choose yours or theirs for 1 field first (m or t)"
    );
    let row = |h: &mut Harness| h.screen();
    assert!(row(&mut h).contains("both changed: choose"));
    h.keys("m<c-s>");
    assert_eq!(h.status(), "Saved Plomberie Tremblay inc.");
    assert_eq!(h.screen_name(), Screen::Profile);
    let saved = find(h.firm().as_ref(), "Plomberie Tremblay inc.");
    assert_eq!(saved.phone, "438-555-0123", "mine, as chosen");
    assert_eq!(saved.address.city, "Laval", "theirs, untouched by me");
    assert_eq!(
        saved.email, "luc@plomberietremblay.ca.qc",
        "mine, untouched by them"
    );
    // The profile shows the saved record.
    assert!(h.screen().contains("438-555-0123"));
}

#[test]
fn taking_theirs_keeps_their_value() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("e");
    let mut theirs = f.jean.find("Boulangerie Côté & Fils").unwrap();
    theirs.phone = "450-555-0111".into();
    f.jean.update(theirs).unwrap();
    h.keys("<tab><tab><tab><tab><tab><tab><tab><tab><c-u>")
        .type_text("418-555-0000")
        .keys("<c-s>");
    assert_eq!(h.screen_name(), Screen::Conflict);
    h.keys("T<c-s>");
    assert_eq!(
        find(h.firm().as_ref(), "Boulangerie Côté & Fils").phone,
        "450-555-0111"
    );
}

#[test]
fn drafts_are_kept_while_editing_and_dropped_on_cancel() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    let id = find(h.firm().as_ref(), "Boulangerie Côté & Fils").id;
    h.keys("e").type_text(" (centre-ville)");
    assert!(h.app().draft_pending());
    h.send(Action::DraftDue);
    assert!(!h.app().draft_pending());
    let draft = h.firm().draft(id).unwrap().expect("a draft is kept");
    assert_eq!(
        draft.record.display_name,
        "Boulangerie Côté & Fils (centre-ville)"
    );
    h.keys("<esc>y");
    assert_eq!(h.firm().draft(id).unwrap(), None);
}

#[test]
fn a_hang_up_keeps_the_draft_and_the_next_edit_offers_it() {
    let f = fixtures::firm();
    let id = {
        let mut h = harness(&f.marie, 80, 24);
        h.keys("e<tab><tab><tab><tab><tab><tab><tab><tab><c-u>")
            .type_text("418-555-0000");
        h.send(Action::Stop);
        assert!(h.exited());
        assert_eq!(h.drafts_kept(), 1);
        find(h.firm().as_ref(), "Boulangerie Côté & Fils").id
    };
    assert!(f.marie.draft(id).unwrap().is_some());
    let mut h = harness(&f.marie, 80, 24);
    h.keys("e");
    assert_eq!(h.screen_name(), Screen::Confirm);
    let screen = h.screen();
    assert!(
        screen.contains("You left unsaved changes to Boulangerie Côté & Fils"),
        "{screen}"
    );
    assert!(screen.contains("y Restore it"), "{screen}");
    h.keys("y");
    assert_eq!(h.form_value("phone").as_deref(), Some("418-555-0000"));
    assert!(h.app().has_unsaved_form());
    h.keys("<c-s>");
    assert_eq!(
        find(h.firm().as_ref(), "Boulangerie Côté & Fils").phone,
        "418-555-0000"
    );
    assert_eq!(f.marie.draft(id).unwrap(), None);
}

#[test]
fn a_draft_older_than_the_record_merges_with_what_changed_since() {
    let f = fixtures::firm();
    let id = {
        let mut h = harness(&f.marie, 80, 24);
        h.keys("e<tab><tab><tab><tab><tab><tab><tab><tab><c-u>")
            .type_text("418-555-0000");
        h.send(Action::Stop);
        find(h.firm().as_ref(), "Boulangerie Côté & Fils").id
    };
    let mut theirs = f.jean.get(id).unwrap();
    theirs.email = "info@boulangeriecote.ca".into();
    f.jean.update(theirs).unwrap();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("ey");
    // The form reopens as it was, on the phone, with the saved values
    // of what the draft did not touch.
    assert_eq!(h.screen_name(), Screen::Form);
    assert_eq!(h.form_focus(), Some("phone"));
    assert_eq!(h.form_value("phone").as_deref(), Some("418-555-0000"));
    assert_eq!(
        h.form_value("email").as_deref(),
        Some("info@boulangeriecote.ca")
    );
    assert!(
        h.status().contains("1 field differs from the saved record"),
        "{}",
        h.status()
    );
    let screen = h.screen();
    assert!(screen.contains("restored · saved:"), "{screen}");
    assert!(
        screen.contains("Restored from your draft: 1 field differs from the saved record."),
        "{screen}"
    );
    // Different fields: both changes are kept, no question asked.
    h.keys("<c-s>");
    let saved = f.marie.get(id).unwrap();
    assert_eq!(saved.phone, "418-555-0000");
    assert_eq!(saved.email, "info@boulangeriecote.ca");
}

#[test]
fn a_draft_whose_field_was_changed_since_shows_both_values() {
    let f = fixtures::firm();
    let id = {
        let mut h = harness(&f.marie, 80, 24);
        h.keys("e<tab><tab><tab><tab><tab><tab><tab><tab><c-u>")
            .type_text("418-555-0000");
        h.send(Action::Stop);
        find(h.firm().as_ref(), "Boulangerie Côté & Fils").id
    };
    let mut theirs = f.jean.get(id).unwrap();
    theirs.phone = "450-555-0111".into();
    f.jean.update(theirs).unwrap();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("ey<c-s>");
    assert_eq!(h.screen_name(), Screen::Conflict);
    let screen = h.screen();
    assert!(screen.contains("450-555-0111"), "{screen}");
    assert!(screen.contains("418-555-0000"), "{screen}");
    h.keys("m<c-s>");
    assert_eq!(f.marie.get(id).unwrap().phone, "418-555-0000");
}

#[test]
fn quitting_with_unsaved_changes_asks_and_keeps_a_draft() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("e").type_text("x").keys("<c-c>");
    assert_eq!(h.screen_name(), Screen::Confirm);
    assert!(!h.exited());
    h.keys("y");
    assert!(h.exited());
    assert_eq!(h.drafts_kept(), 1);
}

#[test]
fn q_quits_from_the_list_and_goes_back_elsewhere() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("<enter>");
    assert_eq!(h.screen_name(), Screen::Profile);
    h.keys("q");
    assert_eq!(h.screen_name(), Screen::List);
    assert!(!h.exited());
    h.keys("q");
    assert!(h.exited());
}

#[test]
fn the_profile_comes_back_to_the_same_selection_and_search() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("/").type_text("e").keys("<tab>jj");
    let before = h.selected_name();
    h.keys("<enter>3<esc>");
    assert_eq!(h.screen_name(), Screen::List);
    assert_eq!(h.selected_name(), before);
    assert!(h.screen().contains("Search: e"));
}

#[test]
fn products_documents_and_returns_from_their_tabs() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    open(&mut h, "roy");
    h.keys("2a");
    assert_eq!(h.screen_name(), Screen::Form);
    h.keys("<tab><tab><tab>")
        .type_text("85,50")
        .keys("<tab><c-u>")
        .type_text("10")
        .keys("<c-s>");
    assert_eq!(h.status(), "Added Online Plus to Roy, Amélie");
    let c = find(h.firm().as_ref(), "Roy, Amélie");
    assert_eq!(c.products.len(), 1);
    assert_eq!(c.products[0].list_price_cents, 8550);
    assert_eq!(c.products[0].discount_percent, 10);

    h.keys("3a").type_text("Relevés bancaires").keys("<c-s>");
    assert_eq!(
        find(h.firm().as_ref(), "Roy, Amélie").documents[0].title,
        "Relevés bancaires"
    );
    // Edit it: mark it received.
    h.keys("<enter><tab><tab><right><c-s>");
    assert_eq!(
        find(h.firm().as_ref(), "Roy, Amélie").documents[0].status,
        cabinet::model::DocStatus::Received
    );

    h.keys("4a<c-s>");
    let r = &find(h.firm().as_ref(), "Roy, Amélie").tax_returns[0];
    assert_eq!((r.year, r.form.label()), (2025, "T1"));
    assert!(
        h.screen().contains("2026-04-30"),
        "the computed due date shows"
    );
    assert!(h.screen().contains("overdue"));

    h.keys("2d");
    assert!(h.screen().contains("Remove Online Plus from Roy, Amélie?"));
    h.keys("y");
    assert_eq!(h.status(), "Removed Online Plus from Roy, Amélie");
    assert!(find(h.firm().as_ref(), "Roy, Amélie").products.is_empty());
}

#[test]
fn bad_item_values_are_explained_beside_the_field() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    open(&mut h, "roy");
    h.keys("2a<tab><tab><tab>").type_text("cheap").keys("<c-s>");
    assert_eq!(h.screen_name(), Screen::Form);
    assert!(h.screen().contains("must be an amount like 85.00"));
    assert!(find(h.firm().as_ref(), "Roy, Amélie").products.is_empty());
}

#[test]
fn tax_ids_are_masked_until_revealed() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    open(&mut h, "plomberie");
    assert!(!h.screen().contains("123456782"));
    assert!(h.screen().contains("••••••782"));
    h.keys("r");
    assert!(h.screen().contains("123456782"));
}

#[test]
fn the_sin_comes_from_the_firm_on_reveal_and_the_history_says_who() {
    let f = fixtures::firm();
    let mut c = Client::new("Gagnon, Lise");
    c.kind = cabinet::model::ClientKind::Individual;
    c.tax_ids.sin = "130692544".into();
    f.marie.create(c).unwrap();
    let mut h = harness(&f.jean, 100, 30);
    open(&mut h, "gagnon");
    let screen = h.screen();
    assert!(
        screen.contains("••••••544") && !screen.contains("130692544"),
        "{screen}"
    );
    h.keys("r");
    assert!(h.screen().contains("130692544"));
    h.keys("5");
    let screen = h.screen();
    assert!(
        screen.contains("Jean Tremblay  revealed the SIN"),
        "{screen}"
    );
    // Masked again, and still masked in every other session.
    h.keys("1r");
    assert!(!h.screen().contains("130692544"));
    assert_eq!(find(&f.marie, "Gagnon, Lise").tax_ids.sin, "••••••544");

    // An edit of another field saves, and keeps the SIN.
    h.keys("e<tab><tab><tab><tab><tab><tab><tab><tab>");
    assert_eq!(h.form_focus(), Some("phone"));
    h.keys("<c-u>").type_text("450 555-0142").keys("<c-s>");
    assert_eq!(h.status(), "Saved Gagnon, Lise", "{}", h.screen());
    let id = find(&f.marie, "Gagnon, Lise").id;
    assert_eq!(f.marie.reveal_sin(id).unwrap(), "130692544");
}

#[test]
fn an_open_profile_follows_changes_made_elsewhere() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    open(&mut h, "plomberie");
    h.keys("5");
    let mut c = f.jean.find("Plomberie Tremblay inc.").unwrap();
    c.mobile = "514-555-7777".into();
    f.jean.update(c).unwrap();
    h.pump();
    let screen = h.screen();
    assert!(screen.contains("Jean Tremblay  changed"), "{screen}");
    assert!(screen.contains("Mobile: (empty) → 514-555-7777"));
    h.keys("1");
    assert!(h.screen().contains("514-555-7777"));
}

#[test]
fn users_remap_keys_and_help_and_footer_follow() {
    let f = fixtures::firm();
    let keys: toml::Table = toml::from_str("[list]\nquit = \"x\"\nhelp = \"h\"").unwrap();
    let options = Options {
        keys,
        ..fixtures::options()
    };
    let mut h = harness_with(&f.marie, &options, 100, 50);
    assert!(h.screen().contains("x quit"));
    h.keys("q");
    assert!(!h.exited());
    h.keys("h");
    assert_eq!(h.screen_name(), Screen::Help);
    let screen = h.screen();
    let quit = screen.lines().find(|l| l.contains("Quit cabinet")).unwrap();
    assert!(
        quit.trim_start_matches(['│', ' ']).starts_with("x "),
        "{quit}"
    );
    h.keys("<esc>x");
    assert!(h.exited());
}

#[test]
fn bad_key_settings_are_refused_before_the_screen_opens() {
    let f = fixtures::firm();
    let keys: toml::Table = toml::from_str("[list]\nquiet = \"x\"").unwrap();
    let options = Options {
        keys,
        ..fixtures::options()
    };
    let firm: Arc<dyn Firm> = Arc::new(f.marie.clone());
    let err = Harness::new(firm, &options, 80, 24)
        .err()
        .expect("refused")
        .to_string();
    assert!(
        err.starts_with("keys.list.quiet: there is no action \"quiet\" on the list screen"),
        "{err}"
    );
    assert!(err.contains("toggle_inactive"));
}

#[test]
fn the_mouse_selects_opens_and_sorts() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    // Rows start on line 2.
    h.send(Action::Click { column: 5, row: 4 });
    assert_eq!(
        h.selected_name().as_deref(),
        Some("Clinique dentaire Fortin")
    );
    h.send(Action::Click { column: 5, row: 4 });
    assert_eq!(h.screen_name(), Screen::Profile);
    h.keys("<esc>");
    // The Lead header.
    h.send(Action::Click { column: 30, row: 1 });
    assert_eq!(h.status(), "Sorted by lead accountant, ascending");
    // Jean's two clients, Marie's four, Sophie's three, then none: the
    // wheel moves three rows, from Clinique to the last client.
    h.send(Action::Scroll { down: true });
    assert_eq!(
        h.selected_name().as_deref(),
        Some("東京会計事務所 (Tokyo Kaikei)")
    );
}

#[test]
fn a_tab_click_switches_tabs() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    open(&mut h, "plomberie");
    // " 1 Overview  2 QuickBooks " — QuickBooks starts at column 12.
    h.send(Action::Click { column: 14, row: 2 });
    assert!(h.screen().contains("Online Plus"));
}

#[test]
fn enter_typed_before_the_results_arrive_opens_the_first_result() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    let held = h.keys_unanswered("/dupuis<enter>");
    assert_eq!(h.screen_name(), Screen::Search);
    h.settle(held);
    assert_eq!(h.screen_name(), Screen::Profile);
    assert!(h.screen().contains("Dupuis, Jean-François"));
    // Back on the list, the search stays and keys move in the list.
    h.keys("<esc>j");
    assert_eq!(h.screen_name(), Screen::List);
    assert!(h.screen().contains("Search: dupuis"));
}

#[test]
fn search_narrows_and_escape_clears() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("/").type_text("tremblay");
    assert!(h.screen().contains("1 client"));
    h.keys("<esc>");
    assert!(h.screen().contains("11 clients"));
    assert_eq!(h.screen_name(), Screen::List);
}

#[test]
fn the_feed_going_away_is_reported_and_coming_back_refreshes() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.send(Action::FirmLost);
    assert!(h.screen().contains("Lost contact with the firm server"));
    f.jean.create(Client::new("Agence Aubin")).unwrap();
    h.send(Action::FirmBack);
    assert_eq!(h.status(), "Connected to the firm server again");
    assert!(h.screen().contains("Agence Aubin"));
}

#[test]
fn an_item_form_leaves_an_older_draft_alone() {
    let f = fixtures::firm();
    let id = {
        let mut h = harness(&f.marie, 80, 24);
        h.keys("e").type_text("!");
        h.send(Action::Stop);
        find(h.firm().as_ref(), "Boulangerie Côté & Fils").id
    };
    let mut h = harness(&f.marie, 100, 30);
    h.keys("<enter>");
    assert!(
        h.screen()
            .contains("unsaved draft (client form): e restores it")
    );
    h.keys("3a");
    assert!(
        h.status()
            .contains("You have an unsaved draft (client form)"),
        "{}",
        h.status()
    );
    h.type_text("Bilan").keys("<c-s>");
    assert_eq!(h.status(), "Added Bilan to Boulangerie Côté & Fils");
    assert!(
        f.marie.draft(id).unwrap().is_some(),
        "the client form's draft is still there"
    );
}

#[test]
fn a_profile_is_told_what_changed_under_it() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    open(&mut h, "plomberie");
    let mut theirs = f.jean.find("Plomberie Tremblay inc.").unwrap();
    let base = theirs.clone();
    theirs.tax_returns[1].status = cabinet::model::ReturnStatus::ReadyForReview;
    f.jean.save(&base, theirs).unwrap();
    h.pump();
    let status = h.status();
    assert!(
        status.contains("Jean Tremblay changed Plomberie Tremblay inc.: 2025 T2 · Status"),
        "{status}"
    );
}

#[test]
fn the_same_return_changed_on_both_sides_shows_both_values_field_by_field() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    open(&mut h, "plomberie");
    // The 2025 T2 (second return), from in progress to ready for review.
    h.keys("4j<enter>");
    assert_eq!(h.screen_name(), Screen::Form);
    assert_eq!(h.form_value("status").as_deref(), Some("in-progress"));
    h.keys("<tab><tab><tab><right>");
    assert_eq!(h.form_value("status").as_deref(), Some("ready-for-review"));
    // Meanwhile Jean sets it back to not started, and files the other.
    let base = f.jean.find("Plomberie Tremblay inc.").unwrap();
    let mut theirs = base.clone();
    theirs.tax_returns[1].status = cabinet::model::ReturnStatus::NotStarted;
    theirs.tax_returns[0].due = Some(jiff::civil::date(2025, 7, 31));
    f.jean.save(&base, theirs).unwrap();
    h.pump();
    h.keys("<c-s>");
    assert_eq!(h.screen_name(), Screen::Conflict);
    let screen = h.screen();
    assert!(screen.contains("2025 T2 · Status"), "{screen}");
    assert!(screen.contains("not started"), "{screen}");
    assert!(screen.contains("ready for review"), "{screen}");
    // Only the status waits; their other change is theirs without asking.
    h.keys("m<c-s>");
    let saved = find(h.firm().as_ref(), "Plomberie Tremblay inc.");
    assert_eq!(
        saved.tax_returns[1].status,
        cabinet::model::ReturnStatus::ReadyForReview
    );
    assert_eq!(
        saved.tax_returns[0].due,
        Some(jiff::civil::date(2025, 7, 31))
    );
}
