import GRDB
import GRDBSQLite

/// Binds one row's values straight to a prepared insert and runs it. The decision log writes two
/// rows per request, and GRDB's `StatementArguments` (an array of existentials, bound through
/// nested closures) cost more than SQLite's own work on each row (decision 0027).
///
/// Only for plain inserts inside a transaction the store already holds: it skips GRDB's
/// statement bookkeeping, which serves transaction observers the store does not use.
struct SQLiteRowBinding {
    private let statement: Statement

    init(_ statement: Statement) {
        self.statement = statement
    }

    /// Binds text, or NULL, to the 1-based parameter `index`.
    func bind(_ text: String?, at index: CInt) throws {
        guard let text else { return try check(sqlite3_bind_null(statement.sqliteStatement, index), index) }
        // SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
        try check(text.withCString { sqlite3_bind_text(statement.sqliteStatement, index, $0, -1, Self.transient) }, index)
    }

    /// Binds an integer, or NULL, to the 1-based parameter `index`.
    func bind(_ integer: Int64?, at index: CInt) throws {
        guard let integer else { return try check(sqlite3_bind_null(statement.sqliteStatement, index), index) }
        try check(sqlite3_bind_int64(statement.sqliteStatement, index, integer), index)
    }

    /// Binds a real number to the 1-based parameter `index`.
    func bind(_ real: Double, at index: CInt) throws {
        try check(sqlite3_bind_double(statement.sqliteStatement, index, real), index)
    }

    /// Runs the statement once with what is bound, then clears it for the next row.
    func run() throws {
        let handle = statement.sqliteStatement
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    private func check(_ code: CInt, _ index: CInt) throws {
        guard code == SQLITE_OK else {
            sqlite3_clear_bindings(statement.sqliteStatement)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot bind parameter \(index)", sql: statement.sql)
        }
    }

    private static var transient: sqlite3_destructor_type { unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self) }
}
