//! The wholesale billing screen (subscriptions the firm pays for) and
//! choosing a client for a new subscription.

use crate::i18n::{money, percent, plural};
use crate::tr;

use super::super::lang::lang;

pub(crate) fn billing_title() -> &'static str {
    tr!(
        en: "Subscriptions billed to accountant",
        fr: "Abonnements facturés au comptable",
    )
}

pub(crate) fn inactive_only_title() -> &'static str {
    tr!(
        en: "inactive clients still billed",
        fr: "clients inactifs encore facturés",
    )
}

/// The header's counts on the billing screen.
pub(crate) fn billing_counts(subscriptions: usize, inactive_clients: usize) -> String {
    let l = lang();
    let subs = tr!(
        en: format!("{subscriptions} {}", plural(l, subscriptions, "subscription", "subscriptions")),
        fr: format!("{subscriptions} {}", plural(l, subscriptions, "abonnement", "abonnements")),
    );
    if inactive_clients == 0 {
        return subs;
    }
    tr!(
        en: format!(
            "{subs} · {inactive_clients} inactive {} still billed",
            plural(l, inactive_clients, "client", "clients")
        ),
        fr: format!(
            "{subs} · {inactive_clients} {} encore {}",
            plural(l, inactive_clients, "client inactif", "clients inactifs"),
            plural(l, inactive_clients, "facturé", "facturés"),
        ),
    )
}

/// The warning over the table while inactive clients are still billed.
pub(crate) fn inactive_billed_warning(n: usize, filter_key: &str) -> String {
    let l = lang();
    tr!(
        en: format!(
            "{n} inactive {} still billed to the firm: making a client inactive cancels neither the subscription nor wholesale billing. {filter_key} shows only them.",
            plural(l, n, "client", "clients")
        ),
        fr: format!(
            "{n} {} encore {} au cabinet : rendre un client inactif n'annule ni l'abonnement ni la facturation de gros. {filter_key} n'affiche qu'eux.",
            plural(l, n, "client inactif", "clients inactifs"),
            plural(l, n, "facturé", "facturés"),
        ),
    )
}

pub(crate) fn inactive_only_note(filter_key: &str) -> String {
    tr!(
        en: format!("Only inactive clients still billed to the firm; {filter_key} shows every subscription."),
        fr: format!("Seulement les clients inactifs encore facturés au cabinet; {filter_key} affiche tous les abonnements."),
    )
}

pub(crate) fn col_client() -> &'static str {
    tr!(en: "Client", fr: "Client")
}

pub(crate) fn inactive_word() -> &'static str {
    tr!(en: " inactive", fr: " inactif")
}

pub(crate) fn totals_title() -> &'static str {
    tr!(en: "Totals per month", fr: "Totaux par mois")
}

/// A product's total line: its name and how many subscriptions.
pub(crate) fn product_total(product: &str, n: usize) -> String {
    let l = lang();
    tr!(
        en: format!("{product} · {n} {}", plural(l, n, "subscription", "subscriptions")),
        fr: format!("{product} · {n} {}", plural(l, n, "abonnement", "abonnements")),
    )
}

pub(crate) fn overall_total(n: usize) -> String {
    let l = lang();
    tr!(
        en: format!("All products · {n} {}", plural(l, n, "subscription", "subscriptions")),
        fr: format!("Tous les produits · {n} {}", plural(l, n, "abonnement", "abonnements")),
    )
}

/// Cents in the user's language.
pub(crate) fn amount(cents: i64) -> String {
    money(lang(), cents)
}

/// A discount in the user's language.
pub(crate) fn discount(pct: u8) -> String {
    percent(lang(), pct)
}

pub(crate) fn no_billing(add_key: &str) -> String {
    tr!(
        en: format!("No subscription is billed to the firm. {add_key} adds one."),
        fr: format!("Aucun abonnement n'est facturé au cabinet. {add_key} en ajoute un."),
    )
}

pub(crate) fn no_inactive_billed(filter_key: &str) -> String {
    tr!(
        en: format!("No inactive client is still billed to the firm. {filter_key} shows every subscription."),
        fr: format!("Aucun client inactif n'est encore facturé au cabinet. {filter_key} affiche tous les abonnements."),
    )
}

pub(crate) fn only_admins_billing() -> &'static str {
    tr!(
        en: "Only a firm admin may change wholesale billing.",
        fr: "Seul un administrateur du cabinet peut modifier la facturation de gros.",
    )
}

pub(crate) fn no_subscription_selected() -> &'static str {
    tr!(
        en: "No subscription is selected.",
        fr: "Aucun abonnement n'est sélectionné.",
    )
}

pub(crate) fn showing_inactive_only(on: bool) -> &'static str {
    if on {
        tr!(
            en: "Showing only inactive clients still billed",
            fr: "Seulement les clients inactifs encore facturés",
        )
    } else {
        tr!(
            en: "Showing every subscription billed to the firm",
            fr: "Tous les abonnements facturés au cabinet",
        )
    }
}

pub(crate) fn unbill_title() -> &'static str {
    tr!(
        en: "Remove from wholesale billing",
        fr: "Retirer de la facturation de gros",
    )
}

pub(crate) fn unbill_question(product: &str, client: &str) -> String {
    tr!(
        en: format!(
            "Stop billing {product} of {client} to the firm? The subscription stays, billed to the client from now on; the client's history records the change."
        ),
        fr: format!(
            "Cesser de facturer {product} de {client} au cabinet? L'abonnement reste, facturé au client à partir de maintenant; l'historique du client garde la trace du changement."
        ),
    )
}

pub(crate) fn unbill() -> &'static str {
    tr!(en: "Remove from billing", fr: "Retirer de la facturation")
}

pub(crate) fn unbilled(product: &str, client: &str) -> String {
    tr!(
        en: format!("{product} of {client} is now billed to the client"),
        fr: format!("{product} de {client} est maintenant facturé au client"),
    )
}

pub(crate) fn unbill_gone(product: &str, client: &str) -> String {
    tr!(
        en: format!(
            "{product} of {client} had changed meanwhile and is no longer billed to the firm; nothing was changed"
        ),
        fr: format!(
            "{product} de {client} avait changé entre-temps et n'est plus facturé au cabinet; rien n'a été modifié"
        ),
    )
}

pub(crate) fn unbill_conflict(client: &str) -> String {
    tr!(
        en: format!(
            "{client} changed meanwhile; nothing was changed. The list is reloaded: check it and try again."
        ),
        fr: format!(
            "{client} a été modifié entre-temps; rien n'a été changé. La liste est rechargée : vérifiez-la et réessayez."
        ),
    )
}

pub(crate) fn pick_for_subscription() -> &'static str {
    tr!(
        en: "Add a subscription billed to the firm: which client?",
        fr: "Nouvel abonnement facturé au cabinet : quel client?",
    )
}

pub(crate) fn pick_nothing() -> &'static str {
    tr!(en: "No client matches.", fr: "Aucun client ne correspond.")
}

pub(crate) fn pick_hint() -> &'static str {
    tr!(
        en: "Type part of a name, number or email; Enter chooses.",
        fr: "Tapez une partie du nom, du numéro ou du courriel; Entrée choisit.",
    )
}
