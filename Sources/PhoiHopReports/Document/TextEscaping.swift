/// Escaping for the two text formats the renderers write.
enum TextEscaping {
    /// `text` safe as HTML element content and as a double- or single-quoted attribute value.
    static func html(_ text: String) -> String {
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
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "*", "_", "`", "[", "]", "<", ">", "#":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "|" where inTable:
                out += "\\|"
            case "\n", "\r":
                out += " "
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
