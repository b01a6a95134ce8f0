//! Builders for competition tests: a fixed clock, a complete draft as form
//! fields, and an organizer with an announced competition.

#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use rocket::http::Status;

use crate::support::people::Person;
use crate::support::{Browser, TestApp};
use konkurs::accounts::model::Role;
use konkurs::competitions::{model, Competition, CompetitionId};

/// 05.12.2026 12:00 Kyiv (10:00 UTC).
pub fn start() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 5)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

pub fn utc(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// A test app whose clock stands at [`start`].
pub async fn app() -> TestApp {
    let app = TestApp::new().await;
    app.clock.set(start());
    app
}

/// Every field of a complete draft, as the form posts them.
pub fn complete_fields() -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = [
        ("title_uk", "Молодь у громадах 2027"),
        ("title_en", "Youth in communities 2027"),
        (
            "description_uk",
            "Конкурс підтримує молодіжні ініціативи в громадах.",
        ),
        ("description_en", ""),
        ("priorities", "Освіта\nВолонтерство"),
        ("legal_order_number", "123-од"),
        ("legal_order_date", "2026-11-20"),
        ("org_forms", "public_organization"),
        ("org_forms", "charitable_organization"),
        ("min_months_registered", "6"),
        ("max_proposals_per_org", "1"),
        ("fund", "1 000 000"),
        ("cap", "250 000"),
        ("min_own_contribution_percent", "10"),
        ("opens_at", "2027-01-10T09:00"),
        ("closes_at", "2027-02-10T18:00"),
        ("review_from", "2027-02-11"),
        ("review_until", "2027-03-01"),
        ("results_on", "2027-03-10"),
        ("documents[0].name", "Статут"),
        ("documents[0].description", "Скан-копія чинної редакції"),
        ("documents[0].required", "true"),
        ("documents[0].max_size_mb", "10"),
        ("documents[1].name", "Лист підтримки"),
        ("documents[1].description", ""),
        ("documents[1].max_size_mb", "5"),
        ("documents[2].name", ""),
        ("documents[2].description", ""),
        ("documents[2].required", "true"),
        ("documents[2].max_size_mb", "10"),
        ("criteria[0].name", "Актуальність"),
        (
            "criteria[0].description",
            "Чи відповідає проєкт пріоритетам",
        ),
        ("criteria[0].max_points", "10"),
        ("criteria[0].weight", "2"),
        ("criteria[1].name", "Обґрунтованість бюджету"),
        ("criteria[1].description", ""),
        ("criteria[1].max_points", "5"),
        ("criteria[1].weight", "1"),
        ("criteria[2].name", ""),
        ("criteria[2].description", ""),
        ("criteria[2].max_points", ""),
        ("criteria[2].weight", "1"),
        ("pass_mark", "15"),
        ("aggregation", "median"),
        ("divergence_threshold", "8"),
        ("tie_break", "lower_request"),
        ("when_next_does_not_fit", "fund_partially"),
        ("jury_mode", "jurors_per_proposal"),
        ("jurors_per_proposal", "3"),
        ("publish_juror_names", "true"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    f.sort_by(|a, b| a.0.cmp(&b.0));
    f
}

/// `fields` with `name` set to `value` (every occurrence; added if absent).
pub fn with(fields: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    let mut out: Vec<_> = fields.iter().filter(|(k, _)| k != name).cloned().collect();
    out.push((name.to_string(), value.to_string()));
    out
}

pub fn as_refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// The ID from a `/organizer/competitions/<id>` redirect.
pub fn id_from(location: &str) -> CompetitionId {
    location
        .trim_start_matches("/organizer/competitions/")
        .parse()
        .unwrap_or_else(|_| panic!("not a competition location: {location}"))
}

/// Creates a draft through the form; returns its ID.
pub async fn create_draft(b: &Browser<'_>, fields: &[(String, String)]) -> CompetitionId {
    let res = b.submit("/organizer/competitions", &as_refs(fields)).await;
    assert_eq!(
        res.status,
        Status::SeeOther,
        "draft not created: {}",
        res.body
    );
    id_from(res.location())
}

pub async fn announce(b: &Browser<'_>, id: &CompetitionId) {
    let res = b
        .submit(&format!("/organizer/competitions/{id}/announce"), &[])
        .await;
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    let page = b.get(res.location()).await;
    assert!(
        page.html().text(".flash").contains("оголошено"),
        "not announced: {}",
        page.html().text(".flash")
    );
}

/// An organizer (signed in) with an announced competition.
pub async fn announced(app: &TestApp) -> (Person, Browser<'_>, CompetitionId) {
    let (org, b) = app
        .signed_in("Orest Organizer", Some(Role::Organizer))
        .await;
    let id = create_draft(&b, &complete_fields()).await;
    announce(&b, &id).await;
    (org, b, id)
}

pub async fn load(app: &TestApp, id: &CompetitionId) -> Competition {
    let id = id.clone();
    app.db()
        .run(move |c| Ok(model::find(c, &id)?.expect("competition exists")))
        .await
        .unwrap()
}

/// The flash message on the page a redirect leads to.
pub async fn flash_after(b: &Browser<'_>, res: &crate::support::TestResponse) -> String {
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    b.get(res.location()).await.html().text(".flash")
}

/// Signs in again (after the clock moved past the session's lifetime).
pub async fn relogin(b: &Browser<'_>, person: &Person) {
    b.clear_cookies();
    b.login(&person.email, crate::support::people::PASSWORD)
        .await;
}

/// The audit actions recorded for a competition, oldest first.
pub async fn audit_actions(app: &TestApp, id: &CompetitionId) -> Vec<String> {
    let filter = konkurs::audit::ListFilter {
        competition_id: Some(id.to_string()),
        before_seq: None,
        limit: 500,
    };
    let mut entries = app
        .db()
        .run(move |c| konkurs::audit::list(c, &filter))
        .await
        .unwrap();
    entries.reverse();
    entries.into_iter().map(|e| e.action).collect()
}

/// The stored draft (what the edit form shows) and rules bytes.
pub async fn stored_texts(app: &TestApp, id: &CompetitionId) -> (String, Option<String>) {
    let id = id.clone();
    app.db()
        .run(move |c| {
            Ok((
                model::draft_json(c, &id)?.unwrap(),
                model::rules_json(c, &id)?,
            ))
        })
        .await
        .unwrap()
}
