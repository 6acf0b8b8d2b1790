import ArgumentParser

/// `turnout promote MODEL [--full]`.
struct Promote: ReleaseCommand {
    static let action = "promote"
    static let configuration = CommandConfiguration(
        commandName: action,
        abstract: "Move a release to its next step, or past the last step to the new version.",
        discussion: discussion("""
            A progressing or paused release moves one step on. Past the last step, or at once \
            with --full, the release is promoted: the new version gets all of the traffic, and \
            the previous stable version is remembered so that `turnout rollback` can return to \
            it. Strategies without steps (single, split, flag) have one step, so promote \
            promotes them straight away.
            """)
    )

    @Flag(help: "Skip the remaining steps and give the new version all of the traffic now.")
    var full = false

    @OptionGroup var options: ReleaseCommandOptions

    var query: String { full ? AdminClient.query([("full", "true")]) : "" }
}
