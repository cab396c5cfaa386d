//! Words for the model's values (kinds, roles, statuses) in each language.

use super::{Lang, Msg};
use crate::model::{BilledTo, ClientKind, DocStatus, ReturnStatus, Role};

impl Lang {
    pub(crate) fn kind(self, k: ClientKind) -> &'static str {
        match k {
            ClientKind::Business => Msg::Business.text(self),
            ClientKind::Individual => Msg::Individual.text(self),
        }
    }

    pub(crate) fn role(self, r: Role) -> &'static str {
        match r {
            Role::Admin => Msg::Admin.text(self),
            Role::Staff => Msg::Staff.text(self),
        }
    }

    pub(crate) fn return_status(self, s: ReturnStatus) -> &'static str {
        match s {
            ReturnStatus::NotStarted => Msg::StatusNotStarted.text(self),
            ReturnStatus::InProgress => Msg::StatusInProgress.text(self),
            ReturnStatus::ReadyForReview => Msg::StatusReadyForReview.text(self),
            ReturnStatus::Filed => Msg::StatusFiled.text(self),
            ReturnStatus::Accepted => Msg::StatusAccepted.text(self),
        }
    }

    pub(crate) fn doc_status(self, s: DocStatus) -> &'static str {
        match s {
            DocStatus::Requested => Msg::DocRequested.text(self),
            DocStatus::Received => Msg::DocReceived.text(self),
            DocStatus::Reviewed => Msg::DocReviewed.text(self),
        }
    }

    pub(crate) fn billed_to(self, b: BilledTo) -> &'static str {
        match b {
            BilledTo::Firm => Msg::BilledFirm.text(self),
            BilledTo::Client => Msg::BilledClient.text(self),
        }
    }

    pub(crate) fn yes_no(self, b: bool) -> &'static str {
        if b {
            Msg::Yes.text(self)
        } else {
            Msg::No.text(self)
        }
    }

    /// `client` or `clients`, by the language's plural rule.
    pub(crate) fn clients(self, n: usize) -> &'static str {
        self.noun(n, Msg::ClientOne, Msg::ClientMany)
    }
}
