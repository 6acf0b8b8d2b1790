/// The per-row rules that turn a row-major block of class scores or values into one label and
/// one prediction per row, shared by the V2 and V1 readers.
enum RowReduction {
    /// The index of the first largest value of each row; NaN never wins and an all-NaN row gets 0.
    static func argmaxLabels(_ values: [Double], rowCount: Int, width: Int) -> [String] {
        (0..<rowCount).map { row in
            var best = 0
            var bestValue = -Double.infinity
            var seen = false
            for column in 0..<width {
                let value = values[row * width + column]
                if !value.isNaN && (!seen || value > bestValue) {
                    best = column
                    bestValue = value
                    seen = true
                }
            }
            return String(best)
        }
    }

    /// One number per row for drift: the value itself when a row holds one, the class-1 column
    /// of two, the largest (top-1 probability) of more; empty when rows hold no values.
    static func predictions(_ values: [Double], rowCount: Int, width: Int) -> [Double] {
        switch width {
        case 0: return []
        case 1: return values
        case 2: return (0..<rowCount).map { values[$0 * 2 + 1] }
        default:
            return (0..<rowCount).map { row in
                values[row * width..<(row + 1) * width].lazy.filter { !$0.isNaN }.max() ?? .nan
            }
        }
    }
}
