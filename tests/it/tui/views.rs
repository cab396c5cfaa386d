//! Snapshots of every screen, in English and the main ones in French
//! (named `…_fr`). `buffer_text` keeps each wide character once, so the
//! snapshots read as the screen does.

use cabinet::api::Firm;
use cabinet::i18n::Lang;
use cabinet::tui::Options;
use cabinet::tui::keymap::Screen;
use cabinet::tui::testing::Harness;
use ratatui::style::Modifier;

use super::fixtures::{self, harness, harness_with};

fn snap(name: &str, h: &mut Harness) {
    insta::assert_snapshot!(name, h.screen());
}

#[test]
fn list_at_80x24() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    snap("list_80x24", &mut h);
}

#[test]
fn list_at_200x30_shows_every_column() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 200, 30);
    snap("list_200x30", &mut h);
}

#[test]
fn list_with_inactive_clients_sorted_by_lead_descending() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 120, 24);
    h.keys("i");
    h.keys("s").keys("jjj<enter>s<enter>");
    snap("list_inactive_by_lead_desc", &mut h);
}

#[test]
fn list_searching() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("/").type_text("cote");
    snap("list_search", &mut h);
}

#[test]
fn list_filtered_with_nothing_left() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("/").type_text("pelletier");
    snap("list_search_inactive_only", &mut h);
}

#[test]
fn an_empty_firm_says_how_to_start() {
    let f = fixtures::empty();
    let mut h = harness(&f.marie, 80, 24);
    snap("list_empty", &mut h);
}

#[test]
fn popups() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("f");
    snap("popup_filters", &mut h);
    h.keys("<esc>o");
    snap("popup_settings", &mut h);
    h.keys("<esc>s");
    snap("popup_sort", &mut h);
    h.keys("<esc>m");
    snap("popup_actions", &mut h);
    h.keys("x");
    snap("confirm_make_inactive", &mut h);
    h.keys("<esc>?");
    snap("help_list", &mut h);
}

#[test]
fn profile_tabs() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 100, 30);
    h.keys("/").type_text("plomberie").keys("<enter>");
    snap("profile_overview_100x30", &mut h);
    h.keys("r");
    snap("profile_overview_revealed", &mut h);
    h.keys("2");
    snap("profile_quickbooks", &mut h);
    h.keys("<tab>");
    snap("profile_documents", &mut h);
    h.keys("<tab>");
    snap("profile_returns", &mut h);
    h.keys("<tab>r");
    snap("profile_history", &mut h);
}

#[test]
fn profile_at_80x24() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("/").type_text("plomberie").keys("<enter>");
    snap("profile_overview_80x24", &mut h);
}

#[test]
fn forms() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("/").type_text("plomberie").keys("<enter>e");
    snap("form_edit_80x24", &mut h);
    for _ in 0..7 {
        h.keys("<tab>");
    }
    h.keys("<c-u>").type_text("luc@");
    snap("form_edit_invalid_email", &mut h);
    h.keys("<esc>");
    snap("confirm_discard", &mut h);
}

#[test]
fn add_client_form() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("a<c-s>");
    snap("form_add_required", &mut h);
}

#[test]
fn item_form() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("/").type_text("plomberie").keys("<enter>2a");
    snap("form_add_product", &mut h);
}

#[test]
fn conflict_view() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 80, 24);
    h.keys("/").type_text("plomberie").keys("<enter>e");
    let mut theirs = f.jean.find("Plomberie Tremblay inc.").unwrap();
    theirs.phone = "450-555-0111".into();
    theirs.address.city = "Laval".into();
    f.jean.update(theirs).unwrap();
    h.pump();
    for _ in 0..8 {
        h.keys("<tab>");
    }
    h.keys("<c-u>").type_text("438-555-0123").keys("<c-s>");
    snap("conflict", &mut h);
}

#[test]
fn a_tiny_terminal_asks_for_room() {
    let f = fixtures::firm();
    let mut h = harness(&f.marie, 30, 8);
    snap("too_small", &mut h);
}

#[test]
fn the_selected_row_is_reversed_and_marked_without_colour() {
    let f = fixtures::firm();
    for color in [false, true] {
        let options = Options {
            color,
            ..fixtures::options()
        };
        let mut h = harness_with(&f.marie, &options, 80, 24);
        h.keys("j");
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 80, 24));
        h.draw_into(&mut buf);
        // Row 0 is the header, 1 the column headers; the second client is on row 3.
        assert_eq!(buf[(0, 3)].symbol(), ">");
        for x in 0..80 {
            assert!(
                buf[(x, 3)].modifier.contains(Modifier::REVERSED),
                "cell {x} of the selected row"
            );
            assert!(
                !buf[(x, 2)].modifier.contains(Modifier::REVERSED),
                "cell {x} of another row"
            );
        }
        if !color {
            for y in 0..24 {
                for x in 0..80 {
                    let c = &buf[(x, y)];
                    assert_eq!(
                        c.fg,
                        ratatui::style::Color::Reset,
                        "colour at {x},{y} with NO_COLOR"
                    );
                }
            }
        }
    }
}

#[test]
fn overdue_returns_are_flagged_in_words_and_colour() {
    let f = fixtures::firm();
    let options = Options {
        color: true,
        ..fixtures::options()
    };
    let mut h = harness_with(&f.marie, &options, 120, 24);
    let screen = h.screen();
    let line = screen.lines().find(|l| l.contains("Dupuis")).unwrap();
    assert!(line.contains("in progress, 4 days late"), "{line}");
    let y = screen.lines().position(|l| l.contains("Dupuis")).unwrap() as u16;
    let x = line.find("in progress, 4 days").unwrap();
    let x = line[..x].chars().count() as u16;
    let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 120, 24));
    h.draw_into(&mut buf);
    assert_eq!(buf[(x, y)].fg, ratatui::style::Color::Red);
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
}

// ---- The same screens in French ---------------------------------------------

fn french(session: &cabinet::api::local::LocalSession, width: u16, height: u16) -> Harness {
    let options = Options {
        lang: Lang::Fr,
        ..fixtures::options()
    };
    harness_with(session, &options, width, height)
}

#[test]
fn list_in_french() {
    let f = fixtures::firm();
    let mut h = french(&f.marie, 80, 24);
    snap("list_80x24_fr", &mut h);
    let mut h = french(&f.marie, 200, 30);
    snap("list_200x30_fr", &mut h);
    let mut h = french(&f.marie, 80, 24);
    h.keys("/").type_text("pelletier");
    snap("list_search_inactive_only_fr", &mut h);
}

#[test]
fn list_columns_in_french_fit_every_width() {
    let f = fixtures::firm();
    for width in [40, 60, 80, 100, 120, 140, 160, 200] {
        let mut h = french(&f.marie, width, 24);
        for line in h.screen().lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= usize::from(width),
                "{width} columns: {line:?}"
            );
        }
    }
    // Wide enough for every column, the longer French words are whole.
    let mut h = french(&f.marie, 200, 30);
    let screen = h.screen();
    assert!(screen.contains("Particulier "), "{screen}");
    assert!(screen.contains("Facturation"), "{screen}");
    assert!(screen.contains("Dernière déclaration"), "{screen}");
}

#[test]
fn an_empty_firm_in_french() {
    let f = fixtures::empty();
    let mut h = french(&f.marie, 80, 24);
    snap("list_empty_fr", &mut h);
}

#[test]
fn profile_tabs_in_french() {
    let f = fixtures::firm();
    let mut h = french(&f.marie, 100, 30);
    h.keys("/").type_text("plomberie").keys("<enter>");
    snap("profile_overview_100x30_fr", &mut h);
    h.keys("2");
    snap("profile_quickbooks_fr", &mut h);
    h.keys("<tab>");
    snap("profile_documents_fr", &mut h);
    h.keys("<tab>");
    snap("profile_returns_fr", &mut h);
    h.keys("<tab>");
    snap("profile_history_fr", &mut h);
    let mut h = french(&f.marie, 80, 24);
    h.keys("/").type_text("plomberie").keys("<enter>");
    snap("profile_overview_80x24_fr", &mut h);
}

#[test]
fn forms_in_french() {
    let f = fixtures::firm();
    let mut h = french(&f.marie, 80, 24);
    h.keys("/").type_text("plomberie").keys("<enter>e");
    snap("form_edit_80x24_fr", &mut h);
    for _ in 0..7 {
        h.keys("<tab>");
    }
    h.keys("<c-u>").type_text("luc@");
    snap("form_edit_invalid_email_fr", &mut h);
    // The error wraps under the form rather than being cut.
    let screen = h.screen();
    assert!(screen.contains("\nsans espace"), "{screen}");
    assert!(!screen.contains("s…"), "{screen}");
    h.keys("<esc>");
    snap("confirm_discard_fr", &mut h);
    let mut h = french(&f.marie, 80, 24);
    h.keys("a<c-s>");
    snap("form_add_required_fr", &mut h);
    let mut h = french(&f.marie, 80, 24);
    h.keys("/").type_text("plomberie").keys("<enter>2a");
    snap("form_add_product_fr", &mut h);
}

#[test]
fn popups_in_french() {
    let f = fixtures::firm();
    let mut h = french(&f.marie, 80, 24);
    h.keys("f");
    snap("popup_filters_fr", &mut h);
    h.keys("<esc>s");
    snap("popup_sort_fr", &mut h);
    h.keys("<esc>m");
    snap("popup_actions_fr", &mut h);
    h.keys("x");
    snap("confirm_make_inactive_fr", &mut h);
    h.keys("<esc>?");
    snap("help_list_fr", &mut h);
}

/// French questions take `o` (oui) for yes, in either case, as the
/// question and the footer show; in English `o` answers nothing.
#[test]
fn french_questions_take_o_for_oui() {
    let f = fixtures::firm();
    for (lang, key, answers) in [
        (Lang::Fr, "o", true),
        (Lang::Fr, "O", true),
        (Lang::Fr, "y", true),
        (Lang::En, "o", false),
        (Lang::En, "y", true),
    ] {
        let options = Options {
            lang,
            ..fixtures::options()
        };
        let mut h = harness_with(&f.marie, &options, 80, 24);
        h.keys("mx");
        assert_eq!(h.screen_name(), Screen::Confirm, "{lang:?}");
        let shown = if lang == Lang::Fr { "o oui" } else { "y yes" };
        assert!(h.screen().contains(shown), "{lang:?}: {}", h.screen());
        h.keys(key);
        assert_eq!(
            h.screen_name() != Screen::Confirm,
            answers,
            "{lang:?} {key}: {}",
            h.screen()
        );
    }
}

/// At 80 columns in French, the help's longer descriptions go on to a
/// second line, under themselves, instead of being cut.
#[test]
fn help_wraps_at_80_columns_in_french() {
    let f = fixtures::firm();
    let mut h = french(&f.marie, 80, 24);
    h.keys("?<pgdn>");
    snap("help_list_fr_more", &mut h);
    let screen = h.screen();
    let copy = screen
        .lines()
        .position(|l| l.contains("Copier courriel, téléphone ou numéro"))
        .expect(&screen);
    let next = screen.lines().nth(copy + 1).unwrap();
    assert!(
        next.contains(&format!("│{}(presse-papiers)", " ".repeat(25))),
        "{screen}"
    );
    assert!(!screen.contains("…│"), "a help line is cut: {screen}");
    // The form's help, on a screen of its own, too.
    let mut h = french(&f.marie, 80, 24);
    h.keys("/").type_text("plomberie").keys("<enter>e<f1>");
    snap("help_form_fr", &mut h);
    assert!(!h.screen().contains("…│"), "{}", h.screen());
}

#[test]
fn conflict_view_in_french() {
    let f = fixtures::firm();
    let mut h = french(&f.marie, 80, 24);
    h.keys("/").type_text("plomberie").keys("<enter>e");
    let mut theirs = f.jean.find("Plomberie Tremblay inc.").unwrap();
    theirs.phone = "450-555-0111".into();
    theirs.address.city = "Laval".into();
    f.jean.update(theirs).unwrap();
    h.pump();
    for _ in 0..8 {
        h.keys("<tab>");
    }
    h.keys("<c-u>").type_text("438-555-0123").keys("<c-s>");
    snap("conflict_fr", &mut h);
}

/// Screens of every kind in both languages hold no invisible isolation
/// marks (U+2066–U+2069), which would put the columns out of line.
#[test]
fn no_screen_holds_isolation_marks() {
    let f = fixtures::firm();
    for lang in [Lang::En, Lang::Fr] {
        let options = Options {
            lang,
            ..fixtures::options()
        };
        let mut h = harness_with(&f.marie, &options, 200, 40);
        let mut screens = vec![h.screen()];
        for keys in ["f", "<esc>o", "<esc>s", "<esc>m", "x", "<esc>?"] {
            h.keys(keys);
            screens.push(h.screen());
        }
        h.keys("<esc>/").type_text("plomberie").keys("<enter>");
        for keys in ["", "r", "2", "3", "4", "5", "e", "a"] {
            h.keys(keys);
            screens.push(h.screen());
        }
        for screen in screens {
            assert!(
                !screen
                    .chars()
                    .any(|c| ('\u{2066}'..='\u{2069}').contains(&c)),
                "{lang:?}: {screen}"
            );
        }
    }
}
