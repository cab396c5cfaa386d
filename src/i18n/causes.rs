//! The causes errors carry, in words: what only an admin may do, what
//! the system said about a file or a connection, why the firm server is
//! out of reach. Every arm words its case in both languages, so a new
//! case does not compile until it has both. Text from outside cabinet
//! (`detail`, what a server said) is shown as it is, after a sentence in
//! the user's language.

use std::fmt;

use super::Lang;
use crate::api::{
    AdminAction, FileFault, Goodbye, OsError, OsErrorKind, ProtocolFault, StorageFault, Unreachable,
};

impl Lang {
    /// What only an admin may do, as the end of "only a firm admin may …".
    pub fn admin_action(self, action: AdminAction) -> &'static str {
        use AdminAction as A;
        match action {
            A::LeadOther => say!(self,
                en: "assign another member as lead accountant",
                fr: "confier un client à un autre membre comme responsable"),
            A::BillToFirm => say!(self,
                en: "bill a subscription to the firm",
                fr: "facturer un abonnement au cabinet"),
            A::ChangeLead => say!(self,
                en: "change a client's lead accountant",
                fr: "changer le responsable d'un client"),
            A::ChangeBilling => say!(self,
                en: "change wholesale billing",
                fr: "changer la facturation de gros"),
            A::AssignLeads => say!(self,
                en: "assign lead accountants",
                fr: "assigner les responsables"),
            A::ManageTeam => say!(self, en: "manage the team", fr: "gérer l'équipe"),
            A::BackUp => say!(self, en: "back up the firm", fr: "sauvegarder le cabinet"),
            A::Restore => say!(self,
                en: "restore the firm from a backup",
                fr: "restaurer le cabinet à partir d'une sauvegarde"),
            A::Demo => say!(self,
                en: "fill the firm with demo data",
                fr: "remplir le cabinet de données de démonstration"),
            A::ExportSins => say!(self, en: "export SINs", fr: "exporter les NAS"),
            A::RevealSin => say!(self, en: "reveal a SIN", fr: "afficher un NAS"),
            A::ReplaceServer => say!(self,
                en: "restart the firm's server while another user runs it",
                fr: "redémarrer le serveur du cabinet quand un autre utilisateur le fait tourner"),
        }
    }

    /// What the system said, as a phrase.
    pub fn os_error(self, e: &OsError) -> String {
        use OsErrorKind as K;
        let words = match e.kind {
            K::NotFound => {
                say!(self, en: "no such file or folder", fr: "fichier ou dossier introuvable")
            }
            K::PermissionDenied => say!(self, en: "permission denied", fr: "permission refusée"),
            K::AlreadyExists => say!(self, en: "it already exists", fr: "il existe déjà"),
            K::DiskFull => say!(self, en: "the disk is full", fr: "le disque est plein"),
            K::ReadOnly => {
                say!(self, en: "the disk is read-only", fr: "le disque est en lecture seule")
            }
            K::NotADirectory => say!(self,
                en: "part of the path is not a folder",
                fr: "une partie du chemin n'est pas un dossier"),
            K::IsADirectory => say!(self, en: "it is a folder", fr: "c'est un dossier"),
            K::ConnectionRefused => say!(self, en: "connection refused", fr: "connexion refusée"),
            K::ConnectionReset => say!(self,
                en: "the connection was reset",
                fr: "la connexion a été réinitialisée"),
            K::BrokenPipe => say!(self,
                en: "the other end closed the connection",
                fr: "l'autre bout a fermé la connexion"),
            K::TimedOut => say!(self, en: "it took too long", fr: "le délai est dépassé"),
            K::UnexpectedEof => say!(self,
                en: "the data ended too soon",
                fr: "les données se sont arrêtées trop tôt"),
            K::InvalidData => {
                say!(self, en: "the data is not valid", fr: "les données ne sont pas valides")
            }
            K::Interrupted => say!(self, en: "interrupted", fr: "interrompu"),
            K::Other => say!(self, en: "system error", fr: "erreur système"),
        };
        let mut s = words.to_owned();
        if e.kind == K::Other
            && let Some(code) = e.code
        {
            s.push_str(&format!(" {code}"));
        }
        if let Some(detail) = &e.detail {
            s.push_str(say!(self, en: ": ", fr: " : "));
            s.push_str(detail);
        }
        s
    }

    /// Why a file could not be used, as a phrase.
    pub fn file_fault(self, f: &FileFault) -> String {
        let detail = |d: &Option<String>| d.as_ref().map(|d| format!(" ({d})")).unwrap_or_default();
        match f {
            FileFault::Os(e) => self.os_error(e),
            FileFault::NotCabinet => say!(self,
                en: "not a cabinet database".to_owned(),
                fr: "pas une base de données cabinet".to_owned()),
            FileFault::NoCabinetTables => say!(self,
                en: "not a cabinet database (a redb database without cabinet's tables)".to_owned(),
                fr: "pas une base de données cabinet (une base redb sans les tables de cabinet)".to_owned()),
            FileFault::NewerSchema { found, supported } => say!(self,
                en: format!("written by a newer cabinet (schema {found}, this build reads up to {supported}); upgrade cabinet"),
                fr: format!("écrit par un cabinet plus récent (schéma {found}, cette version lit jusqu'au {supported}); mettez cabinet à jour")),
            FileFault::Damaged { detail: d } => say!(self,
                en: format!("damaged{}", detail(d)),
                fr: format!("endommagé{}", detail(d))),
            FileFault::InUse => say!(self,
                en: "open in another process (is a cabinet server running?)".to_owned(),
                fr: "ouvert par un autre processus (un serveur cabinet tourne-t-il?)".to_owned()),
            FileFault::Undecodable { record, detail } => say!(self,
                en: format!("record {record} does not decode ({detail}); run `cabinet check`"),
                fr: format!("l'enregistrement {record} ne peut pas être décodé ({detail}); lancez `cabinet check`")),
            FileFault::Database { detail } => say!(self,
                en: format!("the database refused ({detail})"),
                fr: format!("la base de données a refusé ({detail})")),
            FileFault::EarlierWriteFailed => say!(self,
                en: "an earlier write failed".to_owned(),
                fr: "une écriture précédente a échoué".to_owned()),
        }
    }

    /// The firm's data could not be read or written, as a sentence.
    pub fn storage_fault(self, s: &StorageFault) -> String {
        let mut fault = self.file_fault(&s.fault);
        // What to do about a file that will not open as a firm.
        match &s.fault {
            FileFault::NotCabinet | FileFault::NoCabinetTables => fault.push_str(say!(self,
                en: "; check the path, or move the file aside",
                fr: "; vérifiez le chemin, ou mettez le fichier de côté")),
            FileFault::Damaged { .. } => fault.push_str(say!(self,
                en: "; restore a backup with `cabinet restore FILE`",
                fr: "; restaurez une sauvegarde avec `cabinet restore FICHIER`")),
            FileFault::Os(_)
            | FileFault::NewerSchema { .. }
            | FileFault::InUse
            | FileFault::Undecodable { .. }
            | FileFault::Database { .. }
            | FileFault::EarlierWriteFailed => {}
        }
        match &s.path {
            Some(path) => say!(self,
                en: format!("the firm's data could not be read or written: {}: {fault}", path.display()),
                fr: format!("les données du cabinet n'ont pu être lues ou écrites : {} : {fault}", path.display())),
            None => say!(self,
                en: format!("the firm's data could not be read or written: {fault}"),
                fr: format!("les données du cabinet n'ont pu être lues ou écrites : {fault}")),
        }
    }

    /// A fault in the conversation with the firm server, as a sentence.
    pub fn protocol_fault(self, p: &ProtocolFault) -> String {
        match p {
            ProtocolFault::NoBackupUnderWay => say!(self,
                en: "no backup is under way on the firm server; start the backup again".to_owned(),
                fr: "aucune sauvegarde n'est en cours sur le serveur du cabinet; relancez la sauvegarde".to_owned()),
            ProtocolFault::NoRestoreUnderWay => say!(self,
                en: "no restore is under way on the firm server; start the restore again".to_owned(),
                fr: "aucune restauration n'est en cours sur le serveur du cabinet; relancez la restauration".to_owned()),
            ProtocolFault::AnswerTooLarge { call, len, max } => say!(self,
                en: format!("the answer to {call} is {} MiB, over the {} MiB limit; ask for fewer rows", len >> 20, max >> 20),
                fr: format!("la réponse à {call} fait {} Mio, au-delà de la limite de {} Mio; demandez moins de lignes", len >> 20, max >> 20)),
            ProtocolFault::UnexpectedAnswer { call, got } => say!(self,
                en: format!("the firm server answered {call} with {got}, which this cabinet does not expect (a protocol error)"),
                fr: format!("le serveur du cabinet a répondu à {call} par {got}, ce que ce cabinet n'attend pas (une erreur de protocole)")),
            ProtocolFault::CannotEncode { detail } => say!(self,
                en: format!("the request cannot be sent ({detail})"),
                fr: format!("la requête ne peut pas être envoyée ({detail})")),
            ProtocolFault::KeyReused { call, first } => say!(self,
                en: format!("this {call} was sent with the key of an earlier change ({first}); it was not carried out (a protocol error)"),
                fr: format!("cette demande {call} portait la clé d'une modification antérieure ({first}); elle n'a pas été exécutée (une erreur de protocole)")),
        }
    }

    /// Why the firm server is out of reach, as a sentence.
    pub fn unreachable(self, u: &Unreachable) -> String {
        match u {
            Unreachable::Closed(g) => say!(self,
                en: format!("the firm server closed the connection: {}", self.goodbye(g)),
                fr: format!("le serveur du cabinet a fermé la connexion : {}", self.goodbye(g))),
            Unreachable::RefusedInput(e) => say!(self,
                en: format!("the firm server refused what this cabinet sent: {}", self.api_error(e)),
                fr: format!("le serveur du cabinet a refusé ce que ce cabinet a envoyé : {}", self.api_error(e))),
            Unreachable::SecondSession => say!(self,
                en: "the firm server sent a second session; disconnected".to_owned(),
                fr: "le serveur du cabinet a envoyé une deuxième session; déconnecté".to_owned()),
            Unreachable::Gone => say!(self,
                en: "the firm server went away".to_owned(),
                fr: "le serveur du cabinet a disparu".to_owned()),
            Unreachable::Silent { secs } => say!(self,
                en: format!("the firm server stopped answering for {secs} seconds"),
                fr: format!("le serveur du cabinet n'a rien répondu pendant {secs} secondes")),
            Unreachable::NoAnswer { call, secs } => say!(self,
                en: format!("the firm server did not answer {call} within {secs} seconds"),
                fr: format!("le serveur du cabinet n'a pas répondu à {call} en {secs} secondes")),
            Unreachable::Garbled { detail } => say!(self,
                en: format!("the firm server sent something this cabinet cannot read ({detail})"),
                fr: format!("le serveur du cabinet a envoyé quelque chose que ce cabinet ne peut pas lire ({detail})")),
            Unreachable::Broke(e) => say!(self,
                en: format!("the connection to the firm server broke ({})", self.os_error(e)),
                fr: format!("la connexion au serveur du cabinet a été coupée ({})", self.os_error(e))),
            Unreachable::Connect(e) => self.connect_error(e),
        }
    }

    /// Why the server closed a connection, as a phrase.
    pub fn goodbye(self, g: &Goodbye) -> String {
        match g {
            Goodbye::Stopped => say!(self,
                en: "the server was stopped".to_owned(),
                fr: "le serveur a été arrêté".to_owned()),
            Goodbye::Signal { name } => say!(self,
                en: format!("the server was stopped ({name})"),
                fr: format!("le serveur a été arrêté ({name})")),
            Goodbye::Idle { minutes } => say!(self,
                en: format!("no client for {minutes} minutes"),
                fr: format!("aucun client depuis {minutes} minutes")),
            Goodbye::Replaced { build } => say!(self,
                en: format!("the server is being replaced by cabinet {build}"),
                fr: format!("le serveur est remplacé par cabinet {build}")),
            Goodbye::DuringCall { why, secs } => say!(self,
                en: format!("{}, in the middle of this session's call; a change it was making is saved only if it ended within {secs} seconds, and is never half-written", self.goodbye(why)),
                fr: format!("{}, au milieu d'un appel de cette session; une modification en cours n'est enregistrée que si elle s'est terminée en {secs} secondes, et n'est jamais écrite à moitié", self.goodbye(why))),
            Goodbye::NoPong { secs } => say!(self,
                en: format!("the client answered no ping for {secs} seconds"),
                fr: format!("le client n'a répondu à aucun appel de présence pendant {secs} secondes")),
        }
    }
}

macro_rules! english {
    ($($ty:ty => $word:ident),* $(,)?) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&Lang::En.$word(self))
            }
        }
    )*};
}

english! {
    OsError => os_error,
    FileFault => file_fault,
    StorageFault => storage_fault,
    ProtocolFault => protocol_fault,
    Unreachable => unreachable,
    Goodbye => goodbye,
}

impl fmt::Display for AdminAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(Lang::En.admin_action(*self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiError;

    #[test]
    fn every_admin_action_in_both_languages() {
        for action in AdminAction::ALL {
            let (en, fr) = (Lang::En.admin_action(action), Lang::Fr.admin_action(action));
            assert!(!en.is_empty() && !fr.is_empty());
            assert_ne!(en, fr, "{action:?}");
        }
        let e = ApiError::Forbidden {
            action: AdminAction::ManageTeam,
        };
        assert_eq!(
            Lang::Fr.api_error(&e),
            "seul un administrateur du cabinet peut gérer l'équipe"
        );
        assert_eq!(e.to_string(), "only a firm admin may manage the team");
    }

    #[test]
    fn system_errors_in_both_languages() {
        let full = OsError::from_code(28);
        assert_eq!(Lang::En.os_error(&full), "the disk is full");
        assert_eq!(Lang::Fr.os_error(&full), "le disque est plein");
        // A kind cabinet does not word keeps its number and the system's
        // own words, after the translated ones.
        let other = OsError {
            kind: OsErrorKind::Other,
            code: Some(5),
            detail: Some("Input/output error".into()),
        };
        assert_eq!(
            Lang::En.os_error(&other),
            "system error 5: Input/output error"
        );
        assert_eq!(
            Lang::Fr.os_error(&other),
            "erreur système 5 : Input/output error"
        );
    }

    #[test]
    fn storage_faults_in_both_languages() {
        let s = StorageFault {
            path: Some("/srv/acme/firm.redb".into()),
            fault: FileFault::NewerSchema {
                found: 9,
                supported: 2,
            },
        };
        assert_eq!(
            Lang::En.storage_fault(&s),
            "the firm's data could not be read or written: /srv/acme/firm.redb: written by a newer cabinet (schema 9, this build reads up to 2); upgrade cabinet"
        );
        assert!(Lang::Fr.storage_fault(&s).starts_with(
            "les données du cabinet n'ont pu être lues ou écrites : /srv/acme/firm.redb : écrit par un cabinet plus récent (schéma 9"
        ));
        let faults = [
            FileFault::Os(OsError::from_code(13)),
            FileFault::NotCabinet,
            FileFault::NoCabinetTables,
            FileFault::Damaged {
                detail: Some("bad page".into()),
            },
            FileFault::InUse,
            FileFault::Undecodable {
                record: "client 7".into(),
                detail: "x".into(),
            },
            FileFault::Database { detail: "x".into() },
            FileFault::EarlierWriteFailed,
        ];
        for f in faults {
            assert_ne!(Lang::En.file_fault(&f), Lang::Fr.file_fault(&f), "{f:?}");
        }
    }

    #[test]
    fn protocol_faults_and_lost_servers_in_both_languages() {
        let faults = [
            ProtocolFault::NoBackupUnderWay,
            ProtocolFault::NoRestoreUnderWay,
            ProtocolFault::AnswerTooLarge {
                call: "query".into(),
                len: 20 << 20,
                max: 16 << 20,
            },
            ProtocolFault::UnexpectedAnswer {
                call: "get".into(),
                got: "Team".into(),
            },
            ProtocolFault::CannotEncode { detail: "x".into() },
            ProtocolFault::KeyReused {
                call: "update".into(),
                first: "create".into(),
            },
        ];
        for p in &faults {
            assert_ne!(
                Lang::En.protocol_fault(p),
                Lang::Fr.protocol_fault(p),
                "{p:?}"
            );
        }
        assert_eq!(
            Lang::Fr.protocol_fault(&faults[2]),
            "la réponse à query fait 20 Mio, au-delà de la limite de 16 Mio; demandez moins de lignes"
        );
        let goodbyes = [
            Goodbye::Stopped,
            Goodbye::Signal {
                name: "SIGTERM".into(),
            },
            Goodbye::Idle { minutes: 15 },
            Goodbye::Replaced {
                build: "0.2.0".into(),
            },
            Goodbye::NoPong { secs: 40 },
            Goodbye::DuringCall {
                why: Box::new(Goodbye::Stopped),
                secs: 10,
            },
        ];
        for g in goodbyes {
            let u = Unreachable::Closed(g);
            assert_ne!(Lang::En.unreachable(&u), Lang::Fr.unreachable(&u), "{u:?}");
        }
        let u = Unreachable::Closed(Goodbye::Signal {
            name: "SIGTERM".into(),
        });
        assert_eq!(
            Lang::Fr.api_error(&ApiError::Unavailable(u.clone())),
            "le serveur du cabinet a fermé la connexion : le serveur a été arrêté (SIGTERM)"
        );
        assert_eq!(
            ApiError::Unavailable(u).to_string(),
            "the firm server closed the connection: the server was stopped (SIGTERM)"
        );
        for u in [
            Unreachable::SecondSession,
            Unreachable::Gone,
            Unreachable::Silent { secs: 45 },
            Unreachable::NoAnswer {
                call: "find".into(),
                secs: 8,
            },
            Unreachable::Broke(OsError::from_code(104)),
            Unreachable::Garbled { detail: "x".into() },
            Unreachable::RefusedInput(Box::new(ApiError::Rejected(
                crate::api::Rejection::TooSlow { secs: 15 },
            ))),
        ] {
            assert_ne!(Lang::En.unreachable(&u), Lang::Fr.unreachable(&u), "{u:?}");
        }
    }
}
