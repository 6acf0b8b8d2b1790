import GRDB

extension SQLiteStore {
    /// The schema, as migrations that each run once per database file, in order.
    ///
    /// Never edit a registered migration: add a new one. Times are integer microseconds since 1970;
    /// interval starts are whole seconds since 1970.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-releases") { db in
            try db.execute(sql: """
                CREATE TABLE release (
                    model TEXT PRIMARY KEY NOT NULL,
                    spec TEXT NOT NULL,
                    phase TEXT NOT NULL,
                    step INTEGER NOT NULL,
                    controller_state TEXT NOT NULL,
                    revision INTEGER NOT NULL CHECK (revision > 0),
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE audit_event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time INTEGER NOT NULL,
                    model TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    from_state TEXT,
                    to_state TEXT,
                    reason TEXT
                );
                CREATE INDEX audit_event_by_model ON audit_event (model, id);
                """)
        }
        migrator.registerMigration("v2-observations") { db in
            try db.execute(sql: """
                CREATE TABLE decision (
                    request_id TEXT PRIMARY KEY NOT NULL,
                    time INTEGER NOT NULL,
                    model TEXT NOT NULL,
                    version TEXT NOT NULL,
                    unit_hash INTEGER,
                    reason TEXT NOT NULL,
                    probability REAL NOT NULL CHECK (probability >= 0 AND probability <= 1)
                ) WITHOUT ROWID;
                CREATE INDEX decision_by_model_time ON decision (model, time);
                CREATE TABLE outcome (
                    request_id TEXT PRIMARY KEY NOT NULL REFERENCES decision (request_id) ON DELETE CASCADE,
                    status INTEGER NOT NULL,
                    latency_us INTEGER NOT NULL,
                    error_kind TEXT
                ) WITHOUT ROWID;
                CREATE TABLE feedback (
                    request_id TEXT PRIMARY KEY NOT NULL REFERENCES decision (request_id) ON DELETE CASCADE,
                    reward REAL NOT NULL,
                    time INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE payload_sample (
                    request_id TEXT PRIMARY KEY NOT NULL REFERENCES decision (request_id) ON DELETE CASCADE,
                    request BLOB NOT NULL,
                    response BLOB NOT NULL,
                    truncated INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3-aggregates") { db in
            try db.execute(sql: """
                CREATE TABLE version_interval (
                    model TEXT NOT NULL,
                    version TEXT NOT NULL,
                    interval_start INTEGER NOT NULL,
                    count INTEGER NOT NULL,
                    errors INTEGER NOT NULL,
                    latency_histogram TEXT NOT NULL,
                    reward_count INTEGER NOT NULL,
                    reward_sum REAL NOT NULL,
                    reward_sum_squares REAL NOT NULL,
                    PRIMARY KEY (model, version, interval_start)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4-latency-sums") { db in
            // Sufficient statistics of latency, so it can be an A/B test's metric.
            try db.execute(sql: """
                ALTER TABLE version_interval ADD COLUMN latency_ms_sum REAL NOT NULL DEFAULT 0;
                ALTER TABLE version_interval ADD COLUMN latency_ms_sum_squares REAL NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("v5-default-rewards") { db in
            // A bandit gives a decision its default reward once the wait is over; a real reward
            // arriving later must be told apart from a replaced one.
            try db.execute(sql: "ALTER TABLE feedback ADD COLUMN is_default INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v6-model-state") { db in
            // Controllers' running state that is neither a release nor an observation, such as
            // the comparison of a shadow's answers with the primary's.
            try db.execute(sql: """
                CREATE TABLE model_state (
                    model TEXT NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (model, key)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v7-shadow-samples") { db in
            // A shadow's answer to a sampled mirrored request; the request and the primary's
            // answer are its payload_sample. No foreign key: the mirror may write before the
            // decision log does.
            try db.execute(sql: """
                CREATE TABLE shadow_sample (
                    request_id TEXT NOT NULL,
                    version TEXT NOT NULL,
                    model TEXT NOT NULL,
                    time INTEGER NOT NULL,
                    outcome TEXT NOT NULL,
                    status INTEGER,
                    latency_us INTEGER,
                    response BLOB NOT NULL,
                    truncated INTEGER NOT NULL,
                    PRIMARY KEY (request_id, version)
                ) WITHOUT ROWID;
                CREATE INDEX shadow_sample_by_model_time ON shadow_sample (model, time);
                """)
        }
        return migrator
    }

    /// `turnout_histogram_merge(a, b)`: the sum of two stored latency histograms, so that an
    /// aggregate upsert can add histograms the way it adds counts.
    static func histogramMergeFunction() -> DatabaseFunction {
        DatabaseFunction("turnout_histogram_merge", argumentCount: 2, pure: true) { values in
            var merged = LatencyHistogram()
            for value in values {
                guard let text = String.fromDatabaseValue(value) else { continue }
                merged.merge(try LatencyHistogram(jsonText: text))
            }
            return merged.jsonText
        }
    }
}
