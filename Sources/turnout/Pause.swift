import ArgumentParser

/// `turnout pause MODEL`.
struct Pause: ReleaseCommand {
    static let action = "pause"
    static let configuration = CommandConfiguration(
        commandName: action,
        abstract: "Hold a progressing release at its current step.",
        discussion: discussion("""
            Traffic stays divided as the current step says, and nothing moves the release on \
            by itself until `turnout resume`. A paused release can still be promoted or aborted.
            """)
    )

    @OptionGroup var options: ReleaseCommandOptions
}
