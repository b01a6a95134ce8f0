//! Open data after publication, and the embargo before it: every route is
//! 404 until the organizer publishes (even when the results are final);
//! the frozen results are served byte for byte and recompute exactly from
//! the published JSON alone; the 360Giving packages validate against the
//! standard's schema; the CSV files have the documented columns and rows.

use rocket::http::Status;
use serde_json::Value;

use crate::competitions_support::{self as cs, utc};
use crate::publication_seed::*;
use konkurs::audit::canonical::sha256_hex;
use konkurs::competitions::rules::RulesDoc;
use konkurs::review::document::ResultsDoc;

/// Every route that reveals results, for a competition.
fn routes(s: &Seeded<'_>) -> Vec<String> {
    let id = &s.id;
    let mut v: Vec<String> = [
        "results",
        "results.json",
        "funnel.json",
        "360giving.json",
        "proposals.csv",
        "scores.csv",
    ]
    .iter()
    .map(|r| format!("/competitions/{id}/{r}"))
    .collect();
    v.push(format!("/api/v1/competitions/{id}/results"));
    for a in &s.applicants {
        v.push(format!("/competitions/{id}/proposals/{}", a.reg));
    }
    v.push(format!(
        "/competitions/{id}/proposals/{}",
        s.applicants[0].proposal
    ));
    v
}

/// A copied schema file. The standard names its meta-schema with `http://`;
/// the validator knows draft 2020-12 by its canonical `https://` URL (and
/// would otherwise try to fetch it), so that one value is normalized.
fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/360giving/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(v["$schema"], "http://json-schema.org/draft/2020-12/schema");
    v["$schema"] = "https://json-schema.org/draft/2020-12/schema".into();
    v
}

/// Validates a package against the copied 360Giving schema (offline).
pub fn validate_360giving(package: &Value) {
    let grant = fixture("360-giving-schema.json");
    let mut options = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true);
    for version in ["1.4.2", "1.4.3"] {
        let url = format!(
            "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/{version}/schema/360-giving-schema.json"
        );
        options = options.with_resource(
            url,
            jsonschema::Draft::Draft202012.create_resource(grant.clone()),
        );
    }
    let validator = options
        .build(&fixture("360-giving-package-schema.json"))
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(package)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "360Giving: {errors:#?}");
}

#[rocket::async_test]
async fn nothing_is_public_before_publication_even_when_finalized() {
    let app = crate::applications_support::app().await;
    let (s, _) = finalized(&app).await;
    let anonymous = app.browser();
    for path in routes(&s) {
        assert_eq!(
            anonymous.get(&path).await.status,
            Status::NotFound,
            "{path}"
        );
        // Not even its organizer sees them on these public routes.
        assert_eq!(s.b.get(&path).await.status, Status::NotFound, "{path}");
    }
    let all = anonymous.get("/open-data/360giving.json").await.json();
    assert_eq!(all["grants"], serde_json::json!([]));
    let page = anonymous
        .get(&format!("/competitions/{}", s.id))
        .await
        .html();
    assert_eq!(page.count("#results-link"), 0);

    app.clock.set(utc("2027-03-10 10:00"));
    cs::relogin(&s.b, &s.organizer).await;
    assert!(step(&s.b, &s.id, "publish").await.contains("оприлюднено"));
    for path in routes(&s) {
        let expected = if path.ends_with(&s.applicants[5].reg) {
            Status::NotFound // withdrawn: counted, no page
        } else {
            Status::Ok
        };
        assert_eq!(anonymous.get(&path).await.status, expected, "{path}");
    }
    let page = anonymous
        .get(&format!("/competitions/{}", s.id))
        .await
        .html();
    assert_eq!(
        page.attr("#results-link", "href").as_deref(),
        Some(format!("/competitions/{}/results", s.id).as_str())
    );
}

#[rocket::async_test]
async fn the_published_json_alone_recomputes_ranking_and_allocation() {
    let app = crate::applications_support::app().await;
    let (s, _) = published(&app).await;
    let b = app.browser();
    let results = b.get(&format!("/competitions/{}/results.json", s.id)).await;
    let rules = b.get(&format!("/competitions/{}/rules.json", s.id)).await;
    let api = b
        .get(&format!("/api/v1/competitions/{}/results", s.id))
        .await
        .json();
    assert_eq!(results.status, Status::Ok);
    let sha = sha256_hex(&results.body);
    assert_eq!(api["results_sha256"], sha.as_str());
    assert_eq!(results.header("X-Results-SHA256"), Some(sha.as_str()));
    assert_eq!(api["rules_sha256"], sha256_hex(&rules.body).as_str());
    let doc = ResultsDoc::parse(&results.body).unwrap();
    assert_eq!(
        api["results"],
        serde_json::from_str::<Value>(&results.body).unwrap()
    );
    assert_eq!(doc.rules_sha256, sha256_hex(&rules.body));
    let rules = RulesDoc::parse(&rules.body).unwrap();
    assert_eq!(
        doc.recompute(&rules).unwrap(),
        doc.outcome,
        "recomputed exactly"
    );
    // The expected outcome: medians 22, 21.5, 19 (partial: 52 000 of 99 000), 12.
    let regs: Vec<&str> = s.applicants.iter().map(|a| a.reg.as_str()).collect();
    let o = &doc.outcome.proposals;
    let ranked: Vec<(&str, Option<u32>, i64)> = o
        .iter()
        .take(4)
        .map(|r| (r.registration_number.as_str(), r.rank, r.awarded))
        .collect();
    assert_eq!(
        ranked,
        vec![
            (regs[1], Some(1), 9_900_000),
            (regs[0], Some(2), 9_900_000),
            (regs[2], Some(3), 5_200_000),
            (regs[3], Some(4), 0),
        ]
    );
    assert!(o[0].flags.divergent && !o[1].flags.divergent);
    assert_eq!(doc.outcome.fund_remaining, 0);
}

#[rocket::async_test]
async fn both_360giving_packages_validate_and_name_the_grants() {
    let app = crate::applications_support::app().await;
    let (s, _) = published(&app).await;
    let b = app.browser();
    let one = b
        .get(&format!("/competitions/{}/360giving.json", s.id))
        .await
        .json();
    let all = b.get("/open-data/360giving.json").await.json();
    validate_360giving(&one);
    validate_360giving(&all);
    assert_eq!(one["grants"], all["grants"]);
    let grants = one["grants"].as_array().unwrap();
    assert_eq!(grants.len(), 3, "awarded proposals only");
    // In registration order: the second applicant ranked first.
    let g = &grants[1];
    assert_eq!(
        g["id"],
        format!("360G-konkurs-{}", s.applicants[1].reg).as_str()
    );
    assert_eq!(g["currency"], "UAH");
    assert_eq!(g["amountAwarded"], serde_json::json!(99000.0));
    assert_eq!(grants[2]["amountAwarded"], serde_json::json!(52000.0));
    assert_eq!(g["fromOpenCall"], "Yes");
    assert!(g["recipientOrganization"][0]["id"]
        .as_str()
        .unwrap()
        .starts_with("UA-EDR-"));
    assert_eq!(
        g["grantProgramme"][0]["url"],
        format!("http://konkurs.test/competitions/{}", s.id).as_str()
    );
    assert_eq!(g["additional_data"]["konkurs"]["rank"], 1);
    // The whole funnel: every proposal, with scores, in funnel.json.
    let funnel = b
        .get(&format!("/competitions/{}/funnel.json", s.id))
        .await
        .json();
    let statuses: Vec<&str> = funnel["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        vec![
            "admitted",
            "admitted",
            "admitted",
            "admitted",
            "not_admitted",
            "withdrawn"
        ]
    );
    assert_eq!(
        funnel["proposals"][1]["scores"].as_array().unwrap().len(),
        3
    );
}

#[rocket::async_test]
async fn the_csv_files_have_their_columns_and_a_row_per_item() {
    let app = crate::applications_support::app().await;
    let (s, _) = published(&app).await;
    let b = app.browser();
    let res = b
        .get(&format!("/competitions/{}/proposals.csv", s.id))
        .await;
    assert!(res.header("Content-Type").unwrap().starts_with("text/csv"));
    let mut r = csv::Reader::from_reader(res.body.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, konkurs::publication::tables::PROPOSAL_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6, "every submitted proposal, every status");
    assert_eq!(&rows[1][0], s.applicants[1].reg.as_str());
    assert_eq!(
        (&rows[1][6], &rows[1][7], &rows[1][8]),
        ("99000.00", "1", "22.00")
    );
    assert_eq!(&rows[4][4], "not_admitted");
    assert_eq!(rows[4][5], format!("budget_rules: {NOT_ADMITTED_TEXT}"));
    assert_eq!(&rows[5][4], "withdrawn");

    let res = b.get(&format!("/competitions/{}/scores.csv", s.id)).await;
    let mut r = csv::Reader::from_reader(res.body.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, konkurs::publication::tables::SCORE_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    // 2 criteria × (2 jurors on the first proposal, one recused; 3 on the others).
    assert_eq!(rows.len(), 2 * (2 + 3 + 3 + 3));
    assert_eq!(&rows[0][1], JURY[0].0);
    assert_eq!(&rows[0][3], "Актуальність");
    assert_eq!((&rows[0][4], &rows[0][5]), ("1", "9"));
}
