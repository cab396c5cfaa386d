//! When a return is due, counted from today: "today", "tomorrow",
//! "in 3 days", "5 days late", in each language, long and short.

use jiff::civil::Date;

use super::Lang;

impl Lang {
    /// How far a due date is from today, in words: `today`, `tomorrow`,
    /// `in 3 days`, `1 day late`, `5 days late` (`aujourd'hui`, `demain`,
    /// `dans 3 jours`, `1 jour de retard`, `5 jours de retard`). `short`
    /// gives the narrow form for tight columns (`in 3 d`, `5 d late`;
    /// `dans 3 j`, `retard 5 j`).
    pub(crate) fn due_relative(self, due: Date, today: Date, short: bool) -> String {
        let days = i64::from((due - today).get_days());
        let n = days.unsigned_abs();
        match (self, days) {
            (Lang::En, 0) => "today".to_owned(),
            (Lang::En, 1) => "tomorrow".to_owned(),
            (Lang::En, d) if d > 0 && short => format!("in {n} d"),
            (Lang::En, d) if d > 0 => format!("in {n} days"),
            (Lang::En, _) if short => format!("{n} d late"),
            (Lang::En, -1) => "1 day late".to_owned(),
            (Lang::En, _) => format!("{n} days late"),
            (Lang::Fr, 0) => "aujourd’hui".to_owned(),
            (Lang::Fr, 1) => "demain".to_owned(),
            (Lang::Fr, d) if d > 0 && short => format!("dans {n} j"),
            (Lang::Fr, d) if d > 0 => format!("dans {n} jours"),
            (Lang::Fr, _) if short => format!("retard {n} j"),
            (Lang::Fr, -1) => "1 jour de retard".to_owned(),
            (Lang::Fr, _) => format!("{n} jours de retard"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn days_read_as_words_in_both_languages() {
        let today = date(2026, 11, 30);
        let en = |d, s| Lang::En.due_relative(d, today, s);
        let fr = |d, s| Lang::Fr.due_relative(d, today, s);
        assert_eq!(en(today, false), "today");
        assert_eq!(en(date(2026, 12, 1), false), "tomorrow");
        assert_eq!(en(date(2026, 12, 3), false), "in 3 days");
        assert_eq!(en(date(2026, 11, 25), false), "5 days late");
        assert_eq!(en(date(2026, 11, 29), false), "1 day late");
        assert_eq!(en(date(2026, 11, 25), true), "5 d late");
        assert_eq!(en(date(2027, 11, 30), false), "in 365 days");
        assert_eq!(fr(today, false), "aujourd’hui");
        assert_eq!(fr(date(2026, 12, 1), false), "demain");
        assert_eq!(fr(date(2026, 12, 3), false), "dans 3 jours");
        assert_eq!(fr(date(2026, 11, 25), false), "5 jours de retard");
        assert_eq!(fr(date(2026, 11, 29), false), "1 jour de retard");
        assert_eq!(fr(date(2026, 12, 3), true), "dans 3 j");
    }
}
