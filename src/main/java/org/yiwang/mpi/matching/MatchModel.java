package org.yiwang.mpi.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Fellegi–Sunter parameters: the prior share of matches among candidate pairs and, per field and agreement
 * level, m (probability of the level among matches) and u (among non-matches). Serialises to a small text form
 * ({@link #toText()} / {@link #parse(String)}) so that a fitted model can be stored.
 */
public record MatchModel(String profile, double matchPrior, List<FieldParameters> fields) {

    /** m and u per level of one field (each sums to 1). */
    public record FieldParameters(String field, List<String> levels, double[] m, double[] u) {

        public FieldParameters {
            levels = List.copyOf(levels);
            m = m.clone();
            u = u.clone();
            if (m.length != levels.size() || u.length != levels.size()) {
                throw new IllegalArgumentException(field + ": need one m and one u per level");
            }
            for (int i = 0; i < m.length; i++) {
                if (!(m[i] > 0 && m[i] < 1 + 1e-9 && u[i] > 0 && u[i] < 1 + 1e-9)) {
                    throw new IllegalArgumentException(field + ": m and u must be in (0, 1]");
                }
            }
        }

        /** Weight in bits of a level: log2(m/u). */
        public double weight(int level) {
            return Math.log(m[level] / u[level]) / Math.log(2);
        }

        @Override
        public double[] m() {
            return m.clone();
        }

        @Override
        public double[] u() {
            return u.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FieldParameters that && field.equals(that.field) && levels.equals(that.levels)
                    && Arrays.equals(m, that.m) && Arrays.equals(u, that.u);
        }

        @Override
        public int hashCode() {
            return field.hashCode() * 31 + Arrays.hashCode(m) * 17 + Arrays.hashCode(u);
        }

        @Override
        public String toString() {
            return field + " m=" + Arrays.toString(m) + " u=" + Arrays.toString(u);
        }
    }

    public MatchModel {
        fields = List.copyOf(fields);
        if (!(matchPrior > 0 && matchPrior < 1)) {
            throw new IllegalArgumentException("match prior must be in (0, 1)");
        }
    }

    /** The same model with u replaced, per field and level, where {@code u[f]} is not null. */
    public MatchModel withU(double[][] u) {
        List<FieldParameters> replaced = new ArrayList<>(fields.size());
        for (int f = 0; f < fields.size(); f++) {
            FieldParameters field = fields.get(f);
            replaced.add(new FieldParameters(field.field(), field.levels(), field.m, u[f] == null ? field.u : u[f]));
        }
        return new MatchModel(profile, matchPrior, replaced);
    }

    /** Prior log-odds in bits. */
    public double priorWeight() {
        return Math.log(matchPrior / (1 - matchPrior)) / Math.log(2);
    }

    /** Checks that the model has the fields and levels of the profile's comparisons, in order. */
    public MatchModel requireCompatible(List<FieldComparison> comparisons) {
        if (comparisons.size() != fields.size()) {
            throw new IllegalArgumentException("model has " + fields.size() + " fields, profile " + comparisons.size());
        }
        for (int i = 0; i < comparisons.size(); i++) {
            if (!comparisons.get(i).field().equals(fields.get(i).field())
                    || !comparisons.get(i).levels().equals(fields.get(i).levels())) {
                throw new IllegalArgumentException("model field " + fields.get(i).field() + " does not fit "
                        + comparisons.get(i).field() + comparisons.get(i).levels());
            }
        }
        return this;
    }

    /**
     * Text form, one line a field:
     * <pre>
     * yiwang-linkage-model 1
     * profile cn-resident
     * prior 0.31
     * field name DIFFERENT,PARTIAL,NEAR,SAME_PINYIN,EXACT m 0.01,... u 0.9,...
     * </pre>
     */
    public String toText() {
        StringBuilder out = new StringBuilder("yiwang-linkage-model 1\n");
        out.append("profile ").append(profile).append('\n');
        out.append("prior ").append(format(matchPrior)).append('\n');
        for (FieldParameters field : fields) {
            out.append("field ").append(field.field()).append(' ').append(String.join(",", field.levels()))
                    .append(" m ").append(join(field.m)).append(" u ").append(join(field.u)).append('\n');
        }
        return out.toString();
    }

    /** Parses {@link #toText()}; throws {@link IllegalArgumentException} with the offending line. */
    public static MatchModel parse(String text) {
        String[] lines = text.strip().split("\\R");
        if (lines.length < 3 || !lines[0].strip().equals("yiwang-linkage-model 1")) {
            throw new IllegalArgumentException("not a yiwang-linkage-model 1 text");
        }
        String profile = value(lines[1], "profile");
        double prior = Double.parseDouble(value(lines[2], "prior"));
        List<FieldParameters> fields = new ArrayList<>();
        for (int i = 3; i < lines.length; i++) {
            String[] parts = lines[i].strip().split(" ");
            if (parts.length != 7 || !parts[0].equals("field") || !parts[3].equals("m") || !parts[5].equals("u")) {
                throw new IllegalArgumentException("bad model line: " + lines[i]);
            }
            fields.add(new FieldParameters(parts[1], List.of(parts[2].split(",")), doubles(parts[4]),
                    doubles(parts[6])));
        }
        return new MatchModel(profile, prior, fields);
    }

    private static String value(String line, String key) {
        String[] parts = line.strip().split(" ");
        if (parts.length != 2 || !parts[0].equals(key)) {
            throw new IllegalArgumentException("expected '" + key + " <value>', got: " + line);
        }
        return parts[1];
    }

    private static double[] doubles(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String join(double[] values) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(format(v));
        }
        return out.toString();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
