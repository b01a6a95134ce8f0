//! Builders for proposal tests: an organization (rows written directly, as
//! the organizations module stores them), an open competition, a complete
//! proposal as form fields, and multipart uploads.

#![allow(dead_code)]

use chrono::NaiveDateTime;
use diesel::RunQueryDsl;
use rocket::http::{ContentType, Status};

use crate::competitions_support::{self as cs, utc};
use crate::support::people::Person;
use crate::support::{Browser, TestApp, TestResponse};
use konkurs::applications::ProposalId;
use konkurs::competitions::CompetitionId;

/// Inside the call window of `cs::complete_fields` (opens 10.01, closes 10.02.2027 18:00 Kyiv).
pub fn open_time() -> NaiveDateTime {
    utc("2027-01-15 10:00")
}
/// The deadline instant in UTC.
pub fn deadline() -> NaiveDateTime {
    utc("2027-02-10 16:00")
}

/// A test app with the upload limits of `Rocket.toml` (Rocket's debug
/// defaults allow only 1 MiB files), its clock at `cs::start()`.
pub async fn app() -> TestApp {
    let app = TestApp::with(
        |f| {
            f.merge(("limits.file", "64MiB"))
                .merge(("limits.data-form", "64MiB"))
        },
        |r| r,
    )
    .await;
    app.clock.set(cs::start());
    app
}

/// Creates an organization owned by `owner`; returns its ID.
pub async fn org(app: &TestApp, owner: &Person, legal_form: &str, registered_on: &str) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    let edrpou = format!("{:08}", uuid::Uuid::now_v7().as_u128() % 100_000_000);
    let sql_org = format!(
        "INSERT INTO organizations (id, edrpou, full_name, short_name, legal_form, registered_on, oblast, address, email, phone, website, created_by, created_at, updated_at) \
         VALUES ('{id}', '{edrpou}', 'ГО «Світанок {edrpou}»', '', '{legal_form}', '{registered_on}', 'UA-30', 'Київ', 'ngo@example.org', '+380441234567', NULL, '{}', '2026-12-01 10:00:00', '2026-12-01 10:00:00')",
        owner.id
    );
    let (org_id, uid) = (id.clone(), owner.id.to_string());
    app.db()
        .run(move |c| {
            diesel::sql_query(sql_org).execute(c)?;
            diesel::sql_query(format!(
                "INSERT INTO organization_members (organization_id, user_id, role, added_at, added_by) VALUES ('{org_id}', '{uid}', 'owner', '2026-12-01 10:00:00', NULL)"
            ))
            .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
    id
}

pub async fn add_member(app: &TestApp, org: &str, p: &Person) {
    let sql = format!(
        "INSERT INTO organization_members (organization_id, user_id, role, added_at, added_by) VALUES ('{org}', '{}', 'member', '2026-12-01 10:00:00', NULL)",
        p.id
    );
    app.db()
        .run(move |c| Ok(diesel::sql_query(sql).execute(c)?))
        .await
        .unwrap();
}

/// An announced competition, with the clock moved inside its call window
/// (the organizer signs in again, since sessions expired on the way).
pub async fn open_competition(app: &TestApp) -> (Person, Browser<'_>, CompetitionId) {
    let (org, b, id) = cs::announced(app).await;
    app.clock.set(open_time());
    cs::relogin(&b, &org).await;
    (org, b, id)
}

/// An applicant (signed in) who owns an eligible organization.
pub async fn applicant<'a>(app: &'a TestApp, name: &str) -> (Person, Browser<'a>, String) {
    let (p, b) = app.signed_in(name, None).await;
    let o = org(app, &p, "public_organization", "2020-03-01").await;
    (p, b, o)
}

/// Starts a draft through the form; returns its ID.
pub async fn start(b: &Browser<'_>, comp: &CompetitionId, org: &str) -> ProposalId {
    let res = b
        .submit(
            &format!("/competitions/{comp}/proposals"),
            &[("organization_id", org)],
        )
        .await;
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    let loc = res.location().to_string();
    assert!(
        loc.ends_with("/edit"),
        "not started: {loc} {:?}",
        b.get(&loc).await.html().text(".flash")
    );
    loc.trim_start_matches("/proposals/")
        .trim_end_matches("/edit")
        .parse()
        .unwrap()
}

/// Every field of a complete proposal: two budget lines, total 110 000,50
/// грн, requested 99 000 (cap 250 000), own 11 000,50 (≥ 10 %).
pub fn complete() -> Vec<(String, String)> {
    [
        ("title", "Молодіжні лабораторії громад"),
        ("priority", "1"),
        ("summary", "Серія практичних лабораторій для молоді."),
        ("problem", "Молодь мало долучається до рішень громади."),
        ("goals", "Залучити 200 молодих людей."),
        ("audience", "Молодь 14–25 років"),
        ("regions", "Київська, Житомирська"),
        ("activities[0].name", "Лабораторія 1"),
        ("activities[0].starts_on", "2027-04-01"),
        ("activities[0].ends_on", "2027-04-03"),
        ("results[0].result", "Учасники підготували ініціативи"),
        ("results[0].indicator", "Кількість ініціатив"),
        ("results[0].target", "20"),
        ("budget[0].item", "Оренда зали"),
        ("budget[0].category", "rent"),
        ("budget[0].unit", "день"),
        ("budget[0].quantity", "10"),
        ("budget[0].unit_price", "10 000,05"),
        ("budget[0].requested", "90000"),
        ("budget[0].own", "10000.50"),
        ("budget[1].item", "Матеріали"),
        ("budget[1].category", "materials"),
        ("budget[1].unit", "комплект"),
        ("budget[1].quantity", "2"),
        ("budget[1].unit_price", "5000"),
        ("budget[1].requested", "9000"),
        ("budget[1].own", "1000"),
        ("no_double_funding", "true"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

pub async fn save(b: &Browser<'_>, id: &ProposalId, fields: &[(String, String)]) -> TestResponse {
    b.submit(&format!("/proposals/{id}/edit"), &cs::as_refs(fields))
        .await
}

/// The required document IDs of a competition, in order.
pub async fn required_docs(
    app: &TestApp,
    comp: &CompetitionId,
) -> Vec<konkurs::competitions::model::RequiredDocument> {
    let id = comp.clone();
    app.db()
        .run(move |c| Ok(konkurs::competitions::model::required_documents(c, &id)?))
        .await
        .unwrap()
}

pub fn fixture(name: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdfs/");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap_or_else(|| panic!("no fixture {name}"));
    std::fs::read(path).unwrap()
}

/// Uploads bytes as the `file` field of a multipart form.
pub async fn upload(b: &Browser<'_>, path: &str, file_name: &str, bytes: &[u8]) -> TestResponse {
    let token = b.csrf().await;
    let boundary = "----konkurs-test-boundary-7f3a9c";
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n").as_bytes());
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let ct = ContentType::new("multipart", "form-data").with_params(("boundary", boundary));
    b.post_body(path, ct, body).await
}

/// Uploads and returns the flash message shown afterwards.
pub async fn upload_flash(b: &Browser<'_>, id: &ProposalId, doc: &str, bytes: &[u8]) -> String {
    let res = upload(
        b,
        &format!("/proposals/{id}/documents/{doc}"),
        "doc.pdf",
        bytes,
    )
    .await;
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    b.get(res.location()).await.html().text(".flash")
}

/// A complete proposal with its required document: ready to submit.
pub async fn ready(app: &TestApp, b: &Browser<'_>, comp: &CompetitionId, org: &str) -> ProposalId {
    let id = start(b, comp, org).await;
    assert_eq!(save(b, &id, &complete()).await.status, Status::SeeOther);
    let docs = required_docs(app, comp).await;
    let flash = upload_flash(b, &id, docs[0].id.as_str(), &fixture("001-")).await;
    assert!(flash.contains("завантажено"), "{flash}");
    id
}

pub async fn submit(b: &Browser<'_>, id: &ProposalId) -> TestResponse {
    b.submit(&format!("/proposals/{id}/submit"), &[]).await
}
