//! A firm server out of reach, in words. Reasons that come from the
//! system or the server's handshake (whose layout never changes between
//! versions) are shown as they are.

use super::Lang;
use crate::remote::{ConnectError, StopRefusal};

impl Lang {
    /// Why no connection to the firm server could be made, as a sentence.
    pub fn connect_error(self, e: &ConnectError) -> String {
        if self == Lang::En {
            return e.to_string();
        }
        match e {
            ConnectError::Refused(e) => self.api_error(e),
            ConnectError::NoServer(dir) => format!(
                "aucun serveur cabinet ne tourne pour {}; démarrez-en un avec `cabinet serve`",
                dir.display()
            ),
            ConnectError::ServerFailed { reason } => {
                format!("le serveur du cabinet n'a pas pu démarrer : {reason}")
            }
            ConnectError::Timeout { dir, waited } => format!(
                "le serveur du cabinet pour {} n'a pas démarré en {} secondes; voyez son journal dans {}",
                dir.display(),
                waited.as_secs(),
                crate::host::firm_files::log_dir(dir).display()
            ),
            ConnectError::NotCabinet { socket, reason } => format!(
                "{} : autre chose qu'un serveur cabinet a répondu ({reason})",
                socket.display()
            ),
            ConnectError::NotAnswering { dir, pid, waited } => format!(
                "un serveur cabinet (pid {pid}) tient {} mais n'a pas répondu sur son socket depuis {} secondes; s'il est bloqué, `cabinet serve --replace` l'arrête",
                dir.display(),
                waited.as_secs()
            ),
            ConnectError::CannotStop { dir, pid, why } => format!(
                "le processus {pid} tient {} mais {}; arrêtez-le vous-même",
                dir.display(),
                match why {
                    StopRefusal::NotCabinet =>
                        "n'est pas un serveur cabinet de ce cabinet".to_owned(),
                    StopRefusal::OtherUser => {
                        "tourne sous un autre utilisateur, que vous ne pouvez pas arrêter"
                            .to_owned()
                    }
                    StopRefusal::Failed(e) => format!("n'a pas pu recevoir de signal ({e})"),
                }
            ),
            other => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_that_failed_in_french() {
        let e = ConnectError::ServerFailed {
            reason: "exit status 1".into(),
        };
        assert_eq!(
            Lang::Fr.connect_error(&e),
            "le serveur du cabinet n'a pas pu démarrer : exit status 1"
        );
        assert_eq!(Lang::En.connect_error(&e), e.to_string());
    }
}
