//! Typed IDs of the jury review.

crate::typed_id!(
    /// A juror of one competition (an invitation until accepted).
    JurorId
);

crate::typed_id!(
    /// One declared affiliation of a juror.
    AffiliationId
);

crate::typed_id!(
    /// A juror's assignment to (or recusal from) one proposal.
    AssignmentId
);

crate::typed_id!(
    /// One criterion's points in one round of an assignment.
    ScoreId
);

crate::typed_id!(
    /// An open defence session.
    DefenceSessionId
);

crate::typed_id!(
    /// An organizer's award override.
    OverrideId
);
