import ArgumentParser

/// `turnout rollback MODEL`.
struct Rollback: ReleaseCommand {
    static let action = "rollback"
    static let configuration = CommandConfiguration(
        commandName: action,
        abstract: "After promotion, send all traffic back to the previous stable version.",
        discussion: discussion("""
            For a promoted or completed release: all traffic returns to the version that was \
            stable before this release, and the release ends up aborted. The gateway refuses \
            when there is no previous stable version, or when the rollback window, counted \
            from the promotion, has closed. Before promotion, use `turnout abort`.
            """)
    )

    @OptionGroup var options: ReleaseCommandOptions
}
