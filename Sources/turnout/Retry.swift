import ArgumentParser

/// `turnout retry MODEL`.
struct Retry: ReleaseCommand {
    static let action = "retry"
    static let configuration = CommandConfiguration(
        commandName: action,
        abstract: "Restart an aborted release from its first step.",
        discussion: discussion("""
            Only an aborted release can be retried. It goes back to progressing at step 1, and \
            traffic is divided as that step says again.
            """)
    )

    @OptionGroup var options: ReleaseCommandOptions
}
