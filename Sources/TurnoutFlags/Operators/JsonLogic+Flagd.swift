extension JsonLogic {
    /// A JsonLogic evaluator with flagd's custom operators: `fractional`, `sem_ver`,
    /// `starts_with` and `ends_with`.
    public static let flagd = JsonLogic(customOperators: [
        "fractional": { arguments, data in FractionalOperator.evaluate(arguments, data: data) },
        "sem_ver": { arguments, _ in SemanticVersionOperator.evaluate(arguments) },
        "starts_with": { arguments, _ in StringComparisonOperator.startsWith(arguments) },
        "ends_with": { arguments, _ in StringComparisonOperator.endsWith(arguments) },
    ])
}
