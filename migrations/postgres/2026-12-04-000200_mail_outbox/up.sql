-- Outgoing mail. Services insert rows inside their own transaction, rendered
-- at that moment; a worker claims due rows with a lease and sends them.
CREATE TABLE mail_outbox (
    id TEXT PRIMARY KEY NOT NULL,
    created_at TIMESTAMP NOT NULL,
    to_address TEXT NOT NULL,
    to_name TEXT,
    lang TEXT NOT NULL CHECK (lang IN ('uk', 'en')),
    template TEXT NOT NULL,
    data TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_by TEXT,
    claimed_until TIMESTAMP,
    sent_at TIMESTAMP,
    last_error TEXT
);

-- The worker's query: due rows by status and time.
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
