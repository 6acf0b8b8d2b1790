import PostgresNIO

extension PostgresStore {
    /// One schema change, applied once per database.
    struct Migration {
        var name: String
        var statements: [String]
    }

    /// The key of the transaction-level advisory lock migrations run under, so replicas that
    /// start together migrate one after the other (the second finds nothing left to do).
    static let migrationLockKey: Int64 = 0x7475_726E_6F75_7401

    /// Applies the migrations not yet recorded, all in one transaction under the advisory lock.
    ///
    /// On a connection of its own, made before the pool runs.
    func migrate() async throws {
        let connection = try await PostgresConnection.connect(configuration: try connectionConfiguration(), id: 2, logger: logger)
        do {
            try await migrate(on: connection)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    private func migrate(on connection: PostgresConnection) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLockKey))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS turnout_migration (
                    name TEXT PRIMARY KEY, position BIGINT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied = Set<String>()
            for try await name in try await connection.query("SELECT name FROM turnout_migration", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            for (position, migration) in Self.migrations(upTo: options.schemaUpTo).enumerated() where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO turnout_migration (name, position) VALUES (\(migration.name), \(position))", logger: logger)
            }
        }
    }

    /// The registered migrations, up to and including `last` when given.
    static func migrations(upTo last: String?) -> ArraySlice<Migration> {
        guard let last, let end = migrations.firstIndex(where: { $0.name == last }) else { return migrations[...] }
        return migrations[...end]
    }

    /// The schema migrations applied so far, oldest first.
    package func appliedMigrations() async throws -> [String] {
        var names: [String] = []
        for try await name in try await client.query("SELECT name FROM turnout_migration ORDER BY position", logger: logger).decode(String.self) {
            names.append(name)
        }
        return names
    }

    /// The schema, as migrations with the same names and meaning as the SQLite store's.
    ///
    /// Never edit a registered migration: add a new one. Times are integer microseconds since 1970;
    /// interval starts are whole seconds since 1970.
    static let migrations: [Migration] = [
        Migration(name: "v1-releases", statements: [
            """
            CREATE TABLE release (
                model TEXT PRIMARY KEY,
                spec TEXT NOT NULL,
                phase TEXT NOT NULL,
                step BIGINT NOT NULL,
                controller_state TEXT NOT NULL,
                revision BIGINT NOT NULL CHECK (revision > 0),
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE audit_event (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                time BIGINT NOT NULL,
                model TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                from_state TEXT,
                to_state TEXT,
                reason TEXT
            )
            """,
            "CREATE INDEX audit_event_by_model ON audit_event (model, id)",
        ]),
        Migration(name: "v2-observations", statements: [
            """
            CREATE TABLE decision (
                request_id TEXT PRIMARY KEY,
                time BIGINT NOT NULL,
                model TEXT NOT NULL,
                version TEXT NOT NULL,
                unit_hash BIGINT,
                reason TEXT NOT NULL,
                probability DOUBLE PRECISION NOT NULL CHECK (probability >= 0 AND probability <= 1)
            )
            """,
            "CREATE INDEX decision_by_model_time ON decision (model, time)",
            """
            CREATE TABLE outcome (
                request_id TEXT PRIMARY KEY REFERENCES decision (request_id) ON DELETE CASCADE,
                status BIGINT NOT NULL,
                latency_us BIGINT NOT NULL,
                error_kind TEXT
            )
            """,
            """
            CREATE TABLE feedback (
                request_id TEXT PRIMARY KEY REFERENCES decision (request_id) ON DELETE CASCADE,
                reward DOUBLE PRECISION NOT NULL,
                time BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE payload_sample (
                request_id TEXT PRIMARY KEY REFERENCES decision (request_id) ON DELETE CASCADE,
                request BYTEA NOT NULL,
                response BYTEA NOT NULL,
                truncated BOOLEAN NOT NULL
            )
            """,
        ]),
        Migration(name: "v3-aggregates", statements: [
            // A latency histogram is a JSON object of bucket → count; merging two adds the counts
            // bucket by bucket, so an upsert can add histograms the way it adds counts.
            """
            CREATE FUNCTION turnout_histogram_merge(a JSONB, b JSONB) RETURNS JSONB LANGUAGE SQL IMMUTABLE AS $$
                SELECT COALESCE(jsonb_object_agg(key, total), '{}'::jsonb) FROM (
                    SELECT key, SUM(value::BIGINT) AS total
                    FROM (SELECT * FROM jsonb_each_text(a) UNION ALL SELECT * FROM jsonb_each_text(b)) AS parts
                    GROUP BY key
                ) AS sums
            $$
            """,
            """
            CREATE TABLE version_interval (
                model TEXT NOT NULL,
                version TEXT NOT NULL,
                interval_start BIGINT NOT NULL,
                count BIGINT NOT NULL,
                errors BIGINT NOT NULL,
                latency_histogram JSONB NOT NULL,
                reward_count BIGINT NOT NULL,
                reward_sum DOUBLE PRECISION NOT NULL,
                reward_sum_squares DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (model, version, interval_start)
            )
            """,
        ]),
        Migration(name: "v4-latency-sums", statements: [
            // Sufficient statistics of latency, so it can be an A/B test's metric.
            "ALTER TABLE version_interval ADD COLUMN latency_ms_sum DOUBLE PRECISION NOT NULL DEFAULT 0",
            "ALTER TABLE version_interval ADD COLUMN latency_ms_sum_squares DOUBLE PRECISION NOT NULL DEFAULT 0",
        ]),
        Migration(name: "v5-default-rewards", statements: [
            // A bandit's default reward must be told apart from a real one that arrives late.
            "ALTER TABLE feedback ADD COLUMN is_default BOOLEAN NOT NULL DEFAULT FALSE",
        ]),
        Migration(name: "v6-model-state", statements: [
            """
            CREATE TABLE model_state (
                model TEXT NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (model, key)
            )
            """,
        ]),
        Migration(name: "v7-shadow-samples", statements: [
            // No foreign key: the mirror may write before the decision log does.
            """
            CREATE TABLE shadow_sample (
                request_id TEXT NOT NULL,
                version TEXT NOT NULL,
                model TEXT NOT NULL,
                time BIGINT NOT NULL,
                outcome TEXT NOT NULL,
                status BIGINT,
                latency_us BIGINT,
                response BYTEA NOT NULL,
                truncated BOOLEAN NOT NULL,
                PRIMARY KEY (request_id, version)
            )
            """,
            "CREATE INDEX shadow_sample_by_model_time ON shadow_sample (model, time)",
        ]),
        Migration(name: "v8-replicas", statements: [
            // PostgreSQL only: the replicas sharing the database, their heartbeats and the leader.
            """
            CREATE TABLE turnout_replica (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                heartbeat_at BIGINT NOT NULL,
                leader_since BIGINT
            )
            """,
        ]),
    ]
}
