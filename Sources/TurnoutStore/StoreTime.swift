import Foundation

/// How the stores write times: integer microseconds since 1970, exact and sortable.
package enum StoreTime {
    package static func micros(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    package static func date(micros: Int64) -> Date {
        Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    /// Start, in whole seconds since 1970, of the `seconds`-long interval that contains `date`.
    package static func intervalStart(of date: Date, seconds: Int64) -> Int64 {
        let epochSeconds = Int64(date.timeIntervalSince1970.rounded(.down))
        // Floor division, so times before 1970 still land in the interval that contains them.
        let quotient = epochSeconds / seconds - (epochSeconds % seconds < 0 ? 1 : 0)
        return quotient * seconds
    }
}
