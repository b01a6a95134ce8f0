//! What the public sees without signing in: the list (filter, search), the
//! call with everything an applicant needs, the JSON API with its stable
//! names, the OpenAPI document and the Atom feed.

use std::collections::BTreeSet;

use rocket::http::Status;
use serde_json::Value;

use crate::competitions_support::*;
use konkurs::accounts::model::Role;

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().expect("object").keys().cloned().collect()
}

#[rocket::async_test]
async fn the_call_page_has_what_an_applicant_needs() {
    let app = app().await;
    let (_, _, id) = announced(&app).await;
    app.clock.set(utc("2027-02-01 16:00"));
    let res = app.browser().get(&format!("/competitions/{id}")).await;
    assert_eq!(res.status, Status::Ok);
    let html = res.html();
    assert_eq!(html.text("h1"), "Молодь у громадах 2027");
    assert_eq!(
        html.text(".countdown strong"),
        "Приймання завершиться через 9 днів"
    );
    let main = html.text("main");
    for expected in [
        "Освіта",
        "Волонтерство", // priorities
        "1 000 000,00 грн",
        "250 000,00 грн", // fund, cap
        "10.02.2027 18:00",
        "за київським часом", // deadline in Kyiv time
        "Громадська організація",
        "Благодійна організація",
        "щонайменше 6 міс.",
        "щонайменше 10% бюджету",
        "наказ № 123-од від 20.11.2026",
        "Статут",
        "Лист підтримки", // documents
        "Актуальність",
        "×2",
        "Найбільший можливий підсумок 25",
        "медіана",
        "щонайменше 15 з 25 балів",
        "більш ніж на 8",
        "з меншою запитуваною сумою",
        "фінансують частково",
        "оцінюють 3 членів журі",
        "Коментарі членів журі до оцінок не оприлюднюються",
        "Змін не було.",
    ] {
        assert!(main.contains(expected), "page lacks {expected:?}:\n{main}");
    }
    assert_eq!(
        html.attr("a[href$='/rules.json']", "href"),
        Some(format!("/competitions/{id}/rules.json"))
    );
    // Within the last two days the line counts hours.
    app.clock.set(utc("2027-02-09 15:00"));
    let html = app
        .browser()
        .get(&format!("/competitions/{id}"))
        .await
        .html();
    assert_eq!(
        html.text(".countdown strong"),
        "Приймання завершиться через 25 годин"
    );
    // In English, with the English title.
    let html = app
        .browser()
        .get(&format!("/competitions/{id}?lang=en"))
        .await
        .html();
    assert_eq!(html.text("h1"), "Youth in communities 2027");
    assert_eq!(html.text(".countdown strong"), "Closes in 25 hours");
}

#[rocket::async_test]
async fn drafts_are_not_public() {
    let app = app().await;
    let (_, b) = app.signed_in("Oksana Org", Some(Role::Organizer)).await;
    let id = create_draft(&b, &complete_fields()).await;
    let anon = app.browser();
    for path in [
        format!("/competitions/{id}"),
        format!("/competitions/{id}/rules.json"),
    ] {
        assert_eq!(anon.get(&path).await.status, Status::NotFound, "{path}");
    }
    assert_eq!(
        anon.get(&format!("/api/v1/competitions/{id}")).await.status,
        Status::NotFound
    );
    assert_eq!(
        anon.get("/api/v1/competitions/not-an-id").await.json()["error"]["status"],
        404
    );
    assert!(!anon
        .get("/competitions")
        .await
        .body
        .contains(&id.to_string()));
}

#[rocket::async_test]
async fn the_list_filters_by_state_and_searches_titles() {
    let app = app().await;
    let (org, b, first) = announced(&app).await;
    let second = create_draft(
        &b,
        &with(&complete_fields(), "title_uk", "Культурна спадщина Поділля"),
    )
    .await;
    announce(&b, &second).await;
    app.clock.set(utc("2027-02-11 08:00"));
    relogin(&b, &org).await;
    b.submit(
        &format!("/organizer/competitions/{second}/steps/admissibility"),
        &[],
    )
    .await;
    let anon = app.browser();
    let titles = |body: &str| crate::support::html::Html::parse(body).texts(".competition-list h2");
    let all = anon.get("/competitions").await;
    assert_eq!(titles(&all.body).len(), 2);
    assert!(all.html().text("main").contains("Знайдено 2 конкурси"));
    let open = anon.get("/competitions?state=announced").await.body;
    assert_eq!(titles(&open), vec!["Молодь у громадах 2027"]);
    assert_eq!(
        crate::support::html::Html::parse(&open).count("option[value=announced][selected]"),
        1
    );
    // Case-insensitive for Cyrillic too (SQLite's lower() is ASCII-only).
    let found = anon
        .get("/competitions?q=%D0%BF%D0%BE%D0%94%D0%86%D0%9B%D0%9B%D0%AF")
        .await
        .body; // «поДІЛЛЯ»
    assert_eq!(titles(&found), vec!["Культурна спадщина Поділля"]);
    let by_code = anon.get("/competitions?q=2026-001").await.body;
    assert_eq!(titles(&by_code), vec!["Молодь у громадах 2027"]);
    let none = anon.get("/competitions?q=100%25").await;
    assert_eq!(none.status, Status::Ok);
    assert!(none.html().text("main").contains("Немає конкурсів"));
    let _ = first;
}

#[rocket::async_test]
async fn the_api_uses_the_promised_names_and_matches_its_openapi_document() {
    let app = app().await;
    let (_, b, id) = announced(&app).await;
    create_draft(&b, &complete_fields()).await; // a draft is never listed
    let fields = [
        ("kind", "extend_deadline"),
        ("new_closes_at", "2027-02-20T18:00"),
        ("reason", "Прохання"),
    ];
    b.submit(&format!("/organizer/competitions/{id}/amendments"), &fields)
        .await;
    let anon = app.browser();

    let list = anon.get("/api/v1/competitions").await;
    assert_eq!(list.header("content-type"), Some("application/json"));
    let list = list.json();
    assert_eq!(keys(&list), BTreeSet::from(["competitions".to_string()]));
    let items = list["competitions"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    let item = &items[0];
    let promised: BTreeSet<String> = [
        "id",
        "title",
        "status",
        "opens_at",
        "closes_at",
        "rules_sha256",
        "url",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(keys(item), promised);
    assert_eq!(item["id"], id.to_string());
    assert_eq!(item["status"], "announced");
    assert_eq!(
        item["closes_at"], "2027-02-20T18:00:00+02:00",
        "the extended deadline"
    );
    assert_eq!(
        item["url"],
        format!("http://konkurs.test/competitions/{id}")
    );

    let detail = anon.get(&format!("/api/v1/competitions/{id}")).await.json();
    for k in &promised {
        assert_eq!(detail[k], item[k], "{k} as in the list");
    }
    assert!(detail["rules"].is_object());
    assert_eq!(detail["amendments"][0]["kind"], "extend_deadline");
    assert_eq!(detail["amendments"][0]["reason"], "Прохання");
    assert_eq!(
        detail["amendments"][0]["closes_at"]["from"],
        "2027-02-10T18:00:00+02:00"
    );
    assert_eq!(
        detail["amendments"][0]["closes_at"]["to"],
        "2027-02-20T18:00:00+02:00"
    );
    // The hash in the API is the hash of the downloadable bytes.
    let bytes = anon
        .get(&format!("/competitions/{id}/rules.json"))
        .await
        .body;
    assert_eq!(detail["rules_sha256"], konkurs::audit::sha256_hex(&bytes));
    assert_eq!(
        detail["rules"],
        serde_json::from_str::<Value>(&bytes).unwrap()
    );

    // The OpenAPI document describes exactly these fields.
    let doc = anon.get("/api/v1/openapi.json").await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let schemas = &doc["components"]["schemas"];
    let props = |name: &str| keys(&schemas[name]["properties"]);
    assert_eq!(props("CompetitionSummary"), promised);
    let required: BTreeSet<String> = schemas["CompetitionSummary"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(required, promised);
    let mut all = promised.clone();
    all.extend(keys(&schemas["Competition"]["allOf"][1]["properties"]));
    assert_eq!(keys(&detail), all, "detail fields documented");
    assert_eq!(keys(&detail["rules"]), props("RulesDocument"));
    assert!(keys(&detail["amendments"][0]).is_subset(&props("Amendment")));
    for path in ["/competitions", "/competitions/{id}"] {
        assert!(
            doc["paths"][path]["get"]["responses"]["200"].is_object(),
            "{path}"
        );
    }
    assert_eq!(doc["servers"][0]["url"], "http://konkurs.test/api/v1");
}

#[rocket::async_test]
async fn the_atom_feed_lists_announcements_newest_first() {
    let app = app().await;
    let (_, b, first) = announced(&app).await;
    app.clock.advance(chrono::Duration::hours(1));
    let second = create_draft(
        &b,
        &with(&complete_fields(), "title_uk", "Спорт & <здоров’я>"),
    )
    .await;
    announce(&b, &second).await;
    let res = app.browser().get("/feed.atom").await;
    assert_eq!(res.status, Status::Ok);
    assert_eq!(res.header("content-type"), Some("application/atom+xml"));
    let feed = res.body;
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert_eq!(feed.matches("<entry>").count(), 2);
    assert!(feed.contains("<updated>2026-12-05T11:00:00Z</updated>"));
    let (a, b2) = (
        feed.find(&format!("{second}#announced")).unwrap(),
        feed.find(&format!("{first}#announced")).unwrap(),
    );
    assert!(a < b2, "newest first");
    assert!(
        feed.contains("Оголошено конкурс: Спорт &amp; &lt;здоров&apos;я&gt;")
            || feed.contains("Оголошено конкурс: Спорт &amp; &lt;здоров’я&gt;"),
        "{feed}"
    );
    assert!(feed.contains(&format!(
        "href=\"http://konkurs.test/competitions/{first}\""
    )));
    let sha = load(&app, &first).await.rules_sha256.unwrap();
    assert!(feed.contains(&sha), "the summary carries the rules hash");
    // Every page points feed readers at it.
    let home = app.browser().get("/").await.html();
    assert_eq!(
        home.attr("link[type='application/atom+xml']", "href")
            .as_deref(),
        Some("/feed.atom")
    );
}
