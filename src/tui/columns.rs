//! The list's columns: which fit on a screen of a given width, where each
//! one goes, and what each shows for a client.
//!
//! Columns that do not fit drop in a fixed priority order (the name never
//! drops): the columns kept are always the first ones of that order, so a
//! given width always shows the same columns. The name column takes the
//! space left over.

use jiff::civil::Date;

use crate::model::{ClientKind, ClientSummary, ReturnBrief, SortColumn, ViewPage};

use super::{strings, text};

/// Columns left of the first column: the selection and mark markers.
pub(crate) const MARKER_WIDTH: u16 = 2;

/// The narrowest the name column gets while other columns want room.
const NAME_MIN: u16 = 24;

/// The narrowest a lead's name gets before the column drops.
const LEAD_MIN: u16 = 12;

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

/// Columns in the order they appear from left to right: the model's
/// order, the same as the sort menu's.
const ORDER: [SortColumn; 8] = SortColumn::ALL;

/// How wide columns grow, in turn, when there is room to spare: first to
/// a comfortable width (the return's days in full words, a lead's whole
/// name), then to all their content (the name first only to a reasonable
/// width).
const GROWTH: [(SortColumn, bool, u16); 8] = [
    (SortColumn::Return, false, u16::MAX),
    (SortColumn::Lead, false, u16::MAX),
    (SortColumn::Name, true, 40),
    (SortColumn::Return, true, u16::MAX),
    (SortColumn::Lead, true, u16::MAX),
    (SortColumn::Number, true, u16::MAX),
    (SortColumn::Product, true, u16::MAX),
    (SortColumn::Name, true, u16::MAX),
];

/// How wide the rows at hand would like each column: the widest value of
/// the rows the list holds (a few screens around what is shown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Content {
    name: u16,
    number: u16,
    lead: u16,
    product: u16,
    /// The widest return cell at each level of detail.
    ret: [u16; strings::RETURN_LEVELS as usize],
}

impl Content {
    pub(crate) fn of<'a>(rows: impl IntoIterator<Item = &'a ClientSummary>, today: Date) -> Self {
        let w = |s: &str| text::width(s).min(usize::from(u16::MAX)) as u16;
        let mut c = Content::default();
        for r in rows {
            let tag = if r.active {
                0
            } else {
                w(strings::inactive_tag())
            };
            c.name = c.name.max(w(&r.name) + tag);
            c.number = c.number.max(w(&r.number));
            c.lead = c.lead.max(w(&r.lead_name));
            c.product = c.product.max(w(&r.product));
            if let Some(ret) = &r.latest_return {
                for level in 0..strings::RETURN_LEVELS {
                    let x = &mut c.ret[usize::from(level)];
                    *x = (*x).max(w(&strings::return_cell(ret, today, level)));
                }
            }
        }
        c
    }

    /// What a page's rows want: its rows and the matches it hid, each
    /// name with what the search found it through.
    pub(crate) fn of_page(page: &ViewPage, today: Date) -> Self {
        let hidden = page.search.iter().flat_map(|s| &s.hidden).map(|h| &h.row);
        let mut content = Content::of(page.rows.iter().chain(hidden), today);
        for (row, found) in page.rows.iter().zip(&page.found) {
            if let Some(f) = found {
                let label = strings::found_in(f.field, &text::clean(&f.text));
                let w = text::width(&row.name) + 2 + text::width(&label);
                content.name = content.name.max(w.min(usize::from(u16::MAX)) as u16);
            }
        }
        content
    }

    /// The narrowest a column gets while it shows.
    fn min(&self, column: SortColumn) -> u16 {
        let title = text::width(strings::column(column)) as u16;
        match column {
            SortColumn::Name => NAME_MIN,
            SortColumn::Return => self.ret[usize::from(strings::RETURN_LEVELS - 1)].max(title),
            SortColumn::Lead => LEAD_MIN.min(self.lead).max(title),
            SortColumn::Number => self.number.max(title),
            SortColumn::Product => self.product.min(16).max(title),
            _ => width_of(column),
        }
    }

    /// The width a column needs to be worth showing: the return with its
    /// days in full words, a lead's name up to 16 columns.
    fn comfortable(&self, column: SortColumn) -> u16 {
        let want = match column {
            SortColumn::Return => self.ret[2],
            SortColumn::Lead => self.lead.min(16),
            _ => 0,
        };
        want.max(self.min(column))
    }

    /// The width at which a column shows all its content.
    fn want(&self, column: SortColumn) -> u16 {
        let want = match column {
            SortColumn::Name => self.name,
            SortColumn::Return => self.ret[0],
            SortColumn::Lead => self.lead,
            SortColumn::Product => self.product,
            _ => 0,
        };
        want.max(self.min(column))
    }
}

/// A fixed column's width: wide enough for its title and every word it
/// shows, in the app's language.
fn width_of(column: SortColumn) -> u16 {
    let base = match column {
        SortColumn::Documents => 4,
        SortColumn::Wholesale => 7,
        SortColumn::Kind => 10,
        _ => 0,
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
pub(crate) fn right_aligned(column: SortColumn) -> bool {
    column == SortColumn::Documents
}

/// One column placed on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placed {
    pub(crate) column: SortColumn,
    /// Offset from the left edge of the list.
    pub(crate) x: u16,
    pub(crate) width: u16,
}

/// The columns that fit in `width` for rows of this content, left to
/// right. Columns keep to the priority order; the return's status is
/// never cut before the name has given up its room down to a reasonable
/// width.
pub(crate) fn place(width: u16, content: &Content) -> Vec<Placed> {
    let avail = width.saturating_sub(MARKER_WIDTH);
    // The return, the lead and the documents are kept while they fit at
    // all; the other columns only while every column kept can be
    // comfortable.
    let mut kept = vec![SortColumn::Name];
    let (mut tight, mut comfy) = (content.min(SortColumn::Name), content.min(SortColumn::Name));
    for (i, column) in PRIORITY[1..].iter().enumerate() {
        let (min, comfortable) = (1 + content.min(*column), 1 + content.comfortable(*column));
        let fits = if i < 3 {
            tight + min <= avail
        } else {
            comfy + comfortable <= avail
        };
        if !fits {
            break;
        }
        kept.push(*column);
        tight += min;
        comfy += comfortable;
    }
    let mut widths: Vec<(SortColumn, u16)> = kept.iter().map(|c| (*c, content.min(*c))).collect();
    let mut extra = avail.saturating_sub(widths.iter().map(|(_, w)| w + 1).sum::<u16>() - 1);
    for (column, full, max) in GROWTH {
        if let Some((_, w)) = widths.iter_mut().find(|(c, _)| *c == column) {
            let want = if full {
                content.want(column)
            } else {
                content.comfortable(column)
            };
            let more = want.min(max).saturating_sub(*w).min(extra);
            *w += more;
            extra -= more;
        }
    }
    if let Some((_, w)) = widths.iter_mut().find(|(c, _)| *c == SortColumn::Name) {
        *w = (*w).min(avail);
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
pub(crate) fn at(placed: &[Placed], x: u16) -> Option<SortColumn> {
    placed
        .iter()
        .find(|p| x >= p.x && x < p.x + p.width + 1)
        .map(|p| p.column)
}

/// What a cell `width` columns wide shows, and whether it is an alarm
/// (an overdue return).
pub(crate) fn cell(
    column: SortColumn,
    row: &ClientSummary,
    today: Date,
    width: u16,
) -> (String, bool) {
    match column {
        SortColumn::Name => (row.name.clone(), false),
        SortColumn::Number => (row.number.clone(), false),
        SortColumn::Kind => (strings::kind(row.kind).to_owned(), false),
        SortColumn::Lead => (row.lead_name.clone(), false),
        SortColumn::Product => (row.product.clone(), false),
        SortColumn::Return => match &row.latest_return {
            Some(r) => (return_text(r, today, width), r.is_overdue(today)),
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

/// The latest return in as many words as `width` holds: the status and
/// how far the due date is always, then the year and form, then the date.
pub(crate) fn return_text(r: &ReturnBrief, today: Date, width: u16) -> String {
    (0..strings::RETURN_LEVELS)
        .map(|level| strings::return_cell(r, today, level))
        .find(|t| text::width(t) <= usize::from(width))
        .unwrap_or_else(|| strings::return_cell(r, today, strings::RETURN_LEVELS - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ReturnStatus;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 30);

    fn row(name: &str, lead: &str, status: ReturnStatus, due: Date) -> ClientSummary {
        ClientSummary {
            id: 1,
            version: 1,
            number: "1970".into(),
            name: name.into(),
            kind: ClientKind::Individual,
            lead: None,
            lead_name: lead.into(),
            product: "QuickBooks Online Plus".into(),
            latest_return: Some(ReturnBrief {
                year: 2025,
                form: "T1".into(),
                status,
                due: Some(due),
                filed: None,
            }),
            docs_awaiting: 2,
            wholesale: true,
            active: true,
        }
    }

    fn content() -> Content {
        let rows = [
            row(
                "Boulangerie Fréchette et Fils Inc.",
                "Stéphanie Laplante-Gagnon",
                ReturnStatus::ReadyForReview,
                date(2026, 11, 18),
            ),
            row(
                "Bédard, Audrey F.",
                "Marc Roy",
                ReturnStatus::NotStarted,
                TODAY,
            ),
        ];
        Content::of(rows.iter(), TODAY)
    }

    fn names(width: u16) -> Vec<SortColumn> {
        place(width, &content())
            .into_iter()
            .map(|p| p.column)
            .collect()
    }

    fn width(width: u16, column: SortColumn) -> u16 {
        place(width, &content())
            .into_iter()
            .find(|p| p.column == column)
            .map_or(0, |p| p.width)
    }

    #[test]
    fn narrow_screens_drop_columns_in_priority_order() {
        use SortColumn::*;
        assert_eq!(names(250), ORDER.to_vec());
        assert_eq!(names(80), [Name, Lead, Return, Documents]);
        assert_eq!(names(40), [Name]);
        let p = place(80, &content());
        let last = p.last().unwrap();
        assert!(last.x + last.width <= 80);
    }

    #[test]
    fn the_status_is_never_cut_while_the_name_has_room_to_give() {
        let today = strings::return_cell(&content_row().latest_return.unwrap(), TODAY, 3);
        for w in [80, 100, 120, 160, 300] {
            let r = width(w, SortColumn::Return);
            assert!(usize::from(r) >= text::width(&today), "width {w}: {r}");
            assert!(width(w, SortColumn::Name) >= NAME_MIN.min(34), "width {w}");
        }
        // With room, the return says everything and the lead is whole.
        assert_eq!(
            usize::from(width(300, SortColumn::Return)),
            text::width(&strings::return_cell(
                &content_row().latest_return.unwrap(),
                TODAY,
                0
            ))
        );
        assert_eq!(width(200, SortColumn::Lead), 25);
        // The name takes no more than its longest value.
        assert_eq!(width(300, SortColumn::Name), 34);
    }

    fn content_row() -> ClientSummary {
        row(
            "Boulangerie Fréchette et Fils Inc.",
            "Stéphanie Laplante-Gagnon",
            ReturnStatus::ReadyForReview,
            date(2026, 11, 18),
        )
    }

    #[test]
    fn return_cells_say_as_much_as_fits() {
        let r = content_row().latest_return.unwrap();
        assert_eq!(
            return_text(&r, TODAY, 80),
            "ready for review, 12 days late · 2025 T1 2026-11-18"
        );
        assert_eq!(
            return_text(&r, TODAY, 40),
            "ready for review, 12 days late · 2025 T1"
        );
        assert_eq!(return_text(&r, TODAY, 30), "ready for review, 12 days late");
        assert_eq!(return_text(&r, TODAY, 27), "ready for review, 12 d late");
    }

    #[test]
    fn french_words_fit_at_80_columns() {
        use crate::tui::lang::{Lang, set_lang};
        set_lang(Lang::Fr);
        let p = place(80, &content());
        let last = p.last().unwrap();
        assert!(last.x + last.width <= 80);
        let r = p.iter().find(|c| c.column == SortColumn::Return).unwrap();
        let cell = return_text(&content_row().latest_return.unwrap(), TODAY, r.width);
        assert!(text::width(&cell) <= usize::from(r.width), "{cell}");
        assert!(
            cell.starts_with("prête pour révision, ") && cell.contains("12 j"),
            "{cell}"
        );
        set_lang(Lang::En);
    }

    #[test]
    fn every_width_fits_the_screen() {
        for w in 30..320 {
            let p = place(w, &content());
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
        let p = place(250, &content());
        assert_eq!(at(&p, 3), Some(SortColumn::Name));
        let lead = p.iter().find(|c| c.column == SortColumn::Lead).unwrap();
        assert_eq!(at(&p, lead.x + 2), Some(SortColumn::Lead));
        assert_eq!(at(&p, 0), None);
    }
}
