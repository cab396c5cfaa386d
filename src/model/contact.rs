//! Rules for where a client is and how to reach them: postal codes,
//! provinces and phone numbers. No I/O; the validator and `normalize`
//! both use these, so a form, the CLI and an import agree.

use super::text::fold;

/// The country an address is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Region {
    Canada,
    UnitedStates,
    /// Any other country: postal codes and provinces are free text.
    Elsewhere,
}

/// Canada's provinces and territories: code, English name, French name.
pub(crate) const PROVINCES: [(&str, &str, &str); 13] = [
    ("AB", "Alberta", "Alberta"),
    ("BC", "British Columbia", "Colombie-Britannique"),
    ("MB", "Manitoba", "Manitoba"),
    ("NB", "New Brunswick", "Nouveau-Brunswick"),
    ("NL", "Newfoundland and Labrador", "Terre-Neuve-et-Labrador"),
    ("NS", "Nova Scotia", "Nouvelle-Écosse"),
    ("NT", "Northwest Territories", "Territoires du Nord-Ouest"),
    ("NU", "Nunavut", "Nunavut"),
    ("ON", "Ontario", "Ontario"),
    ("PE", "Prince Edward Island", "Île-du-Prince-Édouard"),
    ("QC", "Quebec", "Québec"),
    ("SK", "Saskatchewan", "Saskatchewan"),
    ("YT", "Yukon", "Yukon"),
];

/// The province codes, as a rule lists them.
pub(crate) fn province_codes() -> String {
    PROVINCES.map(|p| p.0).join(", ")
}

/// Folds for comparison: lower case, no accents, letters only.
fn key(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The province's code for a code or a name in either language
/// (`qc`, `Québec`, `PQ`), or `None` for anything else.
pub(crate) fn province_code(s: &str) -> Option<&'static str> {
    // A stored province is its code: found without folding anything, as
    // every client of an import or a demo asks several times.
    if let Some(p) = PROVINCES.iter().find(|p| p.0 == s) {
        return Some(p.0);
    }
    let k = key(s);
    if k == "pq" || k == "que" {
        return Some("QC");
    }
    if k == "nf" || k == "nfld" {
        return Some("NL");
    }
    static KEYS: std::sync::LazyLock<Vec<([String; 3], &'static str)>> =
        std::sync::LazyLock::new(|| {
            PROVINCES
                .iter()
                .map(|(code, en, fr)| ([key(code), key(en), key(fr)], *code))
                .collect()
        });
    KEYS.iter().find(|(keys, _)| keys.contains(&k)).map(|p| p.1)
}

/// Which country's rules an address follows. An empty country counts as
/// Canada when the province is a Canadian one.
pub(crate) fn region(country: &str, province: &str) -> Region {
    match key(country).as_str() {
        "canada" | "ca" | "can" => Region::Canada,
        "us"
        | "usa"
        | "unitedstates"
        | "unitedstatesofamerica"
        | "etatsunis"
        | "etatsunisdamerique" => Region::UnitedStates,
        "" if province_code(province).is_some() => Region::Canada,
        _ => Region::Elsewhere,
    }
}

/// A Canadian postal code in its stored form, `H3G 1K4`: upper case,
/// one space in the middle. Anything that is not six letters and digits
/// once spaces and hyphens are gone is returned as it was.
pub(crate) fn canadian_postal(s: &str) -> String {
    let packed: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{00A0}'))
        .flat_map(char::to_uppercase)
        .collect();
    if packed.chars().count() == 6 && packed.chars().all(|c| c.is_ascii_alphanumeric()) {
        format!("{} {}", &packed[..3], &packed[3..])
    } else {
        s.to_owned()
    }
}

/// True for a Canadian postal code as Canada Post issues them: `A1A 1A1`,
/// without D, F, I, O, Q or U, and without W or Z in first place.
pub(crate) fn is_canadian_postal(s: &str) -> bool {
    let b = s.as_bytes();
    let letter = |c: u8| c.is_ascii_uppercase() && !b"DFIOQU".contains(&c);
    b.len() == 7
        && letter(b[0])
        && !b"WZ".contains(&b[0])
        && b[1].is_ascii_digit()
        && letter(b[2])
        && b[3] == b' '
        && b[4].is_ascii_digit()
        && letter(b[5])
        && b[6].is_ascii_digit()
}

/// True for a US ZIP code: `12345` or `12345-6789`.
pub(crate) fn is_zip(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
    match b.len() {
        5 => digits(b),
        10 => digits(&b[..5]) && b[5] == b'-' && digits(&b[6..]),
        _ => false,
    }
}

/// True for a phone number of 10 to 15 digits, written with the usual
/// separators (spaces, `-`, `.`, `/`, brackets, a leading `+`), and an
/// optional extension of up to 7 digits: `514-555-0199 x12`,
/// `+1 (514) 555-0199 poste 12`.
pub(crate) fn is_phone(s: &str) -> bool {
    let lower = s.to_lowercase();
    let (main, ext) = split_extension(&lower);
    if let Some(ext) = ext
        && (ext.is_empty() || ext.len() > 7 || !ext.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    let main = main.trim();
    let body = main.strip_prefix('+').unwrap_or(main);
    let ok_chars = body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '/' | '(' | ')'));
    let n = body.chars().filter(char::is_ascii_digit).count();
    ok_chars && (10..=15).contains(&n)
}

/// Splits `514-555-0199 ext. 12` into the number and the extension's digits.
fn split_extension(s: &str) -> (&str, Option<String>) {
    for marker in ["extension", "poste", "ext.", "ext", "p.", "x", "#"] {
        if let Some(at) = s.rfind(marker) {
            let rest = s[at + marker.len()..].trim();
            return (&s[..at], Some(rest.to_owned()));
        }
    }
    (s, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes() {
        assert_eq!(canadian_postal("h3g1k4"), "H3G 1K4");
        assert_eq!(canadian_postal(" h3g-1k4"), "H3G 1K4");
        assert_eq!(canadian_postal("Montréal"), "Montréal");
        assert!(is_canadian_postal("H3G 1K4"));
        assert!(!is_canadian_postal("ZZZ ZZZ"));
        assert!(!is_canadian_postal("Z1A 1A1"));
        assert!(!is_canadian_postal("H3G1K4"));
        assert!(!is_canadian_postal("12345"));
        assert!(is_zip("12345") && is_zip("12345-6789"));
        assert!(!is_zip("1234") && !is_zip("H3G 1K4"));
    }

    #[test]
    fn provinces_by_code_or_name() {
        assert_eq!(province_code("qc"), Some("QC"));
        assert_eq!(province_code("Québec"), Some("QC"));
        assert_eq!(province_code("Nouvelle-Écosse"), Some("NS"));
        assert_eq!(province_code("Prince Edward Island"), Some("PE"));
        assert_eq!(province_code("XX"), None);
        assert_eq!(region("Canada", ""), Region::Canada);
        assert_eq!(region("", "ON"), Region::Canada);
        assert_eq!(region("États-Unis", "NY"), Region::UnitedStates);
        assert_eq!(region("France", ""), Region::Elsewhere);
    }

    #[test]
    fn phones() {
        assert!(is_phone("514-555-0199"));
        assert!(is_phone("514-555-0199 x12"));
        assert!(is_phone("+1 (514) 555-0199 poste 12"));
        assert!(is_phone("1.514.555.0199 ext. 4"));
        assert!(is_phone("+33 1 23 45 67 89"));
        assert!(!is_phone("abc"));
        assert!(!is_phone("555-0199"));
        assert!(!is_phone("514-555-0199 x"));
        assert!(!is_phone("1234567890123456"));
        assert!(!is_phone("514-555-0199 call me"));
    }
}
