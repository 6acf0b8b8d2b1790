/// The name of one instance of a version, for its log lines.
package struct InstanceName: Sendable, Hashable, CustomStringConvertible {
    package let key: InstanceKey
    /// The instance's number within its version, unique for the supervisor's lifetime.
    package let number: Int

    package init(key: InstanceKey, number: Int) {
        self.key = key
        self.number = number
    }

    package var description: String { "\(key)#\(number)" }
}
