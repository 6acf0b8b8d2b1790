/// What one client connection may hold and for how long: the bounds that keep slow, idle or
/// oversized clients from exhausting a listener.
///
/// The data plane reads every field from the top-level `limits:` mapping; the admin listener
/// reads the connection fields (timeouts, connections, headers) from `admin.limits`, so the
/// admin API keeps its own connections free when the data plane is full.
public struct ListenerLimits: Sendable, Equatable {
    /// How long the whole request head (request line and headers) may take to arrive, counted
    /// from the connection's accept for its first request and from the first byte for later ones.
    public var headerTimeout: Duration
    /// The longest gap between two reads of a request body.
    public var bodyTimeout: Duration
    /// How long a keep-alive connection may wait for its next request.
    public var idleTimeout: Duration
    /// Connections open at once; further ones are closed as soon as they are accepted.
    public var maxConnections: Int
    /// Header fields one request may have.
    public var maxHeaderCount: Int
    /// Bytes of the request line plus every header name and value.
    public var maxHeaderBytes: Int
    /// The longest `x-request-id` a client may choose; longer ones, or ones with characters
    /// outside `A-Z a-z 0-9 . _ : -`, are replaced with a generated id.
    public var maxRequestID: Int
    /// Items one `POST /v1/feedback` array may carry.
    public var maxFeedbackItems: Int
    /// The largest OpenFeature evaluation body (its evaluation context), in bytes.
    public var maxOFREPContext: Int
    /// Top-level Open Inference Protocol `parameters` one request may carry, where the gateway
    /// reads them (routing on parameters, in-process models).
    public var maxParameters: Int

    /// Creates limits; every value defaults to the data plane's.
    public init(
        headerTimeout: Duration = .seconds(10),
        bodyTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(60),
        maxConnections: Int = 4096,
        maxHeaderCount: Int = 100,
        maxHeaderBytes: Int = 32 * 1024,
        maxRequestID: Int = 128,
        maxFeedbackItems: Int = 1000,
        maxOFREPContext: Int = 64 * 1024,
        maxParameters: Int = 128
    ) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.maxHeaderCount = maxHeaderCount
        self.maxHeaderBytes = maxHeaderBytes
        self.maxRequestID = maxRequestID
        self.maxFeedbackItems = maxFeedbackItems
        self.maxOFREPContext = maxOFREPContext
        self.maxParameters = maxParameters
    }

    /// The data plane's defaults.
    public static let dataPlane = ListenerLimits()

    /// The admin listener's defaults: fewer connections, the same timeouts and header bounds.
    public static let admin = ListenerLimits(maxConnections: 128)
}
