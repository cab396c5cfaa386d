//! Addresses, phone numbers, e-mail addresses and websites.
//!
//! Phone numbers use the 555 exchange, which North American numbering
//! keeps for fiction, so a demo number never rings anyone.

use super::lists::{City, Lang, Lists};
use super::names::Person;
use super::rng::Rng;
use crate::model::text::fold;

/// Letters that Canada Post uses in postal codes.
const POSTAL_LETTERS: &[u8] = b"ABCEGHJKLMNPRSTVWXYZ";

/// Words left out of a business's web address.
const LEGAL_WORDS: &[&str] = &[
    "inc", "ltee", "ltd", "corp", "enr", "llp", "limited", "les", "et", "and", "du", "de", "des",
    "associes",
];

/// Free and Internet provider mail domains, most used first.
const MAIL_DOMAINS_QC: &[&str] = &[
    "videotron.ca",
    "gmail.com",
    "hotmail.com",
    "outlook.com",
    "bell.net",
    "sympatico.ca",
    "yahoo.ca",
    "icloud.com",
    "cgocable.ca",
    "globetrotter.net",
];
const MAIL_DOMAINS_EN: &[&str] = &[
    "gmail.com",
    "rogers.com",
    "hotmail.com",
    "outlook.com",
    "bell.net",
    "yahoo.ca",
    "icloud.com",
    "shaw.ca",
];

/// A phone number in the city's area codes: `514-555-0142`.
pub(crate) fn phone(rng: &mut Rng, city: &City) -> String {
    format!(
        "{}-555-{:04}",
        rng.pick(&city.area_codes),
        rng.below(10_000)
    )
}

/// A postal code in the city: `H2X 1Y4`.
pub(crate) fn postal_code(rng: &mut Rng, city: &City) -> String {
    let letter = POSTAL_LETTERS[rng.below(POSTAL_LETTERS.len() as u64) as usize] as char;
    format!(
        "{} {}{}{}",
        rng.pick(&city.fsas),
        rng.below(10),
        letter,
        rng.below(10)
    )
}

/// A street address: `1450, rue Sherbrooke Ouest, bureau 300` in Québec,
/// `1450 King Street West, Suite 300` elsewhere.
pub(crate) fn street(rng: &mut Rng, lists: &Lists, city: &City, business: bool) -> String {
    let quebec = city.province == "QC";
    let style = if quebec && rng.percent(90) {
        Lang::Fr
    } else {
        Lang::En
    };
    let number = if rng.percent(70) {
        rng.between(1, 2999)
    } else {
        rng.between(3000, 12_999)
    };
    let name = rng.pick(lists.streets(style));
    let unit = if business {
        rng.percent(30)
            .then(|| rng.between(1, 12) * 100 + rng.between(0, 20))
    } else {
        rng.percent(25).then(|| rng.between(1, 12))
    };
    match (style, unit) {
        (Lang::Fr, None) => format!("{number}, {name}"),
        (Lang::Fr, Some(u)) if business => format!("{number}, {name}, bureau {u}"),
        (Lang::Fr, Some(u)) => format!("{number}, {name}, app. {u}"),
        (Lang::En, None) => format!("{number} {name}"),
        (Lang::En, Some(u)) if business => format!("{number} {name}, Suite {u}"),
        (Lang::En, Some(u)) => format!("{number} {name}, Apt {u}"),
    }
}

/// Lower-case ASCII letters and digits only: `Côté & Fils` gives `cotefils`.
fn ascii(s: &str) -> String {
    fold(s)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The part of a business name that becomes its web address, or `None`
/// for a name with nothing to show (a numbered company). Legal forms,
/// initials and little words are left out.
pub(crate) fn web_slug(name: &str) -> Option<String> {
    let folded = fold(name).replace(['\'', '\u{2019}'], "");
    let slug: String = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() > 1 && !LEGAL_WORDS.contains(w))
        .collect();
    let slug: String = slug.chars().take(30).collect();
    (slug.len() >= 4
        && !slug.bytes().all(|b| b.is_ascii_digit())
        && !slug.starts_with(|c: char| c.is_ascii_digit()))
    .then_some(slug)
}

/// A person's own address: `marie-eve.levesque@videotron.ca`.
pub(crate) fn personal_email(rng: &mut Rng, person: &Person, quebec: bool) -> String {
    let first: String = fold(&person.first)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let last = ascii(&person.last);
    let domain = if quebec {
        rng.pick_common(MAIL_DOMAINS_QC)
    } else {
        rng.pick_common(MAIL_DOMAINS_EN)
    };
    match rng.below(4) {
        0 => format!(
            "{}{last}{}@{domain}",
            first.chars().next().unwrap_or('x'),
            rng.between(1, 99)
        ),
        1 => format!("{last}.{first}@{domain}"),
        _ => format!("{first}.{last}@{domain}"),
    }
}

/// A business address: `info@plomberietremblay.ca`, the contact's own
/// address at the business's domain, or a free mailbox for the smallest.
pub(crate) fn business_email(
    rng: &mut Rng,
    slug: Option<&str>,
    contact: Option<&Person>,
    lang: Lang,
) -> String {
    match (slug, contact) {
        (Some(slug), Some(p)) if rng.percent(40) => {
            let first: String = fold(&p.first)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            format!("{first}@{slug}.{}", tld(rng))
        }
        (Some(slug), _) if rng.percent(80) => {
            let mailbox = match lang {
                Lang::Fr => *rng.pick(&["info", "info", "comptabilite", "admin", "bonjour"]),
                Lang::En => *rng.pick(&["info", "info", "accounts", "admin", "office"]),
            };
            format!("{mailbox}@{slug}.{}", tld(rng))
        }
        (Some(slug), _) => format!("{slug}@{}", rng.pick(&["gmail.com", "outlook.com"])),
        (None, Some(p)) => personal_email(rng, p, lang == Lang::Fr),
        (None, None) => format!(
            "admin{}@{}",
            rng.between(100, 999),
            rng.pick(&["gmail.com", "outlook.com"])
        ),
    }
}

/// A website at the business's own domain.
pub(crate) fn website(rng: &mut Rng, slug: &str) -> String {
    format!("https://www.{slug}.{}", tld(rng))
}

fn tld(rng: &mut Rng) -> &'static str {
    if rng.percent(75) { "ca" } else { "com" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::lists::LISTS;
    use crate::model::validate::{is_email, is_website};

    #[test]
    fn slugs_drop_legal_words_and_accents() {
        assert_eq!(
            web_slug("Plomberie Tremblay inc.").as_deref(),
            Some("plomberietremblay")
        );
        assert_eq!(
            web_slug("Dépanneur Côté enr.").as_deref(),
            Some("depanneurcote")
        );
        assert_eq!(web_slug("Côté et Fils ltée").as_deref(), Some("cotefils"));
        assert_eq!(web_slug("9123-4567 Québec inc.").as_deref(), None);
        assert_eq!(
            web_slug("O'Brien's Bakery").as_deref(),
            Some("obriensbakery")
        );
        assert_eq!(
            web_slug("Placements K. Bérubé inc.").as_deref(),
            Some("placementsberube")
        );
        assert_eq!(
            web_slug("Roy, Morin et associés S.E.N.C.R.L.").as_deref(),
            Some("roymorin")
        );
    }

    #[test]
    fn contacts_are_well_formed() {
        let mut rng = Rng::new(3);
        for (_, city) in &LISTS.cities {
            let p = Person {
                first: "Marie-Ève".into(),
                last: "D'Amours".into(),
            };
            assert!(is_email(&personal_email(&mut rng, &p, true)));
            assert!(is_email(&business_email(
                &mut rng,
                Some("cotefils"),
                Some(&p),
                Lang::Fr
            )));
            assert!(is_email(&business_email(&mut rng, None, None, Lang::En)));
            assert!(is_website(&website(&mut rng, "cotefils")));
            let phone = phone(&mut rng, city);
            assert_eq!(phone.len(), 12, "{phone}");
            let postal = postal_code(&mut rng, city);
            assert_eq!(postal.len(), 7, "{postal}");
            assert!(!street(&mut rng, &LISTS, city, true).is_empty());
        }
    }
}
