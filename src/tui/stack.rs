//! The screens as a stack: the client list at the bottom, and above it
//! whatever the user opened since, in order.
//!
//! Opening a screen pushes its state; leaving it pops it, and the screen
//! below shows again. The top of the stack has the keyboard:
//! [`super::update`] hands each command to the top screen's own module, and
//! [`super::view()`] draws the topmost screen with the popup, if any, over
//! it. The list is not on the stack: it is always there, under everything.
//!
//! Two rules keep the stack simple to reason about:
//!
//! - **At most one screen of each kind.** Opening a kind that is already
//!   open replaces it (a second profile replaces the first). The team and
//!   billing screens share one slot: opening one closes the other.
//! - **A popup is always on top.** A screen that opens while a popup shows
//!   (an answer from the firm arriving) goes under the popup, and a new
//!   popup replaces the one showing.
//!
//! ```text
//!   Popup(Confirm)   <- has the keyboard; drawn over the screen below
//!   ClientForm
//!   Profile
//!   Billing
//!   (the list)
//! ```

use super::billing::BillingView;
use super::conflict::Conflict;
use super::form::Form;
use super::keymap::Screen;
use super::popup::Popup;
use super::profile::Profile;
use super::team::TeamView;
use super::team::form::MemberForm;
use super::work::WorkView;

/// One open screen and its state.
#[derive(Debug)]
pub(crate) enum Layer {
    /// A client's profile (`profile/`).
    Profile(Box<Profile>),
    /// The client form: the client's details or one of its items (`form/`).
    ClientForm(Box<Form>),
    /// The team member form (`team/form.rs`), over the team screen.
    MemberForm(Box<MemberForm>),
    /// A save that clashed with another one (`conflict/`).
    Conflict(Box<Conflict>),
    /// The team screen (`team/`).
    Team(Box<TeamView>),
    /// Wholesale billing (`billing/`).
    Billing(Box<BillingView>),
    /// The work view (`work/`).
    Work(Box<WorkView>),
    /// A menu, question, picker or the help (`popup/`).
    Popup(Box<Popup>),
}

/// Which screen a layer is, without its state: what [`super::update`]
/// routes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The client list, with or without its search box focused.
    List,
    Profile,
    ClientForm,
    MemberForm,
    Conflict,
    Team,
    Billing,
    Work,
    Popup,
}

impl Kind {
    /// The kinds that take each other's place share a slot: the team and
    /// billing screens.
    fn slot(self) -> Kind {
        match self {
            Kind::Billing => Kind::Team,
            kind => kind,
        }
    }
}

impl Layer {
    /// Which screen this is.
    pub(crate) fn kind(&self) -> Kind {
        match self {
            Layer::Profile(_) => Kind::Profile,
            Layer::ClientForm(_) => Kind::ClientForm,
            Layer::MemberForm(_) => Kind::MemberForm,
            Layer::Conflict(_) => Kind::Conflict,
            Layer::Team(_) => Kind::Team,
            Layer::Billing(_) => Kind::Billing,
            Layer::Work(_) => Kind::Work,
            Layer::Popup(_) => Kind::Popup,
        }
    }

    /// The keymap's layer for this screen: its bindings, hints and help.
    pub(crate) fn keys(&self) -> Screen {
        match self {
            Layer::Profile(_) => Screen::Profile,
            Layer::ClientForm(_) | Layer::MemberForm(_) => Screen::Form,
            Layer::Conflict(_) => Screen::Conflict,
            Layer::Team(_) => Screen::Team,
            Layer::Billing(_) => Screen::Billing,
            Layer::Work(_) => Screen::Work,
            Layer::Popup(p) => match **p {
                Popup::Help { .. } => Screen::Help,
                Popup::Menu(_) => Screen::Popup,
                Popup::Confirm(_) => Screen::Confirm,
                Popup::PickClient(_) => Screen::Picker,
            },
        }
    }
}

/// The open screens above the list, bottom first.
#[derive(Debug, Default)]
pub(crate) struct Stack {
    layers: Vec<Layer>,
}

impl Stack {
    /// The screen with the keyboard, `None` for the list.
    pub(crate) fn top(&self) -> Option<&Layer> {
        self.layers.last()
    }

    /// Which screen has the keyboard.
    pub(crate) fn top_kind(&self) -> Kind {
        self.top().map_or(Kind::List, Layer::kind)
    }

    /// The topmost screen that is not a popup (`None` for the list): what
    /// the body of the screen shows.
    pub(crate) fn screen(&self) -> Option<&Layer> {
        self.layers
            .iter()
            .rev()
            .find(|l| !matches!(l, Layer::Popup(_)))
    }

    /// Opens a screen on top (under the popup, if one shows), replacing
    /// an open screen of the same kind, or of its slot (the team screen
    /// replaces the billing screen); a popup replaces the popup.
    pub(crate) fn push(&mut self, layer: Layer) {
        let slot = layer.kind().slot();
        self.layers.retain(|l| l.kind().slot() != slot);
        let at = match self.layers.last() {
            Some(Layer::Popup(_)) => self.layers.len() - 1,
            _ => self.layers.len(),
        };
        self.layers.insert(at, layer);
    }

    /// Closes the screen of this kind, wherever it is, and returns it.
    pub(crate) fn close(&mut self, kind: Kind) -> Option<Layer> {
        let i = self.layers.iter().rposition(|l| l.kind() == kind)?;
        Some(self.layers.remove(i))
    }

    /// Opens a popup over everything, in place of any popup showing.
    pub(crate) fn set_popup(&mut self, popup: Popup) {
        self.push(Layer::Popup(Box::new(popup)));
    }
}

/// For each kind of screen: a shared and a mutable look at its state, and
/// a way to close it that hands the state back. Every one finds the
/// screen at whatever depth it lies.
macro_rules! access {
    ($($variant:ident: $ty:ty => $get:ident, $get_mut:ident, $take:ident;)*) => {
        impl Stack {
            $(
                pub(crate) fn $get(&self) -> Option<&$ty> {
                    self.layers.iter().rev().find_map(|l| match l {
                        Layer::$variant(x) => Some(&**x),
                        _ => None,
                    })
                }

                pub(crate) fn $get_mut(&mut self) -> Option<&mut $ty> {
                    self.layers.iter_mut().rev().find_map(|l| match l {
                        Layer::$variant(x) => Some(&mut **x),
                        _ => None,
                    })
                }

                pub(crate) fn $take(&mut self) -> Option<$ty> {
                    match self.close(Kind::$variant)? {
                        Layer::$variant(x) => Some(*x),
                        _ => None,
                    }
                }
            )*
        }
    };
}

access! {
    Profile: Profile => profile, profile_mut, take_profile;
    ClientForm: Form => client_form, client_form_mut, take_client_form;
    MemberForm: MemberForm => member_form, member_form_mut, take_member_form;
    Conflict: Conflict => conflict, conflict_mut, take_conflict;
    Team: TeamView => team, team_mut, take_team;
    Billing: BillingView => billing, billing_mut, take_billing;
    Work: WorkView => work, work_mut, take_work;
    Popup: Popup => popup, popup_mut, take_popup;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work() -> Layer {
        Layer::Work(Box::new(WorkView {
            mine: false,
            report: None,
            selected: 0,
            measure: 0,
            scroll: 0,
        }))
    }

    fn help() -> Popup {
        Popup::Help {
            screen: Screen::List,
            scroll: 0,
        }
    }

    #[test]
    fn the_top_has_the_keyboard_and_closing_it_shows_the_one_below() {
        let mut s = Stack::default();
        assert_eq!(s.top_kind(), Kind::List);
        s.push(work());
        s.push(Layer::Team(Box::default()));
        assert_eq!(s.top_kind(), Kind::Team);
        assert!(s.take_team().is_some());
        assert_eq!(s.top_kind(), Kind::Work);
        assert!(s.take_work().is_some());
        assert_eq!(s.top_kind(), Kind::List);
        assert!(s.take_work().is_none());
    }

    #[test]
    fn the_team_and_billing_screens_take_each_others_place() {
        let mut s = Stack::default();
        s.push(work());
        s.push(Layer::Billing(Box::default()));
        s.push(Layer::Team(Box::default()));
        assert!(s.billing().is_none(), "the team screen closed billing");
        assert_eq!(s.layers.len(), 2);
        s.push(Layer::Billing(Box::default()));
        assert!(s.team().is_none(), "the billing screen closed the team");
        assert_eq!(s.top_kind(), Kind::Billing);
        assert!(s.take_billing().is_some());
        assert_eq!(s.top_kind(), Kind::Work, "other screens stay");
    }

    #[test]
    fn a_popup_stays_on_top_of_a_screen_that_opens_under_it() {
        let mut s = Stack::default();
        s.set_popup(help());
        s.push(Layer::Team(Box::default()));
        assert_eq!(s.top_kind(), Kind::Popup);
        assert_eq!(s.screen().map(Layer::kind), Some(Kind::Team));
        s.set_popup(help());
        assert_eq!(s.layers.len(), 2, "a popup replaces the popup");
        assert!(s.take_popup().is_some());
        assert_eq!(s.top_kind(), Kind::Team);
    }

    #[test]
    fn opening_a_kind_already_open_replaces_it() {
        let mut s = Stack::default();
        s.push(Layer::Team(Box::default()));
        s.push(work());
        s.push(Layer::Team(Box::new(TeamView {
            selected: 3,
            ..TeamView::default()
        })));
        assert_eq!(s.layers.len(), 2);
        assert_eq!(s.team().map(|t| t.selected), Some(3));
        assert_eq!(s.top_kind(), Kind::Team);
    }
}
