package org.yiwang.cli;

import java.io.PrintStream;
import java.util.List;
import org.springframework.stereotype.Component;
import org.yiwang.platform.audit.AuditVerification;
import org.yiwang.platform.audit.BrokenLink;
import org.yiwang.platform.audit.VerificationReport;

/** {@code java -jar yiwang.jar audit-verify}: checks the audit hash chain; exit 0 if intact, 1 if broken. */
@Component
class AuditVerifyCommand implements CliCommand {

    private final AuditVerification verification;

    AuditVerifyCommand(AuditVerification verification) {
        this.verification = verification;
    }

    @Override
    public String name() {
        return "audit-verify";
    }

    @Override
    public String description() {
        return "verify the audit trail's hash chain and report the first broken link";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        VerificationReport report = verification.verify();
        out.printf("Audit chain %s: %d entries checked (chain positions %d to %d), %d unsealed, %s%n",
                report.intact() ? "INTACT" : "BROKEN", report.entriesChecked(), report.firstChainSeq(),
                report.lastChainSeq(), report.unsealedEntries(), report.algorithm());
        if (report.intact()) {
            return 0;
        }
        BrokenLink broken = report.firstBreak();
        out.printf("First broken link: chain position %d, audit entry %s, %s%n", broken.chainSeq(),
                broken.auditEventId() == null ? "-" : broken.auditEventId(), broken.reason());
        return 1;
    }
}
