//! Closing the review, the deliberation rating, overrides and finalization
//! (issue 6, items 6 and 8), on the seeded fixture of `verdict_seed`.

use diesel::prelude::*;
use rocket::http::Status;

use crate::applications_support as aps;
use crate::competitions_support::{self as cs, audit_actions, flash_after};
use crate::verdict_seed::{in_review, Seed};
use konkurs::competitions::rules::RulesDoc;
use konkurs::competitions::{model, State};
use konkurs::db::schema::{competition_results as cr, review_closures as rc};
use konkurs::review::document::ResultsDoc;

fn plain(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
}

async fn closure(
    app: &crate::support::TestApp,
    seed: &Seed<'_>,
) -> Option<(Option<String>, String)> {
    let id = seed.comp.clone();
    app.db()
        .run(move |c| {
            Ok(rc::table
                .find(&id)
                .select((rc::reason, rc::missing_json))
                .first(c)
                .optional()?)
        })
        .await
        .unwrap()
}

#[rocket::async_test]
async fn closing_early_needs_a_reason_that_names_the_missing_scores() {
    let app = aps::app().await;
    let seed = in_review(&app).await;
    seed.score_fixture(&app, false).await;
    let (reg4, close) = (seed.proposals[3].1.clone(), seed.url("/review/close"));
    // The page lists the missing assignment: juror 3 on P4.
    let page = seed.ob.get(&close).await;
    assert_eq!(page.status, Status::Ok);
    let rows = page.html().texts("#missing tbody tr");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(
        rows[0].contains("Vasyl Juror") && rows[0].contains(&reg4),
        "{rows:?}"
    );
    // The generic step refuses: scores are missing.
    let res = seed.ob.submit(&seed.url("/steps/deliberation"), &[]).await;
    assert!(flash_after(&seed.ob, &res).await.contains("Не всі"));
    // A blank reason: the form again with an inline error; nothing moves.
    let res = seed.ob.submit(&close, &[("reason", "  ")]).await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    let html = res.html();
    assert!(html.text("#reason-error").contains("Вкажіть"));
    assert_eq!(html.count(".error-summary a[href='#reason']"), 1);
    assert_eq!(cs::load(&app, &seed.comp).await.state, State::Review);
    assert_eq!(closure(&app, &seed).await, None);
    // With a reason: deliberation, the closure stored with what was missing.
    seed.close_early().await;
    assert_eq!(cs::load(&app, &seed.comp).await.state, State::Deliberation);
    let (reason, missing) = closure(&app, &seed).await.expect("closure stored");
    assert_eq!(reason.as_deref(), Some("Строк оцінювання минув"));
    let missing: serde_json::Value = serde_json::from_str(&missing).unwrap();
    assert_eq!(
        missing,
        serde_json::json!([{"juror": "Експерт 3", "registration_number": reg4}])
    );
    assert!(audit_actions(&app, &seed.comp)
        .await
        .ends_with(&["competition.deliberation_started".to_string()]));
    let entry = app
        .db()
        .run({
            let id = seed.comp.to_string();
            move |c| {
                konkurs::audit::list(
                    c,
                    &konkurs::audit::ListFilter {
                        competition_id: Some(id),
                        before_seq: None,
                        limit: 1,
                    },
                )
            }
        })
        .await
        .unwrap()
        .remove(0);
    assert!(
        entry.details.contains("Строк оцінювання минув"),
        "{}",
        entry.details
    );
    assert!(!entry.public, "the reason is published with the results");
    // Closing twice is refused.
    let res = seed.ob.submit(&close, &[("reason", "ще раз")]).await;
    assert!(flash_after(&seed.ob, &res)
        .await
        .contains("лише під час оцінювання"));
}

#[rocket::async_test]
async fn closing_a_complete_review_needs_no_reason() {
    let app = aps::app().await;
    let seed = in_review(&app).await;
    // Not before everything is in: the rating is not shown during review.
    let res = seed.ob.get(&seed.url("/deliberation")).await;
    assert!(flash_after(&seed.ob, &res)
        .await
        .contains("після завершення"));
    seed.score_fixture(&app, true).await;
    let page = seed.ob.get(&seed.url("/review/close")).await.html();
    assert_eq!(page.count("#missing"), 0);
    assert_eq!(page.count("textarea#reason"), 0);
    let res = seed
        .ob
        .submit(&seed.url("/review/close"), &[("reason", "")])
        .await;
    assert_eq!(res.location(), seed.url("/deliberation"));
    assert_eq!(cs::load(&app, &seed.comp).await.state, State::Deliberation);
    assert_eq!(closure(&app, &seed).await, Some((None, "[]".to_string())));
}

#[rocket::async_test]
async fn the_rating_matches_the_hand_computed_fixture() {
    let app = aps::app().await;
    let seed = in_review(&app).await;
    seed.score_fixture(&app, false).await;
    seed.close_early().await;
    let page = seed.ob.get(&seed.url("/deliberation")).await;
    assert_eq!(page.status, Status::Ok);
    let html = page.html();
    let regs: Vec<String> = html.texts("#rating tbody td.number");
    let expected: Vec<String> = seed.proposals.iter().map(|p| p.1.clone()).collect();
    assert_eq!(regs, expected, "ranked by mean: 22, 19, 16.66, 10.5");
    assert_eq!(html.texts("#rating td.rank"), ["1", "2", "3", "4"]);
    assert_eq!(
        html.texts("#rating td.aggregate"),
        ["22,00", "19,00", "16,66", "10,50"]
    );
    let row = |i: usize, cell: &str| {
        plain(&html.text(&format!("tr#p-{} td.{cell}", seed.proposals[i].1)))
    };
    assert_eq!(
        row(0, "totals"),
        "Експерт 1: 25 Експерт 2: 20 Експерт 3: 21"
    );
    assert_eq!(
        row(1, "totals"),
        "Експерт 1: 25 Експерт 2: 13",
        "the recused juror is not counted"
    );
    assert_eq!(row(0, "flags"), "");
    assert!(
        row(1, "flags").contains("розбіжність оцінок"),
        "spread 12 > 8"
    );
    assert!(row(3, "flags").contains("нижче прохідного балу"));
    assert!(row(3, "flags").contains("не всі оцінки"));
    assert_eq!(row(0, "awarded"), "150 000,00 грн");
    assert_eq!(row(1, "awarded"), "0,00 грн");
    assert!(
        row(1, "why").contains("пропущено"),
        "skip: 100 000 needed, 50 000 left"
    );
    assert_eq!(row(2, "awarded"), "40 000,00 грн", "the next one that fits");
    assert!(row(3, "why").contains("10,50"));
    assert_eq!(plain(&html.text("#fund-used")), "190 000,00 грн");
    assert_eq!(plain(&html.text("#fund-remaining")), "10 000,00 грн");
    assert!(html.text("#early-close").contains("Строк оцінювання минув"));
    // The manage page links to the rating.
    let manage = seed.ob.get(&seed.url("")).await.html();
    assert_eq!(
        manage.count(&format!("a[href='{}']", seed.url("/deliberation"))),
        1
    );
}

#[rocket::async_test]
async fn overrides_need_a_reason_and_respect_request_cap_and_fund() {
    let app = aps::app().await;
    let seed = in_review(&app).await;
    seed.score_fixture(&app, false).await;
    seed.close_early().await;
    let form = |i: usize| seed.url(&format!("/deliberation/{}/override", seed.proposals[i].0));
    assert_eq!(seed.ob.get(&form(1)).await.status, Status::Ok);
    let post = |i: usize, action: &'static str, amount: &'static str, reason: &'static str| {
        let path = form(i);
        let ob = &seed.ob;
        async move {
            ob.submit(
                &path,
                &[("action", action), ("amount", amount), ("reason", reason)],
            )
            .await
        }
    };
    let error = |res: crate::support::TestResponse, field: &str| {
        assert_eq!(res.status, Status::UnprocessableEntity, "{}", res.body);
        res.html().text(&format!("#{field}-error"))
    };
    assert!(error(post(1, "award", "5 000", "").await, "reason").contains("обґрунтування"));
    assert!(error(post(1, "", "", "Причина").await, "action").contains("Оберіть"));
    assert!(error(post(1, "award", "0", "Причина").await, "amount").contains("більшою за нуль"));
    assert!(error(post(1, "award", "100 000,01", "Причина").await, "amount").contains("запитану"));
    assert!(error(post(1, "award", "12,345", "Причина").await, "amount").contains("двох"));
    // 150 000 + 40 000 + 20 000 > 200 000.
    assert!(error(post(1, "award", "20 000", "Причина").await, "amount").contains("фонд"));
    // Below the pass mark: cannot be funded.
    assert!(error(post(3, "award", "1 000", "Причина").await, "action").contains("прохідного"));
    assert!(overrides(&app, &seed).await.is_empty(), "nothing stored");
    // Within the fund: stored, shown with the reason, audited.
    let res = post(1, "award", "10 000", "Частково: решту покриває інший донор").await;
    assert!(flash_after(&seed.ob, &res).await.contains("збережено"));
    let html = seed.ob.get(&seed.url("/deliberation")).await.html();
    let reg2 = &seed.proposals[1].1;
    assert_eq!(
        plain(&html.text(&format!("tr#p-{reg2} td.awarded"))),
        "10 000,00 грн"
    );
    assert!(html
        .text(&format!("tr#p-{reg2} td.why"))
        .contains("решту покриває інший донор"));
    assert!(html
        .text(&format!("tr#p-{reg2} td.flags"))
        .contains("рішення організатора"));
    assert_eq!(plain(&html.text("#fund-remaining")), "0,00 грн");
    // Exclude P1, then remove that override again (both audited).
    let res = post(0, "exclude", "", "Організація відмовилася від гранту").await;
    assert_eq!(res.status, Status::SeeOther);
    assert_eq!(overrides(&app, &seed).await.len(), 2);
    let res = seed.ob.submit(&format!("{}/remove", form(0)), &[]).await;
    assert!(flash_after(&seed.ob, &res).await.contains("скасовано"));
    assert_eq!(overrides(&app, &seed).await.len(), 1);
    let actions = audit_actions(&app, &seed.comp).await;
    assert_eq!(
        actions[actions.len() - 3..],
        [
            "competition.override_set",
            "competition.override_set",
            "competition.override_removed"
        ]
    );
}

async fn overrides(app: &crate::support::TestApp, seed: &Seed<'_>) -> Vec<String> {
    let id = seed.comp.clone();
    app.db()
        .run(move |c| konkurs::review::results_build::overrides(c, &id))
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.reason)
        .collect()
}

#[rocket::async_test]
async fn finalizing_freezes_a_reproducible_document() {
    let app = aps::app().await;
    let seed = in_review(&app).await;
    seed.score_fixture(&app, false).await;
    seed.close_early().await;
    let override_path = seed.url(&format!("/deliberation/{}/override", seed.proposals[1].0));
    let fields = [
        ("action", "award"),
        ("amount", "10 000"),
        ("reason", "Рішення комісії"),
    ];
    assert_eq!(
        seed.ob.submit(&override_path, &fields).await.status,
        Status::SeeOther
    );
    app.clock.set(cs::utc("2027-02-20 09:00"));
    cs::relogin(&seed.ob, &seed.organizer).await;
    let res = seed.ob.submit(&seed.url("/finalize"), &[]).await;
    assert!(flash_after(&seed.ob, &res).await.contains("затверджено"));
    let id = seed.comp.clone();
    let (document, sha, rules) = app
        .db()
        .run(move |c| {
            let (d, s): (String, String) = cr::table
                .find(&id)
                .select((cr::document, cr::sha256))
                .first(c)?;
            Ok((d, s, model::rules_json(c, &id)?.unwrap()))
        })
        .await
        .unwrap();
    assert_eq!(konkurs::audit::sha256_hex(&document), sha);
    let doc = ResultsDoc::parse(&document).unwrap();
    assert_eq!(doc.freeze().unwrap(), (sha.clone(), document.clone()));
    let rules = RulesDoc::parse(&rules).unwrap();
    assert_eq!(doc.recompute(&rules).unwrap(), doc.outcome);
    assert_eq!(doc.overrides.len(), 1);
    assert_eq!(doc.outcome.total_awarded, 20_000_000);
    assert_eq!(
        doc.review.early_close_reason.as_deref(),
        Some("Строк оцінювання минув")
    );
    assert_eq!(doc.proposals.len(), 4);
    assert_eq!(doc.jury.len(), 3);
    assert!(doc.finalized_at.starts_with("2027-02-20T11:00:00+02:00"));
    // The page shows the hash and links to the exact bytes.
    let html = seed.ob.get(&seed.url("/deliberation")).await.html();
    assert_eq!(html.text("#results-sha256"), sha);
    assert_eq!(html.count("#rating a"), 0, "no more override links");
    let download = seed.ob.get(&seed.url("/results.json")).await;
    assert_eq!(download.status, Status::Ok);
    assert_eq!(download.body, document);
    assert_eq!(download.header("X-Results-SHA256"), Some(sha.as_str()));
    // Afterwards nothing changes.
    let res = seed
        .ob
        .submit(
            &override_path,
            &[("action", "exclude"), ("amount", ""), ("reason", "Пізно")],
        )
        .await;
    assert!(flash_after(&seed.ob, &res)
        .await
        .contains("вже затверджено"));
    let res = seed
        .ob
        .submit(&format!("{override_path}/remove"), &[])
        .await;
    assert!(flash_after(&seed.ob, &res)
        .await
        .contains("вже затверджено"));
    let res = seed.ob.submit(&seed.url("/finalize"), &[]).await;
    assert!(flash_after(&seed.ob, &res)
        .await
        .contains("вже затверджено"));
    assert_eq!(overrides(&app, &seed).await, ["Рішення комісії"]);
    let actions = audit_actions(&app, &seed.comp).await;
    assert_eq!(
        actions.last().map(String::as_str),
        Some("competition.results_finalized")
    );
}
