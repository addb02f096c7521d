package store

// AccessChangedChannel is the PostgreSQL NOTIFY channel on which a trigger (migration 00007) announces, on
// commit, every change that a replica may hold in a cache: "key:<id>" when an API key is revoked or deleted,
// "client:<id>" when a client's settings (its rate limit) change.
const AccessChangedChannel = "kyc_access_changed"
