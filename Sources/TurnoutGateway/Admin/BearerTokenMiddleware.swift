import Hummingbird

/// Requires `Authorization: Bearer <token>` on every admin call when a token is configured.
///
/// The comparison takes the same time whatever the first differing byte, and a refusal says
/// nothing about why, so the token cannot be guessed byte by byte.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let presented = request.headers[.authorization].flatMap { value -> Substring? in
            value.hasPrefix("Bearer ") ? value.dropFirst("Bearer ".count) : nil
        }
        guard let presented, ConstantTime.equal(presented, token) else {
            return Response(
                status: .unauthorized,
                headers: [.wwwAuthenticate: "Bearer", .contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"error":"unauthorized"}"#))
            )
        }
        return try await next(request, context)
    }
}
