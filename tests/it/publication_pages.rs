//! The public results page and proposal pages after publication: read only
//! from the frozen documents, with the rating, every juror's scores, the
//! jury, the COI register, hashes, charts and the timeline.

use crate::publication_seed::*;

#[rocket::async_test]
async fn the_results_page_shows_the_whole_evaluation() {
    let app = crate::applications_support::app().await;
    let (s, doc) = published(&app).await;
    let (sha, _) = doc.freeze().unwrap();
    let res = app
        .browser()
        .get(&format!("/competitions/{}/results", s.id))
        .await;
    assert_eq!(res.status, rocket::http::Status::Ok);
    let page = res.html();
    let regs: Vec<String> = s.applicants.iter().map(|a| a.reg.clone()).collect();
    let rows = page.texts("#rating tbody tr");
    assert_eq!(rows.len(), 4, "admitted proposals");
    assert!(
        rows[0].starts_with('1') && rows[0].contains(&regs[1]),
        "{}",
        rows[0]
    );
    assert!(rows[0].contains("Розбіжність оцінок"), "divergent flag");
    assert!(rows[0].contains("Пройшла прохідний бал"));
    assert!(rows[0].contains("22,00"), "aggregate: {}", rows[0]);
    assert!(
        rows[1].contains("Самовідвід"),
        "the recused juror: {}",
        rows[1]
    );
    assert!(
        rows[1].contains("23") && rows[1].contains("9 / 5"),
        "juror total and points"
    );
    assert!(rows[2].contains("Профінансовано частково"), "{}", rows[2]);
    assert!(rows[3].contains("Нижче прохідного балу"));
    let heads = page.texts("#rating thead th");
    for (name, _) in JURY {
        assert!(heads.iter().any(|h| h == name), "juror column {name}");
    }
    let not_admitted = page.text("#not-admitted-list");
    assert!(
        not_admitted.contains(&regs[4])
            && not_admitted.contains("Кошторис не відповідає умовам конкурсу")
            && not_admitted.contains(NOT_ADMITTED_TEXT),
        "{not_admitted}"
    );
    assert!(page.text("#withdrawn").contains('1'));
    assert_eq!(page.count("#jury-list li"), 3);
    let coi = page.texts("#coi-register tbody tr");
    assert_eq!(coi.len(), 1);
    assert!(
        coi[0].contains(JURY[2].0) && coi[0].contains(&regs[0]) && coi[0].contains("автоматичний")
    );
    assert_eq!(page.text("#results-sha256"), sha);
    assert_eq!(
        page.count("figure.chart"),
        2,
        "score distribution and fund split"
    );
    assert!(
        page.text("figure.chart:nth-of-type(2)")
            .contains("Залишок фонду")
            || page
                .texts("figure.chart table")
                .iter()
                .any(|t| t.contains("Залишок фонду"))
    );
    assert!(page
        .text("#history + .timeline")
        .contains("Результати оприлюднено"));
    assert_eq!(page.count("#open-data a"), 8);
}

#[rocket::async_test]
async fn a_proposal_page_shows_its_budget_scores_and_document_hashes() {
    let app = crate::applications_support::app().await;
    let (s, _) = published(&app).await;
    let a = &s.applicants[0];
    let b = app.browser();
    let page = b
        .get(&format!("/competitions/{}/proposals/{}", s.id, a.reg))
        .await
        .html();
    assert_eq!(page.text("h1"), "Молодіжні лабораторії громад");
    assert!(page.text("#awarded").contains("99"));
    assert_eq!(page.count("#budget tbody tr"), 2);
    assert!(page.text("#budget tfoot").contains("110"));
    let rows = page.texts("#scores tbody tr");
    assert_eq!(rows.len(), 2, "one row per criterion");
    assert!(
        rows[0].contains('9') && rows[0].contains("Самовідвід"),
        "{}",
        rows[0]
    );
    let docs = page.texts("#documents tbody tr");
    assert_eq!(docs.len(), 1);
    assert_eq!(
        docs[0].split_whitespace().last().unwrap().len(),
        64,
        "SHA-256"
    );
    assert_eq!(page.count("#documents a"), 0, "files are not public");
    assert!(page.text("#why").contains("Профінансовано"));
    // The same page by proposal ID; a not-admitted proposal has its reason.
    let by_id = b
        .get(&format!("/competitions/{}/proposals/{}", s.id, a.proposal))
        .await;
    assert_eq!(by_id.html().text("h1"), "Молодіжні лабораторії громад");
    let na = b
        .get(&format!(
            "/competitions/{}/proposals/{}",
            s.id, s.applicants[4].reg
        ))
        .await
        .html();
    let outcome = na.text("#outcome");
    assert!(
        outcome.contains("Кошторис не відповідає умовам конкурсу")
            && outcome.contains(NOT_ADMITTED_TEXT),
        "{outcome}"
    );
}
