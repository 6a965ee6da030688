package org.yiwang.ecg.web;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.yiwang.ecg.EcgRecordingSummary;
import org.yiwang.ecg.EcgReports;
import org.yiwang.ecg.SignatureCheck;
import org.yiwang.ecg.SignedReport;

/**
 * What the report panel (templates/ecg/report-panel.html, {@code panel(recording)}) shows of a recording: its current
 * signed report with the verified signature. Called from the fragment as {@code @ecgReportPanel}, so any page that
 * shows a recording can include the panel with the recording alone.
 */
@Component("ecgReportPanel")
public class ReportPanel {

    private final EcgReports reports;

    ReportPanel(EcgReports reports) {
        this.reports = reports;
    }

    /** The panel's content: the report (null before signing) and its signature check. */
    public record View(SignedReport report, SignatureCheck signature) {
    }

    public View of(EcgRecordingSummary recording) {
        Optional<SignedReport> report = reports.current(recording.id());
        return report.map(r -> new View(r, reports.verify(r))).orElse(new View(null, null));
    }

    /** The panel of a report already loaded (a list), verified. */
    public View of(SignedReport report) {
        return report == null ? new View(null, null) : new View(report, reports.verify(report));
    }
}
