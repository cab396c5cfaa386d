//! Valid-looking Canadian and Québec tax identifiers.
//!
//! Each identifier is built from the client's serial number through
//! [`scatter`], so no two demo clients share one, and carries a correct
//! check digit where the real one has one. They are made up: any
//! resemblance to a real account is chance.

use super::rng::{Rng, scatter};

/// Salts that keep each kind of identifier on its own sequence.
const BN_SALT: u64 = 0x0042_4e00;
const NEQ_SALT: u64 = 0x004e_4551;
const QST_SALT: u64 = 0x0051_5354;
const SIN_SALT: u64 = 0x0053_494e;

/// The Luhn check digit that completes `payload`.
pub(crate) fn luhn_digit(payload: &str) -> char {
    let sum: u32 = payload
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    char::from(b'0' + ((10 - sum % 10) % 10) as u8)
}

/// A CRA business number: nine digits, the last a Luhn check digit.
pub(crate) fn business_number(rng: &mut Rng, serial: u64, seed: u64) -> String {
    let payload = format!(
        "{}{:07}",
        rng.between(1, 8),
        scatter(serial, 10_000_000, seed ^ BN_SALT)
    );
    let check = luhn_digit(&payload);
    format!("{payload}{check}")
}

/// The GST/HST account of a business number: `123456782RT0001`.
pub(crate) fn gst(bn: &str) -> String {
    format!("{bn}RT0001")
}

/// A Québec QST number: `1234567890TQ0001`.
pub(crate) fn qst(serial: u64, seed: u64) -> String {
    format!(
        "12{:08}TQ0001",
        scatter(serial, 100_000_000, seed ^ QST_SALT)
    )
}

/// A Québec enterprise number: `11` for a company, `22` for a sole
/// proprietorship, `33` for a partnership, then eight digits.
pub(crate) fn neq(prefix: &str, serial: u64, seed: u64) -> String {
    format!(
        "{prefix}{:08}",
        scatter(serial, 100_000_000, seed ^ NEQ_SALT)
    )
}

/// A social insurance number whose first digit is the province's where it
/// was issued, with its Luhn check digit.
pub(crate) fn sin(rng: &mut Rng, province: &str, serial: u64, seed: u64) -> String {
    let first = match province {
        "NB" | "NS" | "PE" | "NL" => 1,
        "QC" => rng.between(2, 3),
        "ON" => rng.between(4, 5),
        "MB" | "SK" | "AB" | "NT" | "NU" => 6,
        _ => 7,
    };
    let payload = format!("{first}{:07}", scatter(serial, 10_000_000, seed ^ SIN_SALT));
    let check = luhn_digit(&payload);
    format!("{payload}{check}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::{
        check_business_number, check_gst, check_neq, check_qst, check_sin, luhn,
    };

    #[test]
    fn check_digits_match_the_model() {
        assert_eq!(luhn_digit("12345678"), '2');
        assert_eq!(luhn_digit("04645428"), '6');
        let mut rng = Rng::new(1);
        for serial in 0..5000 {
            let bn = business_number(&mut rng, serial, 42);
            assert!(luhn(&bn));
            assert_eq!(check_business_number(&bn), Ok(()));
            assert_eq!(check_gst(&gst(&bn)), Ok(()));
            assert_eq!(check_qst(&qst(serial, 42)), Ok(()));
            for prefix in ["11", "22", "33"] {
                assert_eq!(check_neq(&neq(prefix, serial, 42)), Ok(()));
            }
            for province in ["QC", "ON", "NB", "AB", "BC"] {
                assert_eq!(check_sin(&sin(&mut rng, province, serial, 42)), Ok(()));
            }
        }
    }

    #[test]
    fn identifiers_do_not_repeat() {
        let mut rng = Rng::new(2);
        let mut seen = std::collections::HashSet::new();
        for serial in 0..20_000 {
            assert!(seen.insert(business_number(&mut rng, serial, 7)[1..8].to_owned()));
        }
    }
}
