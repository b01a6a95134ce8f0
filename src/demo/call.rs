//! The call for proposals, as the services see it: organizer and applicant
//! accounts, NGO profiles, competition drafts announced (and amended),
//! proposals drafted with budgets, PDFs uploaded, submitted, and decided
//! on admissibility.

use chrono::NaiveDateTime;

use super::data::{self, Ngo};
use super::env::{kyiv_day, kyiv_input, organizer, person, Env};
use super::DemoError;
use crate::accounts::model::Role;
use crate::applications::forms::{ActivityRow, BudgetRow, ProposalInput, ResultRow};
use crate::applications::{admissibility, documents, service as proposals, submit, ProposalId};
use crate::competitions::forms::{CriterionRow, DocumentRow, DraftInput};
use crate::competitions::{lifecycle, service as competitions, CompetitionId};
use crate::db::ids::UserId;
use crate::organizations::forms::ProfileForm;
use crate::organizations::profile::{self, Created};

/// A demo account.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: UserId,
    pub email: String,
    pub name: String,
}

/// Creates a verified account (with an optional global role).
pub async fn account(
    env: &Env,
    email: &str,
    name: &str,
    password: &str,
    role: Option<Role>,
) -> Result<Account, DemoError> {
    let (e, n, p, at) = (
        email.to_string(),
        name.to_string(),
        password.to_string(),
        env.ago(400, 8),
    );
    let id = env
        .db
        .write(move |c| {
            crate::accounts::service::create_verified(c, at, &e, &n, &p, role)
                .map_err(crate::error::AppError::Internal)
        })
        .await?;
    Ok(Account {
        id,
        email: email.to_string(),
        name: name.to_string(),
    })
}

/// Creates an NGO profile owned by `owner`; returns its ID (as text).
pub async fn ngo(env: &Env, owner: &Account, n: &Ngo, index: usize) -> Result<String, DemoError> {
    let form = ProfileForm {
        csrf_token: String::new(),
        edrpou: n.edrpou.clone(),
        full_name: n.full_name.clone(),
        short_name: n.short_name.clone(),
        legal_form: n.legal_form.to_string(),
        registered_on: n.registered_on.clone(),
        oblast: n.oblast.to_string(),
        address: format!("м. {}, вул. Соборна, {}", n.city, 3 + index),
        email: format!("office{index:02}@ngo.demo.example"),
        phone: format!("+38044{:07}", 2_000_000 + index * 37),
        website: String::new(),
    };
    match profile::create(&env.db, env.ago(380, 9), owner.id.clone(), &form).await? {
        Created::Ok(id) => Ok(id.to_string()),
        Created::Invalid(e) => Err(DemoError::refused("organization", &e)),
        Created::Taken(t) => Err(DemoError::Refused(format!(
            "EDRPOU {} already belongs to {}: the demo was already seeded?",
            t.edrpou, t.name
        ))),
    }
}

/// What varies between the demo's competitions.
pub struct CallSpec {
    pub title_uk: &'static str,
    pub title_en: &'static str,
    pub description: &'static str,
    pub fund_uah: i64,
    pub cap_uah: i64,
    pub created: NaiveDateTime,
    pub opens: NaiveDateTime,
    pub closes: NaiveDateTime,
    pub review_from: NaiveDateTime,
    pub review_until: NaiveDateTime,
    pub results_on: NaiveDateTime,
    pub aggregation: &'static str,
    pub publish_names: bool,
}

pub const PRIORITIES: [&str; 3] = [
    "Громадянська освіта та медіаграмотність",
    "Підтримка ветеранів, ВПО та постраждалих громад",
    "Відкритість влади та електронна демократія",
];

fn draft(s: &CallSpec) -> DraftInput {
    let mut d = DraftInput {
        title_uk: s.title_uk.into(),
        title_en: s.title_en.into(),
        description_uk: s.description.into(),
        description_en: String::new(),
        priorities: PRIORITIES.join("\n"),
        legal_order_number: "145-од".into(),
        legal_order_date: kyiv_day(s.created),
        org_forms: vec![
            "public_organization".into(),
            "charitable_organization".into(),
        ],
        min_months_registered: "12".into(),
        max_proposals_per_org: "1".into(),
        fund: s.fund_uah.to_string(),
        cap: s.cap_uah.to_string(),
        min_own_contribution_percent: "10".into(),
        opens_at: kyiv_input(s.opens),
        closes_at: kyiv_input(s.closes),
        review_from: kyiv_day(s.review_from),
        review_until: kyiv_day(s.review_until),
        results_on: kyiv_day(s.results_on),
        pass_mark: "60".into(),
        aggregation: s.aggregation.into(),
        divergence_threshold: "25".into(),
        tie_break: "criteria_in_order".into(),
        when_next_does_not_fit: "skip".into(),
        jury_mode: "whole_jury".into(),
        jurors_per_proposal: String::new(),
        publish_juror_names: s.publish_names,
        publish_comments: true,
        comments_required: false,
        open_defence: false,
        ..DraftInput::default()
    };
    let docs = [
        ("Статут організації", "Чинна редакція, скан-копія", true),
        ("Кошторис і календарний план", "Підписані керівником", true),
    ];
    for (i, (name, description, required)) in docs.into_iter().enumerate() {
        d.documents.insert(
            i,
            DocumentRow {
                name: name.into(),
                description: description.into(),
                required,
                max_size_mb: "10".into(),
            },
        );
    }
    let criteria = [
        ("Актуальність і відповідність пріоритету", 10, 3),
        ("Якість плану заходів", 10, 2),
        ("Обґрунтованість бюджету", 10, 2),
        ("Спроможність організації", 10, 2),
        ("Сталість результатів", 10, 1),
    ];
    for (i, (name, max, weight)) in criteria.into_iter().enumerate() {
        d.criteria.insert(
            i,
            CriterionRow {
                name: name.into(),
                description: String::new(),
                max_points: max.to_string(),
                weight: weight.to_string(),
            },
        );
    }
    d
}

/// Creates and announces a competition.
pub async fn announce(
    env: &Env,
    owner: &Account,
    spec: &CallSpec,
) -> Result<CompetitionId, DemoError> {
    let (actor, d, at) = (organizer(&owner.id), draft(spec), spec.created);
    env.db
        .write(move |c| {
            let id = match competitions::create_draft(c, at, &actor, &d)? {
                Ok(id) => id,
                Err(e) => return Ok(Err(DemoError::refused("competition draft", &e))),
            };
            match competitions::announce(c, at, &actor, &id)? {
                Ok(_) => Ok(Ok(id)),
                Err(inc) => Ok(Err(DemoError::refused("announcement", &inc.errors))),
            }
        })
        .await?
}

/// The `n`-th demo proposal under priority `priority` (0-based), asking
/// for `requested_uah` with a 10–20 % own contribution.
pub fn proposal_input(
    n: usize,
    priority: usize,
    city: &str,
    requested_uah: i64,
    year: i32,
) -> ProposalInput {
    let (title, summary, audience) = data::project(n, priority, city);
    // Own funds 12–20 % of the request: above the 10 % minimum share.
    let own = requested_uah * (12 + (n % 3) as i64 * 4) / 100;
    // Trainers' fees: six equal months.
    let staff = requested_uah * 6 / 10 / 6 * 6;
    let mut input = ProposalInput {
        title,
        summary,
        problem: format!("У громаді міста {city} бракує відкритих можливостей для участі мешканців у рішеннях; проєкт відповідає на цю потребу."),
        goals: "Залучити щонайменше 150 учасників, провести 6 заходів і оприлюднити звіт з відкритими даними.".into(),
        audience,
        regions: city.to_string(),
        priority: (priority + 1).to_string(),
        no_double_funding: true,
        ..ProposalInput::default()
    };
    let acts = [
        ("Підготовка та набір учасників", "03", "04"),
        ("Основні заходи", "05", "09"),
        ("Звіт і поширення результатів", "10", "11"),
    ];
    for (i, (name, from, to)) in acts.into_iter().enumerate() {
        input.activities.insert(
            i,
            ActivityRow {
                name: name.into(),
                starts_on: format!("{year}-{from}-01"),
                ends_on: format!("{year}-{to}-28"),
            },
        );
    }
    input.results.insert(
        0,
        ResultRow {
            result: "Учасники пройшли навчання".into(),
            indicator: "Кількість учасників".into(),
            target: "150".into(),
        },
    );
    input.results.insert(
        1,
        ResultRow {
            result: "Оприлюднено звіт".into(),
            indicator: "Звіт з відкритими даними".into(),
            target: "1".into(),
        },
    );
    let lines = [
        ("Оплата праці тренерів", "staff", "місяць", 6, staff, 0),
        (
            "Оренда приміщень і обладнання",
            "rent",
            "комплект",
            1,
            requested_uah - staff,
            own,
        ),
    ];
    for (i, (item, category, unit, qty, requested, own)) in lines.into_iter().enumerate() {
        input.budget.insert(
            i,
            BudgetRow {
                item: item.into(),
                category: category.into(),
                unit: unit.into(),
                quantity: qty.to_string(),
                unit_price: ((requested + own) / qty).to_string(),
                requested: requested.to_string(),
                own: own.to_string(),
            },
        );
    }
    input
}

/// Drafts, uploads and submits one proposal; returns its ID.
pub async fn apply(
    env: &Env,
    applicant: &Account,
    competition: &CompetitionId,
    org_id: &str,
    input: ProposalInput,
    at: NaiveDateTime,
) -> Result<ProposalId, DemoError> {
    let actor = person(&applicant.id);
    let (a, comp, org, inp) = (
        actor.clone(),
        competition.clone(),
        org_id.to_string(),
        input.clone(),
    );
    let id = env
        .db
        .write(move |c| {
            let id = proposals::create(c, at, &a, &comp, &org)?;
            let errors = proposals::save(c, at, &a, &id, &inp)?;
            Ok((id, errors))
        })
        .await?;
    let (id, errors) = id;
    if !errors.is_empty() {
        return Err(DemoError::refused("proposal", &errors));
    }
    let required = {
        let comp = competition.clone();
        env.db
            .run(move |c| Ok(crate::competitions::model::required_documents(c, &comp)?))
            .await?
    };
    for rd in required {
        let bytes = super::pdf::one_page(&[
            "Konkurs demo document",
            &format!("Proposal {}", id),
            "Document",
        ])
        .map_err(DemoError::Refused)?;
        let info = env
            .pdf
            .inspect(&bytes[..])
            .await
            .map_err(|e| DemoError::Refused(format!("demo PDF refused: {e:?}")))?;
        let stored = env
            .storage
            .put_stream(&mut &bytes[..], 10 * 1024 * 1024)
            .await
            .map_err(|e| DemoError::Refused(format!("storing the demo PDF: {e}")))?;
        let (a, i, r, s) = (actor.clone(), id.clone(), rd.id.clone(), stored.clone());
        let name = format!("{}.pdf", rd.name);
        env.db
            .write(move |c| documents::accept(c, at, &a, &i, &r, &s, &info, &name))
            .await?;
    }
    let (a, i, renderer) = (actor, id.clone(), env.renderer.clone());
    env.db
        .write(move |c| match submit::submit(c, at, &a, &renderer, &i)? {
            Ok(_) => Ok(Ok(())),
            Err(e) => Ok(Err(DemoError::refused("submission", &e))),
        })
        .await??;
    Ok(id)
}

/// Ends the call and decides admissibility: `rejected` get a reason.
pub async fn admissibility(
    env: &Env,
    owner: &Account,
    competition: &CompetitionId,
    admitted: &[ProposalId],
    rejected: &[(ProposalId, &'static str, &'static str)],
    at: NaiveDateTime,
) -> Result<(), DemoError> {
    let actor = organizer(&owner.id);
    let (a, comp) = (actor.clone(), competition.clone());
    env.db
        .write(move |c| lifecycle::start_admissibility(c, at, &a, &comp))
        .await?;
    let decisions: Vec<(ProposalId, &'static str, &'static str, &'static str)> = admitted
        .iter()
        .map(|id| (id.clone(), "admit", "", ""))
        .chain(
            rejected
                .iter()
                .map(|(id, reason, text)| (id.clone(), "reject", *reason, *text)),
        )
        .collect();
    for (id, decision, reason, text) in decisions {
        let (a, renderer) = (actor.clone(), env.renderer.clone());
        env.db
            .write(move |c| {
                match admissibility::decide(c, at, &a, &renderer, &id, decision, reason, text)? {
                    Ok(()) => Ok(Ok(())),
                    Err(e) => Ok(Err(DemoError::refused("admissibility decision", &e))),
                }
            })
            .await??;
    }
    Ok(())
}

/// Publishes a clarification of an announced competition.
pub async fn clarify(
    env: &Env,
    owner: &Account,
    competition: &CompetitionId,
    text: &str,
    at: NaiveDateTime,
) -> Result<(), DemoError> {
    let form = crate::competitions::forms::AmendForm {
        csrf_token: String::new(),
        kind: "clarification".into(),
        reason: "Запитання заявників на інформаційному семінарі".into(),
        new_closes_at: String::new(),
        new_fund: String::new(),
        clarification: text.into(),
    };
    let (a, comp, renderer) = (
        organizer(&owner.id),
        competition.clone(),
        env.renderer.clone(),
    );
    env.db
        .write(move |c| {
            match crate::competitions::amend::amend(c, at, &a, &comp, &form, &renderer)? {
                Ok(_) => Ok(Ok(())),
                Err(e) => Ok(Err(DemoError::refused("amendment", &e))),
            }
        })
        .await?
}
