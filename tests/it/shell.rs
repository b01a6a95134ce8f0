//! The web shell: health, language, error pages, security headers, assets,
//! typed IDs.

use rocket::http::{Header, Status};
use rocket::response::content::RawHtml;
use rocket::{get, routes};

use crate::support::{TestApp, TestDatabase};
use konkurs::error::AppError;
use konkurs::web::PageCtx;

#[rocket::async_test]
async fn health_is_ok_and_names_the_backend() {
    let app = TestApp::new().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status, Status::Ok);
    assert_eq!(res.json()["status"], "ok");
    assert_eq!(res.json()["database"], TestDatabase::backend());
}

#[rocket::async_test]
async fn health_is_503_when_the_database_does_not_answer() {
    for url in [
        "sqlite:///nonexistent-dir/for/konkurs.db",
        "postgres://konkurs@127.0.0.1:1/none",
    ] {
        let app = TestApp::with(
            |f| {
                f.merge(("database_url", url))
                    .merge(("migrate_on_start", false))
            },
            |r| r,
        )
        .await;
        let res = app.get("/healthz").await;
        assert_eq!(res.status, Status::ServiceUnavailable, "{url}");
        assert_eq!(res.json()["status"], "unavailable");
    }
}

#[rocket::async_test]
async fn home_is_ukrainian_by_default() {
    let app = TestApp::new().await;
    let res = app.get("/").await;
    assert_eq!(res.status, Status::Ok);
    let html = res.html();
    assert_eq!(html.attr("html", "lang").as_deref(), Some("uk"));
    assert_eq!(html.count("h1"), 1);
    assert!(html.text("h1").contains("конкурси"));
    assert_eq!(html.count("main#main"), 1);
    assert_eq!(html.attr("a.skip-link", "href").as_deref(), Some("#main"));
    assert_eq!(
        html.attr(".lang-switch a", "href").as_deref(),
        Some("/?lang=en")
    );
}

#[rocket::async_test]
async fn language_switch_is_remembered_in_a_cookie() {
    let app = TestApp::new().await;
    let res = app.get("/?lang=en").await;
    assert_eq!(res.html().attr("html", "lang").as_deref(), Some("en"));
    assert!(res
        .headers
        .iter()
        .any(|(n, v)| n == "set-cookie" && v.starts_with("lang=en")));
    // The tracked client sends the cookie back: English without ?lang.
    let res = app.get("/").await;
    assert_eq!(res.html().attr("html", "lang").as_deref(), Some("en"));
    assert!(res.html().text("h1").contains("civil society"));
    let res = app.get("/?lang=uk").await;
    assert_eq!(res.html().attr("html", "lang").as_deref(), Some("uk"));
}

#[rocket::async_test]
async fn unknown_language_falls_back_and_other_query_is_kept() {
    let app = TestApp::new().await;
    let res = app.get("/?lang=xx&page=2").await;
    let html = res.html();
    assert_eq!(html.attr("html", "lang").as_deref(), Some("uk"));
    assert_eq!(
        html.attr(".lang-switch a", "href").as_deref(),
        Some("/?page=2&lang=en")
    );
}

#[rocket::async_test]
async fn default_language_is_configurable() {
    let app = TestApp::with(|f| f.merge(("default_lang", "en")), |r| r).await;
    assert_eq!(
        app.get("/").await.html().attr("html", "lang").as_deref(),
        Some("en")
    );
}

#[rocket::async_test]
async fn not_found_page_is_localized() {
    let app = TestApp::new().await;
    let res = app.get("/no/such/page").await;
    assert_eq!(res.status, Status::NotFound);
    assert_eq!(res.html().text("h1"), "Сторінку не знайдено");
    app.get("/?lang=en").await;
    let res = app.get("/no/such/page").await;
    assert_eq!(res.html().text("h1"), "Page not found");
    assert_eq!(res.html().attr("html", "lang").as_deref(), Some("en"));
}

#[rocket::async_test]
async fn api_errors_are_json() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/nothing-here").await;
    assert_eq!(res.status, Status::NotFound);
    assert_eq!(res.json()["error"]["status"], 404);
}

konkurs::typed_id!(ThingId);

#[get("/things/<id>")]
fn thing(id: ThingId) -> String {
    id.to_string()
}

#[get("/fail/<kind>")]
fn fail(kind: &str) -> Result<RawHtml<String>, AppError> {
    Err(match kind {
        "db" => AppError::Database(diesel::result::Error::BrokenTransactionManager),
        "forbidden" => AppError::Forbidden,
        "rule" => AppError::Unprocessable("error-413-body".into()),
        _ => AppError::Unavailable("down".into()),
    })
}

#[get("/page-ok")]
fn page_ok(page: PageCtx<'_>) -> Result<RawHtml<String>, AppError> {
    page.render("home/index", serde_json::json!({}))
}

async fn app_with_probe_routes() -> TestApp {
    TestApp::with(|f| f, |r| r.mount("/probe", routes![thing, fail, page_ok])).await
}

#[rocket::async_test]
async fn malformed_id_is_404_before_the_handler() {
    let app = app_with_probe_routes().await;
    let id = ThingId::new();
    let ok = app.get(&format!("/probe/things/{id}")).await;
    assert_eq!((ok.status, ok.body.as_str()), (Status::Ok, id.as_str()));
    for bad in [
        "123",
        "not-a-uuid",
        &id.as_str().to_uppercase(),
        &id.as_str().replace('-', ""),
    ] {
        let res = app.get(&format!("/probe/things/{bad}")).await;
        assert_eq!(res.status, Status::NotFound, "{bad}");
        assert_eq!(res.html().text("h1"), "Сторінку не знайдено");
    }
}

#[rocket::async_test]
async fn errors_render_pages_with_their_status() {
    let app = app_with_probe_routes().await;
    let res = app.get("/probe/fail/db").await;
    assert_eq!(res.status, Status::InternalServerError);
    assert_eq!(res.html().text("h1"), "Вибачте, сталася помилка на сервері");
    assert!(
        !res.body.contains("BrokenTransactionManager"),
        "no internals leak"
    );
    let res = app.get("/probe/fail/forbidden").await;
    assert_eq!(res.status, Status::Forbidden);
    assert_eq!(res.html().text("h1"), "Доступ заборонено");
    let res = app.get("/probe/fail/rule").await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert_eq!(res.html().text("h1"), "Дію не виконано");
    assert!(
        res.html().text("p.lead").contains("перевищують"),
        "the specific message is shown"
    );
    let res = app.get("/probe/fail/other?lang=en").await;
    assert_eq!(res.status, Status::ServiceUnavailable);
    assert_eq!(
        res.html().text("h1"),
        "The service is temporarily unavailable"
    );
}

#[rocket::async_test]
async fn security_headers_on_every_kind_of_response() {
    let app = app_with_probe_routes().await;
    for path in [
        "/",
        "/healthz",
        "/assets/css/app.css",
        "/no/such",
        "/probe/fail/db",
    ] {
        let res = app.get(path).await;
        let csp = res
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("CSP on {path}"));
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
            "{path}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(
            res.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert!(res.header("referrer-policy").is_some(), "{path}");
    }
}

#[rocket::async_test]
async fn pages_have_no_inline_scripts_or_styles() {
    let app = app_with_probe_routes().await;
    for path in ["/", "/no/such", "/probe/page-ok"] {
        let html = app.get(path).await.html();
        assert_eq!(html.count("script:not([src])"), 0, "{path}");
        assert_eq!(html.count("style, [style]"), 0, "{path}");
    }
}

#[rocket::async_test]
async fn assets_are_cached_and_revalidated() {
    let app = TestApp::new().await;
    let version = app
        .get("/")
        .await
        .html()
        .attr("link[rel=stylesheet]", "href")
        .unwrap();
    assert!(version.starts_with("/assets/css/app.css?v="));
    let res = app.get(&version).await;
    assert_eq!(res.status, Status::Ok);
    assert!(res.header("content-type").unwrap().starts_with("text/css"));
    assert!(res.header("cache-control").unwrap().contains("immutable"));
    let etag = res.header("etag").unwrap().to_string();
    let res = app
        .get_with("/assets/css/app.css", Header::new("If-None-Match", etag))
        .await;
    assert_eq!(res.status, Status::NotModified);
    assert_eq!(
        app.get("/assets/css/missing.css").await.status,
        Status::NotFound
    );
    assert_eq!(
        app.get("/assets/../Cargo.toml").await.status,
        Status::NotFound
    );
}

#[rocket::async_test]
async fn invalid_configuration_is_refused_with_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let fig = crate::support::test_figment(dir.path(), "mysql://nope");
    let err = konkurs::build(fig).err().expect("refused").to_string();
    assert!(err.contains("database_url"), "{err}");
    let fig = crate::support::test_figment(dir.path(), "sqlite://x.db")
        .merge(("public_base_url", "konkurs.gov.ua"));
    let err = konkurs::build(fig).err().expect("refused").to_string();
    assert!(err.contains("public_base_url"), "{err}");
}
