import Foundation
import TurnoutCore

/// A strategy whose releases move without an operator, on the controller's timer.
///
/// The strategy's spec type conforms in its one Gateway file (`ReleaseController+<Name>.swift`),
/// which gathers the observations its pure controller asks for and hands the controller's step
/// to ``ReleaseController/carryOut(_:model:revision:label:checks:now:)``. ``ReleaseController/tick()``
/// finds the conformance by a cast and keeps the progress, so a new driven strategy adds no line
/// anywhere else in the Gateway.
protocol DrivenStrategy: StrategySpec {
    /// One tick of the release of `model`, on the controller's actor: read the progress kept
    /// with ``ReleaseController/progress(of:as:)``, step the controller, keep the new progress
    /// with ``ReleaseController/keep(_:of:)``, carry out what it decided.
    func tick(_ model: String, managed: ManagedRelease, on controller: isolated ReleaseController) async

    /// The progress the strategy stored (with ``ReleaseController/saveProgress(_:of:)``) before a
    /// restart, or `nil` when it stores none or the record cannot be read.
    static func restoredProgress(from stored: Data) -> (any Sendable)?
}

extension DrivenStrategy {
    /// Nothing stored: the controller starts again from the release's last transition.
    static func restoredProgress(from stored: Data) -> (any Sendable)? { nil }
}
