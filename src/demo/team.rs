//! The demo firm's team: a partner who is the admin, accountants and
//! bookkeepers who lead clients, and one former employee.

use super::lists::{Lang, Lists};
use super::names::person;
use super::rng::Rng;
use crate::model::text::fold;
use crate::model::{Member, MemberId, Role};

/// How many people work at the demo firm, counting the one who left.
pub(crate) const SIZE: usize = 8;

/// The random stream the team is drawn from, apart from the clients'.
const STREAM: u64 = 2;

/// The team, with ids 1 to [`SIZE`]: the first member is the admin, the
/// last has left the firm (inactive).
pub(crate) fn team(seed: u64, lists: &Lists) -> Vec<Member> {
    let mut rng = Rng::for_item(seed, STREAM, 0);
    let mut people = Vec::with_capacity(SIZE);
    while people.len() < SIZE {
        let lang = if people.len() < 2 || rng.percent(75) {
            Lang::Fr
        } else {
            Lang::En
        };
        let p = person(&mut rng, lists, lang);
        let taken = people
            .iter()
            .any(|q: &super::names::Person| q.last == p.last || q.first == p.first);
        if !taken {
            people.push(p);
        }
    }
    let domain = format!("{}cpa.ca", login_part(&people[0].last));
    let mut logins: Vec<String> = Vec::with_capacity(SIZE);
    let mut team = Vec::with_capacity(SIZE);
    for (i, p) in people.into_iter().enumerate() {
        let login = unique_login(
            &format!(
                "{}{}",
                login_part(&p.first).chars().next().unwrap_or('x'),
                login_part(&p.last)
            ),
            &logins,
        );
        logins.push(login.clone());
        team.push(Member {
            id: i as MemberId + 1,
            name: format!("{} {}", p.first, p.last),
            email: format!("{login}@{domain}"),
            login,
            role: if i == 0 { Role::Admin } else { Role::Staff },
            active: i + 1 < SIZE,
        });
    }
    team
}

/// How many clients each member leads, relatively: the partner leads a
/// few, seniors the most, the newest hire the fewest, and the member who
/// left none.
pub(crate) fn lead_weights(team: &[Member]) -> Vec<(u32, MemberId)> {
    const WEIGHTS: [u32; SIZE] = [5, 22, 20, 17, 15, 12, 9, 0];
    team.iter()
        .zip(WEIGHTS)
        .filter(|(m, w)| m.active && *w > 0)
        .map(|(m, w)| (w, m.id))
        .collect()
}

/// Lower-case letters and digits of a name, for a login.
fn login_part(name: &str) -> String {
    fold(name)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(20)
        .collect()
}

/// `base`, or `base2`, `base3`… if it is taken.
pub(crate) fn unique_login(base: &str, taken: &[String]) -> String {
    let free = |l: &str| !taken.iter().any(|t| t.eq_ignore_ascii_case(l));
    if free(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|l| free(l))
        .unwrap_or_else(|| base.to_owned())
}
