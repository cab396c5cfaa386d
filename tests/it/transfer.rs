//! Import and export, run as a user would: real files, the real binary,
//! a temporary firm. Round trips of whole records (products, documents,
//! returns) are also checked in process, since the CLI cannot create those.

use std::sync::Arc;

use super::env::Env;
use cabinet::api::Firm;
use cabinet::api::local::Core;
use cabinet::model::{
    BilledTo, Client, ClientKind, DocStatus, Document, Member, MonthDay, Product, QboProduct,
    ReturnStatus, TaxForm, TaxReturn,
};
use cabinet::transfer::{self, ExportFormat, ImportOptions, NoProgress, OnDuplicate};
use jiff::civil::date;

fn names(env: &Env) -> Vec<String> {
    env.json(&["list", "--include-inactive", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn quickbooks_style_file_with_bom_crlf_and_french_headers() {
    let env = Env::new();
    env.ok(&["team", "add", "--name", "Jean Roy", "--login", "jroy"]);
    let file = env.file(
        "clients.csv",
        "\u{FEFF}Numéro de client;Nom;Type;Entreprise;Prénom;Nom de famille;Courriel;Téléphone;Cellulaire;\
         Site Web;Rue;Ville;Province;Code postal;Pays;Comptable responsable;Remarques;Solde\r\n\
         1001;Plomberie Tremblay inc.;Entreprise;Plomberie Tremblay;;;info@tremblay.ca;514-555-0199;;\
         https://tremblay.ca;\"1200, rue Principale\r\nbureau 3\";Laval;QC;H7A 1A1;Canada;Jean Roy;\"Client depuis 2019; paie par chèque\";0,00\r\n\
         1002;Lévesque, Marie-Ève;particulier;;Marie-Ève;Lévesque;me@levesque.ca;;438-555-0111;;;Québec;QC;G1R 2B5;Canada;jroy;;\r\n",
    );
    let out = env.ok(&["import", &file]);
    assert!(out.contains("UTF-8, semicolon-separated, 2 rows"), "{out}");
    assert!(out.contains("Courriel → email"), "{out}");
    assert!(out.contains("Not read: Solde"), "{out}");
    assert!(
        out.contains("Imported: 2 created, 0 updated, 0 skipped, 0 invalid"),
        "{out}"
    );

    let p = env.json(&["show", "1001", "--json"]);
    assert_eq!(p["name"], "Plomberie Tremblay inc.");
    assert_eq!(p["kind"], "business");
    assert_eq!(p["company"], "Plomberie Tremblay");
    assert_eq!(p["address"]["street"], "1200, rue Principale\nbureau 3");
    assert_eq!(p["address"]["postal_code"], "H7A 1A1");
    assert_eq!(p["website"], "https://tremblay.ca");
    assert_eq!(p["notes"], "Client depuis 2019; paie par chèque");
    assert_eq!(p["lead"], "jroy");
    let m = env.json(&["show", "Lévesque, Marie-Ève", "--json"]);
    assert_eq!(m["number"], "1002");
    assert_eq!(m["kind"], "individual");
    assert_eq!(m["first_name"], "Marie-Ève");
    assert_eq!(m["mobile"], "438-555-0111");
    assert_eq!(m["address"]["city"], "Québec");
    // Each imported client has its history entry, and the file checks out.
    let check = env.json(&["check", "--json"]);
    assert_eq!(check["history_entries"], 2);
    assert_eq!(check["problems"].as_array().unwrap().len(), 0);
}

#[test]
fn quickbooks_online_english_export() {
    let env = Env::new();
    let file = env.file(
        "qbo.csv",
        "Display Name,Company,Email,Phone,Mobile,Fax,Website,Street,City,State,ZIP,Country,Resale Number,Notes,Open Balance\n\
         \"Dupuis & Fils, Ltée\",Dupuis & Fils,compta@dupuis.ca,(450) 555-0123,,450-555-0124,http://dupuis.ca,\
         12 boul. Industriel,Terrebonne,QC,J6W 1A1,Canada,123456782 RT 0001,\"Says \"\"hi\"\"\",1250.00\n",
    );
    env.ok(&["import", &file]);
    let c = env.json(&["show", "Dupuis & Fils, Ltée", "--json"]);
    assert_eq!(c["tax_ids"]["gst"], "123456782RT0001");
    assert_eq!(c["notes"], "Says \"hi\"\nFax: 450-555-0124");
    assert_eq!(c["address"]["province"], "QC");
    assert_eq!(c["address"]["postal_code"], "J6W 1A1");
}

#[test]
fn semicolon_file_in_windows_1252() {
    let env = Env::new();
    let text = "Nom;Ville;Courriel;Remarques\r\n\
                Côté Œuvres inc.;Montréal;;Payé 1 200 € en août\r\n\
                Garçon & Frères;Trois-Rivières;info@garcon.ca;\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the test file must not be UTF-8"
    );
    let file = env.file("excel.csv", &bytes);
    let out = env.ok(&["import", &file]);
    assert!(
        out.contains("Windows-1252, semicolon-separated, 2 rows"),
        "{out}"
    );
    assert_eq!(names(&env), ["Côté Œuvres inc.", "Garçon & Frères"]);
    let c = env.json(&["show", "Côté Œuvres inc.", "--json"]);
    assert_eq!(c["address"]["city"], "Montréal");
    assert_eq!(c["notes"], "Payé 1 200 € en août");
}

#[test]
fn a_hostile_file_is_reported_line_by_line_and_nothing_is_written() {
    let env = Env::new();
    env.ok(&["add", "--name", "Existing", "--number", "1001"]);
    let before = env.clients();
    let long_name = "A".repeat(10_000);
    let long_company = "B".repeat(10_000);
    let long_notes = "n".repeat(10_001);
    let text = format!(
        "Name,Client Number,Company,Notes\n\
         Good One,2001,,\n\
         \"Evil\x1b[2J\x1b]0;pwned\x07\",2002,,\n\
         \"Bidi \u{202E}gnp.exe\",2003,,\n\
         \"{long_name}\",2004,,\n\
         Long Company,2005,\"{long_company}\",\n\
         Long Notes,2006,,\"{long_notes}\"\n\
         \"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",2007,\"+cmd|' /C calc'!A0\",\n\
         Dup A,2008,,\n\
         Dup B,2008,,\n\
         Clash With Firm,1001,,\n\
         \"Tab\tName\",2009,,\n"
    );
    let file = env.file("hostile.csv", &text);

    let (out, err) = env.fails(2, &["import", &file]);
    assert!(
        err.contains("nothing was imported: 8 rows are invalid"),
        "{err}"
    );
    assert!(
        err.contains("--skip-invalid to import the 3 valid rows"),
        "{err}"
    );
    for (line, expected) in [
        ("line 3, Name (name)", "(U+001B)"),
        ("line 4, Name (name)", "(U+202E)"),
        ("line 5, Name (name)", "is longer than 100 characters"),
        ("line 6, Company (company)", "is longer than 50 characters"),
        ("line 7, Notes (notes)", "is longer than 10000 characters"),
        (
            "line 10, Client Number (number)",
            "is the same as on line 9",
        ),
        (
            "line 11, Client Number (number)",
            "is already used by Existing",
        ),
        ("line 12, Name (name)", "(U+0009)"),
    ] {
        assert!(
            out.lines()
                .any(|l| l.contains(line) && l.contains(expected)),
            "missing {line}: {expected} in\n{out}"
        );
    }
    assert!(
        !out.contains('\x1b') && !err.contains('\x1b'),
        "raw escape printed"
    );
    assert!(!out.contains('\u{202E}'), "raw bidi override printed");
    assert!(out.len() < 20_000, "the report echoes whole fields");
    assert_eq!(env.clients(), before, "a refused import changed the firm");

    // The JSON report says the same, for scripts.
    let o = env.cmd(&["import", &file, "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["invalid"], 8);
    assert_eq!(r["created"], 3);
    assert_eq!(r["refused"], true);
    assert_eq!(r["written"], false);
    let mut lines: Vec<u64> = r["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["line"].as_u64().unwrap())
        .collect();
    lines.dedup();
    assert_eq!(lines, [3, 4, 5, 6, 7, 10, 11, 12]);
    assert_eq!(env.clients(), before);

    // With --skip-invalid the three valid rows go in, and the formula cells
    // come out of an export neutralised.
    let out = env.ok(&["import", &file, "--skip-invalid"]);
    assert!(out.contains("Imported: 3 created"), "{out}");
    assert_eq!(names(&env).len(), 4);
    let csv = env.ok(&["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| r[15] == *"2007")
        .unwrap();
    assert_eq!(&row[0], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    assert_eq!(&row[1], "'+cmd|' /C calc'!A0");
}

#[test]
fn duplicates_are_failed_skipped_or_updated() {
    let env = Env::new();
    env.ok(&[
        "add",
        "--name",
        "Alpha",
        "--number",
        "1001",
        "--phone",
        "514-555-0100",
    ]);
    env.ok(&["add", "--name", "Charlie"]);
    let file = env.file(
        "update.csv",
        "Client Number,Name,Email,Phone\n\
         1001,Alpha,alpha@example.com,\n\
         ,charlie,charlie@example.com,450-555-0100\n\
         3003,Delta,,\n",
    );

    let (out, err) = env.fails(2, &["import", &file]);
    assert!(
        out.contains("line 2, Client Number (number) \"1001\": is already used by Alpha"),
        "{out}"
    );
    assert!(
        out.contains("line 3, Name (name) \"charlie\": is already used by Charlie"),
        "{out}"
    );
    assert!(err.contains("--on-duplicate skip"), "{err}");

    let out = env.ok(&["import", &file, "--on-duplicate", "skip", "--dry-run"]);
    assert!(
        out.contains("would give: 1 created, 0 updated, 2 skipped"),
        "{out}"
    );
    assert!(
        out.contains("line 2: skipped, already in the firm as Alpha"),
        "{out}"
    );
    assert_eq!(names(&env), ["Alpha", "Charlie"]);

    let out = env.ok(&["import", &file, "--on-duplicate", "update"]);
    assert!(
        out.contains("Imported: 1 created, 2 updated, 0 skipped"),
        "{out}"
    );
    let a = env.json(&["show", "1001", "--json"]);
    assert_eq!(a["email"], "alpha@example.com");
    // An empty cell never erases what the firm has.
    assert_eq!(a["phone"], "514-555-0100");
    assert_eq!(a["version"], 2);
    let c = env.json(&["show", "Charlie", "--json"]);
    assert_eq!(c["phone"], "450-555-0100");
    assert_eq!(
        c["name"], "Charlie",
        "a match by name keeps the firm's spelling"
    );

    let out = env.ok(&["import", &file, "--on-duplicate", "update"]);
    assert!(out.contains("0 created, 0 updated, 3 skipped"), "{out}");
    assert!(out.contains("already up to date"), "{out}");
}

#[test]
fn csv_and_json_exports_import_back_into_an_empty_firm() {
    let a = Env::new();
    a.ok(&["team", "add", "--name", "Jean Roy", "--login", "jroy"]);
    a.ok(&[
        "add",
        "--name",
        "Plomberie Tremblay inc.",
        "--number",
        "1001",
        "--phone",
        "+1 514-555-0199",
        "--email",
        "info@tremblay.ca",
        "--set",
        "street=1200, rue Principale\nbureau 3",
        "--set",
        "city=Laval",
        "--set",
        "website=https://tremblay.ca",
    ]);
    a.ok(&[
        "add",
        "--name",
        "=SUM(A1:A9)",
        "--number=-42",
        "--company",
        "@Risky",
        "--set",
        "notes=line one\nline \"two\", with a comma; and a semicolon",
    ]);
    a.ok(&[
        "add",
        "--name",
        "Lévesque, Marie-Ève",
        "--type",
        "individual",
        "--lead",
        "jroy",
        "--first-name",
        "Marie-Ève",
        "--set",
        "sin=130 692 544",
        "--set",
        "fiscal_year_end=03-31",
        "--set",
        "self_employed=yes",
        "--set",
        "gst=123456782 RT 0001",
        "--set",
        "qst=1234567890TQ0001",
        "--set",
        "neq=1164512345",
        "--set",
        "business_number=123456782",
    ]);
    a.ok(&["add", "--name", "Ancien client", "--number", "999"]);
    a.ok(&["deactivate", "999"]);
    let original = a.clients();
    assert_eq!(original.len(), 4);

    for format in ["csv", "json"] {
        let file = a.path(&format!("export.{format}"));
        let file = file.to_str().unwrap();
        let (_, out) = a.ok2(&[
            "export",
            "--format",
            format,
            "--include-inactive",
            "--include-sin",
            "-o",
            file,
        ]);
        assert!(out.contains("Exported 4 clients"), "{out}");
        // An export holds personal data: its owner's alone.
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{format}: {mode:o}");

        let b = Env::new();
        b.ok(&["team", "add", "--name", "Jean Roy", "--login", "jroy"]);
        let out = b.ok(&["import", file]);
        assert!(out.contains("Imported: 4 created"), "{format}: {out}");
        assert_eq!(b.clients(), original, "{format} round trip");
    }

    // Without --include-sin, SINs leave masked.
    let masked = a.ok(&["export", "--format", "csv", "--include-inactive"]);
    let sins: Vec<&str> = original
        .iter()
        .filter_map(|c| c["tax_ids"]["sin"].as_str())
        .filter(|s| !s.is_empty())
        .collect();
    assert!(!sins.is_empty());
    for sin in sins {
        assert!(sin.starts_with('•'), "show --json masks the SIN: {sin}");
        assert!(masked.contains(sin), "the export holds the masked SIN");
    }
    // A masked SIN cannot make a new client: the row says so.
    let file = a.file("masked.csv", &masked);
    let b = Env::new();
    b.ok(&["team", "add", "--name", "Jean Roy", "--login", "jroy"]);
    let (out, _) = b.fails(2, &["import", &file]);
    assert!(
        out.contains("SIN (sin): is masked, as exports show it"),
        "{out}"
    );

    // Without --include-inactive the inactive client stays home.
    let active = a.ok(&["export", "--format", "csv"]);
    assert!(!active.contains("Ancien client"));
    assert!(active.starts_with("\u{FEFF}Name,Company,First Name,Last Name,Email,Phone"));
}

#[test]
fn rows_too_large_for_one_frame_together_go_to_the_server_in_smaller_pieces() {
    let env = Env::new();
    // 2,000 rows (one piece by their count) of 9,000 characters of notes:
    // 18 MB, more than one frame carries (16 MiB). Pieces are cut by the
    // file's bytes too, so the import goes through.
    let notes = "Suivi mensuel. ".repeat(600);
    let mut csv = String::from("Name,Notes\n");
    for i in 0..2000 {
        csv.push_str(&format!("Client {i},{notes}\n"));
    }
    let file = env.file("long-notes.csv", &csv);
    let out = env.ok(&["import", &file]);
    assert!(out.contains("2,000"), "{out}");
    let listed = env.json(&["list", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 2000);
}

#[test]
fn unreadable_files_are_refused_with_the_reason() {
    let env = Env::new();
    let (_, err) = env.fails(2, &["import", &env.file("empty.csv", "")]);
    assert!(err.contains("the file is empty"), "{err}");
    let (_, err) = env.fails(2, &["import", &env.file("x.csv", "Balance;Terms\n1;2\n")]);
    assert!(err.contains("no column holds the client's name"), "{err}");
    assert!(err.contains("found: Balance, Terms"), "{err}");
    let (_, err) = env.fails(2, &["import", &env.file("x.json", "[{\"name\": 3}]")]);
    assert!(err.contains("the JSON cannot be read: line 1"), "{err}");
    let (_, err) = env.fails(2, &["import", "/nonexistent/clients.csv"]);
    assert!(err.contains("/nonexistent/clients.csv"), "{err}");
    assert!(names(&env).is_empty());
}

#[test]
fn an_unclosed_quote_is_refused_naming_the_line_it_opens_on() {
    let env = Env::new();
    let (_, err) = env.fails(
        2,
        &[
            "import",
            &env.file("q.csv", "Name,Notes\nA,\"oops\nB,x\nC,y\n"),
        ],
    );
    assert!(
        err.contains("the quote that opens on line 2 is never closed"),
        "{err}"
    );
    let mut huge = String::from("Name,Notes\nA,x\nB,\"never closed");
    huge.push_str(&"\n".repeat(200_000));
    let (_, err) = env.fails(2, &["import", &env.file("huge.csv", huge)]);
    assert!(err.contains("opens on line 3"), "{err}");
    assert!(names(&env).is_empty(), "nothing imported");
}

#[test]
fn a_file_mixing_utf8_and_windows_1252_is_refused_naming_lines_of_each() {
    let env = Env::new();
    let mut bytes = b"Name,City\n".to_vec();
    bytes.extend_from_slice("Côté inc.,Laval\n".as_bytes());
    bytes.extend_from_slice(b"Gagn\xe9 lt\xe9e,Qu\xe9bec\n");
    let (_, err) = env.fails(2, &["import", &env.file("mixed.csv", bytes)]);
    assert!(
        err.contains("lines 2 are UTF-8 but lines 3 are not"),
        "{err}"
    );
    assert!(names(&env).is_empty(), "nothing imported");
    // A file wholly in Windows-1252 still reads.
    let latin = b"Name,City\nGagn\xe9 lt\xe9e,Qu\xe9bec\n".to_vec();
    env.ok(&["import", &env.file("latin.csv", latin)]);
    assert_eq!(names(&env), ["Gagné ltée"]);
}

#[test]
fn each_problem_names_the_value_at_fault_and_websites_gain_a_scheme() {
    let env = Env::new();
    let file = env.file(
        "bad.csv",
        "Name,Phone,Postal Code,Country,Lead,Website\n\
         A,abc,ZZZ ZZZ,Canada,nobody,www.tremblay.ca\n\
         B,514-555-0199,h3g1k4,Canada,,www.b.ca\n",
    );
    let (out, err) = env.fails(2, &["import", &file]);
    let all = format!("{out}{err}");
    assert!(
        all.contains("Phone (phone) \"abc\": must be a phone number"),
        "{all}"
    );
    assert!(
        all.contains("\"ZZZ ZZZ\": must be a Canadian postal code"),
        "{all}"
    );
    assert!(all.contains("Lead (lead) \"nobody\""), "{all}");
    env.ok(&["import", "--skip-invalid", &file]);
    let b = env.json(&["show", "B", "--json"]);
    assert_eq!(b["website"], "https://www.b.ca");
    assert_eq!(b["address"]["postal_code"], "H3G 1K4");
}

#[test]
fn contradictions_and_impossible_amounts_are_refused_with_their_values() {
    let env = Env::new();
    let json = r#"[{"name": "Alpha", "products": [{"product": "Online Plus", "billed_to": "firm",
        "list_price_cents": 9223372036854775807, "discount_percent": 0, "start": "2025-01-01"}],
        "tax_returns": [
          {"year": 2025, "form": "T2", "status": "filed"},
          {"year": 2025, "form": "T2", "status": "not-started", "filed": "2026-01-02"}]},
      {"name": "Bravo", "phone": "abc", "address": {"street": "", "city": "", "province": "XX",
        "postal_code": "Montréal", "country": "Canada"}}]"#;
    let (out, _) = env.fails(2, &["import", &env.file("bad.json", json)]);
    for expected in [
        "\"9223372036854775807\": must be at most $10,000.00",
        "return 1 filed",
        "is required once the return is filed or accepted",
        "repeats the 2025 T2 return",
        "must be empty until the return is filed or accepted",
        "phone \"abc\": must be a phone number",
        "province \"XX\": must be a province or territory of Canada",
        "postal_code \"Montréal\": must be a Canadian postal code",
    ] {
        assert!(out.contains(expected), "{expected:?} in:\n{out}");
    }
    assert!(names(&env).is_empty(), "nothing imported");
    env.ok(&["billing"]);
}

/// A firm in a temporary directory, signed in as marie.
fn firm(dir: &std::path::Path) -> (Arc<Core>, Arc<dyn Firm>) {
    let core = Core::open(dir).unwrap();
    let s = core.session("marie").unwrap();
    (core, Arc::new(s))
}

/// A client with every kind of item, to check that nothing is lost.
fn full_client(lead: &Member) -> Client {
    let mut c = Client::new("Boulangerie Côté inc.");
    c.number = Some("B-17".into());
    c.kind = ClientKind::Business;
    c.company = "Boulangerie Côté".into();
    c.email = "compta@cote.ca".into();
    c.address.street = "4 rue du Pain\nlocal 2".into();
    c.address.city = "Sherbrooke".into();
    c.tax_ids.business_number = "123456782".into();
    c.fiscal_year_end = MonthDay::new(6, 30);
    c.notes = "Inventaire en juin.".into();
    c.lead = Some(lead.id);
    c.team_access = vec![lead.id];
    c.products = vec![
        Product {
            id: 0,
            product: QboProduct::Plus,
            billed_to: BilledTo::Firm,
            list_price_cents: 8_500,
            discount_percent: 30,
            start: date(2024, 1, 1),
        },
        Product {
            id: 0,
            product: QboProduct::Other("Dext".into()),
            billed_to: BilledTo::Client,
            list_price_cents: 3_000,
            discount_percent: 0,
            start: date(2025, 3, 15),
        },
    ];
    c.documents = vec![Document {
        id: 0,
        title: "Relevés bancaires".into(),
        sent: date(2026, 1, 10),
        status: DocStatus::Received,
        note: "Manque mars".into(),
    }];
    c.tax_returns = vec![
        TaxReturn {
            id: 0,
            year: 2025,
            form: TaxForm::T2,
            status: ReturnStatus::InProgress,
            due: None,
            filed: None,
        },
        TaxReturn {
            id: 0,
            year: 2025,
            form: TaxForm::Co17,
            status: ReturnStatus::Filed,
            due: Some(date(2026, 2, 1)),
            filed: Some(date(2026, 1, 20)),
        },
    ];
    c
}

/// The firm's clients without what the store assigns.
fn contents(firm: &dyn Firm) -> Vec<Client> {
    let page = firm
        .query(&cabinet::model::ViewQuery {
            include_inactive: true,
            ..cabinet::model::ViewQuery::all()
        })
        .unwrap();
    page.rows
        .iter()
        .map(|r| {
            let mut c = firm.get(r.id).unwrap();
            c.id = 0;
            c.version = 0;
            c.created = None;
            c.updated = None;
            c
        })
        .collect()
}

#[test]
fn whole_records_survive_a_json_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (_a_core, a) = firm(&dir.path().join("a"));
    let jroy = a.save_member(Member::new("Jean Roy", "jroy")).unwrap();
    a.create(full_client(&jroy)).unwrap();
    let mut gone = Client::new("Ancien");
    gone.inactive_since = Some(date(2025, 12, 31));
    a.create(gone).unwrap();
    let original = contents(a.as_ref());

    let mut json = Vec::new();
    let n = transfer::export(
        a.as_ref(),
        ExportFormat::Json,
        true,
        date(2026, 5, 1),
        &mut json,
    )
    .unwrap();
    assert_eq!(n, 2);

    let (_b_core, b) = firm(&dir.path().join("b"));
    let b_jroy = b.save_member(Member::new("Jean Roy", "jroy")).unwrap();
    assert_eq!(b_jroy.id, jroy.id, "the test relies on equal member ids");
    let report =
        transfer::import(b.as_ref(), &json, &ImportOptions::default(), &NoProgress).unwrap();
    assert!(report.written);
    assert_eq!(report.created, 2);
    assert_eq!(contents(b.as_ref()), original);

    // Importing the same file again with updates changes nothing.
    let opts = ImportOptions {
        on_duplicate: OnDuplicate::Update,
        ..ImportOptions::default()
    };
    let again = transfer::import(b.as_ref(), &json, &opts, &NoProgress).unwrap();
    assert_eq!((again.updated, again.skipped), (0, 2));
    assert_eq!(contents(b.as_ref()), original);
}

#[test]
fn the_import_call_is_all_or_nothing() {
    use cabinet::api::{ApiError, Event, ImportCount};
    let dir = tempfile::tempdir().unwrap();
    let (_core, f) = firm(&dir.path().join("a"));
    let alpha = f.create(Client::new("Alpha")).unwrap();
    let mut changed = alpha.clone();
    changed.phone = "514-555-0100".into();
    let good = Client::new("Bravo");
    let mut bad = Client::new("Charlie");
    bad.email = "nope".into();

    match f.import(vec![good.clone(), bad], vec![changed.clone()]) {
        Err(ApiError::Invalid(errors)) => {
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].field, "client 2 (Charlie) email");
        }
        other => panic!("expected invalid, got {other:?}"),
    }
    assert_eq!(f.get(alpha.id).unwrap().phone, "");
    assert!(f.find("Bravo").is_err());

    // An update made on an old version is a conflict, and nothing is written.
    let mut other = alpha.clone();
    other.email = "alpha@example.com".into();
    f.update(other).unwrap();
    assert!(matches!(
        f.import(vec![good.clone()], vec![changed]),
        Err(ApiError::Conflict { .. })
    ));
    assert!(f.find("Bravo").is_err());

    // A sound batch goes in whole, and every session hears of each client.
    let events = f.subscribe().unwrap();
    let mut current = f.get(alpha.id).unwrap();
    current.phone = "514-555-0100".into();
    let count = f.import(vec![good], vec![current]).unwrap();
    assert_eq!(
        count,
        ImportCount {
            created: 1,
            updated: 1
        }
    );
    match events.try_recv() {
        Ok(Event::Clients { changed, .. }) => assert_eq!(changed.len(), 2),
        other => panic!("expected a change event, got {other:?}"),
    }
    let a = f.get(alpha.id).unwrap();
    assert_eq!(
        (a.phone.as_str(), a.email.as_str(), a.version),
        ("514-555-0100", "alpha@example.com", 3)
    );
    let history = f.audit(alpha.id).unwrap();
    assert_eq!(
        history.last().unwrap().action,
        cabinet::model::AuditAction::Imported
    );
}

#[test]
fn staff_imports_follow_the_same_rules_as_their_edits() {
    use cabinet::api::ApiError;
    use cabinet::transfer::TransferError;
    let dir = tempfile::tempdir().unwrap();
    let (core, marie) = firm(&dir.path().join("a"));
    marie.save_member(Member::new("Bob Roy", "bob")).unwrap();
    let bob = core.session("bob").unwrap();
    let opts = ImportOptions::default();

    let r = transfer::import(&bob, b"Name,Lead\nAlpha,marie\n", &opts, &NoProgress);
    assert!(
        matches!(r, Err(TransferError::Api(ApiError::Forbidden { .. }))),
        "{r:?}"
    );
    let r = transfer::import(&bob, b"Name,Lead\nAlpha,bob\nBravo,\n", &opts, &NoProgress).unwrap();
    assert_eq!(r.created, 2);

    let r = transfer::import(
        &bob,
        b"Name,Lead\nAlpha,marie\n",
        &ImportOptions {
            on_duplicate: OnDuplicate::Update,
            ..opts
        },
        &NoProgress,
    );
    assert!(
        matches!(r, Err(TransferError::Api(ApiError::Forbidden { .. }))),
        "{r:?}"
    );
    assert_eq!(marie.find("Alpha").unwrap().version, 1);
}
