import NIOCore

/// Splits a child's output into lines for the log, cutting a line that grows past
/// ``maximumLength`` so a child that never writes a newline cannot grow the buffer without end.
struct OutputLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    static let maximumLength = 16 * 1024

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - buffer.readerIndex
            var line = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            if line.readableBytesView.last == UInt8(ascii: "\r") { line.moveWriterIndex(to: line.writerIndex - 1) }
            context.fireChannelRead(wrapInboundOut(line))
            return .continue
        }
        guard buffer.readableBytes >= Self.maximumLength else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(buffer.readSlice(length: Self.maximumLength)!))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        // The last line of a child that ended without a newline still belongs in the log.
        if buffer.readableBytes > 0, let rest = buffer.readSlice(length: buffer.readableBytes) {
            context.fireChannelRead(wrapInboundOut(rest))
        }
        return .needMoreData
    }
}
