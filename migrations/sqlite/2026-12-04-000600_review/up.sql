-- Jury review (issue 6). Recusal is data: a juror's row in
-- review_assignments says whether they may see and score a proposal, and
-- every query of proposal content for a juror joins through it.

-- Jury members of one competition. Invited by e-mail (only the token's hash
-- is kept); user_id is set when the invitation is accepted. label_number
-- gives the stable public label "Експерт n" when names are not published.
CREATE TABLE jurors (
    id TEXT PRIMARY KEY NOT NULL,
    competition_id TEXT NOT NULL REFERENCES competitions (id),
    email TEXT NOT NULL,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL,
    label_number INTEGER NOT NULL,
    user_id TEXT REFERENCES users (id),
    token_hash TEXT UNIQUE,
    invited_by TEXT NOT NULL REFERENCES users (id),
    invited_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP,
    removed_at TIMESTAMP,
    affiliations_note TEXT NOT NULL,
    affiliations_updated_at TIMESTAMP,
    UNIQUE (competition_id, email),
    UNIQUE (competition_id, label_number)
);
CREATE INDEX jurors_user ON jurors (user_id);

-- Organizations a juror works for, governs or was paid by in the last two
-- years (relation: 'employee', 'governance', 'paid', 'other').
CREATE TABLE juror_affiliations (
    id TEXT PRIMARY KEY NOT NULL,
    juror_id TEXT NOT NULL REFERENCES jurors (id),
    edrpou TEXT NOT NULL,
    relation TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (juror_id, edrpou)
);

-- One row per juror and proposal the juror was assigned to (or recused
-- from). coi: 'pending' (not declared: content hidden), 'none', 'potential',
-- 'real', or 'auto' (affiliation EDRPOU = applicant EDRPOU). Anything but
-- 'none' hides the content; 'potential', 'real' and 'auto' are recusals.
-- active = false when the assignment was withdrawn (e.g. rebalanced).
-- submitted_at locks round 1; round2_submitted_at locks the post-defence
-- round.
CREATE TABLE review_assignments (
    id TEXT PRIMARY KEY NOT NULL,
    competition_id TEXT NOT NULL REFERENCES competitions (id),
    juror_id TEXT NOT NULL REFERENCES jurors (id),
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    origin TEXT NOT NULL,
    coi TEXT NOT NULL,
    coi_comment TEXT,
    coi_declared_at TIMESTAMP,
    active BOOLEAN NOT NULL,
    submitted_at TIMESTAMP,
    round2_submitted_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (juror_id, proposal_id)
);
CREATE INDEX review_assignments_competition ON review_assignments (competition_id, proposal_id);

-- Points per criterion (round 1 = individual scoring, 2 = after the open
-- defence). points is NULL in a draft that has not scored that criterion.
CREATE TABLE review_scores (
    id TEXT PRIMARY KEY NOT NULL,
    assignment_id TEXT NOT NULL REFERENCES review_assignments (id),
    round INTEGER NOT NULL,
    criterion_id TEXT NOT NULL REFERENCES competition_criteria (id),
    points INTEGER,
    comment TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (assignment_id, round, criterion_id)
);

-- Open defence sessions (when the competition enables them). A session is
-- edited in place (updated_at) and cancelled, never deleted (cancelled_at):
-- it was public. Each proposal is in at most one session that is not
-- cancelled (enforced by the service).
CREATE TABLE defence_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    competition_id TEXT NOT NULL REFERENCES competitions (id),
    starts_at TIMESTAMP NOT NULL,
    place TEXT NOT NULL,
    online_url TEXT,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    cancelled_at TIMESTAMP
);
CREATE INDEX defence_sessions_competition ON defence_sessions (competition_id, starts_at);

CREATE TABLE defence_slots (
    session_id TEXT NOT NULL REFERENCES defence_sessions (id),
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (session_id, proposal_id)
);

-- How the review ended: complete, or closed early with a written reason
-- naming the missing assignments (missing_json; published with the results).
CREATE TABLE review_closures (
    competition_id TEXT PRIMARY KEY NOT NULL REFERENCES competitions (id),
    closed_at TIMESTAMP NOT NULL,
    closed_by TEXT NOT NULL REFERENCES users (id),
    reason TEXT,
    missing_json TEXT NOT NULL
);

-- The organizer's award overrides during deliberation, one per proposal
-- (action 'award' with amount, or 'exclude'); the reason is published.
CREATE TABLE review_overrides (
    id TEXT PRIMARY KEY NOT NULL,
    competition_id TEXT NOT NULL REFERENCES competitions (id),
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    action TEXT NOT NULL,
    amount_kopiyky BIGINT,
    reason TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (competition_id, proposal_id)
);

-- The frozen results document (canonical JSON, served byte-exact as
-- results.json) and its SHA-256. Written once at finalization.
CREATE TABLE competition_results (
    competition_id TEXT PRIMARY KEY NOT NULL REFERENCES competitions (id),
    document TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    finalized_at TIMESTAMP NOT NULL,
    finalized_by TEXT NOT NULL REFERENCES users (id),
    published_at TIMESTAMP
);
