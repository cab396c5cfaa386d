//! Which client field a column holds, from its header.
//!
//! Headers are compared folded (no case, no accents) and with everything
//! but letters and digits removed, so `Téléphone`, `TELEPHONE` and
//! `Tele-phone` are one header. The table holds QuickBooks Online's
//! customer columns, their French forms, and cabinet's own.

use crate::model::Field;
use crate::model::text::fold;

/// Where a column's values go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    /// A field of the client, set through [`Field::set`].
    Field(Field),
    /// QuickBooks' "Tax ID" or "Resale Number": a business number, GST,
    /// QST or NEQ, recognised by its form.
    TaxId,
    /// A fax number, which cabinet keeps as a line of the notes.
    Fax,
    /// The day the client became inactive.
    InactiveSince,
}

impl Target {
    /// The name shown in reports: the field key, or a description.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Target::Field(f) => f.key(),
            Target::TaxId => "tax id",
            Target::Fax => "fax (kept in notes)",
            Target::InactiveSince => "inactive_since",
        }
    }
}

/// Headers, folded and stripped, and what they hold. QuickBooks' own
/// "Customer Type" is a category the firm defines, not business or
/// individual, so it is deliberately not read.
const ALIASES: &[(&str, Target)] = {
    use Field::*;
    use Target::Field as F;
    &[
        // The display name.
        ("name", F(Name)),
        ("customer", F(Name)),
        ("customername", F(Name)),
        ("displayname", F(Name)),
        ("displaynameas", F(Name)),
        ("customerdisplayname", F(Name)),
        ("client", F(Name)),
        ("clientname", F(Name)),
        ("nom", F(Name)),
        ("nomduclient", F(Name)),
        ("nomdaffichage", F(Name)),
        // Identity.
        ("company", F(Company)),
        ("companyname", F(Company)),
        ("entreprise", F(Company)),
        ("nomdelentreprise", F(Company)),
        ("societe", F(Company)),
        ("compagnie", F(Company)),
        ("firstname", F(FirstName)),
        ("givenname", F(FirstName)),
        ("prenom", F(FirstName)),
        ("lastname", F(LastName)),
        ("familyname", F(LastName)),
        ("surname", F(LastName)),
        ("nomdefamille", F(LastName)),
        // Contact.
        ("email", F(Email)),
        ("emailaddress", F(Email)),
        ("mail", F(Email)),
        ("courriel", F(Email)),
        ("adressecourriel", F(Email)),
        ("adresseelectronique", F(Email)),
        ("phone", F(Phone)),
        ("phonenumber", F(Phone)),
        ("mainphone", F(Phone)),
        ("workphone", F(Phone)),
        ("telephone", F(Phone)),
        ("tel", F(Phone)),
        ("numerodetelephone", F(Phone)),
        ("mobile", F(Mobile)),
        ("mobilephone", F(Mobile)),
        ("cell", F(Mobile)),
        ("cellphone", F(Mobile)),
        ("cellulaire", F(Mobile)),
        ("telephonecellulaire", F(Mobile)),
        ("portable", F(Mobile)),
        ("fax", Target::Fax),
        ("faxnumber", Target::Fax),
        ("telecopieur", Target::Fax),
        ("telecopie", Target::Fax),
        ("website", F(Website)),
        ("web", F(Website)),
        ("webaddress", F(Website)),
        ("url", F(Website)),
        ("siteweb", F(Website)),
        ("siteinternet", F(Website)),
        // Billing address.
        ("street", F(Street)),
        ("streetaddress", F(Street)),
        ("address", F(Street)),
        ("billingstreet", F(Street)),
        ("billingaddress", F(Street)),
        ("rue", F(Street)),
        ("adresse", F(Street)),
        ("adressedefacturation", F(Street)),
        ("city", F(City)),
        ("billingcity", F(City)),
        ("town", F(City)),
        ("ville", F(City)),
        ("municipalite", F(City)),
        ("state", F(Province)),
        ("province", F(Province)),
        ("stateprovince", F(Province)),
        ("provincestate", F(Province)),
        ("billingstate", F(Province)),
        ("billingprovince", F(Province)),
        ("region", F(Province)),
        ("zip", F(PostalCode)),
        ("zipcode", F(PostalCode)),
        ("postalcode", F(PostalCode)),
        ("postcode", F(PostalCode)),
        ("zippostalcode", F(PostalCode)),
        ("postalcodezip", F(PostalCode)),
        ("billingzip", F(PostalCode)),
        ("billingpostalcode", F(PostalCode)),
        ("codepostal", F(PostalCode)),
        ("country", F(Country)),
        ("billingcountry", F(Country)),
        ("pays", F(Country)),
        // Tax identifiers.
        ("taxid", Target::TaxId),
        ("resalenumber", Target::TaxId),
        ("taxregistrationnumber", Target::TaxId),
        ("businessidno", Target::TaxId),
        ("businessnumber", F(BusinessNumber)),
        ("bn", F(BusinessNumber)),
        ("numerodentreprise", F(BusinessNumber)),
        ("neq", F(Neq)),
        ("numerodentrepriseduquebec", F(Neq)),
        ("gst", F(Gst)),
        ("hst", F(Gst)),
        ("gsthst", F(Gst)),
        ("gstnumber", F(Gst)),
        ("tps", F(Gst)),
        ("tpstvh", F(Gst)),
        ("numerodetps", F(Gst)),
        ("qst", F(Qst)),
        ("qstnumber", F(Qst)),
        ("tvq", F(Qst)),
        ("numerodetvq", F(Qst)),
        ("sin", F(Sin)),
        ("socialinsurancenumber", F(Sin)),
        ("nas", F(Sin)),
        ("numerodassurancesociale", F(Sin)),
        // cabinet's own.
        ("number", F(Number)),
        ("clientnumber", F(Number)),
        ("customernumber", F(Number)),
        ("accountnumber", F(Number)),
        ("accountno", F(Number)),
        ("clientno", F(Number)),
        ("no", F(Number)),
        ("numero", F(Number)),
        ("numeroclient", F(Number)),
        ("numerodeclient", F(Number)),
        ("noclient", F(Number)),
        ("type", F(Kind)),
        ("kind", F(Kind)),
        ("clienttype", F(Kind)),
        ("typedeclient", F(Kind)),
        ("lead", F(Lead)),
        ("leadaccountant", F(Lead)),
        ("accountant", F(Lead)),
        ("comptable", F(Lead)),
        ("comptableresponsable", F(Lead)),
        ("responsable", F(Lead)),
        ("fiscalyearend", F(FiscalYearEnd)),
        ("yearend", F(FiscalYearEnd)),
        ("fye", F(FiscalYearEnd)),
        ("findexercice", F(FiscalYearEnd)),
        ("selfemployed", F(SelfEmployed)),
        ("travailleurautonome", F(SelfEmployed)),
        ("notes", F(Notes)),
        ("note", F(Notes)),
        ("memo", F(Notes)),
        ("comments", F(Notes)),
        ("remarques", F(Notes)),
        ("commentaires", F(Notes)),
        ("inactivesince", Target::InactiveSince),
        ("inactifdepuis", Target::InactiveSince),
    ]
};

/// The header reduced to the form the table holds.
fn key(header: &str) -> String {
    fold(header)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// What one header holds, if cabinet knows it.
pub(crate) fn target(header: &str) -> Option<Target> {
    let k = key(header);
    ALIASES.iter().find(|(a, _)| *a == k).map(|(_, t)| *t)
}

/// How a file's columns were understood.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    /// Each column's header as written, and where its values go. `None`
    /// for a column that is not read.
    pub(crate) columns: Vec<(String, Option<Target>)>,
}

impl Columns {
    /// Matches every header. When two columns hold the same field, the
    /// first is read and the others are not. A French `Nom` beside a
    /// `Prénom` (and no last-name column) is the last name, not the
    /// display name, which is then made from the two.
    pub(crate) fn match_headers(headers: &[String]) -> Self {
        let mut columns: Vec<(String, Option<Target>)> = Vec::new();
        for h in headers {
            let t = target(h).filter(|t| !columns.iter().any(|(_, o)| *o == Some(*t)));
            columns.push((h.trim().to_owned(), t));
        }
        let has = |cols: &[(String, Option<Target>)], f: Field| {
            cols.iter().any(|(_, t)| *t == Some(Target::Field(f)))
        };
        if has(&columns, Field::FirstName) && !has(&columns, Field::LastName) {
            let named_nom: Vec<usize> = columns
                .iter()
                .enumerate()
                .filter(|(_, (h, t))| *t == Some(Target::Field(Field::Name)) && key(h) == "nom")
                .map(|(i, _)| i)
                .collect();
            if let [i] = named_nom[..] {
                columns[i].1 = Some(Target::Field(Field::LastName));
            }
        }
        Columns { columns }
    }

    /// True when some column gives the client's name, directly or through
    /// its company or contact's name.
    pub(crate) fn can_name(&self) -> bool {
        self.columns.iter().any(|(_, t)| {
            matches!(
                t,
                Some(Target::Field(
                    Field::Name | Field::Company | Field::FirstName | Field::LastName
                ))
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(headers: &[&str]) -> Vec<Option<&'static str>> {
        let h: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        Columns::match_headers(&h)
            .columns
            .into_iter()
            .map(|(_, t)| t.map(Target::label))
            .collect()
    }

    #[test]
    fn quickbooks_and_french_headers() {
        assert_eq!(
            fields(&["Display Name", "E-mail", "ZIP", "State", "Resale Number"]),
            [
                Some("name"),
                Some("email"),
                Some("postal_code"),
                Some("province"),
                Some("tax id")
            ]
        );
        assert_eq!(
            fields(&[
                "NOM",
                "Téléphone",
                "Cellulaire",
                "Site Web",
                "Code postal",
                "Pays"
            ]),
            [
                Some("name"),
                Some("phone"),
                Some("mobile"),
                Some("website"),
                Some("postal_code"),
                Some("country")
            ]
        );
        assert_eq!(
            fields(&[
                "Numéro de client",
                "Type de client",
                "Comptable responsable"
            ]),
            [Some("number"), Some("kind"), Some("lead")]
        );
    }

    #[test]
    fn unknown_and_repeated_columns_are_not_read() {
        assert_eq!(
            fields(&["Customer", "Open Balance", "Name", "Customer Type"]),
            [Some("name"), None, None, None]
        );
    }

    #[test]
    fn nom_beside_prenom_is_the_last_name() {
        assert_eq!(
            fields(&["Prénom", "Nom", "Courriel"]),
            [Some("first_name"), Some("last_name"), Some("email")]
        );
        assert_eq!(
            fields(&["Nom", "Prénom", "Nom de famille"]),
            [Some("name"), Some("first_name"), Some("last_name")]
        );
    }
}
