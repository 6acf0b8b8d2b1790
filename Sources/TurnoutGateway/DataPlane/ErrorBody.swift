import Foundation
import NIOCore

/// The protocol's error shape, `{"error": "..."}`.
enum ErrorBody {
    static func json(_ message: String) -> ByteBuffer {
        let data = (try? JSONSerialization.data(withJSONObject: ["error": message])) ?? Data(#"{"error":"error"}"#.utf8)
        return ByteBuffer(bytes: data)
    }
}
