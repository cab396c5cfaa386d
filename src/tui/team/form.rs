//! The small form that adds or edits a team member: name, login, email
//! and role. Each change re-runs the model's `validate_member`, the rule
//! the store applies too, and the store's own objections (a login already
//! in use, the last admin) land on the field they name.

use tui_input::InputRequest;

use crate::model::{Draft, FieldError, Member, Role, Rule, TEAM_DRAFT, validate_member};

use super::super::action::Command;
use super::super::app::{App, StatusKind};
use super::super::effect::Effect;
use super::super::form::{FormField, Opt, Value};
use super::super::popup::{self, Confirm, Popup, Then};
use super::super::stack::Layer;
use super::super::strings;

/// The open member form.
#[derive(Debug, Clone)]
pub(crate) struct MemberForm {
    /// The member as stored (id 0: a new member).
    pub(crate) base: Member,
    pub(crate) fields: Vec<FormField>,
    pub(crate) focus: usize,
    /// A save was tried: every error shows, touched or not.
    pub(crate) tried: bool,
    /// Waiting for the firm to answer a save.
    pub(crate) saving: bool,
    /// Changed since the draft was last kept.
    pub(crate) draft_pending: bool,
    /// A draft of this form was kept (or restored): it is this form's to
    /// drop when the form closes.
    pub(crate) owns_draft: bool,
}

impl MemberForm {
    /// A form on a member (id 0: a new one).
    pub(crate) fn new(base: Member) -> MemberForm {
        let roles = [Role::Staff, Role::Admin]
            .into_iter()
            .map(|r| Opt::new(r.key(), strings::role(r)))
            .collect();
        let fields = vec![
            FormField::text("name", strings::label_name(), &base.name).required(),
            FormField::text("login", strings::label_login(), &base.login)
                .required()
                .hint(strings::hint_login()),
            FormField::text("email", crate::tui::strings::label_email(), &base.email)
                .hint(strings::hint_email()),
            FormField::pick("role", strings::label_role(), roles, base.role.key())
                .hint(strings::hint_role()),
        ];
        MemberForm {
            base,
            fields,
            focus: 0,
            tried: false,
            saving: false,
            draft_pending: false,
            owns_draft: false,
        }
    }

    /// The form as a draft: its fields' text and the cursor.
    pub(crate) fn draft(&self) -> Draft {
        let id = (self.base.id != 0).then_some(self.base.id);
        let fields = self
            .fields
            .iter()
            .map(|f| (f.key.to_owned(), f.value()))
            .collect();
        Draft::member(id, fields, self.focus)
    }

    /// True for a member not yet on the team.
    pub(crate) fn is_new(&self) -> bool {
        self.base.id == 0
    }

    /// True when something differs from the stored member.
    pub(crate) fn is_dirty(&self) -> bool {
        self.fields.iter().any(FormField::is_changed)
    }

    /// The form's title line.
    pub(crate) fn title(&self) -> String {
        strings::member_form_title(self.is_new(), &self.base.name)
    }

    /// The member for messages, or "the new member".
    pub(crate) fn subject(&self) -> String {
        if self.is_new() {
            strings::new_member().to_owned()
        } else {
            self.base.name.clone()
        }
    }

    /// The member as the form would save it, and every rule broken, by
    /// field position.
    pub(crate) fn build(&self) -> (Member, Vec<(usize, Rule)>) {
        let value = |key: &str| {
            self.fields
                .iter()
                .find(|f| f.key == key)
                .map(FormField::value)
                .unwrap_or_default()
        };
        let mut m = Member {
            name: value("name"),
            login: value("login"),
            email: value("email"),
            role: Role::parse(&value("role")).unwrap_or(self.base.role),
            ..self.base.clone()
        };
        m.normalize();
        let errors = validate_member(&m)
            .into_iter()
            .filter_map(|e| self.position(&e.field).map(|i| (i, e.rule)))
            .collect();
        (m, errors)
    }

    fn position(&self, key: &str) -> Option<usize> {
        // The store names the active flag when it refuses a deactivation;
        // the role field is the nearest thing on this form.
        let key = if key == "active" { "role" } else { key };
        self.fields.iter().position(|f| f.key == key)
    }

    fn revalidate(&mut self) {
        let (_, errors) = self.build();
        for f in &mut self.fields {
            f.error = None;
        }
        for (i, rule) in errors {
            if self.fields[i].error.is_none() {
                self.fields[i].error = Some(rule);
            }
        }
    }

    /// Puts the store's verdict on the fields it names, and the focus on
    /// the first of them.
    pub(crate) fn store_errors(&mut self, errors: &[FieldError]) {
        for e in errors {
            if let Some(i) = self.position(&e.field) {
                self.fields[i].error = Some(e.rule.clone());
                self.fields[i].touched = true;
            }
        }
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
    }

    /// The focused field.
    pub(crate) fn focused(&self) -> Option<&FormField> {
        self.fields.get(self.focus)
    }
}

/// The open form, if any.
fn form(app: &mut App) -> Option<&mut MemberForm> {
    app.stack.member_form_mut()
}

/// Opens the form on a member (id 0: a new one), over the team screen.
pub(crate) fn open(app: &mut App, member: Member) {
    if app.stack.team().is_some() {
        app.stack
            .push(Layer::MemberForm(Box::new(MemberForm::new(member))));
    }
}

/// Closes the form without saving, forgetting its draft.
pub(crate) fn close(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(f) = app.stack.take_member_form() {
        if f.owns_draft {
            fx.push(Effect::DiscardDraft(TEAM_DRAFT));
        }
        if f.is_dirty() {
            app.say(StatusKind::Info, crate::tui::strings::changes_discarded());
        }
    }
}

/// Keeps the open member form as a draft now, if it holds changes.
pub(crate) fn keep_draft(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(f) = form(app) else { return };
    if f.is_dirty() {
        f.draft_pending = false;
        f.owns_draft = true;
        fx.push(Effect::SaveDraft(Box::new(f.draft())));
    }
}

/// Reopens the member form a draft was typed in, on the same member, with
/// the text as typed; fields that differ from the saved member are marked
/// with the saved value beside them.
pub(crate) fn restore(app: &mut App, draft: Draft) {
    let crate::model::DraftForm::Member { id } = draft.form else {
        return;
    };
    let Some(t) = app.stack.team() else { return };
    let base = match id {
        Some(id) => match t.members.iter().find(|m| m.id == id) {
            Some(m) => m.clone(),
            None => return,
        },
        None => Member::new("", ""),
    };
    let mut f = MemberForm::new(base);
    let mut marked = 0;
    for field in &mut f.fields {
        if let Some((_, typed)) = draft.fields.iter().find(|(k, _)| k == field.key)
            && *typed != field.initial
        {
            let saved = field.shown(&field.initial);
            field.set_value(typed);
            field.touched = true;
            field.restored = Some(saved);
            marked += 1;
        }
    }
    f.focus = draft.focus.min(f.fields.len().saturating_sub(1));
    f.owns_draft = true;
    f.revalidate();
    app.stack.push(Layer::MemberForm(Box::new(f)));
    app.say(
        StatusKind::Warning,
        crate::tui::strings::draft_restored(marked),
    );
}

/// The form's keys.
pub(crate) fn command(app: &mut App, command: Command, fx: &mut Vec<Effect>) {
    let Some(f) = form(app) else { return };
    let n = f.fields.len();
    match command {
        Command::NextField | Command::Down => f.focus = (f.focus + 1) % n,
        Command::PrevField | Command::Up => f.focus = (f.focus + n - 1) % n,
        Command::Choose => {
            if matches!(f.fields[f.focus].value, Value::Pick { .. }) {
                f.fields[f.focus].cycle(1);
                changed(app);
            } else {
                f.focus = (f.focus + 1).min(n - 1);
            }
        }
        Command::Save => save(app, fx),
        Command::Cancel => {
            if f.is_dirty() {
                let subject = f.subject();
                app.stack.set_popup(Popup::Confirm(Confirm::or_cancel(
                    crate::tui::strings::discard_title(),
                    crate::tui::strings::discard_question(&subject),
                    crate::tui::strings::discard(),
                    Then::CloseMemberForm,
                )));
            } else {
                close(app, fx);
            }
        }
        Command::Help => popup::help(app),
        _ => {}
    }
}

/// An editing key on the focused field; Space turns a pick list.
pub(crate) fn input(app: &mut App, request: InputRequest) {
    let Some(f) = form(app) else { return };
    let field = &mut f.fields[f.focus];
    let edited = match (&field.value, request) {
        (Value::Pick { .. }, InputRequest::InsertChar(' ')) => field.cycle(1),
        _ => field.edit(request),
    };
    if edited {
        changed(app);
    }
}

/// Text pasted into the focused field, on one line.
pub(crate) fn paste(app: &mut App, text: &str) {
    let Some(f) = form(app) else { return };
    let field = &mut f.fields[f.focus];
    if matches!(field.value, Value::Pick { .. }) {
        return;
    }
    for c in text.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if !c.is_control() {
            field.edit(InputRequest::InsertChar(c));
        }
    }
    changed(app);
}

fn changed(app: &mut App) {
    let Some(f) = form(app) else { return };
    f.fields[f.focus].touched = true;
    f.draft_pending = true;
    f.revalidate();
}

fn save(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(f) = form(app) else { return };
    if f.saving {
        return;
    }
    f.tried = true;
    f.revalidate();
    if let Some(i) = f.fields.iter().position(|x| x.error.is_some()) {
        f.focus = i;
        let field = &f.fields[i];
        let text = strings::not_saved(
            field.label,
            field.error.as_ref().expect("the field has an error"),
        );
        return app.say(StatusKind::Error, text);
    }
    if !f.is_dirty() && !f.is_new() {
        return close(app, fx);
    }
    let (member, _) = f.build();
    f.saving = true;
    app.say(StatusKind::Info, crate::tui::strings::saving());
    fx.push(Effect::SaveMember(Box::new(member)));
}
