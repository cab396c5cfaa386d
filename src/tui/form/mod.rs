//! The edit and add forms: the client form, and the small forms for a
//! product, a document or a tax return.
//!
//! A form is a list of fields over a base record, the version it was
//! opened on. Every change re-runs the model's validation, the same rules
//! the CLI and the store use, and the messages appear beside the fields.
//! Saving sends the whole record with the base version, so a change made
//! meanwhile by someone else comes back as a conflict instead of being
//! overwritten. While a form holds changes it is kept as a draft.

pub(crate) mod client;
pub(crate) mod field;
pub(crate) mod items;
pub(crate) mod line;
mod open;
mod save;
pub(crate) mod view;

use tui_input::InputRequest;

use crate::model::{Client, ClientId, FieldError, Member, Rule};

use super::action::Command;
use super::app::{App, StatusKind};
use super::effect::Effect;
use super::popup::{self, Confirm, Popup};
use super::profile::Part;
use super::strings;

pub(crate) use open::{add, edit, item, item_on, open_client, ready, restore_draft};
use save::save;
pub(crate) use save::{changed_elsewhere, discard, draft_due, keep_draft, save_failed, saved};

pub(crate) use field::{FormField, Opt, Value};

/// What a form edits.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// The client's own fields. `items_from` carries products, documents
    /// and returns restored from a draft.
    Client {
        is_new: bool,
        items_from: Option<Box<Client>>,
    },
    /// One product, document or return; `index` is `None` for a new one.
    Item { part: Part, index: Option<usize> },
}

/// An open form.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    pub(crate) kind: Kind,
    /// The record as it was when the form opened.
    pub(crate) base: Client,
    pub(crate) fields: Vec<FormField>,
    pub(crate) focus: usize,
    /// A save was tried: every error shows, touched or not.
    pub(crate) tried: bool,
    /// Changed since the draft was last kept.
    pub(crate) draft_pending: bool,
    /// Waiting for the firm to answer a save.
    pub(crate) saving: bool,
    /// Who changed the record while this form was open.
    pub(crate) changed_by: Option<String>,
    /// Reopened from a draft: how many fields hold values the saved
    /// record does not.
    pub(crate) restored: Option<usize>,
    /// The draft under this form's key is this form's to drop: client
    /// forms always (an older draft was restored or discarded when the
    /// form opened), item forms once they kept one.
    pub(crate) owns_draft: bool,
}

impl Form {
    fn new(kind: Kind, base: Client, fields: Vec<FormField>) -> Form {
        let owns_draft = matches!(kind, Kind::Client { .. });
        Form {
            kind,
            base,
            fields,
            focus: 0,
            tried: false,
            draft_pending: false,
            saving: false,
            changed_by: None,
            restored: None,
            owns_draft,
        }
    }

    /// True when something differs from the record.
    pub(crate) fn is_dirty(&self) -> bool {
        let items = match &self.kind {
            Kind::Client {
                items_from: Some(c),
                ..
            } => {
                c.products != self.base.products
                    || c.documents != self.base.documents
                    || c.tax_returns != self.base.tax_returns
            }
            _ => false,
        };
        items || self.fields.iter().any(FormField::is_changed)
    }

    /// The client's name for messages, or "the new client".
    pub(crate) fn subject(&self) -> String {
        match &self.kind {
            Kind::Client { is_new: true, .. } => {
                let typed = self
                    .fields
                    .iter()
                    .find(|f| f.key == "name")
                    .map(FormField::value)
                    .unwrap_or_default();
                if typed.trim().is_empty() {
                    strings::new_client().to_owned()
                } else {
                    typed
                }
            }
            _ => self.base.display_name.clone(),
        }
    }

    /// Which form this is, as a draft records it.
    pub(crate) fn draft_form(&self) -> crate::model::DraftForm {
        match self.kind {
            Kind::Client { .. } => crate::model::DraftForm::Client,
            Kind::Item { part, index } => crate::model::DraftForm::Item {
                part: part.model(),
                id: index.and_then(|i| part.model().ids(&self.base).get(i).copied()),
            },
        }
    }

    /// The key drafts of this form are kept under (0: a new client).
    pub(crate) fn draft_id(&self) -> ClientId {
        match self.kind {
            Kind::Client { is_new: true, .. } => 0,
            _ => self.base.id,
        }
    }

    /// The record as the form would save it, and every rule broken, by
    /// field position. Rules that belong to no field of this form are
    /// left to the store.
    pub(crate) fn build(&self, team: &[Member]) -> (Client, Vec<(usize, Rule)>) {
        match &self.kind {
            Kind::Client { items_from, .. } => client::build(self, items_from.as_deref(), team),
            Kind::Item { part, index } => items::build(self, *part, *index),
        }
    }

    /// Re-checks every field.
    fn revalidate(&mut self, team: &[Member]) {
        let (_, errors) = self.build(team);
        for f in &mut self.fields {
            f.error = None;
        }
        for (i, rule) in errors {
            if let Some(f) = self.fields.get_mut(i)
                && f.error.is_none()
            {
                f.error = Some(rule);
            }
        }
    }

    /// Puts the store's verdict on the fields it names.
    fn store_errors(&mut self, errors: &[FieldError]) -> usize {
        let mut placed = 0;
        for e in errors {
            let key = match &self.kind {
                Kind::Client { .. } => Some(e.field.as_str()),
                Kind::Item { part, index } => items::field_key(*part, *index, &self.base, &e.field),
            };
            if let Some(f) = key.and_then(|k| self.fields.iter_mut().find(|f| f.key == k)) {
                f.error = Some(e.rule.clone());
                f.touched = true;
                placed += 1;
            }
        }
        placed
    }

    /// The focused field.
    pub(crate) fn focused(&self) -> Option<&FormField> {
        self.fields.get(self.focus)
    }

    /// The form's title line.
    pub(crate) fn title(&self) -> String {
        match &self.kind {
            Kind::Client { is_new: true, .. } => strings::add_client_title().to_owned(),
            Kind::Client { .. } => strings::edit_client_title(&self.base.display_name),
            Kind::Item { part, index } => {
                strings::item_form_title(*part, index.is_none(), &self.base.display_name)
            }
        }
    }

    /// What the status line says when the save worked.
    fn done_message(&self, saved_name: &str) -> String {
        match &self.kind {
            Kind::Client { is_new: true, .. } => strings::added(saved_name),
            Kind::Client { .. } => strings::saved(saved_name),
            Kind::Item { part, index } => strings::item_saved(
                *part,
                index.is_none(),
                &items::label(self, *part),
                &self.base.display_name,
            ),
        }
    }
}

/// Keys on a form.
pub(crate) fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let Some(form) = app.stack.client_form_mut() else {
        return;
    };
    let n = form.fields.len();
    match command {
        Command::NextField => form.focus = (form.focus + 1) % n,
        Command::PrevField => form.focus = (form.focus + n - 1) % n,
        Command::Down if !form.fields[form.focus].move_line(true) => {
            form.focus = (form.focus + 1).min(n - 1)
        }
        Command::Up if !form.fields[form.focus].move_line(false) => {
            form.focus = form.focus.saturating_sub(1)
        }
        Command::Choose => match &form.fields[form.focus].value {
            Value::Pick { .. } => open_choices(app),
            Value::Lines { .. } => {
                if !form.fields[form.focus].locked && form.fields[form.focus].newline() {
                    changed(app);
                }
            }
            Value::Text(_) => form.focus = (form.focus + 1).min(n - 1),
        },
        Command::Save => save(app, fx),
        Command::Cancel => {
            if form.is_dirty() {
                let subject = form.subject();
                app.stack
                    .set_popup(Popup::Confirm(Confirm::discard_changes(&subject)));
            } else {
                discard(app, fx);
            }
        }
        Command::Help => popup::help(app),
        _ => {}
    }
}

fn open_choices(app: &mut App) {
    let Some(f) = app.stack.client_form().and_then(Form::focused) else {
        return;
    };
    if f.locked {
        return app.say(StatusKind::Info, strings::locked_field(f.label));
    }
    if let Some((options, current)) = f.options() {
        let title = f.label;
        popup::choices(app, title, &options, current);
    }
}

/// An editing key on the focused field.
pub(crate) fn input(app: &mut App, request: InputRequest) {
    let Some(form) = app.stack.client_form_mut() else {
        return;
    };
    let f = &mut form.fields[form.focus];
    if f.locked {
        let label = f.label;
        return app.say(StatusKind::Info, strings::locked_field(label));
    }
    if matches!(f.value, Value::Pick { .. }) && request == InputRequest::InsertChar(' ') {
        return open_choices(app);
    }
    if f.edit(request) {
        changed(app);
    }
}

/// Text pasted into the focused field.
pub(crate) fn paste(app: &mut App, text: &str) {
    let Some(form) = app.stack.client_form_mut() else {
        return;
    };
    let f = &mut form.fields[form.focus];
    if f.locked || matches!(f.value, Value::Pick { .. }) {
        return;
    }
    let multiline = matches!(f.value, Value::Lines { .. });
    for c in text.replace("\r\n", "\n").chars() {
        match c {
            '\n' | '\r' if multiline => {
                f.newline();
            }
            '\n' | '\r' | '\t' => {
                f.edit(InputRequest::InsertChar(' '));
            }
            c if c.is_control() => {}
            c => {
                f.edit(InputRequest::InsertChar(c));
            }
        }
    }
    changed(app);
}

/// A pick list's option was chosen from its popup.
pub(crate) fn pick(app: &mut App, index: usize) {
    let Some(form) = app.stack.client_form_mut() else {
        return;
    };
    if form.fields[form.focus].choose(index) {
        changed(app);
    }
}

/// The focused field changed: re-check and remember to keep a draft.
fn changed(app: &mut App) {
    let team = &app.team;
    let Some(form) = app.stack.client_form_mut() else {
        return;
    };
    form.fields[form.focus].touched = true;
    form.draft_pending = true;
    form.revalidate(team);
}
