//! `cabinet team`: the firm's members.

use super::args::TeamCommand;
use super::json::{DeactivatedJson, MemberJson};
use super::table::Table;
use super::{CliError, Ctx};
use crate::api::ApiError;
use crate::i18n::Msg;
use crate::model::field::find_member;
use crate::model::text::for_terminal;
use crate::model::{Member, Role, Rule};

fn member(team: &[Member], login: &str) -> Result<Member, CliError> {
    find_member(team, login)
        .cloned()
        .ok_or_else(|| CliError::Api(ApiError::invalid("login", Rule::UnknownMember)))
}

pub(super) fn run(ctx: &mut Ctx<'_>, command: &TeamCommand) -> Result<(), CliError> {
    let lang = ctx.lang;
    let team = ctx.firm.team()?;
    let said = |m: &Member| [for_terminal(&m.name, false), m.login.clone()];
    match command {
        TeamCommand::List { json, header } => {
            if *json {
                let rows: Vec<_> = team.iter().map(MemberJson::new).collect();
                return ctx.json(&rows);
            }
            let cols = [
                Msg::ColLogin,
                Msg::ColName,
                Msg::ColEmail,
                Msg::ColRole,
                Msg::ColActive,
            ]
            .map(|m| m.text(lang));
            let mut t = Table::new(&cols).drops(&[2]).shrink(1, 16).shrink(2, 12);
            for m in &team {
                t.row(vec![
                    m.login.clone(),
                    m.name.clone(),
                    m.email.clone(),
                    lang.role(m.role).into(),
                    lang.yes_no(m.active).into(),
                ]);
            }
            let layout = ctx.layout(*header);
            t.print(ctx.out, layout)?;
            Ok(())
        }
        TeamCommand::Add {
            name,
            login,
            email,
            admin,
            json,
        } => {
            let mut m = Member::new(name.as_str(), login.as_str());
            m.email = email.clone().unwrap_or_default();
            m.role = if *admin { Role::Admin } else { Role::Staff };
            let m = ctx.firm.save_member(m)?;
            if *json {
                return ctx.json(&MemberJson::new(&m));
            }
            let [n, l] = said(&m);
            ctx.say(
                Msg::MemberAdded,
                &[("name", &n), ("login", &l), ("role", &lang.role(m.role))],
            )
        }
        TeamCommand::Edit {
            login,
            name,
            email,
            role,
            json,
        } => {
            let mut m = member(&team, login)?;
            if let Some(n) = name {
                m.name = n.clone();
            }
            if let Some(e) = email {
                m.email = e.clone();
            }
            if let Some(r) = role {
                m.role = Role::parse(r).ok_or_else(|| {
                    ApiError::invalid(
                        "role",
                        Rule::Choice {
                            // not prose: the role codes
                            allowed: "admin, staff".into(),
                        },
                    )
                })?;
            }
            let m = ctx.firm.save_member(m)?;
            if *json {
                return ctx.json(&MemberJson::new(&m));
            }
            let [n, l] = said(&m);
            ctx.say(Msg::MemberSaved, &[("name", &n), ("login", &l)])
        }
        TeamCommand::Deactivate {
            login,
            reassign_to,
            json,
        } => {
            let mut m = member(&team, login)?;
            // Refuse before handing over any client what the deactivation
            // itself would refuse, so a refused command writes nothing.
            let admins = team.iter().filter(|x| x.active && x.is_admin()).count();
            if m.active && m.is_admin() && admins == 1 {
                return Err(ApiError::invalid("role", Rule::LastAdmin).into());
            }
            let mut reassigned = None;
            if let Some(to) = reassign_to {
                let to = member(&team, to)?;
                if !to.active || to.id == m.id {
                    return Err(ApiError::invalid("lead", Rule::InactiveMember).into());
                }
                let n = ctx.firm.reassign_leads(m.id, Some(to.id))?;
                reassigned = Some((n, to.login.clone()));
                if !*json {
                    let msg = super::one_or_many(
                        lang,
                        n,
                        Msg::LeadsReassignedOne,
                        Msg::LeadsReassignedMany,
                    );
                    ctx.say(
                        msg,
                        &[
                            ("n", &crate::i18n::number(lang, n as u64)),
                            ("from", &m.login),
                            ("to", &to.login),
                        ],
                    )?;
                }
            }
            m.active = false;
            let m = ctx.firm.save_member(m)?;
            if *json {
                let (n, to) = reassigned.map_or((0, None), |(n, to)| (n, Some(to)));
                return ctx.json(&DeactivatedJson {
                    member: MemberJson::new(&m),
                    clients_reassigned: n,
                    reassigned_to: to,
                });
            }
            let [n, l] = said(&m);
            ctx.say(Msg::MemberDeactivated, &[("name", &n), ("login", &l)])
        }
        TeamCommand::Reactivate { login, json } => {
            let mut m = member(&team, login)?;
            m.active = true;
            let m = ctx.firm.save_member(m)?;
            if *json {
                return ctx.json(&MemberJson::new(&m));
            }
            let [n, l] = said(&m);
            ctx.say(Msg::MemberReactivated, &[("name", &n), ("login", &l)])
        }
    }
}
