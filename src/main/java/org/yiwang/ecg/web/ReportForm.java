package org.yiwang.ecg.web;

import java.util.ArrayList;
import java.util.List;
import org.yiwang.ecg.ReportDraft;
import org.yiwang.ecg.ReportProblem;

/**
 * The report form as posted: only these fields bind (no entity behind it). Numbers arrive as text so that "abc" in
 * a measurement is a field error, not a binding failure.
 */
public class ReportForm {

    private List<String> statementCodes = new ArrayList<>();
    private String otherStatements;
    private String heartRateBpm;
    private String prMs;
    private String qrsMs;
    private String qtMs;
    private String qtcMs;
    private String conclusion;
    private boolean critical;
    private String reason;

    static ReportForm of(ReportDraft d) {
        ReportForm f = new ReportForm();
        f.statementCodes = new ArrayList<>(d.statementCodes());
        f.otherStatements = d.otherStatements();
        f.heartRateBpm = text(d.heartRateBpm());
        f.prMs = text(d.prMs());
        f.qrsMs = text(d.qrsMs());
        f.qtMs = text(d.qtMs());
        f.qtcMs = text(d.qtcMs());
        f.conclusion = d.conclusion();
        f.critical = d.critical();
        return f;
    }

    /** The draft, collecting measurements that are not whole numbers as problems. */
    ReportDraft draft(List<ReportProblem> problems) {
        return new ReportDraft(statementCodes == null ? List.of() : statementCodes.stream().filter(c -> !c.isBlank()).toList(),
                otherStatements, number("heartRateBpm", heartRateBpm, problems), number("prMs", prMs, problems),
                number("qrsMs", qrsMs, problems), number("qtMs", qtMs, problems), number("qtcMs", qtcMs, problems),
                conclusion, critical);
    }

    private static Integer number(String field, String value, List<ReportProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            problems.add(ReportProblem.of(field, "ecg.report.error.number"));
            return null;
        }
    }

    private static String text(Integer v) {
        return v == null ? null : v.toString();
    }

    public List<String> getStatementCodes() {
        return statementCodes;
    }

    public void setStatementCodes(List<String> statementCodes) {
        this.statementCodes = statementCodes;
    }

    public String getOtherStatements() {
        return otherStatements;
    }

    public void setOtherStatements(String otherStatements) {
        this.otherStatements = otherStatements;
    }

    public String getHeartRateBpm() {
        return heartRateBpm;
    }

    public void setHeartRateBpm(String heartRateBpm) {
        this.heartRateBpm = heartRateBpm;
    }

    public String getPrMs() {
        return prMs;
    }

    public void setPrMs(String prMs) {
        this.prMs = prMs;
    }

    public String getQrsMs() {
        return qrsMs;
    }

    public void setQrsMs(String qrsMs) {
        this.qrsMs = qrsMs;
    }

    public String getQtMs() {
        return qtMs;
    }

    public void setQtMs(String qtMs) {
        this.qtMs = qtMs;
    }

    public String getQtcMs() {
        return qtcMs;
    }

    public void setQtcMs(String qtcMs) {
        this.qtcMs = qtcMs;
    }

    public String getConclusion() {
        return conclusion;
    }

    public void setConclusion(String conclusion) {
        this.conclusion = conclusion;
    }

    public boolean isCritical() {
        return critical;
    }

    public void setCritical(boolean critical) {
        this.critical = critical;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
