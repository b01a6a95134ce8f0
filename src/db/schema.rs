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
