//! The name lists in `assets/demo/`, compiled into the binary and parsed
//! once.
//!
//! The lists are plain text so that anyone can improve them without
//! touching code: one entry a line, fields separated by `|`, blank lines
//! and `#` comments ignored. A unit test parses every file, so a mistake
//! in one fails the build's tests rather than a user's demo.

use std::sync::LazyLock;

/// The language a client does business in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Fr,
    En,
}

/// A business's legal form, which decides its identifiers and returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Corp,
    Sole,
    Partnership,
    Trust,
}

/// A line of business, named in both languages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Trade {
    pub(crate) fr: &'static str,
    pub(crate) en: &'static str,
}

impl Trade {
    pub(crate) fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.fr,
            Lang::En => self.en,
        }
    }
}

/// How to build a business name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pattern {
    pub(crate) form: Form,
    pub(crate) text: &'static str,
}

/// A city with what its addresses and phone numbers look like.
#[derive(Debug, Clone)]
pub(crate) struct City {
    pub(crate) name: &'static str,
    pub(crate) province: &'static str,
    /// The share of its clients who do business in French, in percent.
    pub(crate) french: u32,
    /// Forward sortation areas: the first half of its postal codes.
    pub(crate) fsas: Vec<&'static str>,
    pub(crate) area_codes: Vec<&'static str>,
}

/// Every list, parsed.
#[derive(Debug)]
pub(crate) struct Lists {
    pub(crate) first_fr: Vec<&'static str>,
    pub(crate) first_en: Vec<&'static str>,
    pub(crate) last_qc: Vec<&'static str>,
    pub(crate) last_en: Vec<&'static str>,
    pub(crate) trades: Vec<Trade>,
    pub(crate) holdings: Vec<Trade>,
    pub(crate) places_fr: Vec<&'static str>,
    pub(crate) places_en: Vec<&'static str>,
    pub(crate) patterns_fr: Vec<(u32, Pattern)>,
    pub(crate) patterns_en: Vec<(u32, Pattern)>,
    pub(crate) streets_fr: Vec<&'static str>,
    pub(crate) streets_en: Vec<&'static str>,
    pub(crate) cities: Vec<(u32, City)>,
    pub(crate) notes_fr: Vec<String>,
    pub(crate) notes_en: Vec<String>,
}

impl Lists {
    pub(crate) fn first_names(&self, lang: Lang) -> &[&'static str] {
        match lang {
            Lang::Fr => &self.first_fr,
            Lang::En => &self.first_en,
        }
    }

    pub(crate) fn last_names(&self, lang: Lang) -> &[&'static str] {
        match lang {
            Lang::Fr => &self.last_qc,
            Lang::En => &self.last_en,
        }
    }

    pub(crate) fn places(&self, lang: Lang) -> &[&'static str] {
        match lang {
            Lang::Fr => &self.places_fr,
            Lang::En => &self.places_en,
        }
    }

    pub(crate) fn patterns(&self, lang: Lang) -> &[(u32, Pattern)] {
        match lang {
            Lang::Fr => &self.patterns_fr,
            Lang::En => &self.patterns_en,
        }
    }

    pub(crate) fn streets(&self, lang: Lang) -> &[&'static str] {
        match lang {
            Lang::Fr => &self.streets_fr,
            Lang::En => &self.streets_en,
        }
    }

    pub(crate) fn notes(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Fr => &self.notes_fr,
            Lang::En => &self.notes_en,
        }
    }
}

/// The lists, parsed on first use.
pub(crate) static LISTS: LazyLock<Lists> =
    LazyLock::new(|| parse_all().unwrap_or_else(|e| panic!("demo asset {e}")));

const FIRST_FR: &str = include_str!("../../assets/demo/first_names_fr.txt");
const FIRST_EN: &str = include_str!("../../assets/demo/first_names_en.txt");
const LAST_QC: &str = include_str!("../../assets/demo/last_names_qc.txt");
const LAST_EN: &str = include_str!("../../assets/demo/last_names_en.txt");
const TRADES: &str = include_str!("../../assets/demo/trades.txt");
const PLACES: &str = include_str!("../../assets/demo/places.txt");
const PATTERNS: &str = include_str!("../../assets/demo/business_patterns.txt");
const STREETS: &str = include_str!("../../assets/demo/streets.txt");
const CITIES: &str = include_str!("../../assets/demo/cities.txt");
const NOTES: &str = include_str!("../../assets/demo/notes.txt");

/// Parses every list; the error names the file and the line.
pub(crate) fn parse_all() -> Result<Lists, String> {
    let (mut trades, mut holdings) = (Vec::new(), Vec::new());
    for (n, f) in rows(TRADES) {
        match f.as_slice() {
            [fr, en] => trades.push(Trade { fr, en }),
            [fr, en, "holding"] => holdings.push(Trade { fr, en }),
            _ => return Err(bad("trades.txt", n, "French|English[|holding]")),
        }
    }
    let (places_fr, places_en) = by_lang("places.txt", PLACES)?;
    let (streets_fr, streets_en) = by_lang("streets.txt", STREETS)?;
    let (notes_fr, notes_en) = by_lang("notes.txt", NOTES)?;
    let unescape = |v: Vec<&str>| v.into_iter().map(|s| s.replace("\\n", "\n")).collect();
    let (mut patterns_fr, mut patterns_en) = (Vec::new(), Vec::new());
    for (n, f) in rows(PATTERNS) {
        let [lang, form, weight, text] = f.as_slice() else {
            return Err(bad(
                "business_patterns.txt",
                n,
                "language|form|weight|pattern",
            ));
        };
        let form = match *form {
            "corp" => Form::Corp,
            "sole" => Form::Sole,
            "partnership" => Form::Partnership,
            "trust" => Form::Trust,
            _ => {
                return Err(bad(
                    "business_patterns.txt",
                    n,
                    "form: corp, sole, partnership or trust",
                ));
            }
        };
        let weight = weight
            .parse()
            .map_err(|_| bad("business_patterns.txt", n, "a whole weight"))?;
        let entry = (weight, Pattern { form, text });
        match *lang {
            "fr" => patterns_fr.push(entry),
            "en" => patterns_en.push(entry),
            _ => return Err(bad("business_patterns.txt", n, "language fr or en")),
        }
    }
    let mut cities = Vec::new();
    for (n, f) in rows(CITIES) {
        let [name, province, weight, french, fsas, area_codes] = f.as_slice() else {
            return Err(bad(
                "cities.txt",
                n,
                "city|province|weight|French %|FSAs|area codes",
            ));
        };
        let weight = weight
            .parse()
            .map_err(|_| bad("cities.txt", n, "a whole weight"))?;
        let french = french
            .parse()
            .ok()
            .filter(|p| *p <= 100)
            .ok_or_else(|| bad("cities.txt", n, "a French share from 0 to 100"))?;
        let fsas: Vec<&str> = fsas.split_whitespace().collect();
        if fsas.is_empty() || !fsas.iter().all(|f| is_fsa(f)) {
            return Err(bad("cities.txt", n, "forward sortation areas like H2X"));
        }
        let area_codes: Vec<&str> = area_codes.split_whitespace().collect();
        if area_codes.is_empty()
            || !area_codes
                .iter()
                .all(|a| a.len() == 3 && a.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad("cities.txt", n, "three-digit area codes"));
        }
        cities.push((
            weight,
            City {
                name,
                province,
                french,
                fsas,
                area_codes,
            },
        ));
    }
    let lists = Lists {
        first_fr: single("first_names_fr.txt", FIRST_FR)?,
        first_en: single("first_names_en.txt", FIRST_EN)?,
        last_qc: single("last_names_qc.txt", LAST_QC)?,
        last_en: single("last_names_en.txt", LAST_EN)?,
        trades,
        holdings,
        places_fr,
        places_en,
        patterns_fr,
        patterns_en,
        streets_fr,
        streets_en,
        cities,
        notes_fr: unescape(notes_fr),
        notes_en: unescape(notes_en),
    };
    let empty = [
        ("trades.txt (trades)", lists.trades.is_empty()),
        ("trades.txt (holdings)", lists.holdings.is_empty()),
        (
            "places.txt",
            lists.places_fr.is_empty() || lists.places_en.is_empty(),
        ),
        (
            "business_patterns.txt",
            lists.patterns_fr.is_empty() || lists.patterns_en.is_empty(),
        ),
        (
            "streets.txt",
            lists.streets_fr.is_empty() || lists.streets_en.is_empty(),
        ),
        ("cities.txt", lists.cities.is_empty()),
        (
            "notes.txt",
            lists.notes_fr.is_empty() || lists.notes_en.is_empty(),
        ),
    ];
    match empty.iter().find(|(_, e)| *e) {
        Some((file, _)) => Err(format!("{file}: needs entries in both languages")),
        None => Ok(lists),
    }
}

/// The data lines of a file, with their line numbers, split on `|`.
fn rows(text: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n, l.split('|').map(str::trim).collect()))
}

/// A list of one value a line.
fn single(file: &'static str, text: &'static str) -> Result<Vec<&'static str>, String> {
    let mut out = Vec::new();
    for (n, f) in rows(text) {
        match f.as_slice() {
            [v] if !v.is_empty() => out.push(*v),
            _ => return Err(bad(file, n, "one value, no `|`")),
        }
    }
    if out.is_empty() {
        return Err(format!("{file}: has no entries"));
    }
    Ok(out)
}

/// A list of `fr|value` and `en|value` lines.
fn by_lang(
    file: &'static str,
    text: &'static str,
) -> Result<(Vec<&'static str>, Vec<&'static str>), String> {
    let (mut fr, mut en) = (Vec::new(), Vec::new());
    for (n, f) in rows(text) {
        match f.as_slice() {
            ["fr", v] if !v.is_empty() => fr.push(*v),
            ["en", v] if !v.is_empty() => en.push(*v),
            _ => return Err(bad(file, n, "fr|value or en|value")),
        }
    }
    Ok((fr, en))
}

fn bad(file: &str, line: usize, expected: &str) -> String {
    format!("{file}:{line}: expected {expected}")
}

/// A Canadian forward sortation area: letter, digit, letter.
fn is_fsa(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3 && b[0].is_ascii_uppercase() && b[1].is_ascii_digit() && b[2].is_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_parses() {
        let lists = parse_all().unwrap();
        assert!(lists.first_fr.len() >= 100 && lists.last_qc.len() >= 150);
        assert!(lists.first_en.len() >= 100 && lists.last_en.len() >= 100);
        assert!(lists.cities.iter().any(|(_, c)| c.province == "QC"));
        assert!(lists.notes_fr.iter().any(|n| n.contains('\n')));
    }

    #[test]
    fn names_fit_the_model_limits() {
        let lists = parse_all().unwrap();
        for name in lists
            .first_fr
            .iter()
            .chain(&lists.first_en)
            .chain(&lists.last_qc)
            .chain(&lists.last_en)
        {
            assert!(name.chars().count() <= 25, "{name}");
        }
    }
}
