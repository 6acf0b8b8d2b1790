extension JsonLogic {
    /// The operators that decide themselves which arguments to evaluate; `nil` for any other.
    func applyControlFlow(_ name: String, arguments: [JSONValue], data: JSONValue) throws(JsonLogicError) -> JSONValue? {
        switch name {
        case "if", "?:": try applyIf(arguments, data: data)
        case "and": try applyAnd(arguments, data: data)
        case "or": try applyOr(arguments, data: data)
        case "filter": .array(try filter(arguments, data: data))
        case "map": try applyMap(arguments, data: data)
        case "reduce": try applyReduce(arguments, data: data)
        case "all": try applyAll(arguments, data: data)
        case "some": .bool(!(try filter(arguments, data: data)).isEmpty)
        case "none": .bool((try filter(arguments, data: data)).isEmpty)
        default: nil
        }
    }

    /// `if`: condition/result pairs, an optional trailing else, null when nothing matches.
    private func applyIf(_ arguments: [JSONValue], data: JSONValue) throws(JsonLogicError) -> JSONValue {
        var index = 0
        while index + 1 < arguments.count {
            if try apply(arguments[index], to: data).isTruthy {
                return try apply(arguments[index + 1], to: data)
            }
            index += 2
        }
        if index == arguments.count - 1 {
            return try apply(arguments[index], to: data)
        }
        return .null
    }

    /// `and`: the first falsy value, or the last value.
    private func applyAnd(_ arguments: [JSONValue], data: JSONValue) throws(JsonLogicError) -> JSONValue {
        var current = JSONValue.null
        for argument in arguments {
            current = try apply(argument, to: data)
            if !current.isTruthy { return current }
        }
        return current
    }

    /// `or`: the first truthy value, or the last value.
    private func applyOr(_ arguments: [JSONValue], data: JSONValue) throws(JsonLogicError) -> JSONValue {
        var current = JSONValue.null
        for argument in arguments {
            current = try apply(argument, to: data)
            if current.isTruthy { return current }
        }
        return current
    }

    /// The array the first argument evaluates to, or `nil` when it is not an array.
    private func scopedArray(_ arguments: [JSONValue], data: JSONValue) throws(JsonLogicError) -> [JSONValue]? {
        guard let first = arguments.first else { return nil }
        return try apply(first, to: data).arrayValue
    }

    private func filter(_ arguments: [JSONValue], data: JSONValue) throws(JsonLogicError) -> [JSONValue] {
        guard let items = try scopedArray(arguments, data: data) else { return [] }
        let logic = arguments.count > 1 ? arguments[1] : .null
        var kept: [JSONValue] = []
        for item in items where try apply(logic, to: item).isTruthy {
            kept.append(item)
        }
        return kept
    }

    private func applyMap(_ arguments: [JSONValue], data: JSONValue) throws(JsonLogicError) -> JSONValue {
        guard let items = try scopedArray(arguments, data: data) else { return .array([]) }
        let logic = arguments.count > 1 ? arguments[1] : .null
        var mapped: [JSONValue] = []
        mapped.reserveCapacity(items.count)
        for item in items {
            mapped.append(try apply(logic, to: item))
        }
        return .array(mapped)
    }

    /// `reduce`: folds with data `{"current": item, "accumulator": acc}`, starting from the
    /// evaluated third argument (null when absent).
    private func applyReduce(_ arguments: [JSONValue], data: JSONValue) throws(JsonLogicError) -> JSONValue {
        let initial = arguments.count > 2 ? try apply(arguments[2], to: data) : .null
        guard let items = try scopedArray(arguments, data: data) else { return initial }
        let logic = arguments.count > 1 ? arguments[1] : .null
        var accumulator = initial
        for item in items {
            accumulator = try apply(logic, to: .object(["current": item, "accumulator": accumulator]))
        }
        return accumulator
    }

    /// `all`: false for an empty (or non-array) input, as json-logic-js defines it.
    private func applyAll(_ arguments: [JSONValue], data: JSONValue) throws(JsonLogicError) -> JSONValue {
        guard let items = try scopedArray(arguments, data: data), !items.isEmpty else { return .bool(false) }
        let logic = arguments.count > 1 ? arguments[1] : .null
        for item in items where !(try apply(logic, to: item).isTruthy) {
            return .bool(false)
        }
        return .bool(true)
    }
}
