import Foundation

/// Rows of features (and optional labels) read from a CSV file, to replay against a model.
package struct LoadDataSet: Sendable {
    /// Names of the feature columns, in order.
    package let featureNames: [String]
    /// One feature vector per row.
    package let rows: [[Float]]
    /// The label of each row when a label column was given.
    package let labels: [Int]?

    /// A CSV file that cannot be used, with the line and column at fault.
    package struct Problem: Error, CustomStringConvertible, Sendable {
        package let description: String
    }

    /// Parses CSV text with a header row; every column but `labelColumn` is a numeric feature.
    /// Empty cells and `nan` are missing values.
    package init(csv text: String, labelColumn: String?) throws(Problem) {
        var lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        guard !lines.isEmpty else { throw Problem(description: "the file is empty; expected a header row and data rows") }
        let header = lines.removeFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        var labelIndex: Int?
        if let labelColumn {
            guard let index = header.firstIndex(of: labelColumn) else {
                throw Problem(description: "no column named '\(labelColumn)' (columns: \(header.joined(separator: ", ")))")
            }
            labelIndex = index
        }
        guard !lines.isEmpty else { throw Problem(description: "the file has a header but no data rows") }
        var rows: [[Float]] = []
        var labels: [Int] = []
        for (offset, cells) in lines.enumerated() {
            let line = offset + 2
            guard cells.count == header.count else {
                throw Problem(description: "line \(line): \(cells.count) cells, the header has \(header.count)")
            }
            var row: [Float] = []
            row.reserveCapacity(header.count)
            for (column, cell) in cells.enumerated() {
                let text = cell.trimmingCharacters(in: .whitespaces)
                if column == labelIndex {
                    guard let label = Int(text) ?? Double(text).flatMap({ $0.rounded() == $0 ? Int($0) : nil }) else {
                        throw Problem(description: "line \(line), column \(header[column]): label '\(text)' is not a whole number")
                    }
                    labels.append(label)
                } else if text.isEmpty || text.lowercased() == "nan" {
                    row.append(.nan)
                } else if let value = Float(text) {
                    row.append(value)
                } else {
                    throw Problem(description: "line \(line), column \(header[column]): '\(text)' is not a number")
                }
            }
            rows.append(row)
        }
        self.featureNames = header.enumerated().filter { $0.offset != labelIndex }.map(\.element)
        self.rows = rows
        self.labels = labelIndex == nil ? nil : labels
    }
}
