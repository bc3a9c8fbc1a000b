import Foundation
import HTTPTypes
import Hummingbird
import PhoiHopConfig
import PhoiHopDomain

/// The live feed: `/feed`, a page that shows the acts the hub accepts as they arrive, and
/// `/feed/stream`, the Server-Sent Events it follows. The stream asks the daemon for the log
/// after the last entry it sent (`acts.since`) every poll interval and pushes what is new; a
/// browser that reconnects resumes after its `Last-Event-ID`.
struct FeedRoutes {
    let source: DashboardSource
    let feeds: LiveFeeds
    let pollInterval: Duration
    let lifetime: Duration
    let rules: ProvinceRules

    /// One pushed entry, as the page's script reads it (`data:` of an `act` event).
    struct FeedEntry: Encodable {
        var position: Int64
        var id: String
        var typeName: String
        var author: String
        var district: String?
        var business: String?
        var time: String
    }

    /// A keep-alive comment every this many empty polls, so a closed connection is noticed.
    static let keepAliveEvery = 30

    func add(to router: Router<BasicRequestContext>) {
        router.get("/feed") { _, _ in
            let recent = try await source.query("acts.recent", ["limit": "20"], as: [ActEntry].self)
            let rows = recent.map(row)
            let body = """
                <p>Các hoạt động mới được Sở ghi nhận hiện ra ở đầu bảng ngay khi đến. <span id="feed-state" class="muted">Đang kết nối…</span></p>
                <table id="feed" data-stream="/feed/stream?after=\(recent.first?.position ?? 0)"><thead><tr><th>Vị trí</th><th>Thời gian</th><th>Hoạt động</th><th>Đơn vị</th><th>Địa bàn</th><th>Điểm kinh doanh</th></tr></thead>
                <tbody>\(rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined(separator: "\n"))</tbody></table>
                """
            return PageLayout(title: "Hoạt động trực tiếp", active: "/feed", province: rules.province, body: body).response()
        }
        router.get("/feed/stream") { request, _ in
            let resume = request.headers[HTTPField.Name("Last-Event-ID")!].flatMap { Int64($0) }
                ?? request.uri.queryParameters.get("after").flatMap { Int64($0) }
            return stream(after: resume)
        }
    }

    func row(_ entry: ActEntry) -> [String] {
        let names = DashboardNames(rules: rules)
        return ["\(entry.position)", h(VietnameseFormat.time(entry.sentAt)), h(entry.typeName), h(names.agency(entry.author)),
                h(entry.district.map(names.district) ?? "—"),
                entry.business.map { "<a href=\"/business/\(q($0))\">\(h($0))</a>" } ?? "—"]
    }

    func stream(after resume: Int64?) -> Response {
        let feeds = self.feeds
        let body = ResponseBody { writer in
            guard feeds.enter() else { try await writer.finish(nil); return }
            do {
                try await follow(after: resume, into: &writer)
            } catch {
                feeds.leave()
                throw error
            }
            // Counted out before the response ends, so whoever sees the end sees the count fall.
            feeds.leave()
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
                                               HTTPField.Name("X-Accel-Buffering")!: "no"], body: body)
    }

    /// Writes the acts after `resume` (or after the log's head) as they are logged, until the
    /// feeds close or the stream's lifetime is over.
    func follow(after resume: Int64?, into writer: inout any ResponseBodyWriter) async throws {
        let names = DashboardNames(rules: rules)
        // Without a position, the feed starts at the log's head: what arrives from now on.
        var last: Int64
        if let resume { last = resume } else { last = try await source.query("acts.since", ["after": "\(Int64.max)"], as: ActsSince.self).head }
        try await writer.write(ByteBuffer(string: "retry: 2000\n: connected\n\n"))
        let end = ContinuousClock.now + lifetime
        var quiet = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        while !feeds.isClosed, ContinuousClock.now < end {
            let answer = try await source.query("acts.since", ["after": "\(last)", "limit": "200"], as: ActsSince.self)
            var chunk = ""
            for entry in answer.entries {
                let pushed = FeedEntry(position: entry.position, id: entry.id, typeName: entry.typeName, author: names.agency(entry.author),
                                       district: entry.district.map(names.district), business: entry.business, time: VietnameseFormat.time(entry.sentAt))
                chunk += "id: \(entry.position)\nevent: act\ndata: \(String(decoding: try encoder.encode(pushed), as: UTF8.self))\n\n"
                last = entry.position
            }
            quiet = chunk.isEmpty ? quiet + 1 : 0
            if quiet >= Self.keepAliveEvery { chunk = ": keep-alive\n\n"; quiet = 0 }
            if !chunk.isEmpty { try await writer.write(ByteBuffer(string: chunk)) }
            if answer.entries.count < 200 { try await Task.sleep(for: pollInterval) }
        }
    }
}
