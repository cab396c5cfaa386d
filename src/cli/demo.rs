//! `cabinet demo` and `cabinet --demo`: a realistic firm to try cabinet on.

use super::{CliError, Ctx};
use crate::api::Firm;
use std::io::IsTerminal;

use crate::demo::{DemoError, DemoOptions, Stage, install_with};
use crate::i18n::{Msg, number};
use crate::model::ViewQuery;

/// Fills the firm with demo clients and a team.
pub(super) fn run(
    ctx: &mut Ctx<'_>,
    clients: usize,
    seed: u64,
    json: bool,
) -> Result<(), CliError> {
    let options = DemoOptions {
        clients,
        seed,
        ..DemoOptions::new(ctx.today)
    };
    let done = install_shown(ctx.firm, options, ctx.lang).map_err(|e| match e {
        DemoError::Api(e) => CliError::Api(e),
        other => CliError::Usage(other.to_string()),
    })?;
    if json {
        return ctx.json(&super::json::DemoJson {
            clients: done.clients,
            members: done.team.len(),
            admin: done.admin.login.clone(),
        });
    }
    let lang = ctx.lang;
    ctx.say(
        Msg::DemoFilled,
        &[
            ("clients", &number(lang, done.clients as u64)),
            ("members", &number(lang, done.team.len() as u64)),
            ("name", &done.admin.name),
        ],
    )
}

/// Fills an empty demo firm with the default demo, saying so on stderr
/// (it takes a moment). A firm that already has clients is left alone.
pub fn ensure(
    firm: &dyn Firm,
    today: jiff::civil::Date,
    lang: crate::i18n::Lang,
) -> Result<(), CliError> {
    let everyone = ViewQuery {
        include_inactive: true,
        limit: 0,
        ..ViewQuery::default()
    };
    if firm.query(&everyone)?.total > 0 {
        return Ok(());
    }
    eprintln!(
        "{}",
        lang.f(
            Msg::DemoCreating,
            &[(
                "clients",
                &number(lang, DemoOptions::DEFAULT_CLIENTS as u64)
            )]
        )
    );
    match install_shown(firm, DemoOptions::new(today), lang) {
        Ok(_) | Err(DemoError::NotEmpty { .. }) => Ok(()),
        Err(DemoError::Api(e)) => Err(CliError::Api(e)),
    }
}

/// Installs the demo with a progress bar on standard error, when it is a
/// terminal.
fn install_shown(
    firm: &dyn Firm,
    options: DemoOptions,
    lang: crate::i18n::Lang,
) -> Result<crate::demo::Installed, DemoError> {
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(options.clients as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(Msg::DemoProgress.text(lang)) {
            b.set_style(style);
        }
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let done = install_with(firm, options, &mut |stage| match stage {
        Stage::Sent(n) => bar.set_position(n as u64),
        Stage::Writing => {
            bar.set_message(Msg::ImportWriting.text(lang));
            bar.enable_steady_tick(std::time::Duration::from_millis(500));
        }
    });
    bar.finish_and_clear();
    done
}
