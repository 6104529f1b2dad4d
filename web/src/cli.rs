//! The `bys` command line: serve (the default), migrate, create-admin, tzdb, demo, backup,
//! restore.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Book Your Services: an appointment booking marketplace.
///
/// Settings come from the embedded config/default.toml, then config/local.toml (if present),
/// then --config FILE, then `BYS_SECTION__KEY` environment variables (e.g.
/// `BYS_SERVER__PORT=9000`). Logs are filtered by `RUST_LOG` (default "info").
#[derive(Debug, Parser)]
#[command(
    name = "bys",
    version,
    about = "Book Your Services: an appointment booking marketplace.",
    long_about = "Book Your Services: an appointment booking marketplace.\n\n\
        Settings come from the embedded config/default.toml, then config/local.toml (if \
        present), then --config FILE, then BYS_SECTION__KEY environment variables (e.g. \
        BYS_SERVER__PORT=9000). Logs are filtered by RUST_LOG (default \"info\")."
)]
pub struct Cli {
    /// A TOML file layered over the defaults and config/local.toml (environment variables still
    /// win).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The operator's commands.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Serve the web pages and the JSON API at the configured address (the default).
    Serve,
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Create an administrator account, then exit. The password is asked for on a terminal,
    /// or read from the first line of standard input (e.g. `bys create-admin ... < file`).
    CreateAdmin {
        /// The administrator's email address (their login).
        #[arg(long)]
        email: String,
        /// The administrator's display name.
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Print the time-zone rules in use (tzdb release and where they come from), then exit.
    Tzdb,
    /// Write a consistent copy of the SQLite database into FILE (a new file), while the app may
    /// keep serving. On PostgreSQL, says which `pg_dump` command to run instead.
    Backup {
        /// The backup file to create.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Replace the SQLite database with the backup FILE. Stop every `bys serve` on it first:
    /// the restore refuses while the database is open elsewhere.
    Restore {
        /// The backup file made by `bys backup`.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Load a demo marketplace (providers in several zones, services, hours, bookings) into
    /// in-memory stores and serve it; with `--scale bench`, write the benchmark dataset into the
    /// configured database instead, print what the load harness needs, and exit.
    Demo {
        /// `small`: a few providers, served from memory. `bench`: 200 providers, 500
        /// customers, 1,000 services and 10,000 appointments (times `--factor`), written into
        /// the (empty) configured database (see docs/PERFORMANCE.md).
        #[arg(long, value_enum, default_value_t = Scale::Small)]
        scale: Scale,
        /// With `--scale bench`: multiplies providers, customers, services and the other
        /// providers' appointments (1 to 1,000); the hot provider stays the same.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
        factor: u32,
        /// With `--scale bench`: this many events a day in the hot provider's own calendar
        /// (stored as a calendar read just now, each over one of their bookings), to measure
        /// availability with busy time from providers' calendars.
        #[arg(long, default_value_t = 0)]
        external_events: u16,
    },
}

/// How big a demo to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// A handful of providers and services, in memory.
    Small,
    /// The benchmark dataset, in the configured database.
    Bench,
}

impl Cli {
    /// The command to run, `serve` when none was given.
    pub fn to_run(&self) -> Command {
        self.command.clone().unwrap_or(Command::Serve)
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn no_subcommand_means_serve() {
        let cli = Cli::try_parse_from(["bys"]).unwrap();
        assert_eq!(cli.to_run(), Command::Serve);
    }

    #[test]
    fn the_config_option_is_accepted_after_a_subcommand() {
        let cli = Cli::try_parse_from(["bys", "demo", "--config", "x.toml"]).unwrap();
        assert_eq!(
            cli.to_run(),
            Command::Demo {
                scale: Scale::Small,
                factor: 1,
                external_events: 0
            }
        );
        assert_eq!(cli.config, Some(PathBuf::from("x.toml")));
    }

    #[test]
    fn the_bench_scale_is_chosen_by_name() {
        let cli = Cli::try_parse_from(["bys", "demo", "--scale", "bench"]).unwrap();
        assert_eq!(
            cli.to_run(),
            Command::Demo {
                scale: Scale::Bench,
                factor: 1,
                external_events: 0
            }
        );
        let cli = Cli::try_parse_from([
            "bys",
            "demo",
            "--scale",
            "bench",
            "--factor",
            "100",
            "--external-events",
            "20",
        ])
        .unwrap();
        assert_eq!(
            cli.to_run(),
            Command::Demo {
                scale: Scale::Bench,
                factor: 100,
                external_events: 20
            }
        );
        assert!(Cli::try_parse_from(["bys", "demo", "--factor", "0"]).is_err());
    }

    #[test]
    fn backup_and_restore_take_a_file() {
        let cli = Cli::try_parse_from(["bys", "backup", "b.db"]).unwrap();
        assert_eq!(
            cli.to_run(),
            Command::Backup {
                file: PathBuf::from("b.db")
            }
        );
        let cli = Cli::try_parse_from(["bys", "restore", "b.db"]).unwrap();
        assert_eq!(
            cli.to_run(),
            Command::Restore {
                file: PathBuf::from("b.db")
            }
        );
    }

    #[test]
    fn every_option_and_command_is_documented() {
        Cli::command().debug_assert();
        let command = Cli::command();
        for sub in command.get_subcommands() {
            assert!(sub.get_about().is_some(), "{} has no help", sub.get_name());
            for arg in sub.get_arguments() {
                assert!(arg.get_help().is_some(), "{} has no help", arg.get_id());
            }
        }
    }
}
