extension ReportTable {
    /// The table as CSV bytes for a spreadsheet: UTF-8 with a byte-order mark (EF BB BF, so
    /// Excel reads the diacritics), the header row, the body rows and the total row if any,
    /// each row padded to ``columnCount``, fields quoted per RFC 4180 (when they hold a comma,
    /// a quote, CR or LF; quotes doubled), CRLF after every row. The caption is not included.
    public var csv: [UInt8] {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        func append(_ row: [String]) {
            for (i, field) in padded(row).enumerated() {
                if i > 0 { bytes.append(0x2C) }
                let needsQuotes = field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
                if needsQuotes {
                    bytes.append(0x22)
                    for byte in field.utf8 {
                        if byte == 0x22 { bytes.append(0x22) }
                        bytes.append(byte)
                    }
                    bytes.append(0x22)
                } else {
                    bytes.append(contentsOf: field.utf8)
                }
            }
            bytes.append(contentsOf: [0x0D, 0x0A])
        }
        append(header)
        for row in rows { append(row) }
        if let total { append(total) }
        return bytes
    }
}
