-- The append-only, hash-chained audit log (see src/audit/). seq numbers the
-- chain 1, 2, 3 … without gaps; hash = SHA-256(prev_hash || canonical entry).
-- The UNIQUE constraints on seq and prev_hash are the last line of defence
-- against a forked chain if two writers ever raced past the append lock.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    seq BIGINT NOT NULL UNIQUE CHECK (seq >= 1),
    at TIMESTAMP NOT NULL,
    actor_id TEXT,
    actor_label TEXT NOT NULL,
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT,
    competition_id TEXT,
    details TEXT NOT NULL,
    details_sha256 TEXT NOT NULL,
    public BOOLEAN NOT NULL,
    prev_hash TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_competition ON audit_log (competition_id, seq);

-- Append-only: rows are never deleted, and only `public` (not covered by the
-- hash, so details can be disclosed later) may change. This stops bugs, not
-- a database administrator; the hash chain is what makes tampering visible.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND (to_jsonb(NEW) - 'public') = (to_jsonb(OLD) - 'public') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
