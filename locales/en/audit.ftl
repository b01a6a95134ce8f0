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
