//! `cabinet completions` and `cabinet man`: the shell completions and
//! the manual page, both made from the same command-line definition as
//! `--help`, in the user's language.

use std::io::{self, Write};

use super::{CliError, args, command, help_fr};
use crate::i18n::Lang;

/// Writes the completion script for `shell`.
pub fn completions(shell: args::ShellArg, lang: Lang, out: &mut dyn Write) -> Result<(), CliError> {
    use clap_complete::Shell;
    let shell = match shell {
        args::ShellArg::Bash => Shell::Bash,
        args::ShellArg::Zsh => Shell::Zsh,
        args::ShellArg::Fish => Shell::Fish,
    };
    let mut cmd = command(lang);
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "cabinet", &mut buf);
    out.write_all(&buf)?;
    Ok(())
}

/// Writes the manual page, in roff, with a section per subcommand.
pub fn man(lang: Lang, out: &mut dyn Write) -> Result<(), CliError> {
    let cmd = command(lang);
    let mut buf = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    man.render_options_section(&mut buf)?;
    // Each subcommand, as its own section, with its options.
    roff_line(
        &mut buf,
        match lang {
            Lang::En => ".SH COMMANDS",
            Lang::Fr => ".SH COMMANDES",
        },
    )?;
    for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
        write_subcommand(&mut buf, sub, "cabinet")?;
    }
    let (heading, after) = match lang {
        Lang::En => (".SH \"EXIT STATUS AND FILES\"", args::AFTER_HELP),
        Lang::Fr => (
            ".SH \"CODES DE SORTIE ET FICHIERS\"",
            help_fr::AFTER_HELP_FR,
        ),
    };
    roff_line(&mut buf, heading)?;
    for line in after.lines() {
        if line.is_empty() {
            roff_line(&mut buf, ".PP")?;
        } else {
            roff_line(&mut buf, &format!(".br\n{}", roff_escape(line)))?;
        }
    }
    man.render_version_section(&mut buf)?;
    out.write_all(&buf)?;
    Ok(())
}

fn roff_line(buf: &mut Vec<u8>, line: &str) -> io::Result<()> {
    writeln!(buf, "{line}")
}

/// Text made safe for roff: backslashes doubled, and a leading dot or
/// quote protected.
fn roff_escape(s: &str) -> String {
    let s = s.replace('\\', "\\e").replace('-', "\\-");
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}

fn write_subcommand(buf: &mut Vec<u8>, cmd: &clap::Command, parent: &str) -> io::Result<()> {
    let name = format!("{parent} {}", cmd.get_name());
    if cmd.has_subcommands() {
        for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
            write_subcommand(buf, sub, &name)?;
        }
        return Ok(());
    }
    let mut usage = cmd.clone().bin_name(&name);
    let usage = usage.render_usage().to_string();
    // not prose: clap's usage prefix, removed
    let usage = usage.trim_start_matches("Usage: ");
    // not prose: roff requests
    writeln!(buf, ".TP\n\\fB{}\\fR", roff_escape(usage))?;
    let about = cmd
        .get_long_about()
        .or(cmd.get_about())
        .map(|a| a.to_string())
        .unwrap_or_default();
    writeln!(buf, "{}", roff_escape(&about))?;
    for arg in cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_global_set())
    {
        let flag = match (arg.get_long(), arg.get_short()) {
            (Some(l), Some(s)) => format!("\\-{s}, \\-\\-{l}"),
            (Some(l), None) => format!("\\-\\-{l}"),
            (None, _) => format!("<{}>", arg.get_id().as_str().to_uppercase()),
        };
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        // not prose: roff requests
        writeln!(buf, ".RS\n.TP\n{flag}\n{}\n.RE", roff_escape(&help))?;
    }
    Ok(())
}
