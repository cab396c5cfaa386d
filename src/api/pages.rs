//! Reading every page of a list view.

use super::{ApiError, Firm};
use crate::model::{ViewPage, ViewQuery};

/// Asks `firm` for every page of `view` from its first row, `view.limit`
/// rows at a time, so that no answer outgrows a frame, and hands each page
/// to `f` in order. Stops at the first error, the firm's or `f`'s. Returns
/// how many rows there were.
pub(crate) fn each_page<E: From<ApiError>>(
    firm: &dyn Firm,
    view: &ViewQuery,
    mut f: impl FnMut(ViewPage) -> Result<(), E>,
) -> Result<usize, E> {
    let mut offset = 0;
    loop {
        let page = firm.query(&ViewQuery {
            offset,
            ..view.clone()
        })?;
        let (got, total) = (page.rows.len(), page.total);
        f(page)?;
        offset += got;
        if got == 0 || offset >= total {
            return Ok(offset);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::local::Core;
    use crate::demo::{DemoOptions, install};

    #[test]
    fn every_row_comes_once_in_order_and_an_error_stops_the_walk() {
        let dir = tempfile::tempdir().unwrap();
        let core = Core::open(&dir.path().join("firm")).unwrap();
        let s = core.session("tester").unwrap();
        let today = jiff::civil::date(2026, 3, 15);
        install(
            &s,
            DemoOptions {
                clients: 25,
                seed: 3,
                today,
            },
        )
        .unwrap();
        let view = ViewQuery {
            include_inactive: true,
            limit: 7,
            ..ViewQuery::default()
        };
        let whole = s
            .query(&ViewQuery {
                limit: 100,
                ..view.clone()
            })
            .unwrap();
        let (mut ids, mut pages) = (Vec::new(), 0);
        let n = each_page(&s, &view, |page| {
            pages += 1;
            ids.extend(page.rows.iter().map(|r| r.id));
            Ok::<_, ApiError>(())
        })
        .unwrap();
        assert_eq!((n, pages), (25, 4));
        assert_eq!(ids, whole.rows.iter().map(|r| r.id).collect::<Vec<_>>());

        let mut seen = 0;
        let stopped = each_page(&s, &view, |_| {
            seen += 1;
            Err(ApiError::NotFound("#1".into()))
        });
        assert!(matches!(stopped, Err(ApiError::NotFound(_))));
        assert_eq!(seen, 1);
    }
}
