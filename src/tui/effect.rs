//! What the app asks the outside world to do, and how it is done.
//!
//! [`super::update`] never calls the firm: it returns [`Effect`]s. The
//! terminal shell runs them on a worker thread so that a slow firm never
//! holds up the keyboard; tests run them in line. Both go through
//! [`Effect::perform`], so the two can never differ.

use crate::api::pages::each_page;
use crate::api::{ApiError, Firm};
use crate::model::{Client, ClientId, Draft, Member, MemberId, ViewQuery};

use super::action::{Op, Outcome};

/// A request for the firm, or for the terminal shell.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Fetch one window of the list; `seq` orders the answers.
    Query { seq: u64, query: ViewQuery },
    /// Fetch a client and its history for the profile.
    LoadProfile { id: ClientId },
    /// Fetch what the edit form needs (id 0: a new client).
    LoadForEdit { id: ClientId },
    /// Ask the firm for a client's SIN in full (recorded in its history).
    RevealSin { id: ClientId },
    /// Add a client.
    Create(Box<Client>),
    /// Save a client made on the version it carries.
    /// Saves `mine`, made on `base`; the firm merges it with what others
    /// saved since.
    Save {
        base: Box<Client>,
        mine: Box<Client>,
    },
    /// Make a client inactive or active again.
    SetActive {
        id: ClientId,
        name: String,
        active: bool,
    },
    /// Give clients a lead accountant (or none).
    AssignLead {
        ids: Vec<ClientId>,
        lead: Option<MemberId>,
        label: String,
    },
    /// Fetch the team.
    LoadTeam,
    /// Fetch what the team screen shows: members, lead counts, history.
    LoadTeamScreen,
    /// Add (id 0) or change a team member.
    SaveMember(Box<Member>),
    /// Make a member inactive; first, when `reassign` is set, give every
    /// client they lead to another member (or to no one).
    DeactivateMember {
        member: Box<Member>,
        reassign: Option<Option<MemberId>>,
    },
    /// Fetch the wholesale billing report.
    LoadBilling { inactive_only: bool },
    /// Bill one of a client's subscriptions to the client instead of the
    /// firm, on the client's current version. The product's position and
    /// label say which subscription was meant.
    Unbill {
        client: ClientId,
        index: usize,
        product: String,
        name: String,
    },
    /// Fetch a client to copy its details.
    LoadForCopy(ClientId),
    /// Put text on the terminal's clipboard (shell only).
    Clipboard(String),
    /// Fetch every client of a view, to mark them all.
    MarkAll(ViewQuery),
    /// Make several clients inactive or active again, each in its own
    /// transaction (stopping at the first refusal).
    SetActiveMany { ids: Vec<ClientId>, active: bool },
    /// Fetch the work view's counts.
    LoadWork(crate::model::work::WorkQuery),
    /// Find clients for the client picker; `seq` orders the answers.
    PickClients { seq: u64, query: ViewQuery },
    /// Fetch the client a new subscription goes to.
    LoadSubscriptionBase { id: ClientId },
    /// Keep an unsaved form.
    SaveDraft(Box<Draft>),
    /// Forget a draft.
    DiscardDraft(ClientId),
    /// Subscribe to live changes again after the feed ended (shell only).
    Resubscribe,
    /// Repaint the whole screen (shell only).
    Redraw,
    /// Leave the app (shell only).
    Exit,
}

impl Effect {
    /// Carries out a firm request and says how it went. Shell effects and
    /// drafts that were kept give no outcome.
    pub(crate) fn perform(self, firm: &dyn Firm) -> Option<Outcome> {
        let failed = |op: Op, error: ApiError| Some(Outcome::Failed { op, error });
        match self {
            Effect::Query { seq, query } => match firm.query(&query) {
                Ok(page) => Some(Outcome::Page {
                    seq,
                    locate: query.locate,
                    page,
                }),
                Err(e) => failed(Op::Query, e),
            },
            Effect::LoadForCopy(id) => match firm.get(id) {
                Ok(c) => Some(Outcome::CopyFrom(Box::new(c))),
                Err(e) => failed(Op::Load, e),
            },
            Effect::MarkAll(query) => {
                let mut rows = Vec::new();
                let pages = ViewQuery {
                    limit: 5_000,
                    ..query
                };
                match each_page(firm, &pages, |page| {
                    rows.extend(page.rows.into_iter().map(|r| (r.id, r.name)));
                    Ok::<_, ApiError>(())
                }) {
                    Ok(_) => Some(Outcome::MarkAll(rows)),
                    Err(e) => failed(Op::Query, e),
                }
            }
            Effect::SetActiveMany { ids, active } => {
                let mut count = 0;
                let mut error = None;
                for id in &ids {
                    match firm.set_active(*id, active) {
                        Ok(_) => count += 1,
                        Err(e) => {
                            error = Some(e);
                            break;
                        }
                    }
                }
                Some(Outcome::ActiveSetMany {
                    count,
                    asked: ids.len(),
                    active,
                    failed: error,
                })
            }
            Effect::LoadWork(query) => match firm.work(&query) {
                Ok(report) => Some(Outcome::Work { query, report }),
                Err(e) => failed(Op::Query, e),
            },
            Effect::LoadProfile { id } => {
                let loaded = firm.get(id).and_then(|c| {
                    let audit = firm.audit(id)?;
                    let draft = firm.draft(id)?.map(|d| (d.form, d.item_name()));
                    Ok((c, audit, draft))
                });
                match loaded {
                    Ok((client, audit, draft)) => Some(Outcome::Profile {
                        client: Box::new(client),
                        audit,
                        draft,
                    }),
                    Err(e) => failed(Op::Load, e),
                }
            }
            Effect::RevealSin { id } => {
                match firm
                    .reveal_sin(id)
                    .and_then(|sin| Ok((sin, firm.audit(id)?)))
                {
                    Ok((sin, audit)) => Some(Outcome::SinRevealed { id, sin, audit }),
                    Err(e) => failed(Op::Load, e),
                }
            }
            Effect::LoadForEdit { id } => {
                let current = if id == 0 {
                    Ok(None)
                } else {
                    firm.get(id).map(|c| Some(Box::new(c)))
                };
                match current.and_then(|c| Ok((c, firm.draft(id)?.map(Box::new)))) {
                    Ok((current, draft)) => Some(Outcome::EditReady { id, current, draft }),
                    Err(e) => failed(Op::Load, e),
                }
            }
            Effect::Create(client) => {
                let name = client.display_name.clone();
                match firm.create(*client) {
                    Ok(c) => Some(Outcome::Saved {
                        client: Box::new(c),
                        created: true,
                    }),
                    Err(e) => failed(Op::Save { name }, e),
                }
            }
            Effect::Save { base, mine } => {
                let name = mine.display_name.clone();
                match firm.save(&base, *mine) {
                    Ok(c) => Some(Outcome::Saved {
                        client: Box::new(c),
                        created: false,
                    }),
                    Err(e) => failed(Op::Save { name }, e),
                }
            }
            Effect::SetActive { id, name, active } => match firm.set_active(id, active) {
                Ok(c) => Some(Outcome::ActiveSet(Box::new(c))),
                Err(e) => failed(Op::SetActive { name, active }, e),
            },
            Effect::AssignLead { ids, lead, label } => match firm.assign_lead(&ids, lead) {
                Ok(count) => Some(Outcome::LeadAssigned {
                    count,
                    lead,
                    label,
                    asked: ids.len(),
                }),
                Err(e) => failed(Op::AssignLead, e),
            },
            Effect::LoadTeam => match firm.team() {
                Ok(team) => Some(Outcome::Team(team)),
                Err(e) => failed(Op::Team, e),
            },
            Effect::LoadTeamScreen | Effect::SaveMember(_) | Effect::DeactivateMember { .. } => {
                super::team::requests::perform(self, firm)
            }
            Effect::LoadBilling { .. }
            | Effect::Unbill { .. }
            | Effect::PickClients { .. }
            | Effect::LoadSubscriptionBase { .. } => super::billing::requests::perform(self, firm),
            Effect::SaveDraft(draft) => firm
                .save_draft(&draft)
                .err()
                .and_then(|e| failed(Op::Draft, e)),
            Effect::DiscardDraft(id) => firm
                .discard_draft(id)
                .err()
                .and_then(|e| failed(Op::Draft, e)),
            Effect::Resubscribe | Effect::Redraw | Effect::Exit | Effect::Clipboard(_) => None,
        }
    }
}
