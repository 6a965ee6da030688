package org.yiwang.ecg;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.platform.audit.AuditEvent;
import org.yiwang.platform.audit.AuditTrail;
import org.yiwang.platform.security.Actor;
import org.yiwang.platform.security.CurrentActor;
import org.yiwang.platform.security.Role;
import org.yiwang.records.Coding;
import org.yiwang.records.EntryDetails;
import org.yiwang.records.EntryKind;
import org.yiwang.records.HealthRecord;
import org.yiwang.records.Interpretation;
import org.yiwang.records.NewEntry;

/**
 * ECG reports: pre-filled from the pre-analysis and the statement catalogue, signed by the reader holding the claim
 * (an electronic signature over the report and the recording's files), never changed once signed (an amendment is a
 * new signed version that supersedes, with a reason), filed in the shared health record as a DIAGNOSTIC_REPORT of
 * category ECG, returned to the uploading clinic and acknowledged there. Every step is audited and timestamped.
 */
@Service
public class EcgReports {

    /** The shared record's source system of ECG reports; the source id names recording and version. */
    public static final String SOURCE_SYSTEM = "urn:yiwang:ecg:report";
    static final String PURPOSE = "ECG report";
    static final int MAX_CONCLUSION = 2000;
    static final int MAX_OTHER_LINES = 20;
    static final int MAX_LINE = 200;
    static final int MAX_REASON = 500;

    private final ReadingStore store;
    private final EcgReading reading;
    private final EcgRecordings recordings;
    private final ReportTemplates templates;
    private final ReportSigner signer;
    private final HealthRecord record;
    private final CurrentActor currentActor;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<GreenChannelReferrals> greenChannel;
    private final EcgProperties properties;
    private final Clock clock;

    EcgReports(ReadingStore store, EcgReading reading, EcgRecordings recordings, ReportTemplates templates,
               ReportSigner signer, HealthRecord record, CurrentActor currentActor, AuditTrail audit,
               ApplicationEventPublisher events, ObjectProvider<GreenChannelReferrals> greenChannel,
               EcgProperties properties, Clock clock) {
        this.store = store;
        this.reading = reading;
        this.recordings = recordings;
        this.templates = templates;
        this.signer = signer;
        this.record = record;
        this.currentActor = currentActor;
        this.audit = audit;
        this.events = events;
        this.greenChannel = greenChannel;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- writing ---------------------------------------------------------------------------------------------

    /**
     * The report a reader starts from: the current signed version when there is one, else the statements the
     * pre-analysis suggests with its measurements, its critical flag and a conclusion made of the statements.
     */
    @Transactional
    public ReportDraft draft(long recordingId) {
        EcgRecordingSummary r = recordings.find(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        Optional<SignedReport> current = store.currentReport(recordingId);
        if (current.isPresent()) {
            SignedReport s = current.get();
            List<String> codes = s.statements().stream().map(SignedReport.Statement::code).filter(Objects::nonNull).toList();
            String other = String.join("\n", s.statements().stream().filter(x -> x.code() == null)
                    .map(SignedReport.Statement::text).toList());
            return new ReportDraft(codes, other, s.heartRateBpm(), s.prMs(), s.qrsMs(), s.qtMs(), s.qtcMs(),
                    s.conclusion(), s.critical());
        }
        if (r.analysis().isEmpty()) {
            return new ReportDraft(List.of(), null, null, null, null, null, null, "", r.critical());
        }
        EcgPreAnalysis a = r.analysis().get();
        List<ReportStatement> suggested = templates.suggestedFor(a);
        EcgPreAnalysis.Intervals i = a.intervals();
        return new ReportDraft(suggested.stream().map(ReportStatement::code).toList(), null, round(a.heartRateBpm()),
                i == null ? null : round(i.prMs()), i == null ? null : round(i.qrsMs()),
                i == null ? null : round(i.qtMs()), i == null ? null : round(i.qtcMs()),
                String.join("；", suggested.stream().map(ReportStatement::zh).toList()),
                a.critical() || suggested.stream().anyMatch(ReportStatement::critical));
    }

    /**
     * Checks a draft without storing anything.
     *
     * @return every problem, empty when it can be signed
     */
    public List<ReportProblem> check(ReportDraft draft) {
        List<ReportProblem> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String code : draft.statementCodes()) {
            Optional<ReportStatement> s = templates.find(code);
            if (s.isEmpty()) {
                problems.add(ReportProblem.of("statementCodes", "ecg.report.error.statement.unknown", code));
            } else if (!seen.add(code)) {
                problems.add(ReportProblem.of("statementCodes", "ecg.report.error.statement.twice", s.get().zh()));
            } else if (s.get().critical() && !draft.critical()) {
                problems.add(ReportProblem.of("critical", "ecg.report.error.criticalStatement", s.get().zh()));
            }
        }
        List<String> other = draft.otherStatementLines();
        if (draft.statementCodes().isEmpty() && other.isEmpty()) {
            problems.add(ReportProblem.of("statementCodes", "ecg.report.error.statements.required"));
        }
        if (other.size() > MAX_OTHER_LINES || other.stream().anyMatch(l -> l.length() > MAX_LINE)) {
            problems.add(ReportProblem.of("otherStatements", "ecg.report.error.otherStatements", MAX_OTHER_LINES, MAX_LINE));
        }
        if (draft.conclusion() == null || draft.conclusion().isBlank()) {
            problems.add(ReportProblem.of("conclusion", "ecg.report.error.conclusion.required"));
        } else if (draft.conclusion().strip().length() > MAX_CONCLUSION) {
            problems.add(ReportProblem.of("conclusion", "ecg.report.error.conclusion.length", MAX_CONCLUSION));
        }
        range(problems, "heartRateBpm", draft.heartRateBpm(), 10, 350);
        range(problems, "prMs", draft.prMs(), 40, 600);
        range(problems, "qrsMs", draft.qrsMs(), 20, 300);
        range(problems, "qtMs", draft.qtMs(), 100, 800);
        range(problems, "qtcMs", draft.qtcMs(), 100, 800);
        return problems;
    }

    /**
     * Signs the first report of a recording the reader holds: stores it with the signature, files it in the shared
     * record, marks the recording signed and tells the clinic ({@link EcgReportSigned}).
     *
     * @throws ReportInputException  naming every problem of the draft; nothing stored
     * @throws ClaimRefusedException when the reader does not hold the recording (released, expired, signed)
     */
    @Transactional
    public SignedReport sign(long recordingId, ReportDraft draft) {
        return signAt(recordingId, draft, now());
    }

    /** {@link #sign} at a given time: the demo county's reading history. */
    @Transactional
    SignedReport signAt(long recordingId, ReportDraft draft, Instant now) {
        Actor reader = reading.requireReader();
        List<ReportProblem> problems = check(draft);
        if (!problems.isEmpty()) {
            throw new ReportInputException(problems);
        }
        WorklistItem item = store.itemForUpdate(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        if (item.status() != EcgStatus.CLAIMED || !Objects.equals(item.claimedBy(), reader.accountId())) {
            throw reading.refusal(recordingId, reader);
        }
        SignedReport report = write(item, reader, draft, 1, null, null, now);
        if (!store.markSigned(recordingId, reader.accountId(), draft.critical(), now)) {
            throw reading.refusal(recordingId, reader);
        }
        store.step(recordingId, "SIGNED", now, reader.accountId(), "report " + report.id());
        return report;
    }

    /**
     * Amends the current signed report: a new signed version that supersedes it (void-and-replace, also in the
     * shared record), with the reason. Any reader of the reading centre may amend; the clinic is asked to
     * acknowledge the new version.
     *
     * @throws ReportInputException when the draft has problems or the reason is missing
     */
    @Transactional
    public SignedReport amend(long recordingId, ReportDraft draft, String reason) {
        Actor reader = reading.requireReader();
        List<ReportProblem> problems = new ArrayList<>(check(draft));
        if (reason == null || reason.isBlank()) {
            problems.add(ReportProblem.of("reason", "ecg.report.error.reason.required"));
        } else if (reason.strip().length() > MAX_REASON) {
            problems.add(ReportProblem.of("reason", "ecg.report.error.reason.length", MAX_REASON));
        }
        if (!problems.isEmpty()) {
            throw new ReportInputException(problems);
        }
        WorklistItem item = store.itemForUpdate(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        long centre = store.readingCentreOf(recordingId).orElseThrow();
        if (centre != reader.actingOrganisationId()) {
            throw new ClaimRefusedException("ECG " + recordingId + " is read by another reading centre",
                    "ecg.worklist.refused.otherCentre");
        }
        SignedReport previous = store.currentReport(recordingId).orElseThrow(() -> new ClaimRefusedException(
                "ECG " + recordingId + " has no signed report to amend", "ecg.report.error.nothingToAmend"));
        Instant now = now();
        SignedReport report = write(item, reader, draft, previous.version() + 1, previous, reason.strip(), now);
        store.markAmended(recordingId, draft.critical());
        store.step(recordingId, "AMENDED", now, reader.accountId(), "report " + report.id() + " supersedes "
                + previous.id() + ": " + reason.strip());
        return report;
    }

    private SignedReport write(WorklistItem item, Actor reader, ReportDraft draft, int version, SignedReport previous,
                               String reason, Instant now) {
        List<SignedReport.Statement> statements = new ArrayList<>();
        for (String code : draft.statementCodes()) {
            statements.add(new SignedReport.Statement(code, templates.find(code).orElseThrow().zh()));
        }
        draft.otherStatementLines().forEach(l -> statements.add(new SignedReport.Statement(null, l)));
        String conclusion = draft.conclusion().strip();
        long centre = reader.actingOrganisationId();
        String fileHashes = store.fileHashes(item.recordingId());
        Long supersedes = previous == null ? null : previous.id();
        byte[] canonical = ReportCanonicalForm.of(item.recordingId(), item.residentId(), item.organisationId(), centre,
                item.acquiredAt(), fileHashes, version, statements, draft.heartRateBpm(), draft.prMs(), draft.qrsMs(),
                draft.qtMs(), draft.qtcMs(), conclusion, draft.critical(), reader.accountId(), reader.displayName(),
                now, supersedes, reason);
        ReportSigner.Signed signed = signer.sign(reader.accountId(), canonical);
        long reportId = store.nextReportId();
        if (previous != null) {
            store.supersede(previous.id(), reportId); // first: one current version at a time
        }
        store.insertReport(reportId, new ReadingStore.NewReport(item.recordingId(), version, statements, draft,
                conclusion, reader.accountId(), reader.displayName(), reader.practitionerId(), centre, now, fileHashes,
                signed.keyId(), signed.signature(), supersedes, reason));
        NewEntry entry = recordEntry(item, statements, draft, conclusion, reader, centre, version);
        long entryId = previous != null && previous.recordEntryId() != null
                ? record.correct(previous.recordEntryId(), entry, reason, PURPOSE)
                : record.record(entry, PURPOSE);
        store.linkRecordEntry(reportId, entryId);
        audit.record(AuditEvent.write(item.residentId(), previous == null ? "SIGN_ECG_REPORT" : "AMEND_ECG_REPORT",
                "EcgReport", Long.toString(reportId), PURPOSE));
        events.publishEvent(new EcgReportSigned(reportId, item.recordingId(), version, item.residentId(),
                item.organisationId(), centre, draft.critical(), item.uploadedAt(), now, supersedes, entryId));
        return store.report(reportId).orElseThrow();
    }

    private static NewEntry recordEntry(WorklistItem item, List<SignedReport.Statement> statements, ReportDraft d,
                                        String conclusion, Actor reader, long centre, int version) {
        StringBuilder findings = new StringBuilder();
        statements.forEach(s -> findings.append(s.text()).append('\n'));
        List<String> measures = new ArrayList<>();
        if (d.heartRateBpm() != null) {
            measures.add("心室率 " + d.heartRateBpm() + " 次/分");
        }
        if (d.prMs() != null) {
            measures.add("PR " + d.prMs() + " ms");
        }
        if (d.qrsMs() != null) {
            measures.add("QRS " + d.qrsMs() + " ms");
        }
        if (d.qtMs() != null || d.qtcMs() != null) {
            measures.add("QT/QTc " + (d.qtMs() == null ? "—" : d.qtMs()) + "/" + (d.qtcMs() == null ? "—" : d.qtcMs()) + " ms");
        }
        findings.append(String.join("，", measures));
        String display = switch (item.kind()) {
            case RESTING_12_LEAD -> "十二导联心电图";
            case RHYTHM_STRIP -> "心电节律条图";
            case LONG_TERM -> "动态心电图";
        };
        return new NewEntry(item.residentId(), EntryKind.DIAGNOSTIC_REPORT, null, new Coding(Coding.LOINC, "11524-6", display),
                "ECG", version == 1 ? "final" : "amended", item.acquiredAt(), null, null, null, null,
                d.critical() ? Interpretation.CRITICAL : null,
                new EntryDetails.Report(findings.toString().strip(), conclusion, List.of(), reader.displayName()),
                centre, reader.practitionerId(), SOURCE_SYSTEM, "recording-" + item.recordingId() + "-v" + version,
                List.of());
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    /** The current signed report of a recording the actor may see (clinic, centre, record access); audited. */
    @Transactional
    public Optional<SignedReport> current(long recordingId) {
        EcgRecordingSummary r = recordings.find(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        Optional<SignedReport> report = store.currentReport(recordingId);
        report.ifPresent(s -> audit.record(AuditEvent.read(r.residentId(), "READ_ECG_REPORT", "EcgReport",
                Long.toString(s.id()), PURPOSE)));
        return report;
    }

    /** Every version of the recording's report, newest first; audited. */
    @Transactional
    public List<SignedReport> versions(long recordingId) {
        EcgRecordingSummary r = recordings.find(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        List<SignedReport> list = store.reports(recordingId);
        if (!list.isEmpty()) {
            audit.record(AuditEvent.read(r.residentId(), "READ_ECG_REPORT", "EcgReport", null, PURPOSE));
        }
        return list;
    }

    /**
     * Checks a report's signature over the report as stored now and the recording's files as stored now.
     */
    @Transactional(readOnly = true)
    public SignatureCheck verify(SignedReport report) {
        ReadingStore.Signature stored = store.signatureOf(report.id()).orElseThrow();
        if (!signer.keyExists(stored.keyId())) {
            return SignatureCheck.failed("key");
        }
        WorklistItem item = store.item(report.recordingId()).orElseThrow();
        byte[] canonical = ReportCanonicalForm.of(report.recordingId(), item.residentId(), item.organisationId(),
                report.readingCentreId(), item.acquiredAt(), store.fileHashes(report.recordingId()), report.version(),
                report.statements(), report.heartRateBpm(), report.prMs(), report.qrsMs(), report.qtMs(),
                report.qtcMs(), report.conclusion(), report.critical(), report.signedBy(), report.signerName(),
                report.signedAt(), report.supersedesId(), report.amendmentReason());
        return signer.verify(stored.keyId(), canonical, stored.signature()) ? SignatureCheck.ok()
                : SignatureCheck.failed("signature");
    }

    // ---- the clinic ------------------------------------------------------------------------------------------

    /**
     * The latest recordings of the clinic the actor acts for, newest first (at most the configured inbox size),
     * with their current reports; each resident shown is audited.
     */
    @Transactional
    public List<InboxItem> inbox() {
        Actor actor = requireClinician();
        return items(store.inbox(actor.actingOrganisationId(), properties.reading().inboxSize()));
    }

    /** Signed critical reports the actor's clinic has not acknowledged: the alarm is on until they are. */
    @Transactional
    public List<InboxItem> alarms() {
        Actor actor = requireClinician();
        return items(store.unacknowledgedCritical(actor.actingOrganisationId(), 20));
    }

    /** A digest of what {@link #inbox} and {@link #alarms} show, read without touching residents' data. */
    @Transactional(readOnly = true)
    public String inboxVersion() {
        Actor actor = requireClinician();
        StringBuilder s = new StringBuilder();
        store.inbox(actor.actingOrganisationId(), properties.reading().inboxSize())
                .forEach(r -> s.append(r.recordingId()).append(':').append(r.version()).append(','));
        s.append('|');
        store.unacknowledgedCritical(actor.actingOrganisationId(), 20)
                .forEach(r -> s.append(r.recordingId()).append(':').append(r.version()).append(','));
        return EcgReading.sha256(s.toString());
    }

    private List<InboxItem> items(List<ReadingStore.InboxRow> rows) {
        Map<Long, SignedReport> reports = store.reportsById(rows.stream().map(ReadingStore.InboxRow::reportId)
                .filter(Objects::nonNull).toList());
        List<InboxItem> items = new ArrayList<>(rows.size());
        for (ReadingStore.InboxRow r : rows) {
            audit.record(AuditEvent.read(r.residentId(), "LIST_ECG_INBOX", "EcgRecording", Long.toString(r.recordingId()),
                    "ECG results of the clinic"));
            items.add(new InboxItem(r.recordingId(), r.residentId(), r.kind(), r.indication(), r.acquiredAt(),
                    r.uploadedAt(), r.status(), r.critical(), r.claimedByName(), r.claimedAt(), r.signedAt(),
                    r.acknowledgedAt(), r.acknowledgedByName(), r.reportId() == null ? null : reports.get(r.reportId()),
                    r.version()));
        }
        return items;
    }

    /**
     * A clinician of the uploading clinic confirms receipt of the signed report (ending a critical report's
     * alarm); the time is stored and audited. Acknowledging twice changes nothing.
     *
     * @return false when it was acknowledged already
     */
    @Transactional
    public boolean acknowledge(long recordingId) {
        return acknowledgeAt(recordingId, now());
    }

    /** {@link #acknowledge} at a given time: the demo county's reading history. */
    @Transactional
    boolean acknowledgeAt(long recordingId, Instant now) {
        Actor actor = requireClinician();
        WorklistItem item = store.item(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        if (item.organisationId() != actor.actingOrganisationId()) {
            throw new AccessDeniedException("only the uploading clinic acknowledges an ECG report");
        }
        SignedReport report = store.currentReport(recordingId).orElseThrow(() -> new ClaimRefusedException(
                "ECG " + recordingId + " has no signed report yet", "ecg.report.error.notSigned"));
        if (!store.acknowledge(recordingId, item.organisationId(), actor.accountId(), actor.displayName(), now)) {
            return false;
        }
        store.step(recordingId, "ACKNOWLEDGED", now, actor.accountId(), "report " + report.id());
        audit.record(AuditEvent.write(item.residentId(), "ACKNOWLEDGE_ECG_REPORT", "EcgReport",
                Long.toString(report.id()), "ECG result received by the clinic"));
        events.publishEvent(new EcgReportAcknowledged(recordingId, report.id(), item.residentId(),
                item.organisationId(), report.critical(), now, actor.accountId()));
        return true;
    }

    /** Whether a green-channel referral can be offered (an implementation is present). */
    public boolean greenChannelAvailable() {
        return greenChannel.getIfAvailable() != null;
    }

    /**
     * Opens the chest-pain green channel for a critical signed report of the actor's clinic.
     *
     * @return where the referral continues
     */
    @Transactional
    public String openGreenChannel(long recordingId) {
        Actor actor = requireClinician();
        GreenChannelReferrals referrals = greenChannel.getIfAvailable();
        if (referrals == null) {
            throw new ClaimRefusedException("no green-channel referral is set up", "ecg.report.error.noGreenChannel");
        }
        WorklistItem item = store.item(recordingId).orElseThrow(() -> new EcgRecordingNotFoundException(recordingId));
        if (item.organisationId() != actor.actingOrganisationId()) {
            throw new AccessDeniedException("only the uploading clinic refers from its ECG report");
        }
        SignedReport report = store.currentReport(recordingId).filter(SignedReport::critical)
                .orElseThrow(() -> new ClaimRefusedException("ECG " + recordingId + " has no critical signed report",
                        "ecg.report.error.notCritical"));
        audit.record(AuditEvent.write(item.residentId(), "ECG_GREEN_CHANNEL", "EcgReport", Long.toString(report.id()),
                "chest-pain green channel"));
        return referrals.open(new GreenChannelRequest(recordingId, report.id(), item.residentId(), item.organisationId(),
                report.readingCentreId(), report.conclusion(), item.acquiredAt(), item.uploadedAt(), report.signedAt()));
    }

    private Actor requireClinician() {
        Actor actor = currentActor.current()
                .orElseThrow(() -> new AccessDeniedException("the clinic's ECG results are for signed-in staff"));
        if (actor.kind() != Actor.Kind.STAFF || actor.actingOrganisationId() == null || !(actor.hasRole(Role.DOCTOR)
                || actor.hasRole(Role.NURSE) || actor.hasRole(Role.FAMILY_DOCTOR))) {
            throw new AccessDeniedException("the clinic's ECG results are for its doctors and nurses");
        }
        return actor;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void range(List<ReportProblem> problems, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            problems.add(ReportProblem.of(field, "ecg.report.error.range", min, max));
        }
    }

    private static Integer round(Double v) {
        return v == null ? null : (int) Math.round(v);
    }
}
