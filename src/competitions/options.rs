//! The closed sets an organizer chooses from. Their codes appear in the
//! frozen rules document, so they never change once published.

use serde::{Deserialize, Serialize};

macro_rules! choice {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.code() == s.trim())
            }
        }
    };
}

choice!(
    /// Organization forms of civil-society institutions that may apply.
    OrgForm {
        PublicOrganization = "public_organization",
        PublicUnion = "public_union",
        CharitableOrganization = "charitable_organization",
        CreativeUnion = "creative_union",
        TradeUnion = "trade_union",
        EmployersOrganization = "employers_organization",
    }
);

choice!(
    /// How jurors' totals become a proposal's score.
    Aggregation {
        Mean = "mean",
        Median = "median",
        TrimmedMean = "trimmed_mean",
        Sum = "sum",
    }
);

choice!(
    /// How equal scores are ordered (earlier submission always decides last).
    TieBreak {
        CriteriaInOrder = "criteria_in_order",
        LowerRequest = "lower_request",
        EarlierSubmission = "earlier_submission",
    }
);

choice!(
    /// What allocation does when the next proposal in rank order does not
    /// fit in what is left of the fund.
    WhenShort {
        Skip = "skip_to_next_that_fits",
        Partial = "fund_partially",
        Stop = "stop",
    }
);

choice!(
    /// Who scores each proposal.
    JuryMode {
        Whole = "whole_jury",
        PerProposal = "jurors_per_proposal",
    }
);

/// Fluent key for a choice's label: `competitions-<kind>-<code>`.
pub fn label_key(kind: &str, code: &str) -> String {
    format!("competitions-{kind}-{}", code.replace('_', "-"))
}

/// Trimmed mean drops this many highest and lowest totals.
pub const TRIM_EACH_SIDE: i64 = 1;
