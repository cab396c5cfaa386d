//! Finding a client from the list: the matched characters highlighted,
//! the closest names when nothing matches, the matches a filter or the
//! inactive toggle hides listed below the rows, and typing that never
//! waits for the firm.

use cabinet::api::Firm;
use cabinet::model::ViewQuery;
use cabinet::tui::keymap::Screen;
use cabinet::tui::{Action, Options};
use ratatui::style::Modifier;

use super::fixtures::{self, harness, harness_with};

/// The screen line showing a client.
fn line_of(screen: &str, name: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains(name))
}

#[test]
fn matched_characters_are_bold_and_underlined_without_colour() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("/").type_text("cote");
    let screen = h.screen();
    let y = line_of(&screen, "Boulangerie Côté & Fils").unwrap() as u16;
    let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 80, 24));
    h.draw_into(&mut buf);
    let lit = |x: u16| {
        let m = buf[(x, y)].modifier;
        m.contains(Modifier::BOLD) && m.contains(Modifier::UNDERLINED)
    };
    // "  Boulangerie Côté & Fils": the name starts at column 2, and Côté
    // at column 14.
    let name: Vec<char> = "Boulangerie Côté & Fils".chars().collect();
    for (i, c) in name.iter().enumerate() {
        let x = 2 + i as u16;
        assert_eq!(buf[(x, y)].symbol(), c.to_string());
        assert_eq!(lit(x), (12..16).contains(&i), "{c} at {i}");
    }
    for x in 0..80 {
        assert_eq!(buf[(x, y)].fg, ratatui::style::Color::Reset);
    }
}

#[test]
fn nothing_close_says_so_and_lists_the_closest_names() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("/").type_text("Bouchrad");
    let screen = h.screen();
    assert!(
        screen
            .lines()
            .nth(1)
            .unwrap()
            .contains("no exact match — closest names"),
        "{screen}"
    );
    assert!(screen.contains("> Ferme Bouchard S.E.N.C."), "{screen}");
    h.keys("<bs><bs><bs>").type_text("ard");
    assert!(!h.screen().contains("no exact match"));
}

#[test]
fn an_inactive_match_is_listed_below_and_reactivated_in_place() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("/").type_text("pelletier");
    let screen = h.screen();
    let heading = line_of(&screen, "1 inactive client matches — Ctrl-R reactivates").unwrap();
    let garage = line_of(&screen, "Garage Pelletier").unwrap();
    assert_eq!(garage, heading + 1, "{screen}");
    // Down skips the heading and lands on the hidden client.
    h.keys("<down>");
    assert_eq!(h.selected_name().as_deref(), Some("Garage Pelletier"));
    h.keys("<c-r>");
    assert_eq!(h.status(), "Garage Pelletier is active again");
    assert!(f.marie.find("Garage Pelletier").unwrap().is_active());
    // It is a row of the list now, still selected, and nothing is hidden.
    let screen = h.screen();
    assert!(!screen.contains("inactive client matches"), "{screen}");
    assert_eq!(h.selected_name().as_deref(), Some("Garage Pelletier"));
    assert!(screen.contains("> Garage Pelletier"), "{screen}");
}

#[test]
fn r_reactivates_from_the_list_and_enter_opens_a_hidden_match() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("/").type_text("pelletier").keys("<tab>");
    assert_eq!(h.screen_name(), Screen::List);
    assert!(
        h.screen()
            .contains("1 inactive client matches — r reactivates")
    );
    h.keys("j<enter>");
    assert_eq!(h.screen_name(), Screen::Profile);
    assert!(h.screen().contains("Garage Pelletier  No. 1008"));
    // Back on the list, the search and the selection are still there.
    h.keys("<esc>");
    assert!(h.screen().contains("Search: pelletier"));
    assert_eq!(h.selected_name().as_deref(), Some("Garage Pelletier"));
    h.keys("r");
    assert_eq!(h.status(), "Garage Pelletier is active again");
    // An active client needs no reactivating.
    h.keys("r");
    assert_eq!(h.status(), "Garage Pelletier is already active");
    // Esc clears the search.
    h.keys("<esc>");
    assert!(!h.screen().contains("Search:"));
    assert!(h.screen().contains("12 clients"));
}

#[test]
fn clients_hidden_by_the_type_and_lead_filters_are_named_with_their_filter() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    // Individuals only.
    h.keys("f").keys("jj<enter><esc>");
    h.keys("/").type_text("plomberie");
    let screen = h.screen();
    assert!(
        screen.contains("1 client hidden by the type filter (Individual) — f changes the filters"),
        "{screen}"
    );
    h.keys("<down><enter>");
    assert!(h.screen().contains("Plomberie Tremblay inc.  No. 1001"));
    // Any type, my clients only: Sophie's clinic hides behind the lead.
    h.keys("<esc><esc>f").keys("<enter>jjjj<enter><esc>");
    h.keys("/").type_text("fortin");
    let screen = h.screen();
    assert!(
        screen.contains("1 client hidden by the lead filter (Marie Côté) — f changes the filters"),
        "{screen}"
    );
}

#[test]
fn each_key_shows_at_once_and_an_old_answer_never_replaces_a_newer_one() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    let held = h.keys_unanswered("/dup");
    // The text is on screen before the firm answered anything.
    assert!(h.screen().contains("Search: dup"));
    let queries: Vec<_> = held
        .iter()
        .filter(|e| matches!(e, cabinet::tui::Effect::Query { .. }))
        .cloned()
        .collect();
    assert_eq!(queries.len(), 3, "one request per key: {held:?}");
    // The firm answers the newest first, then the older ones late.
    let mut late = queries.clone();
    let newest = late.pop().unwrap();
    h.settle(vec![newest]);
    h.settle(late);
    let expected = f
        .marie
        .query(&ViewQuery {
            search: "dup".into(),
            ..ViewQuery::default()
        })
        .unwrap()
        .total;
    let widest = f
        .marie
        .query(&ViewQuery {
            search: "d".into(),
            ..ViewQuery::default()
        })
        .unwrap()
        .total;
    assert_ne!(expected, widest, "the test needs answers that differ");
    assert_eq!(h.list_total(), expected);
    assert_eq!(h.selected_name().as_deref(), Some("Dupuis, Jean-François"));
}

#[test]
fn the_query_survives_the_profile_and_a_reload() {
    let f = fixtures::firm();
    let options = Options {
        color: true,
        ..fixtures::options()
    };
    let mut h = harness_with(&f.marie, &options, 80, 24);
    h.keys("/").type_text("dupuis").keys("<enter>");
    assert_eq!(h.screen_name(), Screen::Profile);
    h.send(Action::FirmBack);
    h.keys("<esc>");
    assert!(h.screen().contains("Search: dupuis"));
    assert_eq!(h.list_total(), 1);
}
