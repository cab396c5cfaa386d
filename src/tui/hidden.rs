//! Why a client seemed missing: the search's matches that the inactive
//! toggle or a filter hides, listed below the list's rows, grouped by
//! reason under a heading that names the cause and the key that helps.
//!
//! They follow the view's rows as extra lines, so the list's selection,
//! scrolling, Enter and the reactivate key reach them like any row;
//! headings are skipped when moving. They come with every window of a
//! search (at most [`crate::model::SearchOutcome::MAX_HIDDEN`]), so they
//! never need a request of their own.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::model::{ClientId, HiddenMatch, HiddenReason, LeadFilter, ViewPage};

use super::action::Command;
use super::app::App;
use super::columns::Placed;
use super::keymap::Screen;
use super::{list_view, strings, text};

/// One line below the view's rows.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Extra<'a> {
    /// The line above a group: `count` matches hide for this reason, the
    /// first `shown` of them listed.
    Heading {
        reason: HiddenReason,
        count: usize,
        shown: usize,
    },
    Row(&'a HiddenMatch),
}

/// The groups, in the order they are listed.
const ORDER: [HiddenReason; 4] = [
    HiddenReason::Inactive,
    HiddenReason::Kind,
    HiddenReason::Lead,
    HiddenReason::Work,
];

/// The lines below the view's rows, for a window of a search.
pub(crate) fn extras(page: &ViewPage) -> Vec<Extra<'_>> {
    let Some(s) = &page.search else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for reason in ORDER {
        let count = match reason {
            HiddenReason::Inactive => s.hidden_inactive,
            HiddenReason::Kind => s.hidden_by_kind,
            HiddenReason::Lead => s.hidden_by_lead,
            HiddenReason::Work => s.hidden_by_work,
        };
        if count == 0 {
            continue;
        }
        let rows: Vec<&HiddenMatch> = s.hidden.iter().filter(|h| h.reason == reason).collect();
        out.push(Extra::Heading {
            reason,
            count,
            shown: rows.len(),
        });
        out.extend(rows.into_iter().map(Extra::Row));
    }
    out
}

/// Where a hidden client sits among the extra lines.
pub(crate) fn position(page: &ViewPage, id: ClientId) -> Option<usize> {
    extras(page)
        .iter()
        .position(|e| matches!(e, Extra::Row(h) if h.row.id == id))
}

/// The filter a heading names: the type or the lead the list keeps.
fn filter_name(app: &App, reason: HiddenReason) -> String {
    let q = &app.list.query;
    match reason {
        HiddenReason::Kind => q.kind.map(strings::kind).unwrap_or_default().to_owned(),
        HiddenReason::Lead => match q.lead {
            LeadFilter::Member(id) => app.member_name(id),
            LeadFilter::Unassigned => strings::no_lead().to_owned(),
            LeadFilter::Any => String::new(),
        },
        HiddenReason::Work => strings::work_filter(&q.work).join(", "),
        HiddenReason::Inactive => String::new(),
    }
}

/// Draws one extra line.
pub(crate) fn draw(
    app: &App,
    extra: &Extra<'_>,
    selected: bool,
    placed: &[Placed],
    line: Rect,
    buf: &mut Buffer,
) {
    match extra {
        Extra::Row(h) => list_view::draw_row(app, &h.row, selected, placed, line, buf, &[], true),
        Extra::Heading {
            reason,
            count,
            shown,
        } => {
            let key = |screen, command| app.keymap.key_label(screen, command).unwrap_or_default();
            let here = if app.list.search_focused {
                Screen::Search
            } else {
                Screen::List
            };
            let act = key(here, Command::Reactivate);
            let more = match reason {
                HiddenReason::Inactive => key(Screen::List, Command::ToggleInactive),
                _ => key(Screen::List, Command::Filters),
            };
            let words = strings::hidden_heading(
                *reason,
                *count,
                *shown,
                &filter_name(app, *reason),
                &act,
                &more,
            );
            let w = usize::from(line.width);
            let mut s = format!("── {} ", text::clean(&words));
            let used = text::width(&s);
            s.extend(std::iter::repeat_n('─', w.saturating_sub(used)));
            buf.set_stringn(line.x, line.y, text::fit(&s, w), w, app.theme.heading());
        }
    }
}
