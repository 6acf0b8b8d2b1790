import ArgumentParser

/// `turnout promote MODEL [--full | --to VERSION [--keep-shadow]]`.
struct Promote: ReleaseCommand {
    static let action = "promote"
    static let configuration = CommandConfiguration(
        commandName: action,
        abstract: "Move a release to its next step, or past the last step to the new version.",
        discussion: discussion("""
            A progressing or paused release moves one step on. Past the last step, or at once \
            with --full, the release is promoted: the new version gets all of the traffic, and \
            the previous stable version is remembered so that `turnout rollback` can return to \
            it. A canary has one step per weight below 100%; the other strategies have one \
            step, so promote promotes them straight away (for a blue-green release, that is \
            the switch).

            In a shadow release, promote makes the first shadow the primary and ends the \
            mirroring; --to VERSION makes that shadow the primary and starts a new shadow \
            release with the remaining shadows (and with the old primary as a shadow too, with \
            --keep-shadow), whose comparisons start afresh.
            """)
    )

    @Flag(help: "Skip the remaining steps and give the new version all of the traffic now.")
    var full = false

    @Option(help: ArgumentHelp("In a shadow release: the shadow version that becomes the primary.", valueName: "VERSION"))
    var to: String?

    @Flag(help: "With --to: keep the old primary as a shadow, so the comparison continues the other way round.")
    var keepShadow = false

    @OptionGroup var options: ReleaseCommandOptions

    func validate() throws {
        if to != nil && full { throw ValidationError("--to and --full cannot be used together") }
        if keepShadow && to == nil { throw ValidationError("--keep-shadow goes with --to VERSION") }
    }

    var query: String {
        if let to {
            let pairs: [(String, String?)] = [("to", to), ("keep_shadow", keepShadow ? "true" : nil)]
            return AdminClient.query(pairs)
        }
        return full ? AdminClient.query([("full", "true")]) : ""
    }
}
