package org.yiwang.records;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ICD-10 code list of the county (a subset of ICD-10 with GB/T 14396 Chinese names, loaded from
 * {@code records/icd10.tsv}). Pure and immutable: normalises what clinicians type, tells whether a code is on the
 * list, names it, and searches it by code prefix or Chinese name, always bounded.
 */
public final class IcdCodes {

    /** The classpath resource holding the code list. */
    public static final String RESOURCE = "records/icd10.tsv";

    /** No search returns more than this many codes, whatever the caller asks. */
    public static final int MAX_SEARCH_RESULTS = 50;

    private static final Pattern CODE = Pattern.compile("([A-Z][0-9]{2})(?:\\.?([0-9A-Z]{1,2}))?");

    private static final Pattern CODE_PREFIX = Pattern.compile("[A-Z][0-9]{0,2}(\\.?[0-9A-Z]{0,2})?");

    private static final Pattern CHAPTER = Pattern.compile("[IVX]{1,5}");

    /** Keyed by the code without its dot, so that prefix search runs over one ordered map. */
    private final SortedMap<String, IcdCode> byDotlessCode;

    private IcdCodes(SortedMap<String, IcdCode> byDotlessCode) {
        this.byDotlessCode = Collections.unmodifiableSortedMap(byDotlessCode);
    }

    /** The project's code list from the classpath. */
    public static IcdCodes fromClasspath() {
        return parse(ReferenceLists.lines(RESOURCE, "ICD-10 code list"));
    }

    /**
     * A code list from tab-separated lines: code, Chinese name, English name, chapter. Lines starting with
     * {@code #} and blank lines are skipped.
     *
     * @throws IllegalArgumentException naming the line of a malformed entry or a repeated code
     */
    public static IcdCodes parse(List<String> lines) {
        SortedMap<String, IcdCode> codes = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            int lineNumber = i + 1;
            if (fields.length != 4) {
                throw new IllegalArgumentException("line " + lineNumber + ": expected 4 tab-separated fields, found "
                        + fields.length);
            }
            String code = fields[0].strip();
            if (!normalise(code).equals(Optional.of(code))) {
                throw new IllegalArgumentException("line " + lineNumber + ": '" + code + "' is not a canonical ICD-10 code");
            }
            for (int f = 1; f < 4; f++) {
                if (fields[f].isBlank()) {
                    throw new IllegalArgumentException("line " + lineNumber + ": field " + (f + 1) + " is empty");
                }
            }
            String chapter = fields[3].strip();
            if (!CHAPTER.matcher(chapter).matches()) {
                throw new IllegalArgumentException("line " + lineNumber + ": chapter '" + chapter
                        + "' is not a Roman numeral");
            }
            IcdCode entry = new IcdCode(code, fields[1].strip(), fields[2].strip(), chapter);
            if (codes.putIfAbsent(dotless(code), entry) != null) {
                throw new IllegalArgumentException("line " + lineNumber + ": code " + code + " appears twice");
            }
        }
        return new IcdCodes(codes);
    }

    /**
     * The canonical form of a typed code, whether or not it is on the list: trimmed, full-width characters folded,
     * upper-case, with the dot after the third character ({@code "i10"} → {@code I10}, {@code "E119"} →
     * {@code E11.9}, {@code "ｅ１１．９"} → {@code E11.9}). Empty for anything that cannot be an ICD-10 code.
     */
    public static Optional<String> normalise(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String folded = Normalizer.normalize(input, Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
        Matcher m = CODE.matcher(folded);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2));
    }

    /** The listed code for a typed one, in any of the forms {@link #normalise} accepts. */
    public Optional<IcdCode> find(String input) {
        return normalise(input).map(code -> byDotlessCode.get(dotless(code)));
    }

    /** Whether the typed code, once normalised, is on the list. */
    public boolean isKnown(String input) {
        return find(input).isPresent();
    }

    /** How many codes the list holds. */
    public int size() {
        return byDotlessCode.size();
    }

    /**
     * Codes whose code starts with the query (case and dot ignored: {@code "e11"} finds {@code E11}, {@code E11.0}
     * …) or, when the query is not a code prefix, whose Chinese name contains it. In code order, at most
     * {@code min(limit, MAX_SEARCH_RESULTS)}; empty for a blank query or a limit below 1.
     */
    public List<IcdCode> search(String query, int limit) {
        int bound = Math.min(limit, MAX_SEARCH_RESULTS);
        if (query == null || query.isBlank() || bound < 1) {
            return List.of();
        }
        String folded = Normalizer.normalize(query, Normalizer.Form.NFKC).strip();
        String upper = folded.toUpperCase(Locale.ROOT);
        List<IcdCode> found = new ArrayList<>(bound);
        if (CODE_PREFIX.matcher(upper).matches()) {
            String prefix = dotless(upper);
            for (IcdCode code : byDotlessCode.tailMap(prefix).values()) {
                if (!dotless(code.code()).startsWith(prefix) || found.size() == bound) {
                    break;
                }
                found.add(code);
            }
            return List.copyOf(found);
        }
        for (IcdCode code : byDotlessCode.values()) {
            if (code.chineseName().contains(folded)) {
                found.add(code);
                if (found.size() == bound) {
                    break;
                }
            }
        }
        return List.copyOf(found);
    }

    private static String dotless(String code) {
        return code.replace(".", "");
    }
}
