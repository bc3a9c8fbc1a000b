import Hummingbird

/// The dashboard's one stylesheet and one script, served by the hub itself (no CDN: the hub's
/// network may have no Internet). Large type and strong contrast, for a projector as for a laptop.
enum DashboardAssets {
    static func response(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=300"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static let css = """
        :root { --ink: #1b1f23; --muted: #5b6670; --line: #d0d7de; --bg: #f6f8fa; --brand: #0b4f8a;
                --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 17px/1.45 "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: var(--ink); background: #fff; }
        header { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .6rem 1.5rem; background: var(--brand); color: #fff; }
        header .brand { font-weight: 700; margin-right: auto; }
        header nav a { color: #fff; text-decoration: none; padding: .3rem .7rem; border-radius: 4px; }
        header nav a.active, header nav a:hover { background: rgba(255,255,255,.2); }
        header .logout button { background: none; border: 1px solid #fff; color: #fff; border-radius: 4px; padding: .2rem .6rem; cursor: pointer; }
        main { padding: 1rem 1.5rem 2rem; max-width: 1400px; margin: 0 auto; }
        h1 { font-size: 1.6rem; margin: .4rem 0 1rem; } h2 { font-size: 1.25rem; margin: 1.6rem 0 .6rem; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .8rem; }
        .card { border: 1px solid var(--line); border-left: 6px solid var(--brand); border-radius: 6px; padding: .7rem 1rem; background: var(--bg); }
        .card .value { font-size: 2.2rem; font-weight: 700; } .card .label { color: var(--muted); }
        .card.warn { border-left-color: var(--warn); } .card.bad { border-left-color: var(--bad); } .card.ok { border-left-color: var(--ok); }
        table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
        th, td { border-bottom: 1px solid var(--line); padding: .4rem .6rem; text-align: left; vertical-align: top; }
        th { background: var(--bg); font-weight: 600; }
        tr.act-0 td { background: #fff; } tr.act-1 td { background: #e6f0fa; } tr.act-2 td { background: #c6dcf2; }
        tr.act-3 td { background: #9cc2e8; } tr.act-4 td { background: #6fa3d8; }
        .online { color: var(--ok); font-weight: 600; white-space: nowrap; } .offline { color: var(--bad); font-weight: 600; white-space: nowrap; }
        .muted, .empty { color: var(--muted); } .error { color: var(--bad); font-weight: 600; }
        .bar { position: relative; height: 1.1rem; min-width: 140px; background: #eaeef2; border-radius: 3px; overflow: hidden; }
        .bar span { position: absolute; inset: 0 auto 0 0; background: var(--ok); }
        .bar.due-soon span { background: var(--warn); } .bar.overdue span { background: var(--bad); width: 100% !important; }
        form.inline { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; margin: .5rem 0 1rem; }
        label { display: block; font-weight: 600; }
        input, select, button { font: inherit; padding: .3rem .5rem; }
        body.login main { max-width: 420px; margin-top: 10vh; }
        body.login input { width: 100%; margin: .3rem 0 .8rem; }
        #feed tbody tr.new td { animation: flash 2s ease-out; }
        @keyframes flash { from { background: #fff3b0; } to { background: transparent; } }
        @media (min-width: 1800px) { body { font-size: 20px; } }

        """

    /// Follows `/feed/stream` where a page has a `#feed` table: each entry becomes the table's
    /// first row, written with textContent (never as HTML).
    static let javascript = """
        "use strict";
        document.addEventListener("DOMContentLoaded", function () {
          var table = document.getElementById("feed");
          if (!table || !window.EventSource) { return; }
          var state = document.getElementById("feed-state");
          var source = new EventSource(table.getAttribute("data-stream"));
          source.onopen = function () { if (state) { state.textContent = "Đã kết nối."; } };
          source.onerror = function () { if (state) { state.textContent = "Mất kết nối, đang thử lại…"; } };
          source.addEventListener("act", function (event) {
            var entry = JSON.parse(event.data);
            var row = document.createElement("tr");
            row.className = "new";
            row.setAttribute("data-id", entry.id);
            [String(entry.position), entry.time, entry.typeName, entry.author, entry.district || "—"].forEach(function (text) {
              var cell = document.createElement("td");
              cell.textContent = text;
              row.appendChild(cell);
            });
            var cell = document.createElement("td");
            if (entry.business) {
              var link = document.createElement("a");
              link.href = "/business/" + encodeURIComponent(entry.business);
              link.textContent = entry.business;
              cell.appendChild(link);
            } else { cell.textContent = "—"; }
            row.appendChild(cell);
            var body = table.tBodies[0];
            body.insertBefore(row, body.firstChild);
            while (body.rows.length > 200) { body.deleteRow(body.rows.length - 1); }
          });
        });

        """
}
