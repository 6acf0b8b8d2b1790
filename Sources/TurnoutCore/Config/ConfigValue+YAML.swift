import Yams

extension ConfigValue {
    /// Parses a YAML document into a value tree.
    ///
    /// An empty document is an empty mapping. A syntax error becomes a ``ConfigError`` whose issue
    /// names the line; so does a document over ``ConfigBounds/maxDocumentBytes``, nested deeper than
    /// ``ConfigBounds/maxNestingDepth``, with more than ``ConfigBounds/maxYAMLNodes`` values, or
    /// with anchors or aliases (refused before anything is expanded, see ``YAMLBudget``).
    public static func parse(yaml: String) throws(ConfigError) -> ConfigValue {
        guard yaml.utf8.count <= ConfigBounds.maxDocumentBytes else {
            throw ConfigError([ConfigIssue(path: "(document)", message: "larger than \(ConfigBounds.maxDocumentBytes >> 20) MiB")])
        }
        if let issue = YAMLBudget.check(yaml) { throw ConfigError([issue]) }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            // Yams adds the offending line and a caret below it; an issue is one line.
            let summary = "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "\(error)"
            throw ConfigError([ConfigIssue(path: "(document)", message: "not valid YAML: \(summary)")])
        }
        guard let node else { return .mapping([]) }
        return try ConfigValue(node: node)
    }

    private init(node: Node) throws(ConfigError) {
        switch node {
        case .scalar:
            self = Self.scalar(node)
        case .sequence(let sequence):
            var items: [ConfigValue] = []
            for item in sequence { items.append(try ConfigValue(node: item)) }
            self = .array(items)
        case .mapping(let mapping):
            var entries: [ConfigEntry] = []
            for (key, value) in mapping {
                guard let name = key.string else {
                    throw ConfigError([ConfigIssue(path: "(document)", message: "mapping keys must be strings")])
                }
                entries.append(ConfigEntry(key: name, value: try ConfigValue(node: value)))
            }
            self = .mapping(entries)
        case .alias:
            throw ConfigError([ConfigIssue(path: "(document)", message: "YAML aliases are not supported")])
        }
    }

    private static func scalar(_ node: Node) -> ConfigValue {
        switch node.tag.rawValue {
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue: return node.bool.map(ConfigValue.bool) ?? .string(node.string ?? "")
        case Tag.Name.int.rawValue: return node.int.map(ConfigValue.int) ?? .string(node.string ?? "")
        case Tag.Name.float.rawValue: return node.float.map(ConfigValue.double) ?? .string(node.string ?? "")
        default: return .string(node.string ?? "")
        }
    }
}
