//! Certificate credentials for Microsoft Graph: the adapter asks for tokens with a client
//! assertion signed by the certificate's key, which the fake Graph checks as Entra ID does
//! (PS256, the registered certificate's SHA-256 thumbprint, audience, issuer, lifetime, a
//! `jti` never seen before); a certificate the app registration does not know gets no token.

use std::sync::Arc;
use std::time::Duration;

use adapters::{GraphCredential, MicrosoftCalendarConfig, MicrosoftCalendarSync, SystemClock};
use application::ports::{BusyTimeSource, CalendarLinks, SourceError};

use super::fake_graph::{self, FakeGraph};

const MAILBOX: &str = "ann@contoso.example";

fn adapter(graph: &FakeGraph, certificate: &str) -> MicrosoftCalendarSync {
    let config = MicrosoftCalendarConfig {
        tenant_id: fake_graph::TENANT.to_owned(),
        client_id: fake_graph::CLIENT_ID.to_owned(),
        credential: GraphCredential::Certificate(certificate.into()),
        graph_url: graph.graph_url(),
        login_url: graph.login_url(),
        request_timeout: Duration::from_secs(2),
        max_concurrent_per_mailbox: 4,
    };
    let links: Arc<dyn CalendarLinks> = adapters::InMemory::new().calendar_links;
    MicrosoftCalendarSync::new(config, links, Arc::new(SystemClock)).unwrap()
}

#[tokio::test]
async fn the_registered_certificate_gets_a_token_and_an_unknown_one_does_not() {
    let graph = FakeGraph::start().await;
    graph.put_free_own_event(
        MAILBOX,
        "lunch",
        "2030-05-02T12:00:00Z",
        "2030-05-02T13:00:00Z",
    );

    let calendar = adapter(&graph, fake_graph::CERTIFICATE_PATH)
        .calendar(MAILBOX, None)
        .await
        .unwrap();
    assert_eq!(calendar.summary, "Calendar");
    assert_eq!(graph.token_requests(), 1);

    let unknown = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/it/calendar/graph-unknown-credential.pem"
    );
    let refused = adapter(&graph, unknown).calendar(MAILBOX, None).await;
    assert!(
        matches!(refused, Err(SourceError::Transient(_))),
        "{refused:?}"
    );
    assert_eq!(
        graph.token_requests(),
        1,
        "no token for an unknown certificate"
    );
    assert_eq!(graph.violations().len(), 1, "{:?}", graph.violations());
    assert!(graph.violations()[0].contains("assertion header"));
}

#[test]
fn a_missing_or_keyless_certificate_file_stops_the_set_up_with_its_name() {
    let config = |path: &str| MicrosoftCalendarConfig {
        tenant_id: fake_graph::TENANT.to_owned(),
        client_id: fake_graph::CLIENT_ID.to_owned(),
        credential: GraphCredential::Certificate(path.into()),
        graph_url: "http://127.0.0.1:9/v1.0".to_owned(),
        login_url: "http://127.0.0.1:9".to_owned(),
        request_timeout: Duration::from_secs(2),
        max_concurrent_per_mailbox: 4,
    };
    let links: Arc<dyn CalendarLinks> = adapters::InMemory::new().calendar_links;
    let dir = tempfile::tempdir().unwrap();
    let keyless = dir.path().join("keyless.pem");
    let certificate_only: String = std::fs::read_to_string(fake_graph::CERTIFICATE_PATH)
        .unwrap()
        .split_inclusive('\n')
        .take_while(|line| !line.contains("PRIVATE KEY"))
        .collect();
    std::fs::write(&keyless, certificate_only).unwrap();
    for (path, why) in [
        ("/nowhere/graph.pem", "No such file"),
        (keyless.to_str().unwrap(), "no PRIVATE KEY block"),
    ] {
        let error = MicrosoftCalendarSync::new(config(path), links.clone(), Arc::new(SystemClock))
            .err()
            .expect("a set-up error")
            .to_string();
        assert!(error.contains(path) && error.contains(why), "{error}");
    }
}
