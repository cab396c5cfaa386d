//! One demo client, assembled from the pieces the other modules make.

use std::collections::HashSet;

use jiff::civil::Date;

use super::contact;
use super::lists::{Form, Lang, Lists};
use super::names::{business, person};
use super::rng::Rng;
use super::taxids;
use super::work::{self, Profile, shift};
use crate::model::{Client, ClientKind, MemberId, MonthDay};

/// The random stream clients are drawn from.
const STREAM: u64 = 1;

/// The number the first client gets; the others follow in order.
pub(crate) const FIRST_NUMBER: u64 = 1001;

/// Fiscal year ends other than December 31, for companies.
const OFF_CALENDAR: [(u8, u8); 8] = [
    (1, 31),
    (3, 31),
    (4, 30),
    (5, 31),
    (6, 30),
    (8, 31),
    (9, 30),
    (10, 31),
];

/// What every client is drawn against.
pub(crate) struct Context<'a> {
    pub(crate) seed: u64,
    pub(crate) today: Date,
    pub(crate) lists: &'a Lists,
    /// Active team members, weighted by how many clients they lead.
    pub(crate) leads: Vec<(u32, MemberId)>,
    /// Display names taken so far, lower-cased as the store compares them.
    pub(crate) names: HashSet<String>,
}

/// Client number `serial` (counting from 0).
pub(crate) fn client(serial: u64, cx: &mut Context<'_>) -> Client {
    let lists = cx.lists;
    let seed = cx.seed;
    let mut rng = Rng::for_item(seed, STREAM, serial);
    let city = rng.weighted(&lists.cities);
    let quebec = city.province == "QC";
    let lang = if rng.percent(city.french) {
        Lang::Fr
    } else {
        Lang::En
    };
    let inactive_since = rng
        .percent(5)
        .then(|| shift(cx.today, -rng.between(20, 1100)));
    let asof = inactive_since.unwrap_or(cx.today);
    let since = shift(asof, -rng.between(30, 12 * 365));

    let mut c = Client::new("");
    c.number = (!rng.percent(3)).then(|| (FIRST_NUMBER + serial).to_string());
    let mut form = None;
    let mut holding = false;
    let names: Vec<String>;
    if rng.percent(45) {
        c.kind = ClientKind::Individual;
        let p = person(&mut rng, lists, lang);
        let initial = rng
            .pick(lists.first_names(lang))
            .chars()
            .next()
            .unwrap_or('A');
        names = vec![
            p.filed_name(),
            format!("{}, {} {initial}.", p.last, p.first),
            format!("{} ({})", p.filed_name(), city.name),
        ];
        c.self_employed = rng.percent(25);
        if rng.percent(85) {
            c.email = contact::personal_email(&mut rng, &p, quebec);
        }
        if rng.percent(75) {
            c.mobile = contact::phone(&mut rng, city);
        }
        if rng.percent(40) {
            c.phone = contact::phone(&mut rng, city);
        }
        if rng.percent(65) {
            c.tax_ids.sin = taxids::sin(&mut rng, city.province, serial, seed);
        }
        if c.self_employed {
            c.fiscal_year_end = Some(MonthDay::DEC_31);
            if rng.percent(45) {
                register_sales_taxes(&mut c, &mut rng, quebec, serial, seed);
            }
        }
        c.first_name = p.first;
        c.last_name = p.last;
    } else {
        c.kind = ClientKind::Business;
        let b = business(&mut rng, lists, lang, city, serial, seed);
        form = Some(b.form);
        holding = b.holding;
        // A sole proprietor is self-employed: the owner's return is due
        // June 15.
        c.self_employed = b.form == Form::Sole;
        names = vec![b.name.clone(), format!("{} ({})", b.name, city.name)];
        let contact = rng.percent(80).then(|| person(&mut rng, lists, lang));
        // A family trust has no web domain; mail goes to the trustee.
        let slug = if b.form == Form::Trust {
            None
        } else {
            contact::web_slug(&b.name)
        };
        if rng.percent(90) {
            c.email = contact::business_email(&mut rng, slug.as_deref(), contact.as_ref(), lang);
        }
        if rng.percent(95) {
            c.phone = contact::phone(&mut rng, city);
            if rng.percent(10) {
                c.phone.push_str(&format!(" x{}", rng.between(10, 299)));
            }
        }
        if rng.percent(25) {
            c.mobile = contact::phone(&mut rng, city);
        }
        if let Some(slug) = &slug
            && rng.percent(40)
        {
            c.website = contact::website(&mut rng, slug);
        }
        business_ids(&mut c, &mut rng, b.form, quebec, serial, seed);
        c.fiscal_year_end = Some(if b.form == Form::Corp && rng.percent(40) {
            let (m, d) = *rng.pick(&OFF_CALENDAR);
            MonthDay { month: m, day: d }
        } else {
            MonthDay::DEC_31
        });
        if let Some(p) = contact {
            c.first_name = p.first;
            c.last_name = p.last;
        }
        c.company = b.name;
    }
    c.display_name = unique_name(&names, &mut cx.names);

    if rng.percent(95) {
        c.address.street = contact::street(&mut rng, lists, city, c.kind == ClientKind::Business);
        c.address.city = city.name.to_owned();
        c.address.province = city.province.to_owned();
        c.address.postal_code = contact::postal_code(&mut rng, city);
        c.address.country = "Canada".to_owned();
    }
    if rng.percent(15) {
        c.notes = rng.pick(lists.notes(lang)).clone();
    }
    if rng.percent(97) {
        c.lead = Some(*rng.weighted(&cx.leads));
        if rng.percent(20) {
            let other = *rng.weighted(&cx.leads);
            if Some(other) != c.lead {
                c.team_access.push(other);
            }
        }
    }

    // A family trust holds investments, like a holding company.
    let holding = holding || form == Some(Form::Trust);
    let profile = Profile {
        form,
        holding,
        quebec,
        lang,
        since,
        asof,
    };
    c.products = work::products(&mut rng, &c, &profile);
    let (mut returns, latest) = work::tax_returns(&mut rng, &c, &profile);
    c.documents = work::documents(&mut rng, &c, &profile, latest);
    if inactive_since.is_some() {
        // A client who left took its unfinished work elsewhere.
        returns.retain(|r| r.status.is_done());
    }
    c.tax_returns = returns;
    c.inactive_since = inactive_since;
    c
}

/// The first name not yet taken (ignoring case), else the last one with a
/// number added.
fn unique_name(candidates: &[String], taken: &mut HashSet<String>) -> String {
    for name in candidates {
        if taken.insert(name.to_lowercase()) {
            return name.clone();
        }
    }
    let last = candidates.last().map_or("Client", String::as_str);
    let mut n = 2;
    loop {
        let name = format!("{last} {n}");
        if taken.insert(name.to_lowercase()) {
            return name;
        }
        n += 1;
    }
}

/// Registers a client for GST/HST (and QST in Québec).
fn register_sales_taxes(c: &mut Client, rng: &mut Rng, quebec: bool, serial: u64, seed: u64) {
    let bn = taxids::business_number(rng, serial, seed);
    c.tax_ids.gst = taxids::gst(&bn);
    c.tax_ids.business_number = bn;
    if quebec {
        c.tax_ids.qst = taxids::qst(serial, seed);
    }
}

/// The identifiers a business holds, by legal form. Family trusts have a
/// trust account number, which cabinet does not keep.
fn business_ids(c: &mut Client, rng: &mut Rng, form: Form, quebec: bool, serial: u64, seed: u64) {
    let (neq_prefix, gst_share) = match form {
        Form::Corp => ("11", 85),
        Form::Sole => ("22", 55),
        Form::Partnership => ("33", 90),
        Form::Trust => return,
    };
    if rng.percent(gst_share) {
        register_sales_taxes(c, rng, quebec, serial, seed);
    } else if form != Form::Sole || rng.percent(30) {
        c.tax_ids.business_number = taxids::business_number(rng, serial, seed);
    }
    if quebec && (form != Form::Sole || rng.percent(70)) {
        c.tax_ids.neq = taxids::neq(neq_prefix, serial, seed);
    }
}
