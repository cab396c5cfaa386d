//! Opening a form: on a saved record, on a new client, on one item of a
//! profile, or on a draft kept from an earlier session.

use crate::model::{Client, ClientId, Draft, DraftForm, Member};

use super::super::app::{App, StatusKind};
use super::super::conflict::Conflict;
use super::super::effect::Effect;
use super::super::popup::{Confirm, Popup};
use super::super::profile::Part;
use super::super::stack::Layer;
use super::super::strings;
use super::{Form, Kind, client, items};

/// Asks for what editing a client needs (its record and any draft).
pub(crate) fn edit(app: &mut App, id: ClientId, fx: &mut Vec<Effect>) {
    if app.stack.client_form().is_none() {
        fx.push(Effect::LoadForEdit { id });
    }
}

/// Asks for what adding a client needs (any draft of a new client).
pub(crate) fn add(app: &mut App, fx: &mut Vec<Effect>) {
    edit(app, 0, fx);
}

/// The record and draft arrived: offer the draft, or open the form.
pub(crate) fn ready(
    app: &mut App,
    id: ClientId,
    current: Option<Client>,
    draft: Option<Draft>,
    fx: &mut Vec<Effect>,
) {
    if app.stack.client_form().is_some() {
        return;
    }
    match draft {
        Some(d) if draft_differs(current.as_ref(), &d, &app.team) => {
            let subject = current
                .as_ref()
                .map_or_else(|| d.record.display_name.clone(), |c| c.display_name.clone());
            let subject = if subject.is_empty() {
                strings::new_client().to_owned()
            } else {
                subject
            };
            app.stack.set_popup(Popup::Confirm(Confirm::restore_draft(
                id, &subject, current, d,
            )));
        }
        Some(_) => {
            fx.push(Effect::DiscardDraft(id));
            open_client(app, current, None);
        }
        None => open_client(app, current, None),
    }
}

/// True when a draft holds anything its form would not show anyway:
/// typed text, or a record that differs from the one it was made on.
fn draft_differs(current: Option<&Client>, draft: &Draft, team: &[Member]) -> bool {
    let blank = Client::new("");
    let base = draft.base.as_ref().or(current).unwrap_or(&blank);
    !draft.fields.is_empty() || !crate::model::field::diff(base, &draft.record, team).is_empty()
}

/// Reopens the form a draft was typed in, on the same item, with the
/// text as it was typed and the cursor where it was. The form stands on
/// the record the draft was made on, so saving merges with what others
/// saved since; fields whose value the saved record does not have are
/// marked, with the saved value beside them.
pub(crate) fn restore_draft(app: &mut App, current: Option<Client>, draft: Draft) {
    if draft.fields.is_empty() {
        // A draft kept by an older version: the record alone.
        return open_client(app, current, Some(draft.record));
    }
    let stored = current.clone();
    let base = match (&draft.base, &current) {
        (Some(b), Some(c)) if b.id == c.id => b.clone(),
        (_, Some(c)) => c.clone(),
        (Some(b), None) => b.clone(),
        (None, None) => Client::new(""),
    };
    match draft.form {
        // Kept under its own key, offered by the team screen.
        DraftForm::Member { .. } => return,
        DraftForm::Client => {
            let is_new = current.is_none();
            let fields = client::fields(&base, &app.team, &app.me);
            let form = Form::new(
                Kind::Client {
                    is_new,
                    items_from: None,
                },
                base,
                fields,
            );
            app.stack.push(Layer::ClientForm(Box::new(form)));
        }
        DraftForm::Item { part, id } => {
            let index = match id {
                Some(id) => match part.position(&base, id) {
                    Some(i) => Some(i),
                    None => {
                        return app.say(StatusKind::Error, strings::draft_item_gone());
                    }
                },
                None => None,
            };
            item_on(app, base, Part::of(part), index);
        }
    }
    let team = app.team.clone();
    let (me, today) = (app.me.clone(), app.today);
    let Some(form) = app.stack.client_form_mut() else {
        return;
    };
    // The same form on the saved record, for what it holds now.
    let saved_fields = stored.as_ref().map(|s| match &form.kind {
        Kind::Client { .. } => client::fields(s, &team, &me),
        Kind::Item { part, index } => {
            let index = index.and_then(|i| {
                let id = part.model().ids(&form.base).get(i).copied()?;
                part.model().position(s, id)
            });
            items::fields(*part, index, s, &me, today)
        }
    });
    let mut marked = 0;
    for f in form.fields.iter_mut().filter(|f| !f.locked) {
        let typed = draft
            .fields
            .iter()
            .find(|(k, _)| k == f.key)
            .map(|(_, v)| v.clone());
        let saved = saved_fields
            .as_ref()
            .and_then(|fs| fs.iter().find(|s| s.key == f.key))
            .map(|s| s.initial.clone());
        match typed {
            Some(typed) if typed != f.initial => {
                // Typed in the draft: shown as typed, marked when the
                // saved record holds something else.
                f.set_value(&typed);
                f.touched = true;
                let saved = saved.unwrap_or_else(|| f.initial.clone());
                if typed != saved {
                    f.restored = Some(f.shown(&saved));
                    marked += 1;
                }
            }
            _ => {
                // Untouched: shown as saved now; saving leaves it to the
                // merge, which keeps what others saved.
                if let Some(saved) = saved {
                    f.set_value(&saved);
                    f.initial = saved;
                }
            }
        }
    }
    form.focus = draft.focus.min(form.fields.len().saturating_sub(1));
    form.restored = Some(marked);
    form.owns_draft = true;
    form.revalidate(&team);
    app.stack.take_popup();
    app.say(StatusKind::Warning, strings::draft_restored(marked));
}

/// Opens the client form on a record (none: a new client), with a draft's
/// values when restoring one. A draft made on an older version opens the
/// conflict view first, so nothing changed since is lost.
pub(crate) fn open_client(app: &mut App, current: Option<Client>, draft: Option<Client>) {
    let is_new = current.is_none();
    let base = current.unwrap_or_else(|| Client::new(""));
    let fields = client::fields(&base, &app.team, &app.me);
    let stale = draft
        .as_ref()
        .filter(|d| !is_new && d.version != base.version)
        .cloned();
    let mut form = Form::new(
        Kind::Client {
            is_new,
            items_from: None,
        },
        base.clone(),
        fields,
    );
    if let Some(d) = draft.filter(|_| stale.is_none()) {
        client::restore(&mut form, &d, &app.team);
        form.kind = Kind::Client {
            is_new,
            items_from: Some(Box::new(d)),
        };
    }
    form.revalidate(&app.team);
    app.stack.push(Layer::ClientForm(Box::new(form)));
    app.stack.take_popup();
    if let Some(d) = stale {
        let done = strings::saved(&base.display_name);
        let c = Conflict::new(None, d, base, &app.team, done);
        app.stack.push(Layer::Conflict(Box::new(c)));
        app.say(StatusKind::Warning, strings::draft_outdated());
    }
}

/// Opens the form for one item of the profile's client.
pub(crate) fn item(app: &mut App, part: Part, index: Option<usize>) {
    let Some(base) = app.stack.profile().and_then(|p| p.client.clone()) else {
        return;
    };
    let kept = app.stack.profile().and_then(|p| p.draft.clone());
    item_on(app, base, part, index);
    // One draft per client: say so before this form's draft replaces
    // another form's.
    if let (Some((form, item)), Some(f)) = (kept, app.stack.client_form())
        && form != f.draft_form()
    {
        let which = strings::draft_form(form, &item);
        app.say(StatusKind::Warning, strings::draft_elsewhere(&which));
    }
}

/// Opens the form for one item of a client (from a screen without its
/// profile: the billing screen adds subscriptions so).
pub(crate) fn item_on(app: &mut App, base: Client, part: Part, index: Option<usize>) {
    let fields = items::fields(part, index, &base, &app.me, app.today);
    let mut form = Form::new(Kind::Item { part, index }, base, fields);
    form.revalidate(&app.team);
    app.stack.push(Layer::ClientForm(Box::new(form)));
}
