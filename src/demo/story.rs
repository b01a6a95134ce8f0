//! The demo's four competitions, told in order.

use chrono::Datelike;

use super::call::{self, Account, CallSpec};
use super::data;
use super::env::Env;
use super::jury::{self, Seat};
use super::verdict;
use super::DemoError;
use crate::accounts::model::Role;
use crate::applications::ProposalId;
use crate::competitions::CompetitionId;

pub const ORGANIZER_EMAIL: &str = "organizer@demo.konkurs.example";

/// What was seeded: accounts to sign in with and the competitions.
#[derive(Debug)]
pub struct Report {
    pub password: String,
    pub organizer: Account,
    pub jurors: Vec<Account>,
    pub applicants: Vec<Account>,
    pub published: CompetitionId,
    pub in_review: CompetitionId,
    pub open: CompetitionId,
    pub announced: CompetitionId,
}

/// Requested amounts (UAH) of the published competition's proposals:
/// varied, all within the 500 000 cap.
fn requested_uah(n: usize) -> i64 {
    120_000 + ((n * 37) % 29) as i64 * 12_000
}

pub async fn seed(env: &Env, password: &str) -> Result<Report, DemoError> {
    let taken = env
        .db
        .run(|c| Ok(crate::accounts::model::find_by_email(c, ORGANIZER_EMAIL)?.is_some()))
        .await?;
    if taken {
        return Err(DemoError::Refused(format!(
            "this database already holds the demo ({ORGANIZER_EMAIL} exists); seed it into an empty database"
        )));
    }
    let organizer = call::account(
        env,
        ORGANIZER_EMAIL,
        "Мінмолодьспорт: Оксана Гриценко",
        password,
        Some(Role::Organizer),
    )
    .await?;
    let mut jurors = vec![];
    for i in 0..5 {
        jurors.push(
            call::account(
                env,
                &format!("juror{}@demo.konkurs.example", i + 1),
                &data::person(100 + i),
                password,
                None,
            )
            .await?,
        );
    }
    let ngos = data::ngos(44);
    let mut applicants = vec![];
    let mut orgs = vec![];
    for (i, n) in ngos.iter().enumerate() {
        let a = call::account(
            env,
            &format!("ngo{:02}@demo.konkurs.example", i + 1),
            &data::person(i),
            password,
            None,
        )
        .await?;
        orgs.push(call::ngo(env, &a, n, i).await?);
        applicants.push(a);
    }

    // 1. Published: the whole story, about 40 proposals.
    let published_spec = CallSpec {
        title_uk: "Громадянська участь 2026",
        title_en: "Civic participation 2026",
        description: "Конкурс з визначення програм (проєктів), розроблених інститутами громадянського суспільства, для виконання (реалізації) яких надається фінансова підтримка з державного бюджету.",
        fund_uah: 4_800_000,
        cap_uah: 500_000,
        created: env.ago(190, 8),
        opens: env.ago(180, 7),
        closes: env.ago(140, 15),
        review_from: env.ago(135, 8),
        review_until: env.ago(110, 8),
        results_on: env.ago(100, 8),
        aggregation: "mean",
        publish_names: false,
    };
    let published = call::announce(env, &organizer, &published_spec).await?;
    let year = (env.now.year()) as i32;
    let mut submitted: Vec<ProposalId> = vec![];
    for i in 0..40 {
        let input = call::proposal_input(i, i % 3, ngos[i].city, requested_uah(i), year);
        let at = env.ago(150 - (i as i64 % 9), 10 + (i as u32 % 6));
        submitted.push(call::apply(env, &applicants[i], &published, &orgs[i], input, at).await?);
    }
    let rejected = vec![
        (
            submitted[7].clone(),
            "missing_documents",
            "Кошторис не підписано керівником організації.",
        ),
        (
            submitted[23].clone(),
            "outside_priorities",
            "Заходи проєкту не стосуються жодного з пріоритетів конкурсу.",
        ),
    ];
    let admitted: Vec<ProposalId> = submitted
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 7 && *i != 23)
        .map(|(_, id)| id.clone())
        .collect();
    call::admissibility(
        env,
        &organizer,
        &published,
        &admitted,
        &rejected,
        env.ago(138, 9),
    )
    .await?;
    // Five jurors; the third once sat on the board of the sixth NGO, which
    // applied: the assignment recuses them from it automatically.
    let roles = ["chair", "secretary", "member", "member", "member"];
    let seats: Vec<Seat> = jurors
        .iter()
        .zip(roles)
        .enumerate()
        .map(|(j, (account, role))| Seat {
            account,
            role,
            affiliations: if j == 2 {
                vec![ngos[5].edrpou.clone()]
            } else {
                vec![]
            },
        })
        .collect();
    jury::seat(env, &organizer, &published, &seats, env.ago(139, 9)).await?;
    jury::start(env, &organizer, &published, env.ago(136, 9)).await?;
    let criteria = criteria_of(env, &published).await?;
    let index_of = |id: &ProposalId| submitted.iter().position(|p| p == id).unwrap_or(0);
    for (j, juror) in jurors.iter().enumerate() {
        for a in jury::assignments(env, juror, &published).await? {
            let i = index_of(&a.proposal_id);
            let at = env.ago(130 - (j as i64 * 3) - (i as i64 % 5), 11);
            if a.coi != "pending" {
                continue; // recused automatically
            }
            if j == 3 && i == 12 {
                jury::declare(
                    env,
                    juror,
                    &a,
                    "potential",
                    "Мій колишній студент — координатор цього проєкту.",
                    at,
                )
                .await?;
                continue;
            }
            jury::declare(env, juror, &a, "none", "", at).await?;
            let points = points_for(i, j, criteria.len());
            jury::score(
                env,
                juror,
                &a.proposal_id,
                &criteria,
                &points,
                comment_for(&points),
                true,
                at,
            )
            .await?;
        }
    }

    verdict::close(env, &organizer, &published, env.ago(112, 10)).await?;
    verdict::override_one(env, &organizer, &published, env.ago(108, 12)).await?;
    verdict::finalize_and_publish(
        env,
        &organizer,
        &published,
        env.ago(104, 15),
        env.ago(100, 10),
    )
    .await?;

    // 2. In review: a dozen proposals, scoring under way.
    let review_spec = CallSpec {
        title_uk: "Відкрита влада громад 2026",
        title_en: "Open local government 2026",
        description: "Підтримка проєктів громадських організацій з відкритості органів місцевого самоврядування та електронної демократії.",
        fund_uah: 2_000_000,
        cap_uah: 300_000,
        created: env.ago(60, 8),
        opens: env.ago(55, 7),
        closes: env.ago(20, 15),
        review_from: env.ago(18, 8),
        review_until: env.ahead(10, 8),
        results_on: env.ahead(20, 8),
        aggregation: "median",
        publish_names: true,
    };
    let in_review = call::announce(env, &organizer, &review_spec).await?;
    let mut review_ids = vec![];
    for i in 0..12 {
        let k = 40 - 12 + i; // organizations 28..40
        let input = call::proposal_input(
            k,
            2 - i % 3,
            ngos[k].city,
            100_000 + (i as i64) * 15_000,
            year,
        );
        let at = env.ago(25 - (i as i64 % 4), 11);
        review_ids.push(call::apply(env, &applicants[k], &in_review, &orgs[k], input, at).await?);
    }
    call::admissibility(
        env,
        &organizer,
        &in_review,
        &review_ids,
        &[],
        env.ago(19, 9),
    )
    .await?;
    let seats: Vec<Seat> = jurors
        .iter()
        .take(3)
        .zip(["chair", "secretary", "member"])
        .enumerate()
        .map(|(j, (account, role))| Seat {
            account,
            role,
            // The member once worked for the first applicant: recused
            // from its proposal automatically.
            affiliations: if j == 2 {
                vec![ngos[28].edrpou.clone()]
            } else {
                vec![]
            },
        })
        .collect();
    jury::seat(env, &organizer, &in_review, &seats, env.ago(19, 12)).await?;
    jury::start(env, &organizer, &in_review, env.ago(18, 9)).await?;
    let criteria = criteria_of(env, &in_review).await?;
    for (j, juror) in jurors.iter().take(3).enumerate() {
        for a in jury::assignments(env, juror, &in_review).await? {
            let i = review_ids
                .iter()
                .position(|p| p == &a.proposal_id)
                .unwrap_or(0);
            // The chair is done, the secretary halfway (the rest still to
            // declare), the member has begun (two drafts).
            let (declare, submit) = match j {
                0 => (true, true),
                1 => (i < 6, true),
                _ => (i < 4, false),
            };
            if !declare || a.coi != "pending" {
                continue;
            }
            let at = env.ago(15 - (i as i64 % 6), 10 + j as u32);
            jury::declare(env, juror, &a, "none", "", at).await?;
            if j == 2 && i >= 2 {
                continue;
            }
            let points = points_for(i + 40, j, criteria.len());
            jury::score(
                env,
                juror,
                &a.proposal_id,
                &criteria,
                &points,
                comment_for(&points),
                submit,
                at,
            )
            .await?;
        }
    }

    // 3. Open for applications.
    let open_spec = CallSpec {
        title_uk: "Молодь змінює громади 2027",
        title_en: "Youth changing communities 2027",
        description: "Фінансова підтримка молодіжних ініціатив у громадах: освіта, волонтерство, участь у прийнятті рішень.",
        fund_uah: 3_000_000,
        cap_uah: 400_000,
        created: env.ago(15, 8),
        opens: env.ago(10, 7),
        closes: env.ahead(30, 15),
        review_from: env.ahead(32, 8),
        review_until: env.ahead(60, 8),
        results_on: env.ahead(70, 8),
        aggregation: "trimmed_mean",
        publish_names: true,
    };
    let open = call::announce(env, &organizer, &open_spec).await?;

    // 4. Announced, not yet open, with a public amendment.
    let announced_spec = CallSpec {
        title_uk: "Ветеранські ініціативи 2027",
        title_en: "Veterans' initiatives 2027",
        description:
            "Підтримка проєктів ветеранських організацій з реінтеграції ветеранів та їхніх родин.",
        fund_uah: 4_000_000,
        cap_uah: 450_000,
        created: env.ago(3, 8),
        opens: env.ahead(10, 7),
        closes: env.ahead(50, 15),
        review_from: env.ahead(52, 8),
        review_until: env.ahead(80, 8),
        results_on: env.ahead(90, 8),
        aggregation: "mean",
        publish_names: true,
    };
    let announced = call::announce(env, &organizer, &announced_spec).await?;
    call::clarify(
        env,
        &organizer,
        &announced,
        "Уточнено вимоги до кошторису: витрати на оплату праці не можуть перевищувати 60 % запитуваної суми.",
        env.ago(1, 10),
    )
    .await?;

    Ok(Report {
        password: password.to_string(),
        organizer,
        jurors,
        applicants,
        published,
        in_review,
        open,
        announced,
    })
}

/// The report as printed by `konkurs demo`.
pub fn describe(r: &Report) -> String {
    let mut out = String::from("Demo seeded. Every demo account has the same password:\n");
    out.push_str(&format!("  password: {}\n", r.password));
    out.push_str(&format!(
        "  organizer: {} ({})\n",
        r.organizer.email, r.organizer.name
    ));
    for j in &r.jurors {
        out.push_str(&format!("  juror:     {} ({})\n", j.email, j.name));
    }
    if let (Some(first), Some(last)) = (r.applicants.first(), r.applicants.last()) {
        out.push_str(&format!(
            "  NGOs:      {} … {} ({} accounts, each owns one NGO)\n",
            first.email,
            last.email,
            r.applicants.len()
        ));
    }
    out.push_str(&format!("Competitions:\n  published:  /competitions/{}\n  in review:  /competitions/{}\n  open:       /competitions/{}\n  announced:  /competitions/{}\n",
        r.published, r.in_review, r.open, r.announced));
    out
}

/// The competition's criterion IDs in their published order.
async fn criteria_of(env: &Env, comp: &CompetitionId) -> Result<Vec<String>, DemoError> {
    let comp = comp.clone();
    let rules = env
        .db
        .run(move |c| Ok(crate::competitions::service::frozen(c, &comp)?.rules))
        .await?;
    Ok(rules.criteria.iter().map(|c| c.id.to_string()).collect())
}

/// Juror `j`'s points (0..=10) for proposal `i` on each criterion: the
/// proposal's quality, the juror's leniency and a little noise. Juror 2
/// disagrees sharply on two proposals (juror 1 on one in review), so they
/// are flagged divergent.
fn points_for(i: usize, j: usize, criteria: usize) -> Vec<u32> {
    let quality = 3 + ((i * 7 + i / 3) % 7) as i64; // 3..=9
    let leniency = [0, 1, -1, 0, 1][j % 5];
    // In review, the secretary marks down the first proposal as harshly.
    let harsh = (j == 2 && (i == 3 || i == 17)) || (j == 1 && i == 40);
    (0..criteria)
        .map(|k| {
            let noise = ((i * 5 + j * 3 + k * 7) % 5) as i64 - 2; // -2..=2
            let p = if harsh {
                quality - 4 + noise
            } else {
                quality + leniency + noise
            };
            p.clamp(0, 10) as u32
        })
        .collect()
}

fn comment_for(points: &[u32]) -> &'static str {
    let avg = points.iter().sum::<u32>() / points.len().max(1) as u32;
    match avg {
        8.. => "Сильний проєкт: чіткі індикатори, реалістичний бюджет.",
        6..=7 => "Добрий проєкт; план заходів можна деталізувати.",
        _ => "Слабке обґрунтування потреби та бюджету.",
    }
}
