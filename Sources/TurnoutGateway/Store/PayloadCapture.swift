import Foundation
import NIOCore
import TurnoutStore

/// The request and response bodies of a sampled request, each cut to the model's `max_bytes`.
struct PayloadCapture {
    let limit: Int
    private(set) var request: [UInt8] = []
    private(set) var response: [UInt8] = []
    private(set) var truncated = false

    init(limit: Int) {
        self.limit = limit
    }

    mutating func addRequest(_ buffer: ByteBuffer) {
        Self.append(buffer, to: &request, limit: limit, truncated: &truncated)
    }

    mutating func addResponse(_ buffer: ByteBuffer) {
        Self.append(buffer, to: &response, limit: limit, truncated: &truncated)
    }

    private static func append(_ buffer: ByteBuffer, to bytes: inout [UInt8], limit: Int, truncated: inout Bool) {
        let room = limit - bytes.count
        guard room > 0 else {
            if buffer.readableBytes > 0 { truncated = true }
            return
        }
        if buffer.readableBytes > room { truncated = true }
        bytes.append(contentsOf: buffer.readableBytesView.prefix(room))
    }

    func sample(requestID: String) -> PayloadSample {
        PayloadSample(requestID: requestID, request: Data(request), response: Data(response), truncated: truncated)
    }
}
