//! The public statistics page: only public facts count (proposals after
//! the deadline; decisions and awards only from published results), grouped
//! by oblast, priority and year, with charts and tables.

use rocket::http::Status;

use crate::applications_support::*;
use crate::competitions_support as cs;

async fn set_oblast(app: &crate::support::TestApp, org: &str, oblast: &str) {
    let sql = format!("UPDATE organizations SET oblast = '{oblast}' WHERE id = '{org}'");
    app.db()
        .run(move |c| Ok(diesel::RunQueryDsl::execute(diesel::sql_query(sql), c)?))
        .await
        .unwrap();
}

#[rocket::async_test]
async fn statistics_count_public_facts_by_oblast_priority_and_year() {
    let app = app().await;
    let empty = app.get("/statistics").await;
    assert_eq!(empty.status, Status::Ok);
    assert_eq!(empty.html().text("#total-competitions"), "0");

    let (_, _, comp) = open_competition(&app).await;
    let (_, kyiv, kyiv_org) = applicant(&app, "Kyiv Applicant").await;
    let (_, lviv, lviv_org) = applicant(&app, "Lviv Applicant").await;
    set_oblast(&app, &lviv_org, "UA-46").await;
    let a = ready(&app, &kyiv, &comp, &kyiv_org).await;
    let b = ready(&app, &lviv, &comp, &lviv_org).await;
    let second = cs::with(&complete(), "priority", "2");
    assert_eq!(save(&lviv, &b, &second).await.status, Status::SeeOther);
    assert_eq!(submit(&kyiv, &a).await.status, Status::SeeOther);
    assert_eq!(submit(&lviv, &b).await.status, Status::SeeOther);

    // Before the deadline the proposals are not public, so not counted.
    let before = app.get("/statistics").await.html();
    assert_eq!(before.text("#total-competitions"), "1");
    assert_eq!(before.text("#total-proposals"), "0");

    app.clock.set(deadline());
    let page = app.get("/statistics").await;
    let html = page.html();
    assert_eq!(html.text("#total-proposals"), "2");
    assert_eq!(html.text("#total-requested"), "198 000,00 грн");
    // No results are published: nothing is admitted, funded or awarded yet.
    assert_eq!(html.text("#total-admitted"), "0");
    assert_eq!(html.text("#total-funded"), "0");
    assert_eq!(html.text("#total-awarded"), "0,00 грн");

    let oblasts = html.texts("#table-oblast tbody th");
    assert_eq!(oblasts.len(), 2, "{oblasts:?}");
    assert!(
        oblasts.iter().any(|o| o == "Львівська область"),
        "{oblasts:?}"
    );
    assert!(oblasts.iter().any(|o| o == "місто Київ"), "{oblasts:?}");
    let priorities = html.texts("#table-priority tbody th");
    assert_eq!(priorities, ["Волонтерство", "Освіта"]);
    // The year is the Kyiv year of the announcement.
    let years = html.texts("#table-year tbody th");
    assert_eq!(years.len(), 1);
    let year_row = html.texts("#table-year tbody td");
    assert_eq!(year_row[0], "1", "one competition: {year_row:?}");
    assert_eq!(year_row[1], "2", "two proposals: {year_row:?}");

    // Charts: a picture hidden from assistive technology plus a table.
    assert_eq!(html.count("figure.chart"), 4);
    assert_eq!(html.count("figure.chart svg[aria-hidden=true]"), 4);
    assert_eq!(html.count("#oblast-proposals-caption"), 1);
    assert_eq!(
        html.count("#oblast-proposals-caption + svg rect.chart__bar"),
        2
    );

    let en = app.get("/statistics?lang=en").await.html();
    assert_eq!(en.text("h1"), "Competition statistics");
    assert!(en
        .texts("#table-oblast tbody th")
        .iter()
        .any(|o| o.contains("Lviv")));
}
