extension JsonLogic {
    /// A JsonLogic evaluator with flagd's custom operators: `fractional` (hashing as flagd's
    /// current release, ``FractionalHashing/v2``), `sem_ver`, `starts_with` and `ends_with`.
    public static let flagd = makeFlagd(fractional: .v2)

    /// flagd's operators with v3 `fractional` hashing, built once like ``flagd``.
    private static let flagdV3 = makeFlagd(fractional: .v3)

    /// flagd's operators with `fractional` hashing as `hashing` says (a shared instance).
    public static func flagd(fractional hashing: FractionalHashing) -> JsonLogic {
        switch hashing {
        case .v2: flagd
        case .v3: flagdV3
        }
    }

    private static func makeFlagd(fractional hashing: FractionalHashing) -> JsonLogic {
        JsonLogic(customOperators: [
            "fractional": { arguments, data in FractionalOperator.evaluate(arguments, data: data, hashing: hashing) },
            "sem_ver": { arguments, _ in SemanticVersionOperator.evaluate(arguments) },
            "starts_with": { arguments, _ in StringComparisonOperator.startsWith(arguments) },
            "ends_with": { arguments, _ in StringComparisonOperator.endsWith(arguments) },
        ])
    }
}
