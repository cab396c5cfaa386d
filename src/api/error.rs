//! The errors a firm API call can return, in a form that crosses the
//! socket unchanged.

use serde::{Deserialize, Serialize};

use crate::model::{Client, FieldError};

/// Why a firm API call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ApiError {
    #[error("no client matches {0:?}")]
    NotFound(String),

    #[error("{} was changed by someone else (you edited version {expected}, it is now at version {}); nothing was saved", current.display_name, current.version)]
    Conflict { expected: u64, current: Box<Client> },

    #[error("{}", invalid_message(.0))]
    Invalid(Vec<FieldError>),

    #[error("only a firm admin may {action}")]
    Forbidden { action: String },

    #[error("{login} is not on this firm's team; ask an admin to add you ({})", .admins.join(", "))]
    NotMember { login: String, admins: Vec<String> },

    /// The request cannot be carried out as things stand (a backup file
    /// that exists, a restore over a firm with data); nothing was changed.
    #[error("{0}")]
    Refused(String),

    #[error("the firm's data could not be read or written: {0}")]
    Storage(String),

    #[error("the firm server is unavailable: {0}")]
    Unavailable(String),

    #[error("protocol error: {0}")]
    Protocol(String),
}

fn invalid_message(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl ApiError {
    /// A single invalid field.
    pub fn invalid(field: &str, rule: crate::model::Rule) -> Self {
        ApiError::Invalid(vec![FieldError::new(field, rule)])
    }
}
