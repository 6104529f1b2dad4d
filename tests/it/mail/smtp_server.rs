//! A real SMTP server process on loopback (Python `aiosmtpd`, see `smtp_sink.py`) that the mail
//! tests send to, stop and start again. Each received message is parsed by Python's `email`
//! package and kept as JSON, so the tests read recipients, subject, parts and the calendar.
//!
//! Without Python or `aiosmtpd` the tests that need the server fail (`scripts/test` installs
//! it): a missing server never counts as a pass.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use serde_json::Value;
use tempfile::TempDir;

const SINK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/it/mail/smtp_sink.py");

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// Envelope recipients.
    pub rcpt_tos: Vec<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The inline `text/calendar` part and its `method` parameter.
    pub calendar: Option<String>,
    pub calendar_method: Option<String>,
    /// The `invite.ics` attachment.
    pub attachment: Option<String>,
    /// The `Message-ID` header, by which a receiver recognises a message sent twice.
    pub message_id: Option<String>,
}

/// The running (or stopped) server. Dropping it stops the process.
pub struct SmtpServer {
    pub port: u16,
    folder: TempDir,
    child: Option<Child>,
}

impl SmtpServer {
    /// Starts a server on a free loopback port; panics (fails the test) if it cannot run here.
    pub fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let mut server = Self {
            port,
            folder: tempfile::tempdir().unwrap(),
            child: None,
        };
        if let Err(why) = server.spawn() {
            panic!("no SMTP test server ({why}); `python3 -m pip install aiosmtpd` to run");
        }
        server
    }

    fn spawn(&mut self) -> Result<(), String> {
        let mut child = Command::new("python3")
            .arg(SINK)
            .arg(self.port.to_string())
            .arg(self.folder.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("python3: {e}"))?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        if line.trim() != "ready" {
            let _ = child.kill();
            let mut stderr = String::new();
            let _ = child.stderr.take().unwrap().read_to_string(&mut stderr);
            let _ = child.wait();
            return Err(stderr.lines().last().unwrap_or("no output").to_owned());
        }
        self.child = Some(child);
        Ok(())
    }

    /// Stops the server process (the port refuses connections until [`SmtpServer::restart`]).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    /// Starts the server again on the same port, keeping what it received.
    pub fn restart(&mut self) {
        self.stop();
        self.spawn().unwrap();
    }

    /// Every message received so far, in arrival order.
    pub fn received(&self) -> Vec<ReceivedMail> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|path| {
                let json: Value =
                    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
                let text = |key: &str| json[key].as_str().map(str::to_owned);
                ReceivedMail {
                    rcpt_tos: json["rcpt_tos"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|r| r.as_str().unwrap().to_owned())
                        .collect(),
                    subject: text("subject").unwrap(),
                    text: text("text").unwrap_or_default(),
                    html: text("html").unwrap_or_default(),
                    calendar: text("calendar"),
                    calendar_method: text("calendar_method"),
                    attachment: text("attachment"),
                    message_id: text("message_id").filter(|id| id != "None"),
                }
            })
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}
