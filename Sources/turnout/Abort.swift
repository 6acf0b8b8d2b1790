import ArgumentParser

/// `turnout abort MODEL`.
struct Abort: ReleaseCommand {
    static let action = "abort"
    static let configuration = CommandConfiguration(
        commandName: action,
        abstract: "Stop a release and send all traffic back to the previous stable version.",
        discussion: discussion("""
            Allowed while the release is progressing, paused or promoted. All traffic goes at \
            once to the version that was stable before this release (for a first release, the \
            first version listed). The step is kept, so the record shows where the release \
            stopped; `turnout retry` starts it again.
            """)
    )

    @OptionGroup var options: ReleaseCommandOptions
}
