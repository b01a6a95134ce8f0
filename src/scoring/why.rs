//! Why a proposal was (not) funded: a machine code with parameters, stored
//! and published as `{"code": "funded_partially", "amount": …, "full": …}`,
//! and a one-line Ukrainian or English sentence for people.

use serde::{Deserialize, Serialize};

use super::ratio::Ratio;
use crate::web::format::money;
use crate::web::lang::Lang;

/// Amounts are kopiyky.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Why {
    /// Awarded the full requested amount.
    FundedInFull {
        amount: i64,
    },
    /// Awarded the per-proposal cap, less than requested.
    FundedAtCap {
        amount: i64,
        requested: i64,
        cap: i64,
    },
    /// `partial` rule: awarded what remained, less than its grant `full`.
    FundedPartially {
        amount: i64,
        full: i64,
    },
    /// `skip` rule: its grant `needed` was more than the `remaining` fund.
    SkippedDidNotFit {
        needed: i64,
        remaining: i64,
    },
    /// `stop` rule: it did not fit, and funding stopped here.
    DidNotFitFundingStopped {
        needed: i64,
        remaining: i64,
    },
    /// `stop` rule: a higher-ranked proposal did not fit.
    FundingStopped,
    /// Nothing remained of the fund when its turn came.
    FundExhausted,
    BelowPassMark {
        aggregate: Ratio,
        pass_mark: i64,
    },
    /// No submitted, non-recused score.
    NoScores,
    NotAdmitted,
    /// The organizer set the award; `computed` is what the rule gave.
    OverrideAwarded {
        amount: i64,
        computed: i64,
        reason: String,
    },
    /// The organizer excluded it from funding.
    OverrideExcluded {
        computed: i64,
        reason: String,
    },
}

impl Why {
    /// The machine code alone (the serde tag).
    pub fn code(&self) -> &'static str {
        match self {
            Why::FundedInFull { .. } => "funded_in_full",
            Why::FundedAtCap { .. } => "funded_at_cap",
            Why::FundedPartially { .. } => "funded_partially",
            Why::SkippedDidNotFit { .. } => "skipped_did_not_fit",
            Why::DidNotFitFundingStopped { .. } => "did_not_fit_funding_stopped",
            Why::FundingStopped => "funding_stopped",
            Why::FundExhausted => "fund_exhausted",
            Why::BelowPassMark { .. } => "below_pass_mark",
            Why::NoScores => "no_scores",
            Why::NotAdmitted => "not_admitted",
            Why::OverrideAwarded { .. } => "override_awarded",
            Why::OverrideExcluded { .. } => "override_excluded",
        }
    }

    /// One sentence for the results page, in `lang`.
    pub fn why_text(&self, lang: Lang) -> String {
        let m = |k: &i64| money(*k, lang);
        let uk = lang == Lang::Uk;
        match self {
            Why::FundedInFull { amount } => match uk {
                true => format!("Профінансовано в повному обсязі: {}.", m(amount)),
                false => format!("Funded in full: {}.", m(amount)),
            },
            Why::FundedAtCap { amount, requested, cap: _ } => match uk {
                true => format!(
                    "Профінансовано в межах граничної суми на один проєкт: {} із запитаних {}.",
                    m(amount),
                    m(requested)
                ),
                false => format!(
                    "Funded up to the per-proposal cap: {} of {} requested.",
                    m(amount),
                    m(requested)
                ),
            },
            Why::FundedPartially { amount, full } => match uk {
                true => format!("Профінансовано частково, залишком фонду: {} із {}.", m(amount), m(full)),
                false => format!("Funded partially with what remained of the fund: {} of {}.", m(amount), m(full)),
            },
            Why::SkippedDidNotFit { needed, remaining } => match uk {
                true => format!(
                    "Не профінансовано: потрібно {}, а у фонді залишалося {}; проєкт пропущено.",
                    m(needed),
                    m(remaining)
                ),
                false => format!(
                    "Not funded: it needed {} but {} remained in the fund, so it was skipped.",
                    m(needed),
                    m(remaining)
                ),
            },
            Why::DidNotFitFundingStopped { needed, remaining } => match uk {
                true => format!(
                    "Не профінансовано: потрібно {}, а у фонді залишалося {}; за правилами конкурсу фінансування на цьому припинено.",
                    m(needed),
                    m(remaining)
                ),
                false => format!(
                    "Not funded: it needed {} but {} remained in the fund; under the competition's rules funding stopped here.",
                    m(needed),
                    m(remaining)
                ),
            },
            Why::FundingStopped => match uk {
                true => "Не профінансовано: фінансування припинено на вищому в рейтингу проєкті, що не вмістився у фонд.".into(),
                false => "Not funded: funding stopped at a higher-ranked proposal that did not fit in the fund.".into(),
            },
            Why::FundExhausted => match uk {
                true => "Не профінансовано: фонд вичерпано.".into(),
                false => "Not funded: the fund was exhausted.".into(),
            },
            Why::BelowPassMark { aggregate, pass_mark } => {
                let score = decimal(*aggregate, lang);
                match uk {
                    true => format!("Не профінансовано: оцінка {score} нижча за прохідний бал {pass_mark}."),
                    false => format!("Not funded: the score {score} is below the pass mark {pass_mark}."),
                }
            }
            Why::NoScores => match uk {
                true => "Не профінансовано: немає жодної зарахованої оцінки журі.".into(),
                false => "Not funded: no jury score counts for this proposal.".into(),
            },
            Why::NotAdmitted => match uk {
                true => "Не профінансовано: проєкт не допущено до оцінювання.".into(),
                false => "Not funded: the proposal was not admitted to the review.".into(),
            },
            Why::OverrideAwarded { amount, computed, reason } => match uk {
                true => format!(
                    "Рішення організатора: {} (за правилом — {}). Причина: {reason}",
                    m(amount),
                    m(computed)
                ),
                false => format!(
                    "Organizer's decision: {} (the rule gave {}). Reason: {reason}",
                    m(amount),
                    m(computed)
                ),
            },
            Why::OverrideExcluded { computed, reason } => match uk {
                true => format!(
                    "Рішення організатора: не фінансувати (за правилом — {}). Причина: {reason}",
                    m(computed)
                ),
                false => format!(
                    "Organizer's decision: not funded (the rule gave {}). Reason: {reason}",
                    m(computed)
                ),
            },
        }
    }

    /// Whether money was awarded for this reason.
    pub fn is_funded(&self) -> bool {
        matches!(
            self,
            Why::FundedInFull { .. } | Why::FundedAtCap { .. } | Why::FundedPartially { .. }
        ) || matches!(self, Why::OverrideAwarded { amount, .. } if *amount > 0)
    }
}

/// Two decimals rounded toward zero, with the language's decimal separator.
fn decimal(r: Ratio, lang: Lang) -> String {
    let s = r.to_decimal_string(2);
    match lang {
        Lang::Uk => s.replace('.', ","),
        Lang::En => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: String) -> String {
        s.replace('\u{a0}', " ")
    }

    fn all() -> Vec<Why> {
        let reason = "Переможець відмовився".to_string();
        vec![
            Why::FundedInFull { amount: 150_000 },
            Why::FundedAtCap {
                amount: 100_000,
                requested: 150_000,
                cap: 100_000,
            },
            Why::FundedPartially {
                amount: 20_000,
                full: 150_000,
            },
            Why::SkippedDidNotFit {
                needed: 150_000,
                remaining: 20_000,
            },
            Why::DidNotFitFundingStopped {
                needed: 150_000,
                remaining: 20_000,
            },
            Why::FundingStopped,
            Why::FundExhausted,
            Why::BelowPassMark {
                aggregate: Ratio::checked_new(599, 20).unwrap(),
                pass_mark: 30,
            },
            Why::NoScores,
            Why::NotAdmitted,
            Why::OverrideAwarded {
                amount: 50_000,
                computed: 0,
                reason: reason.clone(),
            },
            Why::OverrideExcluded {
                computed: 150_000,
                reason,
            },
        ]
    }

    #[test]
    fn serde_tag_is_the_code() {
        for why in all() {
            let json = serde_json::to_value(&why).unwrap();
            assert_eq!(json["code"], why.code());
            let back: Why = serde_json::from_value(json).unwrap();
            assert_eq!(back, why);
        }
        let json = serde_json::to_string(&Why::FundedPartially { amount: 1, full: 2 }).unwrap();
        assert_eq!(json, r#"{"code":"funded_partially","amount":1,"full":2}"#);
    }

    #[test]
    fn texts_in_both_languages() {
        for why in all() {
            let uk = why.why_text(Lang::Uk);
            let en = why.why_text(Lang::En);
            assert!(!uk.is_empty() && !en.is_empty() && uk != en, "{why:?}");
            assert!(!uk.contains('\n') && !en.contains('\n'));
        }
        let w = &all();
        assert_eq!(
            plain(w[0].why_text(Lang::Uk)),
            "Профінансовано в повному обсязі: 1 500,00 грн."
        );
        assert_eq!(
            plain(w[0].why_text(Lang::En)),
            "Funded in full: 1 500,00 UAH."
        );
        assert_eq!(
            plain(w[3].why_text(Lang::En)),
            "Not funded: it needed 1 500,00 UAH but 200,00 UAH remained in the fund, so it was skipped."
        );
        // 599/20 = 29.95; Ukrainian uses a decimal comma.
        assert_eq!(
            w[7].why_text(Lang::Uk),
            "Не профінансовано: оцінка 29,95 нижча за прохідний бал 30."
        );
        assert_eq!(
            w[7].why_text(Lang::En),
            "Not funded: the score 29.95 is below the pass mark 30."
        );
        assert_eq!(
            plain(w[10].why_text(Lang::Uk)),
            "Рішення організатора: 500,00 грн (за правилом — 0,00 грн). Причина: Переможець відмовився"
        );
    }

    #[test]
    fn funded_codes() {
        let funded: Vec<_> = all()
            .iter()
            .filter(|w| w.is_funded())
            .map(|w| w.code())
            .collect();
        assert_eq!(
            funded,
            [
                "funded_in_full",
                "funded_at_cap",
                "funded_partially",
                "override_awarded"
            ]
        );
    }
}
