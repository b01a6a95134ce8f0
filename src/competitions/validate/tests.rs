use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 0, 0).unwrap()
}

/// A complete draft that passes announcement checks.
pub fn complete() -> DraftInput {
    DraftInput {
        title_uk: "Молодь у громадах".into(),
        description_uk: "Підтримка молодіжних ініціатив.".into(),
        priorities: "Освіта\n- Волонтерство\n\n".into(),
        legal_order_number: "123".into(),
        legal_order_date: "2026-11-20".into(),
        org_forms: vec!["public_organization".into()],
        fund: "1 000 000".into(),
        cap: "250000".into(),
        opens_at: "2027-01-10T09:00".into(),
        closes_at: "2027-02-10T18:00".into(),
        review_from: "2027-02-11".into(),
        review_until: "2027-03-01".into(),
        results_on: "2027-03-10".into(),
        documents: [DocumentRow {
            name: "Статут".into(),
            description: String::new(),
            required: true,
            max_size_mb: "10".into(),
        }]
        .into_iter()
        .enumerate()
        .collect(),
        criteria: [
            CriterionRow {
                name: "Актуальність".into(),
                description: String::new(),
                max_points: "10".into(),
                weight: "2".into(),
            },
            CriterionRow {
                name: "Бюджет".into(),
                description: String::new(),
                max_points: "5".into(),
                weight: "1".into(),
            },
        ]
        .into_iter()
        .enumerate()
        .collect(),
        pass_mark: "15".into(),
        divergence_threshold: "6".into(),
        ..DraftInput::default()
    }
}

fn keys(d: &DraftInput, mode: Mode) -> Vec<(String, String)> {
    let (_, e) = check(d, today(), now(), mode);
    e.keys()
        .map(|(f, k)| (f.to_string(), k.to_string()))
        .collect()
}

fn only(d: &DraftInput, mode: Mode) -> (String, String) {
    let k = keys(d, mode);
    assert_eq!(k.len(), 1, "{k:?}");
    k.into_iter().next().unwrap()
}

#[test]
fn a_complete_draft_passes_and_computes_the_total() {
    assert_eq!(keys(&complete(), Mode::Announce), vec![]);
    let (c, _) = check(&complete(), today(), now(), Mode::Announce);
    assert_eq!(c.max_total(), Some(25));
    assert_eq!(c.priorities, vec!["Освіта", "Волонтерство"]);
    assert_eq!(c.fund, Some(100_000_000));
}

#[test]
fn a_draft_needs_only_a_title_but_no_mistakes() {
    let mut d = DraftInput {
        title_uk: "Назва".into(),
        ..DraftInput::default()
    };
    assert_eq!(keys(&d, Mode::Draft), vec![]);
    assert!(keys(&d, Mode::Announce).len() > 10);
    d.title_uk = " ".into();
    assert_eq!(
        only(&d, Mode::Draft),
        (
            "title_uk".into(),
            "competitions-err-title-uk-required".into()
        )
    );
    d.title_uk = "Назва".into();
    d.fund = "багато".into();
    assert_eq!(
        only(&d, Mode::Draft),
        ("fund".into(), "competitions-err-money-invalid".into())
    );
}

/// Each broken field gets its own message on that field.
#[test]
fn each_invalid_field_has_its_message() {
    type Case = (&'static str, fn(&mut DraftInput), &'static str);
    let cases: Vec<Case> = vec![
        (
            "title_uk",
            |d| d.title_uk = "я".repeat(301),
            "competitions-err-too-long",
        ),
        (
            "title_en",
            |d| d.title_en = "x".repeat(301),
            "competitions-err-too-long",
        ),
        (
            "description_uk",
            |d| d.description_uk.clear(),
            "competitions-err-description-uk-required",
        ),
        (
            "priorities",
            |d| d.priorities = "\n \n".into(),
            "competitions-err-priorities-required",
        ),
        (
            "priorities",
            |d| d.priorities = "x\n".repeat(21),
            "competitions-err-priorities-too-many",
        ),
        (
            "legal_order_number",
            |d| d.legal_order_number.clear(),
            "competitions-err-order-number-required",
        ),
        (
            "legal_order_date",
            |d| d.legal_order_date = "2026-02-30".into(),
            "competitions-err-date-invalid",
        ),
        (
            "legal_order_date",
            |d| d.legal_order_date = "2026-12-06".into(),
            "competitions-err-order-date-future",
        ),
        (
            "org_forms",
            |d| d.org_forms.clear(),
            "competitions-err-org-forms-required",
        ),
        (
            "org_forms",
            |d| d.org_forms = vec!["llc".into()],
            "competitions-err-org-forms-required",
        ),
        (
            "min_months_registered",
            |d| d.min_months_registered = "-1".into(),
            "competitions-err-min-months-invalid",
        ),
        (
            "max_proposals_per_org",
            |d| d.max_proposals_per_org = "0".into(),
            "competitions-err-max-proposals-invalid",
        ),
        (
            "fund",
            |d| d.fund = "0".into(),
            "competitions-err-money-zero",
        ),
        (
            "fund",
            |d| d.fund = "10,123".into(),
            "competitions-err-money-decimals",
        ),
        (
            "cap",
            |d| d.cap = "2000000".into(),
            "competitions-err-cap-above-fund",
        ),
        (
            "min_own_contribution_percent",
            |d| d.min_own_contribution_percent = "100".into(),
            "competitions-err-own-percent-invalid",
        ),
        (
            "opens_at",
            |d| d.opens_at = "10.01.2027".into(),
            "competitions-err-datetime-invalid",
        ),
        (
            "closes_at",
            |d| d.closes_at = "2027-01-10T09:00".into(),
            "competitions-err-closes-before-opens",
        ),
        (
            "closes_at",
            |d| d.closes_at = "2027-03-28T03:30".into(),
            "competitions-err-datetime-nonexistent",
        ),
        (
            "review_from",
            |d| d.review_from = "2027-02-09".into(),
            "competitions-err-review-before-deadline",
        ),
        (
            "review_until",
            |d| d.review_until = "2027-02-10".into(),
            "competitions-err-review-until-before-from",
        ),
        (
            "results_on",
            |d| d.results_on = "2027-02-20".into(),
            "competitions-err-results-before-review",
        ),
        (
            "documents",
            |d| d.documents.clear(),
            "competitions-err-documents-required",
        ),
        (
            "documents-0-name",
            |d| {
                d.documents.get_mut(&0).unwrap().name.clear();
                d.documents.get_mut(&0).unwrap().description = "Копія".into();
            },
            "competitions-err-document-name-required",
        ),
        (
            "documents-0-max_size_mb",
            |d| d.documents.get_mut(&0).unwrap().max_size_mb = "65".into(),
            "competitions-err-document-size-invalid",
        ),
        (
            "criteria",
            |d| d.criteria.clear(),
            "competitions-err-criteria-required",
        ),
        (
            "criteria-1-name",
            |d| {
                d.criteria.get_mut(&1).unwrap().name.clear();
                d.criteria.get_mut(&1).unwrap().description = "Обґрунтованість".into();
            },
            "competitions-err-criterion-name-required",
        ),
        (
            "criteria-1-max_points",
            |d| d.criteria.get_mut(&1).unwrap().max_points = "0".into(),
            "competitions-err-criterion-points-invalid",
        ),
        (
            "criteria-0-weight",
            |d| d.criteria.get_mut(&0).unwrap().weight.clear(),
            "competitions-err-criterion-weight-required",
        ),
        (
            "pass_mark",
            |d| d.pass_mark = "26".into(),
            "competitions-err-pass-mark-above-max",
        ),
        (
            "divergence_threshold",
            |d| d.divergence_threshold = "0".into(),
            "competitions-err-divergence-invalid",
        ),
        (
            "aggregation",
            |d| d.aggregation = "mode".into(),
            "competitions-err-aggregation-required",
        ),
        (
            "tie_break",
            |d| d.tie_break.clear(),
            "competitions-err-tie-break-required",
        ),
        (
            "when_next_does_not_fit",
            |d| d.when_next_does_not_fit = "x".into(),
            "competitions-err-when-short-required",
        ),
        (
            "jurors_per_proposal",
            |d| d.jury_mode = "jurors_per_proposal".into(),
            "competitions-err-jurors-required",
        ),
        (
            "jurors_per_proposal",
            |d| {
                d.jury_mode = "jurors_per_proposal".into();
                d.aggregation = "trimmed_mean".into();
                d.jurors_per_proposal = "2".into();
            },
            "competitions-err-trimmed-needs-three",
        ),
    ];
    for (field, break_it, key) in cases {
        let mut d = complete();
        break_it(&mut d);
        assert_eq!(
            only(&d, Mode::Announce),
            (field.to_string(), key.to_string()),
            "breaking {field}"
        );
    }
}

#[test]
fn announcing_needs_a_future_deadline() {
    let mut d = complete();
    d.opens_at = "2026-11-01T09:00".into();
    d.closes_at = "2026-12-05T11:59".into(); // 09:59 UTC, before now
    d.review_from = "2026-12-06".into();
    assert_eq!(keys(&d, Mode::Draft), vec![]);
    assert_eq!(
        only(&d, Mode::Announce),
        ("closes_at".into(), "competitions-err-closes-in-past".into())
    );
}

#[test]
fn blank_rows_are_ignored() {
    let mut d = complete();
    d.documents.insert(
        1,
        DocumentRow {
            max_size_mb: "10".into(),
            required: true,
            ..Default::default()
        },
    );
    // A blank first criterion row: the others keep their places.
    let second = d.criteria.remove(&1).unwrap();
    d.criteria.insert(2, second);
    d.criteria.insert(
        1,
        CriterionRow {
            weight: "1".into(),
            ..Default::default()
        },
    );
    let (c, e) = check(&d, today(), now(), Mode::Announce);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!((c.documents.len(), c.criteria.len()), (1, 2));
    let n = d.normalized();
    assert_eq!(n.criteria.keys().copied().collect::<Vec<_>>(), vec![0, 1]);
    assert_eq!(n.criteria[&1].name, "Бюджет");
}
