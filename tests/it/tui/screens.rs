//! Snapshots of the team and billing screens, their forms and questions,
//! and the search's explanations, at 80×24 and 200×50 and in French, on
//! the fixed firm and day. The snapshots carry no colour: checks that
//! matter without it are in `finding` and below.

use cabinet::api::Firm;
use cabinet::tui::Options;
use cabinet::tui::testing::Harness;
use ratatui::style::Modifier;

use super::fixtures::{self, harness, harness_with};

fn snap(name: &str, h: &mut Harness) {
    insta::assert_snapshot!(name, h.screen());
}

/// The standard firm with one inactive client still billed to the firm.
fn firm_with_inactive_billed() -> fixtures::TestFirm {
    let f = fixtures::firm();
    let tokyo = f.marie.find("東京会計事務所 (Tokyo Kaikei)").unwrap();
    f.marie.set_active(tokyo.id, false).unwrap();
    f
}

#[test]
fn search_explanations() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("/").type_text("pelletier");
    snap("search_hidden_inactive", &mut h);
    h.keys("<esc>");
    h.keys("f").keys("jj<enter><esc>");
    h.keys("/").type_text("plomberie");
    snap("search_hidden_by_type", &mut h);
    h.keys("<esc>f<enter><esc>");
    h.keys("/").type_text("Bouchrad");
    snap("search_closest", &mut h);
}

#[test]
fn team_screens() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("T");
    snap("team_80x24", &mut h);
    h.keys("x");
    snap("team_reassign", &mut h);
    h.keys("j<enter>");
    snap("team_reassign_confirm", &mut h);
    h.keys("na");
    h.type_text("Nadia").keys("<tab>").type_text("n roy");
    snap("team_member_form", &mut h);
    h.keys("<esc>y?");
    snap("team_help", &mut h);
}

#[test]
fn team_at_200x50_with_its_history() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 200, 50);
    h.keys("Txjj<enter>y");
    snap("team_200x50", &mut h);
}

#[test]
fn team_read_only_for_staff() {
    let f = fixtures::firm();
    let mut h = harness(&f.jean, 80, 24);
    h.keys("T");
    snap("team_staff", &mut h);
}

#[test]
fn billing_screens() {
    let f = firm_with_inactive_billed();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("B");
    snap("billing_80x24", &mut h);
    h.keys("jjd");
    snap("billing_confirm_remove", &mut h);
    h.keys("<esc>i");
    snap("billing_inactive_only", &mut h);
    h.keys("ia");
    h.type_text("ro");
    snap("billing_pick_client", &mut h);
}

#[test]
fn billing_at_200x50() {
    let f = firm_with_inactive_billed();
    let mut h = harness(&f.marie, 200, 50);
    h.keys("B");
    snap("billing_200x50", &mut h);
}

#[test]
fn billing_in_french() {
    let f = firm_with_inactive_billed();
    let options = Options {
        lang: cabinet::i18n::Lang::Fr,
        ..fixtures::options()
    };
    let mut h = harness_with(&f.marie, &options, 100, 30);
    h.keys("B");
    snap("billing_fr", &mut h);
}

#[test]
fn billing_with_nothing_billed() {
    let f = fixtures::empty();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("B");
    snap("billing_empty", &mut h);
}

#[test]
fn flags_and_selections_show_without_colour() {
    let f = firm_with_inactive_billed();
    for color in [false, true] {
        let options = Options {
            color,
            ..fixtures::options()
        };
        let mut h = harness_with(&f.marie, &options, 80, 24);
        h.keys("B");
        let screen = h.screen();
        let y = screen
            .lines()
            .position(|l| l.contains("INACTIVE"))
            .expect("the inactive client's line") as u16;
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 80, 24));
        h.draw_into(&mut buf);
        let line: String = (0..80).map(|x| buf[(x, y)].symbol().to_owned()).collect();
        assert!(line.contains("INACTIVE"), "flagged in words: {line}");
        // The first row is selected: reversed, whatever the colours.
        let first = screen
            .lines()
            .position(|l| l.starts_with("> "))
            .expect("a selected row") as u16;
        for x in 0..80 {
            assert!(buf[(x, first)].modifier.contains(Modifier::REVERSED));
        }
        if !color {
            for y in 0..24 {
                for x in 0..80 {
                    assert_eq!(buf[(x, y)].fg, ratatui::style::Color::Reset);
                }
            }
        }
        h.keys("<esc>T");
        let screen = h.screen();
        let first = screen
            .lines()
            .position(|l| l.starts_with("> "))
            .expect("a selected member") as u16;
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 80, 24));
        h.draw_into(&mut buf);
        assert!(buf[(5, first)].modifier.contains(Modifier::REVERSED));
    }
}

#[test]
fn team_and_search_in_french() {
    let f = fixtures::firm();
    let options = Options {
        lang: cabinet::i18n::Lang::Fr,
        ..fixtures::options()
    };
    let mut h = harness_with(&f.marie, &options, 100, 30);
    h.keys("T");
    snap("team_fr", &mut h);
    h.keys("x");
    snap("team_reassign_fr", &mut h);
    h.keys("<esc><esc>/").type_text("pelletier");
    snap("search_hidden_fr", &mut h);
}
