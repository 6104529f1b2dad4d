//! The webhook receiver process (`receiver.py`): verifies signatures with the `standardwebhooks`
//! library and records every post in a folder that outlives the process, so a test can stop it
//! (an outage) and start it again on the same port.
//!
//! Without Python or `standardwebhooks` the tests that need it fail (`scripts/test` installs
//! it): a missing receiver never counts as a pass.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};
use tempfile::TempDir;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/webhooks/receiver.py");

/// How a receiver answers messages.
#[derive(Debug, Clone, Copy)]
pub enum Answer {
    /// 204.
    Ok,
    /// 500.
    Fail,
    /// 410 Gone.
    Gone,
    /// 307 to another path (which must not be followed).
    Redirect,
}

/// A running (or stopped) receiver. Dropping it stops the process.
pub struct Receiver {
    pub port: u16,
    folder: TempDir,
    child: Option<Child>,
}

impl Receiver {
    /// Starts a receiver on a free loopback port; panics (fails the test) if it cannot run.
    pub fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let mut receiver = Self {
            port,
            folder: tempfile::tempdir().unwrap(),
            child: None,
        };
        receiver.resume();
        receiver
    }

    /// The URL messages are posted to.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hooks", self.port)
    }

    /// Starts the process again on the same port and records.
    pub fn resume(&mut self) {
        let mut child = Command::new("python3")
            .arg(SCRIPT)
            .arg(self.port.to_string())
            .arg(self.folder.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("python3 runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        if line.trim() != "ready" {
            let _ = child.kill();
            let mut stderr = String::new();
            let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
            let _ = child.wait();
            panic!(
                "no webhook receiver ({}); `python3 -m pip install standardwebhooks` to run",
                stderr.lines().last().unwrap_or("no output")
            );
        }
        self.child = Some(child);
    }

    /// Stops the process: posts are refused until [`Receiver::resume`].
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    async fn control(&self, body: Value) {
        let response = reqwest::Client::new()
            .post(format!("http://127.0.0.1:{}/_control", self.port))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 204);
    }

    /// Verifies with `secrets` from now on (each is tried).
    pub async fn verify_with(&self, secrets: &[&str]) {
        self.control(json!({ "secrets": secrets })).await;
    }

    /// Answers messages so from now on.
    pub async fn answer(&self, answer: Answer) {
        let name = match answer {
            Answer::Ok => "ok",
            Answer::Fail => "fail",
            Answer::Gone => "gone",
            Answer::Redirect => "redirect",
        };
        self.control(json!({ "answer": name })).await;
    }

    /// Every post received so far, in order: `id`, `timestamp`, `signature`, `body` (text),
    /// `verified_by` (indexes of the secrets that verified it), `errors`, `path`.
    pub async fn records(&self) -> Vec<Value> {
        reqwest::get(format!("http://127.0.0.1:{}/_records", self.port))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// The records once `done` holds for them, waiting up to a minute (the worker posts every
    /// 100 ms here; retries come 5 s after a failure).
    pub async fn records_until(&self, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        for _ in 0..600 {
            let records = self.records().await;
            if done(&records) {
                return records;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.records().await
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.stop();
    }
}
