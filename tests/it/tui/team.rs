//! The team screen through its keys: adding, editing, deactivating with
//! the clients reassigned in the same step, reactivating, and what staff
//! may only read. Every change is checked in the firm and its history.

use cabinet::api::Firm;
use cabinet::model::audit::TEAM_HISTORY;
use cabinet::model::{AuditAction, LeadFilter, Member, Role, ViewQuery};
use cabinet::tui::keymap::Screen;

use super::fixtures::{self, harness};

/// The team table's row for a member.
fn row<'a>(screen: &'a str, name: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.get(2..).is_some_and(|rest| rest.starts_with(name)))
        .unwrap_or_else(|| panic!("no row for {name}:\n{screen}"))
}

fn member(firm: &dyn Firm, login: &str) -> Member {
    firm.team()
        .unwrap()
        .into_iter()
        .find(|m| m.login == login)
        .unwrap()
}

/// Every client a member leads, active or not.
fn led_by(firm: &dyn Firm, id: u64) -> usize {
    firm.query(&ViewQuery {
        lead: LeadFilter::Member(id),
        include_inactive: true,
        ..ViewQuery::all()
    })
    .unwrap()
    .total
}

#[test]
fn the_team_lists_members_with_the_clients_they_lead() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("T");
    assert_eq!(h.screen_name(), Screen::Team);
    let screen = h.screen();
    let jean = row(&screen, "Jean Tremblay");
    assert!(jean.contains("jtremblay"), "{jean}");
    assert!(jean.contains("staff"), "{jean}");
    assert!(jean.ends_with("2 (+1 inactive)"), "{jean}");
    let marie = row(&screen, "Marie Côté");
    assert!(marie.contains("admin"), "{marie}");
    assert!(marie.ends_with('4'), "{marie}");
    assert!(screen.contains("Team history"), "{screen}");
    assert!(
        screen.contains("Marie Côté added Sophie Gagnon"),
        "{screen}"
    );
    h.keys("<esc>");
    assert_eq!(h.screen_name(), Screen::List);
}

#[test]
fn deactivating_a_member_who_leads_clients_reassigns_them_first() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    let jean = member(&f.marie, "jtremblay");
    let sophie = member(&f.marie, "sgagnon");
    h.keys("T");
    assert_eq!(h.team_selected().as_deref(), Some("Jean Tremblay"));
    h.keys("x");
    assert_eq!(h.screen_name(), Screen::Popup);
    assert!(
        h.screen()
            .contains("Jean Tremblay leads 3 clients: give them to")
    );
    // No lead, Marie, Sophie; Marie is offered first.
    h.keys("j<enter>");
    assert_eq!(
        h.question().as_deref(),
        Some("Give Jean Tremblay's 3 clients to Sophie Gagnon, then deactivate Jean Tremblay?")
    );
    h.keys("y");
    assert_eq!(
        h.status(),
        "3 clients went to Sophie Gagnon; Jean Tremblay is deactivated"
    );
    assert!(!member(&f.marie, "jtremblay").active);
    assert_eq!(led_by(&f.marie, jean.id), 0);
    assert_eq!(led_by(&f.marie, sophie.id), 6, "her 3 and Jean's 3");
    // The team's history records the deactivation; each client records
    // its new lead.
    let last = f.marie.audit(TEAM_HISTORY).unwrap().pop().unwrap();
    assert_eq!(last.action, AuditAction::MemberChanged);
    assert_eq!(last.member(), Some(jean.id));
    assert!(
        last.changes
            .iter()
            .any(|c| c.field == "active" && c.old == "yes" && c.new == "no")
    );
    let garage = f.marie.find("Garage Pelletier").unwrap();
    assert_eq!(garage.lead, Some(sophie.id));
    let entry = f.marie.audit(garage.id).unwrap().pop().unwrap();
    assert_eq!(entry.action, AuditAction::LeadAssigned);
    let screen = h.screen();
    assert!(
        screen.contains("Marie Côté deactivated Jean Tremblay"),
        "{screen}"
    );
    // Inactive members go last, and stay selected.
    assert_eq!(h.team_selected().as_deref(), Some("Jean Tremblay"));
    assert!(screen.contains("Team · 2 members, 1 inactive"), "{screen}");
}

#[test]
fn a_member_without_clients_is_deactivated_after_a_question_and_reactivated() {
    let f = fixtures::empty();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("Tx");
    assert!(h.question().unwrap().starts_with(
        "Deactivate Jean Tremblay? They can no longer use cabinet; their history stays"
    ));
    h.keys("n");
    assert!(member(&f.marie, "jtremblay").active);
    h.keys("xy");
    assert_eq!(h.status(), "Jean Tremblay is deactivated");
    assert!(!member(&f.marie, "jtremblay").active);
    h.keys("x");
    assert_eq!(h.status(), "Jean Tremblay is already inactive");
    h.keys("r");
    assert_eq!(h.status(), "Jean Tremblay is active again");
    assert!(member(&f.marie, "jtremblay").active);
}

#[test]
fn the_last_admin_cannot_be_deactivated() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("Tjx");
    assert_eq!(h.team_selected().as_deref(), Some("Marie Côté"));
    assert_eq!(
        h.status(),
        "Marie Côté is the firm's last admin: make someone else admin first."
    );
    assert_eq!(h.screen_name(), Screen::Team);
}

#[test]
fn add_a_member_in_the_small_form() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("Ta");
    assert_eq!(h.screen_name(), Screen::Form);
    assert!(h.screen().contains("Add a team member"));
    h.type_text("Nadia Roy")
        .keys("<tab>")
        .type_text("nroy")
        .keys("<tab>")
        .type_text("nadia@example.com")
        .keys("<c-s>");
    assert_eq!(h.status(), "Added Nadia Roy (nroy) to the team as staff");
    assert_eq!(h.screen_name(), Screen::Team);
    let nadia = member(&f.marie, "nroy");
    assert_eq!(nadia.email, "nadia@example.com");
    assert_eq!(nadia.role, Role::Staff);
    assert_eq!(h.team_selected().as_deref(), Some("Nadia Roy"));
    assert!(
        h.screen()
            .contains("Marie Côté added Nadia Roy · Role: staff")
    );
}

#[test]
fn bad_members_are_explained_beside_the_field_and_not_saved() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("Ta").type_text("Nadia Roy").keys("<tab>");
    h.type_text("nadia roy");
    assert!(h.screen().contains("must be a Unix login"));
    h.keys("<c-s>");
    assert!(
        h.status()
            .starts_with("Not saved: Login must be a Unix login"),
        "{}",
        h.status()
    );
    assert_eq!(h.screen_name(), Screen::Form);
    // A login already in use is refused by the firm, beside the field.
    h.keys("<c-u>").type_text("jtremblay").keys("<c-s>");
    assert_eq!(h.screen_name(), Screen::Form);
    assert!(
        h.screen().contains("is already used by Jean Tremblay"),
        "{}",
        h.screen()
    );
    assert_eq!(f.marie.team().unwrap().len(), 3);
    // Leaving asks first, since something was typed.
    h.keys("<esc>");
    assert!(
        h.screen()
            .contains("Discard your changes to the new member?")
    );
    h.keys("y");
    assert_eq!(h.status(), "Changes discarded");
    assert_eq!(h.screen_name(), Screen::Team);
}

#[test]
fn an_admin_makes_a_member_admin() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("Tjje");
    assert!(h.screen().contains("Edit team member · Sophie Gagnon"));
    h.keys("<tab><tab><tab><right><c-s>");
    assert_eq!(h.status(), "Saved Sophie Gagnon (sgagnon)");
    assert_eq!(member(&f.marie, "sgagnon").role, Role::Admin);
    let screen = h.screen();
    assert!(
        screen.contains("Marie Côté changed Sophie Gagnon · Role: staff → admin"),
        "{screen}"
    );
}

#[test]
fn staff_see_the_team_read_only() {
    let f = fixtures::firm();
    let mut h = harness(&f.jean, 100, 30);
    h.keys("T");
    let screen = h.screen();
    assert!(
        screen.contains("Read only: only a firm admin may add, edit or deactivate team members.")
    );
    let footer = screen.lines().last().unwrap();
    assert!(!footer.contains("add"), "{footer}");
    assert!(!footer.contains("deactivate"), "{footer}");
    for key in ["a", "e", "x"] {
        h.keys(key);
        assert_eq!(h.status(), "Only a firm admin may change the team.");
        assert_eq!(h.screen_name(), Screen::Team);
    }
}

#[test]
fn the_team_screen_follows_changes_made_elsewhere() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("T");
    f.marie
        .save_member(Member::new("Louis Cyr", "lcyr"))
        .unwrap();
    let sophie = member(&f.marie, "sgagnon");
    let roy = f.marie.find("Roy, Amélie").unwrap();
    f.marie.assign_lead(&[roy.id], Some(sophie.id)).unwrap();
    h.pump();
    let screen = h.screen();
    assert!(screen.contains("Louis Cyr"), "{screen}");
    let line = row(&screen, "Sophie Gagnon");
    assert!(line.ends_with('4'), "{line}");
}

#[test]
fn quitting_with_a_member_half_typed_asks_first() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("Ta").type_text("Zed").keys("<c-c>");
    assert_eq!(h.screen_name(), Screen::Confirm);
    assert_eq!(
        h.question().as_deref(),
        Some(
            "Your changes to the new member are not saved. Quit anyway? They are kept as a draft, and offered again when you open the team."
        )
    );
    h.keys("n");
    assert_eq!(h.screen_name(), Screen::Form);
    assert!(!h.exited());
    h.keys("<c-c>y");
    assert!(h.exited());
    // The next time the team opens, the form comes back as it was.
    let mut h = harness(&f.marie, 100, 30);
    h.keys("T");
    assert_eq!(h.screen_name(), Screen::Confirm);
    let q = h.question().unwrap_or_default();
    assert!(q.contains("(new team member)"), "{q}");
    h.keys("y");
    assert_eq!(h.screen_name(), Screen::Form);
    assert!(h.screen().contains("Add a team member"));
    assert!(h.screen().contains("Zed"), "{}", h.screen());
    assert!(h.screen().contains("restored · saved:"), "{}", h.screen());
    h.keys("<tab>").type_text("zed").keys("<c-s>");
    assert_eq!(h.status(), "Added Zed (zed) to the team as staff");
    assert_eq!(
        f.marie.draft(cabinet::model::TEAM_DRAFT).unwrap(),
        None,
        "the draft is dropped once saved"
    );
}
