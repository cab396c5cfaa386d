//! A firm server out of reach, in words. Every arm words its case in
//! both languages, so a new case does not compile until it has both.
//! What another program said (a server that failed to start, a server of
//! another version) is shown as it is, after a sentence in the user's
//! language.

use super::Lang;
use crate::api::{ConnectError, StartFailure, StopRefusal, Stranger};
use crate::model::text::for_terminal;

impl Lang {
    /// Why no connection to the firm server could be made, as a sentence.
    pub fn connect_error(self, e: &ConnectError) -> String {
        match e {
            ConnectError::Refused(e) => self.api_error(e),
            ConnectError::PermissionDenied { dir, group } => match group {
                Some(group) => say!(self,
                    en: format!("permission denied: {} belongs to group {group}; ask an admin to add you", dir.display()),
                    fr: format!("permission refusée : {} appartient au groupe {group}; demandez à un administrateur de vous y ajouter", dir.display())),
                None => say!(self,
                    en: format!("permission denied: {}; ask an admin to add you to its group", dir.display()),
                    fr: format!("permission refusée : {}; demandez à un administrateur de vous ajouter à son groupe", dir.display())),
            },
            ConnectError::VersionMismatch {
                client,
                server,
                server_build,
            } => {
                let build = crate::protocol::BUILD;
                if client > server {
                    say!(self,
                        en: format!("client {client}, server {server}: the firm's server is an older cabinet ({server_build}); restart it with `cabinet serve --replace`"),
                        fr: format!("client {client}, serveur {server} : le serveur du cabinet est un cabinet plus ancien ({server_build}); redémarrez-le avec `cabinet serve --replace`"))
                } else {
                    say!(self,
                        en: format!("client {client}, server {server}: the firm's server is a newer cabinet ({server_build}) than this one ({build}); run the newer cabinet, or restart the server with `cabinet serve --replace`"),
                        fr: format!("client {client}, serveur {server} : le serveur du cabinet est un cabinet plus récent ({server_build}) que celui-ci ({build}); lancez le cabinet plus récent, ou redémarrez le serveur avec `cabinet serve --replace`"))
                }
            }
            ConnectError::NoServer(dir) => say!(self,
                en: format!("no cabinet server is running for {}; start one with `cabinet serve`", dir.display()),
                fr: format!("aucun serveur cabinet ne tourne pour {}; démarrez-en un avec `cabinet serve`", dir.display())),
            ConnectError::ServerFailed(f) => {
                let why = match f {
                    StartFailure::Exited { said, .. } if !said.is_empty() => said.clone(),
                    StartFailure::Exited {
                        status: Some(code), ..
                    } => say!(self,
                        en: format!("it exited with status {code}"),
                        fr: format!("il s'est arrêté avec le code {code}")),
                    StartFailure::Exited { status: None, .. } => say!(self,
                        en: "a signal stopped it".to_owned(),
                        fr: "un signal l'a arrêté".to_owned()),
                    StartFailure::CannotRun { program, error } => say!(self,
                        en: format!("could not run {} ({})", program.display(), self.os_error(error)),
                        fr: format!("impossible de lancer {} ({})", program.display(), self.os_error(error))),
                };
                say!(self,
                    en: format!("the firm server could not start: {why}"),
                    fr: format!("le serveur du cabinet n'a pas pu démarrer : {why}"))
            }
            ConnectError::Timeout { dir, waited } => {
                let log = crate::host::firm_files::log_dir(dir);
                say!(self,
                    en: format!("the firm server for {} did not start within {} seconds; see its log in {}", dir.display(), waited.as_secs(), log.display()),
                    fr: format!("le serveur du cabinet pour {} n'a pas démarré en {} secondes; voyez son journal dans {}", dir.display(), waited.as_secs(), log.display()))
            }
            ConnectError::NotCabinet { socket, why } => {
                let why = match why {
                    Stranger::BadMagic => say!(self,
                        en: "bad handshake".to_owned(),
                        fr: "poignée de main invalide".to_owned()),
                    Stranger::UnexpectedMessage { got } => say!(self,
                        en: format!("expected a session, got {got}"),
                        fr: format!("une session était attendue, {got} est arrivé")),
                    Stranger::Unreadable { detail } => say!(self,
                        en: format!("its answer could not be read: {detail}"),
                        fr: format!("sa réponse est illisible : {detail}")),
                };
                say!(self,
                    en: format!("{}: something other than a cabinet server answered ({why})", socket.display()),
                    fr: format!("{} : autre chose qu'un serveur cabinet a répondu ({why})", socket.display()))
            }
            ConnectError::OfficeDown { dir, service } => {
                let instance = instance(dir);
                say!(self,
                    en: format!("the firm server for {} is not running; it runs as {service}, and only an administrator can start it (`systemctl start cabinet@{instance}`). Open sessions reconnect by themselves once it is back", dir.display()),
                    fr: format!("le serveur du cabinet {} ne tourne pas; il tourne sous le compte {service}, et seul un administrateur peut le démarrer (`systemctl start cabinet@{instance}`). Les sessions ouvertes se reconnectent d'elles-mêmes dès son retour", dir.display()))
            }
            ConnectError::WrongServer {
                socket,
                expected,
                got,
            } => {
                let (them, owner) = (
                    crate::host::accounts::login_of(*got),
                    crate::host::accounts::login_of(*expected),
                );
                say!(self,
                    en: format!("{}: the server on this socket runs as {them} (uid {got}), but the firm belongs to {owner} (uid {expected}); refusing to talk to it. Tell an administrator: someone may have put up a fake server", socket.display()),
                    fr: format!("{} : le serveur de ce socket tourne sous {them} (uid {got}), mais le cabinet appartient à {owner} (uid {expected}); cabinet refuse de lui parler. Prévenez un administrateur : quelqu'un a peut-être mis en place un faux serveur", socket.display()))
            }
            ConnectError::NoFirm(dir) => say!(self,
                en: format!("{} holds no firm; create one with `cabinet init {}`", dir.display(), dir.display()),
                fr: format!("{} ne contient aucun cabinet; créez-en un avec `cabinet init {}`", dir.display(), dir.display())),
            ConnectError::PathTooLong { dir, len, max } => say!(self,
                en: format!("{}: the firm directory's path is too long for its socket ({len} bytes, {max} at most); move the firm to a shorter path", dir.display()),
                fr: format!("{} : le chemin du dossier du cabinet est trop long pour son socket ({len} octets, {max} au plus); déplacez le cabinet vers un chemin plus court", dir.display())),
            ConnectError::Io { path, error } => say!(self,
                en: format!("{}: {}", path.display(), self.os_error(error)),
                fr: format!("{} : {}", path.display(), self.os_error(error))),
            ConnectError::NotAnswering { dir, pid, waited } => say!(self,
                en: format!("a cabinet server (pid {pid}) holds {} but has not answered on its socket for {} seconds; if it is stuck, `cabinet serve --replace` stops it", dir.display(), waited.as_secs()),
                fr: format!("un serveur cabinet (pid {pid}) tient {} mais n'a pas répondu sur son socket depuis {} secondes; s'il est bloqué, `cabinet serve --replace` l'arrête", dir.display(), waited.as_secs())),
            ConnectError::CannotStop { dir, pid, why } => {
                let why = match why {
                    StopRefusal::NotCabinet => say!(self,
                        en: "is not a cabinet server of this firm".to_owned(),
                        fr: "n'est pas un serveur cabinet de ce cabinet".to_owned()),
                    StopRefusal::OtherUser => say!(self,
                        en: "runs as another user, whom you may not stop".to_owned(),
                        fr: "tourne sous un autre utilisateur, que vous ne pouvez pas arrêter".to_owned()),
                    StopRefusal::NoSuchProcess => say!(self,
                        en: "no such process exists".to_owned(),
                        fr: "aucun processus ne porte ce numéro".to_owned()),
                    StopRefusal::Failed(e) => say!(self,
                        en: format!("could not be signalled ({})", self.os_error(e)),
                        fr: format!("n'a pas pu recevoir de signal ({})", self.os_error(e))),
                };
                say!(self,
                    en: format!("process {pid} holds {} but {why}; stop it yourself", dir.display()),
                    fr: format!("le processus {pid} tient {} mais {why}; arrêtez-le vous-même", dir.display()))
            }
            ConnectError::ServerRefused { said } => say!(self,
                en: format!("the firm server refused this cabinet: {said}"),
                fr: format!("le serveur du cabinet a refusé ce cabinet : {said}")),
        }
    }
}

impl std::fmt::Display for ConnectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.connect_error(self))
    }
}

/// The systemd instance that serves a firm directory, by its name.
fn instance(dir: &std::path::Path) -> String {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for_terminal(&name, false)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::api::{ApiError, OsError};

    /// Every case, worded differently in each language.
    #[test]
    fn every_connect_error_in_both_languages() {
        let dir = std::path::PathBuf::from("/srv/acme");
        let cases = [
            ConnectError::Refused(ApiError::NotMember {
                login: "luc".into(),
                admins: vec!["marie".into()],
            }),
            ConnectError::PermissionDenied {
                dir: dir.clone(),
                group: Some("acme".into()),
            },
            ConnectError::PermissionDenied {
                dir: dir.clone(),
                group: None,
            },
            ConnectError::VersionMismatch {
                client: 6,
                server: 5,
                server_build: "0.1.0".into(),
            },
            ConnectError::VersionMismatch {
                client: 5,
                server: 6,
                server_build: "0.3.0".into(),
            },
            ConnectError::NoServer(dir.clone()),
            ConnectError::ServerFailed(StartFailure::Exited {
                status: Some(1),
                said: String::new(),
            }),
            ConnectError::ServerFailed(StartFailure::Exited {
                status: None,
                said: String::new(),
            }),
            ConnectError::ServerFailed(StartFailure::CannotRun {
                program: "/usr/bin/cabinet".into(),
                error: OsError::from_code(2),
            }),
            ConnectError::Timeout {
                dir: dir.clone(),
                waited: Duration::from_secs(30),
            },
            ConnectError::NotCabinet {
                socket: dir.join("cabinet.sock"),
                why: Stranger::BadMagic,
            },
            ConnectError::NotCabinet {
                socket: dir.join("cabinet.sock"),
                why: Stranger::UnexpectedMessage { got: "Ping".into() },
            },
            ConnectError::NotCabinet {
                socket: dir.join("cabinet.sock"),
                why: Stranger::Unreadable { detail: "x".into() },
            },
            ConnectError::OfficeDown {
                dir: dir.clone(),
                service: "cabinet".into(),
            },
            ConnectError::WrongServer {
                socket: dir.join("cabinet.sock"),
                expected: 0,
                got: 0,
            },
            ConnectError::NoFirm(dir.clone()),
            ConnectError::PathTooLong {
                dir: dir.clone(),
                len: 120,
                max: 107,
            },
            ConnectError::Io {
                path: dir.clone(),
                error: OsError::from_code(13),
            },
            ConnectError::NotAnswering {
                dir: dir.clone(),
                pid: 42,
                waited: Duration::from_secs(30),
            },
            ConnectError::CannotStop {
                dir: dir.clone(),
                pid: 42,
                why: StopRefusal::OtherUser,
            },
            ConnectError::CannotStop {
                dir: dir.clone(),
                pid: 42,
                why: StopRefusal::NoSuchProcess,
            },
            ConnectError::CannotStop {
                dir: dir.clone(),
                pid: 42,
                why: StopRefusal::Failed(OsError::from_code(1)),
            },
            ConnectError::ServerRefused { said: "no".into() },
        ];
        for e in &cases {
            let (en, fr) = (Lang::En.connect_error(e), Lang::Fr.connect_error(e));
            assert_ne!(en, fr, "{e:?}");
            assert_eq!(en, e.to_string());
        }
    }

    #[test]
    fn a_server_that_failed_in_french() {
        let e = ConnectError::ServerFailed(StartFailure::Exited {
            status: Some(1),
            said: "exit status 1".into(),
        });
        assert_eq!(
            Lang::Fr.connect_error(&e),
            "le serveur du cabinet n'a pas pu démarrer : exit status 1"
        );
        let e = ConnectError::PermissionDenied {
            dir: "/srv/acme".into(),
            group: Some("acme".into()),
        };
        assert_eq!(
            Lang::Fr.connect_error(&e),
            "permission refusée : /srv/acme appartient au groupe acme; demandez à un administrateur de vous y ajouter"
        );
        // Reached through a call that reconnects, it is still in French.
        let api: ApiError = e.into();
        assert!(Lang::Fr.api_error(&api).starts_with("permission refusée"));
    }
}
