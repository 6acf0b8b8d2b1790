/// The instances of one version of one model, as the supervisor groups them.
package struct InstanceKey: Sendable, Hashable, CustomStringConvertible {
    /// The model's name.
    package let model: String
    /// The version's name within the model.
    package let version: String

    package init(model: String, version: String) {
        self.model = model
        self.version = version
    }

    package var description: String { "\(model)/\(version)" }
}
