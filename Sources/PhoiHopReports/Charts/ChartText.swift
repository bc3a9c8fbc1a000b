/// The few text conventions every chart shares: XML escaping, Vietnamese numbers, and fixed
/// one-decimal coordinates, so the same figures always give byte-identical SVG.
///
/// Mirrors `VietnameseFormat` in PhoiHopDomain (dots between thousands) without depending on it.
enum ChartText {
    /// Escapes text for an SVG element or a double-quoted attribute.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }

    /// `1234` → `1.234`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `part` of `whole` as a percentage with one decimal and a comma: `12,5 %`; a whole number
    /// drops the decimal (`80 %`). Computed in integers (half up) so it never depends on the
    /// platform's floating-point printing. `whole` must be positive.
    static func percent(_ part: Int, of whole: Int) -> String {
        let tenths = (part * 1000 + whole / 2) / whole
        let decimal = tenths % 10
        return decimal == 0 ? "\(count(tenths / 10)) %" : "\(count(tenths / 10)),\(decimal) %"
    }

    /// A coordinate with exactly one decimal, `.` as separator (SVG syntax, not Vietnamese).
    static func coordinate(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(tenths.magnitude / 10).\(tenths.magnitude % 10)"
    }

    /// A rough width of `text` at `fontSize`, for laying out label columns: serif glyphs average
    /// about half an em in Times; 0.6 leaves room for wider fallback serifs (DejaVu).
    static func estimatedWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.6
    }

    /// `text` split at spaces into lines that fit `width`; a word longer than a line keeps a line
    /// of its own rather than being cut.
    static func wrapped(_ text: String, width: Double, fontSize: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if !current.isEmpty, ChartText.estimatedWidth(candidate, fontSize: fontSize) > width {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
