//! The audit log: recording, the hash chain, tamper detection, concurrent
//! appends, listing and `konkurs audit verify`.

use chrono::{Duration, Timelike};
use diesel::connection::SimpleConnection;
use serde_json::json;

use crate::support::TestApp;
use konkurs::audit::{
    self, chain, sha256_hex, AuditEntry, BrokenReason, ListFilter, NewEntry, VerifyReport,
    GENESIS_HASH,
};
use konkurs::config::DatabaseUrl;
use konkurs::db::ids::UserId;
use konkurs::db::{tx, AnyConnection, Db};

fn sample(i: usize) -> NewEntry {
    let e = NewEntry::new(
        "competition.announced",
        "competition",
        format!("c-{}", i % 2),
    )
    .competition(format!("c-{}", i % 2))
    .details(json!({"n": i, "назва": "Конкурс «Громада»", "b": {"z": 1, "a": [i]}}))
    .public(i % 2 == 0);
    if i % 3 == 0 {
        e.actor(UserId::new(), "organizer")
    } else {
        e
    }
}

async fn seed(app: &TestApp, n: usize) -> Vec<AuditEntry> {
    let mut out = vec![];
    for i in 0..n {
        let now = app.clock.now();
        out.push(
            app.db()
                .write(move |c| audit::record(c, now, sample(i)))
                .await
                .unwrap(),
        );
        app.clock.advance(Duration::seconds(1));
    }
    out
}

async fn verify(app: &TestApp) -> VerifyReport {
    app.db().run(audit::verify).await.unwrap()
}

async fn all(app: &TestApp) -> Vec<AuditEntry> {
    let filter = ListFilter {
        limit: 500,
        ..Default::default()
    };
    app.db()
        .run(move |c| audit::list(c, &filter))
        .await
        .unwrap()
}

/// Runs SQL as someone with direct database access would: with the
/// append-only triggers out of the way.
pub async fn tamper(app: &TestApp, sql: String) {
    app.db()
        .run(move |c: &mut AnyConnection| {
            let guard_off = if c.is_postgres() {
                "ALTER TABLE audit_log DISABLE TRIGGER USER;"
            } else {
                "DROP TRIGGER IF EXISTS audit_log_no_update; \
                 DROP TRIGGER IF EXISTS audit_log_no_delete;"
            };
            c.batch_execute(&format!("{guard_off} {sql}"))?;
            Ok(())
        })
        .await
        .unwrap();
}

fn broken(entry: &AuditEntry, reason: BrokenReason) -> VerifyReport {
    VerifyReport::Broken {
        seq: entry.seq,
        id: entry.id.clone(),
        reason,
    }
}

#[rocket::async_test]
async fn recorded_entries_form_a_chain_that_verifies() {
    let app = TestApp::new().await;
    assert_eq!(
        verify(&app).await,
        VerifyReport::Ok {
            entries: 0,
            head_hash: GENESIS_HASH.into()
        }
    );
    // Nanoseconds are cut to the microseconds both databases keep.
    let at = app.clock.now().with_nanosecond(123_456_789).unwrap();
    let user = UserId::new();
    let u = user.clone();
    let first = app
        .db()
        .write(move |c| {
            let e = NewEntry::new("account.registered", "user", u.to_string())
                .actor(u.clone(), "applicant")
                .details(json!({"мова": "uk", "a": {"y": 2, "x": 1}}));
            audit::record(c, at, e)
        })
        .await
        .unwrap();
    assert_eq!(first.at.nanosecond(), 123_456_000);
    assert_eq!(first.details, r#"{"a":{"x":1,"y":2},"мова":"uk"}"#);
    assert_eq!(first.details_sha256, sha256_hex(&first.details));
    assert_eq!(first.actor_id, Some(user));
    assert_eq!(first.actor_label, "applicant");
    assert!(!first.public && first.public_details().is_none());
    assert_eq!((first.seq, first.prev_hash.as_str()), (1, GENESIS_HASH));
    assert_eq!(first.hash, chain::entry_hash(&first));
    seed(&app, 4).await;

    let stored = all(&app).await;
    assert_eq!(stored.last(), Some(&first), "read back exactly as returned");
    let seqs: Vec<i64> = stored.iter().rev().map(|e| e.seq).collect();
    assert_eq!(seqs, vec![1, 2, 3, 4, 5]);
    for pair in stored.windows(2) {
        assert_eq!(pair[0].prev_hash, pair[1].hash);
    }
    assert_eq!(
        verify(&app).await,
        VerifyReport::Ok {
            entries: 5,
            head_hash: stored[0].hash.clone()
        }
    );
}

#[rocket::async_test]
async fn record_refuses_to_run_outside_a_transaction_and_rolls_back_with_it() {
    let app = TestApp::new().await;
    let now = app.clock.now();
    let outside = app
        .db()
        .run(move |c| audit::record(c, now, sample(0)))
        .await;
    assert!(outside.is_err());
    let rolled_back = app
        .db()
        .write(move |c| {
            audit::record(c, now, sample(0))?;
            Err::<(), _>(konkurs::error::AppError::Conflict("feature failed".into()))
        })
        .await;
    assert!(rolled_back.is_err());
    assert!(all(&app).await.is_empty());
    let bad = app
        .db()
        .write(move |c| audit::record(c, now, NewEntry::new("Not Dotted", "x", None)))
        .await;
    assert!(bad.is_err());
    assert_eq!(seed(&app, 1).await[0].seq, 1);
}

#[rocket::async_test]
async fn the_database_refuses_edits_and_deletes_but_allows_disclosure() {
    let app = TestApp::new().await;
    let entries = seed(&app, 2).await;
    for sql in [
        "UPDATE audit_log SET action = 'x.y' WHERE seq = 1",
        "UPDATE audit_log SET details = '{}' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 2",
        "DELETE FROM audit_log",
    ]
    .into_iter()
    .chain(
        app.db()
            .get()
            .unwrap()
            .is_postgres()
            .then_some("TRUNCATE audit_log"),
    ) {
        let res = app.db().run(move |c| Ok(c.batch_execute(sql)?)).await;
        assert!(res.is_err(), "{sql}");
    }
    let private = entries.iter().find(|e| !e.public).unwrap().seq;
    app.db()
        .run(move |c| {
            Ok(c.batch_execute(&format!(
                "UPDATE audit_log SET public = TRUE WHERE seq = {private}"
            ))?)
        })
        .await
        .unwrap();
    assert!(all(&app).await.iter().all(|e| e.public));
    assert!(matches!(
        verify(&app).await,
        VerifyReport::Ok { entries: 2, .. }
    ));
}

#[rocket::async_test]
async fn unique_seq_and_prev_hash_reject_a_forked_chain() {
    let app = TestApp::new().await;
    let head = seed(&app, 2).await.pop().unwrap();
    // A second entry claiming the same predecessor, as a racing writer would.
    let mut fork = head.clone();
    fork.id = audit::AuditEntryId::new();
    fork.action = "competition.cancelled".into();
    fork.hash = chain::entry_hash(&fork);
    let f = fork.clone();
    let same_seq = app
        .db()
        .write(move |c| Ok(audit::model::insert(c, &f)?))
        .await;
    assert!(same_seq.is_err(), "duplicate seq accepted");
    fork.seq += 1;
    fork.hash = chain::entry_hash(&fork);
    let same_prev = app
        .db()
        .write(move |c| Ok(audit::model::insert(c, &fork)?))
        .await;
    assert!(same_prev.is_err(), "duplicate prev_hash accepted");
    assert!(matches!(
        verify(&app).await,
        VerifyReport::Ok { entries: 2, .. }
    ));
}

#[rocket::async_test]
async fn verify_names_the_first_tampered_entry_and_why() {
    // Each case: SQL against a fresh five-entry log, the entry (index) and
    // the reason verify must report.
    let cases: Vec<(&str, String, usize, BrokenReason)> = vec![
        (
            "details changed",
            "UPDATE audit_log SET details = '{\"n\":99}' WHERE seq = 3".into(),
            2,
            BrokenReason::DetailsChanged,
        ),
        (
            "details and their hash changed",
            format!(
                "UPDATE audit_log SET details = '{{}}', details_sha256 = '{}' WHERE seq = 3",
                sha256_hex("{}")
            ),
            2,
            BrokenReason::EntryChanged,
        ),
        (
            "action changed",
            "UPDATE audit_log SET action = 'competition.cancelled' WHERE seq = 3".into(),
            2,
            BrokenReason::EntryChanged,
        ),
        (
            "actor removed",
            "UPDATE audit_log SET actor_id = NULL WHERE seq = 1".into(),
            0,
            BrokenReason::EntryChanged,
        ),
        (
            "hash changed",
            format!(
                "UPDATE audit_log SET hash = '{}' WHERE seq = 3",
                "ab".repeat(32)
            ),
            2,
            BrokenReason::EntryChanged,
        ),
        (
            "prev_hash changed",
            format!(
                "UPDATE audit_log SET prev_hash = '{}' WHERE seq = 3",
                "cd".repeat(32)
            ),
            2,
            BrokenReason::ChainLinkBroken,
        ),
        (
            "middle row deleted",
            "DELETE FROM audit_log WHERE seq = 3".into(),
            3,
            BrokenReason::SeqGap { expected: 3 },
        ),
        (
            "first row deleted",
            "DELETE FROM audit_log WHERE seq = 1".into(),
            1,
            BrokenReason::SeqGap { expected: 1 },
        ),
        (
            "two entries changed",
            "UPDATE audit_log SET subject_id = 'x' WHERE seq IN (2, 4)".into(),
            1,
            BrokenReason::EntryChanged,
        ),
    ];
    for (name, sql, index, reason) in cases {
        let app = TestApp::new().await;
        let entries = seed(&app, 5).await;
        assert!(matches!(
            verify(&app).await,
            VerifyReport::Ok { entries: 5, .. }
        ));
        tamper(&app, sql).await;
        assert_eq!(
            verify(&app).await,
            broken(&entries[index], reason),
            "{name}"
        );
    }
}

#[rocket::async_test]
async fn a_consistently_rewritten_entry_breaks_the_next_link() {
    let app = TestApp::new().await;
    let entries = seed(&app, 4).await;
    let mut forged = entries[1].clone();
    forged.action = "competition.cancelled".into();
    forged.hash = chain::entry_hash(&forged);
    tamper(
        &app,
        format!(
            "UPDATE audit_log SET action = '{}', hash = '{}' WHERE seq = 2",
            forged.action, forged.hash
        ),
    )
    .await;
    assert_eq!(
        verify(&app).await,
        broken(&entries[2], BrokenReason::ChainLinkBroken)
    );
}

#[rocket::async_test]
async fn concurrent_appends_from_two_instances_never_fork_the_chain() {
    let app = TestApp::with(|f| f.merge(("database_pool_size", 8)), |r| r).await;
    // A second pool on the same database stands in for a second instance.
    let url = DatabaseUrl::parse(app.database_url()).unwrap();
    let other = Db::new(&url, 4);
    let mut tasks = vec![];
    for t in 0..8 {
        let db = if t % 2 == 0 {
            app.db().clone()
        } else {
            other.clone()
        };
        let clock = app.clock.clone();
        tasks.push(rocket::tokio::spawn(async move {
            for i in 0..10 {
                let now = clock.now();
                db.run(move |c| tx::write(c, |c| audit::record(c, now, sample(t * 10 + i))))
                    .await?;
            }
            Ok::<_, konkurs::error::AppError>(())
        }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let stored = all(&app).await;
    let seqs: Vec<i64> = stored.iter().rev().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=80).collect::<Vec<_>>());
    let report = verify(&app).await;
    assert_eq!(
        report,
        VerifyReport::Ok {
            entries: 80,
            head_hash: stored[0].hash.clone()
        }
    );
}

#[rocket::async_test]
async fn list_pages_newest_first_and_filters_by_competition() {
    let app = TestApp::new().await;
    seed(&app, 7).await; // c-0: seq 1, 3, 5, 7; c-1: seq 2, 4, 6
    let page = |competition_id: Option<&str>, before_seq: Option<i64>, limit: i64| {
        let filter = ListFilter {
            competition_id: competition_id.map(str::to_string),
            before_seq,
            limit,
        };
        let db = app.db().clone();
        async move {
            let list = db.run(move |c| audit::list(c, &filter)).await.unwrap();
            list.iter().map(|e| e.seq).collect::<Vec<_>>()
        }
    };
    assert_eq!(page(None, None, 3).await, vec![7, 6, 5]);
    assert_eq!(page(None, Some(5), 3).await, vec![4, 3, 2]);
    assert_eq!(page(None, Some(2), 3).await, vec![1]);
    assert_eq!(page(Some("c-1"), None, 10).await, vec![6, 4, 2]);
    assert_eq!(page(Some("c-0"), Some(5), 10).await, vec![3, 1]);
    assert_eq!(page(Some("c-9"), None, 10).await, Vec::<i64>::new());
    assert_eq!(page(None, None, 0).await, vec![7], "limit is at least 1");
}

fn run_cli(app: &TestApp, database_url: &str) -> (i32, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_konkurs"));
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("ROCKET_")) {
        cmd.env_remove(key);
    }
    let out = cmd
        .args(["audit", "verify"])
        .current_dir(app.data_dir.path())
        .env("ROCKET_DATABASE_URL", database_url)
        .env("ROCKET_DATA_DIR", app.data_dir.path())
        .env("KONKURS_LOG", "error")
        .output()
        .expect("run konkurs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[rocket::async_test]
async fn the_audit_verify_command_checks_the_real_database() {
    let app = TestApp::new().await;
    let entries = seed(&app, 3).await;
    let (code, out) = run_cli(&app, app.database_url());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("3 entries"), "{out}");
    assert!(out.contains(&entries[2].hash), "{out}");

    tamper(
        &app,
        "UPDATE audit_log SET details = '{}' WHERE seq = 2".into(),
    )
    .await;
    let (code, out) = run_cli(&app, app.database_url());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("seq 2"), "{out}");
    assert!(out.contains(entries[1].id.as_str()), "{out}");
    assert!(out.contains("details changed"), "{out}");

    // A database that is not there is an error (2), not an empty, intact log.
    let missing = app.data_dir.path().join("missing.db");
    let (code, out) = run_cli(&app, &format!("sqlite://{}", missing.display()));
    assert_eq!(code, 2, "{out}");
    assert!(!missing.exists());
}
