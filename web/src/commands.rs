//! The operator commands: serve, migrate, create-admin, tzdb, demo, backup, restore.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::Path;

use adapters::sea_orm::{backup_sqlite, restore_sqlite, sqlite_file};
use adapters::{Argon2Hasher, SystemClock};
use anyhow::{Context as _, bail};
use application::create_staff_account::{CreateStaffError, StaffAccount};
use application::ports::Clock as _;
use domain::{Email, NewPassword, PersonName, Role, Zone};
use secrecy::ExposeSecret as _;

use crate::cli::{Command, Scale};
use crate::demo::{self, DEMO_PASSWORD, Seeder};
use crate::settings::Settings;
use crate::startup::{Application, MEMORY_URL, Stores, connect_database, migrate_database};
use crate::use_cases::UseCases;

/// Runs `command` with `settings`.
///
/// # Errors
/// When the command fails; the message says why.
pub async fn run(command: Command, settings: &Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve => {
            let stores = Stores::open(settings).await?;
            serve(settings, &stores).await
        }
        Command::Migrate => {
            if settings.database.url.expose_secret() == MEMORY_URL {
                bail!("database.url is {MEMORY_URL:?}: there is no database to migrate");
            }
            let db = connect_database(settings).await?;
            migrate_database(&db).await?;
            println!("The database schema is up to date.");
            Ok(())
        }
        Command::CreateAdmin { email, name } => create_admin(settings, &email, &name).await,
        Command::Tzdb => {
            let rules = domain::zone::installed();
            println!(
                "tzdb {} ({} zones), {}",
                rules.version(),
                rules.names().len(),
                rules.origin()
            );
            println!(
                "compiled into the binary: tzdb {}",
                domain::zone::bundled_version()
            );
            Ok(())
        }
        Command::Backup { file } => backup(settings, &file).await,
        Command::Restore { file } => restore(settings, &file).await,
        Command::Demo {
            scale: Scale::Bench,
            factor,
            external_events,
        } => {
            if settings.database.url.expose_secret() == MEMORY_URL {
                bail!("the bench dataset is written into a database: set database.url");
            }
            let db = connect_database(settings).await?;
            migrate_database(&db).await?;
            let started = std::time::Instant::now();
            let size = demo::bench::BenchSize {
                factor,
                external_per_day: external_events.into(),
            };
            let facts = demo::bench::load(&db, &Argon2Hasher, SystemClock.now(), size).await?;
            print!("{}", facts.to_shell());
            eprintln!(
                "Benchmark dataset loaded in {:.1} s ({} appointments). Customers log in with \
                 password {:?}.",
                started.elapsed().as_secs_f64(),
                facts.appointments,
                demo::bench::BENCH_PASSWORD,
            );
            Ok(())
        }
        Command::Demo {
            scale: Scale::Small,
            ..
        } => {
            let stores = Stores::in_memory();
            // Seeded through the running app's own use cases, before its address is announced.
            let app = Application::start(settings, &stores).await?;
            let use_cases = app.state.use_cases.clone();
            demo::seed(&Seeder::new(use_cases.clone(), &stores)).await?;
            demo::pictures::add(
                &use_cases.upload_image,
                stores.users.as_ref(),
                stores.services.as_ref(),
            )
            .await
            .context("demo pictures")?;
            println!(
                "Demo marketplace loaded (in memory, gone when it stops). Log in as \
                 ann@demo.bys (customer), salon@demo.bys (provider) or admin@demo.bys \
                 (administrator, /admin), password \
                 {DEMO_PASSWORD:?}."
            );
            run_until_signal(app).await
        }
    }
}

/// `bys backup FILE`: `VACUUM INTO` on SQLite; on PostgreSQL, the `pg_dump` command to run.
async fn backup(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    let url = settings.database.url.expose_secret();
    if url == MEMORY_URL {
        bail!("database.url is {MEMORY_URL:?}: there is no database to back up");
    }
    if url.starts_with("postgres") {
        bail!(
            "database.url is PostgreSQL: back it up with PostgreSQL's own tool, e.g.\n  \
             pg_dump --format=custom --file={} '{}'\n(restore with `pg_restore --clean \
             --if-exists --dbname=<database url> {}`)",
            file.display(),
            without_password(url),
            file.display()
        );
    }
    let db = connect_database(settings).await?;
    backup_sqlite(&db, file)
        .await
        .with_context(|| format!("cannot back up into {}", file.display()))?;
    let size = std::fs::metadata(file).map_or(0, |m| m.len());
    println!(
        "Backed up the database into {} ({size} bytes).",
        file.display()
    );
    Ok(())
}

/// `bys restore FILE` (SQLite only): replaces the database file with the backup.
async fn restore(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    let url = settings.database.url.expose_secret();
    let Some(target) = sqlite_file(url) else {
        bail!(
            "bys restore works on an SQLite database.url only; restore PostgreSQL with \
             `pg_restore --clean --if-exists --dbname=<database url> {}`",
            file.display()
        );
    };
    restore_sqlite(file, target)
        .await
        .with_context(|| format!("cannot restore {}", file.display()))?;
    println!(
        "Restored {} into {}; start `bys serve` again.",
        file.display(),
        target.display()
    );
    Ok(())
}

/// A database URL with the password (if any) replaced by `PASSWORD`.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:PASSWORD@{host}"),
        None => url.to_owned(),
    }
}

/// Starts the app and serves until Ctrl-C or SIGTERM, then shuts down gracefully.
///
/// # Errors
/// When the address cannot be bound or the server fails.
pub async fn serve(settings: &Settings, stores: &Stores) -> anyhow::Result<()> {
    run_until_signal(Application::start(settings, stores).await?).await
}

/// Announces `app` and serves until Ctrl-C or SIGTERM, then shuts down gracefully.
///
/// # Errors
/// When the server fails.
async fn run_until_signal(app: Application) -> anyhow::Result<()> {
    tracing::info!(url = %app.base_url, "serving");
    println!("Book Your Services is running at {}", app.base_url);
    let stop = app.stop_handle();
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("stopping: finishing requests in flight and the workers' current step");
        stop.stop();
    });
    app.run_until_stopped().await
}

/// Ctrl-C, or SIGTERM on Unix (what container runtimes send).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let Ok(mut term) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// `bys create-admin`: the password is prompted for on a terminal, else read from the first
/// line of standard input (for scripts).
async fn create_admin(settings: &Settings, email: &str, name: &str) -> anyhow::Result<()> {
    let email = Email::parse(email).context("--email is not an email address")?;
    let name = PersonName::parse(name).context("--name is not a usable name")?;
    let password = read_password().context("cannot read the password")?;
    let password = NewPassword::parse(&password).context("the password is not acceptable")?;
    let stores = Stores::open(settings).await?;
    if settings.database.url.expose_secret() == MEMORY_URL {
        bail!("database.url is {MEMORY_URL:?}: an account created there would vanish at once");
    }
    let use_cases = UseCases::offline(settings, &stores).await?;
    let input = StaffAccount {
        email,
        name,
        password,
        zone: Zone::parse("UTC").context("the UTC zone is unknown")?,
        role: Role::Admin,
    };
    match use_cases.create_staff.run(None, input).await {
        Ok(user) => {
            println!("Administrator {} created.", user.email.as_str());
            Ok(())
        }
        Err(CreateStaffError::EmailTaken) => {
            bail!("an account with this email address already exists")
        }
        Err(e) => Err(e).context("cannot create the administrator"),
    }
}

/// The password: typed without echo on a terminal (asked twice), else the first line of stdin.
fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = prompt_hidden("Password: ")?;
    let second = prompt_hidden("Password again: ")?;
    if first != second {
        bail!("the two passwords differ");
    }
    Ok(first)
}

/// Reads a line from the terminal with echo turned off (`stty -echo`) while typing.
fn prompt_hidden(prompt: &str) -> anyhow::Result<String> {
    let mut stderr = std::io::stderr();
    write!(stderr, "{prompt}")?;
    stderr.flush()?;
    let echo_off = stty("-echo");
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line);
    if echo_off {
        stty("echo");
    }
    writeln!(stderr)?;
    read?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Runs `stty ARG` on the terminal; whether it worked.
fn stty(arg: &str) -> bool {
    std::process::Command::new("stty")
        .arg(arg)
        .stdin(std::process::Stdio::inherit())
        .status()
        .is_ok_and(|s| s.success())
}
