//! The competition lifecycle as data: states, the forward path and what may
//! be cancelled. Services enforce it; this file only knows the graph.

use serde::Serialize;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    diesel::expression::AsExpression,
    diesel::deserialize::FromSqlRow,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Draft,
    Announced,
    Admissibility,
    Review,
    Deliberation,
    Published,
    Closed,
    Cancelled,
}

impl State {
    pub const ALL: [State; 8] = [
        State::Draft,
        State::Announced,
        State::Admissibility,
        State::Review,
        State::Deliberation,
        State::Published,
        State::Closed,
        State::Cancelled,
    ];

    /// The states the public can see (and filter by).
    pub const PUBLIC: [State; 7] = [
        State::Announced,
        State::Admissibility,
        State::Review,
        State::Deliberation,
        State::Published,
        State::Closed,
        State::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Announced => "announced",
            State::Admissibility => "admissibility",
            State::Review => "review",
            State::Deliberation => "deliberation",
            State::Published => "published",
            State::Closed => "closed",
            State::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The next state on the forward path (none after `closed`/`cancelled`).
    pub fn next(self) -> Option<State> {
        match self {
            State::Draft => Some(State::Announced),
            State::Announced => Some(State::Admissibility),
            State::Admissibility => Some(State::Review),
            State::Review => Some(State::Deliberation),
            State::Deliberation => Some(State::Published),
            State::Published => Some(State::Closed),
            State::Closed | State::Cancelled => None,
        }
    }

    /// Cancelling is possible in any state before the results are published.
    pub fn can_cancel(self) -> bool {
        matches!(
            self,
            State::Draft
                | State::Announced
                | State::Admissibility
                | State::Review
                | State::Deliberation
        )
    }

    /// The rules are still editable only in a draft.
    pub fn is_editable(self) -> bool {
        self == State::Draft
    }

    /// Colour of the status tag (the text says the state too).
    pub fn tag_class(self) -> &'static str {
        match self {
            State::Draft => "tag--grey",
            State::Announced => "tag--green",
            State::Admissibility | State::Review | State::Deliberation => "tag--yellow",
            State::Published => "tag",
            State::Closed => "tag--grey",
            State::Cancelled => "tag--red",
        }
    }

    /// Fluent key of the state's name.
    pub fn label_key(self) -> String {
        format!("competitions-state-{}", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_path_visits_every_state_but_cancelled_once() {
        let mut path = vec![State::Draft];
        while let Some(next) = path.last().and_then(|s| s.next()) {
            path.push(next);
        }
        assert_eq!(path.len(), 7);
        assert!(!path.contains(&State::Cancelled));
        for s in State::ALL {
            assert_eq!(State::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn cancel_only_before_publication() {
        let cancellable: Vec<_> = State::ALL.into_iter().filter(|s| s.can_cancel()).collect();
        assert_eq!(cancellable.len(), 5);
        assert!(!State::Published.can_cancel());
        assert!(!State::Closed.can_cancel());
        assert!(!State::Cancelled.can_cancel());
    }
}

// Stored as its text code; an unknown code is a database error, not a guess.
impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for State
where
    DB: diesel::backend::Backend,
    str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
{
    fn to_sql<'b>(
        &'b self,
        out: &mut diesel::serialize::Output<'b, '_, DB>,
    ) -> diesel::serialize::Result {
        self.as_str().to_sql(out)
    }
}

impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for State
where
    DB: diesel::backend::Backend,
    String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
        let s = String::from_sql(bytes)?;
        State::parse(&s).ok_or_else(|| format!("unknown competition state `{s}`").into())
    }
}
