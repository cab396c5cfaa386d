//! How the team screen's requests are carried out through the firm API,
//! each answered with an [`Outcome`].
//!
//! [`Effect::perform`] hands these effects here, so the terminal shell's
//! worker and the test harness run them the same way. Requests that take
//! several calls (the screen's members, lead counts and history, a
//! reassignment before a deactivation) are made here, on the worker, never on the thread that
//! draws.

use crate::api::{ApiError, Firm};
use crate::model::Member;
use crate::model::audit::TEAM_HISTORY;

use super::super::action::{Outcome, Task};
use super::super::effect::Effect;

/// Carries out one of the team screen's effects; `None` for any other.
pub(crate) fn perform(effect: Effect, firm: &dyn Firm) -> Option<Outcome> {
    let failed = |task: Task, error: ApiError| Some(Outcome::TaskFailed { task, error });
    match effect {
        Effect::LoadTeamScreen => match team_screen(firm) {
            Ok(outcome) => Some(outcome),
            Err(e) => failed(Task::LoadTeam, e),
        },
        Effect::SaveMember(member) => {
            let created = member.id == 0;
            let name = member.name.clone();
            match firm.save_member(*member) {
                Ok(m) => Some(Outcome::MemberSaved {
                    member: Box::new(m),
                    created,
                    moved: None,
                }),
                Err(e) => failed(Task::SaveMember { name }, e),
            }
        }
        Effect::DeactivateMember { member, reassign } => {
            let name = member.name.clone();
            let moved = match reassign {
                Some(to) => match firm.reassign_leads(member.id, to) {
                    Ok(n) => Some((n, to)),
                    Err(e) => return failed(Task::Deactivate { name, moved: None }, e),
                },
                None => None,
            };
            let member = Member {
                active: false,
                ..*member
            };
            match firm.save_member(member) {
                Ok(m) => Some(Outcome::MemberSaved {
                    member: Box::new(m),
                    created: false,
                    moved,
                }),
                Err(e) => failed(
                    Task::Deactivate {
                        name,
                        moved: moved.map(|(n, _)| n),
                    },
                    e,
                ),
            }
        }
        _ => None,
    }
}

/// The team, how many clients each member leads (active and inactive
/// apart, in one call however large the team), and the team's history.
fn team_screen(firm: &dyn Firm) -> Result<Outcome, ApiError> {
    let members = firm.team()?;
    let leads = firm.lead_counts()?;
    let history = firm.audit(TEAM_HISTORY)?;
    let draft = firm.draft(crate::model::TEAM_DRAFT)?.map(Box::new);
    Ok(Outcome::TeamScreen {
        members,
        leads,
        history,
        draft,
    })
}
