/// Every tree of a model in one flat structure of arrays.
///
/// Node `i` of the whole ensemble (trees concatenated, child indices already offset to global
/// positions) is described by the `i`-th entry of each array. There is no object per node, so
/// a traversal touches a few dense arrays and never retains or releases anything.
struct TreeEnsemble: Sendable, Equatable {
    /// The feature an internal node tests; 0 for leaves (never read).
    var splitFeatures: [Int32] = []
    /// The threshold of an internal node (`x < value` goes left), or a leaf's output value.
    var values: [Float] = []
    /// The global index of the left child, or -1 for a leaf.
    var leftChildren: [Int32] = []
    /// The global index of the right child, or -1 for a leaf.
    var rightChildren: [Int32] = []
    /// 1 when a missing feature value goes left.
    var defaultLeft: [UInt8] = []
    /// The global index of each tree's root.
    var roots: [Int32] = []
    /// The output group (class) each tree adds to.
    var groups: [Int32] = []

    var treeCount: Int { roots.count }
    var nodeCount: Int { values.count }
}
