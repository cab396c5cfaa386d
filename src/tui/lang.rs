//! The language the app speaks, for the thread that draws it.
//!
//! One person runs one app, in one language, chosen at start-up
//! ([`super::Options::lang`]). Screens word everything through
//! [`super::strings`], whose entries are written with [`tr!`]: an English
//! and a French text side by side, chosen by [`lang`]. An entry missing
//! either language does not compile. The language is per thread so that
//! tests in both languages can run side by side.

use std::cell::Cell;

pub(crate) use crate::i18n::Lang;

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language this thread draws in.
pub(crate) fn lang() -> Lang {
    CURRENT.get()
}

/// Sets the language this thread draws in.
pub(crate) fn set_lang(lang: Lang) {
    CURRENT.set(lang);
}

/// Chooses between an English and a French text (or any two values) by
/// the current language: `tr!(en: "Quit", fr: "Quitter")`.
#[macro_export]
#[doc(hidden)]
macro_rules! tr {
    (en: $en:expr, fr: $fr:expr $(,)?) => {
        match $crate::tui::lang::lang() {
            $crate::i18n::Lang::En => $en,
            $crate::i18n::Lang::Fr => $fr,
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_thread_has_its_language() {
        set_lang(Lang::Fr);
        assert_eq!(tr!(en: "Quit", fr: "Quitter"), "Quitter");
        let other = std::thread::spawn(|| tr!(en: "Quit", fr: "Quitter"))
            .join()
            .unwrap();
        assert_eq!(other, "Quit");
        set_lang(Lang::En);
    }
}
