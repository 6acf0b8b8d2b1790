/// Header names of the gateway's HTTP contract that another module speaks too: the gateway
/// writes and reads them, the load generator (which talks to the gateway over HTTP only) reads
/// and sends them back.
package enum GatewayHeader {
    /// The header in which the gateway hands out an inference answer's feedback token, and in
    /// which `/v1/feedback` accepts it back for a single-object request.
    package static let feedbackToken = "x-turnout-feedback-token"
}
