//! View models: what the templates get. Pure functions of the data, so the
//! pages stay logic-free and the numbers (countdown, rows) are testable.

use chrono::NaiveDateTime;
use serde_json::{json, Value};

use super::amend::{self, Kind};
use super::forms::{
    AmendForm, CriterionRow, DocumentRow, DraftInput, Rows, CRITERION_ROWS, DOCUMENT_ROWS,
};
use super::lifecycle::step_from;
use super::model::{Amendment, Competition, Transition};
use super::options::{label_key, Aggregation, JuryMode, OrgForm, TieBreak, WhenShort};
use super::state::State;
use super::validate::row_field;
use crate::web::lang::Lang;

pub fn state(s: State) -> Value {
    json!({"code": s.as_str(), "label_key": s.label_key(), "tag": s.tag_class()})
}

/// The server-rendered "closes in …" line: a Fluent key and its arguments.
pub fn countdown(c: &Competition, now: NaiveDateTime) -> Value {
    let (Some(opens), Some(closes)) = (c.opens_at, c.closes_at) else {
        return Value::Null;
    };
    if c.state != State::Announced {
        return Value::Null;
    }
    if now < opens {
        return json!({"key": "competitions-countdown-opens", "at": opens});
    }
    if now >= closes {
        return json!({"key": "competitions-countdown-closed", "at": closes});
    }
    let left = closes - now;
    let (key, n) = if left.num_days() >= 2 {
        ("competitions-countdown-days", left.num_days())
    } else if left.num_hours() >= 1 {
        ("competitions-countdown-hours", left.num_hours())
    } else {
        ("competitions-countdown-minutes", left.num_minutes().max(1))
    };
    json!({"key": key, "n": n, "at": closes})
}

/// A competition in a list (public or the organizer's).
pub fn summary(c: &Competition, lang: Lang, now: NaiveDateTime) -> Value {
    json!({
        "id": c.id,
        "code": c.code,
        "title": c.title(lang),
        "state": state(c.state),
        "opens_at": c.opens_at,
        "closes_at": c.closes_at,
        "fund": c.fund_kopiyky,
        "cap": c.cap_kopiyky,
        "countdown": countdown(c, now),
        "url": format!("/competitions/{}", c.id),
        "manage_url": format!("/organizer/competitions/{}", c.id),
        "next_key": format!("competitions-next-{}", c.state.as_str()),
    })
}

fn options<T: Copy>(
    kind: &str,
    field: &str,
    all: &[T],
    code: fn(T) -> &'static str,
    chosen: impl Fn(&str) -> bool,
) -> Value {
    let items: Vec<_> = all
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let c = code(*v);
            let id = if i == 0 {
                field.to_string()
            } else {
                format!("{field}-{i}")
            };
            json!({"id": id, "value": c, "label_key": label_key(kind, c),
                   "hint_key": format!("{}-hint", label_key(kind, c)), "checked": chosen(c)})
        })
        .collect();
    json!({"field": field, "items": items})
}

fn cell(list: &str, i: usize, name: &str, value: &str) -> Value {
    json!({"id": row_field(list, i, name), "name": format!("{list}[{i}].{name}"), "value": value})
}

/// The offered row indexes: the usual number, plus any beyond it that were
/// sent (they carry a "too many rows" error).
fn indexes<T>(rows: &Rows<T>, offered: usize) -> Vec<usize> {
    (0..offered)
        .chain(rows.keys().copied().filter(|i| *i >= offered))
        .collect()
}

fn document_rows(rows: &Rows<DocumentRow>) -> Vec<Value> {
    let blank = DocumentRow {
        required: true,
        max_size_mb: "10".into(),
        ..Default::default()
    };
    indexes(rows, DOCUMENT_ROWS)
        .into_iter()
        .map(|i| {
            let r = rows.get(&i).unwrap_or(&blank);
            json!({"n": i + 1,
                "name": cell("documents", i, "name", &r.name),
                "description": cell("documents", i, "description", &r.description),
                "required": cell("documents", i, "required", "true"), "checked": r.required,
                "max_size_mb": cell("documents", i, "max_size_mb", &r.max_size_mb)})
        })
        .collect()
}

fn criterion_rows(rows: &Rows<CriterionRow>) -> Vec<Value> {
    let blank = CriterionRow {
        weight: "1".into(),
        ..Default::default()
    };
    indexes(rows, CRITERION_ROWS)
        .into_iter()
        .map(|i| {
            let r = rows.get(&i).unwrap_or(&blank);
            json!({"n": i + 1,
                "name": cell("criteria", i, "name", &r.name),
                "description": cell("criteria", i, "description", &r.description),
                "max_points": cell("criteria", i, "max_points", &r.max_points),
                "weight": cell("criteria", i, "weight", &r.weight)})
        })
        .collect()
}

/// The draft form (new or edit) with what was typed.
pub fn form(d: &DraftInput, action: &str, competition: Option<&Competition>) -> Value {
    json!({
        "action": action,
        "competition": competition.map(|c| json!({"id": c.id, "title": c.title_uk})),
        "f": d,
        "org_forms": options("org-form", "org_forms", OrgForm::ALL, OrgForm::code, |c| d.org_forms.iter().any(|x| x == c)),
        "aggregation": options("aggregation", "aggregation", Aggregation::ALL, Aggregation::code, |c| d.aggregation == c),
        "tie_break": options("tie-break", "tie_break", TieBreak::ALL, TieBreak::code, |c| d.tie_break == c),
        "when_short": options("when-short", "when_next_does_not_fit", WhenShort::ALL, WhenShort::code, |c| d.when_next_does_not_fit == c),
        "jury_mode": options("jury-mode", "jury_mode", JuryMode::ALL, JuryMode::code, |c| d.jury_mode == c),
        "documents": document_rows(&d.documents),
        "criteria": criterion_rows(&d.criteria),
    })
}

/// An amendment as the pages show it.
pub fn amendment(a: &Amendment, author: &str) -> Value {
    json!({
        "seq": a.seq,
        "kind_key": format!("competitions-amendment-{}", a.kind.replace('_', "-")),
        "reason": a.reason,
        "at": a.created_at,
        "author": author,
        "clarification": a.clarification,
        "closes_at_before": a.closes_at_before,
        "closes_at_after": a.closes_at_after,
        "fund_before": a.fund_before,
        "fund_after": a.fund_after,
    })
}

pub fn transition(t: &Transition) -> Value {
    json!({"at": t.created_at, "to": state(t.to_state), "from": state(t.from_state), "reason": t.reason})
}

/// The organizer's page for one competition: where it is and what is next.
pub fn manage(
    c: &Competition,
    amendments: &[(Amendment, String)],
    history: &[Transition],
    now: NaiveDateTime,
) -> Value {
    let deadline_passed = c.closes_at.is_some_and(|d| now >= d);
    let kinds: Vec<_> = Kind::ALL
        .into_iter()
        .filter(|k| k.allowed_in(c.state))
        .filter(|k| *k != Kind::ExtendDeadline || !deadline_passed)
        .map(|k| json!({"code": k.code(), "label_key": k.title_key()}))
        .collect();
    json!({
        "c": summary(c, Lang::Uk, now),
        "title_en": c.title_en,
        "rules_sha256": c.rules_sha256,
        "announced_at": c.announced_at,
        "cancel_reason": c.cancel_reason,
        "is_draft": c.state == State::Draft,
        "is_public": c.is_public(),
        "deadline_passed": deadline_passed,
        // Closing the review has its own page (it may need a reason).
        "step": step_from(c.state).filter(|_| c.state != State::Draft).map(|s| json!({
            "name": s, "label_key": format!("competitions-step-{s}"),
            "page": (s == "deliberation").then(|| format!("/organizer/competitions/{}/review/close", c.id)),
        })),
        "deliberation_url": matches!(c.state, State::Deliberation | State::Published | State::Closed)
            .then(|| format!("/organizer/competitions/{}/deliberation", c.id)),
        "can_cancel": c.state.can_cancel(),
        "amend_kinds": kinds,
        "amendments": amendments.iter().map(|(a, who)| amendment(a, who)).collect::<Vec<_>>(),
        "history": history.iter().map(transition).collect::<Vec<_>>(),
    })
}

/// The page for one kind of amendment.
pub fn amend_form(c: &Competition, kind: Kind, f: &AmendForm) -> Value {
    json!({
        "c": summary(c, Lang::Uk, c.updated_at),
        "kind": kind.code(),
        "title_key": kind.title_key(),
        "lead_key": format!("{}-lead", kind.title_key()),
        "is_extend": kind == Kind::ExtendDeadline,
        "is_fund": kind == Kind::IncreaseFund,
        "is_clarification": kind == Kind::Clarification,
        "current_closes_at": c.closes_at,
        "current_fund": c.fund_kopiyky,
        "f": f,
    })
}

/// The changed values of an amendment for the API.
pub fn amendment_api(a: &Amendment, author: &str) -> Value {
    let mut v = amend::amendment_details(a);
    v["author"] = json!(author);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competitions::ids::CompetitionId;
    use crate::db::ids::UserId;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn comp(state: State) -> Competition {
        let t = at("2027-01-01 00:00");
        Competition {
            id: CompetitionId::new(),
            code: None,
            state,
            owner_id: UserId::new(),
            title_uk: "Т".into(),
            title_en: String::new(),
            opens_at: Some(at("2027-01-10 07:00")),
            closes_at: Some(at("2027-02-10 16:00")),
            fund_kopiyky: None,
            cap_kopiyky: None,
            rules_sha256: None,
            announced_at: None,
            cancel_reason: None,
            state_changed_at: t,
            created_at: t,
            updated_at: t,
        }
    }

    #[test]
    fn countdown_in_days_then_hours_then_minutes() {
        let c = comp(State::Announced);
        let line = |now| countdown(&c, at(now));
        assert_eq!(
            line("2027-01-05 00:00")["key"],
            "competitions-countdown-opens"
        );
        assert_eq!(line("2027-02-01 16:00")["n"], 9);
        assert_eq!(
            line("2027-02-01 16:00")["key"],
            "competitions-countdown-days"
        );
        assert_eq!(
            line("2027-02-08 16:01")["key"],
            "competitions-countdown-hours"
        );
        assert_eq!(line("2027-02-08 16:01")["n"], 47);
        assert_eq!(line("2027-02-10 15:30")["n"], 30);
        assert_eq!(
            line("2027-02-10 16:00")["key"],
            "competitions-countdown-closed"
        );
        assert!(countdown(&comp(State::Review), at("2027-02-01 16:00")).is_null());
    }

    #[test]
    fn the_form_always_offers_blank_rows() {
        let v = form(&DraftInput::default(), "/x", None);
        assert_eq!(v["documents"].as_array().unwrap().len(), DOCUMENT_ROWS);
        assert_eq!(v["criteria"].as_array().unwrap().len(), CRITERION_ROWS);
        assert_eq!(v["criteria"][2]["weight"]["name"], "criteria[2].weight");
        assert_eq!(v["criteria"][2]["weight"]["id"], "criteria-2-weight");
        assert_eq!(v["aggregation"]["items"][0]["checked"], true);
    }
}
