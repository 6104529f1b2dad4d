//! The product from a program: signing up, one's own account and tokens, a provider's
//! services, hours, date overrides and policy (with `ETag`/`If-Match`), appointment status, and
//! the public directory, all through `/api/v1`.

use chrono::{Datelike, Duration, NaiveDate, Utc, Weekday};
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, assert_problem, browser, spawn_app};
use crate::wiring::{multipart, png};

/// A program acting with a personal API token, without cookies.
struct Program<'a> {
    app: &'a TestApp,
    secret: String,
}

impl<'a> Program<'a> {
    /// Signs `email` up as a provider in Paris through the API, logs in and creates a token.
    async fn provider(app: &'a TestApp, email: &str) -> Self {
        let signed_up = browser()
            .post(app.url("/api/v1/accounts"))
            .json(
                &json!({"name": "Ada Lovelace", "email": email, "password": PASSWORD,
                          "zone": "Europe/Paris", "role": "provider",
                          "accept_privacy_notice": true}),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(signed_up.status(), StatusCode::CREATED);
        let session = browser();
        let login = session
            .post(app.url("/api/v1/session"))
            .json(&json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(login.status(), StatusCode::OK);
        let created = session
            .post(app.url("/api/v1/me/tokens"))
            .json(&json!({"name": "Sync script"}))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), StatusCode::CREATED);
        assert_eq!(created.headers()["cache-control"], "no-store");
        let created: Value = created.json().await.unwrap();
        let secret = created["secret"].as_str().unwrap().to_owned();
        Self { app, secret }
    }

    /// `method path` with `body` as JSON and `If-Match: if_match` when given.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        if_match: Option<&str>,
    ) -> Response {
        let mut request = browser()
            .request(method, self.app.url(path))
            .bearer_auth(&self.secret);
        if let Some(body) = body {
            request = request.json(body);
        }
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        request.send().await.unwrap()
    }

    async fn get(&self, path: &str) -> Response {
        self.send(Method::GET, path, None, None).await
    }

    async fn json(&self, path: &str) -> Value {
        let response = self.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.unwrap()
    }

    async fn put(&self, path: &str, body: &Value) -> Response {
        self.send(Method::PUT, path, Some(body), None).await
    }

    async fn post(&self, path: &str, body: &Value) -> Response {
        self.send(Method::POST, path, Some(body), None).await
    }

    /// A new service of this provider (45 minutes, 40 EUR); its id.
    async fn service(&self) -> String {
        let created = self
            .post("/api/v1/provider/services", &lesson("Piano lesson", 45))
            .await;
        assert_eq!(created.status(), StatusCode::CREATED);
        let created: Value = created.json().await.unwrap();
        created["id"].as_str().unwrap().to_owned()
    }
}

fn lesson(name: &str, minutes: u16) -> Value {
    json!({"name": name, "description": "For beginners.", "duration_minutes": minutes,
           "price": {"amount": "40", "currency": "eur"}})
}

fn etag(response: &Response) -> String {
    response.headers()["etag"].to_str().unwrap().to_owned()
}

async fn problem_type(response: Response, status: StatusCode) -> String {
    let problem = assert_problem(response, status).await;
    problem["type"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_account_is_opened_and_its_profile_kept_through_the_api() {
    let app = spawn_app().await;
    let program = Program::provider(&app, "ada@example.org").await;
    let me = program.json("/api/v1/me").await;
    assert_eq!(me["email"], "ada@example.org");
    assert_eq!(me["role"], "provider");
    assert_eq!(me["zone"], "Europe/Paris");
    assert_eq!(me["email_verified"], false);
    let mails = app.outbox_mails(1).await;
    assert!(mails[0].contains("ada@example.org"), "a welcome mail");

    let again = browser()
        .post(app.url("/api/v1/accounts"))
        .json(
            &json!({"name": "Ada", "email": "ADA@example.org", "password": PASSWORD,
                      "role": "customer", "accept_privacy_notice": true}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        problem_type(again, StatusCode::CONFLICT).await,
        "/problems/email-taken"
    );
    let zone = program
        .put(
            "/api/v1/me",
            &json!({"name": "Ada", "zone": "Mars/Olympus"}),
        )
        .await;
    assert_eq!(
        problem_type(zone, StatusCode::UNPROCESSABLE_ENTITY).await,
        "/problems/invalid-zone"
    );
    let profile = json!({"name": "Ada King", "zone": "America/New_York",
                         "phone": "+1 212 555 0100"});
    let updated: Value = program
        .put("/api/v1/me", &profile)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(updated["name"], "Ada King");
    assert_eq!(updated["zone"], "America/New_York");
    assert_eq!(updated["phone"], "+1 212 555 0100");
}

#[tokio::test]
async fn passwords_change_and_reset_through_the_api_and_tokens_can_be_revoked() {
    let app = spawn_app().await;
    let program = Program::provider(&app, "ada@example.org").await;
    let change = |current: &str| json!({"current_password": current, "new_password": "an even longer secret"});
    let wrong = program
        .put("/api/v1/me/password", &change("not it at all"))
        .await;
    assert_eq!(
        problem_type(wrong, StatusCode::UNPROCESSABLE_ENTITY).await,
        "/problems/wrong-password"
    );
    let changed = program.put("/api/v1/me/password", &change(PASSWORD)).await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    let login = browser()
        .post(app.url("/api/v1/session"))
        .json(&json!({"email": "ada@example.org", "password": "an even longer secret"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK);

    // A reset link is mailed for a known address; the answer is the same for any address.
    for email in ["ada@example.org", "nobody@example.org"] {
        let asked = browser()
            .post(app.url("/api/v1/password-resets"))
            .json(&json!({"email": email}))
            .send()
            .await
            .unwrap();
        assert_eq!(asked.status(), StatusCode::ACCEPTED);
    }
    let mails = app
        .outbox_until(|m| m.iter().any(|mail| mail.contains("/reset-password/")))
        .await;
    assert!(!mails.iter().any(|m| m.contains("nobody@example.org")));

    // Tokens are listed without secrets, and a revoked one opens nothing.
    let tokens = program.json("/api/v1/me/tokens").await;
    assert_eq!(tokens.as_array().unwrap().len(), 1);
    assert!(tokens[0].get("secret").is_none());
    let path = format!("/api/v1/me/tokens/{}", tokens[0]["id"].as_str().unwrap());
    let revoked = program.send(Method::DELETE, &path, None, None).await;
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    assert_problem(program.get("/api/v1/me").await, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn wrong_current_passwords_count_as_failed_logins_and_lock_the_door() {
    let app = spawn_app().await;
    let program = Program::provider(&app, "ada@example.org").await;
    let change = |current: &str| json!({"current_password": current, "new_password": "an even longer secret"});
    for _ in 0..app.settings.security.login_failures_per_account {
        let wrong = program
            .put("/api/v1/me/password", &change("a wrong guess"))
            .await;
        assert_problem(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    // Past the limit even the right password is not checked.
    let right = program.put("/api/v1/me/password", &change(PASSWORD)).await;
    assert_problem(right, StatusCode::TOO_MANY_REQUESTS).await;
    let login = browser()
        .post(app.url("/api/v1/session"))
        .json(&json!({"email": "ada@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        login.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the login door is the same one"
    );
}

#[tokio::test]
async fn two_editors_of_one_service_do_not_overwrite_each_other() {
    let app = spawn_app().await;
    let program = Program::provider(&app, "ada@example.org").await;
    let created = program
        .post("/api/v1/provider/services", &lesson("Piano lesson", 60))
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let first_tag = etag(&created);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["price"]["minor_units"], 4000);
    assert_eq!(created["price"]["currency"], "EUR");
    let path = format!(
        "/api/v1/provider/services/{}",
        created["id"].as_str().unwrap()
    );
    assert_eq!(etag(&program.get(&path).await), first_tag);

    // Both read the first version; the second write is refused, not lost.
    let adults = lesson("Piano lesson for adults", 45);
    let first = program
        .send(Method::PUT, &path, Some(&adults), Some(&first_tag))
        .await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_ne!(etag(&first), first_tag);
    let children = lesson("Piano lesson for children", 30);
    let second = program
        .send(Method::PUT, &path, Some(&children), Some(&first_tag))
        .await;
    assert_eq!(
        problem_type(second, StatusCode::PRECONDITION_FAILED).await,
        "/problems/changed-meanwhile"
    );
    let kept = program.json(&path).await;
    assert_eq!(kept["name"], "Piano lesson for adults");
    assert_eq!(kept["duration_minutes"], 45);

    let mut bad = lesson("Piano", 45);
    bad["price"]["currency"] = json!("XXQ");
    assert_eq!(
        problem_type(
            program.put(&path, &bad).await,
            StatusCode::UNPROCESSABLE_ENTITY
        )
        .await,
        "/problems/invalid-price"
    );
}

/// The next date on `weekday` at least two days ahead.
fn next(weekday: Weekday) -> NaiveDate {
    let mut day = Utc::now().date_naive() + Duration::days(2);
    while day.weekday() != weekday {
        day += Duration::days(1);
    }
    day
}

/// The free starts of `service` on `day` (UTC), as Paris wall-clock `HH:MM`.
async fn paris_starts(app: &TestApp, service: &str, day: NaiveDate) -> Vec<String> {
    let from = day.and_hms_opt(0, 0, 0).unwrap().and_utc();
    let to = from + Duration::days(1);
    let slots: Value = browser()
        .get(app.url(&format!("/api/v1/services/{service}/slots")))
        .query(&[
            ("from", from.to_rfc3339()),
            ("to", to.to_rfc3339()),
            ("zone", "Europe/Paris".to_owned()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["local_start"].as_str().unwrap()[11..16].to_owned())
        .collect()
}

fn week(monday: &Value) -> Value {
    json!({"monday": monday, "tuesday": [], "wednesday": [], "thursday": [], "friday": [],
           "saturday": [], "sunday": []})
}

#[tokio::test]
async fn hours_and_date_overrides_set_through_the_api_make_the_slots() {
    let app = spawn_app().await;
    let program = Program::provider(&app, "ada@example.org").await;
    let service = program.service().await;

    // A new provider is closed every day.
    let hours = program.get("/api/v1/provider/hours").await;
    let tag = etag(&hours);
    let closed: Value = hours.json().await.unwrap();
    assert_eq!(closed["zone"], "Europe/Paris");
    assert_eq!(closed["monday"], json!([]));
    let mornings = week(&json!([{"start": "09:00", "end": "12:00"}]));
    let saved = program
        .send(
            Method::PUT,
            "/api/v1/provider/hours",
            Some(&mornings),
            Some(&tag),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let stale = program
        .send(
            Method::PUT,
            "/api/v1/provider/hours",
            Some(&week(&json!([]))),
            Some(&tag),
        )
        .await;
    assert_problem(stale, StatusCode::PRECONDITION_FAILED).await;
    let overlapping = week(&json!([{"start": "09:00", "end": "12:00"},
                                  {"start": "11:00", "end": "13:00"}]));
    assert_eq!(
        problem_type(
            program.put("/api/v1/provider/hours", &overlapping).await,
            StatusCode::UNPROCESSABLE_ENTITY
        )
        .await,
        "/problems/invalid-hours"
    );

    let monday = next(Weekday::Mon);
    let mornings = ["09:00", "09:45", "10:30", "11:15"];
    assert_eq!(paris_starts(&app, &service, monday).await, mornings);
    // A day off closes that Monday; giving it back opens it again.
    let date = format!("/api/v1/provider/overrides/{monday}");
    let off = program.put(&date, &json!({"intervals": []})).await;
    assert_eq!(off.status(), StatusCode::OK);
    assert_eq!(
        program.json("/api/v1/provider/overrides").await,
        json!([{"date": monday.to_string(), "intervals": []}])
    );
    assert!(paris_starts(&app, &service, monday).await.is_empty());
    let back = program.send(Method::DELETE, &date, None, None).await;
    assert_eq!(back.status(), StatusCode::NO_CONTENT);
    assert_eq!(paris_starts(&app, &service, monday).await, mornings);
}

#[tokio::test]
async fn a_provider_who_confirms_by_hand_confirms_a_booking_through_the_api() {
    let app = spawn_app().await;
    let program = Program::provider(&app, "ada@example.org").await;
    let service = program.service().await;
    let every_day = json!([{"start": "09:00", "end": "17:00"}]);
    let open = json!({"monday": every_day, "tuesday": every_day, "wednesday": every_day,
                      "thursday": every_day, "friday": every_day, "saturday": every_day,
                      "sunday": every_day});
    assert_eq!(
        program.put("/api/v1/provider/hours", &open).await.status(),
        StatusCode::OK
    );

    let policy = program.get("/api/v1/provider/policy").await;
    let tag = etag(&policy);
    let mut by_hand: Value = policy.json().await.unwrap();
    by_hand["auto_confirm"] = json!(false);
    by_hand["hold_minutes"] = json!(30);
    let saved = program
        .send(
            Method::PUT,
            "/api/v1/provider/policy",
            Some(&by_hand),
            Some(&tag),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let reread: Value = program
        .get("/api/v1/provider/policy")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(reread["hold_minutes"], 30);
    let stale = program
        .send(
            Method::PUT,
            "/api/v1/provider/policy",
            Some(&by_hand),
            Some(&tag),
        )
        .await;
    assert_problem(stale, StatusCode::PRECONDITION_FAILED).await;

    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let slots: Value = browser()
        .get(app.url(&format!("/api/v1/services/{service}/slots")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let booked: Value = casey
        .post(app.url("/api/v1/appointments"))
        .json(&json!({"service_id": service, "start": slots["slots"][0]["start"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(booked["status"], "requested");
    let waiting = program
        .json("/api/v1/appointments?status=requested&from=2020-01-01T00:00:00Z")
        .await;
    assert_eq!(waiting[0]["id"], booked["id"]);
    let elsewhere = program
        .json("/api/v1/appointments?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z")
        .await;
    assert_eq!(elsewhere, json!([]), "nothing in a window long past");
    let status = format!(
        "/api/v1/appointments/{}/status",
        booked["id"].as_str().unwrap()
    );
    let confirmed: Value = program
        .post(&status, &json!({"change": "confirm"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(confirmed["status"], "confirmed");
    let waiting = program.json("/api/v1/appointments?status=requested").await;
    assert_eq!(waiting, json!([]), "none waits any more");
    let early = program.post(&status, &json!({"change": "complete"})).await;
    assert_problem(early, StatusCode::UNPROCESSABLE_ENTITY).await;
    let not_theirs = casey
        .post(app.url(&status))
        .json(&json!({"change": "no_show"}))
        .send()
        .await
        .unwrap();
    assert_problem(not_theirs, StatusCode::FORBIDDEN).await;
    assert_problem(
        casey
            .get(app.url("/api/v1/provider/hours"))
            .send()
            .await
            .unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn a_service_photo_and_the_public_directory_follow_the_provider() {
    let app = spawn_app().await;
    let program = Program::provider(&app, "ada@example.org").await;
    let service = program.service().await;
    let upload = |bytes: Vec<u8>| {
        let (content_type, body) = multipart("photo", &bytes);
        browser()
            .post(app.url(&format!("/api/v1/provider/services/{service}/photo")))
            .bearer_auth(&program.secret)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let photo = upload(png(64)).await.unwrap();
    assert_eq!(photo.status(), StatusCode::OK);
    let photo: Value = photo.json().await.unwrap();
    let photo_url = photo["photo_url"].as_str().unwrap();
    let image = browser().get(app.url(photo_url)).send().await.unwrap();
    assert_eq!(image.status(), StatusCode::OK);
    let refused = upload(b"not an image at all".to_vec()).await.unwrap();
    assert_eq!(
        problem_type(refused, StatusCode::UNPROCESSABLE_ENTITY).await,
        "/problems/invalid-photo"
    );

    // The public directory lists the active service; taken off, it is gone from there only.
    let me = program.json("/api/v1/me").await;
    let profile_path = format!("/api/v1/providers/{}", me["id"].as_str().unwrap());
    let profile = program.json(&profile_path).await;
    assert_eq!(profile["name"], "Ada Lovelace");
    assert_eq!(profile["service_count"], 1);
    assert_eq!(profile["services"][0]["id"], service.as_str());
    let off = program
        .put(
            &format!("/api/v1/provider/services/{service}/active"),
            &json!({"active": false}),
        )
        .await;
    assert_eq!(off.json::<Value>().await.unwrap()["active"], false);
    assert_eq!(program.json(&profile_path).await["service_count"], 0);
    let own = program.json("/api/v1/provider/services").await;
    assert_eq!(own[0]["active"], false, "the provider still sees it");
    let categories = browser()
        .get(app.url("/api/v1/categories"))
        .send()
        .await
        .unwrap();
    assert_eq!(categories.status(), StatusCode::OK);
}
