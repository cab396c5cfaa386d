//! One field of a form: a tui-input line, a pick list, or several
//! tui-input lines for notes; with its label, its first value and the
//! rule it breaks now, if any.

use tui_input::{Input, InputRequest};

use crate::model::Rule;

/// One choice of a pick list: the value the model parses, and the label
/// the user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Opt {
    pub(crate) value: String,
    pub(crate) label: String,
}

impl Opt {
    pub(crate) fn new(value: impl Into<String>, label: impl Into<String>) -> Opt {
        Opt {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// What a field holds and how it is edited.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Text(Input),
    Pick {
        options: Vec<Opt>,
        index: usize,
    },
    /// Several lines, each its own input; `row` has the cursor.
    Lines {
        lines: Vec<Input>,
        row: usize,
    },
}

/// One field of a form.
#[derive(Debug, Clone)]
pub(crate) struct FormField {
    /// The model's key for the field (`phone`, `price`).
    pub(crate) key: &'static str,
    pub(crate) label: &'static str,
    /// A heading shown above this field, starting a section.
    pub(crate) section: Option<&'static str>,
    pub(crate) required: bool,
    /// Masked unless the field has the focus.
    pub(crate) sensitive: bool,
    /// Shown but not editable by this user.
    pub(crate) locked: bool,
    /// What to type, shown while the field has the focus.
    pub(crate) hint: Option<String>,
    pub(crate) value: Value,
    /// The value the record has now; the field is changed when different.
    pub(crate) initial: String,
    /// Edited at least once: its error is shown from then on.
    pub(crate) touched: bool,
    /// The rule the value breaks now.
    pub(crate) error: Option<Rule>,
    /// Restored from a draft with a value the saved record does not
    /// have: the saved record's value, as shown.
    pub(crate) restored: Option<String>,
}

impl FormField {
    fn new(key: &'static str, label: &'static str, value: Value, initial: String) -> FormField {
        FormField {
            key,
            label,
            section: None,
            required: false,
            sensitive: false,
            locked: false,
            hint: None,
            value,
            initial,
            touched: false,
            error: None,
            restored: None,
        }
    }

    /// The value as shown: a pick list's label rather than its code.
    pub(crate) fn shown(&self, value: &str) -> String {
        match &self.value {
            Value::Pick { options, .. } => options
                .iter()
                .find(|o| o.value == value)
                .map_or_else(|| value.to_owned(), |o| o.label.clone()),
            _ => value.replace('\n', " / "),
        }
    }

    /// A one-line text field.
    pub(crate) fn text(key: &'static str, label: &'static str, value: &str) -> FormField {
        FormField::new(
            key,
            label,
            Value::Text(Input::new(value.to_owned())),
            value.to_owned(),
        )
    }

    /// A pick list. A value that is not among the options is kept as an
    /// extra option, so that opening a form never changes a record.
    pub(crate) fn pick(
        key: &'static str,
        label: &'static str,
        mut options: Vec<Opt>,
        value: &str,
    ) -> FormField {
        let index = match options.iter().position(|o| o.value == value) {
            Some(i) => i,
            None => {
                options.push(Opt::new(value, value));
                options.len() - 1
            }
        };
        FormField::new(key, label, Value::Pick { options, index }, value.to_owned())
    }

    /// A text of several lines.
    pub(crate) fn lines(key: &'static str, label: &'static str, value: &str) -> FormField {
        let mut lines: Vec<Input> = value
            .split('\n')
            .map(|l| Input::new(l.to_owned()))
            .collect();
        if lines.is_empty() {
            lines.push(Input::default());
        }
        let row = lines.len() - 1;
        FormField::new(key, label, Value::Lines { lines, row }, value.to_owned())
    }

    pub(crate) fn in_section(mut self, title: &'static str) -> FormField {
        self.section = Some(title);
        self
    }

    pub(crate) fn required(mut self) -> FormField {
        self.required = true;
        self
    }

    pub(crate) fn sensitive(mut self) -> FormField {
        self.sensitive = true;
        self
    }

    pub(crate) fn locked(mut self, locked: bool) -> FormField {
        self.locked = locked;
        self
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> FormField {
        self.hint = Some(hint.into());
        self
    }

    /// The value as text, as the model parses it.
    pub(crate) fn value(&self) -> String {
        match &self.value {
            Value::Text(i) => i.value().to_owned(),
            Value::Pick { options, index } => options
                .get(*index)
                .map(|o| o.value.clone())
                .unwrap_or_default(),
            Value::Lines { lines, .. } => lines
                .iter()
                .map(Input::value)
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// True when the value differs from the record's.
    pub(crate) fn is_changed(&self) -> bool {
        self.value() != self.initial
    }

    /// Replaces the value (restoring a draft).
    pub(crate) fn set_value(&mut self, v: &str) {
        match &mut self.value {
            Value::Text(i) => *i = Input::new(v.to_owned()),
            Value::Pick { options, index } => match options.iter().position(|o| o.value == v) {
                Some(i) => *index = i,
                None => {
                    options.push(Opt::new(v, v));
                    *index = options.len() - 1;
                }
            },
            Value::Lines { .. } => {
                let fresh = FormField::lines(self.key, self.label, v);
                self.value = fresh.value;
            }
        }
    }

    /// How many screen lines the field takes.
    pub(crate) fn height(&self) -> usize {
        match &self.value {
            Value::Lines { lines, .. } => lines.len().clamp(3, 8),
            _ => 1,
        }
    }

    /// The pick list's labels and current choice.
    pub(crate) fn options(&self) -> Option<(Vec<String>, usize)> {
        match &self.value {
            Value::Pick { options, index } => {
                Some((options.iter().map(|o| o.label.clone()).collect(), *index))
            }
            _ => None,
        }
    }

    /// Applies an editing request; true when the value changed.
    pub(crate) fn edit(&mut self, request: InputRequest) -> bool {
        match &mut self.value {
            Value::Text(i) => i.handle(request).is_some_and(|c| c.value),
            Value::Pick { .. } => match request {
                InputRequest::GoToPrevChar => self.cycle(-1),
                InputRequest::GoToNextChar => self.cycle(1),
                InputRequest::InsertChar(c) => self.jump_to(c),
                _ => false,
            },
            Value::Lines { lines, row } => {
                let at_start = lines[*row].cursor() == 0;
                let at_end = lines[*row].cursor() == lines[*row].value().chars().count();
                match request {
                    InputRequest::DeletePrevChar if at_start && *row > 0 => {
                        let tail = lines.remove(*row).value().to_owned();
                        *row -= 1;
                        let head = lines[*row].value().to_owned();
                        let cursor = head.chars().count();
                        lines[*row] = Input::new(head + &tail).with_cursor(cursor);
                        true
                    }
                    InputRequest::DeleteNextChar if at_end && *row + 1 < lines.len() => {
                        let tail = lines.remove(*row + 1).value().to_owned();
                        let head = lines[*row].value().to_owned();
                        let cursor = head.chars().count();
                        lines[*row] = Input::new(head + &tail).with_cursor(cursor);
                        true
                    }
                    _ => lines[*row].handle(request).is_some_and(|c| c.value),
                }
            }
        }
    }

    /// Splits the current line at the cursor (notes only); true when done.
    pub(crate) fn newline(&mut self) -> bool {
        let Value::Lines { lines, row } = &mut self.value else {
            return false;
        };
        let line = lines[*row].value().to_owned();
        let at = line
            .char_indices()
            .nth(lines[*row].cursor())
            .map_or(line.len(), |(b, _)| b);
        let (head, tail) = line.split_at(at);
        lines[*row] = Input::new(head.to_owned());
        lines.insert(*row + 1, Input::new(tail.to_owned()).with_cursor(0));
        *row += 1;
        true
    }

    /// Moves the cursor one line up or down inside notes; false at the
    /// edge (the caller then moves to another field).
    pub(crate) fn move_line(&mut self, down: bool) -> bool {
        let Value::Lines { lines, row } = &mut self.value else {
            return false;
        };
        let to = if down { *row + 1 } else { row.wrapping_sub(1) };
        if to >= lines.len() {
            return false;
        }
        let column = lines[*row].cursor();
        let len = lines[to].value().chars().count();
        lines[to] = lines[to].clone().with_cursor(column.min(len));
        *row = to;
        true
    }

    /// Moves a pick list by `by` options, wrapping; true when it changed.
    pub(crate) fn cycle(&mut self, by: isize) -> bool {
        let Value::Pick { options, index } = &mut self.value else {
            return false;
        };
        let n = options.len() as isize;
        if n == 0 {
            return false;
        }
        *index = (*index as isize + by).rem_euclid(n) as usize;
        true
    }

    /// Jumps to the next option whose label starts with a letter.
    pub(crate) fn jump_to(&mut self, c: char) -> bool {
        let Value::Pick { options, index } = &mut self.value else {
            return false;
        };
        let key = crate::model::text::fold(&c.to_string());
        let n = options.len();
        for step in 1..=n {
            let i = (*index + step) % n;
            if crate::model::text::fold(&options[i].label).starts_with(&key) {
                let changed = i != *index;
                *index = i;
                return changed;
            }
        }
        false
    }

    /// Picks an option by position.
    pub(crate) fn choose(&mut self, i: usize) -> bool {
        let Value::Pick { options, index } = &mut self.value else {
            return false;
        };
        if i >= options.len() || i == *index {
            return false;
        }
        *index = i;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_split_and_join_lines() {
        let mut f = FormField::lines("notes", "Notes", "first");
        assert!(f.newline());
        for c in "second".chars() {
            f.edit(InputRequest::InsertChar(c));
        }
        assert_eq!(f.value(), "first\nsecond");
        f.edit(InputRequest::GoToStart);
        assert!(f.edit(InputRequest::DeletePrevChar));
        assert_eq!(f.value(), "firstsecond");
        assert!(!f.move_line(true));
    }

    #[test]
    fn pick_lists_cycle_and_jump() {
        let opts = vec![
            Opt::new("business", "Business"),
            Opt::new("individual", "Individual"),
        ];
        let mut f = FormField::pick("kind", "Type", opts, "business");
        assert!(f.edit(InputRequest::GoToNextChar));
        assert_eq!(f.value(), "individual");
        assert!(f.edit(InputRequest::InsertChar('b')));
        assert_eq!(f.value(), "business");
        let kept = FormField::pick(
            "province",
            "Province",
            vec![Opt::new("QC", "Québec")],
            "Bavaria",
        );
        assert_eq!(kept.value(), "Bavaria");
        assert!(!kept.is_changed());
    }
}
