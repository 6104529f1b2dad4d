//! The operator commands other than `serve`.

use std::sync::Arc;

use adapters::{Argon2Hasher, SystemClock};
use anyhow::bail;

use crate::cli::Command;
use crate::demo::{self, DEMO_PASSWORD, Seeder};
use crate::settings::Settings;
use crate::startup::{Application, Stores};

/// Runs `command` with `settings`.
///
/// # Errors
/// When the command fails; the message says why.
pub async fn run(command: Command, settings: &Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve => {
            let stores = Stores::from_settings(settings);
            println!(
                "The marketplace starts empty (in memory). `bys demo` (`cargo run --release -- \
                 demo`) starts one with demo providers, services and bookings."
            );
            serve(settings, &stores).await
        }
        Command::Migrate => {
            println!(
                "Nothing to migrate: the database adapter is not built yet and the app keeps its \
                 data in memory."
            );
            Ok(())
        }
        Command::CreateAdmin { .. } => bail!(
            "create-admin needs the database, which is not built yet: an account created in \
             memory would vanish when this command exits"
        ),
        Command::Demo => {
            let stores = Stores::from_settings(settings);
            let seeder = Seeder::new(&stores, Arc::new(Argon2Hasher), Arc::new(SystemClock));
            demo::seed(&seeder).await?;
            println!(
                "Demo marketplace loaded. Log in as ann@demo.bys (customer) or salon@demo.bys \
                 (provider), password {DEMO_PASSWORD:?}."
            );
            serve(settings, &stores).await
        }
    }
}

/// Starts the app and serves until it stops.
///
/// # Errors
/// When the address cannot be bound or the server fails.
pub async fn serve(settings: &Settings, stores: &Stores) -> anyhow::Result<()> {
    let app = Application::start(settings, stores).await?;
    tracing::info!(url = %app.base_url, "serving");
    println!("Book Your Services is running at {}", app.base_url);
    app.run_until_stopped().await
}
