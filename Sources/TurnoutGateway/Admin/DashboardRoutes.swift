import Foundation
import Hummingbird
import TurnoutAdminAPI
import TurnoutFlags
import TurnoutStore

/// The dashboard at `/ui` (decision 0031-b): its pages, script and style, served from
/// ``DashboardAssets`` in the binary, and the one JSON route the rest of the admin API lacks,
/// per-interval time series.
enum DashboardRoutes {
    /// The series cover the last hour unless `?window=` says otherwise.
    static let defaultSeriesWindowSeconds = 3_600

    /// The headers every dashboard file carries: nothing but the gateway's own script, style and
    /// API may load or run, no page may frame it, and no URL leaks in a `Referer`.
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: DashboardAssets.contentSecurityPolicy,
        .init("x-content-type-options")!: "nosniff",
        .init("x-frame-options")!: "DENY",
        .init("referrer-policy")!: "no-referrer",
        .init("cross-origin-opener-policy")!: "same-origin",
        .init("cross-origin-resource-policy")!: "same-origin",
    ]

    /// Adds the pages, their files and `/ui/session`. Called before the token middleware: the
    /// files are the same for everyone and hold no data (the script asks for the token and reads
    /// the API with it), and the session says only whether a token is needed.
    static func addPages(to router: Router<BasicRequestContext>, access: DashboardAccess) {
        for path in ["ui", "ui/models/:model"] {
            router.get(RouterPath(path)) { request, _ in file(DashboardAssets.page, request: request) }
        }
        router.get("ui/app.js") { request, _ in file(DashboardAssets.script, request: request) }
        router.get("ui/app.css") { request, _ in file(DashboardAssets.style, request: request) }
        router.get("ui/favicon.svg") { request, _ in file(DashboardAssets.icon, request: request) }
        router.get("ui/session") { _, _ in
            var response = AdminRouter.json(access)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    /// Adds the JSON routes only the dashboard reads, behind the token, and refuses changes from
    /// browsers when the dashboard is read-only. Applies to every route added after it.
    static func addAPI(to router: Router<BasicRequestContext>, services: AdminServices, access: DashboardAccess) {
        if !access.actionsAllowed { router.add(middleware: BrowserReadOnlyMiddleware()) }
        router.get("api/v1/models/:model/series") { request, context in try await AdminRouter.answering {
            let name = try context.parameters.require("model")
            let window = request.uri.queryParameters.get("window") == nil
                ? defaultSeriesWindowSeconds : try AdminRouter.windowSeconds(request)
            guard let model = services.shared.snapshot.load(ordering: .acquiring).models[name] else { return AdminRouter.notFound(name) }
            guard let store = services.store else {
                return AdminRouter.json(ErrorAnswer(error: "no store: time series need one (store: none)"), status: .serviceUnavailable)
            }
            await services.writer?.flush(waitingAtMost: .seconds(2))
            let now = Date()
            let since = now.addingTimeInterval(-Double(window))
            let stored: [IntervalAggregate]
            do {
                stored = try await store.intervalAggregates(model: name, since: since)
            } catch {
                return AdminRouter.json(ErrorAnswer(error: "the store could not be read: \(error)"), status: .serviceUnavailable)
            }
            let recent = services.writer.flatMap { writer in
                writer.recent.intervals(model: name, since: since).map {
                    SeriesAnswer.Recent(from: $0.from, seconds: writer.recent.intervalSeconds, intervals: $0.intervals)
                }
            }
            return AdminRouter.json(SeriesAnswer(model: name, versions: model.config.versions.map(\.name), stored: stored, recent: recent, now: now))
        } }
    }

    /// A dashboard file, or `304 Not Modified` when the browser holds this build's copy. The
    /// browser revalidates every time (`no-cache`), so a new binary's files are never stale.
    private static func file(_ asset: DashboardAsset, request: Request) -> Response {
        var headers = securityHeaders
        headers[.cacheControl] = "no-cache"
        headers[.eTag] = asset.etag
        if let match = request.headers[.ifNoneMatch], EntityTag.ifNoneMatch(match, matches: asset.etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: asset.text)))
    }
}
