//! The Tax returns tab: per year, the form, its status, when it is due
//! (computed from the filing rules unless set by hand) and when it was
//! filed. Overdue returns are flagged in words, not only in colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::model::{Client, ReturnStatus};

use super::super::app::App;
use super::super::{strings, text};
use super::Profile;
use super::view::{CellText, Col, add_key, empty, table};

pub(crate) fn render(app: &App, p: &Profile, c: &Client, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let cols = [
        Col {
            title: strings::col_year(),
            width: 4,
            right: false,
        },
        Col {
            title: strings::col_form(),
            width: 8,
            right: false,
        },
        Col {
            title: strings::col_status(),
            width: status_width(),
            right: false,
        },
        Col {
            title: strings::col_due(),
            width: 10,
            right: false,
        },
        Col {
            title: strings::col_filed(),
            width: 10,
            right: false,
        },
        Col {
            title: "",
            width: 8,
            right: false,
        },
    ];
    let rows: Vec<Vec<CellText>> = c
        .tax_returns
        .iter()
        .map(|r| {
            let due = r.due_date(c).map(|d| d.to_string()).unwrap_or_default();
            let flag = if r.is_overdue(c, app.today) {
                (strings::overdue().to_owned(), Some(theme.alert()))
            } else {
                (String::new(), None)
            };
            vec![
                (r.year.to_string(), None),
                (r.form.label().to_owned(), None),
                (strings::return_status(r.status).to_owned(), None),
                (due, None),
                (r.filed.map(|d| d.to_string()).unwrap_or_default(), None),
                flag,
            ]
        })
        .collect();
    table(theme, &cols, &rows, p.item, area, buf);
    if rows.is_empty() {
        empty(theme, &strings::no_returns(&add_key(app)), area, buf);
    }
}

/// The status column fits the longest status in the app's language.
fn status_width() -> u16 {
    ReturnStatus::ALL
        .into_iter()
        .map(|s| text::width(strings::return_status(s)) as u16)
        .fold(16, u16::max)
}
