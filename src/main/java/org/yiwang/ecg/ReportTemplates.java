package org.yiwang.ecg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The catalogue of structured report statements (a TSV file in the application, configurable), and the statements
 * the pre-analysis suggests: a reader starts from a pre-filled report and edits it.
 */
@Component
public class ReportTemplates {

    private final Map<String, ReportStatement> statements;

    @org.springframework.beans.factory.annotation.Autowired
    ReportTemplates(ResourceLoader resources, EcgProperties properties) {
        this(read(resources.getResource(properties.reading().statementCatalogue())));
    }

    ReportTemplates(List<ReportStatement> statements) {
        Map<String, ReportStatement> byCode = new LinkedHashMap<>();
        for (ReportStatement s : statements) {
            if (byCode.put(s.code(), s) != null) {
                throw new IllegalArgumentException("report statement " + s.code() + " listed twice");
            }
        }
        this.statements = Map.copyOf(byCode);
        this.ordered = List.copyOf(statements);
    }

    private final List<ReportStatement> ordered;

    /** All statements in catalogue order. */
    public List<ReportStatement> all() {
        return ordered;
    }

    public Optional<ReportStatement> find(String code) {
        return Optional.ofNullable(statements.get(code));
    }

    /**
     * The statements the pre-analysis suggests, in catalogue order: those naming one of its findings, a STEMI
     * suspicion per territory. A recording whose only finding is sinus rhythm within normal intervals is not called
     * normal here: that is the reader's call.
     */
    /** Suggestion key: the pre-analysis counted premature ventricular beats, fewer than frequent ectopy. */
    static final String VENTRICULAR_PREMATURE_BEATS = "VENTRICULAR_PREMATURE_BEATS";
    /** Suggestion key: a long recording was in atrial fibrillation for part of its time. */
    static final String PAROXYSMAL_ATRIAL_FIBRILLATION = "PAROXYSMAL_ATRIAL_FIBRILLATION";

    public List<ReportStatement> suggestedFor(EcgPreAnalysis analysis) {
        Set<String> keys = new LinkedHashSet<>();
        for (EcgPreAnalysis.Finding f : analysis.findings()) {
            keys.add(f.code());
            if (f.code().equals("STEMI_SUSPECT")) {
                analysis.stemiTerritories().forEach(t -> keys.add(f.code() + ":" + t));
            }
        }
        // what the counts and a long recording's rhythm times add to the findings
        if (analysis.ventricularBeats() != null && analysis.ventricularBeats() > 0
                && !keys.contains("FREQUENT_VENTRICULAR_ECTOPY")) {
            keys.add(VENTRICULAR_PREMATURE_BEATS);
        }
        if (paroxysmalAtrialFibrillation(analysis.holter())) {
            // fibrillation for part of the recording: paroxysmal, not (persistent) atrial fibrillation
            keys.remove("ATRIAL_FIBRILLATION");
            keys.add(PAROXYSMAL_ATRIAL_FIBRILLATION);
        }
        List<ReportStatement> out = new ArrayList<>();
        for (ReportStatement s : ordered) {
            if (s.suggestedBy().stream().anyMatch(keys::contains)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Atrial fibrillation for less than this share of a Holter's analysed time is paroxysmal. */
    static final double PAROXYSMAL_BELOW_PERCENT = 95;

    /**
     * Whether a long recording was in atrial fibrillation for part of its time: by its AF episodes (found beat by
     * beat) when it has them, else, in analyses stored before them, by its segments' rhythms.
     */
    static boolean paroxysmalAtrialFibrillation(EcgPreAnalysis.HolterSummary holter) {
        if (holter == null) {
            return false;
        }
        if (holter.af() != null) {
            return holter.af().count() > 0 && holter.af().percent() < PAROXYSMAL_BELOW_PERCENT;
        }
        return holter.rhythmTimes().size() > 1
                && holter.rhythmTimes().stream().anyMatch(t -> t.rhythm().equals("ATRIAL_FIBRILLATION"));
    }

    static List<ReportStatement> read(Resource resource) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resource.getInputStream(),
                StandardCharsets.UTF_8))) {
            return parse(in.lines().toList(), resource.getDescription());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ECG report statements " + resource, e);
        }
    }

    static List<ReportStatement> parse(List<String> lines, String source) {
        List<ReportStatement> out = new ArrayList<>();
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 6 || f[0].isBlank() || f[1].isBlank() || f[2].isBlank()
                    || !(f[4].equals("yes") || f[4].equals("no"))) {
                throw new IllegalArgumentException(source + " line " + number
                        + ": expected code, zh, en, category, critical (yes/no), suggested_by separated by tabs");
            }
            List<String> suggestedBy = f[5].isBlank() ? List.of()
                    : Arrays.stream(f[5].split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            out.add(new ReportStatement(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(), f[4].equals("yes"),
                    suggestedBy));
        }
        return out;
    }
}
