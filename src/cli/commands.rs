//! What each subcommand does.

use std::io::Write;
use std::sync::Arc;

use jiff::civil::Date;

use super::CliError;
use super::args::{AddArgs, Command, KindArg, ListArgs, TeamCommand};
use super::json::{ClientJson, MemberJson, SummaryJson};
use super::table::Table;
use crate::api::{ApiError, Firm};
use crate::model::field::{Field, find_member};
use crate::model::text::for_terminal;
use crate::model::{
    Client, ClientKind, FieldError, LeadFilter, Member, Role, Rule, SortColumn, ViewQuery,
};

/// Runs one subcommand against the firm, writing to `out`.
pub fn run(
    command: &Command,
    firm: &Arc<dyn Firm>,
    today: Date,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match command {
        Command::List(a) => list(firm.as_ref(), a, today, out),
        Command::Show { client, json } => show(firm.as_ref(), client, *json, today, out),
        Command::Add(a) => add(firm.as_ref(), a, today, out),
        Command::Edit { client, set, json } => edit(firm.as_ref(), client, set, *json, today, out),
        Command::Deactivate { client } => set_active(firm.as_ref(), client, false, out),
        Command::Reactivate { client } => set_active(firm.as_ref(), client, true, out),
        Command::Team { command } => team(firm.as_ref(), command, out),
        Command::Import(a) => super::transfer::import(firm.as_ref(), a, out),
        Command::Export(a) => super::transfer::export(firm.as_ref(), a, today, out),
        Command::Backup { file } => super::maintenance::backup(firm.as_ref(), file, out),
        Command::Restore { file, force } => {
            super::maintenance::restore(firm.as_ref(), file, *force, out)
        }
        Command::Check { json } => super::maintenance::check(firm.as_ref(), *json, out),
        Command::Demo { .. } => Err(CliError::Usage(
            "`demo` is run by the binary, not here".into(),
        )),
    }
}

fn kind(k: KindArg) -> ClientKind {
    match k {
        KindArg::Business => ClientKind::Business,
        KindArg::Individual => ClientKind::Individual,
    }
}

fn list(firm: &dyn Firm, a: &ListArgs, today: Date, out: &mut dyn Write) -> Result<(), CliError> {
    let team = firm.team()?;
    let lead = match &a.lead {
        None => LeadFilter::Any,
        Some(l) if l.eq_ignore_ascii_case("none") => LeadFilter::Unassigned,
        Some(l) => LeadFilter::Member(
            find_member(&team, l)
                .ok_or_else(|| CliError::Api(ApiError::invalid("lead", Rule::UnknownMember)))?
                .id,
        ),
    };
    let sort = SortColumn::parse(&a.sort).ok_or_else(|| {
        CliError::Usage(format!(
            "--sort {}: not a column; use one of {}",
            a.sort,
            SortColumn::ALL.map(SortColumn::key).join(", ")
        ))
    })?;
    let q = ViewQuery {
        include_inactive: a.include_inactive,
        kind: a.kind.map(kind),
        lead,
        search: a.search.clone().unwrap_or_default(),
        sort,
        descending: a.desc,
        ..ViewQuery::all()
    };
    let page = firm.query(&q)?;
    if a.json {
        let rows: Vec<_> = page
            .rows
            .iter()
            .map(|s| SummaryJson::new(s, &team, today))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)
            .map_err(|e| CliError::Other(e.to_string()))?;
        writeln!(out)?;
        return Ok(());
    }
    let mut t = Table::new(&[
        "NUMBER",
        "CLIENT",
        "TYPE",
        "LEAD",
        "PRODUCT",
        "LATEST RETURN",
        "DOCS",
        "WHOLESALE",
    ])
    .right(6);
    for s in &page.rows {
        let name = if s.active {
            s.name.clone()
        } else {
            format!("{} (inactive)", s.name)
        };
        let ret = s
            .latest_return
            .as_ref()
            .map(|r| {
                let due = match r.due {
                    Some(d) if r.is_overdue(today) => format!(" · OVERDUE {d}"),
                    Some(d) if !r.status.is_done() => format!(" · due {d}"),
                    _ => String::new(),
                };
                format!("{} {} {}{due}", r.year, r.form, r.status.key())
            })
            .unwrap_or_default();
        t.row(vec![
            s.number.clone(),
            name,
            s.kind.key().into(),
            s.lead_name.clone(),
            s.product.clone(),
            ret,
            if s.docs_awaiting > 0 {
                s.docs_awaiting.to_string()
            } else {
                String::new()
            },
            if s.wholesale {
                "yes".into()
            } else {
                String::new()
            },
        ]);
    }
    if !t.is_empty() {
        t.write(out)?;
    }
    let mut summary = format!(
        "{} client{}",
        page.total,
        if page.total == 1 { "" } else { "s" }
    );
    if page.inactive_hidden > 0 {
        summary.push_str(&format!(
            " ({} inactive hidden; --include-inactive shows them)",
            page.inactive_hidden
        ));
    }
    writeln!(out, "{summary}")?;
    Ok(())
}

fn show(
    firm: &dyn Firm,
    key: &str,
    json: bool,
    today: Date,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let c = firm.find(key)?;
    let team = firm.team()?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &ClientJson::new(&c, &team, today))
            .map_err(|e| CliError::Other(e.to_string()))?;
        writeln!(out)?;
        return Ok(());
    }
    print_client(&c, &team, today, out)
}

/// The human form of a client: fields that are set, then its items.
fn print_client(
    c: &Client,
    team: &[Member],
    today: Date,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let status = match c.inactive_since {
        None => "active".to_owned(),
        Some(d) => format!("INACTIVE since {d}"),
    };
    writeln!(
        out,
        "{} (#{}, version {}, {status})",
        for_terminal(&c.display_name, false),
        c.id,
        c.version
    )?;
    for f in Field::ALL {
        if f == Field::Name {
            continue;
        }
        let v = f.get(c, team);
        if v.is_empty() || (f == Field::SelfEmployed && !c.self_employed) {
            continue;
        }
        let v = if f.is_sensitive() {
            crate::model::ids::mask(&v)
        } else {
            v
        };
        let v = for_terminal(&v, true).replace('\n', "\n  ");
        writeln!(out, "  {:<16} {v}", f.key())?;
    }
    let sections: [(&str, Vec<String>); 3] = [
        (
            "Products",
            c.products
                .iter()
                .map(crate::model::render::product)
                .collect(),
        ),
        (
            "Documents",
            c.documents
                .iter()
                .map(crate::model::render::document)
                .collect(),
        ),
        (
            "Tax returns",
            c.tax_returns
                .iter()
                .map(|r| {
                    let mut s = format!("{} {} · {}", r.year, r.form.label(), r.status.key());
                    if let Some(d) = r.due_date(c) {
                        s.push_str(&format!(" · due {d}"));
                        if r.is_overdue(c, today) {
                            s.push_str(" (OVERDUE)");
                        }
                    }
                    if let Some(d) = r.filed {
                        s.push_str(&format!(" · filed {d}"));
                    }
                    s
                })
                .collect(),
        ),
    ];
    for (title, lines) in sections {
        if lines.is_empty() {
            continue;
        }
        writeln!(out, "{title}:")?;
        for l in lines {
            writeln!(out, "  {}", for_terminal(&l, false))?;
        }
    }
    Ok(())
}

/// Applies `field=value` pairs, collecting every error before failing.
fn apply_sets(c: &mut Client, sets: &[String], team: &[Member]) -> Result<(), CliError> {
    let mut errors = Vec::new();
    for s in sets {
        let Some((k, v)) = s.split_once('=') else {
            return Err(CliError::Usage(format!(
                "--set {s}: write FIELD=VALUE, e.g. --set phone=514-555-0199"
            )));
        };
        match Field::parse(k) {
            Err(rule) => errors.push(FieldError::new(k.trim(), rule)),
            Ok(f) => {
                if let Err(rule) = f.set(c, v, team) {
                    errors.push(FieldError::new(f.key(), rule));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Invalid(errors).into())
    }
}

fn add(firm: &dyn Firm, a: &AddArgs, today: Date, out: &mut dyn Write) -> Result<(), CliError> {
    let team = firm.team()?;
    let mut c = Client::new(a.name.as_str());
    let mut sets: Vec<String> = Vec::new();
    let named = [
        ("number", &a.number),
        ("company", &a.company),
        ("first_name", &a.first_name),
        ("last_name", &a.last_name),
        ("email", &a.email),
        ("phone", &a.phone),
        ("lead", &a.lead),
    ];
    for (k, v) in named {
        if let Some(v) = v {
            sets.push(format!("{k}={v}"));
        }
    }
    if let Some(k) = a.kind {
        c.kind = kind(k);
    }
    sets.extend(a.set.iter().cloned());
    apply_sets(&mut c, &sets, &team)?;
    let c = firm.create(c)?;
    if a.json {
        serde_json::to_writer_pretty(&mut *out, &ClientJson::new(&c, &team, today))
            .map_err(|e| CliError::Other(e.to_string()))?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "Added {} (#{}).",
            for_terminal(&c.display_name, false),
            c.id
        )?;
    }
    Ok(())
}

fn edit(
    firm: &dyn Firm,
    key: &str,
    sets: &[String],
    json: bool,
    today: Date,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let team = firm.team()?;
    let before = firm.find(key)?;
    let mut c = before.clone();
    apply_sets(&mut c, sets, &team)?;
    let after = firm.update(c)?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &ClientJson::new(&after, &team, today))
            .map_err(|e| CliError::Other(e.to_string()))?;
        writeln!(out)?;
    } else if after.version == before.version {
        writeln!(
            out,
            "{}: nothing to change.",
            for_terminal(&after.display_name, false)
        )?;
    } else {
        let changes = crate::model::field::diff(&before, &after, &team);
        writeln!(
            out,
            "Saved {} (version {}):",
            for_terminal(&after.display_name, false),
            after.version
        )?;
        for ch in changes {
            writeln!(
                out,
                "  {}: {:?} → {:?}",
                ch.field,
                for_terminal(&ch.old, false),
                for_terminal(&ch.new, false)
            )?;
        }
    }
    Ok(())
}

fn set_active(
    firm: &dyn Firm,
    key: &str,
    active: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let before = firm.find(key)?;
    let name = for_terminal(&before.display_name, false);
    if before.is_active() == active {
        let state = if active { "active" } else { "inactive" };
        writeln!(out, "{name} is already {state}.")?;
        return Ok(());
    }
    firm.set_active(before.id, active)?;
    if active {
        writeln!(out, "{name} is active again.")?;
    } else {
        writeln!(
            out,
            "{name} is now inactive. Their data is kept; their subscriptions and wholesale billing are not cancelled."
        )?;
    }
    Ok(())
}

fn team(firm: &dyn Firm, command: &TeamCommand, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        TeamCommand::List { json } => {
            let team = firm.team()?;
            if *json {
                let rows: Vec<_> = team.iter().map(MemberJson::new).collect();
                serde_json::to_writer_pretty(&mut *out, &rows)
                    .map_err(|e| CliError::Other(e.to_string()))?;
                writeln!(out)?;
                return Ok(());
            }
            let mut t = Table::new(&["LOGIN", "NAME", "EMAIL", "ROLE", "ACTIVE"]);
            for m in &team {
                t.row(vec![
                    m.login.clone(),
                    m.name.clone(),
                    m.email.clone(),
                    m.role.key().into(),
                    if m.active { "yes" } else { "no" }.into(),
                ]);
            }
            t.write(out)?;
        }
        TeamCommand::Add {
            name,
            login,
            email,
            admin,
        } => {
            let mut m = Member::new(name.as_str(), login.as_str());
            m.email = email.clone().unwrap_or_default();
            m.role = if *admin { Role::Admin } else { Role::Staff };
            let m = firm.save_member(m)?;
            writeln!(
                out,
                "Added {} ({}) to the team as {}.",
                for_terminal(&m.name, false),
                m.login,
                m.role.key()
            )?;
        }
    }
    Ok(())
}
