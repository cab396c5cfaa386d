//! Backups, restores and checks in words: why a backup or restore was
//! declined, and what a check found. The firm sends both as codes with
//! their values; the storage layer's own account of a file (`reason`)
//! is shown as it is.

use super::Lang;
use crate::api::{IndexKind, Problem, Refusal};

impl Lang {
    /// A declined backup or restore as a sentence.
    pub(crate) fn refusal(self, r: &Refusal) -> String {
        if self == Lang::En {
            return r.to_string();
        }
        match r {
            Refusal::BackupExists { path } => format!(
                "{} existe déjà; les sauvegardes ne sont jamais écrasées, choisissez donc un autre nom de fichier",
                path.display()
            ),
            Refusal::FirmHasData { clients } => format!(
                "le cabinet compte {clients} {}, et une restauration les remplace tous; relancez la restauration avec --force pour les remplacer quand même (le fichier actuel est gardé à côté de celui restauré)",
                self.clients(*clients)
            ),
            Refusal::FirmUnreadable { reason } => format!(
                "le fichier actuel du cabinet ne peut pas être ouvert ({reason}); relancez la restauration avec --force pour le remplacer (il est gardé à côté de celui restauré)"
            ),
            Refusal::NotABackup { path, reason } => {
                format!(
                    "{} n'est pas une sauvegarde utilisable : {reason}",
                    path.display()
                )
            }
            Refusal::CannotWrite { path, reason } => {
                format!(
                    "impossible d'écrire la sauvegarde {} : {reason}",
                    path.display()
                )
            }
            Refusal::LocksYouOut { path, login } => format!(
                "{} n'a pas de membre actif {login} : après cette restauration, vous ne pourriez plus utiliser le cabinet; ajoutez {login} à l'équipe du cabinet sauvegardé, demandez à quelqu'un de son équipe de le restaurer, ou relancez la restauration avec --force",
                path.display()
            ),
            Refusal::BulkTooLarge { max } => format!(
                "une importation prend au plus {max} clients, et celle-ci en a plus; rien n'a été écrit, divisez donc le fichier et importez les parties"
            ),
            Refusal::NoBulkOpen => "cette importation n'est plus ouverte sur le serveur du cabinet (elle a été terminée ou abandonnée); rien de plus n'a été écrit, relancez-la donc".to_owned(),
        }
    }

    /// One inconsistency a check found, as a sentence.
    pub(crate) fn problem(self, p: &Problem) -> String {
        if self == Lang::En {
            return p.to_string();
        }
        let index = |i: &IndexKind| match i {
            IndexKind::Name => "l'index des noms",
            IndexKind::Number => "l'index des numéros",
        };
        match p {
            Problem::Undecodable { record, reason } => {
                format!("{record} ne peut pas être lu : {reason}")
            }
            Problem::NotIndexed {
                index: i,
                key,
                client,
            } => {
                format!("client nº {client} : « {key} » manque dans {}", index(i))
            }
            Problem::WrongIndex {
                index: i,
                key,
                client,
                points_to,
            } => format!(
                "client nº {client} : {} envoie « {key} » au client nº {points_to}",
                index(i)
            ),
            Problem::StaleIndex {
                index: i,
                key,
                points_to,
            } => format!(
                "{} envoie « {key} » au client nº {points_to}, qui ne l'a pas",
                index(i)
            ),
            Problem::NoHistory { client } => format!("le client nº {client} n'a pas d'historique"),
            Problem::HistoryMismatch {
                client,
                version,
                last_logged,
            } => format!(
                "le client nº {client} est à la version {version}, mais son historique s'arrête à la version {last_logged}"
            ),
            Problem::OrphanHistory { client, entries } => format!(
                "{entries} entrées d'historique appartiennent au client nº {client}, qui n'existe pas"
            ),
            Problem::UnknownMember { client, member } => format!(
                "le client nº {client} nomme le membre nº {member} de l'équipe, qui n'existe pas"
            ),
            Problem::IdCounterBehind { next, highest } => format!(
                "le prochain numéro interne de client ({next}) n'est pas au-dessus du plus élevé en usage ({highest})"
            ),
            Problem::StaleRow { client } => format!(
                "client nº {client} : la ligne de la liste ne correspond pas à la fiche (les listes et les recherches montreraient de vieilles données)"
            ),
            Problem::ItemIds { client } => format!(
                "client nº {client} : ses produits, documents et déclarations n'ont pas chacun leur propre identifiant"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_and_problems_in_french() {
        let r = Refusal::FirmHasData { clients: 251 };
        assert!(
            Lang::Fr
                .refusal(&r)
                .starts_with("le cabinet compte 251 clients")
        );
        assert_eq!(Lang::En.refusal(&r), r.to_string());
        let p = Problem::NoHistory { client: 7 };
        assert_eq!(Lang::Fr.problem(&p), "le client nº 7 n'a pas d'historique");
        assert_eq!(Lang::En.problem(&p), "client #7 has no history");
    }
}
