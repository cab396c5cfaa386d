//! The screens as a stack: each screen opens over the one it came from,
//! leaving it shows that one again, and a popup stays on top of whatever
//! opens under it.

use cabinet::api::Firm;
use cabinet::tui::keymap::Screen;

use super::fixtures::{self, harness};

#[test]
fn leaving_each_screen_shows_the_one_it_was_opened_from() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    let steps = [
        ("<enter>", Screen::Profile),
        ("e", Screen::Form),
        ("<esc>", Screen::Profile),
        ("<esc>", Screen::List),
        ("B", Screen::Billing),
        ("<enter>", Screen::Profile),
        ("<esc>", Screen::Billing),
        // The team takes the billing screen's place, not a place above it.
        ("T", Screen::Team),
        ("e", Screen::Form),
        ("<esc>", Screen::Team),
        ("<esc>", Screen::List),
        ("w", Screen::Work),
        ("?", Screen::Help),
        ("<esc>", Screen::Work),
        ("<esc>", Screen::List),
    ];
    for (i, (keys, screen)) in steps.iter().enumerate() {
        h.keys(keys);
        assert_eq!(
            h.screen_name(),
            *screen,
            "step {i}, {keys}:\n{}",
            h.screen()
        );
    }
}

#[test]
fn a_conflict_that_opens_while_the_help_shows_opens_under_it() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("e<tab><tab><tab><tab><tab><tab><tab><tab><c-u>")
        .type_text("438-555-0123");
    assert_eq!(h.form_focus(), Some("phone"));
    let name = h.selected_name().unwrap();
    let mut theirs = f.jean.find(&name).unwrap();
    theirs.phone = "450-555-0111".into();
    f.jean.update(theirs).unwrap();
    h.pump();
    // The save is on its way when the help opens; its conflict arrives
    // under the help, and shows when the help closes.
    let held = h.keys_unanswered("<c-s>");
    h.keys("<f1>");
    assert_eq!(h.screen_name(), Screen::Help);
    h.settle(held);
    assert_eq!(h.screen_name(), Screen::Help, "{}", h.screen());
    h.keys("<esc>");
    assert_eq!(h.screen_name(), Screen::Conflict, "{}", h.screen());
    // Leaving the conflict goes back to the form, still holding the change.
    h.keys("<esc>");
    assert_eq!(h.screen_name(), Screen::Form);
    assert_eq!(h.form_value("phone").as_deref(), Some("438-555-0123"));
}

#[test]
fn the_member_form_is_a_screen_of_its_own_over_the_team() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("Ta");
    assert_eq!(h.screen_name(), Screen::Form);
    h.type_text("Nadia");
    // Its question comes over it, and answering it leaves the team.
    h.keys("<esc>");
    assert_eq!(h.screen_name(), Screen::Confirm);
    h.keys("n");
    assert_eq!(h.screen_name(), Screen::Form);
    assert!(h.screen().contains("Nadia"));
    h.keys("<esc>y");
    assert_eq!(h.screen_name(), Screen::Team, "{}", h.screen());
    assert!(!h.screen().contains("Nadia"));
}
