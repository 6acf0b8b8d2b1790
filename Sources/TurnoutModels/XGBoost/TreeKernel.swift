/// The inner loop of prediction: unchecked pointers into a validated `TreeEnsemble`.
///
/// Only built by `XGBoostModel.withKernel`, after loading proved every child and feature index
/// in range, so the traversal needs no bounds checks.
struct TreeKernel {
    let features: UnsafePointer<Int32>
    let values: UnsafePointer<Float>
    let left: UnsafePointer<Int32>
    let right: UnsafePointer<Int32>
    let defaultLeft: UnsafePointer<UInt8>
    let roots: UnsafePointer<Int32>
    let groups: UnsafePointer<Int32>?
    let treeCount: Int

    /// The leaf value `row` reaches in the tree rooted at `root`.
    @inline(__always)
    func leafValue(root: Int32, row: UnsafePointer<Float>) -> Float {
        var node = Int(root)
        while true {
            let leftChild = left[node]
            if leftChild < 0 { return values[node] }
            let x = row[Int(features[node])]
            // NaN fails `x < threshold`, so it goes right unless the node's default is left.
            let goesLeft = x < values[node] || (x.isNaN && defaultLeft[node] != 0)
            node = Int(goesLeft ? leftChild : right[node])
        }
    }

    /// The margin of a single-output model: the intercept plus every tree's leaf, summed in
    /// tree order in single precision as XGBoost does.
    @inline(__always)
    func singleMargin(row: UnsafePointer<Float>, base: Float) -> Float {
        var margin = base
        for tree in 0..<treeCount { margin += leafValue(root: roots[tree], row: row) }
        return margin
    }

    /// The margins of every output group, each tree adding to the group it belongs to.
    @inline(__always)
    func groupedMargins(row: UnsafePointer<Float>, bases: [Float], into margins: UnsafeMutablePointer<Float>) {
        for group in bases.indices { margins[group] = bases[group] }
        guard let groups else { return }
        for tree in 0..<treeCount {
            margins[Int(groups[tree])] += leafValue(root: roots[tree], row: row)
        }
    }
}
