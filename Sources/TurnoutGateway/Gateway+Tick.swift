extension Gateway {
    /// Runs one round of every release controller now, as the ticker does every 100 ms.
    ///
    /// For tests: moving a release by explicit rounds makes a test's outcome depend on the
    /// evidence it sent, not on how fast the machine runs the timer.
    package func tick() async {
        await controller.tick()
    }
}
