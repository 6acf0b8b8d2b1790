import Testing
import TurnoutPostgres

@Suite("PostgreSQL store URLs")
struct PostgresLocationTests {
    @Test("a URL gives host, port, user, password and database; the description has no password")
    func readsURL() throws {
        let location = try PostgresLocation(url: "postgres://turnout:s3cret@db.example:6543/gateway", environment: [:])
        #expect(location == PostgresLocation(host: "db.example", port: 6543, username: "turnout", password: "s3cret", database: "gateway"))
        #expect(location.description == "postgres://turnout@db.example:6543/gateway")
        #expect(!"\(location)".contains("s3cret"))
        #expect(try PostgresLocation(url: "postgresql://u@h/d", environment: [:]).port == 5432)
    }

    @Test("password_env reads the password from the named variable, which must be set")
    func passwordFromEnvironment() throws {
        let location = try PostgresLocation(url: "postgres://u@h/d?password_env=PG_PASS", environment: ["PG_PASS": "from-env"])
        #expect(location.password == "from-env")
        #expect(!location.description.contains("from-env"))
        #expect(throws: PostgresLocationError("postgres://u@h/d?password_env=PG_PASS: the environment variable PG_PASS named by password_env is not set")) {
            try PostgresLocation(url: "postgres://u@h/d?password_env=PG_PASS", environment: [:])
        }
    }

    @Test("bad URLs are refused with messages that never quote the password")
    func refusals() {
        for url in ["postgres://u:hunter2@h", "postgres://:hunter2@h/d", "postgres://u:hunter2@h/d?sslmode=maybe", "postgres://u:hunter2@h/d?x=1"] {
            do {
                _ = try PostgresLocation(url: url, environment: [:])
                Issue.record("\(url) was accepted")
            } catch {
                #expect(!error.description.contains("hunter2"), "\(error)")
            }
        }
        #expect(throws: PostgresLocationError("postgres://u:***@h:70000/d: the port must be from 1 to 65535, got 70000")) {
            try PostgresLocation(url: "postgres://u:hunter2@h:70000/d", environment: [:])
        }
        #expect(throws: PostgresLocationError("postgres://u@h/d?sslmode=maybe: sslmode must be disable, prefer or require")) {
            try PostgresLocation(url: "postgres://u@h/d?sslmode=maybe", environment: [:])
        }
        #expect(PostgresLocation.redacting("postgres://u:hunter2@h:1/d") == "postgres://u:***@h:1/d")
        #expect(PostgresLocation.redacting("sqlite:x.db") == "sqlite:x.db")
    }
}
