//! Broken rules, firm errors and failed requests, in words. The firm
//! sends rules and errors as codes; [`crate::i18n`] words them the same
//! way for the command line and the app.

use crate::api::ApiError;
use crate::i18n::plural;
use crate::model::{MemberId, Rule};
use crate::tr;

use super::super::action::{Op, Task};
use super::super::lang::lang;
use super::words::field_key_label;

/// A broken rule, worded to follow the field's name.
pub(crate) fn rule(r: &Rule) -> String {
    lang().rule(r)
}

/// A field's name and its broken rule.
pub(crate) fn field_error(label: &str, r: &Rule) -> String {
    let rule = rule(r);
    tr!(en: format!("{label} {rule}"), fr: format!("{label} : {rule}"))
}

/// A firm error in words. Invalid fields are named by their labels.
pub(crate) fn api_error(e: &ApiError) -> String {
    match e {
        ApiError::Invalid(errors) => errors
            .iter()
            .map(|e| field_error(&field_key_label(&e.field), &e.rule))
            .collect::<Vec<_>>()
            .join("; "),
        other => lang().api_error(other),
    }
}

/// A failed request, saying what was being done.
pub(crate) fn failed(op: &Op, e: &ApiError) -> String {
    let e = api_error(e);
    match op {
        Op::Query => tr!(
            en: format!("Could not load the list: {e}"),
            fr: format!("Impossible de charger la liste : {e}"),
        ),
        Op::Load => tr!(
            en: format!("Could not open the client: {e}"),
            fr: format!("Impossible d'ouvrir le client : {e}"),
        ),
        Op::Save { name } if name.is_empty() => tr!(
            en: format!("Not saved: {e}"),
            fr: format!("Rien n'a été enregistré : {e}"),
        ),
        Op::Save { name } => tr!(
            en: format!("{name} was not saved: {e}"),
            fr: format!("{name} n'a pas été enregistré : {e}"),
        ),
        Op::SetActive {
            name,
            active: false,
        } => tr!(
            en: format!("Could not make {name} inactive: {e}"),
            fr: format!("Impossible de rendre {name} inactif : {e}"),
        ),
        Op::SetActive { name, active: true } => tr!(
            en: format!("Could not reactivate {name}: {e}"),
            fr: format!("Impossible de réactiver {name} : {e}"),
        ),
        Op::AssignLead => tr!(
            en: format!("The lead accountant was not changed: {e}"),
            fr: format!("Le responsable n'a pas été changé : {e}"),
        ),
        Op::Team => tr!(
            en: format!("Could not load the team: {e}"),
            fr: format!("Impossible de charger l'équipe : {e}"),
        ),
        Op::Draft => tr!(
            en: format!("Your unsaved changes could not be kept as a draft: {e}"),
            fr: format!("Vos modifications n'ont pu être gardées comme brouillon : {e}"),
        ),
    }
}

/// A team member who is no longer on the team.
pub(crate) fn unknown_member(id: MemberId) -> String {
    tr!(en: format!("member #{id}"), fr: format!("membre nº {id}"))
}

pub(crate) fn internal_error() -> &'static str {
    tr!(
        en: "an internal error stopped the request; the log has the details",
        fr: "une erreur interne a arrêté la demande; le journal donne les détails",
    )
}

pub(crate) fn terminal_error(e: &std::io::Error) -> String {
    tr!(
        en: format!("the terminal could not be used: {e}"),
        fr: format!("le terminal n'a pu être utilisé : {e}"),
    )
}

/// A team or billing request that failed, saying what was being done.
pub(crate) fn task_failed(task: &Task, e: &ApiError) -> String {
    let e = super::api_error(e);
    match task {
        Task::LoadTeam => tr!(
            en: format!("Could not load the team: {e}"),
            fr: format!("Impossible de charger l'équipe : {e}"),
        ),
        Task::SaveMember { name } if name.is_empty() => tr!(
            en: format!("Not saved: {e}"),
            fr: format!("Non enregistré : {e}"),
        ),
        Task::SaveMember { name } => tr!(
            en: format!("{name} was not saved: {e}"),
            fr: format!("{name} n'a pas été enregistré : {e}"),
        ),
        Task::Deactivate { name, moved: None } => tr!(
            en: format!("{name} was not deactivated: {e}"),
            fr: format!("{name} n'a pas été désactivé : {e}"),
        ),
        Task::Deactivate {
            name,
            moved: Some(n),
        } => {
            let l = lang();
            tr!(
                en: format!("{n} {} reassigned, but {name} was not deactivated: {e}", l.clients(*n)),
                fr: format!(
                    "{n} {} {}, mais {name} n'a pas été désactivé : {e}",
                    l.clients(*n),
                    plural(l, *n, "réassigné", "réassignés")
                ),
            )
        }
        Task::LoadBilling => tr!(
            en: format!("Could not load wholesale billing: {e}"),
            fr: format!("Impossible de charger la facturation de gros : {e}"),
        ),
        Task::Unbill { name, product } => tr!(
            en: format!("{product} of {name} is still billed to the firm: {e}"),
            fr: format!("{product} de {name} est toujours facturé au cabinet : {e}"),
        ),
        Task::PickClients => tr!(
            en: format!("Could not search the clients: {e}"),
            fr: format!("Impossible de chercher les clients : {e}"),
        ),
        Task::LoadClient => tr!(
            en: format!("Could not open the client: {e}"),
            fr: format!("Impossible d'ouvrir le client : {e}"),
        ),
    }
}
