//! `bys backup` and `bys restore` on SQLite: a booking survives losing the data folder, a
//! restore refuses while the app has the database open, and PostgreSQL gets the `pg_dump` hint.

use reqwest::StatusCode;
use secrecy::SecretString;
use web::cli::Command;

use crate::helpers::{book_first, spawn_app, spawn_with};

#[tokio::test]
async fn a_booking_survives_backup_losing_the_data_folder_and_restore() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    app.customer("casey@example.org").await;
    let client = app.logged_in("casey@example.org").await;
    let id = book_first(&app, &client, &service).await;

    // Online: the app keeps serving while the copy is made.
    let backups = tempfile::tempdir().unwrap();
    let file = backups.path().join("bys-backup.db");
    web::commands::run(Command::Backup { file: file.clone() }, &app.settings)
        .await
        .unwrap();
    assert!(file.is_file());
    let again = web::commands::run(Command::Backup { file: file.clone() }, &app.settings).await;
    assert!(again.is_err(), "a backup never overwrites a file");
    let restore_while_serving =
        web::commands::run(Command::Restore { file: file.clone() }, &app.settings).await;
    let refusal = format!("{:#}", restore_while_serving.unwrap_err());
    assert!(refusal.contains("in use"), "{refusal}");

    let (settings, dir) = (app.settings.clone(), app.dir.clone());
    app.stop().await;
    std::fs::remove_dir_all(dir.path()).unwrap();
    web::commands::run(Command::Restore { file }, &settings)
        .await
        .unwrap();

    let restored = spawn_with(settings, dir).await;
    let client = restored.logged_in("casey@example.org").await;
    let response = client
        .get(restored.url(&format!("/api/v1/appointments/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let appointment: serde_json::Value = response.json().await.unwrap();
    assert_eq!(appointment["id"], id.as_str());
}

#[tokio::test]
async fn a_backup_of_postgresql_says_to_use_pg_dump() {
    let mut settings = web::settings::Settings::defaults().unwrap();
    settings.database.url = SecretString::from("postgres://bys:secret@db.example.org/bys");
    let result = web::commands::run(
        Command::Backup {
            file: "out.dump".into(),
        },
        &settings,
    )
    .await;
    let message = format!("{:#}", result.unwrap_err());
    assert!(
        message.contains(
            "pg_dump --format=custom --file=out.dump 'postgres://bys:PASSWORD@db.example.org/bys'"
        ),
        "{message}"
    );
    assert!(!message.contains("secret"));
}

#[tokio::test]
async fn a_file_that_is_not_a_backup_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("not-a-backup.db");
    std::fs::write(&bogus, b"hello").unwrap();
    let settings = crate::helpers::settings_in(dir.path());
    let result = web::commands::run(Command::Restore { file: bogus }, &settings).await;
    assert!(result.is_err());
    assert!(!dir.path().join("bys.db").exists());
}
