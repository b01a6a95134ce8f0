//! Gathers the public facts and sums them. One pass over lodged proposals
//! of competitions past their deadline, plus the published results
//! documents for decisions and awards.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDateTime, TimeZone};
use chrono_tz::Europe::Kyiv;
use diesel::prelude::*;
use serde::Serialize;

use crate::applications::model::state as pstate;
use crate::db::schema::{competition_results, competitions, organizations, proposals};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::review::document::ResultsDoc;

/// Counts and sums for one group (or for everything).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub competitions: i64,
    pub proposals: i64,
    pub admitted: i64,
    pub funded: i64,
    /// Kopiyky.
    pub requested: i64,
    /// Kopiyky.
    pub awarded: i64,
}

/// The statistics page's data; group keys are codes (oblast ISO code,
/// priority text, Kyiv year), translated by the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Statistics {
    pub total: Tally,
    /// Competitions whose results are published.
    pub published_competitions: i64,
    pub by_oblast: BTreeMap<String, Tally>,
    /// Priority text → tally; proposals that named none under "".
    pub by_priority: BTreeMap<String, Tally>,
    pub by_year: BTreeMap<i32, Tally>,
}

fn kyiv_year(utc: NaiveDateTime) -> i32 {
    Kyiv.from_utc_datetime(&utc).year()
}

type Row = (
    String,                // competition id
    Option<NaiveDateTime>, // announced_at
    String,                // proposal state
    Option<i64>,           // requested
    Option<String>,        // registration number
    Option<String>,        // snapshot
    String,                // oblast
);

/// Public statistics at `now`.
pub fn gather(conn: &mut AnyConnection, now: NaiveDateTime) -> AppResult<Statistics> {
    let mut st = Statistics::default();

    // Competitions: every public one, by the Kyiv year of announcement.
    let comps: Vec<(String, Option<NaiveDateTime>)> = competitions::table
        .filter(competitions::announced_at.is_not_null())
        .select((competitions::id, competitions::announced_at))
        .load(conn)?;
    let mut year_of: HashMap<String, i32> = HashMap::new();
    for (id, announced) in comps {
        let Some(at) = announced else { continue };
        let y = kyiv_year(at);
        year_of.insert(id, y);
        st.by_year.entry(y).or_default().competitions += 1;
        st.total.competitions += 1;
    }

    // Decisions and awards: only from published results.
    let published: Vec<(String, String)> = competition_results::table
        .filter(competition_results::published_at.is_not_null())
        .select((
            competition_results::competition_id,
            competition_results::document,
        ))
        .load(conn)?;
    st.published_competitions = published.len() as i64;
    // (competition id, registration number) → (admitted, awarded).
    let mut decided: HashMap<(String, String), (bool, i64)> = HashMap::new();
    for (cid, bytes) in &published {
        let doc = ResultsDoc::parse(bytes)
            .map_err(|e| crate::error::AppError::Internal(format!("results of {cid}: {e}")))?;
        let awards: HashMap<&str, i64> = doc
            .outcome
            .proposals
            .iter()
            .map(|p| (p.registration_number.as_str(), p.awarded))
            .collect();
        for p in &doc.proposals {
            let awarded = awards
                .get(p.registration_number.as_str())
                .copied()
                .unwrap_or(0);
            decided.insert(
                (cid.clone(), p.registration_number.clone()),
                (p.status == "admitted", awarded),
            );
        }
    }

    // Proposals: lodged ones (the public list) once the deadline has passed.
    let rows: Vec<Row> = proposals::table
        .inner_join(competitions::table)
        .inner_join(organizations::table)
        .filter(proposals::state.eq_any(pstate::LODGED))
        .filter(competitions::closes_at.le(now))
        .filter(competitions::announced_at.is_not_null())
        .select((
            competitions::id,
            competitions::announced_at,
            proposals::state,
            proposals::requested_kopiyky,
            proposals::registration_number,
            proposals::snapshot_json,
            organizations::oblast,
        ))
        .load(conn)?;
    for (cid, announced, _state, requested, number, snapshot, oblast) in rows {
        let (admitted, awarded) = number
            .as_ref()
            .and_then(|n| decided.get(&(cid.clone(), n.clone())).copied())
            .unwrap_or((false, 0));
        let add = |t: &mut Tally| {
            t.proposals += 1;
            t.requested += requested.unwrap_or(0);
            t.admitted += i64::from(admitted);
            t.funded += i64::from(awarded > 0);
            t.awarded += awarded;
        };
        add(&mut st.total);
        add(st.by_oblast.entry(oblast).or_default());
        add(st
            .by_priority
            .entry(priority_of(snapshot.as_deref()))
            .or_default());
        let year = year_of
            .get(&cid)
            .copied()
            .or(announced.map(kyiv_year))
            .unwrap_or_default();
        add(st.by_year.entry(year).or_default());
    }
    Ok(st)
}

/// The priority text frozen in a submission snapshot ("" if none).
fn priority_of(snapshot: Option<&str>) -> String {
    snapshot
        .and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
        .and_then(|v| {
            v["project"]["priority"]["text"]
                .as_str()
                .map(str::to_string)
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_comes_from_the_snapshot() {
        let s = r#"{"project":{"priority":{"number":2,"text":"Волонтерство"}}}"#;
        assert_eq!(priority_of(Some(s)), "Волонтерство");
        assert_eq!(priority_of(Some(r#"{"project":{}}"#)), "");
        assert_eq!(priority_of(None), "");
        assert_eq!(priority_of(Some("not json")), "");
    }

    #[test]
    fn years_are_kyiv_years() {
        // 31 Dec 22:30 UTC is already 1 January in Kyiv (UTC+2).
        let t = chrono::NaiveDate::from_ymd_opt(2026, 12, 31)
            .unwrap()
            .and_hms_opt(22, 30, 0)
            .unwrap();
        assert_eq!(kyiv_year(t), 2027);
    }
}
