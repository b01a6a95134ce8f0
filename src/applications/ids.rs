//! Typed IDs of proposals and their documents.

crate::typed_id!(
    /// A proposal (application) of an organization to a competition.
    ProposalId
);

crate::typed_id!(
    /// The current file of one required document of a proposal.
    ProposalDocumentId
);
