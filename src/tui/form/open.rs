//! Opening a form: on a saved record, on a new client, on one item of a
//! profile, or on a draft kept from an earlier session.

use crate::model::{Client, ClientId, Member};

use super::super::app::{App, StatusKind};
use super::super::conflict::Conflict;
use super::super::effect::Effect;
use super::super::popup::{Confirm, Popup};
use super::super::profile::Part;
use super::super::strings;
use super::{Form, Kind, client, items};

/// Asks for what editing a client needs (its record and any draft).
pub(crate) fn edit(app: &mut App, id: ClientId, fx: &mut Vec<Effect>) {
    if app.form.is_none() {
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
    draft: Option<Client>,
    fx: &mut Vec<Effect>,
) {
    if app.form.is_some() {
        return;
    }
    match draft {
        Some(d) if draft_differs(current.as_ref(), &d, &app.team) => {
            let subject = current
                .as_ref()
                .map_or_else(|| d.display_name.clone(), |c| c.display_name.clone());
            let subject = if subject.is_empty() {
                strings::new_client().to_owned()
            } else {
                subject
            };
            app.popup = Some(Popup::Confirm(Confirm::restore_draft(
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

fn draft_differs(current: Option<&Client>, draft: &Client, team: &[Member]) -> bool {
    let blank = Client::new("");
    let base = current.unwrap_or(&blank);
    !crate::model::field::diff(base, draft, team).is_empty()
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
    app.form = Some(form);
    app.popup = None;
    if let Some(d) = stale {
        let done = strings::saved(&base.display_name);
        app.conflict = Some(Conflict::new(None, d, base, &app.team, done));
        app.say(StatusKind::Warning, strings::draft_outdated());
    }
}

/// Opens the form for one item of the profile's client.
pub(crate) fn item(app: &mut App, part: Part, index: Option<usize>) {
    let Some(base) = app.profile.as_ref().and_then(|p| p.client.clone()) else {
        return;
    };
    item_on(app, base, part, index);
}

/// Opens the form for one item of a client (from a screen without its
/// profile: the billing screen adds subscriptions so).
pub(crate) fn item_on(app: &mut App, base: Client, part: Part, index: Option<usize>) {
    let fields = items::fields(part, index, &base, &app.me, app.today);
    let mut form = Form::new(Kind::Item { part, index }, base, fields);
    form.revalidate(&app.team);
    app.form = Some(form);
}
