//! Amendments: only in the applicants' favour, always with a reason; public,
//! in the feed and the audit log; mailed to people with a proposal.

use std::sync::Arc;

use rocket::http::Status;

use crate::competitions_support::*;
use konkurs::competitions::amend::{self, Recipient};
use konkurs::competitions::model;
use konkurs::mail::MailRenderer;
use konkurs::web::lang::Lang;

fn amend_path(id: &konkurs::competitions::CompetitionId) -> String {
    format!("/organizer/competitions/{id}/amendments")
}

#[rocket::async_test]
async fn the_deadline_can_be_extended_but_never_shortened() {
    let app = app().await;
    let (_, b, id) = announced(&app).await;
    let before = load(&app, &id).await;
    for (new, reason, field, message) in [
        (
            "2027-02-09T18:00",
            "Прохання учасників",
            "new_closes_at",
            "Скорочувати строк не можна",
        ),
        (
            "2027-02-10T18:00",
            "Прохання учасників",
            "new_closes_at",
            "пізнішим за чинний (10.02.2027 18:00)",
        ),
        (
            "2027-03-28T03:30",
            "Прохання учасників",
            "new_closes_at",
            "Такого часу в Києві",
        ),
        ("2027-02-20T18:00", "   ", "reason", "Вкажіть причину"),
    ] {
        let fields = [
            ("kind", "extend_deadline"),
            ("new_closes_at", new),
            ("reason", reason),
        ];
        let res = b.submit(&amend_path(&id), &fields).await;
        assert_eq!(
            res.status,
            Status::UnprocessableEntity,
            "{new} / {reason:?}"
        );
        let html = res.html();
        assert!(
            html.text(&format!("#{field}-error")).contains(message),
            "{}",
            html.text("main")
        );
        assert_eq!(
            html.attr("#new_closes_at", "value").as_deref(),
            Some(new),
            "typed value kept"
        );
    }
    assert_eq!(
        load(&app, &id).await.closes_at,
        before.closes_at,
        "unchanged"
    );

    let fields = [
        ("kind", "extend_deadline"),
        ("new_closes_at", "2027-02-20T18:00"),
        ("reason", "Прохання учасників"),
    ];
    let res = b.submit(&amend_path(&id), &fields).await;
    assert!(flash_after(&b, &res).await.contains("Зміну оприлюднено"));
    assert_eq!(
        load(&app, &id).await.closes_at,
        Some(utc("2027-02-20 16:00"))
    );
    // The frozen document keeps the announced deadline; the hash does not move.
    assert_eq!(load(&app, &id).await.rules_sha256, before.rules_sha256);
    let page = app
        .browser()
        .get(&format!("/competitions/{id}"))
        .await
        .html();
    let history = page.text("#amendment-1");
    assert!(history.contains("Продовження строку подання"), "{history}");
    assert!(
        history.contains("10.02.2027 18:00") && history.contains("20.02.2027 18:00"),
        "{history}"
    );
    assert!(
        history.contains("Прохання учасників") && history.contains("Orest Organizer"),
        "{history}"
    );
    assert_eq!(
        audit_actions(&app, &id).await.last().map(String::as_str),
        Some("competition.amended")
    );
}

#[rocket::async_test]
async fn clarifications_and_fund_increases_are_public_and_fund_only_grows() {
    let app = app().await;
    let (_, b, id) = announced(&app).await;
    let res = b
        .submit(
            &amend_path(&id),
            &[
                ("kind", "increase_fund"),
                ("new_fund", "900 000"),
                ("reason", "Бюджет"),
            ],
        )
        .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert!(res
        .html()
        .text("#new_fund-error")
        .contains("більшим за чинний"));
    let res = b
        .submit(
            &amend_path(&id),
            &[
                ("kind", "clarification"),
                ("clarification", ""),
                ("reason", "Питання"),
            ],
        )
        .await;
    assert!(res
        .html()
        .text("#clarification-error")
        .contains("текст роз’яснення"));
    let res = b
        .submit(
            &amend_path(&id),
            &[
                ("kind", "increase_fund"),
                ("new_fund", "1 500 000"),
                ("reason", "Додаткове фінансування"),
            ],
        )
        .await;
    assert_eq!(res.status, Status::SeeOther);
    let res = b
        .submit(
            &amend_path(&id),
            &[
                ("kind", "clarification"),
                ("clarification", "Статут подається повністю."),
                ("reason", "Питання учасників"),
            ],
        )
        .await;
    assert_eq!(res.status, Status::SeeOther);
    assert_eq!(load(&app, &id).await.fund_kopiyky, Some(150_000_000));
    let page = app
        .browser()
        .get(&format!("/competitions/{id}"))
        .await
        .html();
    assert!(page.text("main").contains("1 500 000,00 грн"));
    assert!(page.text("#amendment-1").contains("1 000 000,00 грн"));
    assert!(page
        .text("#amendment-2")
        .contains("Статут подається повністю."));

    // The API lists both with their changed values.
    let api = app
        .browser()
        .get(&format!("/api/v1/competitions/{id}"))
        .await
        .json();
    let a = &api["amendments"];
    assert_eq!(a[0]["kind"], "increase_fund");
    assert_eq!(a[0]["fund_kopiyky"]["from"], 100_000_000);
    assert_eq!(a[0]["fund_kopiyky"]["to"], 150_000_000);
    assert_eq!(a[1]["kind"], "clarification");
    assert_eq!(a[1]["clarification"], "Статут подається повністю.");
    assert_eq!(a[1]["reason"], "Питання учасників");
    assert!(a[1]["at"]
        .as_str()
        .unwrap()
        .starts_with("2026-12-05T12:00:00"));
    assert_eq!(api["fund_kopiyky"], 150_000_000);
    assert_eq!(
        api["rules"]["fund_kopiyky"], 100_000_000,
        "the frozen rules keep the announced fund"
    );
    // And the feed has an entry per amendment.
    let feed = app.browser().get("/feed.atom").await.body;
    assert!(
        feed.contains(&format!("/competitions/{id}#amendment-1</id>")),
        "{feed}"
    );
    assert!(feed.contains(&format!("/competitions/{id}#amendment-2</id>")));
    assert!(feed.contains("Збільшення фонду: Молодь у громадах 2027"));
}

#[rocket::async_test]
async fn the_deadline_cannot_be_extended_once_it_has_passed() {
    let app = app().await;
    let (org, b, id) = announced(&app).await;
    app.clock.set(utc("2027-02-10 16:00"));
    relogin(&b, &org).await;
    let fields = [
        ("kind", "extend_deadline"),
        ("new_closes_at", "2027-02-20T18:00"),
        ("reason", "Запізно"),
    ];
    let res = b.submit(&amend_path(&id), &fields).await;
    assert!(flash_after(&b, &res).await.contains("строк уже минув"));
    assert_eq!(
        load(&app, &id).await.closes_at,
        Some(utc("2027-02-10 16:00"))
    );
    // A clarification is still possible, and drafts cannot be amended at all.
    let res = b
        .submit(
            &amend_path(&id),
            &[
                ("kind", "clarification"),
                ("clarification", "Текст"),
                ("reason", "Питання"),
            ],
        )
        .await;
    assert!(flash_after(&b, &res).await.contains("Зміну оприлюднено"));
    let draft = create_draft(&b, &complete_fields()).await;
    let res = b
        .submit(
            &amend_path(&draft),
            &[
                ("kind", "clarification"),
                ("clarification", "Текст"),
                ("reason", "Питання"),
            ],
        )
        .await;
    assert!(flash_after(&b, &res).await.contains("лише до оголошеного"));
}

#[rocket::async_test]
async fn amendment_mails_go_through_the_outbox_in_each_recipients_language() {
    let app = app().await;
    let (_, b, id) = announced(&app).await;
    let fields = [
        ("kind", "extend_deadline"),
        ("new_closes_at", "2027-02-20T18:00"),
        ("reason", "Прохання учасників"),
    ];
    assert_eq!(
        b.submit(&amend_path(&id), &fields).await.status,
        Status::SeeOther
    );
    // No proposals exist yet, so nobody is on the list …
    let key = id.clone();
    let nobody = app
        .db()
        .run(move |c| amend::amendment_recipients(c, &key))
        .await
        .unwrap();
    assert!(nobody.is_empty());
    // … and the notice itself renders and queues for whoever is.
    let renderer = app
        .client
        .rocket()
        .state::<Arc<MailRenderer>>()
        .unwrap()
        .clone();
    let people = [
        ("olena@example.org", Lang::Uk),
        ("john@example.org", Lang::En),
    ];
    let recipients: Vec<_> = people
        .iter()
        .map(|(email, lang)| Recipient {
            user_id: konkurs::db::ids::UserId::new(),
            email: email.to_string(),
            name: "Олена".into(),
            lang: *lang,
        })
        .collect();
    let (now, key) = (app.now(), id.clone());
    app.db()
        .write(move |c| {
            let comp = model::find(c, &key)?.unwrap();
            let (a, _) = model::amendments(c, &key)?.remove(0);
            konkurs::competitions::notify::amendment(c, now, &renderer, &comp, &a, &recipients)
        })
        .await
        .unwrap();
    let uk = app.mails_to("olena@example.org").await;
    assert_eq!(uk.len(), 1);
    assert_eq!(uk[0].subject, "Зміна в конкурсі «Молодь у громадах 2027»");
    assert!(
        uk[0]
            .body_text
            .contains("10.02.2027 18:00 → 20.02.2027 18:00"),
        "{}",
        uk[0].body_text
    );
    assert!(uk[0].body_text.contains(&format!(
        "http://konkurs.test/competitions/{id}#amendment-1"
    )));
    let en = app.mails_to("john@example.org").await;
    assert!(
        en[0].subject.contains("Youth in communities 2027"),
        "{}",
        en[0].subject
    );
    assert!(en[0].body_text.contains("Deadline extended"));
}
