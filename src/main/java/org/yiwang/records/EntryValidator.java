package org.yiwang.records;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@link NewEntry} on its own (no database) and completes what the record derives rather than trusts:
 * names of known codes, the canonical ICD-10 form, reference ranges and abnormal/critical flags, the sensitive
 * category of an entry (a diagnosis by its ICD-10 code, anything else by {@link SensitiveCodes}), the planned end of
 * a prescription.
 */
final class EntryValidator {

    static final Set<String> REPORT_CATEGORIES = Set.of("LAB", "IMAGING", "ULTRASOUND", "ECG", "PATHOLOGY");
    static final Set<String> OBSERVATION_CATEGORIES = Set.of("vital-signs", "laboratory", "exam", "survey");
    static final Set<String> ATTACHMENT_TYPES = Set.of("application/pdf", "image/jpeg", "image/png");

    /** A checked entry with what was derived from it. */
    record Checked(NewEntry entry, SensitiveCategory sensitivity) {
    }

    private final IcdCodes icdCodes;
    private final ObservationCatalogue observations;
    private final Duration clockSkew;
    private final long maxAttachmentBytes;
    private final Clock clock;
    private final SensitiveCodes sensitiveCodes;

    EntryValidator(IcdCodes icdCodes, ObservationCatalogue observations, Duration clockSkew, long maxAttachmentBytes,
                   Clock clock) {
        this(icdCodes, observations, clockSkew, maxAttachmentBytes, clock, DefaultSensitiveCodes.LIST);
    }

    EntryValidator(IcdCodes icdCodes, ObservationCatalogue observations, Duration clockSkew, long maxAttachmentBytes,
                   Clock clock, SensitiveCodes sensitiveCodes) {
        this.sensitiveCodes = sensitiveCodes;
        this.icdCodes = icdCodes;
        this.observations = observations;
        this.clockSkew = clockSkew;
        this.maxAttachmentBytes = maxAttachmentBytes;
        this.clock = clock;
    }

    /** @throws EntryInputException naming every problem found */
    Checked check(NewEntry e) {
        List<EntryProblem> problems = new ArrayList<>();
        EntryKind kind = e.kind();
        Coding code = e.code();
        if (code == null || blank(code.system()) || blank(code.code())) {
            problems.add(EntryProblem.of("code", "records.error.code.required"));
            throw new EntryInputException(problems);
        }
        if (e.status() == null || !kind.statuses().contains(e.status())) {
            problems.add(EntryProblem.of("status", "records.error.status", String.join(", ", kind.statuses())));
        }
        Instant latest = clock.instant().plus(clockSkew);
        if (e.effectiveAt() == null) {
            problems.add(EntryProblem.of("effectiveAt", "records.error.effectiveAt.required"));
        } else if (e.effectiveAt().isAfter(latest)) {
            problems.add(EntryProblem.of("effectiveAt", "records.error.effectiveAt.future"));
        }
        if (e.endedAt() != null && e.effectiveAt() != null && e.endedAt().isBefore(e.effectiveAt())) {
            problems.add(EntryProblem.of("endedAt", "records.error.endedAt.beforeStart"));
        }
        if (e.details() == null || !kind.detailsType().isInstance(e.details())) {
            problems.add(EntryProblem.of("details", "records.error.details.kind", kind));
            throw new EntryInputException(problems);
        }
        if (!e.attachments().isEmpty() && kind != EntryKind.DIAGNOSTIC_REPORT && kind != EntryKind.DOCUMENT) {
            problems.add(EntryProblem.of("attachments", "records.error.attachments.kind"));
        }
        for (int i = 0; i < e.attachments().size(); i++) {
            checkAttachment("attachments[" + i + "]", e.attachments().get(i), problems);
        }
        SensitiveCategory sensitivity = null;
        Coding completedCode = code;
        ReferenceRange range = e.range();
        Interpretation interpretation = e.interpretation();
        Instant endedAt = e.endedAt();
        String category = e.category();
        EntryDetails details = e.details();
        switch (e.details()) {
            case EntryDetails.Encounter encounter -> {
                if (encounter.encounterClass() == null) {
                    problems.add(EntryProblem.of("details.encounterClass", "records.error.encounterClass"));
                }
                if (e.encounterId() != null) {
                    problems.add(EntryProblem.of("encounterId", "records.error.encounter.nested"));
                }
            }
            case EntryDetails.Condition condition -> {
                if (!Coding.ICD10.equals(code.system())) {
                    problems.add(EntryProblem.of("code.system", "records.error.condition.system", Coding.ICD10));
                } else {
                    var canonical = IcdCodes.normalise(code.code());
                    if (canonical.isEmpty()) {
                        problems.add(EntryProblem.of("code.code", "records.error.condition.code", code.code()));
                    } else {
                        String display = blank(code.display())
                                ? icdCodes.find(canonical.get()).map(IcdCode::chineseName).orElse(null)
                                : code.display().strip();
                        if (display == null) {
                            problems.add(EntryProblem.of("code.display", "records.error.display.unknownCode", canonical.get()));
                        } else {
                            completedCode = new Coding(code.system(), canonical.get(), display);
                        }
                        sensitivity = SensitiveCategory.of(canonical.get()).orElse(null);
                    }
                }
            }
            case EntryDetails.Observation observation -> {
                var type = Coding.LOINC.equals(code.system()) ? observations.find(code.code()) : java.util.Optional.<ObservationType>empty();
                if (blank(code.display())) {
                    if (type.isPresent()) {
                        completedCode = new Coding(code.system(), code.code(), type.get().chineseName());
                    } else {
                        problems.add(EntryProblem.of("code.display", "records.error.display.unknownCode", code.code()));
                    }
                }
                if (category == null) {
                    category = type.map(ObservationType::category).orElse(null);
                }
                if (category != null && !OBSERVATION_CATEGORIES.contains(category)) {
                    problems.add(EntryProblem.of("category", "records.error.category",
                            String.join(", ", OBSERVATION_CATEGORIES)));
                }
                if (e.value() == null && blank(e.valueText()) && observation.components().isEmpty()) {
                    problems.add(EntryProblem.of("value", "records.error.observation.value"));
                }
                if (e.value() != null) {
                    checkUnit("value.unit", e.value(), type.orElse(null), problems);
                    if (range == null || range.isEmpty()) {
                        range = type.map(ObservationType::range).filter(r -> !r.isEmpty()).orElse(range);
                    }
                    if (interpretation == null) {
                        interpretation = type.map(t -> t.interpret(e.value().value(), e.range()))
                                .orElseGet(() -> ObservationType.interpretAgainst(e.value().value(), e.range()));
                    }
                }
                List<EntryDetails.Component> components = new ArrayList<>();
                for (int i = 0; i < observation.components().size(); i++) {
                    EntryDetails.Component c = observation.components().get(i);
                    if (c.code() == null || blank(c.code().code()) || c.value() == null) {
                        problems.add(EntryProblem.of("details.components[" + i + "]", "records.error.component"));
                        continue;
                    }
                    var componentType = observations.find(c.code().code());
                    checkUnit("details.components[" + i + "].value.unit", c.value(), componentType.orElse(null), problems);
                    ReferenceRange componentRange = c.range() == null || c.range().isEmpty()
                            ? componentType.map(ObservationType::range).filter(r -> !r.isEmpty()).orElse(c.range())
                            : c.range();
                    Interpretation flag = c.interpretation() != null ? c.interpretation()
                            : componentType.map(t -> t.interpret(c.value().value(), c.range()))
                                    .orElseGet(() -> ObservationType.interpretAgainst(c.value().value(), c.range()));
                    Coding componentCode = blank(c.code().display()) && componentType.isPresent()
                            ? new Coding(c.code().system(), c.code().code(), componentType.get().chineseName()) : c.code();
                    components.add(new EntryDetails.Component(componentCode, c.value(), componentRange, flag));
                }
                if (interpretation == null && !components.isEmpty()) {
                    interpretation = worstOf(components);
                }
                details = new EntryDetails.Observation(components, observation.specimen(), observation.method());
            }
            case EntryDetails.Report report -> {
                if (category == null || !REPORT_CATEGORIES.contains(category)) {
                    problems.add(EntryProblem.of("category", "records.error.category", String.join(", ", REPORT_CATEGORIES)));
                }
                if (blank(report.findings()) && blank(report.conclusion()) && e.attachments().isEmpty()) {
                    problems.add(EntryProblem.of("details.conclusion", "records.error.report.empty"));
                }
            }
            case EntryDetails.MedicationRequest request -> {
                if (request.durationDays() != null && request.durationDays() < 1) {
                    problems.add(EntryProblem.of("details.durationDays", "records.error.positive"));
                }
                if (endedAt == null && request.durationDays() != null && request.durationDays() > 0 && e.effectiveAt() != null) {
                    endedAt = e.effectiveAt().plus(Duration.ofDays(request.durationDays()));
                }
            }
            case EntryDetails.MedicationDispense dispense -> {
                if (dispense.daysSupply() != null && dispense.daysSupply() < 1) {
                    problems.add(EntryProblem.of("details.daysSupply", "records.error.positive"));
                }
            }
            case EntryDetails.Immunization immunization -> {
                if (immunization.doseNumber() != null && immunization.doseNumber() < 1) {
                    problems.add(EntryProblem.of("details.doseNumber", "records.error.positive"));
                }
            }
            case EntryDetails.Allergy allergy -> {
                if (allergy.category() == null) {
                    problems.add(EntryProblem.of("details.category", "records.error.allergy.category"));
                }
            }
            case EntryDetails.Procedure procedure -> {
                // code and status checks above are all a procedure needs
            }
            case EntryDetails.Document document -> {
                if (blank(document.title())) {
                    problems.add(EntryProblem.of("details.title", "records.error.document.title"));
                }
                if (document.sections().isEmpty() && e.attachments().isEmpty()) {
                    problems.add(EntryProblem.of("details.sections", "records.error.document.empty"));
                }
            }
        }
        if (sensitivity == null && kind != EntryKind.CONDITION) {
            sensitivity = sensitiveCodes.of(completedCode).orElse(null);
            if (sensitivity == null && details instanceof EntryDetails.Observation panel) {
                sensitivity = panel.components().stream().map(c -> sensitiveCodes.of(c.code()))
                        .flatMap(java.util.Optional::stream).findFirst().orElse(null);
            }
        }
        if (blank(completedCode.display()) && problems.stream().noneMatch(p -> p.field().startsWith("code"))) {
            problems.add(EntryProblem.of("code.display", "records.error.display.required"));
        }
        if (e.sourceSystem() != null && blank(e.sourceId()) || e.sourceSystem() == null && e.sourceId() != null) {
            problems.add(EntryProblem.of("sourceId", "records.error.source.pair"));
        }
        if (!problems.isEmpty()) {
            throw new EntryInputException(problems);
        }
        NewEntry completed = new NewEntry(e.residentId(), kind, e.encounterId(), completedCode, category, e.status(),
                e.effectiveAt(), endedAt, e.value(), blank(e.valueText()) ? null : e.valueText().strip(), range,
                interpretation, details, e.organisationId(), e.authorPractitionerId(), e.sourceSystem(),
                e.sourceId(), e.attachments());
        return new Checked(completed, sensitivity);
    }


    /** The county's list from the classpath, read once. */
    private static final class DefaultSensitiveCodes {
        static final SensitiveCodes LIST = SensitiveCodes.fromClasspath();
    }

    private static Interpretation worstOf(List<EntryDetails.Component> components) {
        Interpretation worst = null;
        for (EntryDetails.Component c : components) {
            Interpretation i = c.interpretation();
            if (i != null && (worst == null || rank(i) > rank(worst))) {
                worst = i;
            }
        }
        return worst;
    }

    private static int rank(Interpretation i) {
        return i.critical() ? 2 : i.abnormal() ? 1 : 0;
    }

    private static void checkUnit(String field, Quantity value, ObservationType type, List<EntryProblem> problems) {
        if (blank(value.unit())) {
            problems.add(EntryProblem.of(field, "records.error.unit.required"));
        } else if (type != null && type.unit() != null && !type.unit().equals(value.unit())) {
            problems.add(EntryProblem.of(field, "records.error.unit.expected", type.unit(), value.unit()));
        }
    }

    private void checkAttachment(String field, NewAttachment attachment, List<EntryProblem> problems) {
        if (!ATTACHMENT_TYPES.contains(attachment.contentType())) {
            problems.add(EntryProblem.of(field + ".contentType", "records.error.attachment.type",
                    String.join(", ", ATTACHMENT_TYPES)));
            return;
        }
        byte[] bytes = attachment.content();
        if (bytes.length == 0) {
            problems.add(EntryProblem.of(field, "records.error.attachment.empty"));
        } else if (bytes.length > maxAttachmentBytes) {
            problems.add(EntryProblem.of(field, "records.error.attachment.size", maxAttachmentBytes / (1024 * 1024)));
        } else if (!startsAsDeclared(attachment.contentType(), bytes)) {
            problems.add(EntryProblem.of(field, "records.error.attachment.content", attachment.contentType()));
        }
    }

    /** The file's first bytes match its declared type, so that a renamed executable is not kept as a "PDF". */
    static boolean startsAsDeclared(String contentType, byte[] bytes) {
        byte[] magic = switch (contentType) {
            case "application/pdf" -> new byte[] {'%', 'P', 'D', 'F', '-'};
            case "image/jpeg" -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
            case "image/png" -> new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
            default -> null;
        };
        return magic != null && bytes.length >= magic.length
                && Arrays.equals(Arrays.copyOf(bytes, magic.length), magic);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
