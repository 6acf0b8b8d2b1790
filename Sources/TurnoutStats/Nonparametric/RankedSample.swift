/// Midranks of a pooled sample and the sizes of its tie groups.
struct RankedSample {
    /// Rank of each pooled value (1-based, ties get the average of their positions).
    let ranks: [Double]
    /// `Σ (t³ - t)` over tie groups of size `t`, for the variance's tie correction.
    let tieTerm: Double

    init(_ values: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var tieTerm = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            // Positions start...end (0-based) share the average rank.
            let averageRank = Double(start + end) / 2 + 1
            for position in start...end { ranks[order[position]] = averageRank }
            let size = Double(end - start + 1)
            tieTerm += size * size * size - size
            start = end + 1
        }
        self.ranks = ranks
        self.tieTerm = tieTerm
    }
}
