/// One output tensor of a response, checked and flattened: either floating-point values or
/// label text, with the shape that splits them into rows.
struct OutputTensor {
    /// The values, by kind of datatype.
    enum Values {
        /// FP16, BF16, FP32 or FP64 values (NaN for `null`).
        case floating([Double])
        /// BYTES, BOOL or integer values as label text.
        case labels([String])
    }

    /// The output's name.
    var name: String
    /// The declared shape; empty for a scalar.
    var shape: [Int]
    /// The flattened values, row-major.
    var values: Values

    /// The number of rows: the first dimension, or 1 for a scalar.
    var rowCount: Int { shape.first ?? 1 }

    /// The number of values per row: the product of the dimensions after the first.
    var valuesPerRow: Int { shape.dropFirst().reduce(1, *) }

    /// True for a floating-point tensor whose rows hold at least two values (class scores).
    var hasClassColumns: Bool {
        guard case .floating = values else { return false }
        return shape.count >= 2 && valuesPerRow >= 2
    }

    /// The floating-point values, or nil for a label tensor.
    var floatingValues: [Double]? {
        if case .floating(let numbers) = values { return numbers }
        return nil
    }

    /// One label per row: the row's value, or its values joined by `,`.
    var rowLabels: [String]? {
        guard case .labels(let texts) = values else { return nil }
        let width = valuesPerRow
        if width == 1 { return texts }
        return (0..<rowCount).map { row in texts[row * width..<(row + 1) * width].joined(separator: ",") }
    }
}
