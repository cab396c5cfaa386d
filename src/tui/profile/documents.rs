//! The Documents tab: what was sent to or asked of the client, when, and
//! where each stands.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::model::{Client, DocStatus};

use super::super::app::App;
use super::super::strings;
use super::Profile;
use super::view::{CellText, Col, add_key, empty, table};

pub(crate) fn render(app: &App, p: &Profile, c: &Client, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let cols = [
        Col {
            title: strings::col_title(),
            width: 30,
            right: false,
        },
        Col {
            title: strings::col_sent(),
            width: 10,
            right: false,
        },
        Col {
            title: strings::col_status(),
            width: 10,
            right: false,
        },
        Col {
            title: strings::col_note(),
            width: 10,
            right: false,
        },
    ];
    let rows: Vec<Vec<CellText>> = c
        .documents
        .iter()
        .map(|d| {
            let status_style = (d.status == DocStatus::Requested).then(|| theme.warning());
            vec![
                (d.title.clone(), None),
                (d.sent.to_string(), None),
                (strings::doc_status(d.status).to_owned(), status_style),
                (d.note.replace('\n', " "), None),
            ]
        })
        .collect();
    table(theme, &cols, &rows, p.item, area, buf);
    if rows.is_empty() {
        empty(theme, &strings::no_documents(&add_key(app)), area, buf);
    }
}
