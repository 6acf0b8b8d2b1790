import TurnoutFlags

/// Where a flag release reads the flags in force. The gateway's flag store conforms; it swaps
/// the whole set when a flag file changes, so a policy built once sees every reload.
public protocol FlagSource: Sendable {
    /// The flags in force now.
    var flags: FlagSet { get }
}
