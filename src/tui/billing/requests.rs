//! How the wholesale billing screen's requests (and choosing a client for
//! a new subscription) are carried out through the firm API, each
//! answered with an [`Outcome`].
//!
//! [`Effect::perform`] hands these effects here, so the terminal shell's
//! worker and the test harness run them the same way. A billing change
//! reads the client first, on the worker, never on the thread that draws.

use crate::api::{ApiError, Firm};
use crate::model::BilledTo;

use super::super::action::{Outcome, Task};
use super::super::effect::Effect;

/// Carries out one of the billing screen's effects; `None` for any other.
pub(crate) fn perform(effect: Effect, firm: &dyn Firm) -> Option<Outcome> {
    let failed = |task: Task, error: ApiError| Some(Outcome::TaskFailed { task, error });
    match effect {
        Effect::LoadBilling { inactive_only } => match firm.billing(inactive_only) {
            Ok(report) => Some(Outcome::Billing {
                inactive_only,
                report,
            }),
            Err(e) => failed(Task::LoadBilling, e),
        },
        Effect::Unbill {
            client,
            index,
            product,
            name,
        } => match unbill(firm, client, index, &product) {
            Ok(done) => Some(Outcome::Unbilled {
                name,
                product,
                done,
            }),
            Err(e) => failed(Task::Unbill { name, product }, e),
        },
        Effect::PickClients { seq, query } => match firm.query(&query) {
            Ok(page) => Some(Outcome::Picked { seq, page }),
            Err(e) => failed(Task::PickClients, e),
        },
        Effect::LoadSubscriptionBase { id } => match firm.get(id) {
            Ok(c) => Some(Outcome::SubscriptionBase(Box::new(c))),
            Err(e) => failed(Task::LoadClient, e),
        },
        _ => None,
    }
}

/// Bills the subscription to the client, on the client's current
/// version. False when it is no longer the subscription the user saw
/// billed to the firm (someone changed it meanwhile): nothing is written.
fn unbill(
    firm: &dyn Firm,
    id: crate::model::ClientId,
    index: usize,
    product: &str,
) -> Result<bool, ApiError> {
    let mut c = firm.get(id)?;
    match c.products.get_mut(index) {
        Some(p) if p.product.label() == product && p.billed_to == BilledTo::Firm => {
            p.billed_to = BilledTo::Client;
        }
        _ => return Ok(false),
    }
    firm.update(c)?;
    Ok(true)
}
