//! Validation rules, field names and API errors, worded in each language.
//! The server sends these as codes; the client words them.

use super::Lang;
use crate::api::{ApiError, Busy, NotWritten, Rejection};
use crate::model::{FieldError, Rule};

impl Lang {
    /// A rule as the end of a sentence whose subject is the field.
    pub(crate) fn rule(self, rule: &Rule) -> String {
        if self == Lang::En {
            return rule.to_string();
        }
        match rule {
            Rule::Required => "est obligatoire".into(),
            Rule::TooLong { max } => format!("dépasse {max} caractères"),
            Rule::ForbiddenChar { ch } => {
                format!("contient un caractère de contrôle ou invisible (U+{:04X}); retirez-le", *ch as u32)
            }
            Rule::Email => "doit ressembler à nom@exemple.ca : un @, un point dans le domaine, sans espace".into(),
            Rule::Website => "doit commencer par http:// ou https://".into(),
            Rule::BusinessNumber => "doit compter 9 chiffres, p. ex. 123456782".into(),
            Rule::Neq => "doit compter 10 chiffres commençant par 11, 22, 33 ou 88".into(),
            Rule::Gst => "doit être 9 chiffres, RT, 4 chiffres, p. ex. 123456782RT0001".into(),
            Rule::Qst => "doit être 10 chiffres, TQ, 4 chiffres, p. ex. 1234567890TQ0001".into(),
            Rule::Sin => "doit compter 9 chiffres".into(),
            Rule::SinFirstDigit => "ne peut pas commencer par 0 ou 8".into(),
            Rule::SinOnlyIndividuals => "n'est conservé que pour les particuliers".into(),
            Rule::Checksum => "a un chiffre de contrôle erroné; vérifiez la saisie".into(),
            Rule::Duplicate { other } => format!("est déjà utilisé par {other}"),
            Rule::UnknownMember => "n'est pas membre de l'équipe".into(),
            Rule::InactiveMember => "est un membre inactif de l'équipe".into(),
            Rule::Date => "doit être une date comme 2026-04-30".into(),
            Rule::MonthDay => "doit être un mois et un jour comme 12-31".into(),
            Rule::Year => "doit être une année entre 1900 et 2200".into(),
            Rule::Percent => "doit être un pourcentage entier de 0 à 100".into(),
            Rule::Amount => "doit être un montant comme 85,00, zéro ou plus".into(),
            Rule::Choice { allowed } => format!("doit être l'un de : {allowed}"),
            Rule::Bool => "doit être oui ou non".into(),
            Rule::UnknownField { known } => format!("n'est pas un champ; les champs sont : {known}"),
            Rule::Login => "doit être un identifiant Unix : lettres, chiffres, « . », « _ » ou « - »".into(),
            Rule::LastAdmin => {
                "ne peut pas changer : c'est le dernier administrateur; nommez d'abord quelqu'un d'autre".into()
            }
            Rule::LeadsClients { count } => {
                format!("ne peut pas changer : ce membre est encore responsable de {count} clients; réassignez-les d'abord")
            }
            Rule::Phone => "doit être un numéro de téléphone de 10 à 15 chiffres, p. ex. 514-555-0199, avec un poste facultatif comme poste 12".into(),
            Rule::PostalCode => "doit être un code postal canadien comme H3G 1K4 (lettre, chiffre, lettre, chiffre, lettre, chiffre)".into(),
            Rule::ZipCode => "doit être un code ZIP américain comme 12345 ou 12345-6789".into(),
            Rule::Province { allowed } => format!("doit être une province ou un territoire du Canada : {allowed}"),
            Rule::DuplicateReturn { year, form } => format!(
                "répète la déclaration {form} {year} : un client a une déclaration par année et par formulaire"
            ),
            Rule::FiledNeedsDate => "est obligatoire une fois la déclaration produite ou acceptée".into(),
            Rule::SinMasked => "est masqué, comme les exportations le montrent : laissez la colonne vide, ou exportez de nouveau avec --include-sin (administrateurs)".into(),
            Rule::NotYetFiled => "doit rester vide tant que la déclaration n'est pas produite ou acceptée; effacez-la ou changez le statut".into(),
            Rule::AmountMax { max_cents } => format!("doit être d'au plus {}", super::format::money(self, *max_cents)),
        }
    }

    /// A field's name for people. Item fields such as `product 2 price`
    /// keep their number.
    pub(crate) fn field(self, key: &str) -> String {
        if self == Lang::En {
            return key.to_owned();
        }
        key.split(' ')
            .map(|w| {
                match w {
                    "name" => "nom",
                    "number" => "numéro",
                    "kind" => "type",
                    "company" => "entreprise",
                    "first_name" => "prénom",
                    "last_name" => "nom de famille",
                    "email" => "courriel",
                    "phone" => "téléphone",
                    "mobile" => "cellulaire",
                    "website" => "site web",
                    "street" => "rue",
                    "city" => "ville",
                    "province" => "province",
                    "postal_code" => "code postal",
                    "country" => "pays",
                    "business_number" => "numéro d'entreprise",
                    "neq" => "NEQ",
                    "gst" => "TPS/TVH",
                    "qst" => "TVQ",
                    "sin" => "NAS",
                    "fiscal_year_end" => "fin d'exercice",
                    "self_employed" => "travailleur autonome",
                    "notes" => "notes",
                    "lead" => "responsable",
                    "team_access" => "accès de l'équipe",
                    "status" => "statut",
                    "product" => "produit",
                    "document" => "document",
                    "return" => "déclaration",
                    "price" => "prix",
                    "discount" => "remise",
                    "title" => "titre",
                    "note" => "note",
                    "year" => "année",
                    "form" => "formulaire",
                    "filed" => "produite le",
                    "login" => "identifiant",
                    "role" => "rôle",
                    "active" => "actif",
                    "client" => "client",
                    other => other,
                }
                .to_owned()
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// One field error as a line: `email: must look like …`.
    pub(crate) fn field_error(self, e: &FieldError) -> String {
        let sep = if self == Lang::Fr { " : " } else { ": " };
        format!("{}{sep}{}", self.field(&e.field), self.rule(&e.rule))
    }

    /// What only an admin may do, in French. The firm names these actions
    /// in fixed English words, which serve as their codes; `None` for one
    /// this version does not know.
    pub(crate) fn admin_action(self, action: &str) -> Option<&'static str> {
        if self == Lang::En {
            return None;
        }
        Some(match action {
            "assign another member as lead accountant" => {
                "confier un client à un autre membre comme responsable"
            }
            "bill a subscription to the firm" => "facturer un abonnement au cabinet",
            "change a client's lead accountant" => "changer le responsable d'un client",
            "change wholesale billing" => "changer la facturation de gros",
            "assign lead accountants" => "assigner les responsables",
            "manage the team" => "gérer l'équipe",
            "back up the firm" => "sauvegarder le cabinet",
            "restore the firm from a backup" => "restaurer le cabinet à partir d'une sauvegarde",
            "fill the firm with demo data" => "remplir le cabinet de données de démonstration",
            "export SINs" => "exporter les NAS",
            "reveal a SIN" => "afficher un NAS",
            _ => return None,
        })
    }

    /// An API error as a sentence.
    pub fn api_error(self, e: &ApiError) -> String {
        if self == Lang::En {
            return match e {
                ApiError::Invalid(errors) => errors
                    .iter()
                    .map(|e| self.field_error(e))
                    .collect::<Vec<_>>()
                    .join("; "),
                other => other.to_string(),
            };
        }
        match e {
            ApiError::NotFound(what) => format!("aucun client ne correspond à « {what} »"),
            ApiError::Conflict { expected, current } => format!(
                "{} a été modifié par quelqu'un d'autre (vous avez modifié la version {expected}, elle est maintenant à la version {}); rien n'a été enregistré",
                current.display_name, current.version
            ),
            ApiError::Invalid(errors) => errors
                .iter()
                .map(|e| self.field_error(e))
                .collect::<Vec<_>>()
                .join("; "),
            ApiError::Forbidden { action } => match self.admin_action(action) {
                Some(action) => format!("seul un administrateur du cabinet peut {action}"),
                None => format!("seul un administrateur du cabinet peut faire ceci ({action})"),
            },
            ApiError::NotMember { login, admins } => format!(
                "{login} ne fait pas partie de l'équipe de ce cabinet; demandez à un administrateur de vous ajouter ({})",
                admins.join(", ")
            ),
            ApiError::Storage(m) => {
                format!("les données du cabinet n'ont pu être lues ou écrites : {m}")
            }
            ApiError::Unavailable(m) => format!("le serveur du cabinet est indisponible : {m}"),
            ApiError::Protocol(m) => format!("erreur de protocole : {m}"),
            ApiError::Refused(m) => format!("refusé : {m}"),
            ApiError::Declined(r) => self.refusal(r),
            ApiError::Rejected(r) => match r {
                Rejection::TooLarge { len, max } => format!(
                    "la requête fait {len} octets, au-delà de la limite de {max} octets du serveur du cabinet; rien n'a été fait"
                ),
                Rejection::Undecodable { reason } => format!(
                    "le serveur du cabinet n'a pas pu lire la requête ({reason}); rien n'a été fait"
                ),
                Rejection::TooSlow { secs } => format!(
                    "la requête n'est pas arrivée en entier en {secs} secondes; rien n'a été fait"
                ),
            },
            ApiError::Busy(b) => match b {
                Busy::ForLogin { login, max } => format!(
                    "{login} a déjà {max} connexions au serveur du cabinet, sa limite; fermez quelques fenêtres ou commandes cabinet et réessayez"
                ),
                Busy::Total { max } => format!(
                    "le serveur du cabinet a déjà {max} connexions, sa limite; réessayez dans un moment ou adressez-vous à votre administrateur"
                ),
            },
            ApiError::Internal { call } => format!(
                "le serveur du cabinet a échoué en traitant {call} (une erreur interne, notée dans son journal); le serveur continue, réessayez donc, et prévenez votre administrateur si cela se reproduit"
            ),
            ApiError::TimedOut { call, secs } => format!(
                "le serveur du cabinet n'a pas répondu à {call} en {secs} secondes; rien n'est revenu, la connexion a donc été coupée"
            ),
            ApiError::OutcomeUnknown { call, reason } => format!(
                "la connexion au serveur du cabinet a été coupée après l'envoi de {call} ({reason}); la modification a peut-être été enregistrée, ou peut-être pas : vérifiez avant de la refaire"
            ),
            ApiError::NotWritten(n) => match n {
                NotWritten::DiskFull { dir } => format!(
                    "le disque qui contient {} est plein; rien n'a été écrit. Libérez de l'espace sur ce disque et réessayez",
                    dir.display()
                ),
                NotWritten::ReadOnly { dir } => format!(
                    "le disque qui contient {} est en lecture seule; rien n'a été écrit. Demandez à votre administrateur de le rendre accessible en écriture",
                    dir.display()
                ),
                NotWritten::Failed { dir, reason } => format!(
                    "le fichier du cabinet dans {} n'a pas pu être écrit ({reason}); rien n'a été écrit. Réessayez une fois la cause corrigée",
                    dir.display()
                ),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every action the firm refuses to non-admins, read from the code
    /// that refuses them, has French words.
    #[test]
    fn every_admin_action_is_worded_in_french() {
        let sources = [
            include_str!("../api/local.rs"),
            include_str!("../api/local/maintenance.rs"),
            include_str!("../demo/mod.rs"),
        ];
        let mut found = 0;
        for src in sources {
            for opener in ["require_admin(\"", "forbidden(\"", "action: \""] {
                for piece in src.split(opener).skip(1) {
                    let action = piece.split('"').next().unwrap_or("");
                    found += 1;
                    assert!(
                        Lang::Fr.admin_action(action).is_some(),
                        "no French for {action:?}"
                    );
                }
            }
        }
        assert!(found >= 9, "found only {found} actions");
        let e = ApiError::Forbidden {
            action: "manage the team".into(),
        };
        assert_eq!(
            Lang::Fr.api_error(&e),
            "seul un administrateur du cabinet peut gérer l'équipe"
        );
    }

    #[test]
    fn rules_in_french() {
        let e = FieldError::new("email", Rule::Email);
        assert!(
            Lang::Fr
                .field_error(&e)
                .starts_with("courriel : doit ressembler")
        );
        assert_eq!(Lang::En.field_error(&e), format!("email: {}", Rule::Email));
        assert_eq!(Lang::Fr.field("product 2 price"), "produit 2 prix");
        assert_eq!(Lang::En.field("postal_code"), "postal_code");
    }
}
