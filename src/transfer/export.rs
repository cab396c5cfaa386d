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
use crate::api::pages::each_page;
use crate::json::ClientJson;
use crate::model::{Client, Field, Member, ViewQuery};

/// The two export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// The CSV's columns, in order: QuickBooks' own, then cabinet's.
pub(crate) const CSV_COLUMNS: [(&str, Target); 25] = {
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

/// How many summaries are asked for at a time to learn the order.
const ORDER_PAGE: usize = 20_000;
/// How many whole records are asked for at a time.
const RECORD_PIECE: usize = 1000;

/// Writes the firm's clients (active ones, or all) in name order, a piece
/// at a time as they come from the firm: the whole firm is never held at
/// once. SINs are masked. Returns how many were written.
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
pub(crate) fn export_with(
    firm: &dyn Firm,
    format: ExportFormat,
    include_inactive: bool,
    include_sin: bool,
    today: Date,
    out: &mut dyn Write,
) -> Result<usize, TransferError> {
    let team = firm.team()?;
    match format {
        ExportFormat::Csv => {
            let mut w = csv_writer(out)?;
            let n = pieces(firm, include_inactive, include_sin, &mut |clients| {
                for c in clients {
                    write_row(&mut w, c, &team)?;
                }
                Ok(())
            })?;
            w.flush()?;
            Ok(n)
        }
        ExportFormat::Json => {
            use serde::ser::{SerializeSeq, Serializer};
            let json = |e: serde_json::Error| TransferError::Io(std::io::Error::from(e));
            let mut ser = serde_json::Serializer::pretty(&mut *out);
            let mut seq = ser.serialize_seq(None).map_err(json)?;
            let n = pieces(firm, include_inactive, include_sin, &mut |clients| {
                for c in clients {
                    seq.serialize_element(&ClientJson::new(c, &team, today))
                        .map_err(json)?;
                }
                Ok(())
            })?;
            seq.end().map_err(json)?;
            writeln!(out)?;
            Ok(n)
        }
    }
}

/// Hands the firm's clients to `f` in name order, a piece at a time.
/// Returns how many there were.
fn pieces(
    firm: &dyn Firm,
    include_inactive: bool,
    include_sin: bool,
    f: &mut dyn FnMut(&[Client]) -> Result<(), TransferError>,
) -> Result<usize, TransferError> {
    let list = ViewQuery {
        include_inactive,
        limit: ORDER_PAGE,
        ..ViewQuery::default()
    };
    each_page(firm, &list, |page| {
        let ids: Vec<_> = page.rows.iter().map(|r| r.id).collect();
        for piece in ids.chunks(RECORD_PIECE) {
            let mut clients = firm.get_many(piece)?;
            // Each SIN in full is asked for, and so recorded.
            if include_sin {
                let mut with: Vec<&mut Client> = clients
                    .iter_mut()
                    .filter(|c| !c.tax_ids.sin.is_empty())
                    .collect();
                let ids: Vec<crate::model::ClientId> = with.iter().map(|c| c.id).collect();
                for (c, sin) in with.iter_mut().zip(firm.reveal_sins(&ids)?) {
                    c.tax_ids.sin = sin;
                }
            }
            f(&clients)?;
        }
        Ok(())
    })
}

/// A CSV writer that has written the byte-order mark and the header.
fn csv_writer(out: &mut dyn Write) -> Result<csv::Writer<&mut dyn Write>, TransferError> {
    out.write_all("\u{FEFF}".as_bytes())?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(CSV_COLUMNS.iter().map(|(h, _)| *h))
        .map_err(csv_err)?;
    Ok(w)
}

fn csv_err(e: csv::Error) -> TransferError {
    TransferError::Csv(e.to_string())
}

/// Writes one client as a CSV line.
fn write_row(
    w: &mut csv::Writer<&mut dyn Write>,
    c: &Client,
    team: &[Member],
) -> Result<(), TransferError> {
    w.write_record(CSV_COLUMNS.iter().map(|(_, t)| {
        let v = match t {
            Target::Field(f) => f.get(c, team),
            Target::InactiveSince => c.inactive_since.map(|d| d.to_string()).unwrap_or_default(),
            Target::TaxId | Target::Fax => String::new(),
        };
        neutralise(v)
    }))
    .map_err(csv_err)
}

/// Prefixes `'` to a cell a spreadsheet would run as a formula, and to
/// one that already starts with `'` before such a character, so the
/// import can take exactly one `'` back off.
pub(crate) fn neutralise(v: String) -> String {
    if is_risky(&v) { format!("'{v}") } else { v }
}

/// True for a cell that starts a formula, or that starts with `'` before
/// a formula character.
pub(crate) fn is_risky(v: &str) -> bool {
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
