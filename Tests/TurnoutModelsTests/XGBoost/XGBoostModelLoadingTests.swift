import Foundation
import Testing
import TurnoutModels

/// Files that are not usable XGBoost JSON are refused with a reason naming what is wrong.
@Suite("XGBoost model loading")
struct XGBoostModelLoadingTests {
    /// A valid one-tree stump (feature 1 < 0.5 → -0.25 else 0.75), edited per case below.
    static func model(
        objective: String = "\"binary:logistic\"",
        baseScore: String = "\"[5E-1]\"",
        numClass: String = "\"0\"",
        numFeature: String = "\"2\"",
        leftChildren: String = "[1, -1, -1]",
        rightChildren: String = "[2, -1, -1]",
        splitIndices: String = "[1, 0, 0]",
        splitType: String = "[0, 0, 0]",
        treeInfo: String = "[0]",
        booster: String = "\"gbtree\""
    ) -> Data {
        Data("""
        {"learner": {
          "learner_model_param": {"base_score": \(baseScore), "num_class": \(numClass), "num_feature": \(numFeature), "num_target": "1"},
          "objective": {"name": \(objective)},
          "gradient_booster": {"name": \(booster), "model": {
            "tree_info": \(treeInfo),
            "trees": [{
              "tree_param": {"num_nodes": "3", "num_feature": "2", "size_leaf_vector": "1"},
              "left_children": \(leftChildren), "right_children": \(rightChildren),
              "split_indices": \(splitIndices), "split_conditions": [0.5, -0.25, 0.75],
              "default_left": [1, 0, 0], "split_type": \(splitType), "base_weights": [0, -0.25, 0.75]
            }]
          }}
        }, "version": [3, 2, 0]}
        """.utf8)
    }

    @Test("the template itself loads and predicts what the stump says")
    func templateLoads() throws {
        let model = try XGBoostModel(jsonData: Self.model())
        #expect(model.featureCount == 2)
        #expect(model.classCount == 2)
        #expect(model.treeCount == 1)
        // base_score 0.5 is margin 0, so the prediction is the sigmoid of the leaf.
        let expectedLeft = 1 / (1 + exp(0.25))
        let expectedRight = 1 / (1 + exp(-0.75))
        #expect(abs(Double(model.predict(row: [9, 0.1])[0]) - expectedLeft) < 1e-7)
        #expect(abs(Double(model.predict(row: [9, 0.9])[0]) - expectedRight) < 1e-7)
        // The split is `x < 0.5`, so the threshold itself goes right; missing goes left (default_left).
        #expect(abs(Double(model.predict(row: [9, 0.5])[0]) - expectedRight) < 1e-7)
        #expect(abs(Double(model.predict(row: [9, .nan])[0]) - expectedLeft) < 1e-7)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let data: Data
        let messageFragments: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "not JSON", data: Data("this is not json".utf8), messageFragments: ["not valid JSON"]),
        Case(name: "truncated JSON", data: model().prefix(120), messageFragments: ["not valid JSON"]),
        Case(name: "JSON without a learner", data: Data(#"{"booster": []}"#.utf8), messageFragments: ["learner is missing"]),
        Case(name: "a JSON array", data: Data("[1, 2]".utf8), messageFragments: ["expected an object"]),
        Case(name: "unsupported objective", data: model(objective: "\"rank:pairwise\""),
             messageFragments: ["learner.objective.name", "rank:pairwise", "not supported"]),
        Case(name: "unparsable base_score", data: model(baseScore: "\"half\""),
             messageFragments: ["base_score", "half"]),
        Case(name: "logistic base_score outside (0, 1)", data: model(baseScore: "\"[1.5E0]\""),
             messageFragments: ["base_score", "between 0 and 1"]),
        Case(name: "children array of the wrong length", data: model(leftChildren: "[1, -1]"),
             messageFragments: ["trees[0].left_children", "2 entries, expected 3"]),
        Case(name: "child index out of range", data: model(rightChildren: "[7, -1, -1]"),
             messageFragments: ["trees[0].right_children[0]", "is 7"]),
        Case(name: "children forming a cycle", data: model(leftChildren: "[1, 0, -1]", rightChildren: "[2, 2, -1]"),
             messageFragments: ["trees[0]", "reached twice"]),
        Case(name: "split on a feature the model does not have", data: model(splitIndices: "[5, 0, 0]"),
             messageFragments: ["trees[0].split_indices[0]", "is 5", "below 2"]),
        Case(name: "categorical split", data: model(splitType: "[1, 0, 0]"),
             messageFragments: ["split_type[0]", "categorical"]),
        Case(name: "tree_info naming a class that does not exist", data: model(treeInfo: "[3]"),
             messageFragments: ["tree_info[0]", "is 3"]),
        Case(name: "tree_info of the wrong length", data: model(treeInfo: "[0, 0]"),
             messageFragments: ["tree_info has 2 entries for 1 trees"]),
        Case(name: "non-numeric num_feature", data: model(numFeature: "\"many\""),
             messageFragments: ["num_feature", "expected an integer"]),
        Case(name: "multi-class objective without classes", data: model(objective: "\"multi:softprob\""),
             messageFragments: ["num_class is 0", "multi:softprob"]),
        Case(name: "a gblinear booster", data: model(booster: "\"gblinear\""),
             messageFragments: ["gradient_booster.name", "gblinear"]),
    ]

    @Test("malformed files are refused with a reason", arguments: cases)
    func refused(testCase: Case) {
        do {
            _ = try XGBoostModel(jsonData: testCase.data)
            Issue.record("\(testCase.name) was accepted")
        } catch {
            for fragment in testCase.messageFragments {
                #expect(error.reason.contains(fragment), "'\(error.reason)' should mention '\(fragment)'")
            }
            #expect(error.description.hasPrefix("not a usable XGBoost JSON model"))
        }
    }

    @Test("a missing file is refused naming the path")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/turnout-model.json")
        #expect(throws: XGBoostModelError.self) { try XGBoostModel(contentsOf: url) }
        do {
            _ = try XGBoostModel(contentsOf: url)
        } catch {
            #expect(error.reason.contains("/nonexistent/turnout-model.json"))
        }
    }

    @Test("a file that is valid JSON but not a model names the file and the problem")
    func fileWithProblem() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("turnout-bad-model-\(UUID().uuidString).json")
        try Data(#"{"learner": {}}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try XGBoostModel(contentsOf: url)
            Issue.record("accepted")
        } catch {
            #expect(error.reason.contains(url.lastPathComponent))
            #expect(error.reason.contains("learner.learner_model_param is missing"))
        }
    }
}
