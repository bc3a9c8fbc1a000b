/// Escaping for the two text formats the renderers write.
package enum TextEscaping {
    /// `text` safe as HTML element content and as a double- or single-quoted attribute value.
    package static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` as literal Markdown inline text: the characters CommonMark would read as markup
    /// are backslash-escaped, and line breaks become spaces so a paragraph or cell stays one line.
    static func markdown(_ text: String, inTable: Bool = false) -> String {
        var out = ""
        for index in text.unicodeScalars.indices {
            let scalar = text.unicodeScalars[index]
            switch scalar {
            case "\\", "*", "_", "`", "[", "]", "<", ">", "#":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "|" where inTable:
                out += "\\|"
            case "\n", "\r":
                out += " "
            case "&":
                // Only where CommonMark would read an entity ("&amp;", "&#39;"): "TT&TT" stays readable.
                out += startsEntity(text.unicodeScalars[index...].dropFirst()) ? "\\&" : "&"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` as a Markdown paragraph of its own: ``markdown(_:inTable:)``, leading blanks
    /// dropped (four would start a code block), and a leading "-", "+", "=" or "1." / "1)"
    /// escaped so the paragraph does not become a list item or a heading underline.
    static func markdownParagraph(_ text: String) -> String {
        var escaped = Substring(markdown(text))
        while escaped.first == " " || escaped.first == "\t" { escaped = escaped.dropFirst() }
        if let first = escaped.first, "-+=".contains(first) {
            return "\\" + String(escaped)
        }
        let digits = escaped.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, digits.count <= 9, let next = escaped.dropFirst(digits.count).first, next == "." || next == ")" {
            return String(digits) + "\\" + String(escaped.dropFirst(digits.count))
        }
        return String(escaped)
    }

    /// Whether `rest` (what follows an "&") is a numeric character reference or one of the
    /// named ones text plausibly holds. CommonMark knows ~2 000 names; escaping every "&x;"
    /// would print "Bộ TT\&TT;" on the terminal, and a rare name left alone only changes how
    /// a viewer shows that one word, never the markup around it.
    private static func startsEntity(_ rest: Substring.UnicodeScalarView) -> Bool {
        var name = ""
        for scalar in rest {
            if scalar == ";" { break }
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "#",
                  name.unicodeScalars.count < 32 else { return false }
            name.unicodeScalars.append(scalar)
        }
        guard rest.contains(";"), !name.isEmpty else { return false }
        return name.hasPrefix("#") || commonEntityNames.contains(name)
    }

    private static let commonEntityNames: Set<String> = [
        "amp", "lt", "gt", "quot", "apos", "nbsp", "copy", "reg", "trade", "hellip", "ndash",
        "mdash", "lsquo", "rsquo", "ldquo", "rdquo", "laquo", "raquo", "deg", "plusmn", "times",
        "divide", "euro", "sect", "para", "middot", "bull", "AMP", "LT", "GT", "QUOT",
    ]
}
