import CYaml

/// Checks a YAML document's event stream before Yams composes it into nodes.
///
/// Composing follows aliases: a few hundred bytes of nested anchors become billions of nodes
/// once walked (and Yams hashes alias keys while composing), so anchors and aliases are refused
/// here, from libyaml's events, before anything is expanded; so are documents nested deeper than
/// ``ConfigBounds/maxNestingDepth`` or holding more than ``ConfigBounds/maxYAMLNodes`` nodes.
///
/// libyaml (`CYaml`) is the parser Yams itself is built on; Yams offers no event API of its own.
enum YAMLBudget {
    /// The first reason the document is refused, or nil when it is within budget; a syntax error
    /// is libyaml's own message, with its line and column.
    static func check(_ yaml: String) -> ConfigIssue? {
        var text = yaml
        return text.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return ConfigIssue(path: "(document)", message: "cannot start the YAML parser")
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var scan = Scan()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return syntaxError(parser) }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if let issue = scan.take(event) { return issue }
            }
        }
    }

    private static func syntaxError(_ parser: yaml_parser_t) -> ConfigIssue {
        let problem = parser.problem.map { String(cString: $0) } ?? "cannot be parsed"
        let mark = parser.problem_mark
        // libyaml's scanner reads flow collections ahead and stops at its own limit (1000) first.
        if problem.hasPrefix("Maximum nesting level") {
            return ConfigIssue(path: "(document)", message: "line \(mark.line + 1): lists and mappings nested deeper than \(ConfigBounds.maxNestingDepth) levels")
        }
        return ConfigIssue(path: "(document)", message: "not valid YAML: line \(mark.line + 1), column \(mark.column + 1): \(problem)")
    }

    /// What has been seen so far.
    private struct Scan {
        var depth = 0
        var nodes = 0

        mutating func take(_ event: yaml_event_t) -> ConfigIssue? {
            let line = event.start_mark.line + 1
            switch event.type {
            case YAML_ALIAS_EVENT:
                return refuse(line, "YAML aliases (*name) are not supported; write the value out")
            case YAML_SCALAR_EVENT:
                return event.data.scalar.anchor == nil ? counted(line) : anchorRefused(line)
            case YAML_SEQUENCE_START_EVENT:
                return event.data.sequence_start.anchor == nil ? entered(line) : anchorRefused(line)
            case YAML_MAPPING_START_EVENT:
                return event.data.mapping_start.anchor == nil ? entered(line) : anchorRefused(line)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                depth -= 1
                return nil
            default:
                return nil
            }
        }

        private mutating func entered(_ line: Int) -> ConfigIssue? {
            depth += 1
            guard depth <= ConfigBounds.maxNestingDepth else {
                return refuse(line, "lists and mappings nested deeper than \(ConfigBounds.maxNestingDepth) levels")
            }
            return counted(line)
        }

        private mutating func counted(_ line: Int) -> ConfigIssue? {
            nodes += 1
            guard nodes <= ConfigBounds.maxYAMLNodes else {
                return refuse(line, "more than \(ConfigBounds.maxYAMLNodes) values in one document")
            }
            return nil
        }

        private func anchorRefused(_ line: Int) -> ConfigIssue {
            refuse(line, "YAML anchors (&name) and aliases are not supported; write the value out")
        }

        private func refuse(_ line: Int, _ message: String) -> ConfigIssue {
            ConfigIssue(path: "(document)", message: "line \(line): \(message)")
        }
    }
}
