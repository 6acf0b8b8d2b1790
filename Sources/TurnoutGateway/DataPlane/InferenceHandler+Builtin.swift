import NIOCore
import NIOHTTP1
import NIOPosix
import TurnoutModels

extension InferenceHandler {
    /// Bodies above this size are decoded and predicted on the thread pool, so a large batch
    /// never stalls the other connections of this event loop.
    static let inlineInferenceLimit = 64 * 1024

    /// Answers from the in-process model of the chosen version once the body is complete.
    func answerFromBuiltin() {
        guard let version = exchange.version, case .builtin(let builtin, let metadata) = version.backend else { return }
        switch exchange.routeKind {
        case .metadata:
            respond(.ok, body: metadata)
        case .modelReady:
            respond(.ok, json: #"{"name":"\#(version.modelName)","ready":true}"#)
        case .raw:
            respondError(.notFound, "version '\(version.name)' of model '\(version.modelName)' runs in-process and serves the v2 and v1 routes only")
        case .infer, .predictV1:
            let body = collectedBody()
            let request = BuiltinInference(
                model: builtin.model, modelName: version.modelName, version: version.name, v1: exchange.routeKind == .predictV1,
                inferenceHeaderLength: exchange.inferenceHeaderLength,
                maxParameters: shared.snapshot.load(ordering: .relaxed).limits.maxParameters
            )
            if body.readableBytes <= Self.inlineInferenceLimit {
                deliver(request.run(on: body))
            } else {
                state.answerInProgress()
                NIOThreadPool.singleton.runIfActive(eventLoop: loop.eventLoop) {
                    request.run(on: body)
                }.assumeIsolated().whenComplete { result in
                    switch result {
                    case .success(let outcome): self.deliver(outcome)
                    case .failure: self.respondError(.serviceUnavailable, "the gateway is shutting down")
                    }
                }
            }
        }
    }

    private func deliver(_ outcome: Result<InferenceResponseBody, InferenceRequestError>) {
        guard context != nil, !state.responseStarted else { return }
        switch outcome {
        case .success(let answer):
            if let headerLength = answer.headerLength {
                // Outputs as binary data after a JSON header, as Triton answers them.
                respond(.ok, body: ByteBuffer(bytes: answer.bytes), headers: [("inference-header-content-length", String(headerLength))],
                        contentType: "application/octet-stream")
            } else {
                respond(.ok, body: ByteBuffer(bytes: answer.bytes))
            }
        case .failure(let error): respondError(.badRequest, error.message)
        }
    }

    /// The buffered request body as one buffer, copying only when it arrived in several parts.
    private func collectedBody() -> ByteBuffer {
        defer {
            pendingBody.removeAll(keepingCapacity: true)
            pendingBodyBytes = 0
        }
        if pendingBody.count == 1, let only = pendingBody.first { return only }
        var whole = ByteBuffer()
        whole.reserveCapacity(pendingBodyBytes)
        for var part in pendingBody { whole.writeBuffer(&part) }
        return whole
    }
}

/// One inference on an in-process model: pure, so it can run inline or on the thread pool.
struct BuiltinInference: Sendable {
    let model: XGBoostModel
    let modelName: String
    let version: String
    let v1: Bool
    /// The request's `Inference-Header-Content-Length` (V2 only).
    let inferenceHeaderLength: String?
    /// `limits.max_parameters`; shadows run what the primary's route already accepted.
    var maxParameters = Int.max

    func run(on body: ByteBuffer) -> Result<InferenceResponseBody, InferenceRequestError> {
        do {
            let answer = try body.withUnsafeReadableBytes { raw in
                v1
                    ? InferenceResponseBody(bytes: try OpenInferenceCodec.inferV1(body: raw, model: model))
                    : try OpenInferenceCodec.inferV2(
                        body: raw, inferenceHeaderLength: inferenceHeaderLength, model: model, modelName: modelName, modelVersion: version,
                        maxParameters: maxParameters)
            }
            return .success(answer)
        } catch let error as InferenceRequestError where error.kind == .tooManyParameters {
            return .failure(InferenceRequestError(.tooManyParameters, error.message + " (limits.max_parameters)"))
        } catch let error as InferenceRequestError {
            return .failure(error)
        } catch {
            return .failure(InferenceRequestError(.malformedJSON, "\(error)"))
        }
    }
}
