//! Typed IDs of competitions and the things frozen with their rules.

crate::typed_id!(
    /// A competition (call for proposals).
    CompetitionId
);

crate::typed_id!(
    /// A criterion of a competition's frozen rules.
    CriterionId
);

crate::typed_id!(
    /// A document a competition requires from applicants.
    RequiredDocumentId
);

crate::typed_id!(
    /// A public amendment of an announced competition.
    AmendmentId
);

crate::typed_id!(
    /// One step of a competition's lifecycle history.
    TransitionId
);
