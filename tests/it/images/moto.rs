//! A real S3-compatible server for the tests: `moto_server` (the `moto[server]` Python package), started as a
//! child process on a free loopback port and killed when the test ends, so tests share no state.
//!
//! `BYS_TEST_S3_ENDPOINT=http://host:port` uses a server that is already running instead.
//! Without `moto_server` on the `PATH` (install it with `scripts/start-s3-test-server
//! --install-only`) the test fails: a missing server never counts as a pass.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use adapters::{S3Config, S3Credentials, S3Images};
use secrecy::SecretString;
use uuid::Uuid;

/// How long moto may take to accept connections (it starts in about 2 s).
const STARTUP: Duration = Duration::from_mins(1);

/// A running S3-compatible server.
pub struct S3Server {
    endpoint: String,
    child: Option<Child>,
}

impl S3Server {
    /// A server for one test; panics (fails the test) when none can be had.
    pub fn start() -> Self {
        if let Ok(endpoint) = std::env::var("BYS_TEST_S3_ENDPOINT") {
            return Self {
                endpoint,
                child: None,
            };
        }
        // A port taken between probing and moto binding makes moto exit; try another.
        let mut last_error = String::new();
        for _ in 0..3 {
            match spawn_moto() {
                Ok(server) => return server,
                Err(Unavailable::NotInstalled) => {
                    missing(
                        "moto_server is not installed (scripts/start-s3-test-server --install-only)",
                    );
                }
                Err(Unavailable::Failed(why)) => last_error = why,
            }
        }
        missing(&format!("moto_server did not start: {last_error}"))
    }

    /// The server's endpoint URL.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// An `S3Images` on a fresh bucket of this server.
    pub async fn fresh_bucket(&self) -> (S3Images, String) {
        let bucket = format!("bys-test-{}", Uuid::now_v7().simple());
        let storage = S3Images::new(S3Config {
            bucket: bucket.clone(),
            region: "us-east-1".to_owned(),
            endpoint_url: Some(self.endpoint.clone()),
            force_path_style: true,
            credentials: Some(S3Credentials {
                access_key_id: "test".to_owned(),
                secret_access_key: SecretString::from("test"),
            }),
        })
        .await;
        storage
            .client()
            .create_bucket()
            .bucket(&bucket)
            .send()
            .await
            .unwrap();
        (storage, bucket)
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

enum Unavailable {
    NotInstalled,
    Failed(String),
}

fn spawn_moto() -> Result<S3Server, Unavailable> {
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map_err(|e| Unavailable::Failed(e.to_string()))?
        .port();
    let child = Command::new("moto_server")
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Unavailable::NotInstalled,
            _ => Unavailable::Failed(e.to_string()),
        })?;
    let mut server = S3Server {
        endpoint: format!("http://127.0.0.1:{port}"),
        child: Some(child),
    };
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let deadline = Instant::now() + STARTUP;
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
            return Ok(server);
        }
        if let Some(child) = &mut server.child
            && let Ok(Some(status)) = child.try_wait()
        {
            server.child = None;
            return Err(Unavailable::Failed(format!("moto_server exited: {status}")));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(Unavailable::Failed(format!(
        "moto_server did not listen on port {port} within {STARTUP:?}"
    )))
}

/// A missing server fails the test, with or without `CI=true`.
fn missing(why: &str) -> ! {
    panic!("S3 test server unavailable: {why}")
}
