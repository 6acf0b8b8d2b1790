/// Turns a parsed XGBoost JSON document into a validated `XGBoostModel`.
///
/// Reads the schema XGBoost 1.x to 3.x write with `Booster.save_model("m.json")`:
/// `learner.learner_model_param`, `learner.objective.name` and
/// `learner.gradient_booster.model.{trees, tree_info}`. Everything a traversal depends on
/// (array lengths, child indices, feature indices, reachability) is checked here so that
/// prediction can run without bounds checks.
struct XGBoostModelParser {
    let root: JSONValue

    func parse() throws(XGBoostModelError) -> XGBoostModel {
        guard case .object = root else { throw XGBoostModelError("the document is \(root.kindName), expected an object") }
        let learner = try member(root, "learner", path: "")
        let parameters = try member(learner, "learner_model_param", path: "learner")
        let objective = try parseObjective(learner)
        let featureCount = try integerParameter(parameters, "num_feature", minimum: 1)
        let classParameter = try integerParameter(parameters, "num_class", minimum: 0, default: 0)
        if let targets = parameters["num_target"], try integer(targets, path: "learner.learner_model_param.num_target") > 1 {
            throw XGBoostModelError("learner.learner_model_param.num_target is greater than 1: multi-target models are not supported")
        }
        let groupCount = try groupCount(objective: objective, classParameter: classParameter)
        let baseMargins = try parseBaseMargins(parameters, objective: objective, groupCount: groupCount)
        let booster = try member(learner, "gradient_booster", path: "learner")
        if let name = booster["name"]?.stringValue, name != "gbtree" {
            throw XGBoostModelError("learner.gradient_booster.name is '\(name)': only 'gbtree' boosters are supported")
        }
        let model = try member(booster, "model", path: "learner.gradient_booster")
        let ensemble = try parseTrees(model, featureCount: featureCount, groupCount: groupCount)
        return XGBoostModel(
            objective: objective,
            featureCount: featureCount,
            groupCount: groupCount,
            baseMargins: baseMargins,
            ensemble: ensemble
        )
    }

    // MARK: Learner parameters

    private func parseObjective(_ learner: JSONValue) throws(XGBoostModelError) -> XGBoostObjective {
        let objective = try member(learner, "objective", path: "learner")
        guard let name = objective["name"]?.stringValue else {
            throw XGBoostModelError("learner.objective.name is missing or not a string")
        }
        guard let known = XGBoostObjective(xgboostName: name) else {
            let supported = XGBoostObjective.allCases.map(\.rawValue).joined(separator: ", ")
            throw XGBoostModelError("learner.objective.name '\(name)' is not supported (supported: \(supported))")
        }
        return known
    }

    private func groupCount(objective: XGBoostObjective, classParameter: Int) throws(XGBoostModelError) -> Int {
        if objective.isMultiClass {
            guard classParameter >= 2 else {
                throw XGBoostModelError("learner.learner_model_param.num_class is \(classParameter), \(objective.rawValue) needs at least 2")
            }
            return classParameter
        }
        guard classParameter <= 1 else {
            throw XGBoostModelError("learner.learner_model_param.num_class is \(classParameter) but \(objective.rawValue) has one output")
        }
        return 1
    }

    /// Reads `base_score` ("5E-1" in 1.x/2.x, "[5E-1]" or one value per class in 3.x) and
    /// converts it to the margin every prediction starts from.
    private func parseBaseMargins(
        _ parameters: JSONValue, objective: XGBoostObjective, groupCount: Int
    ) throws(XGBoostModelError) -> [Float] {
        let path = "learner.learner_model_param.base_score"
        let text: String
        switch parameters["base_score"] {
        case .string(let value)?: text = value
        case .number(let value)?: text = value
        case nil: text = "0.5"  // XGBoost's default intercept
        case let other?: throw XGBoostModelError("\(path) is \(other.kindName), expected a number in a string")
        }
        var body = Substring(text.filter { $0 != " " })
        if body.hasPrefix("[") && body.hasSuffix("]") { body = body.dropFirst().dropLast() }
        var scores: [Float] = []
        for part in body.split(separator: ",", omittingEmptySubsequences: false) {
            guard let score = Float(String(part)), score.isFinite else {
                throw XGBoostModelError("\(path) '\(text)' is not a number or a bracketed list of numbers")
            }
            if objective.isLogistic && !(score > 0 && score < 1) {
                throw XGBoostModelError("\(path) is \(score) but \(objective.rawValue) needs a probability strictly between 0 and 1")
            }
            scores.append(score)
        }
        if scores.count == 1 { scores = Array(repeating: scores[0], count: groupCount) }
        guard scores.count == groupCount else {
            throw XGBoostModelError("\(path) has \(scores.count) values, expected 1 or \(groupCount)")
        }
        return scores.map(objective.margin(fromBaseScore:))
    }

    // MARK: Trees

    private func parseTrees(_ model: JSONValue, featureCount: Int, groupCount: Int) throws(XGBoostModelError) -> TreeEnsemble {
        let path = "learner.gradient_booster.model"
        guard let trees = model["trees"]?.arrayValue else {
            throw XGBoostModelError("\(path).trees is missing or not an array")
        }
        guard !trees.isEmpty else { throw XGBoostModelError("\(path).trees is empty: the model has no trees") }
        let treeGroups = try integers(model["tree_info"] ?? .array([]), path: "\(path).tree_info")
        guard treeGroups.count == trees.count else {
            throw XGBoostModelError("\(path).tree_info has \(treeGroups.count) entries for \(trees.count) trees")
        }
        var ensemble = TreeEnsemble()
        for (treeIndex, tree) in trees.enumerated() {
            let group = treeGroups[treeIndex]
            guard (0..<groupCount).contains(group) else {
                throw XGBoostModelError("\(path).tree_info[\(treeIndex)] is \(group), expected a class index below \(groupCount)")
            }
            try append(tree, path: "\(path).trees[\(treeIndex)]", group: group, featureCount: featureCount, to: &ensemble)
        }
        return ensemble
    }

    private func append(
        _ tree: JSONValue, path: String, group: Int, featureCount: Int, to ensemble: inout TreeEnsemble
    ) throws(XGBoostModelError) {
        guard case .object = tree else { throw XGBoostModelError("\(path) is \(tree.kindName), expected an object") }
        let treeParameters = try member(tree, "tree_param", path: path)
        let nodeCount = try integerParameter(treeParameters, "num_nodes", minimum: 1, path: "\(path).tree_param")
        if let leafSize = treeParameters["size_leaf_vector"],
           try integer(leafSize, path: "\(path).tree_param.size_leaf_vector") > 1 {
            throw XGBoostModelError("\(path) has vector leaves (size_leaf_vector > 1): multi-output trees are not supported")
        }
        let left = try nodeIntegers(tree, "left_children", count: nodeCount, path: path)
        let right = try nodeIntegers(tree, "right_children", count: nodeCount, path: path)
        let features = try nodeIntegers(tree, "split_indices", count: nodeCount, path: path)
        let defaults = try nodeIntegers(tree, "default_left", count: nodeCount, path: path)
        let values = try nodeFloats(tree, "split_conditions", count: nodeCount, path: path)
        if let splitTypes = tree["split_type"] {
            let types = try integers(splitTypes, path: "\(path).split_type")
            if let node = types.firstIndex(where: { $0 != 0 }) {
                throw XGBoostModelError("\(path).split_type[\(node)] is a categorical split: categorical features are not supported")
            }
        }
        try checkShape(left: left, right: right, features: features, featureCount: featureCount, path: path)

        let offset = ensemble.nodeCount
        ensemble.roots.append(Int32(offset))
        ensemble.groups.append(Int32(group))
        for node in 0..<nodeCount {
            let isLeaf = left[node] == -1
            ensemble.leftChildren.append(isLeaf ? -1 : Int32(offset + left[node]))
            ensemble.rightChildren.append(isLeaf ? -1 : Int32(offset + right[node]))
            ensemble.splitFeatures.append(isLeaf ? 0 : Int32(features[node]))
            ensemble.defaultLeft.append(defaults[node] != 0 ? 1 : 0)
            ensemble.values.append(values[node])
        }
    }

    /// Checks that every path from the root ends in a leaf after visiting each node at most once,
    /// and that internal nodes only test existing features.
    private func checkShape(
        left: [Int], right: [Int], features: [Int], featureCount: Int, path: String
    ) throws(XGBoostModelError) {
        let nodeCount = left.count
        var visited = [Bool](repeating: false, count: nodeCount)
        var pending = [0]
        while let node = pending.popLast() {
            guard !visited[node] else {
                throw XGBoostModelError("\(path): node \(node) is reached twice (the children arrays form a cycle or share nodes)")
            }
            visited[node] = true
            if left[node] == -1 {
                guard right[node] == -1 else {
                    throw XGBoostModelError("\(path): node \(node) has no left child but has right child \(right[node])")
                }
                continue
            }
            for (name, child) in [("left_children", left[node]), ("right_children", right[node])] {
                guard (0..<nodeCount).contains(child) else {
                    throw XGBoostModelError("\(path).\(name)[\(node)] is \(child), expected -1 or a node index below \(nodeCount)")
                }
                pending.append(child)
            }
            guard (0..<featureCount).contains(features[node]) else {
                throw XGBoostModelError("\(path).split_indices[\(node)] is \(features[node]), expected a feature index below \(featureCount)")
            }
        }
    }

    // MARK: Typed access

    private func member(_ object: JSONValue, _ key: String, path: String) throws(XGBoostModelError) -> JSONValue {
        let fullPath = path.isEmpty ? key : "\(path).\(key)"
        guard case .object = object else { throw XGBoostModelError("\(path) is \(object.kindName), expected an object") }
        guard let value = object[key] else { throw XGBoostModelError("\(fullPath) is missing") }
        guard case .object = value else { throw XGBoostModelError("\(fullPath) is \(value.kindName), expected an object") }
        return value
    }

    private func integerParameter(
        _ parameters: JSONValue, _ key: String, minimum: Int, default fallback: Int? = nil,
        path: String = "learner.learner_model_param"
    ) throws(XGBoostModelError) -> Int {
        guard let value = parameters[key] else {
            if let fallback { return fallback }
            throw XGBoostModelError("\(path).\(key) is missing")
        }
        let number = try integer(value, path: "\(path).\(key)")
        guard number >= minimum else { throw XGBoostModelError("\(path).\(key) is \(number), expected at least \(minimum)") }
        return number
    }

    /// An integer stored as a JSON number or, as XGBoost writes parameters, as a string.
    private func integer(_ value: JSONValue, path: String) throws(XGBoostModelError) -> Int {
        switch value {
        case .number(let text), .string(let text):
            if let number = Int(text) { return number }
            if let real = Double(text), real == real.rounded(), abs(real) < 1e15 { return Int(real) }
            throw XGBoostModelError("\(path) is '\(text)', expected an integer")
        case .bool(let flag):
            return flag ? 1 : 0
        default:
            throw XGBoostModelError("\(path) is \(value.kindName), expected an integer")
        }
    }

    private func integers(_ value: JSONValue, path: String) throws(XGBoostModelError) -> [Int] {
        guard let elements = value.arrayValue else { throw XGBoostModelError("\(path) is \(value.kindName), expected an array") }
        var result: [Int] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            result.append(try integer(element, path: "\(path)[\(index)]"))
        }
        return result
    }

    private func nodeIntegers(_ tree: JSONValue, _ key: String, count: Int, path: String) throws(XGBoostModelError) -> [Int] {
        guard let value = tree[key] else { throw XGBoostModelError("\(path).\(key) is missing") }
        let result = try integers(value, path: "\(path).\(key)")
        guard result.count == count else {
            throw XGBoostModelError("\(path).\(key) has \(result.count) entries, expected \(count) (tree_param.num_nodes)")
        }
        return result
    }

    private func nodeFloats(_ tree: JSONValue, _ key: String, count: Int, path: String) throws(XGBoostModelError) -> [Float] {
        guard let elements = tree[key]?.arrayValue else {
            throw XGBoostModelError("\(path).\(key) is missing or not an array")
        }
        guard elements.count == count else {
            throw XGBoostModelError("\(path).\(key) has \(elements.count) entries, expected \(count) (tree_param.num_nodes)")
        }
        var result: [Float] = []
        result.reserveCapacity(count)
        for (index, element) in elements.enumerated() {
            guard case .number(let text) = element, let number = Float(text), !number.isNaN else {
                throw XGBoostModelError("\(path).\(key)[\(index)] is \(element.kindName), expected a number")
            }
            result.append(number)
        }
        return result
    }
}
