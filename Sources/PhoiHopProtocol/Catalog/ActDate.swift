/// The date each act took effect, as its body states it (the day a certificate was issued, a
/// violation observed, a case received …): what a report period counts by, since acts may be
/// recorded, resent or relayed days later. One line per type, so a new type cannot forget it.

extension BusinessRegistered { public var actDate: CivilDate? { registeredOn } }
extension BusinessChanged { public var actDate: CivilDate? { changedOn } }
extension BusinessClosed { public var actDate: CivilDate? { closedOn } }
extension CertificateApplied { public var actDate: CivilDate? { receivedOn } }
extension CertificateIssued { public var actDate: CivilDate? { issuedOn } }
extension CertificateExtended { public var actDate: CivilDate? { extendedOn } }
extension CertificateSuspended { public var actDate: CivilDate? { from } }
extension CertificateRevoked { public var actDate: CivilDate? { revokedOn } }
extension GuidancePublished { public var actDate: CivilDate? { issuedOn } }
extension GuidanceAcknowledged { public var actDate: CivilDate? { acknowledgedOn } }
extension InspectionPlanned { public var actDate: CivilDate? { startsOn } }
extension InspectionConfirmed { public var actDate: CivilDate? { confirmedOn } }
extension InspectionRecorded { public var actDate: CivilDate? { conductedOn } }
extension InspectionConcluded { public var actDate: CivilDate? { concludedOn } }
extension ViolationRecorded { public var actDate: CivilDate? { observedOn } }
extension SanctionDecided { public var actDate: CivilDate? { decidedOn } }
extension ViolationFollowedUp { public var actDate: CivilDate? { checkedOn } }
extension ViolationClosed { public var actDate: CivilDate? { closedOn } }
extension FinePaid { public var actDate: CivilDate? { paidOn } }
extension ComplaintReceived { public var actDate: CivilDate? { receivedOn } }
extension ComplaintAccepted { public var actDate: CivilDate? { acceptedOn } }
extension ComplaintRefused { public var actDate: CivilDate? { refusedOn } }
extension ComplaintAssigned { public var actDate: CivilDate? { assignedOn } }
extension ComplaintVerified { public var actDate: CivilDate? { verifiedOn } }
extension ComplaintExtended { public var actDate: CivilDate? { extendedOn } }
extension ComplaintResolved { public var actDate: CivilDate? { resolvedOn } }
extension DeadlineReminded { public var actDate: CivilDate? { remindedOn } }
extension IncidentReported { public var actDate: CivilDate? { occurredOn } }
extension SecurityAdvisory { public var actDate: CivilDate? { issuedOn } }
extension FireSafetyGuidance { public var actDate: CivilDate? { issuedOn } }
extension FireSafetyChecked { public var actDate: CivilDate? { checkedOn } }
extension GameFlagged { public var actDate: CivilDate? { flaggedOn } }
extension GameProposalDrafted { public var actDate: CivilDate? { draftedOn } }
extension GameProposalConcurred { public var actDate: CivilDate? { concurredOn } }
extension GameProposalSubmitted { public var actDate: CivilDate? { submittedOn } }
extension ReportRequested { public var actDate: CivilDate? { requestedOn } }
extension ReportSubmitted { public var actDate: CivilDate? { submittedOn } }
extension TrainingProposed { public var actDate: CivilDate? { proposedOn } }
extension OutreachReported { public var actDate: CivilDate? { to } }
extension SchoolProgrammeReported { public var actDate: CivilDate? { nil } }
extension FundingRequested { public var actDate: CivilDate? { requestedOn } }
extension FundingAllocated { public var actDate: CivilDate? { allocatedOn } }
