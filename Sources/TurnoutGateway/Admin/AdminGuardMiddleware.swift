import Foundation
import Hummingbird
import TurnoutAdminAPI

/// Applies ``AdminRequestGuard`` to every admin request before anything else runs.
struct AdminGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let requestGuard: AdminRequestGuard

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let refusal = requestGuard.refusal(method: request.method, authority: request.head.authority, headers: request.headers) {
            return AdminRouter.json(ErrorAnswer(error: refusal.message), status: refusal.status)
        }
        return try await next(request, context)
    }
}
