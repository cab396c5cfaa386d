//! The conflict view: a save met a change someone else made to the same
//! spot, so instead of overwriting, the user sees spot by spot what the
//! other person changed and what they changed, keeps theirs or takes the
//! other's per spot, and saves the result on the current version.
//!
//! A spot is a field of the client, or one field of one product, document
//! or tax return, found by its id (`model::merge`). The rows are the spots
//! where the two sides differ; which of them wait for a choice is what the
//! store's merge (`model::merge::merge`) calls a clash: a spot both changed
//! differently, or an item one side edited and the other deleted. A spot
//! only one side changed takes that side's value.
//! When the edited version is unknown (a draft kept by an older version),
//! every difference waits for a choice.

pub(crate) mod view;

use crate::model::field::member_label;
use crate::model::merge::{Part as ItemPart, merge, spots};
use crate::model::{Client, Field, Member};

use super::action::Command;
use super::app::{App, Saving, StatusKind};
use super::effect::Effect;
use super::keymap::Screen;
use super::{popup, strings};

/// A part of the record that is kept or taken as a whole: a client field,
/// the team access, the status, an item, or one field of an item.
pub(crate) type Piece = crate::model::Spot;

/// The piece's value as one line of text, in words (a kind or a yes or
/// no as labels, not as the model's codes); an item a side does not hold
/// reads as deleted.
fn piece_text(piece: Piece, c: &Client, team: &[Member]) -> String {
    match piece {
        Piece::Field(Field::Kind) => strings::kind(c.kind).to_owned(),
        Piece::Field(Field::SelfEmployed) => strings::yes_no(c.self_employed).to_owned(),
        Piece::Field(f) => f.get(c, team),
        Piece::TeamAccess => c
            .team_access
            .iter()
            .map(|id| member_label(*id, team))
            .collect::<Vec<_>>()
            .join("; "),
        Piece::Status => match c.inactive_since {
            None => strings::active().to_owned(),
            Some(d) => strings::inactive_since(d),
        },
        Piece::Item(part, id) => item_line(part, c, id),
        Piece::ItemField(part, id, field) => match part.value(c, id, field) {
            Some(v) => strings::item_value(part, field, &v),
            None => strings::item_deleted().to_owned(),
        },
    }
}

/// An item on one line in words, or "deleted".
fn item_line(part: ItemPart, c: &Client, id: crate::model::ItemId) -> String {
    let Some(i) = part.position(c, id) else {
        return strings::item_deleted().to_owned();
    };
    match part {
        ItemPart::Product => strings::product_line(&c.products[i]),
        ItemPart::Document => strings::document_line(&c.documents[i]),
        ItemPart::Return => strings::return_line(&c.tax_returns[i]),
    }
}

/// The piece's name: a field's label, or the item and its field.
pub(crate) fn piece_label(piece: Piece, sides: [&Client; 2]) -> String {
    let name = |part: ItemPart, id| {
        sides
            .iter()
            .find_map(|c| part.name(c, id))
            .unwrap_or_default()
    };
    match piece {
        Piece::Item(part, id) => strings::item_label(part, &name(part, id)),
        Piece::ItemField(part, id, field) => {
            strings::item_field_piece(part, &name(part, id), field)
        }
        other => strings::piece_label(other),
    }
}

/// Whose value a piece takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Mine,
    Theirs,
}

/// One piece that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) piece: Piece,
    /// The piece's name on screen.
    pub(crate) label: String,
    /// The value in the version edited, when known.
    pub(crate) base: Option<String>,
    pub(crate) theirs: String,
    pub(crate) mine: String,
    /// Both sides changed it, differently.
    pub(crate) contested: bool,
    pub(crate) choice: Option<Side>,
}

/// The open conflict.
#[derive(Debug, Clone)]
pub(crate) struct Conflict {
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
    pub(crate) fn new(
        base: Option<Client>,
        mine: Client,
        theirs: Client,
        team: &[Member],
        done: String,
    ) -> Conflict {
        // What the store's merge would do: the spots both sides changed
        // differently wait for a choice; every other difference takes the
        // side that changed it. Without the edited version, all wait.
        let clashes = base
            .as_ref()
            .map(|b| merge(b, &mine, &theirs, team).clashes);
        let rows: Vec<Row> = spots(&theirs, &mine, team)
            .into_iter()
            .map(|piece| {
                let was = base.as_ref().map(|b| piece.value(b, team));
                let choice = match (&clashes, &was) {
                    (Some(clashes), Some(was)) if !clashes.contains(&piece) => {
                        Some(if *was == piece.value(&theirs, team) {
                            Side::Mine
                        } else {
                            Side::Theirs
                        })
                    }
                    _ => None,
                };
                Row {
                    piece,
                    label: piece_label(piece, [&theirs, &mine]),
                    base: base.as_ref().map(|b| piece_text(piece, b, team)),
                    theirs: piece_text(piece, &theirs, team),
                    mine: piece_text(piece, &mine, team),
                    contested: choice.is_none(),
                    choice,
                }
            })
            .collect();
        // The cursor starts on the first question to answer.
        let selected = rows.iter().position(|r| r.choice.is_none()).unwrap_or(0);
        Conflict {
            mine,
            theirs,
            rows,
            selected,
            reveal: false,
            done,
        }
    }

    /// Rows still waiting for a choice.
    pub(crate) fn undecided(&self) -> usize {
        self.rows.iter().filter(|r| r.choice.is_none()).count()
    }

    /// The current record with the pieces chosen from this user's.
    pub(crate) fn merged(&self, team: &[Member]) -> Client {
        let mut out = self.theirs.clone();
        for row in self.rows.iter().filter(|r| r.choice == Some(Side::Mine)) {
            row.piece.copy(&self.mine, &mut out, team);
        }
        out.version = self.theirs.version;
        out.next_item = out.next_item.max(self.mine.next_item);
        out
    }
}

/// Keys on the conflict view.
pub(crate) fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let Some(c) = app.stack.conflict_mut() else {
        return;
    };
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
            let theirs = c.theirs.clone();
            let saving = Saving {
                base: theirs.clone(),
                mine: merged.clone(),
                done: c.done.clone(),
            };
            app.saving = Some(saving);
            app.say(StatusKind::Info, strings::saving());
            fx.push(Effect::Save {
                base: Box::new(theirs),
                mine: Box::new(merged),
            });
        }
        Command::Back => {
            app.stack.take_conflict();
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
