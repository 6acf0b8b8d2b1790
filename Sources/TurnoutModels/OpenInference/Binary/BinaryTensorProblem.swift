/// Why a tensor's binary data does not match what its header declares; the caller adds which
/// input or output it is.
struct BinaryTensorProblem: Error, Sendable, Equatable {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
