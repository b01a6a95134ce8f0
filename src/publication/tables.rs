//! The CSV files (UTF-8, header row; columns in docs/open-data.md):
//! `proposals.csv`, one row per submitted proposal of every status, and
//! `scores.csv`, one row per juror, criterion and round (long format).

use super::access::Published;
use super::funnel::result_of;
use super::views::{decimal, hryvnias};
use crate::error::{AppError, AppResult};
use crate::scoring::ScoreStatus;
use crate::web::lang::Lang;

pub const PROPOSAL_COLUMNS: [&str; 16] = [
    "registration_number",
    "edrpou",
    "organization",
    "title",
    "status",
    "not_admitted_reason",
    "requested_uah",
    "rank",
    "aggregate",
    "passed",
    "divergent",
    "recusals",
    "awarded_uah",
    "why_code",
    "why_uk",
    "why_en",
];

pub const SCORE_COLUMNS: [&str; 6] = [
    "registration_number",
    "juror",
    "criterion_id",
    "criterion",
    "round",
    "points",
];

fn csv_error(e: impl std::fmt::Display) -> AppError {
    AppError::internal(format!("csv: {e}"))
}

fn finish(w: csv::Writer<Vec<u8>>) -> AppResult<Vec<u8>> {
    w.into_inner().map_err(csv_error)
}

pub fn proposals(p: &Published) -> AppResult<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(PROPOSAL_COLUMNS).map_err(csv_error)?;
    for e in &p.doc.proposals {
        let r = result_of(p, &e.registration_number);
        let flag = |f: fn(&crate::scoring::Flags) -> bool| {
            r.map(|r| f(&r.flags).to_string()).unwrap_or_default()
        };
        let passed = r
            .filter(|r| r.aggregate.is_some() && e.status == "admitted")
            .map(|r| (!r.flags.below_pass_mark).to_string())
            .unwrap_or_default();
        let record = [
            e.registration_number.clone(),
            e.edrpou.clone(),
            e.organization.clone(),
            e.title.clone(),
            e.status.clone(),
            e.not_admitted_reason.clone().unwrap_or_default(),
            hryvnias(e.requested),
            r.and_then(|r| r.rank)
                .map(|n| n.to_string())
                .unwrap_or_default(),
            r.and_then(|r| r.aggregate).map(decimal).unwrap_or_default(),
            passed,
            flag(|f| f.divergent),
            e.recusals.len().to_string(),
            hryvnias(r.map(|r| r.awarded).unwrap_or(0)),
            r.map(|r| r.why.code().to_string()).unwrap_or_default(),
            r.map(|r| r.why_text(Lang::Uk)).unwrap_or_default(),
            r.map(|r| r.why_text(Lang::En)).unwrap_or_default(),
        ];
        w.write_record(&record).map_err(csv_error)?;
    }
    finish(w)
}

pub fn scores(p: &Published) -> AppResult<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(SCORE_COLUMNS).map_err(csv_error)?;
    for e in &p.doc.proposals {
        let rounds = match &e.first_round_scores {
            Some(first) => vec![(1, first), (2, &e.scores)],
            None => vec![(1, &e.scores)],
        };
        for (round, scores) in rounds {
            let counted = scores.iter().filter(|s| s.status == ScoreStatus::Submitted);
            for s in counted {
                for c in &p.frozen.rules.criteria {
                    let Some(points) = s.points.get(c.id.as_str()) else {
                        continue;
                    };
                    w.write_record([
                        e.registration_number.as_str(),
                        s.juror.as_str(),
                        c.id.as_str(),
                        c.name.as_str(),
                        round.to_string().as_str(),
                        points.to_string().as_str(),
                    ])
                    .map_err(csv_error)?;
                }
            }
        }
    }
    finish(w)
}
