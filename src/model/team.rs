//! Members of the firm's team.

use serde::{Deserialize, Serialize};

/// A team member's identifier, given by the store.
pub type MemberId = u64;

/// What a member may do. Admins manage the team, assign lead accountants
/// and change wholesale billing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Role {
    Admin,
    #[default]
    Staff,
}

impl Role {
    pub(crate) fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match super::text::fold(s.trim()).as_str() {
            "admin" | "administrateur" => Some(Role::Admin),
            "staff" | "employe" | "personnel" => Some(Role::Staff),
            _ => None,
        }
    }
}

/// How many clients a member leads, active and inactive apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LeadCount {
    pub member: MemberId,
    pub active: usize,
    pub inactive: usize,
}

impl LeadCount {
    /// Every client the member leads, active or not: what a deactivation
    /// has to reassign.
    pub fn all(&self) -> usize {
        self.active + self.inactive
    }
}

/// A member of the firm: an accountant or bookkeeper with a Unix login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: MemberId,
    pub name: String,
    /// The Unix login the server maps connections to.
    pub login: String,
    pub email: String,
    pub role: Role,
    pub active: bool,
}

impl Member {
    /// A new active staff member, not yet stored.
    pub fn new(name: impl Into<String>, login: impl Into<String>) -> Self {
        Member {
            id: 0,
            name: name.into(),
            login: login.into(),
            email: String::new(),
            role: Role::Staff,
            active: true,
        }
    }

    pub(crate) fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    pub(crate) fn normalize(&mut self) {
        self.name = super::text::normalize(&self.name);
        self.login = super::text::normalize(&self.login);
        self.email = super::text::normalize(&self.email);
    }
}
