package org.yiwang.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which codes other than diagnoses reveal a sensitive category ({@code records/sensitive-codes.tsv}): HIV tests and
 * antiretrovirals, antipsychotics and antidepressants, pregnancy tests and contraceptives, psychiatric documents
 * (domain-rules §9, PIPL-01/02). A diagnosis is classified by its ICD-10 code ({@link SensitiveCategory#of}); every
 * other entry by this list, so that an HIV viral load is as protected as the HIV diagnosis. Pure and immutable.
 */
public final class SensitiveCodes {

    public static final String RESOURCE = "records/sensitive-codes.tsv";

    /** In the category column: the code is not sensitive, although a later (prefix) line would say so. */
    static final String NOT_SENSITIVE = "NONE";

    /**
     * One line of the list.
     *
     * @param category null for a {@value #NOT_SENSITIVE} line (an exception to a wider line below it)
     */
    public record Rule(String system, boolean prefix, String code, SensitiveCategory category) {

        boolean matches(Coding coding) {
            if (!system.equals(coding.system())) {
                return false;
            }
            String c = coding.code().strip();
            return prefix ? c.toUpperCase(Locale.ROOT).startsWith(code.toUpperCase(Locale.ROOT)) : c.equals(code);
        }
    }

    private final List<Rule> rules;

    private SensitiveCodes(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static SensitiveCodes fromClasspath() {
        return parse(ReferenceLists.lines(RESOURCE, "sensitive code list"));
    }

    /** A list from tab-separated lines (see the resource's header); a malformed line is named in the error. */
    public static SensitiveCodes parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 4 || f[0].isBlank() || f[2].isBlank() || !(f[1].equals("exact") || f[1].equals("prefix"))) {
                throw new IllegalArgumentException(RESOURCE + " line " + number
                        + ": expected system, exact|prefix, code, category: " + line);
            }
            SensitiveCategory category;
            try {
                category = f[3].strip().equals(NOT_SENSITIVE) ? null : SensitiveCategory.valueOf(f[3].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(RESOURCE + " line " + number + ": unknown category " + f[3], e);
            }
            rules.add(new Rule(system(f[0].strip()), f[1].equals("prefix"), f[2].strip(), category));
        }
        return new SensitiveCodes(rules);
    }

    private static String system(String alias) {
        return switch (alias) {
            case "LOINC" -> Coding.LOINC;
            case "ATC" -> Coding.ATC;
            case "LOCAL" -> Coding.LOCAL;
            case "ICD10" -> throw new IllegalArgumentException("diagnoses are classified by SensitiveCategory.of");
            default -> alias;
        };
    }

    /** The sensitive category a (non-diagnosis) code reveals, if any: the first matching line wins. */
    public Optional<SensitiveCategory> of(Coding code) {
        if (code == null) {
            return Optional.empty();
        }
        return rules.stream().filter(r -> r.matches(code)).findFirst().map(Rule::category);
    }

    /** The lines of the list, in file order (for the backfill of entries written before a line was added). */
    public List<Rule> rules() {
        return rules;
    }
}
