-- Competitions (calls for proposals). A draft keeps what the organizer typed
-- (draft_json); announcement freezes the rules into rules_json (the exact
-- canonical bytes served as rules.json) with their SHA-256. closes_at and
-- fund_kopiyky are the values in force: amendments may extend or increase
-- them; the frozen document keeps the announced ones.
CREATE TABLE competitions (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT UNIQUE,
    state TEXT NOT NULL,
    owner_id TEXT NOT NULL REFERENCES users (id),
    title_uk TEXT NOT NULL,
    title_en TEXT NOT NULL,
    search_text TEXT NOT NULL,
    draft_json TEXT NOT NULL,
    opens_at TIMESTAMP,
    closes_at TIMESTAMP,
    fund_kopiyky BIGINT,
    cap_kopiyky BIGINT,
    rules_json TEXT,
    rules_sha256 TEXT,
    announced_at TIMESTAMP,
    cancel_reason TEXT,
    state_changed_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX competitions_state ON competitions (state, closes_at);
CREATE INDEX competitions_owner ON competitions (owner_id);
CREATE INDEX competitions_announced ON competitions (announced_at);

-- The frozen criteria and required documents (copies of the rules document's
-- lists, so scores and uploads can reference them).
CREATE TABLE competition_criteria (
    id TEXT PRIMARY KEY NOT NULL,
    competition_id TEXT NOT NULL REFERENCES competitions (id),
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    max_points INTEGER NOT NULL,
    weight INTEGER NOT NULL,
    UNIQUE (competition_id, number)
);

CREATE TABLE competition_required_documents (
    id TEXT PRIMARY KEY NOT NULL,
    competition_id TEXT NOT NULL REFERENCES competitions (id),
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    required BOOLEAN NOT NULL,
    max_size_mb INTEGER NOT NULL,
    UNIQUE (competition_id, number)
);

-- Public, dated, reasoned changes after announcement.
CREATE TABLE competition_amendments (
    id TEXT PRIMARY KEY NOT NULL,
    competition_id TEXT NOT NULL REFERENCES competitions (id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    clarification TEXT,
    closes_at_before TIMESTAMP,
    closes_at_after TIMESTAMP,
    fund_before BIGINT,
    fund_after BIGINT,
    author_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (competition_id, seq)
);
CREATE INDEX competition_amendments_at ON competition_amendments (created_at);

-- Every lifecycle step: who moved the competition from which state to which.
CREATE TABLE competition_transitions (
    id TEXT PRIMARY KEY NOT NULL,
    competition_id TEXT NOT NULL REFERENCES competitions (id),
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    reason TEXT,
    actor_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX competition_transitions_competition ON competition_transitions (competition_id, created_at);
CREATE INDEX competition_transitions_at ON competition_transitions (to_state, created_at);
