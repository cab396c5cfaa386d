//! The list's columns: which fit on a screen of a given width, where each
//! one goes, and what each shows for a client.
//!
//! Columns that do not fit drop in a fixed priority order (the name never
//! drops): the columns kept are always the first ones of that order, so a
//! given width always shows the same columns. The name column takes the
//! space left over.

use jiff::civil::Date;

use crate::model::{ClientKind, ClientSummary, ReturnBrief, SortColumn};

use super::{strings, text};

/// Columns left of the first column: the selection and mark markers.
pub const MARKER_WIDTH: u16 = 2;

/// The narrowest the name column gets.
const NAME_MIN: u16 = 24;

/// Columns in the order they are kept when space runs out.
const PRIORITY: [SortColumn; 8] = [
    SortColumn::Name,
    SortColumn::Return,
    SortColumn::Lead,
    SortColumn::Documents,
    SortColumn::Number,
    SortColumn::Wholesale,
    SortColumn::Kind,
    SortColumn::Product,
];

/// Columns in the order they appear from left to right.
const ORDER: [SortColumn; 8] = [
    SortColumn::Name,
    SortColumn::Number,
    SortColumn::Kind,
    SortColumn::Lead,
    SortColumn::Product,
    SortColumn::Return,
    SortColumn::Documents,
    SortColumn::Wholesale,
];

/// How wide columns grow, in turn, when there is room to spare; the name
/// then takes whatever is left.
const GROWTH: [(SortColumn, u16); 4] = [
    (SortColumn::Name, 40),
    (SortColumn::Return, 40),
    (SortColumn::Product, 24),
    (SortColumn::Lead, 22),
];

/// A column's width (the name's smallest): wide enough for its title
/// and, for the columns of fixed words, every word, in the app's language.
fn width_of(column: SortColumn) -> u16 {
    let base = match column {
        SortColumn::Name => return NAME_MIN,
        SortColumn::Number => 8,
        SortColumn::Kind => 10,
        SortColumn::Lead => 16,
        SortColumn::Product => 16,
        SortColumn::Return => 30,
        SortColumn::Documents => 4,
        SortColumn::Wholesale => 7,
    };
    let words: Vec<&str> = match column {
        SortColumn::Kind => vec![
            strings::kind(ClientKind::Business),
            strings::kind(ClientKind::Individual),
        ],
        SortColumn::Wholesale => vec![strings::wholesale_mark()],
        _ => Vec::new(),
    };
    words
        .into_iter()
        .chain([strings::column(column)])
        .map(|w| text::width(w) as u16)
        .fold(base, u16::max)
}

/// True for columns whose values line up on the right.
pub fn right_aligned(column: SortColumn) -> bool {
    column == SortColumn::Documents
}

/// One column placed on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub column: SortColumn,
    /// Offset from the left edge of the list.
    pub x: u16,
    pub width: u16,
}

/// The columns that fit in `width`, left to right.
pub fn place(width: u16) -> Vec<Placed> {
    let avail = width.saturating_sub(MARKER_WIDTH);
    let mut kept = vec![SortColumn::Name];
    let mut used = NAME_MIN;
    for column in &PRIORITY[1..] {
        let need = 1 + width_of(*column);
        if used + need > avail {
            break;
        }
        kept.push(*column);
        used += need;
    }
    let mut widths: Vec<(SortColumn, u16)> = kept.iter().map(|c| (*c, width_of(*c))).collect();
    let mut extra = avail.saturating_sub(used);
    for (column, max) in GROWTH {
        if let Some((_, w)) = widths.iter_mut().find(|(c, _)| *c == column) {
            let more = max.saturating_sub(*w).min(extra);
            *w += more;
            extra -= more;
        }
    }
    if let Some((_, w)) = widths.iter_mut().find(|(c, _)| *c == SortColumn::Name) {
        *w = (*w + extra).min(avail);
    }
    let mut x = MARKER_WIDTH;
    let mut out = Vec::new();
    for column in ORDER.into_iter().filter(|c| kept.contains(c)) {
        let width = widths
            .iter()
            .find(|(c, _)| *c == column)
            .map_or(0, |(_, w)| *w);
        out.push(Placed { column, x, width });
        x += width + 1;
    }
    out
}

/// The column under a screen column, for clicks on the header.
pub fn at(placed: &[Placed], x: u16) -> Option<SortColumn> {
    placed
        .iter()
        .find(|p| x >= p.x && x < p.x + p.width + 1)
        .map(|p| p.column)
}

/// What a cell shows, and whether it is an alarm (an overdue return).
pub fn cell(column: SortColumn, row: &ClientSummary, today: Date) -> (String, bool) {
    match column {
        SortColumn::Name => (row.name.clone(), false),
        SortColumn::Number => (row.number.clone(), false),
        SortColumn::Kind => (strings::kind(row.kind).to_owned(), false),
        SortColumn::Lead => (row.lead_name.clone(), false),
        SortColumn::Product => (row.product.clone(), false),
        SortColumn::Return => match &row.latest_return {
            Some(r) => (return_text(r, today), r.is_overdue(today)),
            None => (String::new(), false),
        },
        SortColumn::Documents => {
            let n = row.docs_awaiting;
            (if n == 0 { String::new() } else { n.to_string() }, false)
        }
        SortColumn::Wholesale => (
            if row.wholesale {
                strings::wholesale_mark().to_owned()
            } else {
                String::new()
            },
            false,
        ),
    }
}

/// The latest return in a few words, the due date before the status so
/// that a cut keeps the date.
pub fn return_text(r: &ReturnBrief, today: Date) -> String {
    let when = match r.due {
        Some(due) if !r.status.is_done() => Some((r.is_overdue(today), due)),
        _ => None,
    };
    strings::return_brief(r.year, &r.form, when, r.status)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(width: u16) -> Vec<SortColumn> {
        place(width).into_iter().map(|p| p.column).collect()
    }

    #[test]
    fn narrow_screens_drop_columns_in_priority_order() {
        use SortColumn::*;
        assert_eq!(names(200), ORDER.to_vec());
        assert_eq!(names(80), [Name, Lead, Return, Documents]);
        assert_eq!(names(40), [Name]);
        let p = place(80);
        let last = p.last().unwrap();
        assert!(last.x + last.width <= 80);
        assert_eq!(p[0].width, 25);
    }

    #[test]
    fn french_words_widen_their_columns() {
        use crate::tui::lang::{Lang, set_lang};
        set_lang(Lang::Fr);
        // "Particulier" and "Facturation" are longer than their English.
        assert_eq!(width_of(SortColumn::Kind), 11);
        assert_eq!(width_of(SortColumn::Wholesale), 11);
        let p = place(200);
        let last = p.last().unwrap();
        assert!(last.x + last.width <= 200);
        assert_eq!(
            names(80),
            [
                SortColumn::Name,
                SortColumn::Lead,
                SortColumn::Return,
                SortColumn::Documents
            ]
        );
        set_lang(Lang::En);
        assert_eq!(width_of(SortColumn::Kind), 10);
    }

    #[test]
    fn every_width_fits_the_screen() {
        for w in 30..260 {
            let p = place(w);
            let last = p.last().unwrap();
            assert!(
                last.x + last.width <= w.max(NAME_MIN + MARKER_WIDTH),
                "width {w}"
            );
            assert_eq!(p[0].column, SortColumn::Name);
        }
    }

    #[test]
    fn header_clicks_find_their_column() {
        let p = place(200);
        assert_eq!(at(&p, 3), Some(SortColumn::Name));
        let lead = p.iter().find(|c| c.column == SortColumn::Lead).unwrap();
        assert_eq!(at(&p, lead.x + 2), Some(SortColumn::Lead));
        assert_eq!(at(&p, 0), None);
    }
}
