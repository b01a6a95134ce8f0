-- Proposals. A draft keeps everything the applicant typed (draft_json, even
-- if invalid); title and requested amount are copied out for lists.
-- Submission assigns seq (gap-free per competition: withdrawn proposals keep
-- their number) and freezes snapshot_json, whose SHA-256 is receipt_sha256.
CREATE TABLE proposals (
    id TEXT PRIMARY KEY NOT NULL,
    competition_id TEXT NOT NULL REFERENCES competitions (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    state TEXT NOT NULL,
    title TEXT NOT NULL,
    draft_json TEXT NOT NULL,
    requested_kopiyky BIGINT,
    seq INTEGER,
    registration_number TEXT UNIQUE,
    submitted_at TIMESTAMP,
    submitted_by TEXT REFERENCES users (id),
    snapshot_json TEXT,
    receipt_sha256 TEXT,
    withdrawn_at TIMESTAMP,
    decision_reason TEXT,
    decision_text TEXT,
    decided_at TIMESTAMP,
    decided_by TEXT REFERENCES users (id),
    correction_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (competition_id, seq)
);
CREATE INDEX proposals_competition ON proposals (competition_id, state);
CREATE INDEX proposals_organization ON proposals (organization_id);

-- The current file for each required document of a proposal (a replacement
-- overwrites the row; the old object is deleted after the change commits).
CREATE TABLE proposal_documents (
    id TEXT PRIMARY KEY NOT NULL,
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    required_document_id TEXT NOT NULL REFERENCES competition_required_documents (id),
    storage_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    pages INTEGER NOT NULL,
    text_chars BIGINT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    uploaded_at TIMESTAMP NOT NULL,
    UNIQUE (proposal_id, required_document_id)
);
