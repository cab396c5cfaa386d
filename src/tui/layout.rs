//! Where things go on screen. Drawing and mouse handling both ask this
//! module, so a click always lands on what was drawn there.

use ratatui::layout::Rect;

/// The smallest screen the app draws on; below it, a note asks for more.
pub(crate) const MIN_WIDTH: u16 = 40;
pub(crate) const MIN_HEIGHT: u16 = 10;

/// The parts every screen shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chrome {
    /// Firm, member and counts.
    pub(crate) header: Rect,
    pub(crate) body: Rect,
    /// The outcome of the last action.
    pub(crate) status: Rect,
    /// The keys that matter now.
    pub(crate) footer: Rect,
}

/// True when the screen is big enough to draw on.
pub(crate) fn fits(area: Rect) -> bool {
    area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT
}

/// Splits the screen into header, body, status line and footer.
pub(crate) fn chrome(area: Rect) -> Chrome {
    let line = |y: u16| Rect {
        x: area.x,
        y,
        width: area.width,
        height: 1.min(area.height),
    };
    let bottom = area.y + area.height;
    Chrome {
        header: line(area.y),
        body: Rect {
            x: area.x,
            y: area.y + 1.min(area.height),
            width: area.width,
            height: area.height.saturating_sub(3),
        },
        status: line(bottom.saturating_sub(2)),
        footer: line(bottom.saturating_sub(1)),
    }
}

/// The list screen's parts, inside the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ListAreas {
    /// The search box, when shown.
    pub(crate) search: Option<Rect>,
    /// The column headers.
    pub(crate) columns: Rect,
    /// The client rows.
    pub(crate) rows: Rect,
}

/// Lays out the list in the body.
pub(crate) fn list(body: Rect, search: bool) -> ListAreas {
    let mut y = body.y;
    let mut left = body.height;
    let search = search.then(|| {
        let r = Rect {
            x: body.x,
            y,
            width: body.width,
            height: 1.min(left),
        };
        y += r.height;
        left -= r.height;
        r
    });
    let columns = Rect {
        x: body.x,
        y,
        width: body.width,
        height: 1.min(left),
    };
    y += columns.height;
    left -= columns.height;
    ListAreas {
        search,
        columns,
        rows: Rect {
            x: body.x,
            y,
            width: body.width,
            height: left,
        },
    }
}

/// How many client rows fit on a screen of this size.
pub(crate) fn list_rows(area: Rect, search: bool) -> usize {
    usize::from(list(chrome(area).body, search).rows.height)
}

/// The profile's parts, inside the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ProfileAreas {
    /// The client's name and identity.
    pub(crate) title: Rect,
    pub(crate) tabs: Rect,
    pub(crate) content: Rect,
}

/// Lays out the profile in the body.
pub(crate) fn profile(body: Rect) -> ProfileAreas {
    let line = |y: u16, h: u16| Rect {
        x: body.x,
        y,
        width: body.width,
        height: h,
    };
    let title = line(body.y, 1.min(body.height));
    let tabs = line(body.y + title.height, 1.min(body.height.saturating_sub(1)));
    let used = title.height + tabs.height;
    ProfileAreas {
        title,
        tabs,
        content: line(body.y + used, body.height.saturating_sub(used)),
    }
}

/// How many lines a profile tab has on a screen of this size.
pub(crate) fn profile_lines(area: Rect) -> usize {
    usize::from(profile(chrome(area).body).content.height)
}

/// A box of the given size centred in `area`, shrunk to fit.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_80_by_24_screen_shows_20_rows() {
        let area = Rect::new(0, 0, 80, 24);
        assert_eq!(list_rows(area, false), 20);
        assert_eq!(list_rows(area, true), 19);
        let c = chrome(area);
        assert_eq!((c.status.y, c.footer.y), (22, 23));
    }
}
