extension ReleaseController {
    /// One round of every strategy's controller: A/B tests, bandits, canaries and blue-green
    /// releases, each acting only when its own interval is due.
    ///
    /// Each is driven the same way: step its pure controller, gather the observations the step
    /// asks for, step again with them, and hand the step to ``carryOut(_:model:revision:label:checks:now:)``,
    /// which changes releases through ``ReleaseLifecycle`` only.
    ///
    /// The one loop that moves releases without an operator: ``ReleaseTicker`` calls it on a
    /// timer, and tests call it (through `Gateway.tick()`) to move a release by rounds rather
    /// than by waiting for the timer.
    func tick() async {
        await driveABTests()
        await updateBandits()
        await driveRollouts()
    }
}
