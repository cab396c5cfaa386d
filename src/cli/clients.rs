//! Client commands: list, show, add, edit, deactivate, reactivate.

use jiff::civil::Date;

use super::args::{AddArgs, KindArg, ListArgs};
use super::json::{ClientJson, SummaryJson};

/// How many rows `list --json` asks the server for at a time.
const LIST_PAGE: usize = 10_000;
use super::table::{Layout, Table};
use super::{CliError, Ctx};
use crate::api::ApiError;
use crate::api::pages::each_page;
use crate::i18n::{Lang, Msg, number, plural};
use crate::model::field::{Field, diff};
use crate::model::text::for_terminal;
use crate::model::{
    Client, ClientKind, ClientSummary, DueFilter, FieldError, HiddenReason, Member, SortColumn,
    ViewQuery,
};

fn kind(k: KindArg) -> ClientKind {
    match k {
        KindArg::Business => ClientKind::Business,
        KindArg::Individual => ClientKind::Individual,
    }
}

pub(super) fn list(ctx: &mut Ctx<'_>, a: &ListArgs) -> Result<(), CliError> {
    let team = ctx.firm.team()?;
    let lang = ctx.lang;
    let lead = super::due::lead_filter(lang, &team, a.lead.as_deref())?;
    let work = super::due::work_filter(ctx, &a.work, DueFilter::Any)?;
    // clap only lets through the keys `parse` knows.
    let sort = SortColumn::parse(&a.sort).unwrap_or_default();
    let q = ViewQuery {
        include_inactive: a.include_inactive,
        kind: a.kind.map(kind),
        lead,
        search: a.search.clone().unwrap_or_default(),
        sort,
        descending: a.desc,
        work,
        today: Some(ctx.today),
        ..ViewQuery::all()
    };
    if a.json || a.json_lines {
        // A page at a time, written as it comes: the whole firm is never
        // held at once.
        let (firm, today) = (ctx.firm, ctx.today);
        if a.json_lines {
            return each_listed(firm, &q, &mut |s| {
                ctx.json_line(&SummaryJson::new(s, &team, today))
            });
        }
        super::stream::json_array(&mut *ctx.out, |items| {
            each_listed(firm, &q, &mut |s| {
                items.push(&SummaryJson::new(s, &team, today))
            })?;
            Ok(false)
        })?;
        return Ok(());
    }
    let page = ctx.firm.query(&q)?;
    let search = page.search.as_ref();
    // Inactive clients the search matches: shown after the list, marked,
    // and part of the JSON and the piped rows too.
    let inactive: Vec<ClientSummary> = match search {
        Some(s) if s.hidden_inactive > 0 => {
            let all = ViewQuery {
                include_inactive: true,
                ..q.clone()
            };
            let rows = ctx.firm.query(&all)?.rows;
            rows.into_iter().filter(|r| !r.active).collect()
        }
        _ => Vec::new(),
    };
    if search.is_some_and(|s| s.closest) && !page.rows.is_empty() {
        ctx.note(Msg::ClosestNames, &[])?;
    }
    let layout = ctx.layout(a.header);
    let t = summary_table(&page.rows, ctx.today, lang);
    if !t.is_empty() || layout == (Layout::Piped { header: true }) {
        t.print(ctx.out, layout)?;
    }
    let mut summary = format!(
        "{} {}",
        number(lang, page.total as u64),
        lang.clients(page.total)
    );
    if page.inactive_hidden > 0 && search.is_none() {
        summary.push(' ');
        let n = page.inactive_hidden;
        let what = plural(
            lang,
            n,
            Msg::InactiveHiddenOne.text(lang),
            Msg::InactiveHiddenMany.text(lang),
        );
        summary.push_str(&lang.f(
            Msg::InactiveHiddenHint,
            &[("n", &number(lang, n as u64)), ("inactive_hidden", &what)],
        ));
    }
    ctx.note_line(&summary)?;
    let Some(s) = search else { return Ok(()) };
    if !inactive.is_empty() {
        let n = inactive.len();
        let msg = super::one_or_many(
            lang,
            n,
            Msg::HiddenInactiveMatchOne,
            Msg::HiddenInactiveMatchMany,
        );
        ctx.note_line("")?;
        ctx.note(msg, &[("n", &number(lang, n as u64))])?;
        let rows = summary_table(&inactive, ctx.today, lang);
        let layout = match layout {
            Layout::Piped { .. } => Layout::Piped { header: false },
            terminal => terminal,
        };
        rows.print(ctx.out, layout)?;
    }
    if ctx.quiet {
        return Ok(());
    }
    // Matches the filters hide are hints, not results: standard error.
    let groups = [
        (
            HiddenReason::Kind,
            s.hidden_by_kind,
            Msg::HiddenKindMatchOne,
            Msg::HiddenKindMatchMany,
        ),
        (
            HiddenReason::Lead,
            s.hidden_by_lead,
            Msg::HiddenLeadMatchOne,
            Msg::HiddenLeadMatchMany,
        ),
        (
            HiddenReason::Work,
            s.hidden_by_work,
            Msg::HiddenWorkMatchOne,
            Msg::HiddenWorkMatchMany,
        ),
    ];
    for (reason, n, one, many) in groups {
        if n == 0 {
            continue;
        }
        let msg = super::one_or_many(lang, n, one, many);
        ctx.note_line("")?;
        ctx.note(msg, &[("n", &number(lang, n as u64))])?;
        let rows: Vec<_> = s
            .hidden
            .iter()
            .filter(|h| h.reason == reason)
            .map(|h| h.row.clone())
            .collect();
        let width = ctx.width.unwrap_or(usize::MAX);
        summary_table(&rows, ctx.today, lang).print(ctx.err, Layout::Terminal { width })?;
    }
    Ok(())
}

/// The list's columns, one row per client; inactive clients are marked.
pub(super) fn summary_table(rows: &[ClientSummary], today: Date, lang: Lang) -> Table {
    let headers = [
        Msg::ColNumber,
        Msg::ColClient,
        Msg::ColType,
        Msg::ColLead,
        Msg::ColProduct,
        Msg::ColReturn,
        Msg::ColDocs,
        Msg::ColWholesale,
    ]
    .map(|m| m.text(lang));
    // On a narrow terminal, columns drop in the app's order, and the name,
    // the return, the product and the lead are cut before that.
    let mut t = Table::new(&headers)
        .right(6)
        .drops(&[4, 2, 7, 0, 6, 3, 5])
        .shrink(1, 24)
        .shrink(5, 16)
        .shrink(4, 10)
        .shrink(3, 10);
    for s in rows {
        let name = if s.active {
            s.name.clone()
        } else {
            format!("{} {}", s.name, lang.t(Msg::InactiveMark))
        };
        let ret = s
            .latest_return
            .as_ref()
            .map(|r| {
                let due = super::due::due_words(lang, r, today)
                    .map(|w| format!(" · {w}"))
                    .unwrap_or_default();
                format!(
                    "{} {} {}{due}",
                    r.year,
                    r.form,
                    lang.return_status(r.status)
                )
            })
            .unwrap_or_default();
        let docs = if s.docs_awaiting > 0 {
            s.docs_awaiting.to_string()
        } else {
            String::new()
        };
        let wholesale = if s.wholesale {
            lang.yes_no(true).to_owned()
        } else {
            String::new()
        };
        t.row(vec![
            s.number.clone(),
            name,
            lang.kind(s.kind).into(),
            s.lead_name.clone(),
            s.product.clone(),
            ret,
            docs,
            wholesale,
        ]);
    }
    t
}

/// Hands every row a listing shows to `f`, a page at a time: the view's
/// rows, then the inactive clients a search matches.
pub(super) fn each_listed(
    firm: &dyn crate::api::Firm,
    q: &ViewQuery,
    f: &mut dyn FnMut(&ClientSummary) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let mut hidden_inactive = None;
    let pages = ViewQuery {
        limit: LIST_PAGE,
        ..q.clone()
    };
    each_page(firm, &pages, |page| {
        hidden_inactive.get_or_insert(page.search.as_ref().map_or(0, |s| s.hidden_inactive));
        page.rows.iter().try_for_each(&mut *f)
    })?;
    if hidden_inactive.unwrap_or(0) > 0 {
        let all = ViewQuery {
            include_inactive: true,
            ..q.clone()
        };
        for r in firm.query(&all)?.rows.iter().filter(|r| !r.active) {
            f(r)?;
        }
    }
    Ok(())
}

/// `show`: the SIN stays masked unless `reveal`, which asks the firm for
/// it and so is recorded in the client's history.
pub(super) fn show(ctx: &mut Ctx<'_>, key: &str, json: bool, reveal: bool) -> Result<(), CliError> {
    let mut c = ctx.firm.find(key)?;
    let team = ctx.firm.team()?;
    if reveal && !c.tax_ids.sin.is_empty() {
        c.tax_ids.sin = ctx.firm.reveal_sin(c.id)?;
    }
    if json {
        return ctx.json(&ClientJson::new(&c, &team, ctx.today));
    }
    print_client(ctx, &c, &team, reveal)
}

/// The human form of a client: fields that are set, then its items.
/// Tax identifiers are masked, the SIN too unless revealed.
fn print_client(
    ctx: &mut Ctx<'_>,
    c: &Client,
    team: &[Member],
    reveal: bool,
) -> Result<(), CliError> {
    let lang = ctx.lang;
    let status = match c.inactive_since {
        None => lang.t(Msg::ColActive).to_lowercase(),
        Some(d) => format!(
            "{} {d}",
            lang.t(Msg::InactiveMark)
                .trim_matches(['(', ')'])
                .to_uppercase()
        ),
    };
    let out = &mut *ctx.out;
    writeln!(
        out,
        "{} (#{}, v{}, {status})",
        for_terminal(&c.display_name, false),
        c.id,
        c.version
    )?;
    for f in Field::ALL {
        let v = f.get(c, team);
        if f == Field::Name || v.is_empty() || (f == Field::SelfEmployed && !c.self_employed) {
            continue;
        }
        let v = match f {
            Field::Sin if reveal => v,
            _ if f.is_sensitive() => crate::api::local::mask_sin(&v),
            Field::Kind => lang.kind(c.kind).to_owned(),
            Field::SelfEmployed => lang.yes_no(true).to_owned(),
            _ => v,
        };
        let v = for_terminal(&v, true).replace('\n', "\n                    ");
        writeln!(out, "  {:<18} {v}", lang.field(f.key()))?;
    }
    let products: Vec<String> = c
        .products
        .iter()
        .map(|p| {
            format!(
                "{} · {} · {}{} · -{}% · {}",
                p.product.label(),
                lang.billed_to(p.billed_to),
                crate::i18n::money(lang, p.list_price_cents),
                lang.t(Msg::PerMonth),
                p.discount_percent,
                p.start
            )
        })
        .collect();
    let documents: Vec<String> = c
        .documents
        .iter()
        .map(|d| {
            let mut s = format!("{} · {} · {}", d.title, d.sent, lang.doc_status(d.status));
            if !d.note.is_empty() {
                s.push_str(&format!(" · {}", d.note));
            }
            s
        })
        .collect();
    let returns: Vec<String> = c
        .tax_returns
        .iter()
        .map(|r| {
            let mut s = format!(
                "{} {} · {}",
                r.year,
                r.form.label(),
                lang.return_status(r.status)
            );
            if let Some(d) = r.due_date(c) {
                s.push_str(&format!(" · {} {d}", lang.t(Msg::Due)));
                if r.is_overdue(c, ctx.today) {
                    s.push_str(&format!(" ({})", lang.t(Msg::Overdue)));
                }
            }
            if let Some(d) = r.filed {
                s.push_str(&format!(
                    " · {} {d}",
                    lang.return_status(crate::model::ReturnStatus::Filed)
                ));
            }
            s
        })
        .collect();
    for (title, lines) in [
        (lang.field("product"), products),
        (lang.field("document"), documents),
        (lang.field("return"), returns),
    ] {
        if lines.is_empty() {
            continue;
        }
        writeln!(out, "{}:", capitalise(&title))?;
        for l in lines {
            writeln!(out, "  {}", for_terminal(&l, false))?;
        }
    }
    Ok(())
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Applies `field=value` pairs, collecting every error before failing.
fn apply_sets(
    c: &mut Client,
    sets: &[String],
    team: &[Member],
    lang: Lang,
) -> Result<(), CliError> {
    let mut errors = Vec::new();
    for s in sets {
        let Some((k, v)) = s.split_once('=') else {
            return Err(CliError::Usage(lang.f(Msg::BadSet, &[("set", s)])));
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

pub(super) fn add(ctx: &mut Ctx<'_>, a: &AddArgs) -> Result<(), CliError> {
    let team = ctx.firm.team()?;
    let mut c = Client::new(a.name.as_str());
    if let Some(k) = a.kind {
        c.kind = kind(k);
    }
    let named = [
        ("number", &a.number),
        ("company", &a.company),
        ("first_name", &a.first_name),
        ("last_name", &a.last_name),
        ("email", &a.email),
        ("phone", &a.phone),
        ("lead", &a.lead),
    ];
    let mut sets: Vec<String> = named
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}")))
        .collect();
    sets.extend(a.set.iter().cloned());
    apply_sets(&mut c, &sets, &team, ctx.lang)?;
    let c = ctx.firm.create(c)?;
    if a.json {
        return ctx.json(&ClientJson::new(&c, &team, ctx.today));
    }
    ctx.say(
        Msg::Added,
        &[
            ("name", &for_terminal(&c.display_name, false)),
            ("id", &c.id),
        ],
    )
}

pub(super) fn edit(
    ctx: &mut Ctx<'_>,
    key: &str,
    sets: &[String],
    json: bool,
) -> Result<(), CliError> {
    let team = ctx.firm.team()?;
    let before = ctx.firm.find(key)?;
    let mut c = before.clone();
    apply_sets(&mut c, sets, &team, ctx.lang)?;
    let after = ctx.firm.save(&before, c)?;
    if json {
        return ctx.json(&ClientJson::new(&after, &team, ctx.today));
    }
    let name = for_terminal(&after.display_name, false);
    if after.version == before.version {
        return ctx.say(Msg::NothingToChange, &[("name", &name)]);
    }
    ctx.say(Msg::Saved, &[("name", &name), ("version", &after.version)])?;
    if ctx.quiet {
        return Ok(());
    }
    for ch in diff(&before, &after, &team) {
        let (old, new) = (for_terminal(&ch.old, false), for_terminal(&ch.new, false));
        writeln!(
            ctx.out,
            "  {}: {old:?} → {new:?}",
            ctx.lang.field(&ch.field)
        )?;
    }
    Ok(())
}

pub(super) fn set_active(
    ctx: &mut Ctx<'_>,
    key: &str,
    active: bool,
    json: bool,
) -> Result<(), CliError> {
    let before = ctx.firm.find(key)?;
    let name = for_terminal(&before.display_name, false);
    let msg = match (before.is_active(), active) {
        (true, true) => Msg::AlreadyActive,
        (false, false) => Msg::AlreadyInactive,
        (false, true) => Msg::ActiveAgain,
        (true, false) => Msg::NowInactive,
    };
    let after = if before.is_active() != active {
        ctx.firm.set_active(before.id, active)?
    } else {
        before
    };
    if json {
        let team = ctx.firm.team()?;
        return ctx.json(&ClientJson::new(&after, &team, ctx.today));
    }
    ctx.say(msg, &[("name", &name)])
}
