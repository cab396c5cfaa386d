//! Words for the model's values (kinds, statuses, history actions,
//! provinces) and the client fields' labels and hints.

use crate::model::{AuditAction, BilledTo, ClientKind, DocStatus, Field, ReturnStatus};
use crate::tr;

use super::super::lang::lang;

/// A client's kind, as a label (capitalised, unlike the command line's).
pub(crate) fn kind(k: ClientKind) -> &'static str {
    match k {
        ClientKind::Business => tr!(en: "Business", fr: "Entreprise"),
        ClientKind::Individual => tr!(en: "Individual", fr: "Particulier"),
    }
}

pub(crate) fn return_status(s: ReturnStatus) -> &'static str {
    lang().return_status(s)
}

pub(crate) fn doc_status(s: DocStatus) -> &'static str {
    lang().doc_status(s)
}

pub(crate) fn yes_no(b: bool) -> &'static str {
    lang().yes_no(b)
}

/// Who pays for a subscription billed to the firm (wholesale billing).
pub(crate) fn billed_firm() -> &'static str {
    lang().billed_to(BilledTo::Firm)
}

/// Who pays for a subscription the client pays for.
pub(crate) fn billed_client() -> &'static str {
    lang().billed_to(BilledTo::Client)
}

pub(crate) fn audit_action(a: AuditAction) -> &'static str {
    match a {
        AuditAction::Created => tr!(en: "created the client", fr: "a créé le client"),
        AuditAction::Updated => tr!(en: "changed", fr: "a modifié"),
        AuditAction::Deactivated => {
            tr!(en: "made the client inactive", fr: "a rendu le client inactif")
        }
        AuditAction::Reactivated => tr!(en: "reactivated the client", fr: "a réactivé le client"),
        AuditAction::LeadAssigned => {
            tr!(en: "changed the lead accountant", fr: "a changé le responsable")
        }
        AuditAction::Imported => tr!(en: "imported the client", fr: "a importé le client"),
        AuditAction::Restored => tr!(en: "restored the client", fr: "a restauré le client"),
        AuditAction::MemberAdded => {
            tr!(en: "added the team member", fr: "a ajouté le membre de l'équipe")
        }
        AuditAction::MemberChanged => {
            tr!(en: "changed the team member", fr: "a modifié le membre de l'équipe")
        }
        AuditAction::SinRevealed => tr!(en: "revealed the SIN", fr: "a affiché le NAS"),
    }
}

/// A province or territory by its postal abbreviation (the same in both
/// languages).
pub(crate) fn province(code: &str) -> &'static str {
    match code {
        "QC" => tr!(en: "QC  Québec", fr: "QC  Québec"),
        "ON" => tr!(en: "ON  Ontario", fr: "ON  Ontario"),
        "AB" => tr!(en: "AB  Alberta", fr: "AB  Alberta"),
        "BC" => tr!(en: "BC  British Columbia", fr: "BC  Colombie-Britannique"),
        "MB" => tr!(en: "MB  Manitoba", fr: "MB  Manitoba"),
        "NB" => tr!(en: "NB  New Brunswick", fr: "NB  Nouveau-Brunswick"),
        "NL" => tr!(en: "NL  Newfoundland and Labrador", fr: "NL  Terre-Neuve-et-Labrador"),
        "NS" => tr!(en: "NS  Nova Scotia", fr: "NS  Nouvelle-Écosse"),
        "NT" => tr!(en: "NT  Northwest Territories", fr: "NT  Territoires du Nord-Ouest"),
        "NU" => tr!(en: "NU  Nunavut", fr: "NU  Nunavut"),
        "PE" => tr!(en: "PE  Prince Edward Island", fr: "PE  Île-du-Prince-Édouard"),
        "SK" => tr!(en: "SK  Saskatchewan", fr: "SK  Saskatchewan"),
        "YT" => tr!(en: "YT  Yukon", fr: "YT  Yukon"),
        _ => "",
    }
}

/// A client field's label on forms.
pub(crate) fn field_label(f: Field) -> &'static str {
    match f {
        Field::Name => tr!(en: "Display name", fr: "Nom affiché"),
        Field::Number => tr!(en: "Client number", fr: "Numéro de client"),
        Field::Kind => tr!(en: "Type", fr: "Type"),
        Field::Company => tr!(en: "Company", fr: "Nom de l'entreprise"),
        Field::FirstName => tr!(en: "First name", fr: "Prénom"),
        Field::LastName => tr!(en: "Last name", fr: "Nom de famille"),
        Field::Email => tr!(en: "Email", fr: "Courriel"),
        Field::Phone => tr!(en: "Phone", fr: "Téléphone"),
        Field::Mobile => tr!(en: "Mobile", fr: "Cellulaire"),
        Field::Website => tr!(en: "Website", fr: "Site Web"),
        Field::Street => tr!(en: "Street", fr: "Rue"),
        Field::City => tr!(en: "City", fr: "Ville"),
        Field::Province => tr!(en: "Province", fr: "Province"),
        Field::PostalCode => tr!(en: "Postal code", fr: "Code postal"),
        Field::Country => tr!(en: "Country", fr: "Pays"),
        Field::BusinessNumber => tr!(en: "Business number", fr: "Numéro d'entreprise"),
        Field::Neq => tr!(en: "NEQ", fr: "NEQ"),
        Field::Gst => tr!(en: "GST/HST number", fr: "Numéro de TPS/TVH"),
        Field::Qst => tr!(en: "QST number", fr: "Numéro de TVQ"),
        Field::Sin => tr!(en: "SIN", fr: "NAS"),
        Field::FiscalYearEnd => tr!(en: "Fiscal year end", fr: "Fin d'exercice"),
        Field::SelfEmployed => tr!(en: "Self-employed", fr: "Travailleur autonome"),
        Field::Notes => tr!(en: "Notes", fr: "Notes"),
        Field::Lead => tr!(en: "Lead accountant", fr: "Responsable"),
    }
}

/// What to type in a field, shown while it has the focus.
pub(crate) fn field_hint(f: Field) -> Option<String> {
    let hint = match f {
        Field::Email => tr!(en: "name@example.com", fr: "nom@exemple.ca"),
        Field::Website => tr!(en: "https://…", fr: "https://…"),
        Field::Phone | Field::Mobile => "514-555-0199",
        Field::PostalCode => tr!(en: "H2X 1Y4", fr: "H2X 1Y4"),
        Field::BusinessNumber => tr!(
            en: "9 digits, e.g. 123456782",
            fr: "9 chiffres, p. ex. 123456782",
        ),
        Field::Neq => tr!(
            en: "10 digits starting 11, 22, 33 or 88",
            fr: "10 chiffres commençant par 11, 22, 33 ou 88",
        ),
        Field::Gst => tr!(en: "e.g. 123456782RT0001", fr: "p. ex. 123456782RT0001"),
        Field::Qst => tr!(en: "e.g. 1234567890TQ0001", fr: "p. ex. 1234567890TQ0001"),
        Field::Sin => tr!(
            en: "9 digits; individuals only",
            fr: "9 chiffres; particuliers seulement",
        ),
        Field::FiscalYearEnd => {
            let december = lang().month(12);
            return Some(tr!(
                en: format!("month-day, e.g. 12-31; empty: {december} 31"),
                fr: format!("mois-jour, p. ex. 12-31; vide : 31 {december}"),
            ));
        }
        Field::Number => tr!(
            en: "your firm's own number, unique",
            fr: "le numéro propre à votre cabinet, unique",
        ),
        _ => return None,
    };
    Some(hint.to_owned())
}

/// A field key from the audit log or the store (`phone`, `product 2`,
/// `product 2 price`) as words.
pub(crate) fn field_key_label(key: &str) -> String {
    if let Ok(f) = Field::parse(key) {
        return field_label(f).to_owned();
    }
    let mut parts = key.splitn(3, ' ');
    let (what, n, rest) = (parts.next().unwrap_or(""), parts.next(), parts.next());
    let what = match what {
        "product" => tr!(en: "Product", fr: "Produit"),
        "document" => tr!(en: "Document", fr: "Document"),
        "return" => tr!(en: "Tax return", fr: "Déclaration"),
        "team_access" => return tr!(en: "Team access", fr: "Accès de l'équipe").to_owned(),
        "status" => return tr!(en: "Status", fr: "Statut").to_owned(),
        "role" => return tr!(en: "Role", fr: "Rôle").to_owned(),
        "active" => return tr!(en: "Active", fr: "Actif").to_owned(),
        other => return other.replace('_', " "),
    };
    match (n, rest) {
        (Some(n), Some(rest)) => format!("{what} {n}, {}", item_field(rest)),
        (Some(n), None) => format!("{what} {n}"),
        _ => what.to_owned(),
    }
}

/// A field of a product, document or return, by the model's name for it.
fn item_field(key: &str) -> &str {
    match key {
        "name" => tr!(en: "name", fr: "nom"),
        "price" => tr!(en: "price", fr: "prix"),
        "discount" => tr!(en: "discount", fr: "remise"),
        "title" => tr!(en: "title", fr: "titre"),
        "note" => tr!(en: "note", fr: "note"),
        "year" => tr!(en: "year", fr: "année"),
        "form" => tr!(en: "form", fr: "formulaire"),
        other => other,
    }
}
