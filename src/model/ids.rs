//! Canadian and Québec tax identifiers: normalisation and checks.
//!
//! People type these with spaces and dashes (`123 456 782 RT 0001`), so
//! each is first reduced to its canonical form, then checked.

use super::rule::Rule;

/// Strips spaces, dashes and dots and upper-cases the letters.
pub(crate) fn canonical(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '\u{00A0}' | '\u{202F}'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// The Luhn (mod 10) check used by business numbers and SINs.
pub(crate) fn luhn(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn all_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// A CRA business number: nine digits passing the Luhn check.
pub(crate) fn check_business_number(bn: &str) -> Result<(), Rule> {
    if !all_digits(bn, 9) {
        return Err(Rule::BusinessNumber);
    }
    if !luhn(bn) {
        return Err(Rule::Checksum);
    }
    Ok(())
}

/// A Québec enterprise number (NEQ): ten digits starting 11, 22, 33 or 88.
pub(crate) fn check_neq(neq: &str) -> Result<(), Rule> {
    if !all_digits(neq, 10) || !matches!(&neq[..2], "11" | "22" | "33" | "88") {
        return Err(Rule::Neq);
    }
    Ok(())
}

/// A GST/HST account: business number, `RT`, four digits.
pub(crate) fn check_gst(gst: &str) -> Result<(), Rule> {
    let ok = gst.len() == 15 && gst.is_char_boundary(9) && &gst[9..11] == "RT";
    if !ok || !all_digits(&gst[..9], 9) || !all_digits(&gst[11..], 4) {
        return Err(Rule::Gst);
    }
    if !luhn(&gst[..9]) {
        return Err(Rule::Checksum);
    }
    Ok(())
}

/// A Québec QST number: ten digits, `TQ`, four digits.
pub(crate) fn check_qst(qst: &str) -> Result<(), Rule> {
    let ok = qst.len() == 16 && qst.is_char_boundary(10) && &qst[10..12] == "TQ";
    if !ok || !all_digits(&qst[..10], 10) || !all_digits(&qst[12..], 4) {
        return Err(Rule::Qst);
    }
    Ok(())
}

/// A social insurance number: nine digits, Luhn, not starting with 0 or 8.
pub(crate) fn check_sin(sin: &str) -> Result<(), Rule> {
    if !all_digits(sin, 9) {
        return Err(Rule::Sin);
    }
    if matches!(sin.as_bytes()[0], b'0' | b'8') {
        return Err(Rule::SinFirstDigit);
    }
    if !luhn(sin) {
        return Err(Rule::Checksum);
    }
    Ok(())
}

/// Whether an identifier is shown masked ([`mask`]): the firm hands out
/// SINs this way, and a masked SIN sent back means "unchanged".
pub(crate) fn is_masked(id: &str) -> bool {
    id.starts_with('•')
}

/// Shows only the last three characters: `••• ••• 286`.
pub(crate) fn mask(id: &str) -> String {
    if id.is_empty() {
        return String::new();
    }
    let keep = id.chars().count().min(3);
    let hidden = id.chars().count() - keep;
    let tail: String = id.chars().skip(hidden).collect();
    format!("{}{}", "•".repeat(hidden), tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_known_values() {
        assert!(luhn("046454286"));
        assert!(!luhn("046454287"));
        assert!(luhn("123456782"));
    }

    #[test]
    fn identifiers() {
        assert!(check_business_number("123456782").is_ok());
        assert_eq!(check_business_number("123456789"), Err(Rule::Checksum));
        assert!(check_business_number("12345678").is_err());
        assert!(check_neq("1164512345").is_ok());
        assert!(check_neq("4464512345").is_err());
        assert!(check_gst(&canonical("123456782 rt 0001")).is_ok());
        assert!(check_gst("123456782RP0001").is_err());
        assert!(check_gst("123456789RT0001").is_err());
        assert!(check_qst(&canonical("1234567890-TQ-0001")).is_ok());
        assert!(check_qst("1234567890TQ001").is_err());
        assert!(check_sin("130692544").is_ok());
        assert_eq!(check_sin("046454286"), Err(Rule::SinFirstDigit));
        assert_eq!(check_sin("130692545"), Err(Rule::Checksum));
        // Multi-byte input must not panic on slicing.
        assert!(check_gst("1234567é2RT0001").is_err());
        assert!(check_qst("12345678é0TQ001").is_err());
    }

    #[test]
    fn masking() {
        assert_eq!(mask("046454286"), "••••••286");
        assert_eq!(mask("12"), "12");
    }
}
