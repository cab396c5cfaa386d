//! The firm's clients out, as CSV for QuickBooks and spreadsheets, or as
//! JSON carrying every field.
//!
//! The CSV starts with QuickBooks Online's customer columns, so it can be
//! imported there as it is, followed by cabinet's own columns, so that
//! importing it back into cabinet gives the same clients. It is UTF-8
//! with a byte-order mark and CRLF line ends, which Excel opens with
//! accents intact. Any cell a spreadsheet would run as a formula is
//! prefixed with `'`. Products, documents and tax returns, which are
//! lists, are only in the JSON.

use std::io::Write;

use jiff::civil::Date;

use super::columns::Target;
use super::{FORMULA_STARTS, TransferError};
use crate::api::Firm;
use crate::cli::json::ClientJson;
use crate::model::{Client, Field, Member, ViewQuery};

/// The two export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// The CSV's columns, in order: QuickBooks' own, then cabinet's.
pub const CSV_COLUMNS: [(&str, Target); 25] = {
    use Field::*;
    use Target::Field as F;
    [
        ("Name", F(Name)),
        ("Company", F(Company)),
        ("First Name", F(FirstName)),
        ("Last Name", F(LastName)),
        ("Email", F(Email)),
        ("Phone", F(Phone)),
        ("Mobile", F(Mobile)),
        ("Website", F(Website)),
        ("Street", F(Street)),
        ("City", F(City)),
        ("Province", F(Province)),
        ("Postal Code", F(PostalCode)),
        ("Country", F(Country)),
        ("Tax ID", F(BusinessNumber)),
        ("Notes", F(Notes)),
        ("Client Number", F(Number)),
        ("Type", F(Kind)),
        ("Lead", F(Lead)),
        ("NEQ", F(Neq)),
        ("GST", F(Gst)),
        ("QST", F(Qst)),
        ("SIN", F(Sin)),
        ("Fiscal Year End", F(FiscalYearEnd)),
        ("Self-Employed", F(SelfEmployed)),
        ("Inactive Since", Target::InactiveSince),
    ]
};

/// Writes the firm's clients (active ones, or all) in name order, SINs
/// masked. Returns how many were written.
pub fn export(
    firm: &dyn Firm,
    format: ExportFormat,
    include_inactive: bool,
    today: Date,
    out: &mut dyn Write,
) -> Result<usize, TransferError> {
    export_with(firm, format, include_inactive, false, today, out)
}

/// [`export`], with each SIN in full when `include_sin`: every one is
/// revealed through the firm, which records it in the client's history.
pub fn export_with(
    firm: &dyn Firm,
    format: ExportFormat,
    include_inactive: bool,
    include_sin: bool,
    today: Date,
    out: &mut dyn Write,
) -> Result<usize, TransferError> {
    let team = firm.team()?;
    let page = firm.query(&ViewQuery {
        include_inactive,
        ..ViewQuery::all()
    })?;
    let mut clients = Vec::with_capacity(page.rows.len());
    for row in &page.rows {
        let mut c = firm.get(row.id)?;
        if include_sin && !c.tax_ids.sin.is_empty() {
            c.tax_ids.sin = firm.reveal_sin(c.id)?;
        }
        clients.push(c);
    }
    match format {
        ExportFormat::Csv => write_csv(&clients, &team, out)?,
        ExportFormat::Json => {
            let rows: Vec<ClientJson> = clients
                .iter()
                .map(|c| ClientJson::new(c, &team, today))
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rows).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
    }
    Ok(clients.len())
}

/// Writes clients as CSV.
pub fn write_csv(
    clients: &[Client],
    team: &[Member],
    out: &mut dyn Write,
) -> Result<(), TransferError> {
    out.write_all("\u{FEFF}".as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let csv_err = |e: csv::Error| TransferError::Csv(e.to_string());
    w.write_record(CSV_COLUMNS.iter().map(|(h, _)| *h))
        .map_err(csv_err)?;
    for c in clients {
        w.write_record(CSV_COLUMNS.iter().map(|(_, t)| {
            let v = match t {
                Target::Field(f) => f.get(c, team),
                Target::InactiveSince => {
                    c.inactive_since.map(|d| d.to_string()).unwrap_or_default()
                }
                Target::TaxId | Target::Fax => String::new(),
            };
            neutralise(v)
        }))
        .map_err(csv_err)?;
    }
    w.flush()?;
    Ok(())
}

/// Prefixes `'` to a cell a spreadsheet would run as a formula, and to
/// one that already starts with `'` before such a character, so the
/// import can take exactly one `'` back off.
pub fn neutralise(v: String) -> String {
    if is_risky(&v) { format!("'{v}") } else { v }
}

/// True for a cell that starts a formula, or that starts with `'` before
/// a formula character.
pub fn is_risky(v: &str) -> bool {
    v.starts_with(FORMULA_STARTS)
        || v.strip_prefix('\'')
            .is_some_and(|r| r.starts_with(FORMULA_STARTS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::columns::target;
    use crate::transfer::csv_in::unneutralise;

    #[test]
    fn every_column_reads_back_into_its_own_field() {
        for (header, t) in CSV_COLUMNS {
            let back = target(header).unwrap_or_else(|| panic!("{header} is not read back"));
            match t {
                Target::Field(Field::BusinessNumber) => assert_eq!(back, Target::TaxId),
                _ => assert_eq!(back, t, "{header}"),
            }
        }
    }

    #[test]
    fn formulas_are_neutralised_and_read_back() {
        for v in [
            "=HYPERLINK(\"x\")",
            "+1 514",
            "-3",
            "@SUM(A1)",
            "\tx",
            "'=x",
            "plain",
            "'tis",
        ] {
            let out = neutralise(v.to_owned());
            assert!(!out.starts_with(FORMULA_STARTS), "{out:?}");
            assert_eq!(unneutralise(&out), v);
        }
        assert_eq!(neutralise("=1+1".into()), "'=1+1");
        assert_eq!(neutralise("Côté".into()), "Côté");
    }
}
