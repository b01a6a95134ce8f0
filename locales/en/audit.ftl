audit-title = Audit log
audit-verify-ok = The log is intact: { $entries } { $entries ->
        [one] entry
       *[other] entries
    }, head hash { $head }.
audit-verify-broken = The log is broken: entry no. { $seq } ({ $reason }).
audit-broken-seq-gap = entry no. { $expected } is missing
audit-broken-chain-link = the entry does not link to the previous entry's hash
audit-broken-details-changed = the details do not match their SHA-256 hash
audit-broken-entry-changed = the entry does not match its hash
audit-actor-system = system
audit-actor-cli = command line
audit-details-private = The details are not public; their SHA-256 hash is part of the chain.
audit-lead = Every change of state on the platform is recorded here. Each entry holds the hash of the one before it, so no entry can be changed or removed unnoticed.
audit-verify-link = Verify the log's integrity
audit-filter-competition = Competition identifier
audit-filter-competition-hint = Leave empty to see all entries.
audit-filter-submit = Show
audit-hash = Entry hash
audit-prev-hash = Previous hash
audit-details-hash = Details hash
audit-empty = No entries.
audit-older = Older entries
audit-verify-title = Audit log verification
audit-verify-tag-ok = Intact
audit-verify-tag-broken = Broken
audit-verify-how = The check has just recomputed the hash of every entry from the first to the last. The rule is documented and anyone can repeat it from the published data.
audit-details-deferred = The details will be published with the competition results; their SHA-256 hash is already in the chain.
