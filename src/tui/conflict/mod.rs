//! The conflict view: a save was made on an old version, so instead of
//! overwriting, the user sees field by field what the other person
//! changed and what they changed, keeps theirs or takes the other's per
//! field, and saves the result on the current version.
//!
//! Which fields changed comes from the model's `field::diff`, run from
//! the version the user edited to each side. A field only one side
//! changed takes that side's value; a field both changed differently waits
//! for a choice. When the edited version is unknown (a draft kept from an
//! older version), every difference waits for a choice.

pub mod view;

use crate::model::field::{diff, member_label};
use crate::model::{Client, Field, Member};

use super::action::Command;
use super::app::{App, Saving, StatusKind};
use super::effect::Effect;
use super::keymap::Screen;
use super::{popup, strings};

/// A part of the record that is kept or taken as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    Field(Field),
    TeamAccess,
    Status,
    Products,
    Documents,
    Returns,
}

impl Piece {
    /// The piece a key of `field::diff` belongs to.
    fn of(key: &str) -> Option<Piece> {
        if let Ok(f) = Field::parse(key) {
            return Some(Piece::Field(f));
        }
        match key.split(' ').next()? {
            "team_access" => Some(Piece::TeamAccess),
            "status" => Some(Piece::Status),
            "product" => Some(Piece::Products),
            "document" => Some(Piece::Documents),
            "return" => Some(Piece::Returns),
            _ => None,
        }
    }

    /// The piece's value as one line of text, in words (a kind or a yes
    /// or no as labels, not as the model's codes).
    fn text(self, c: &Client, team: &[Member]) -> String {
        let join = |v: Vec<String>| v.join("; ");
        match self {
            Piece::Field(Field::Kind) => strings::kind(c.kind).to_owned(),
            Piece::Field(Field::SelfEmployed) => strings::yes_no(c.self_employed).to_owned(),
            Piece::Field(f) => f.get(c, team),
            Piece::TeamAccess => join(
                c.team_access
                    .iter()
                    .map(|id| member_label(*id, team))
                    .collect(),
            ),
            Piece::Status => match c.inactive_since {
                None => strings::active().to_owned(),
                Some(d) => strings::inactive_since(d),
            },
            Piece::Products => join(c.products.iter().map(strings::product_line).collect()),
            Piece::Documents => join(c.documents.iter().map(strings::document_line).collect()),
            Piece::Returns => join(c.tax_returns.iter().map(strings::return_line).collect()),
        }
    }

    /// Copies this piece from one record to another.
    fn copy(self, from: &Client, to: &mut Client, team: &[Member]) {
        match self {
            Piece::Field(Field::Lead) => to.lead = from.lead,
            Piece::Field(f) => {
                if f.set(to, &f.get(from, team), team).is_err() {
                    tracing::warn!("could not copy {} in a merge", f.key());
                }
            }
            Piece::TeamAccess => to.team_access = from.team_access.clone(),
            Piece::Status => to.inactive_since = from.inactive_since,
            Piece::Products => to.products = from.products.clone(),
            Piece::Documents => to.documents = from.documents.clone(),
            Piece::Returns => to.tax_returns = from.tax_returns.clone(),
        }
    }

    /// True for tax identifiers.
    pub fn is_sensitive(self) -> bool {
        matches!(self, Piece::Field(f) if f.is_sensitive())
    }
}

/// Whose value a piece takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Mine,
    Theirs,
}

/// One piece that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub piece: Piece,
    /// The value in the version edited, when known.
    pub base: Option<String>,
    pub theirs: String,
    pub mine: String,
    /// Both sides changed it, differently.
    pub contested: bool,
    pub choice: Option<Side>,
}

/// The open conflict.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub(crate) mine: Client,
    pub(crate) theirs: Client,
    pub(crate) rows: Vec<Row>,
    pub(crate) selected: usize,
    pub(crate) reveal: bool,
    /// What the status line says once saved.
    pub(crate) done: String,
}

impl Conflict {
    /// Compares this user's record and the current one, from the version
    /// edited when known.
    pub fn new(
        base: Option<Client>,
        mine: Client,
        theirs: Client,
        team: &[Member],
        done: String,
    ) -> Conflict {
        let keys: Vec<String> = match &base {
            Some(b) => diff(b, &theirs, team)
                .into_iter()
                .chain(diff(b, &mine, team))
                .map(|c| c.field)
                .collect(),
            None => diff(&theirs, &mine, team)
                .into_iter()
                .map(|c| c.field)
                .collect(),
        };
        let mut pieces: Vec<Piece> = Vec::new();
        for p in keys.iter().filter_map(|k| Piece::of(k)) {
            if !pieces.contains(&p) {
                pieces.push(p);
            }
        }
        let rows = pieces
            .into_iter()
            .filter_map(|piece| {
                let theirs_text = piece.text(&theirs, team);
                let mine_text = piece.text(&mine, team);
                if theirs_text == mine_text {
                    return None;
                }
                let base_text = base.as_ref().map(|b| piece.text(b, team));
                let (contested, choice) = match &base_text {
                    Some(b) if *b == theirs_text => (false, Some(Side::Mine)),
                    Some(b) if *b == mine_text => (false, Some(Side::Theirs)),
                    _ => (true, None),
                };
                Some(Row {
                    piece,
                    base: base_text,
                    theirs: theirs_text,
                    mine: mine_text,
                    contested,
                    choice,
                })
            })
            .collect();
        Conflict {
            mine,
            theirs,
            rows,
            selected: 0,
            reveal: false,
            done,
        }
    }

    /// Rows still waiting for a choice.
    pub fn undecided(&self) -> usize {
        self.rows.iter().filter(|r| r.choice.is_none()).count()
    }

    /// The current record with the pieces chosen from this user's.
    pub fn merged(&self, team: &[Member]) -> Client {
        let mut out = self.theirs.clone();
        for row in self.rows.iter().filter(|r| r.choice == Some(Side::Mine)) {
            row.piece.copy(&self.mine, &mut out, team);
        }
        out.version = self.theirs.version;
        out
    }
}

/// Keys on the conflict view.
pub(crate) fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let Some(c) = &mut app.conflict else { return };
    let last = c.rows.len().saturating_sub(1);
    let choose = |c: &mut Conflict, side: Side, all: bool| {
        for (i, row) in c.rows.iter_mut().enumerate() {
            if all || i == c.selected {
                row.choice = Some(side);
            }
        }
    };
    match command {
        Command::Down => c.selected = (c.selected + 1).min(last),
        Command::Up => c.selected = c.selected.saturating_sub(1),
        Command::KeepMine => choose(c, Side::Mine, false),
        Command::TakeTheirs => choose(c, Side::Theirs, false),
        Command::AllMine => choose(c, Side::Mine, true),
        Command::AllTheirs => choose(c, Side::Theirs, true),
        Command::Reveal => c.reveal = !c.reveal,
        Command::Save => {
            let left = c.undecided();
            if left > 0 {
                let key = |c| {
                    app.keymap
                        .key_label(Screen::Conflict, c)
                        .unwrap_or_default()
                };
                let text =
                    strings::choose_first(left, &key(Command::KeepMine), &key(Command::TakeTheirs));
                return app.say(StatusKind::Error, text);
            }
            let merged = c.merged(&app.team);
            let saving = Saving {
                base: c.theirs.clone(),
                mine: merged.clone(),
                done: c.done.clone(),
            };
            app.saving = Some(saving);
            app.say(StatusKind::Info, strings::saving());
            fx.push(Effect::Update(Box::new(merged)));
        }
        Command::Back => {
            app.conflict = None;
            app.say(StatusKind::Info, strings::conflict_left());
        }
        Command::Help => popup::help(app),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client() -> Client {
        let mut c = Client::new("Plomberie Tremblay inc.");
        c.id = 1;
        c.version = 3;
        c.phone = "514-555-0100".into();
        c.email = "info@tremblay.ca".into();
        c
    }

    #[test]
    fn one_sided_changes_are_kept_and_clashes_wait() {
        let base = client();
        let mut theirs = base.clone();
        theirs.version = 4;
        theirs.phone = "514-555-0199".into();
        theirs.address.city = "Laval".into();
        let mut mine = base.clone();
        mine.phone = "438-555-0123".into();
        mine.email = "compta@tremblay.ca".into();
        let c = Conflict::new(Some(base), mine, theirs, &[], String::new());
        let by_key = |f: Field| c.rows.iter().find(|r| r.piece == Piece::Field(f)).unwrap();
        assert!(by_key(Field::Phone).contested);
        assert_eq!(by_key(Field::Phone).choice, None);
        assert_eq!(by_key(Field::Email).choice, Some(Side::Mine));
        assert_eq!(by_key(Field::City).choice, Some(Side::Theirs));
        assert_eq!(c.undecided(), 1);
    }

    #[test]
    fn merging_takes_each_chosen_side_on_the_current_version() {
        let base = client();
        let mut theirs = base.clone();
        theirs.version = 4;
        theirs.phone = "514-555-0199".into();
        theirs.address.city = "Laval".into();
        let mut mine = base.clone();
        mine.phone = "438-555-0123".into();
        mine.email = "compta@tremblay.ca".into();
        let mut c = Conflict::new(Some(base), mine, theirs, &[], String::new());
        for r in &mut c.rows {
            if r.contested {
                r.choice = Some(Side::Mine);
            }
        }
        let m = c.merged(&[]);
        assert_eq!(m.version, 4);
        assert_eq!(m.phone, "438-555-0123");
        assert_eq!(m.email, "compta@tremblay.ca");
        assert_eq!(m.address.city, "Laval");
    }

    #[test]
    fn without_the_edited_version_every_difference_waits() {
        let theirs = client();
        let mut mine = theirs.clone();
        mine.phone = "438-555-0123".into();
        let c = Conflict::new(None, mine, theirs, &[], String::new());
        assert_eq!(c.rows.len(), 1);
        assert!(c.rows[0].contested);
        assert_eq!(c.undecided(), 1);
    }
}
