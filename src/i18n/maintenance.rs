//! Backups, restores and checks in words: why a backup or restore was
//! declined, and what a check found. The firm sends both as codes with
//! their values; redb's own account of a file (`detail`) is shown as it
//! is.

use super::Lang;
use crate::api::{BackupFault, IndexKind, Problem, Record, Refusal};
use crate::model::audit::TEAM_HISTORY;

impl Lang {
    /// A declined backup, restore or bulk write as a sentence.
    pub(crate) fn refusal(self, r: &Refusal) -> String {
        match r {
            Refusal::BackupExists { path } => say!(self,
                en: format!("{} already exists; backups are never overwritten, so choose a new file name", path.display()),
                fr: format!("{} existe déjà; les sauvegardes ne sont jamais écrasées, choisissez donc un autre nom de fichier", path.display())),
            Refusal::FirmHasData { clients } => say!(self,
                en: format!("the firm holds {clients} {}, and a restore replaces them all; run the restore with --force to replace them anyway (the current file is kept beside the restored one)", self.clients(*clients)),
                fr: format!("le cabinet compte {clients} {}, et une restauration les remplace tous; relancez la restauration avec --force pour les remplacer quand même (le fichier actuel est gardé à côté de celui restauré)", self.clients(*clients))),
            Refusal::FirmUnreadable { fault } => say!(self,
                en: format!("the current firm file cannot be opened ({}); run the restore with --force to replace it (it is kept beside the restored one)", self.file_fault(fault)),
                fr: format!("le fichier actuel du cabinet ne peut pas être ouvert ({}); relancez la restauration avec --force pour le remplacer (il est gardé à côté de celui restauré)", self.file_fault(fault))),
            Refusal::NotABackup { path, fault } => say!(self,
                en: format!("{} is not a usable backup: {}", path.display(), self.backup_fault(fault)),
                fr: format!("{} n'est pas une sauvegarde utilisable : {}", path.display(), self.backup_fault(fault))),
            Refusal::CannotWrite { path, fault } => say!(self,
                en: format!("cannot write the backup {}: {}", path.display(), self.backup_fault(fault)),
                fr: format!("impossible d'écrire la sauvegarde {} : {}", path.display(), self.backup_fault(fault))),
            Refusal::LocksYouOut { path, login } => say!(self,
                en: format!("{} has no active team member {login}: after this restore you could no longer use the firm; add {login} to the team of the backed-up firm, have someone on its team restore it, or run the restore with --force", path.display()),
                fr: format!("{} n'a pas de membre actif {login} : après cette restauration, vous ne pourriez plus utiliser le cabinet; ajoutez {login} à l'équipe du cabinet sauvegardé, demandez à quelqu'un de son équipe de le restaurer, ou relancez la restauration avec --force", path.display())),
            Refusal::BulkTooLarge { max } => say!(self,
                en: format!("one import takes at most {max} clients, and this one has more; nothing was written, so split the file and import the parts"),
                fr: format!("une importation prend au plus {max} clients, et celle-ci en a plus; rien n'a été écrit, divisez donc le fichier et importez les parties")),
            Refusal::NoBulkOpen => say!(self,
                en: "this import is no longer open on the firm server (it was finished or dropped); nothing more was written, so run it again".to_owned(),
                fr: "cette importation n'est plus ouverte sur le serveur du cabinet (elle a été terminée ou abandonnée); rien de plus n'a été écrit, relancez-la donc".to_owned()),
        }
    }

    /// Why a file is no usable backup, or cannot be written as one.
    pub fn backup_fault(self, f: &BackupFault) -> String {
        match f {
            BackupFault::File(f) => self.file_fault(f),
            BackupFault::NoFolder { dir } => say!(self,
                en: format!("the folder {} does not exist", dir.display()),
                fr: format!("le dossier {} n'existe pas", dir.display())),
            BackupFault::NotAFile => say!(self,
                en: "it is not a file".to_owned(),
                fr: "ce n'est pas un fichier".to_owned()),
            BackupFault::Empty => say!(self,
                en: "the file is empty".to_owned(),
                fr: "le fichier est vide".to_owned()),
            BackupFault::UnknownTable { table } => say!(self,
                en: format!("it holds a table ({table}) this version of cabinet does not know; back it up with the cabinet that wrote it"),
                fr: format!("il contient une table ({table}) que cette version de cabinet ne connaît pas; sauvegardez-le avec le cabinet qui l'a écrit")),
            BackupFault::FailsCheck { first, more: 0 } => say!(self,
                en: format!("it fails its check: {}", self.problem(first)),
                fr: format!("sa vérification échoue : {}", self.problem(first))),
            BackupFault::FailsCheck { first, more } => say!(self,
                en: format!("it fails its check: {} (and {more} more {})", self.problem(first), if *more == 1 { "problem" } else { "problems" }),
                fr: format!("sa vérification échoue : {} (et {more} autre{} problème{})", self.problem(first), if *more == 1 { "" } else { "s" }, if *more == 1 { "" } else { "s" })),
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
            Problem::Undecodable { record, detail } => {
                let record = match record {
                    Record::Client(id) => format!("le client nº {id} ne peut pas être lu"),
                    Record::Member(id) => {
                        format!("le membre nº {id} de l'équipe ne peut pas être lu")
                    }
                    Record::History { client, seq } if *client == TEAM_HISTORY => {
                        format!("l'entrée {seq} de l'historique de l'équipe ne peut pas être lue")
                    }
                    Record::History { client, seq } => format!(
                        "l'entrée {seq} de l'historique du client nº {client} ne peut pas être lue"
                    ),
                    Record::Key { uid, key } => format!(
                        "la clé {key:x} d'une modification envoyée une fois par l'utilisateur {uid} ne peut pas être lue"
                    ),
                };
                format!("{record} : {detail}")
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
            Problem::KeyOutOfStep { uid, key } => format!(
                "la clé {key:x} d'une modification envoyée une fois par l'utilisateur {uid} n'est pas en accord avec la file qui oublie les anciennes clés (elle ne serait jamais oubliée)"
            ),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.refusal(self))
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
        let r = Refusal::NotABackup {
            path: "/tmp/b.redb".into(),
            fault: BackupFault::Empty,
        };
        assert_eq!(
            Lang::Fr.refusal(&r),
            "/tmp/b.redb n'est pas une sauvegarde utilisable : le fichier est vide"
        );
        assert_eq!(
            Lang::En.refusal(&r),
            "/tmp/b.redb is not a usable backup: the file is empty"
        );
        let r = Refusal::CannotWrite {
            path: "/nope/b.redb".into(),
            fault: BackupFault::NoFolder {
                dir: "/nope".into(),
            },
        };
        assert!(
            Lang::Fr
                .refusal(&r)
                .ends_with("le dossier /nope n'existe pas")
        );
        let f = BackupFault::FailsCheck {
            first: Problem::NoHistory { client: 7 },
            more: 2,
        };
        assert_eq!(
            Lang::Fr.backup_fault(&f),
            "sa vérification échoue : le client nº 7 n'a pas d'historique (et 2 autres problèmes)"
        );
        assert_eq!(
            Lang::En.backup_fault(&f),
            "it fails its check: client #7 has no history (and 2 more problems)"
        );
        for f in [
            BackupFault::NotAFile,
            BackupFault::UnknownTable { table: "x".into() },
            BackupFault::File(crate::api::FileFault::InUse),
        ] {
            assert_ne!(Lang::En.backup_fault(&f), Lang::Fr.backup_fault(&f));
        }
        let p = Problem::NoHistory { client: 7 };
        assert_eq!(Lang::Fr.problem(&p), "le client nº 7 n'a pas d'historique");
        assert_eq!(Lang::En.problem(&p), "client #7 has no history");
        let p = Problem::Undecodable {
            record: Record::History { client: 7, seq: 2 },
            detail: "unexpected end".into(),
        };
        assert_eq!(
            Lang::Fr.problem(&p),
            "l'entrée 2 de l'historique du client nº 7 ne peut pas être lue : unexpected end"
        );
        assert_eq!(
            Lang::En.problem(&p),
            "history entry 2 of client #7 cannot be read: unexpected end"
        );
    }
}
