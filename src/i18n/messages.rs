//! The message table. Each entry has an English and a French text; an
//! entry without both does not compile. `{name}` marks a value filled in
//! by [`super::Lang::f`]; both texts of an entry use the same names (a
//! test checks).

use super::Lang;

macro_rules! messages {
    ($( $(#[$doc:meta])* $name:ident { en: $en:literal, fr: $fr:literal $(,)? } )*) => {
        /// A message cabinet shows, in any language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $( $(#[$doc])* $name, )*
        }

        impl Msg {
            /// Every message, for completeness checks.
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];

            /// The message's text in a language.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (Msg::$name, Lang::En) => $en, (Msg::$name, Lang::Fr) => $fr, )*
                }
            }
        }
    };
}

messages! {
    // Command-line outcomes.
    Added { en: "Added {name} (#{id}).", fr: "{name} ajouté (nº {id})." }
    Saved { en: "Saved {name} (version {version}):", fr: "{name} enregistré (version {version}) :" }
    NothingToChange { en: "{name}: nothing to change.", fr: "{name} : rien à changer." }
    NowInactive {
        en: "{name} is now inactive. Their data is kept; their subscriptions and wholesale billing are not cancelled.",
        fr: "{name} est maintenant inactif. Ses données sont conservées; ses abonnements et la facturation de gros ne sont pas annulés.",
    }
    ActiveAgain { en: "{name} is active again.", fr: "{name} est de nouveau actif." }
    AlreadyActive { en: "{name} is already active.", fr: "{name} est déjà actif." }
    AlreadyInactive { en: "{name} is already inactive.", fr: "{name} est déjà inactif." }
    NothingSaved { en: "nothing was saved:", fr: "rien n'a été enregistré :" }
    ClientOne { en: "client", fr: "client" }
    ClientMany { en: "clients", fr: "clients" }
    InactiveHiddenHint {
        en: "({n} {inactive_hidden}; --include-inactive shows them)",
        fr: "({n} {inactive_hidden}; --include-inactive les affiche)",
    }
    InactiveHiddenOne { en: "inactive hidden", fr: "inactif masqué" }
    InactiveHiddenMany { en: "inactive hidden", fr: "inactifs masqués" }
    ClosestNames { en: "No exact match — closest names:", fr: "Aucune correspondance exacte — noms les plus proches :" }
    HiddenInactiveMatch {
        en: "{n} inactive {clients} {match} (`cabinet reactivate` brings one back):",
        fr: "{n} {clients} inactif(s) {match} (`cabinet reactivate` en réactive un) :",
    }
    HiddenKindMatch {
        en: "{n} {clients} hidden by the type filter {match} (drop --type to see them):",
        fr: "{n} {clients} masqué(s) par le filtre de type {match} (retirez --type pour les voir) :",
    }
    HiddenLeadMatch {
        en: "{n} {clients} hidden by the lead filter {match} (drop --lead to see them):",
        fr: "{n} {clients} masqué(s) par le filtre de responsable {match} (retirez --lead pour les voir) :",
    }
    MatchesOne { en: "matches", fr: "correspond" }
    MatchesMany { en: "match", fr: "correspondent" }
    InactiveMark { en: "(inactive)", fr: "(inactif)" }
    Overdue { en: "OVERDUE", fr: "EN RETARD" }
    Due { en: "due", fr: "échéance" }
    Yes { en: "yes", fr: "oui" }
    No { en: "no", fr: "non" }
    Total { en: "Total", fr: "Total" }
    PerMonth { en: "/month", fr: "/mois" }
    InactiveStillBilled {
        en: "{n} inactive {clients} still billed to the firm: making a client inactive does not cancel wholesale billing; `cabinet billing --inactive-billed` lists them.",
        fr: "{n} {clients} inactif(s) encore facturé(s) au cabinet : rendre un client inactif n'annule pas la facturation de gros; `cabinet billing --inactive-billed` les liste.",
    }
    MemberAdded { en: "Added {name} ({login}) to the team as {role}.", fr: "{name} ({login}) ajouté à l'équipe comme {role}." }
    MemberSaved { en: "Saved {name} ({login}).", fr: "{name} ({login}) enregistré." }
    MemberDeactivated { en: "{name} ({login}) is deactivated.", fr: "{name} ({login}) est désactivé." }
    MemberReactivated { en: "{name} ({login}) is active again.", fr: "{name} ({login}) est de nouveau actif." }
    LeadsReassigned { en: "Gave {n} clients of {from} to {to}.", fr: "{n} clients de {from} confiés à {to}." }

    DemoFilled {
        en: "Filled the firm with {clients} demo clients and a team of {members}; you are {name}, an admin.",
        fr: "Cabinet rempli de {clients} clients de démonstration et d'une équipe de {members}; vous êtes {name}, administrateur.",
    }
    DemoCreating {
        en: "Creating the demo firm ({clients} made-up clients)…",
        fr: "Création du cabinet de démonstration ({clients} clients fictifs)…",
    }

    // Column headings shared by the CLI tables.
    ColNumber { en: "NUMBER", fr: "NUMÉRO" }
    ColClient { en: "CLIENT", fr: "CLIENT" }
    ColType { en: "TYPE", fr: "TYPE" }
    ColLead { en: "LEAD", fr: "RESPONSABLE" }
    ColProduct { en: "PRODUCT", fr: "PRODUIT" }
    ColReturn { en: "LATEST RETURN", fr: "DERNIÈRE DÉCLARATION" }
    ColDocs { en: "DOCS", fr: "DOCS" }
    ColWholesale { en: "WHOLESALE", fr: "GROS" }
    ColList { en: "LIST/MONTH", fr: "PRIX/MOIS" }
    ColDiscount { en: "DISCOUNT", fr: "REMISE" }
    ColNet { en: "NET/MONTH", fr: "NET/MOIS" }
    ColSubscriptions { en: "SUBSCRIPTIONS", fr: "ABONNEMENTS" }
    ColLogin { en: "LOGIN", fr: "IDENTIFIANT" }
    ColName { en: "NAME", fr: "NOM" }
    ColEmail { en: "EMAIL", fr: "COURRIEL" }
    ColRole { en: "ROLE", fr: "RÔLE" }
    ColActive { en: "ACTIVE", fr: "ACTIF" }

    // Words for values.
    Business { en: "business", fr: "entreprise" }
    Individual { en: "individual", fr: "particulier" }
    Admin { en: "admin", fr: "administrateur" }
    Staff { en: "staff", fr: "employé" }
    StatusNotStarted { en: "not started", fr: "non commencée" }
    StatusInProgress { en: "in progress", fr: "en cours" }
    StatusReadyForReview { en: "ready for review", fr: "prête pour révision" }
    StatusFiled { en: "filed", fr: "produite" }
    StatusAccepted { en: "accepted", fr: "acceptée" }
    DocRequested { en: "requested", fr: "demandé" }
    DocReceived { en: "received", fr: "reçu" }
    DocReviewed { en: "reviewed", fr: "révisé" }
    BilledFirm { en: "firm (wholesale)", fr: "cabinet (gros)" }
    BilledClient { en: "client", fr: "client" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn every_message_is_complete_in_both_languages() {
        for &m in Msg::ALL {
            let (en, fr) = (m.text(Lang::En), m.text(Lang::Fr));
            assert!(
                !en.trim().is_empty() && !fr.trim().is_empty(),
                "{m:?} is empty"
            );
            assert_eq!(
                placeholders(en),
                placeholders(fr),
                "{m:?} has different placeholders"
            );
            for s in [en, fr] {
                assert!(
                    !s.chars().any(|c| ('\u{2066}'..='\u{2069}').contains(&c)),
                    "{m:?} holds an isolation mark"
                );
            }
        }
    }
}
