//! The client's profile: tab names, the Overview's sections and labels,
//! the item tables' columns, and dates, money and stamps as shown.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::tr;

use super::super::lang::lang;
use super::super::profile::Tab;

/// Shown for a value that is not set.
pub(crate) const NONE_MARK: &str = "—";

pub(crate) fn tab(t: Tab) -> &'static str {
    match t {
        Tab::Overview => tr!(en: "Overview", fr: "Aperçu"),
        Tab::QuickBooks => tr!(en: "QuickBooks", fr: "QuickBooks"),
        Tab::Documents => tr!(en: "Documents", fr: "Documents"),
        Tab::Returns => tr!(en: "Tax returns", fr: "Déclarations de revenus"),
        Tab::History => tr!(en: "History", fr: "Historique"),
    }
}

pub(crate) fn draft_kept(form: &str, edit_key: &str) -> String {
    tr!(
        en: format!("unsaved draft ({form}): {edit_key} restores it"),
        fr: format!("brouillon non enregistré ({form}) : {edit_key} le restaure"),
    )
}

/// The form a draft was typed in: `client form`, `2025 TP-1 tax return`,
/// `new document`.
pub(crate) fn draft_form(form: crate::model::DraftForm, item: &str) -> String {
    use crate::model::{DraftForm, Part};
    let item = crate::model::text::for_terminal(item, false);
    match form {
        DraftForm::Client => tr!(en: "client form", fr: "fiche du client").to_owned(),
        DraftForm::Member { id: Some(_) } => tr!(
            en: format!("team member {item}"),
            fr: format!("membre de l'équipe {item}"),
        ),
        DraftForm::Member { id: None } => {
            tr!(en: "new team member", fr: "nouveau membre de l'équipe").to_owned()
        }
        DraftForm::Item { part, id } => match (part, id.is_some()) {
            (Part::Product, true) => tr!(
                en: format!("product {item}"),
                fr: format!("produit {item}"),
            ),
            (Part::Document, true) => tr!(
                en: format!("document {item}"),
                fr: format!("document {item}"),
            ),
            (Part::Return, true) => tr!(
                en: format!("{item} tax return"),
                fr: format!("déclaration {item}"),
            ),
            (Part::Product, false) => tr!(en: "new product", fr: "nouveau produit").to_owned(),
            (Part::Document, false) => tr!(en: "new document", fr: "nouveau document").to_owned(),
            (Part::Return, false) => {
                tr!(en: "new tax return", fr: "nouvelle déclaration").to_owned()
            }
        },
    }
}

/// Money in the app's language: `$1,234.56` or `1 234,56 $`.
pub(crate) fn money(cents: i64) -> String {
    crate::i18n::money(lang(), cents)
}

/// A discount: `30%` or `30 %`.
pub(crate) fn percent(n: u8) -> String {
    crate::i18n::percent(lang(), n)
}

/// A moment in the firm's time zone, to the minute (ISO in both
/// languages).
pub(crate) fn datetime(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// When and by whom a record was created or changed.
pub(crate) fn stamp(when: &str, who: &str) -> String {
    tr!(en: format!("{when} by {who}"), fr: format!("{when} par {who}"))
}

pub(crate) fn inactive_since(d: Date) -> String {
    tr!(
        en: format!("inactive since {d}"),
        fr: format!("inactif depuis le {d}"),
    )
}

pub(crate) fn active() -> &'static str {
    tr!(en: "active", fr: "actif")
}

pub(crate) fn empty_value() -> &'static str {
    tr!(en: "(empty)", fr: "(vide)")
}

pub(crate) fn section_client() -> &'static str {
    tr!(en: "Client", fr: "Client")
}

pub(crate) fn section_contact() -> &'static str {
    tr!(en: "Contact", fr: "Coordonnées")
}

pub(crate) fn section_address() -> &'static str {
    tr!(en: "Address", fr: "Adresse")
}

pub(crate) fn section_firm() -> &'static str {
    tr!(en: "At the firm", fr: "Au cabinet")
}

pub(crate) fn section_tax() -> &'static str {
    tr!(en: "Taxes", fr: "Fiscalité")
}

pub(crate) fn section_notes() -> &'static str {
    tr!(en: "Notes", fr: "Notes")
}

pub(crate) fn no_notes() -> &'static str {
    tr!(en: "No notes.", fr: "Aucune note.")
}

pub(crate) fn label_company() -> &'static str {
    tr!(en: "Company", fr: "Entreprise")
}

pub(crate) fn label_contact() -> &'static str {
    tr!(en: "Contact", fr: "Personne-ressource")
}

pub(crate) fn label_email() -> &'static str {
    tr!(en: "Email", fr: "Courriel")
}

pub(crate) fn label_phone() -> &'static str {
    tr!(en: "Phone", fr: "Téléphone")
}

pub(crate) fn label_mobile() -> &'static str {
    tr!(en: "Mobile", fr: "Cellulaire")
}

pub(crate) fn label_website() -> &'static str {
    tr!(en: "Website", fr: "Site Web")
}

pub(crate) fn label_street() -> &'static str {
    tr!(en: "Street", fr: "Rue")
}

pub(crate) fn label_city() -> &'static str {
    tr!(en: "City", fr: "Ville")
}

pub(crate) fn label_province_postal() -> &'static str {
    tr!(en: "Province, postal", fr: "Prov., code postal")
}

pub(crate) fn label_country() -> &'static str {
    tr!(en: "Country", fr: "Pays")
}

pub(crate) fn label_number() -> &'static str {
    tr!(en: "Client number", fr: "Numéro de client")
}

pub(crate) fn label_kind() -> &'static str {
    tr!(en: "Type", fr: "Type")
}

pub(crate) fn label_lead() -> &'static str {
    tr!(en: "Lead accountant", fr: "Responsable")
}

pub(crate) fn label_status() -> &'static str {
    tr!(en: "Status", fr: "Statut")
}

pub(crate) fn label_year_end() -> &'static str {
    tr!(en: "Fiscal year end", fr: "Fin d'exercice")
}

pub(crate) fn label_self_employed() -> &'static str {
    tr!(en: "Self-employed", fr: "Travailleur autonome")
}

pub(crate) fn label_created() -> &'static str {
    tr!(en: "Created", fr: "Créé le")
}

pub(crate) fn label_updated() -> &'static str {
    tr!(en: "Last changed", fr: "Modifié le")
}

pub(crate) fn label_bn() -> &'static str {
    tr!(en: "Business number", fr: "Nº d'entreprise")
}

pub(crate) fn label_neq() -> &'static str {
    tr!(en: "NEQ", fr: "NEQ")
}

pub(crate) fn label_gst() -> &'static str {
    tr!(en: "GST/HST", fr: "TPS/TVH")
}

pub(crate) fn label_qst() -> &'static str {
    tr!(en: "QST", fr: "TVQ")
}

pub(crate) fn label_sin() -> &'static str {
    tr!(en: "SIN", fr: "NAS")
}

pub(crate) fn ids_heading_masked(key: &str) -> String {
    tr!(
        en: format!("Tax identifiers (masked; {key} shows them)"),
        fr: format!("Numéros fiscaux (masqués; {key} les affiche)"),
    )
}

pub(crate) fn ids_heading_shown(key: &str) -> String {
    tr!(
        en: format!("Tax identifiers ({key} masks them)"),
        fr: format!("Numéros fiscaux ({key} les masque)"),
    )
}

pub(crate) fn ids_shown(key: &str) -> String {
    tr!(
        en: format!("Tax identifiers are shown; press {key} again to mask them"),
        fr: format!("Les numéros fiscaux sont affichés; appuyez de nouveau sur {key} pour les masquer"),
    )
}

pub(crate) fn ids_hidden() -> &'static str {
    tr!(en: "Tax identifiers are masked", fr: "Les numéros fiscaux sont masqués")
}

pub(crate) fn add_where() -> &'static str {
    tr!(
        en: "Go to the QuickBooks, Documents or Tax returns tab to add one",
        fr: "Allez à l'onglet QuickBooks, Documents ou Déclarations de revenus pour ajouter un élément",
    )
}

pub(crate) fn remove_where() -> &'static str {
    tr!(
        en: "Go to the QuickBooks, Documents or Tax returns tab to remove one",
        fr: "Allez à l'onglet QuickBooks, Documents ou Déclarations de revenus pour retirer un élément",
    )
}

pub(crate) fn no_items() -> &'static str {
    tr!(en: "Nothing to choose here yet", fr: "Rien à choisir ici pour l'instant")
}

pub(crate) fn no_history() -> &'static str {
    tr!(en: "No history yet.", fr: "Aucun historique pour l'instant.")
}

pub(crate) fn col_product() -> &'static str {
    tr!(en: "Product", fr: "Produit")
}

pub(crate) fn col_billed_to() -> &'static str {
    tr!(en: "Billed to", fr: "Facturé à")
}

pub(crate) fn col_list_price() -> &'static str {
    tr!(en: "List/month", fr: "Prix/mois")
}

pub(crate) fn col_discount() -> &'static str {
    tr!(en: "Discount", fr: "Remise")
}

pub(crate) fn col_net() -> &'static str {
    tr!(en: "Net/month", fr: "Net/mois")
}

pub(crate) fn col_since() -> &'static str {
    tr!(en: "Since", fr: "Depuis")
}

pub(crate) fn col_title() -> &'static str {
    tr!(en: "Document", fr: "Document")
}

pub(crate) fn col_sent() -> &'static str {
    tr!(en: "Sent", fr: "Envoyé le")
}

pub(crate) fn col_status() -> &'static str {
    tr!(en: "Status", fr: "Statut")
}

pub(crate) fn col_note() -> &'static str {
    tr!(en: "Note", fr: "Note")
}

pub(crate) fn col_year() -> &'static str {
    tr!(en: "Year", fr: "Année")
}

pub(crate) fn col_form() -> &'static str {
    tr!(en: "Form", fr: "Formulaire")
}

pub(crate) fn col_due() -> &'static str {
    tr!(en: "Due", fr: "Échéance")
}

pub(crate) fn col_filed() -> &'static str {
    tr!(en: "Filed", fr: "Produite le")
}

pub(crate) fn no_products(add_key: &str) -> String {
    tr!(
        en: format!("No QuickBooks products. Press {add_key} to add one."),
        fr: format!("Aucun produit QuickBooks. Appuyez sur {add_key} pour en ajouter un."),
    )
}

pub(crate) fn no_documents(add_key: &str) -> String {
    tr!(
        en: format!("No documents. Press {add_key} to add one."),
        fr: format!("Aucun document. Appuyez sur {add_key} pour en ajouter un."),
    )
}

pub(crate) fn no_returns(add_key: &str) -> String {
    tr!(
        en: format!("No tax returns. Press {add_key} to add one."),
        fr: format!("Aucune déclaration de revenus. Appuyez sur {add_key} pour en ajouter une."),
    )
}

/// The QuickBooks tab's totals, as money already worded.
pub(crate) fn monthly_totals(firm: &str, client: &str) -> String {
    tr!(
        en: format!("Per month: the firm pays {firm} (wholesale), the client pays {client}"),
        fr: format!("Par mois : le cabinet paie {firm} (gros), le client paie {client}"),
    )
}
