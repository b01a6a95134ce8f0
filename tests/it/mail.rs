//! The mail outbox: enqueue inside transactions, retries with backoff,
//! claims and leases between workers, transports (file, memory, real SMTP).

use std::collections::HashSet;
use std::time::Duration;

use chrono::NaiveDateTime;
use mail_parser::MimeHeaders;
use serde_json::json;

use crate::support::TestApp;
use konkurs::db::tx;
use konkurs::error::AppError;
use konkurs::mail::model::{self, status, QueuedMail};
use konkurs::mail::{self, MailId, MailRenderer, Outbox, OutgoingMail};
use konkurs::web::lang::Lang;

fn outbox(app: &TestApp) -> Outbox {
    app.client
        .rocket()
        .state::<Outbox>()
        .expect("outbox")
        .clone()
}

fn renderer(app: &TestApp) -> &MailRenderer {
    app.client
        .rocket()
        .state::<std::sync::Arc<MailRenderer>>()
        .expect("renderer")
}

fn welcome(to: &str, name: &str, lang: Lang) -> OutgoingMail<'static> {
    OutgoingMail {
        to_address: to.into(),
        to_name: Some(name.into()),
        lang,
        template: "welcome",
        data: json!({ "name": name }),
    }
}

/// Enqueues in a committed write transaction, as a service would.
fn enqueue(app: &TestApp, msg: OutgoingMail<'_>) -> MailId {
    let mut conn = app.db().get().unwrap();
    let now = app.clock.now();
    tx::write(&mut conn, |c| mail::enqueue(c, now, renderer(app), msg)).unwrap()
}

fn row(app: &TestApp, id: &MailId) -> QueuedMail {
    model::find(&mut app.db().get().unwrap(), id).unwrap()
}

async fn memory_app(extra: &[(&'static str, i64)]) -> TestApp {
    let extra = extra.to_vec();
    TestApp::with(
        move |mut f| {
            f = f.merge(("mail_transport", "memory"));
            for (k, v) in extra {
                f = f.merge((k, v));
            }
            f
        },
        |r| r,
    )
    .await
}

fn seconds(a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    (b - a).num_seconds()
}

#[rocket::async_test]
async fn mail_is_queued_only_if_the_transaction_commits() {
    let app = memory_app(&[]).await;
    let mut conn = app.db().get().unwrap();
    let now = app.clock.now();
    let result: Result<(), AppError> = tx::write(&mut conn, |c| {
        mail::enqueue(
            c,
            now,
            renderer(&app),
            welcome("a@example.org", "A", Lang::Uk),
        )?;
        Err(AppError::Conflict("changed meanwhile".into()))
    });
    assert!(result.is_err());
    assert!(model::to_address(&mut conn, "a@example.org")
        .unwrap()
        .is_empty());
    assert_eq!(outbox(&app).run_once(now).await.unwrap(), 0);

    let id = enqueue(&app, welcome("a@example.org", "A", Lang::Uk));
    let queued = row(&app, &id);
    assert_eq!(queued.status, status::PENDING);
    assert_eq!(queued.subject, "Ласкаво просимо до «Конкурсу»");
    assert_eq!(queued.next_attempt_at, now);
    assert_eq!(outbox(&app).run_once(now).await.unwrap(), 1);
}

#[rocket::async_test]
async fn enqueue_refuses_a_bad_address_or_template_and_rolls_back() {
    let app = memory_app(&[]).await;
    let mut conn = app.db().get().unwrap();
    let now = app.clock.now();
    let bad = [
        welcome("not an address", "A", Lang::Uk),
        OutgoingMail {
            template: "no-such-mail",
            ..welcome("a@example.org", "A", Lang::Uk)
        },
        OutgoingMail {
            data: json!({}), // the template needs `name`
            ..welcome("a@example.org", "A", Lang::Uk)
        },
    ];
    for msg in bad {
        let r = tx::write(&mut conn, |c| mail::enqueue(c, now, renderer(&app), msg));
        assert!(r.is_err());
    }
    assert_eq!(outbox(&app).run_once(now).await.unwrap(), 0);
}

#[rocket::async_test]
async fn the_recipients_language_picks_the_text_and_nothing_is_escaped_in_text() {
    let app = memory_app(&[]).await;
    let uk = row(
        &app,
        &enqueue(&app, welcome("o@example.org", "Олена", Lang::Uk)),
    );
    let en = row(
        &app,
        &enqueue(&app, welcome("b@example.org", "O'Brien & <Co>", Lang::En)),
    );
    assert_eq!(uk.lang, "uk");
    assert!(
        uk.body_text.starts_with("Вітаємо, Олена!"),
        "{}",
        uk.body_text
    );
    assert!(uk.body_html.contains(r#"<html lang="uk">"#));
    assert!(uk.body_html.contains("Вітаємо, Олена!"));
    assert_eq!(en.subject, "Welcome to Konkurs");
    assert!(
        en.body_text.starts_with("Hello, O'Brien & <Co>!"),
        "{}",
        en.body_text
    );
    assert!(en
        .body_html
        .contains("Hello, O&#x27;Brien &amp; &lt;Co&gt;!"));
    assert!(en.body_text.contains("http://konkurs.test/"));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&en.data).unwrap(),
        json!({"name": "O'Brien & <Co>"})
    );
}

#[rocket::async_test]
async fn a_failing_transport_is_retried_with_growing_backoff_and_delivers_once() {
    // Three mails, the first six sends fail: each mail fails twice.
    let app = memory_app(&[("mail_memory_fail_first", 6)]).await;
    let (outbox, t0) = (outbox(&app), app.clock.now());
    let memory = outbox.memory().unwrap().clone();
    let ids: Vec<_> = ["a", "b", "c"]
        .iter()
        .map(|n| enqueue(&app, welcome(&format!("{n}@example.org"), n, Lang::En)))
        .collect();

    assert_eq!(outbox.run_once(app.clock.now()).await.unwrap(), 0);
    assert_eq!(memory.attempts(), 3);
    for id in &ids {
        let r = row(&app, id);
        assert_eq!((r.status.as_str(), r.attempts), (status::PENDING, 1));
        assert_eq!(seconds(t0, r.next_attempt_at), 30);
        assert!(r.last_error.unwrap().contains("attempt 1 of 20"));
    }

    app.clock.advance(chrono::Duration::seconds(29));
    assert_eq!(outbox.run_once(app.clock.now()).await.unwrap(), 0);
    assert_eq!(memory.attempts(), 3, "nothing is tried before it is due");

    app.clock.advance(chrono::Duration::seconds(1));
    let t1 = app.clock.now();
    assert_eq!(outbox.run_once(t1).await.unwrap(), 0);
    assert_eq!(memory.attempts(), 6);
    for id in &ids {
        let r = row(&app, id);
        assert_eq!(r.attempts, 2);
        assert_eq!(seconds(t1, r.next_attempt_at), 60, "the wait doubles");
    }

    app.clock.advance(chrono::Duration::seconds(60));
    let t2 = app.clock.now();
    assert_eq!(outbox.run_once(t2).await.unwrap(), 3);
    for id in &ids {
        let r = row(&app, id);
        assert_eq!((r.status.as_str(), r.attempts), (status::SENT, 3));
        assert_eq!(r.sent_at, Some(t2));
        assert_eq!((r.claimed_by, r.claimed_until), (None, None));
    }
    app.clock.advance(chrono::Duration::hours(2));
    assert_eq!(outbox.run_once(app.clock.now()).await.unwrap(), 0);
    let sent: Vec<_> = memory.sent().into_iter().map(|m| m.id).collect();
    assert_eq!(sent.len(), 3);
    assert_eq!(sent.iter().collect::<HashSet<_>>(), ids.iter().collect());
}

#[rocket::async_test]
async fn a_mail_fails_for_good_after_max_attempts() {
    let app = memory_app(&[("mail_memory_fail_first", 1000), ("mail_max_attempts", 3)]).await;
    let outbox = outbox(&app);
    let id = enqueue(&app, welcome("a@example.org", "A", Lang::Uk));
    for attempt in 1..=3 {
        assert_eq!(row(&app, &id).status, status::PENDING, "before {attempt}");
        outbox.run_once(app.clock.now()).await.unwrap();
        app.clock.advance(chrono::Duration::hours(2));
    }
    let r = row(&app, &id);
    assert_eq!((r.status.as_str(), r.attempts), (status::FAILED, 3));
    assert!(r
        .last_error
        .unwrap()
        .starts_with("attempt 3 of 3 via memory:"));
    outbox.run_once(app.clock.now()).await.unwrap();
    assert_eq!(outbox.memory().unwrap().attempts(), 3, "failed is final");
}

#[rocket::async_test]
async fn a_claim_excludes_others_until_its_lease_runs_out() {
    let app = memory_app(&[]).await;
    let outbox = outbox(&app);
    let id = enqueue(&app, welcome("a@example.org", "A", Lang::Uk));
    let mut conn = app.db().get().unwrap();
    let now = app.clock.now();
    let until = now + outbox.config().lease;
    // A worker claims the mail, then dies without sending.
    assert!(model::claim(&mut conn, &id, "dead-worker", now, until).unwrap());
    assert!(!model::claim(&mut conn, &id, "other", now, until).unwrap());

    assert_eq!(outbox.run_once(now).await.unwrap(), 0);
    app.clock.set(until);
    assert_eq!(
        outbox.run_once(until).await.unwrap(),
        0,
        "lease still holds"
    );
    assert_eq!(outbox.memory().unwrap().attempts(), 0);

    app.clock.advance(chrono::Duration::seconds(1));
    assert_eq!(outbox.run_once(app.clock.now()).await.unwrap(), 1);
    let r = row(&app, &id);
    assert_eq!((r.status.as_str(), r.claimed_by), (status::SENT, None));
    // The dead worker waking up cannot record anything any more.
    assert!(!model::mark_sent(&mut conn, &id, "dead-worker", 1, now).unwrap());
}

#[rocket::async_test]
async fn two_workers_never_send_the_same_mail() {
    let app = memory_app(&[]).await;
    let base = outbox(&app);
    let (a, b) = (
        base.with_worker_id("worker-a"),
        base.with_worker_id("worker-b"),
    );
    let now = app.clock.now();
    let mut conn = app.db().get().unwrap();
    let ids: HashSet<MailId> = tx::write(&mut conn, |c| {
        (0..50)
            .map(|i| {
                let to = format!("r{i}@example.org");
                mail::enqueue(c, now, renderer(&app), welcome(&to, "R", Lang::En))
            })
            .collect()
    })
    .unwrap();
    drop(conn);

    let (sa, sb) = rocket::tokio::join!(a.run_once(now), b.run_once(now));
    assert_eq!(sa.unwrap() + sb.unwrap(), 50);
    let sent = base.memory().unwrap().sent();
    assert_eq!(sent.len(), 50, "each mail sent exactly once");
    assert_eq!(sent.into_iter().map(|m| m.id).collect::<HashSet<_>>(), ids);
}

#[rocket::async_test]
async fn file_transport_writes_a_parseable_eml_with_both_parts() {
    let app = TestApp::new().await; // the default transport
    let id = enqueue(&app, welcome("olena@example.org", "Олена Коваль", Lang::Uk));
    assert_eq!(outbox(&app).run_once(app.clock.now()).await.unwrap(), 1);

    let dir = mail::file_dir(app.data_dir.path());
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, [format!("{id}.eml")], "one file, no temporary left");
    let bytes = std::fs::read(dir.join(&names[0])).unwrap();
    assert_parsed_welcome(&bytes, &id, "olena@example.org", "Олена Коваль");
}

/// Checks an RFC 5322 welcome mail as a mail client would read it.
fn assert_parsed_welcome(bytes: &[u8], id: &MailId, to: &str, name: &str) {
    let head_len = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    assert!(bytes[..head_len].is_ascii(), "headers are encoded");
    let msg = mail_parser::MessageParser::default().parse(bytes).unwrap();
    assert_eq!(msg.subject(), Some("Ласкаво просимо до «Конкурсу»"));
    let rcpt = msg.to().and_then(|a| a.first()).unwrap();
    assert_eq!(rcpt.address(), Some(to));
    assert_eq!(rcpt.name(), Some(name));
    let from = msg.from().and_then(|a| a.first()).unwrap();
    assert_eq!(from.address(), Some("no-reply@konkurs.localhost"));
    assert_eq!(
        msg.message_id(),
        Some(format!("{id}@konkurs.localhost").as_str())
    );
    let text = msg.body_text(0).unwrap();
    assert!(text.starts_with(&format!("Вітаємо, {name}!")), "{text}");
    let html = msg.body_html(0).unwrap();
    assert!(html.contains(r#"<html lang="uk">"#), "{html}");
    assert_eq!(
        msg.content_type().map(|c| c.c_subtype.as_deref()),
        Some(Some("alternative"))
    );
}

#[rocket::async_test]
async fn the_worker_runs_in_the_background_and_stops_on_shutdown() {
    let app = TestApp::with(
        |f| {
            f.merge(("mail_worker", true))
                .merge(("mail_transport", "memory"))
                .merge(("mail_poll_seconds", 1))
        },
        |r| r,
    )
    .await;
    let outbox = outbox(&app);
    assert!(outbox.worker_running());
    enqueue(&app, welcome("a@example.org", "A", Lang::Uk));
    let memory = outbox.memory().unwrap().clone();
    assert!(
        eventually(|| memory.sent().len() == 1).await,
        "the worker sent it"
    );
    app.client.rocket().shutdown().notify();
    assert!(
        eventually(|| !outbox.worker_running()).await,
        "the worker stopped"
    );
}

/// Waits (up to a generous limit) for something a background task does.
async fn eventually(mut done: impl FnMut() -> bool) -> bool {
    for _ in 0..300 {
        if done() {
            return true;
        }
        rocket::tokio::time::sleep(Duration::from_millis(50)).await;
    }
    done()
}

/// Delivers through the SMTP transport to a real server: runs only when
/// TEST_SMTP_PORT is set (SMTP on 127.0.0.1 without TLS) together with
/// TEST_SMTP_MAILDIR (the Maildir that server writes to); `.ci/run` starts
/// aiosmtpd for it. Without TEST_SMTP_PORT it prints a note and passes.
#[rocket::async_test]
async fn smtp_delivers_to_a_real_server() {
    let Ok(port) = std::env::var("TEST_SMTP_PORT") else {
        eprintln!("smtp_delivers_to_a_real_server: TEST_SMTP_PORT not set, skipped");
        return;
    };
    let port: u16 = port.parse().expect("TEST_SMTP_PORT is a port number");
    let maildir = std::env::var("TEST_SMTP_MAILDIR").expect("TEST_SMTP_MAILDIR");
    let app = TestApp::with(
        |f| {
            f.merge(("mail_transport", "smtp"))
                .merge(("smtp_host", "127.0.0.1"))
                .merge(("smtp_port", port))
                .merge(("smtp_tls", "none"))
                .merge(("smtp_timeout_seconds", 10))
        },
        |r| r,
    )
    .await;
    let to = format!("smtp-{}@example.org", uuid::Uuid::now_v7().simple());
    let id = enqueue(&app, welcome(&to, "Олена Коваль", Lang::Uk));
    assert_eq!(outbox(&app).run_once(app.clock.now()).await.unwrap(), 1);
    assert_eq!(row(&app, &id).status, status::SENT);

    // The server stores the message before it answers 250.
    let found: Vec<Vec<u8>> = ["new", "cur"]
        .iter()
        .flat_map(|sub| std::fs::read_dir(std::path::Path::new(&maildir).join(sub)).unwrap())
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .filter(|bytes| String::from_utf8_lossy(bytes).contains(&id.to_string()))
        .collect();
    assert_eq!(found.len(), 1, "the server received it once");
    // aiosmtpd prepends its own headers and may store bare LF line ends.
    let eml = String::from_utf8_lossy(&found[0]).replace("\r\n", "\n");
    assert!(eml.contains(&format!("\nX-RcptTo: {to}\n")), "{eml}");
    assert!(eml.contains("\nX-MailFrom: no-reply@konkurs.localhost\n"));
    assert_parsed_welcome(
        eml.replace('\n', "\r\n").as_bytes(),
        &id,
        &to,
        "Олена Коваль",
    );
}
