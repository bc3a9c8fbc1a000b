/// A received multipart message with the connection metadata libzmq attaches to it
/// (`zmq_msg_gets` on the first frame).
public struct ReceivedMessage: Sendable, Equatable {
    /// All frames of the message, in order; at least one when returned by ``ZMQSocket/receive(dontWait:)``.
    public var frames: [Frame]
    /// The ZAP "User-Id" the handler assigned to the sending connection; nil without ZAP.
    public var userID: String?
    /// The "Peer-Address" of the sending connection (tcp/ipc); nil when libzmq has none (inproc).
    public var peerAddress: String?

    /// Creates a message value, e.g. for tests of code that consumes received messages.
    public init(frames: [Frame], userID: String? = nil, peerAddress: String? = nil) {
        self.frames = frames
        self.userID = userID
        self.peerAddress = peerAddress
    }
}
