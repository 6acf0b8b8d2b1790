import Hummingbird
import TurnoutAdminAPI

/// Refuses changes sent by a browser (a request with `Origin` or `Sec-Fetch-Site`, which every
/// browser sends with a `fetch` that changes state) when the dashboard is read-only, see
/// ``DashboardAccess``. Clients outside browsers, such as `turnout promote`, are unaffected.
struct BrowserReadOnlyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let fromBrowser = request.headers[.origin] != nil || request.headers[.init("sec-fetch-site")!] != nil
        guard fromBrowser, AdminRequestGuard.changesState(request.method) else { return try await next(request, context) }
        return AdminRouter.json(
            ErrorAnswer(error: "the dashboard is read-only: without an admin token, changes from a browser are only accepted on a loopback admin listener"),
            status: .forbidden
        )
    }
}
