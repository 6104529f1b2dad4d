//! A real CalDAV server process on loopback (Python `radicale`) for the CalDAV busy-time
//! source: a temporary storage folder, one user from a plain htpasswd file, and helpers that
//! create calendars and put or delete events the way a provider's calendar app would. A proxy
//! in front of it ([`Radicale::without_sync_collection`]) plays a server without RFC 6578.
//!
//! Without Python or `radicale` the tests that need it fail (`scripts/test` installs it): a
//! missing server never counts as a pass.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tempfile::TempDir;

/// The provider's login at the server.
pub const USER: &str = "ann";
pub const PASSWORD: &str = "app-password-1";

/// The running server. Dropping it stops the process.
pub struct Radicale {
    pub port: u16,
    /// The storage folder and login file, removed with the server.
    _folder: TempDir,
    child: Child,
    http: reqwest::Client,
}

impl Radicale {
    /// Starts a server on a free loopback port; panics (fails the test) if it cannot run here.
    pub fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let folder = tempfile::tempdir().unwrap();
        let users = folder.path().join("users");
        std::fs::write(&users, format!("{USER}:{PASSWORD}\n")).unwrap();
        let log = std::fs::File::create(folder.path().join("radicale.log")).unwrap();
        let mut child = Command::new("python3")
            .args(["-m", "radicale", "--server-hosts"])
            .arg(format!("127.0.0.1:{port}"))
            .arg("--storage-filesystem-folder")
            .arg(folder.path().join("collections"))
            .args(["--auth-type", "htpasswd", "--auth-htpasswd-filename"])
            .arg(&users)
            .args([
                "--auth-htpasswd-encryption",
                "plain",
                "--rights-type",
                "owner_only",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("python3: {e}"));
        // Up when it accepts connections; gone if the process ended (not installed).
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                let log =
                    std::fs::read_to_string(folder.path().join("radicale.log")).unwrap_or_default();
                panic!(
                    "no CalDAV test server ({status}: {}); `python3 -m pip install radicale` to run",
                    log.lines().last().unwrap_or("no output")
                );
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Self {
            port,
            _folder: folder,
            child,
            http: reqwest::Client::new(),
        }
    }

    /// The URL of the provider's calendar `name`.
    pub fn calendar_url(&self, name: &str) -> String {
        format!("http://127.0.0.1:{}/{USER}/{name}/", self.port)
    }

    async fn send(&self, method: &str, url: &str, body: String) -> u16 {
        self.http
            .request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), url)
            .basic_auth(USER, Some(PASSWORD))
            .header("Content-Type", "text/calendar; charset=utf-8")
            .body(body)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    /// Creates the calendar `name` (`MKCALENDAR`).
    pub async fn make_calendar(&self, name: &str) {
        let status = self
            .send("MKCALENDAR", &self.calendar_url(name), String::new())
            .await;
        assert_eq!(status, 201, "MKCALENDAR {name}");
    }

    /// Puts the event `uid` from `start` to `end` (UTC, `20260323T100000Z`) with `extra`
    /// properties (`TRANSP:TRANSPARENT`, an `RRULE`, ...), one per line.
    pub async fn put_event(&self, calendar: &str, uid: &str, start: &str, end: &str, extra: &str) {
        let event = format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\n{extra}END:VEVENT\r\n"
        );
        self.put_ics(calendar, uid, &event).await;
    }

    /// Puts the resource `uid.ics` holding `components` in a calendar object.
    pub async fn put_ics(&self, calendar: &str, uid: &str, components: &str) {
        let body = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bys tests//EN\r\n{components}END:VCALENDAR\r\n"
        );
        let url = format!("{}{uid}.ics", self.calendar_url(calendar));
        let status = self.send("PUT", &url, body).await;
        assert!(matches!(status, 201 | 204), "PUT {uid}: {status}");
    }

    /// Deletes the event `uid`.
    pub async fn delete_event(&self, calendar: &str, uid: &str) {
        let url = format!("{}{uid}.ics", self.calendar_url(calendar));
        assert_eq!(self.send("DELETE", &url, String::new()).await, 200);
    }

    /// A proxy in front of this server that answers `sync-collection` with `501 Not
    /// Implemented` and leaves `sync-token` out of `PROPFIND` answers, like a CalDAV server
    /// with only ctags; its requests are counted by kind.
    pub async fn without_sync_collection(&self) -> CtagOnlyProxy {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let upstream = format!("http://127.0.0.1:{}", self.port);
        let log = Arc::new(Mutex::new(Vec::new()));
        let shared = log.clone();
        tokio::spawn(async move {
            let http = reqwest::Client::new();
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (http, upstream, log) = (http.clone(), upstream.clone(), shared.clone());
                tokio::spawn(async move {
                    let service = service_fn(move |req| {
                        forward(http.clone(), upstream.clone(), log.clone(), req)
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        CtagOnlyProxy { addr, log }
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// See [`Radicale::without_sync_collection`].
pub struct CtagOnlyProxy {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl CtagOnlyProxy {
    /// The provider's calendar `name` through the proxy.
    pub fn calendar_url(&self, name: &str) -> String {
        format!("http://{}/{USER}/{name}/", self.addr)
    }

    /// The requests so far: `PROPFIND`, `sync-collection` (refused), `calendar-query`.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

async fn forward(
    http: reqwest::Client,
    upstream: String,
    log: Arc<Mutex<Vec<String>>>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, std::convert::Infallible> {
    let (parts, body) = req.into_parts();
    let body = body
        .collect()
        .await
        .map(http_body_util::Collected::to_bytes)
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&body).into_owned();
    let kind = if text.contains("sync-collection") {
        "sync-collection"
    } else if text.contains("calendar-query") {
        "calendar-query"
    } else {
        parts.method.as_str()
    };
    log.lock().unwrap().push(kind.to_owned());
    if kind == "sync-collection" {
        let mut refused = Response::new(Full::new(Bytes::new()));
        *refused.status_mut() = StatusCode::NOT_IMPLEMENTED;
        return Ok(refused);
    }
    let mut call = http.request(
        reqwest::Method::from_bytes(parts.method.as_str().as_bytes()).unwrap(),
        format!("{upstream}{}", parts.uri),
    );
    for (name, value) in &parts.headers {
        if name != hyper::header::HOST {
            call = call.header(name.as_str(), value.as_bytes());
        }
    }
    let answer = call.body(body).send().await.unwrap();
    let status = answer.status().as_u16();
    let mut text = answer.text().await.unwrap();
    // Hide RFC 6578 support: no sync-token property.
    while let (Some(start), Some(end)) = (text.find("<sync-token>"), text.find("</sync-token>")) {
        text.replace_range(start..end + "</sync-token>".len(), "");
    }
    let mut response = Response::new(Full::new(Bytes::from(text)));
    *response.status_mut() = StatusCode::from_u16(status).unwrap();
    Ok(response)
}
