//! Validation rules, field names and API errors, worded in each language.
//! The server sends these as codes; the client words them.

use super::Lang;
use crate::api::{ApiError, Busy, NotWritten, Rejection};
use crate::model::{Field, FieldError, Rule};

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
    /// keep their number. English shows the keys the command line takes.
    pub(crate) fn field(self, key: &str) -> String {
        if self == Lang::En {
            return key.to_owned();
        }
        key.split(' ')
            .map(|w| match Field::ALL.into_iter().find(|f| f.key() == w) {
                Some(f) => self.field_name(f),
                None => match w {
                    // The words of items, members and the team's access,
                    // which are no client field.
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
                    // An item's number, or a code this version does not
                    // know, shown as it is.
                    other => other,
                },
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A client field's name: its key in English, words in French. Every
    /// field is named here, so a new one does not compile without both.
    pub fn field_name(self, f: Field) -> &'static str {
        match (self, f) {
            (Lang::En, f) => f.key(),
            (Lang::Fr, Field::Name) => "nom",
            (Lang::Fr, Field::Number) => "numéro",
            (Lang::Fr, Field::Kind) => "type",
            (Lang::Fr, Field::Company) => "entreprise",
            (Lang::Fr, Field::FirstName) => "prénom",
            (Lang::Fr, Field::LastName) => "nom de famille",
            (Lang::Fr, Field::Email) => "courriel",
            (Lang::Fr, Field::Phone) => "téléphone",
            (Lang::Fr, Field::Mobile) => "cellulaire",
            (Lang::Fr, Field::Website) => "site web",
            (Lang::Fr, Field::Street) => "rue",
            (Lang::Fr, Field::City) => "ville",
            (Lang::Fr, Field::Province) => "province",
            (Lang::Fr, Field::PostalCode) => "code postal",
            (Lang::Fr, Field::Country) => "pays",
            (Lang::Fr, Field::BusinessNumber) => "numéro d'entreprise",
            (Lang::Fr, Field::Neq) => "NEQ",
            (Lang::Fr, Field::Gst) => "TPS/TVH",
            (Lang::Fr, Field::Qst) => "TVQ",
            (Lang::Fr, Field::Sin) => "NAS",
            (Lang::Fr, Field::FiscalYearEnd) => "fin d'exercice",
            (Lang::Fr, Field::SelfEmployed) => "travailleur autonome",
            (Lang::Fr, Field::Notes) => "notes",
            (Lang::Fr, Field::Lead) => "responsable",
        }
    }

    /// One field error as a line: `email: must look like …`.
    pub(crate) fn field_error(self, e: &FieldError) -> String {
        let sep = if self == Lang::Fr { " : " } else { ": " };
        format!("{}{sep}{}", self.field(&e.field), self.rule(&e.rule))
    }

    /// An API error as a sentence. Every arm words its case in both
    /// languages.
    pub fn api_error(self, e: &ApiError) -> String {
        match e {
            ApiError::NotFound(what) => say!(self,
                en: format!("no client matches {what:?}"),
                fr: format!("aucun client ne correspond à « {what} »")),
            ApiError::NoMember { id } => say!(self,
                en: format!("no team member has the id {id}"),
                fr: format!("aucun membre de l'équipe n'a l'identifiant {id}")),
            ApiError::Conflict { expected, current } => say!(self,
            en: format!(
                "{} was changed by someone else (you edited version {expected}, it is now at version {}); nothing was saved",
                current.display_name, current.version
            ),
            fr: format!(
                "{} a été modifié par quelqu'un d'autre (vous avez modifié la version {expected}, elle est maintenant à la version {}); rien n'a été enregistré",
                current.display_name, current.version
            )),
            ApiError::Invalid(errors) => errors
                .iter()
                .map(|e| self.field_error(e))
                .collect::<Vec<_>>()
                .join("; "),
            ApiError::Forbidden { action } => say!(self,
                en: format!("only a firm admin may {}", self.admin_action(*action)),
                fr: format!("seul un administrateur du cabinet peut {}", self.admin_action(*action))),
            ApiError::NotMember { login, admins } => say!(self,
            en: format!(
                "{login} is not on this firm's team; ask an admin to add you ({})",
                admins.join(", ")
            ),
            fr: format!(
                "{login} ne fait pas partie de l'équipe de ce cabinet; demandez à un administrateur de vous ajouter ({})",
                admins.join(", ")
            )),
            ApiError::Storage(s) => self.storage_fault(s),
            ApiError::Unavailable(u) => self.unreachable(u),
            ApiError::Protocol(p) => self.protocol_fault(p),
            ApiError::Declined(r) => self.refusal(r),
            ApiError::Rejected(r) => match r {
                Rejection::TooLarge { len, max } => say!(self,
                    en: format!("the request is {len} bytes, over the firm server's limit of {max} bytes; nothing was done"),
                    fr: format!("la requête fait {len} octets, au-delà de la limite de {max} octets du serveur du cabinet; rien n'a été fait")),
                Rejection::Undecodable { detail } => say!(self,
                    en: format!("the firm server could not read the request ({detail}); nothing was done"),
                    fr: format!("le serveur du cabinet n'a pas pu lire la requête ({detail}); rien n'a été fait")),
                Rejection::TooSlow { secs } => say!(self,
                    en: format!("the request did not arrive whole within {secs} seconds; nothing was done"),
                    fr: format!("la requête n'est pas arrivée en entier en {secs} secondes; rien n'a été fait")),
            },
            ApiError::Busy(b) => match b {
                Busy::ForLogin { login, max } => say!(self,
                    en: format!("{login} already has {max} connections to the firm server, its limit; close some cabinet windows or commands and try again"),
                    fr: format!("{login} a déjà {max} connexions au serveur du cabinet, sa limite; fermez quelques fenêtres ou commandes cabinet et réessayez")),
                Busy::Total { max } => say!(self,
                    en: format!("the firm server already has {max} connections, its limit; try again shortly, or ask your administrator"),
                    fr: format!("le serveur du cabinet a déjà {max} connexions, sa limite; réessayez dans un moment ou adressez-vous à votre administrateur")),
            },
            ApiError::Internal { call } => say!(self,
                en: format!("the firm server failed while handling {call} (an internal error, recorded in its log); the server carries on, so try again, and tell your administrator if it happens again"),
                fr: format!("le serveur du cabinet a échoué en traitant {call} (une erreur interne, notée dans son journal); le serveur continue, réessayez donc, et prévenez votre administrateur si cela se reproduit")),
            ApiError::AppFault => say!(self,
                en: "an internal error in this cabinet stopped the request; its log has the details".to_owned(),
                fr: "une erreur interne de ce cabinet a arrêté la demande; son journal donne les détails".to_owned()),
            ApiError::TimedOut { call, secs } => say!(self,
                en: format!("the firm server did not answer {call} within {secs} seconds; nothing came back, so the connection was dropped"),
                fr: format!("le serveur du cabinet n'a pas répondu à {call} en {secs} secondes; rien n'est revenu, la connexion a donc été coupée")),
            ApiError::OutcomeUnknown { call, reason } => say!(self,
                en: format!("the connection to the firm server broke after {call} was sent ({}); it may or may not have been saved, so look before doing it again", self.unreachable(reason)),
                fr: format!("la connexion au serveur du cabinet a été coupée après l'envoi de {call} ({}); la modification a peut-être été enregistrée, ou peut-être pas : vérifiez avant de la refaire", self.unreachable(reason))),
            ApiError::NotWritten(n) => match n {
                NotWritten::DiskFull { dir } => say!(self,
                    en: format!("the disk holding {} is full; nothing was written. Free some space there and try again", dir.display()),
                    fr: format!("le disque qui contient {} est plein; rien n'a été écrit. Libérez de l'espace sur ce disque et réessayez", dir.display())),
                NotWritten::ReadOnly { dir } => say!(self,
                    en: format!("the disk holding {} is read-only; nothing was written. Ask your administrator to make it writable", dir.display()),
                    fr: format!("le disque qui contient {} est en lecture seule; rien n'a été écrit. Demandez à votre administrateur de le rendre accessible en écriture", dir.display())),
                NotWritten::Failed { dir, fault } => say!(self,
                    en: format!("the firm's file in {} could not be written ({}); nothing was written. Try again once the cause is fixed", dir.display(), self.file_fault(fault)),
                    fr: format!("le fichier du cabinet dans {} n'a pas pu être écrit ({}); rien n'a été écrit. Réessayez une fois la cause corrigée", dir.display(), self.file_fault(fault))),
            },
        }
    }
}

/// The English wording, for logs and for `to_string`.
impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.api_error(self))
    }
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        ApiError::Rejected(self.clone()).fmt(f)
    }
}

impl std::fmt::Display for Busy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        ApiError::Busy(self.clone()).fmt(f)
    }
}

impl std::fmt::Display for NotWritten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        ApiError::NotWritten(self.clone()).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every API error, one of each kind, is worded in both languages,
    /// differently, and its `Display` is the English.
    #[test]
    fn every_api_error_in_both_languages() {
        use crate::api::{
            AdminAction, FileFault, ProtocolFault, Refusal, StorageFault, Unreachable,
        };
        let samples = [
            ApiError::NotFound("Tremblay".into()),
            ApiError::NoMember { id: 9 },
            ApiError::Conflict {
                expected: 1,
                current: Box::new(crate::model::Client::new("Alpha")),
            },
            ApiError::invalid("email", Rule::Email),
            ApiError::Forbidden {
                action: AdminAction::BackUp,
            },
            ApiError::NotMember {
                login: "luc".into(),
                admins: vec!["marie".into()],
            },
            ApiError::Declined(Refusal::NoBulkOpen),
            ApiError::Storage(StorageFault {
                path: None,
                fault: FileFault::InUse,
            }),
            ApiError::Unavailable(Unreachable::Gone),
            ApiError::Protocol(ProtocolFault::NoBackupUnderWay),
            ApiError::Rejected(Rejection::TooSlow { secs: 15 }),
            ApiError::Busy(Busy::Total { max: 512 }),
            ApiError::Internal {
                call: "find".into(),
            },
            ApiError::AppFault,
            ApiError::TimedOut {
                call: "get".into(),
                secs: 8,
            },
            ApiError::OutcomeUnknown {
                call: "update".into(),
                reason: Unreachable::Gone,
            },
            ApiError::NotWritten(NotWritten::DiskFull { dir: "/srv".into() }),
        ];
        let mut kinds = std::collections::HashSet::new();
        for e in &samples {
            // A new kind of error must join the samples.
            match e {
                ApiError::NotFound(_)
                | ApiError::NoMember { .. }
                | ApiError::Conflict { .. }
                | ApiError::Invalid(_)
                | ApiError::Forbidden { .. }
                | ApiError::NotMember { .. }
                | ApiError::Declined(_)
                | ApiError::Storage(_)
                | ApiError::Unavailable(_)
                | ApiError::Protocol(_)
                | ApiError::Rejected(_)
                | ApiError::Busy(_)
                | ApiError::Internal { .. }
                | ApiError::AppFault
                | ApiError::TimedOut { .. }
                | ApiError::OutcomeUnknown { .. }
                | ApiError::NotWritten(_) => {}
            }
            kinds.insert(std::mem::discriminant(e));
            let (en, fr) = (Lang::En.api_error(e), Lang::Fr.api_error(e));
            assert_ne!(en, fr, "{e:?}");
            assert_eq!(en, e.to_string());
        }
        assert_eq!(kinds.len(), samples.len());
        assert_eq!(kinds.len(), 17);
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
