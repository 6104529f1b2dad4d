//! The few WebDAV/CalDAV requests the busy-time source makes, over `reqwest`: `PROPFIND` of a
//! calendar collection's properties, `REPORT sync-collection` (RFC 6578) and `REPORT
//! calendar-query` with a time range (RFC 4791), and the `multistatus` answers read with
//! `quick-xml` by local element name.

use std::collections::HashMap;

use application::ports::CalendarLogin;
use chrono::{DateTime, SecondsFormat, Utc};
use domain::TimeRange;
use quick_xml::Reader;
use quick_xml::events::Event;
use reqwest::{Method, Url};

use super::errors::DavError;

/// The properties of a calendar collection the source looks at.
const PROPFIND_BODY: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><d:resourcetype/><d:displayname/><d:sync-token/><cs:getctag/><c:calendar-timezone/></d:prop>
</d:propfind>"#;

/// A calendar collection's properties.
#[derive(Debug, Clone, Default)]
pub(super) struct Collection {
    /// Whether it is a calendar (`<c:calendar/>` among its resource types).
    pub(super) is_calendar: bool,
    pub(super) display_name: String,
    /// RFC 6578's token, when the server supports `sync-collection`.
    pub(super) sync_token: Option<String>,
    /// The calendar server's change tag (`getctag`), when it has one.
    pub(super) ctag: Option<String>,
    /// The `calendar-timezone` property (a `VTIMEZONE`), when set.
    pub(super) timezone: Option<String>,
}

/// One `<d:response>` of a multistatus.
#[derive(Debug, Clone, Default)]
pub(super) struct Response {
    pub(super) href: String,
    /// The response's own `<d:status>` (`sync-collection` names removed members with 404).
    pub(super) status: Option<String>,
    /// The text of the properties found (in a `200` propstat), by local name.
    pub(super) props: HashMap<String, String>,
    /// The local names of the `resourcetype` children.
    pub(super) resource_types: Vec<String>,
}

/// A multistatus answer.
#[derive(Debug, Clone, Default)]
pub(super) struct MultiStatus {
    pub(super) responses: Vec<Response>,
    /// The top-level `<d:sync-token>` of a `sync-collection` answer.
    pub(super) sync_token: Option<String>,
}

/// An HTTP client for one calendar URL and login.
pub(super) struct Dav<'a> {
    pub(super) http: &'a reqwest::Client,
    pub(super) url: &'a Url,
    pub(super) login: &'a CalendarLogin,
}

impl Dav<'_> {
    /// The collection's properties (`PROPFIND`, depth 0).
    pub(super) async fn collection(&self) -> Result<Collection, DavError> {
        let status = self
            .request("PROPFIND", "0", PROPFIND_BODY.to_owned())
            .await?;
        let response = status
            .responses
            .into_iter()
            .next()
            .ok_or_else(|| DavError::unreadable("PROPFIND", "no response in the answer"))?;
        let non_empty = |key: &str| response.props.get(key).filter(|v| !v.is_empty()).cloned();
        Ok(Collection {
            is_calendar: response.resource_types.iter().any(|t| t == "calendar"),
            display_name: non_empty("displayname").unwrap_or_default(),
            sync_token: non_empty("sync-token"),
            ctag: non_empty("getctag"),
            timezone: non_empty("calendar-timezone"),
        })
    }

    /// The members changed or removed since `token` (`REPORT sync-collection`, level 1), and
    /// the new token.
    pub(super) async fn changes_since(&self, token: &str) -> Result<MultiStatus, DavError> {
        let body = format!(
            r#"<?xml version="1.0" encoding="utf-8"?>
<d:sync-collection xmlns:d="DAV:"><d:sync-token>{}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>"#,
            escape(token)
        );
        self.request("REPORT", "1", body).await
    }

    /// Every event overlapping `window`, with its iCalendar data (`REPORT calendar-query`).
    pub(super) async fn events_in(&self, window: TimeRange) -> Result<MultiStatus, DavError> {
        let at = |t: DateTime<Utc>| {
            t.to_rfc3339_opts(SecondsFormat::Secs, true)
                .replace(['-', ':'], "")
        };
        let body = format!(
            r#"<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><d:getetag/><c:calendar-data/></d:prop>
  <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"><c:time-range start="{}" end="{}"/></c:comp-filter></c:comp-filter></c:filter>
</c:calendar-query>"#,
            at(window.start()),
            at(window.end())
        );
        self.request("REPORT", "1", body).await
    }

    async fn request(
        &self,
        method: &'static str,
        depth: &str,
        body: String,
    ) -> Result<MultiStatus, DavError> {
        let verb = Method::from_bytes(method.as_bytes())
            .map_err(|e| DavError::unreadable(method, &e.to_string()))?;
        let answer = self
            .http
            .request(verb, self.url.clone())
            .basic_auth(&self.login.username, Some(&self.login.password))
            .header("Depth", depth)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/xml; charset=utf-8",
            )
            .body(body)
            .send()
            .await
            .map_err(|e| DavError::unanswered(method, &e))?;
        let status = answer.status().as_u16();
        let text = answer
            .text()
            .await
            .map_err(|e| DavError::unanswered(method, &e))?;
        if status != 207 {
            return Err(DavError::answered(method, status, &text));
        }
        parse_multistatus(&text).map_err(|e| DavError::unreadable(method, &e))
    }
}

/// `text` with XML's special characters escaped.
fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// Reads a multistatus answer, by local element names (servers pick their own prefixes).
pub(super) fn parse_multistatus(xml: &str) -> Result<MultiStatus, String> {
    let mut reader = Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut result = MultiStatus::default();
    let mut response = Response::default();
    let mut propstat: HashMap<String, String> = HashMap::new();
    let mut propstat_ok = false;
    let mut text = String::new();
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match event {
            Event::Start(e) => {
                let name = local(e.local_name().as_ref());
                if path.last().is_some_and(|p| p == "resourcetype") {
                    response.resource_types.push(name.clone());
                }
                text.clear();
                path.push(name);
            }
            Event::Empty(e) => {
                let name = local(e.local_name().as_ref());
                if path.last().is_some_and(|p| p == "resourcetype") {
                    response.resource_types.push(name);
                }
            }
            Event::Text(t) => text.push_str(&t.unescape().map_err(|e| e.to_string())?),
            Event::CData(t) => text.push_str(&String::from_utf8_lossy(&t)),
            Event::End(_) => {
                let Some(name) = path.pop() else { continue };
                let parent = path.last().map(String::as_str);
                match (name.as_str(), parent) {
                    ("href", Some("response")) => text.trim().clone_into(&mut response.href),
                    ("status", Some("response")) => response.status = Some(text.trim().to_owned()),
                    ("status", Some("propstat")) => propstat_ok = text.contains(" 200 "),
                    ("propstat", _) => {
                        if propstat_ok {
                            response.props.extend(propstat.drain());
                        }
                        propstat.clear();
                        propstat_ok = false;
                    }
                    ("response", _) => result.responses.push(std::mem::take(&mut response)),
                    ("sync-token", Some("multistatus")) => {
                        result.sync_token = Some(text.trim().to_owned());
                    }
                    (prop, Some("prop")) => {
                        propstat.insert(prop.to_owned(), text.clone());
                    }
                    _ => {}
                }
                text.clear();
            }
            Event::Eof => return Ok(result),
            _ => {}
        }
    }
}

fn local(name: &[u8]) -> String {
    String::from_utf8_lossy(name).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multistatus_gives_hrefs_statuses_found_properties_and_the_sync_token() {
        let xml = r#"<?xml version="1.0"?>
<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/">
  <D:response><D:href>/ann/work/</D:href>
    <D:propstat><D:prop><D:resourcetype><D:collection/><C:calendar/></D:resourcetype>
      <D:displayname>Work &amp; more</D:displayname><CS:getctag>"c1"</CS:getctag></D:prop>
      <D:status>HTTP/1.1 200 OK</D:status></D:propstat>
    <D:propstat><D:prop><D:sync-token/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>
  </D:response>
  <D:response><D:href>/ann/work/gone.ics</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>
  <D:response><D:href>/ann/work/a.ics</D:href><D:propstat><D:prop>
    <C:calendar-data><![CDATA[BEGIN:VCALENDAR
END:VCALENDAR]]></C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
  <D:sync-token>http://radicale.org/ns/sync/abc</D:sync-token>
</D:multistatus>"#;
        let status = parse_multistatus(xml).unwrap();
        assert_eq!(status.responses.len(), 3);
        let collection = &status.responses[0];
        assert_eq!(collection.resource_types, ["collection", "calendar"]);
        assert_eq!(collection.props["displayname"], "Work & more");
        assert_eq!(collection.props["getctag"], "\"c1\"");
        assert!(!collection.props.contains_key("sync-token"));
        assert_eq!(
            status.responses[1].status.as_deref(),
            Some("HTTP/1.1 404 Not Found")
        );
        assert!(status.responses[2].props["calendar-data"].starts_with("BEGIN:VCALENDAR"));
        assert_eq!(
            status.sync_token.as_deref(),
            Some("http://radicale.org/ns/sync/abc")
        );
    }
}
