import PhoiHopProtocol

extension CivilDate {
    /// The date as the date line of an official document writes it (Decree 30/2020,
    /// Appendix I): "ngày 05 tháng 01 năm 2027", "ngày 06 tháng 9 năm 2010" — a leading zero
    /// on days 1–9 and on months 1 and 2 only, so that no digit can be added before them.
    public var administrativeText: String {
        let dayText = (day < 10 ? "0" : "") + String(day)
        let monthText = (month < 3 ? "0" : "") + String(month)
        return "ngày \(dayText) tháng \(monthText) năm \(year)"
    }
}
