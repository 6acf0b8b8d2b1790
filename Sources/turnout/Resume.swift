import ArgumentParser

/// `turnout resume MODEL`.
struct Resume: ReleaseCommand {
    static let action = "resume"
    static let configuration = CommandConfiguration(
        commandName: action,
        abstract: "Continue a paused release from the step it holds.",
        discussion: discussion("""
            Only a paused release can be resumed. It goes back to progressing at the same step, \
            with the same traffic split.
            """)
    )

    @OptionGroup var options: ReleaseCommandOptions
}
