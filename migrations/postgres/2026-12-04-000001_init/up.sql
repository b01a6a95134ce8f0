-- Instance-wide settings an admin can change at run time (key → JSON value).
CREATE TABLE instance_settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- One row; SQLite write transactions update it first to take the write lock.
CREATE TABLE write_lock (
    id INTEGER PRIMARY KEY NOT NULL,
    n BIGINT NOT NULL
);
INSERT INTO write_lock (id, n) VALUES (1, 0);
