//! One row of a file turned into a client: each cell set through the
//! model's field registry, so a value is read the same way as by
//! `cabinet edit --set`.

use std::collections::HashMap;

use super::columns::Target;
use super::report::{Issue, RowProblem};
use super::{Body, Draft};
use crate::model::field::parse_date;
use crate::model::text::normalize;
use crate::model::{Client, Field, Member};

/// One row with what is needed to turn it into a client.
pub(super) struct Row<'a> {
    pub(crate) draft: &'a Draft,
    pub(crate) columns: &'a [(String, Option<Target>)],
    pub(crate) team: &'a [Member],
}

impl Row<'_> {
    /// Names the value at fault in each problem that lacks one: the cell
    /// of the problem's column, or the record's field. Tax identifiers are
    /// never echoed.
    pub(crate) fn fill_values(&self, issues: &mut [Issue]) {
        for issue in issues.iter_mut().filter(|i| i.value.is_none()) {
            let secret = Field::parse(&issue.field).is_ok_and(Field::is_sensitive);
            if secret || matches!(issue.problem, RowProblem::ExtraCells { .. }) {
                continue;
            }
            let value = match &self.draft.body {
                Body::Record(r) => r.value_of(&issue.field),
                Body::Cells(cells) => issue.column.as_ref().and_then(|header| {
                    let column = self.columns.iter().position(|c| &c.0 == header)?;
                    let cell = cells.iter().find(|c| c.column == column)?;
                    (cell.target != Target::TaxId).then(|| cell.value.clone())
                }),
            };
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                issue.value = Some(super::report::cut_short(&v));
            }
        }
    }

    /// Applies the row to `base` (a blank client, or the firm's record for
    /// an update). Returns the client and, for each field the row set, the
    /// column it came from. Values that cannot be read become issues.
    pub(crate) fn build(
        &self,
        base: Client,
        issues: &mut Vec<Issue>,
    ) -> (Client, HashMap<&'static str, usize>) {
        let line = self.draft.line;
        let mut used = HashMap::new();
        let cells = match &self.draft.body {
            Body::Record(r) => {
                let (mut c, found) = r.to_client(line, self.team);
                issues.extend(found);
                c.id = base.id;
                c.version = base.version;
                // Items the file holds as the firm does keep their ids.
                c.adopt_item_ids(&base);
                return (c, used);
            }
            Body::Cells(cells) => cells,
        };
        let mut c = base;
        let header = |i: usize| self.columns.get(i).map(|c| c.0.clone());
        let mut order: Vec<_> = cells.iter().collect();
        // A tax id goes first so an explicit column for the same number wins;
        // the fax goes after the notes it is added to.
        order.sort_by_key(|cell| match cell.target {
            Target::TaxId => 0,
            Target::Field(_) => 1,
            Target::Fax | Target::InactiveSince => 2,
        });
        for cell in order {
            let v = cell.value.as_str();
            match cell.target {
                Target::Field(_) | Target::TaxId => {
                    let f = match cell.target {
                        Target::Field(f) => f,
                        _ => tax_field(v),
                    };
                    used.insert(f.key(), cell.column);
                    if let Err(rule) = f.set(&mut c, v, self.team) {
                        issues.push(Issue::new(
                            line,
                            header(cell.column),
                            f.key(),
                            RowProblem::Rule(rule),
                        ));
                    }
                }
                Target::Fax => {
                    used.entry("notes").or_insert(cell.column);
                    let fax = format!("Fax: {}", normalize(v));
                    if !c.notes.lines().any(|l| l.trim() == fax) {
                        if !c.notes.is_empty() {
                            c.notes.push('\n');
                        }
                        c.notes.push_str(&fax);
                    }
                }
                Target::InactiveSince => {
                    used.insert("inactive_since", cell.column);
                    match parse_date(v) {
                        Ok(d) => c.inactive_since = Some(d),
                        Err(rule) => issues.push(Issue::new(
                            line,
                            header(cell.column),
                            "inactive_since",
                            RowProblem::Rule(rule),
                        )),
                    }
                }
            }
        }
        if normalize(&c.display_name).is_empty() {
            let person = normalize(&format!("{} {}", c.first_name, c.last_name));
            c.display_name = if !normalize(&c.company).is_empty() {
                c.company.clone()
            } else {
                person
            };
        }
        (c, used)
    }
}

/// The field a QuickBooks "Tax ID" holds, by its form: a GST/HST account
/// (`…RT0001`), a QST number (`…TQ0001`), a ten-digit NEQ, or else a
/// business number.
fn tax_field(v: &str) -> Field {
    let id = crate::model::ids::canonical(&normalize(v));
    if id.get(9..11) == Some("RT") {
        Field::Gst
    } else if id.get(10..12) == Some("TQ") {
        Field::Qst
    } else if id.len() == 10 && id.bytes().all(|b| b.is_ascii_digit()) {
        Field::Neq
    } else {
        Field::BusinessNumber
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tax_ids_are_recognised_by_form() {
        assert_eq!(tax_field("123456782"), Field::BusinessNumber);
        assert_eq!(tax_field("123456782 RT 0001"), Field::Gst);
        assert_eq!(tax_field("1234567890TQ0001"), Field::Qst);
        assert_eq!(tax_field("1164512345"), Field::Neq);
        assert_eq!(tax_field("A-55"), Field::BusinessNumber);
    }
}
