import FuzzSupport
import TurnoutModels

/// A feature count to decode for, with the model that runs the rows when there is one.
private struct Subject: Sendable {
    let featureCount: Int
    let model: XGBoostModel?
}

/// Three in-process models' views of a request: the test suite's three-feature decoder, a
/// three-class softprob model (4 features) and the quickstart's breast-cancer model (30).
private let subjects = [
    Subject(featureCount: 3, model: nil),
    Subject(featureCount: 4, model: loadModel("Tests/TurnoutModelsTests/Fixtures/multi_softprob.model.json")),
    Subject(featureCount: 30, model: loadModel("examples/models/breast-cancer-v1.json")),
]

private func loadModel(_ path: String) -> XGBoostModel {
    do {
        return try XGBoostModel(jsonData: Repository.data(path))
    } catch {
        fatalError("fuzz fixture \(path) is not a model: \(error)")
    }
}

/// Decodes the input as an Open Inference Protocol V2 infer request, as the data plane does for
/// a builtin model; a request that decodes is run and answered, and the answer is read back as
/// shadow comparison reads a builtin model's response.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOIPV2(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    for subject in subjects {
        guard let batch = try? OpenInferenceCodec.decodeV2Request(input.bytes, featureCount: subject.featureCount),
              let model = subject.model
        else { continue }
        let response = OpenInferenceCodec.encodeV2Response(
            model.infer(batch), modelName: "fuzz", modelVersion: "v1", id: batch.id, parameters: batch.parameters)
        _ = try? ModelOutputReader.read(response, format: .v2)
    }
    return 0
}
