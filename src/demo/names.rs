//! People's and businesses' names, in French and in English.

use super::lists::{City, Form, Lang, Lists};
use super::rng::{Rng, scatter};

/// A person's first and last name.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub(crate) first: String,
    pub(crate) last: String,
}

impl Person {
    /// The list's form: `Lévesque, Marie-Ève`.
    pub(crate) fn filed_name(&self) -> String {
        format!("{}, {}", self.last, self.first)
    }
}

/// A business's name and what kind of business it is.
#[derive(Debug, Clone)]
pub(crate) struct Business {
    pub(crate) name: String,
    pub(crate) form: Form,
    /// A holding company: it owns things and employs nobody.
    pub(crate) holding: bool,
}

/// The longest company name the model accepts.
const COMPANY_MAX: usize = 50;
/// The longest first or last name the model accepts.
const NAME_MAX: usize = 25;

/// A person whose names suit `lang`; Québec has plenty of English family
/// names and the rest of Canada plenty of French ones.
pub(crate) fn person(rng: &mut Rng, lists: &Lists, lang: Lang) -> Person {
    let first = rng.pick_common(lists.first_names(lang)).to_string();
    let other = match lang {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    };
    let family = if rng.percent(12) { other } else { lang };
    let mut last = rng.pick_common(lists.last_names(family)).to_string();
    if lang == Lang::Fr && rng.percent(6) {
        let second = rng.pick_common(lists.last_names(Lang::Fr));
        let joined = format!("{last}-{second}");
        if *second != last
            && !last.contains('-')
            && !second.contains('-')
            && joined.chars().count() <= NAME_MAX
        {
            last = joined;
        }
    }
    Person { first, last }
}

/// A business name in `lang`, built from a pattern of
/// `business_patterns.txt`. `serial` makes numbered companies' numbers
/// unique.
pub(crate) fn business(
    rng: &mut Rng,
    lists: &Lists,
    lang: Lang,
    city: &City,
    serial: u64,
    seed: u64,
) -> Business {
    for _ in 0..8 {
        let pattern = *rng.weighted(lists.patterns(lang));
        let holding = pattern.text.contains("{holding}");
        let trade = if holding {
            *rng.pick(&lists.holdings)
        } else {
            *rng.pick(&lists.trades)
        };
        let last = rng.pick_common(lists.last_names(lang)).to_string();
        let mut last2 = rng.pick_common(lists.last_names(lang)).to_string();
        if last2 == last {
            last2 = rng.pick(lists.last_names(lang)).to_string();
        }
        let initial = rng
            .pick(lists.first_names(lang))
            .chars()
            .next()
            .unwrap_or('J');
        let place = *rng.pick(lists.places(lang));
        let name = pattern
            .text
            .replace("{trade}", trade.name(lang))
            .replace("{holding}", trade.name(lang))
            .replace("{last2}", &last2)
            .replace("{last}", &last)
            .replace("{initial}", &initial.to_string())
            .replace("{place}", place)
            .replace("{numbered}", &numbered(city.province, lang, serial, seed));
        if name.chars().count() <= COMPANY_MAX && last2 != last {
            return Business {
                name,
                form: pattern.form,
                holding,
            };
        }
    }
    Business {
        name: numbered(city.province, lang, serial, seed),
        form: Form::Corp,
        holding: false,
    }
}

/// A numbered company's name as each province's registry writes it:
/// `9123-4567 Québec inc.`, `2345678 Ontario Inc.`.
pub(crate) fn numbered(province: &str, lang: Lang, serial: u64, seed: u64) -> String {
    let n = scatter(serial, 10_000_000, seed ^ 0x6e75_6d62);
    match province {
        "QC" => {
            let suffix = if lang == Lang::Fr { "inc." } else { "Inc." };
            format!("9{:03}-{:04} Québec {suffix}", n / 10_000, n % 10_000)
        }
        "ON" => format!("2{n:07} Ontario Inc."),
        "AB" => format!("2{n:07} Alberta Ltd."),
        "BC" => format!("1{n:07} B.C. Ltd."),
        "MB" => format!("1{n:07} Manitoba Ltd."),
        "NS" => format!("3{n:07} Nova Scotia Limited"),
        "NB" => format!("7{n:07} N.B. Inc."),
        other => format!("{n:07} {other} Inc."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::lists::LISTS;

    #[test]
    fn numbered_companies_look_like_the_registry() {
        let qc = numbered("QC", Lang::Fr, 3, 9);
        assert!(qc.starts_with('9') && qc.ends_with(" Québec inc."), "{qc}");
        assert_eq!(qc.find('-'), Some(4));
        assert!(numbered("ON", Lang::En, 3, 9).ends_with(" Ontario Inc."));
        assert_ne!(
            numbered("QC", Lang::Fr, 3, 9),
            numbered("QC", Lang::Fr, 4, 9)
        );
    }

    #[test]
    fn business_names_fit_and_have_no_placeholders() {
        let mut rng = Rng::new(5);
        let city = &LISTS.cities[0].1;
        for i in 0..2000 {
            let lang = if i % 2 == 0 { Lang::Fr } else { Lang::En };
            let b = business(&mut rng, &LISTS, lang, city, i, 5);
            assert!(b.name.chars().count() <= COMPANY_MAX, "{}", b.name);
            assert!(!b.name.contains('{') && !b.name.contains('}'), "{}", b.name);
        }
    }

    #[test]
    fn people_fit_the_limits() {
        let mut rng = Rng::new(6);
        for i in 0..2000 {
            let lang = if i % 3 == 0 { Lang::En } else { Lang::Fr };
            let p = person(&mut rng, &LISTS, lang);
            assert!(p.first.chars().count() <= NAME_MAX && p.last.chars().count() <= NAME_MAX);
        }
    }
}
