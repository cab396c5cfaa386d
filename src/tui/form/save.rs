//! Saving a form, and what follows: the form closes, the store's
//! objections land on the fields, or a conflict opens. Also the drafts
//! kept while a form holds changes.

use crate::api::ApiError;
use crate::model::{Client, ClientId, Draft};

use super::super::action::Op;
use super::super::app::{App, Saving, StatusKind};
use super::super::conflict::Conflict;
use super::super::effect::Effect;
use super::super::stack::Layer;
use super::super::{list, strings};
use super::{Form, Kind};

pub(super) fn save(app: &mut App, fx: &mut Vec<Effect>) {
    let team = app.team.clone();
    let Some(form) = app.stack.client_form_mut() else {
        return;
    };
    if form.saving {
        return;
    }
    form.tried = true;
    form.revalidate(&team);
    let broken: Vec<usize> = (0..form.fields.len())
        .filter(|i| form.fields[*i].error.is_some())
        .collect();
    if let Some(&first) = broken.first() {
        form.focus = first;
        let f = &form.fields[first];
        let text = strings::fix_fields(
            broken.len(),
            f.label,
            f.error.as_ref().expect("broken fields have errors"),
        );
        return app.say(StatusKind::Error, text);
    }
    let created = matches!(form.kind, Kind::Client { is_new: true, .. });
    let adds = created || matches!(form.kind, Kind::Item { index: None, .. });
    if !form.is_dirty() && !adds {
        return discard(app, fx);
    }
    let (client, _) = form.build(&team);
    let base = form.base.clone();
    form.saving = true;
    let done = form.done_message(&client.display_name);
    app.saving = Some(Saving {
        base: form.base.clone(),
        mine: client.clone(),
        done,
    });
    app.say(StatusKind::Info, strings::saving());
    fx.push(if created {
        Effect::Create(Box::new(client))
    } else {
        Effect::Save {
            base: Box::new(base),
            mine: Box::new(client),
        }
    });
}

/// Closes the form without saving, forgetting its draft.
pub(crate) fn discard(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(form) = app.stack.take_client_form() {
        if form.is_dirty() {
            app.say(StatusKind::Info, strings::changes_discarded());
        }
        drop_draft(app, &form, fx);
    }
    app.stack.take_conflict();
}

/// Forgets the draft of a form that is closing, if it is the form's own.
fn drop_draft(app: &mut App, form: &Form, fx: &mut Vec<Effect>) {
    if !form.owns_draft {
        return;
    }
    let id = form.draft_id();
    fx.push(Effect::DiscardDraft(id));
    if let Some(p) = app.stack.profile_mut()
        && p.id == id
    {
        p.draft = None;
    }
}

/// Keeps the open form as a draft now, if it holds changes.
pub(crate) fn keep_draft(app: &mut App, fx: &mut Vec<Effect>) {
    let team = &app.team;
    let Some(form) = app.stack.client_form_mut() else {
        return super::super::team::form::keep_draft(app, fx);
    };
    if form.is_dirty() {
        let (mut record, _) = form.build(team);
        record.id = form.draft_id();
        record.version = form.base.version;
        let draft = Draft {
            client: form.draft_id(),
            form: form.draft_form(),
            base: Some(form.base.clone()),
            record,
            fields: form
                .fields
                .iter()
                .map(|f| (f.key.to_owned(), f.value()))
                .collect(),
            focus: form.focus,
        };
        form.draft_pending = false;
        form.owns_draft = true;
        fx.push(Effect::SaveDraft(Box::new(draft)));
    }
}

/// The draft timer fired.
pub(crate) fn draft_due(app: &mut App, fx: &mut Vec<Effect>) {
    if app.draft_pending() {
        keep_draft(app, fx);
    }
}

/// A save worked.
pub(crate) fn saved(app: &mut App, client: Client, created: bool, fx: &mut Vec<Effect>) {
    let saving = app.saving.take();
    if let Some(form) = app.stack.take_client_form() {
        drop_draft(app, &form, fx);
    }
    app.stack.take_conflict();
    let done = saving.map_or_else(|| strings::saved(&client.display_name), |s| s.done);
    app.say(StatusKind::Success, done);
    if created {
        app.list.selected_id = Some(client.id);
    }
    list::refresh(app, fx);
    if let Some(p) = app.stack.profile_mut()
        && p.id == client.id
    {
        p.client = Some(client.clone());
        fx.push(Effect::LoadProfile { id: client.id });
    }
}

/// A save failed: show a conflict, put the store's errors on the fields,
/// or say what went wrong.
pub(crate) fn save_failed(app: &mut App, op: Op, error: ApiError) {
    if let Some(form) = app.stack.client_form_mut() {
        form.saving = false;
    }
    let saving = app.saving.take();
    match (error, saving) {
        (ApiError::Conflict { current, .. }, Some(s)) => {
            let c = Conflict::new(Some(s.base), s.mine, *current, &app.team, s.done);
            app.stack.push(Layer::Conflict(Box::new(c)));
            app.say(StatusKind::Warning, strings::conflict_found());
        }
        (ApiError::Invalid(errors), _)
            if app.stack.client_form().is_some() && app.stack.conflict().is_none() =>
        {
            let form = app.stack.client_form_mut().expect("checked above");
            form.tried = true;
            form.store_errors(&errors);
            if let Some(i) = form.fields.iter().position(|f| f.error.is_some()) {
                form.focus = i;
            }
            app.fail(&op, &ApiError::Invalid(errors));
        }
        (error, _) => app.fail(&op, &error),
    }
}

/// Someone else changed clients: warn when it is the one being edited.
pub(crate) fn changed_elsewhere(app: &mut App, changed: &[(ClientId, u64)], who: &str) {
    let Some(form) = app.stack.client_form_mut() else {
        return;
    };
    if form.draft_id() == 0
        || !changed
            .iter()
            .any(|(id, v)| *id == form.base.id && *v > form.base.version)
    {
        return;
    }
    form.changed_by = Some(who.to_owned());
    let name = form.base.display_name.clone();
    app.say(
        StatusKind::Warning,
        strings::changed_while_editing(&name, who),
    );
}
