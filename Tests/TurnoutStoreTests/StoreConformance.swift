import Testing

/// The behaviour every ``Store`` implementation must have, each test run once per
/// implementation (``StoreKind/available``): SQLite always, PostgreSQL when a test server is
/// given (always under CI).
@Suite("Store conformance")
enum StoreConformance {}
