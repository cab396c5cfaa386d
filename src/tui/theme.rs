//! The colours and text attributes of every kind of thing on screen.
//!
//! Only the 16 named ANSI colours are used, so the user's terminal palette
//! decides what they look like. Everything that matters is also carried by
//! an attribute (reverse video, bold, underline) or a marker character, so
//! the screen stays usable with `NO_COLOR` and on the Linux console.

use ratatui::style::{Color, Modifier, Style};

/// The styles the screens draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Theme {
    color: bool,
}

impl Theme {
    /// The default theme, with or without colour.
    pub(crate) fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn paint(&self, style: Style, fg: Color) -> Style {
        if self.color { style.fg(fg) } else { style }
    }

    /// The top line: firm, member and counts.
    pub(crate) fn title(&self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// Column headers and section headings.
    pub(crate) fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The selected row or item: reverse video, which needs no colour.
    pub(crate) fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// A client marked with Space.
    pub(crate) fn marked(&self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// Inactive clients and other quiet text.
    pub(crate) fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// An overdue return, and errors.
    pub(crate) fn alert(&self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    /// A success message.
    pub(crate) fn success(&self) -> Style {
        self.paint(Style::new(), Color::Green)
    }

    /// A warning: something needs attention but nothing failed.
    pub(crate) fn warning(&self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// Keys in the footer and the help.
    pub(crate) fn key(&self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// The field being edited.
    pub(crate) fn input(&self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }

    /// A label of the focused field.
    pub(crate) fn focused_label(&self) -> Style {
        self.paint(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// Popup borders.
    pub(crate) fn border(&self) -> Style {
        self.paint(Style::new(), Color::Cyan)
    }

    /// What the other person changed, in the conflict view.
    pub(crate) fn theirs(&self) -> Style {
        self.paint(Style::new(), Color::Magenta)
    }

    /// What this user changed, in the conflict view.
    pub(crate) fn mine(&self) -> Style {
        self.paint(Style::new(), Color::Blue)
    }

    /// The characters a search matched: bold and underlined, which show
    /// without colour too.
    pub(crate) fn matched(&self) -> Style {
        self.paint(
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Color::Yellow,
        )
    }
}
