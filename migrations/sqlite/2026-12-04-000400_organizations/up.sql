-- NGO profiles. One profile per EDRPOU code (the unique constraint backs the
-- friendly check in the service). Legal form and oblast are codes from
-- src/organizations/codes.rs; the registration date is an ISO date (YYYY-MM-DD).
CREATE TABLE organizations (
    id TEXT PRIMARY KEY NOT NULL,
    edrpou TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    legal_form TEXT NOT NULL,
    registered_on TEXT NOT NULL,
    oblast TEXT NOT NULL,
    address TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    website TEXT,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Who acts for an organization: role 'owner' or 'member'.
CREATE TABLE organization_members (
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    added_at TIMESTAMP NOT NULL,
    added_by TEXT,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_members_user ON organization_members (user_id);

-- Invitations by e-mail: single-use, expiring; only the token's hash is kept.
CREATE TABLE organization_invitations (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    invited_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP,
    accepted_by TEXT REFERENCES users (id),
    revoked_at TIMESTAMP
);
CREATE INDEX organization_invitations_org ON organization_invitations (organization_id, email);

-- Requests to join, from people who found their EDRPOU already registered.
CREATE TABLE organization_join_requests (
    id TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    message TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    dismissed_at TIMESTAMP
);
CREATE INDEX organization_join_requests_org ON organization_join_requests (organization_id, user_id);
