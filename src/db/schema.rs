//! Table definitions, written by hand with portable types only
//! (Text, BigInt, Integer, Bool, Timestamp).

diesel::table! {
    instance_settings (key) {
        key -> Text,
        value -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    write_lock (id) {
        id -> Integer,
        n -> BigInt,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        seq -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_label -> Text,
        action -> Text,
        subject_type -> Text,
        subject_id -> Nullable<Text>,
        competition_id -> Nullable<Text>,
        details -> Text,
        details_sha256 -> Text,
        public -> Bool,
        prev_hash -> Text,
        hash -> Text,
    }
}
