/// A plain-text table with aligned columns, as the admin commands print them.
///
/// Columns are separated by two spaces; numeric columns are right-aligned so their digits
/// line up. Lines carry no trailing spaces, so a last column of free text (a reason) costs
/// nothing when it is short.
package struct TextTable {
    /// How a column's cells sit within its width.
    package enum Alignment {
        case left
        case right
    }

    /// One column: its heading and alignment.
    package struct Column {
        package let heading: String
        package let alignment: Alignment

        package init(_ heading: String, _ alignment: Alignment = .left) {
            self.heading = heading
            self.alignment = alignment
        }
    }

    package let columns: [Column]
    package private(set) var rows: [[String]] = []

    package init(_ columns: [Column]) {
        self.columns = columns
    }

    /// Adds a row; missing cells are empty and extra cells are dropped, so a caller's slip
    /// shows as a blank cell rather than a crash.
    package mutating func append(_ cells: [String]) {
        rows.append((0..<columns.count).map { $0 < cells.count ? cells[$0] : "" })
    }

    /// The heading line followed by one line per row.
    package func render() -> String {
        let lines = [columns.map(\.heading)] + rows
        let widths = columns.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { line(for: $0, widths: widths) }.joined(separator: "\n")
    }

    private func line(for cells: [String], widths: [Int]) -> String {
        let padded = cells.enumerated().map { index, cell in
            let fill = String(repeating: " ", count: widths[index] - cell.count)
            return columns[index].alignment == .right ? fill + cell : cell + fill
        }
        var text = padded.joined(separator: "  ")
        while text.last == " " { text.removeLast() }
        return text
    }
}
