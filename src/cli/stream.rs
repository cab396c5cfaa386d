//! Writing a JSON array a page at a time, so that a list of a whole firm
//! is never held at once: the output is the same as writing the array
//! whole.

use std::io::Write;

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};
use serde_json::ser::{Compound, PrettyFormatter};

use super::CliError;

/// Where the items of the array go.
pub(super) struct Items<'s, W: Write> {
    seq: Compound<'s, W, PrettyFormatter<'static>>,
    n: usize,
}

impl<W: Write> Items<'_, W> {
    /// Writes one item of the array.
    pub(crate) fn push<T: Serialize>(&mut self, item: &T) -> Result<(), CliError> {
        self.n += 1;
        self.seq
            .serialize_element(item)
            .map_err(|e| CliError::Other(e.to_string()))
    }
}

/// Writes one pretty-printed JSON array followed by a line end, calling
/// `page` to push items until it returns false. Returns how many items
/// were written.
pub(super) fn json_array<W: Write>(
    out: W,
    mut page: impl FnMut(&mut Items<'_, W>) -> Result<bool, CliError>,
) -> Result<usize, CliError> {
    let json = |e: serde_json::Error| CliError::Other(e.to_string());
    let mut ser = serde_json::Serializer::pretty(out);
    let n = {
        let seq = ser.serialize_seq(None).map_err(json)?;
        let mut items = Items { seq, n: 0 };
        while page(&mut items)? {}
        let n = items.n;
        items.seq.end().map_err(json)?;
        n
    };
    writeln!(ser.into_inner())?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_make_the_same_array_as_one_write() {
        for pages in [vec![], vec![vec![1, 2], vec![], vec![3]], vec![vec![7]]] {
            let all: Vec<i32> = pages.iter().flatten().copied().collect();
            let mut whole = serde_json::to_vec_pretty(&all).unwrap();
            whole.push(b'\n');
            let mut out = Vec::new();
            let mut it = pages.into_iter();
            let n = json_array(&mut out, |items| {
                let Some(page) = it.next() else {
                    return Ok(false);
                };
                for i in page {
                    items.push(&i)?;
                }
                Ok(true)
            })
            .unwrap();
            assert_eq!(n, all.len());
            assert_eq!(
                String::from_utf8(out).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }
}
