/// # PhoiHopReports
///
/// The hub's reports in the form a Vietnamese administration files them (Decree 30/2020/NĐ-CP,
/// Art. 8; docs/REPORTS.md): an ``OfficialDocument`` — issuing body, number and symbol, place
/// and date line, "BÁO CÁO" and its subject, numbered sections with tables and charts, signature
/// block, "Nơi nhận:" — rendered as HTML that prints on A4, as Markdown/plain text for the
/// terminal, and its tables as CSV; charts as inline SVG that print in black and white.
///
/// Pure: no I/O, no store. What a report says (its figures) is computed elsewhere and handed in.
