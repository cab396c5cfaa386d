//! English and French: choosing the language, wording messages, and
//! formatting money, counts and dates the way each language writes them.
//!
//! Every message exists in both languages by construction: the
//! [`messages!`] table takes an `en` and an `fr` text for each entry, and an
//! entry missing either fails to compile. Rendered text never contains
//! invisible isolation marks, which would break column widths.
//!
//! Messages that cross the socket (errors, validation rules) travel as
//! codes with values and are worded here, by the client, so two people on
//! one server can each read their own language.

/// The text of one language: `say!(lang, en: …, fr: …)`. Each wording
/// names both, so one language cannot be left out.
macro_rules! say {
    ($lang:expr, en: $en:expr, fr: $fr:expr $(,)?) => {
        match $lang {
            $crate::i18n::Lang::En => $en,
            $crate::i18n::Lang::Fr => $fr,
        }
    };
}

mod causes;
mod connect;
mod due;
mod format;
mod maintenance;
mod messages;
mod rules;
mod words;

use std::borrow::Cow;

pub use format::number;
pub(crate) use format::{money, percent, plural};
pub use messages::Msg;

/// A language cabinet speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// Parses `en`, `fr`, or a locale such as `fr_CA.UTF-8`.
    pub fn parse(s: &str) -> Option<Lang> {
        let code = s
            .trim()
            .split(['_', '-', '.', '@'])
            .next()?
            .to_ascii_lowercase();
        match code.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The language to use: `--lang`, else the settings file's `lang`,
    /// else LC_ALL, LC_MESSAGES, LANG; anything else is English.
    pub fn choose(flag: Option<&str>, setting: Option<&str>) -> Lang {
        if let Some(l) = flag
            .and_then(Lang::parse)
            .or_else(|| setting.and_then(Lang::parse))
        {
            return l;
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                // The first variable that is set decides, as in POSIX.
                return Lang::parse(&v).unwrap_or(Lang::En);
            }
        }
        Lang::En
    }

    /// A message's text with `{name}` placeholders filled in.
    pub fn t(self, msg: Msg) -> Cow<'static, str> {
        Cow::Borrowed(msg.text(self))
    }

    /// A message with its placeholders replaced by `args`.
    pub fn f(self, msg: Msg, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut s = msg.text(self).to_owned();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), &value.to_string());
        }
        s
    }

    /// A count and its noun in the right number: `12,345 rows`,
    /// `0 ligne`.
    pub(crate) fn count(self, n: usize, one: Msg, many: Msg) -> String {
        format!("{} {}", number(self, n as u64), self.noun(n, one, many))
    }

    /// A noun in the number `n` asks for: `row`, `rows`, `ligne`.
    pub(crate) fn noun(self, n: usize, one: Msg, many: Msg) -> &'static str {
        plural(self, n, one.text(self), many.text(self))
    }

    /// The name of a month (1–12).
    pub(crate) fn month(self, m: i8) -> &'static str {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        let i = (m.clamp(1, 12) - 1) as usize;
        match self {
            Lang::En => EN[i],
            Lang::Fr => FR[i],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_locales() {
        assert_eq!(Lang::parse("fr_CA.UTF-8"), Some(Lang::Fr));
        assert_eq!(Lang::parse("en_US"), Some(Lang::En));
        assert_eq!(Lang::parse("C"), None);
        assert_eq!(Lang::parse("FR"), Some(Lang::Fr));
    }

    #[test]
    fn the_flag_beats_the_setting() {
        assert_eq!(Lang::choose(Some("fr"), Some("en")), Lang::Fr);
        assert_eq!(Lang::choose(None, Some("fr")), Lang::Fr);
    }

    #[test]
    fn months() {
        assert_eq!(Lang::Fr.month(8), "août");
        assert_eq!(Lang::En.month(12), "December");
    }
}
