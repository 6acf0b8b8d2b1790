import Foundation

/// The server side of the OpenFeature Remote Evaluation Protocol (OFREP) as pure functions.
///
/// The gateway routes `POST /ofrep/v1/evaluate/flags/{key}` to ``evaluate(flag:body:flags:now:)``
/// and `POST /ofrep/v1/evaluate/flags` to ``evaluateAll(body:ifNoneMatch:flags:now:)``, after its
/// own authentication (answering ``OFREPResponse/unauthorized`` or ``OFREPResponse/forbidden``),
/// and sends the returned response unchanged. Shapes follow the protocol's OpenAPI document
/// (open-feature/protocol `service/openapi.yaml`):
///
/// - A successful evaluation is `200 {"key", "value", "reason", "variant", "metadata"}`.
/// - When the caller's own default applies (a disabled flag: reason `DISABLED`; or no variant
///   and no default variant: reason `DEFAULT`) `value` and `variant` are left out, the protocol's
///   "code default" success (ADR-0006), so OFREP providers fall back to the code default.
/// - An unknown flag is `404 {"key", "errorCode": "FLAG_NOT_FOUND", "errorDetails"}`.
/// - A bad body is `400` with `PARSE_ERROR` or `INVALID_CONTEXT`; a flag whose targeting fails
///   is `400` with `PARSE_ERROR` or `GENERAL`.
/// - The bulk response is `{"flags": [...]}`, each entry a success or `{"key", "errorCode",
///   "errorDetails"}`, with a strong `ETag`; a matching `If-None-Match` gives `304` and no body.
///
/// Type mismatches are not the server's to report: OFREP requests carry no expected type, so the
/// provider compares the returned value with the type asked for.
public enum OFREPService {
    /// Answers a single-flag evaluation, `POST /ofrep/v1/evaluate/flags/{key}`.
    ///
    /// - Parameters:
    ///   - key: the flag key from the path (already percent-decoded).
    ///   - body: the request body, `{"context": {...}}`; may be empty.
    ///   - flags: the flag set in force.
    ///   - now: the current time in unix seconds, for `$flagd.timestamp`.
    public static func evaluate(flag key: String, body: Data, flags: FlagSet, now: Double) -> OFREPResponse {
        let request: OFREPRequest
        do {
            request = try OFREPRequest(body: body)
        } catch {
            return .json(status: 400, failureJSON(key: key, code: error.code, details: error.details))
        }
        let resolution = evaluator(flags, now: now).evaluate(key, context: request.context)
        guard let errorCode = resolution.errorCode else {
            return .json(status: 200, successJSON(resolution))
        }
        let code = OFREPErrorCode(errorCode)
        let status = code == .flagNotFound ? 404 : 400
        return .json(status: status, failureJSON(key: key, code: code, details: details(of: resolution)))
    }

    /// Answers a bulk evaluation, `POST /ofrep/v1/evaluate/flags`: every flag, ordered by key.
    ///
    /// - Parameters:
    ///   - body: the request body, `{"context": {...}}`; may be empty.
    ///   - ifNoneMatch: the request's `If-None-Match` field, if any (several fields joined by commas).
    ///   - flags: the flag set in force.
    ///   - now: the current time in unix seconds, for `$flagd.timestamp`.
    /// - Returns: `200` with the evaluations and an `ETag`, `304` with the `ETag` and no body when
    ///   `ifNoneMatch` names that tag (or is `*`), or `400` with `{"errorCode", "errorDetails"}`.
    public static func evaluateAll(body: Data, ifNoneMatch: String?, flags: FlagSet, now: Double) -> OFREPResponse {
        let request: OFREPRequest
        do {
            request = try OFREPRequest(body: body)
        } catch {
            return .json(
                status: 400,
                .object(["errorCode": .string(error.code.rawValue), "errorDetails": .string(error.details)]))
        }
        let entries = evaluator(flags, now: now).evaluateAll(context: request.context).map(entryJSON)
        let payload = Array(JSONValue.object(["flags": .array(entries)]).serialized().utf8)
        let tag = EntityTag.strong(for: payload)
        if let ifNoneMatch, EntityTag.ifNoneMatch(ifNoneMatch, matches: tag) {
            return OFREPResponse(status: 304, headers: [OFREPHeader(name: "ETag", value: tag)], body: [])
        }
        return OFREPResponse(
            status: 200,
            headers: [
                OFREPHeader(name: "Content-Type", value: "application/json"),
                OFREPHeader(name: "ETag", value: tag),
            ],
            body: payload)
    }

    private static func evaluator(_ flags: FlagSet, now: Double) -> FlagEvaluator {
        FlagEvaluator(flagSet: flags, clock: { now })
    }
}
