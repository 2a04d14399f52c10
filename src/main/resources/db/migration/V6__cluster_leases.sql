-- Work that only one instance may do at a time (Telegram allows one getUpdates poller per bot token): the
-- instance holding an unexpired lease does it and renews it; when it stops or dies the lease lapses and
-- another instance takes over.
CREATE TABLE cluster_leases (
    name        VARCHAR(64)  PRIMARY KEY,
    owner       VARCHAR(128) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
