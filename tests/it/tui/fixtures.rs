//! A small firm with a fixed clock and fixed data, shared by the view and
//! key tests: accents, CJK and emoji in names, an inactive client, an
//! overdue return, wholesale billing and a history.

use std::sync::Arc;

use cabinet::api::Firm;
use cabinet::api::local::{Core, LocalSession};
use cabinet::model::{
    BilledTo, Client, ClientKind, DocStatus, Document, Member, MonthDay, Product, QboProduct,
    ReturnStatus, Role, TaxForm, TaxReturn,
};
use cabinet::tui::Options;
use cabinet::tui::testing::Harness;
use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;

/// The day every test runs on: after the April 30 deadline.
pub const TODAY: Date = date(2026, 5, 4);

/// A firm in a temporary directory, with its sessions.
pub struct TestFirm {
    pub dir: tempfile::TempDir,
    pub core: Arc<Core>,
    /// Marie Côté, the admin.
    pub marie: LocalSession,
    /// Jean Tremblay, staff.
    pub jean: LocalSession,
}

impl TestFirm {
    /// Closes the firm and returns its directory (and the temporary
    /// directory holding it), for a process to open.
    pub fn close(self) -> (tempfile::TempDir, std::path::PathBuf) {
        let path = self.core.dir().to_owned();
        let TestFirm {
            dir,
            core,
            marie,
            jean,
        } = self;
        drop((marie, jean, core));
        (dir, path)
    }
}

fn clock() -> Box<dyn Fn() -> Timestamp + Send + Sync> {
    let t: Timestamp = "2026-05-04T13:30:00Z".parse().unwrap();
    Box::new(move || t)
}

/// Marie's login in the firms built here.
pub const MARIE: &str = "mcote";

/// An empty firm: Marie (admin), Jean and Sophie (staff).
pub fn empty() -> TestFirm {
    empty_as(MARIE)
}

/// An empty firm whose admin, Marie, signs in as `login`.
pub fn empty_as(login: &str) -> TestFirm {
    let dir = tempfile::tempdir().unwrap();
    let core =
        Core::open_with_clock(&dir.path().join("tremblay-cpa"), clock(), TimeZone::UTC).unwrap();
    let marie = core.session(login).unwrap();
    let mut me = marie.session().unwrap().me;
    me.name = "Marie Côté".into();
    marie.save_member(me).unwrap();
    let mut jean = Member::new("Jean Tremblay", "jtremblay");
    jean.role = Role::Staff;
    marie.save_member(jean).unwrap();
    marie
        .save_member(Member::new("Sophie Gagnon", "sgagnon"))
        .unwrap();
    let jean = core.session("jtremblay").unwrap();
    TestFirm {
        dir,
        core,
        marie,
        jean,
    }
}

fn member(s: &LocalSession, login: &str) -> u64 {
    s.team()
        .unwrap()
        .into_iter()
        .find(|m| m.login == login)
        .unwrap()
        .id
}

fn ret(year: i16, form: TaxForm, status: ReturnStatus) -> TaxReturn {
    TaxReturn {
        id: 0,
        year,
        form,
        status,
        due: None,
        filed: None,
    }
}

fn product(product: QboProduct, billed_to: BilledTo, cents: i64, discount: u8) -> Product {
    Product {
        id: 0,
        product,
        billed_to,
        list_price_cents: cents,
        discount_percent: discount,
        start: date(2024, 1, 15),
    }
}

/// The standard firm: a dozen clients.
pub fn firm() -> TestFirm {
    firm_as(MARIE)
}

/// The standard firm, with Marie signing in as `login`.
pub fn firm_as(login: &str) -> TestFirm {
    let f = empty_as(login);
    let s = &f.marie;
    let marie = member(s, login);
    let jean = member(s, "jtremblay");
    let sophie = member(s, "sgagnon");

    let mut c = Client::new("Plomberie Tremblay inc.");
    c.number = Some("1001".into());
    c.company = "Plomberie Tremblay inc.".into();
    c.first_name = "Luc".into();
    c.last_name = "Tremblay".into();
    c.email = "luc@plomberietremblay.ca".into();
    c.phone = "514-555-0100".into();
    c.website = "https://plomberietremblay.ca".into();
    c.address.street = "1234, rue Saint-Denis".into();
    c.address.city = "Montréal".into();
    c.address.province = "QC".into();
    c.address.postal_code = "H2X 3K2".into();
    c.address.country = "Canada".into();
    c.tax_ids.business_number = "123456782".into();
    c.tax_ids.gst = "123456782RT0001".into();
    c.tax_ids.qst = "1234567890TQ0001".into();
    c.tax_ids.neq = "1164512345".into();
    c.notes = "Prefers calls in the morning.\nYear-end binder in the blue cabinet.".into();
    c.lead = Some(marie);
    c.products = vec![
        product(QboProduct::Plus, BilledTo::Firm, 9000, 30),
        product(QboProduct::Payroll, BilledTo::Client, 4500, 0),
    ];
    c.documents = vec![
        Document {
            id: 0,
            title: "Bank statements 2025".into(),
            sent: date(2026, 2, 1),
            status: DocStatus::Requested,
            note: String::new(),
        },
        Document {
            id: 0,
            title: "T4 summary".into(),
            sent: date(2026, 2, 1),
            status: DocStatus::Received,
            note: "Scanned".into(),
        },
        Document {
            id: 0,
            title: "Vehicle log".into(),
            sent: date(2026, 3, 3),
            status: DocStatus::Requested,
            note: String::new(),
        },
    ];
    c.tax_returns = vec![
        TaxReturn {
            id: 0,
            filed: Some(date(2025, 5, 20)),
            ..ret(2024, TaxForm::T2, ReturnStatus::Accepted)
        },
        ret(2025, TaxForm::T2, ReturnStatus::InProgress),
    ];
    let plomberie = s.create(c).unwrap();
    let mut changed = plomberie.clone();
    changed.phone = "514-555-0199".into();
    s.update(changed).unwrap();

    let mut c = Client::new("Boulangerie Côté & Fils");
    c.number = Some("1002".into());
    c.lead = Some(jean);
    c.products = vec![product(QboProduct::Essentials, BilledTo::Client, 6000, 0)];
    c.tax_returns = vec![TaxReturn {
        id: 0,
        filed: Some(date(2026, 3, 2)),
        ..ret(2025, TaxForm::Co17, ReturnStatus::Filed)
    }];
    s.create(c).unwrap();

    let mut c = Client::new("Lévesque, Marie-Ève");
    c.kind = ClientKind::Individual;
    c.number = Some("1003".into());
    c.self_employed = true;
    c.lead = Some(marie);
    c.tax_returns = vec![ret(2025, TaxForm::T1, ReturnStatus::NotStarted)];
    s.create(c).unwrap();

    let mut c = Client::new("東京会計事務所 (Tokyo Kaikei)");
    c.number = Some("1004".into());
    c.products = vec![product(QboProduct::Advanced, BilledTo::Firm, 23500, 10)];
    s.create(c).unwrap();

    let mut c = Client::new("Café ☕ Chez Ginette 🍰");
    c.number = Some("1005".into());
    c.lead = Some(sophie);
    c.products = vec![product(QboProduct::SimpleStart, BilledTo::Client, 3500, 0)];
    c.documents = vec![Document {
        id: 0,
        title: "Sales journal".into(),
        sent: date(2026, 4, 1),
        status: DocStatus::Requested,
        note: String::new(),
    }];
    s.create(c).unwrap();

    let mut c = Client::new("Dupuis, Jean-François");
    c.kind = ClientKind::Individual;
    c.number = Some("1006".into());
    c.lead = Some(jean);
    c.tax_returns = vec![ret(2025, TaxForm::T1, ReturnStatus::InProgress)];
    s.create(c).unwrap();

    let mut c =
        Client::new("Les Entreprises Gagnon-Bélanger de la Rive-Sud inc. (division construction)");
    c.number = Some("1007".into());
    c.lead = Some(sophie);
    s.create(c).unwrap();

    let mut c = Client::new("Garage Pelletier");
    c.number = Some("1008".into());
    c.lead = Some(jean);
    let garage = s.create(c).unwrap();
    s.set_active(garage.id, false).unwrap();

    let mut c = Client::new("Ferme Bouchard S.E.N.C.");
    c.number = Some("1009".into());
    c.fiscal_year_end = MonthDay::new(3, 31);
    c.tax_returns = vec![ret(2025, TaxForm::T2, ReturnStatus::ReadyForReview)];
    c.lead = Some(marie);
    s.create(c).unwrap();

    let mut c = Client::new("Roy, Amélie");
    c.kind = ClientKind::Individual;
    c.number = Some("1010".into());
    s.create(c).unwrap();

    let mut c = Client::new("Clinique dentaire Fortin");
    c.number = Some("1011".into());
    c.lead = Some(sophie);
    c.products = vec![
        product(QboProduct::Advanced, BilledTo::Firm, 23500, 15),
        product(QboProduct::Payroll, BilledTo::Firm, 4500, 15),
    ];
    s.create(c).unwrap();

    let mut c = Client::new("Zoé Nguyễn Design");
    c.number = Some("1012".into());
    c.lead = Some(marie);
    s.create(c).unwrap();
    f
}

/// Options for tests: no colour unless asked, a fixed day, UTC.
pub fn options() -> Options {
    Options {
        color: false,
        mouse: true,
        today: Some(TODAY),
        time_zone: TimeZone::UTC,
        ..Options::default()
    }
}

/// The app on a session, at a screen size.
pub fn harness(session: &LocalSession, width: u16, height: u16) -> Harness {
    harness_with(session, &options(), width, height)
}

pub fn harness_with(session: &LocalSession, options: &Options, width: u16, height: u16) -> Harness {
    let firm: Arc<dyn Firm> = Arc::new(session.clone());
    Harness::new(firm, options, width, height).unwrap()
}
