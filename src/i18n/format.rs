//! Money and counts as each language writes them.

use super::Lang;

/// The narrow no-break space French uses to group thousands.
const NNBSP: char = '\u{202F}';

/// Cents as money: `$1,234.56` in English, `1 234,56 $` in French (with a
/// narrow no-break space between thousands and a no-break space before
/// the sign).
pub(crate) fn money(lang: Lang, cents: i64) -> String {
    let neg = cents < 0;
    let c = cents.unsigned_abs();
    let grouped = number(lang, c / 100);
    let frac = c % 100;
    let sign = if neg { "-" } else { "" };
    match lang {
        Lang::En => format!("{sign}${grouped}.{frac:02}"),
        Lang::Fr => format!("{sign}{grouped},{frac:02}\u{00A0}$"),
    }
}

/// A count with its thousands grouped: `12,345` in English, `12 345` in
/// French (narrow no-break space).
pub fn number(lang: Lang, n: u64) -> String {
    let sep = match lang {
        Lang::En => ',',
        Lang::Fr => NNBSP,
    };
    crate::model::text::group_thousands(n, sep)
}

/// A whole percentage: `30%` in English, `30 %` in French (no-break space).
pub(crate) fn percent(lang: Lang, n: u8) -> String {
    match lang {
        Lang::En => format!("{n}%"),
        Lang::Fr => format!("{n}\u{00A0}%"),
    }
}

/// Chooses the singular or plural form for a count. French treats 0 and 1
/// as singular ("0 client inactif"); English only 1.
pub(crate) fn plural<'a>(lang: Lang, n: usize, one: &'a str, many: &'a str) -> &'a str {
    let singular = match lang {
        Lang::En => n == 1,
        Lang::Fr => n <= 1,
    };
    if singular { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_by_language() {
        assert_eq!(money(Lang::En, 123_456), "$1,234.56");
        assert_eq!(money(Lang::Fr, 123_456), "1\u{202F}234,56\u{00A0}$");
        assert_eq!(money(Lang::En, 5), "$0.05");
        assert_eq!(
            money(Lang::Fr, -100_000_000),
            "-1\u{202F}000\u{202F}000,00\u{00A0}$"
        );
    }

    #[test]
    fn counts_are_grouped() {
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number(Lang::Fr, 12_345), "12\u{202F}345");
        assert_eq!(number(Lang::Fr, 999), "999");
    }

    #[test]
    fn french_zero_is_singular() {
        assert_eq!(
            plural(Lang::Fr, 0, "client inactif", "clients inactifs"),
            "client inactif"
        );
        assert_eq!(
            plural(Lang::En, 0, "inactive client", "inactive clients"),
            "inactive clients"
        );
        assert_eq!(
            plural(Lang::Fr, 2, "client inactif", "clients inactifs"),
            "clients inactifs"
        );
    }
}
