package org.yiwang.mpi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.yiwang.mpi.matching.CandidatePairs;
import org.yiwang.mpi.matching.Decision;
import org.yiwang.mpi.matching.LinkageProfile;
import org.yiwang.mpi.matching.MatchResult;
import org.yiwang.mpi.matching.MatchThresholds;
import org.yiwang.mpi.matching.PersonRecord;
import org.yiwang.mpi.matching.PreparedRecord;
import org.yiwang.mpi.matching.RecordLinkage;
import org.yiwang.mpi.matching.ScoredPair;

/**
 * Accuracy evaluation of the record-linkage engine on labelled files (FEBRL deduplication and linkage sets, the
 * Chinese resident CSV of shared/data/linkage/cn). The truth (FEBRL record number, CN {@code entity_id}) is kept
 * apart from the records and read only by the scorer; the matcher sees {@link PersonRecord}s. Models are fitted
 * by EM on the file's own candidate pairs, never from the truth.
 */
public final class LinkageEvaluation {

    private LinkageEvaluation() {
    }

    /** Input file formats. */
    public enum Format {
        FEBRL, CN_RESIDENT;

        /** {@code febrl} or {@code cn-resident}. */
        public static Format parse(String text) {
            return switch (text) {
                case "febrl" -> FEBRL;
                case "cn-resident" -> CN_RESIDENT;
                default -> throw new IllegalArgumentException("unknown format '" + text + "': use febrl or cn-resident");
            };
        }
    }

    /**
     * What to evaluate. {@code linkTo} (FEBRL only) turns deduplication into linkage of two files; a null
     * threshold (posterior match probability) takes the profile's default.
     */
    public record Request(Format format, Path input, Path linkTo, Double autoLinkProbability,
                          Double reviewProbability, int maxBlockSize, Executor executor) {

        public Request {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(executor, "executor");
            if (linkTo != null && format != Format.FEBRL) {
                throw new IllegalArgumentException("--link-to is supported for the febrl format only");
            }
        }
    }

    /** Records of a file and, apart from them, the truth label of each. */
    record Labelled(List<PersonRecord> records, List<String> truth) {
    }

    /** Predicted links at one probability threshold (deterministic rules applied). */
    public record ThresholdRow(double threshold, long predicted, long truePositives, long falsePositives) {
    }

    /** One field of a pair's explanation: agreement level and weight in bits. */
    public record FieldLine(String field, String level, double weightBits) {
    }

    /** A pair linked automatically that the truth says are different persons, with its explanation. */
    public record FalseLink(String leftRecordId, String rightRecordId, double probability, String rule,
                            List<FieldLine> fields) {

        static FalseLink of(MatchResult result) {
            return new FalseLink(result.leftRecordId(), result.rightRecordId(), result.probability(), result.rule(),
                    result.explanation().stream().map(f -> new FieldLine(f.field(), f.level(), f.weightBits()))
                            .toList());
        }
    }

    /** The evaluation's figures. */
    public record Report(String profile, int records, long candidatePairs, long truePairs, long truePairsKept,
                         int oversizedBlocks, int emIterations, boolean emConverged, String model,
                         double autoLinkProbability, double reviewProbability, List<ThresholdRow> rows,
                         long truePositives,
                         long falsePositives, long review, long reviewTrue, double seconds,
                         List<FalseLink> falseLinks) {

        public double precision() {
            long predicted = truePositives + falsePositives;
            return predicted == 0 ? 1 : (double) truePositives / predicted;
        }

        public double recall() {
            return truePairs == 0 ? 1 : (double) truePositives / truePairs;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        /** Share of the true pairs that blocking kept as candidates (pair completeness). */
        public double blockingRecall() {
            return truePairs == 0 ? 1 : (double) truePairsKept / truePairs;
        }

        /** The last line of {@code linkage-eval}, counting only automatic links as predicted matches. */
        public String summaryLine() {
            return String.format(Locale.ROOT, "precision=%.4f recall=%.4f f1=%.4f review=%d candidate_pairs=%d seconds=%.1f",
                    precision(), recall(), f1(), review, candidatePairs, seconds);
        }
    }

    /** Probability thresholds listed in the report table (besides the configured ones). */
    static final double[] TABLE_THRESHOLDS = {0.5, 0.9, 0.99, 0.999, 0.9999, 0.99999, 0.999999};

    /** Reads the files and runs the evaluation. */
    public static Report evaluate(Request request) throws IOException {
        long started = System.nanoTime();
        Labelled left = read(request.format(), request.input());
        Labelled right = request.linkTo() == null ? null : read(request.format(), request.linkTo());
        LinkageProfile profile = request.format() == Format.FEBRL ? LinkageProfile.febrl()
                : LinkageProfile.chineseResidents();
        MatchThresholds defaults = request.format() == Format.FEBRL ? MatchThresholds.febrlDefaults()
                : MatchThresholds.chineseResidentDefaults();
        MatchThresholds thresholds = new MatchThresholds(
                request.autoLinkProbability() == null ? defaults.autoLinkProbability() : request.autoLinkProbability(),
                request.reviewProbability() == null ? defaults.reviewProbability() : request.reviewProbability());
        return evaluate(profile, thresholds, left, right, request.maxBlockSize(), request.executor(), started);
    }

    /** Evaluates records already read (deduplication when {@code right} is null, else linkage of the two). */
    static Report evaluate(LinkageProfile profile, MatchThresholds thresholds, Labelled left, Labelled right,
                                  int maxBlockSize, Executor executor, long startedNanos) {
        RecordLinkage engine = new RecordLinkage(profile, profile.defaultModel(), thresholds,
                org.yiwang.mpi.matching.NameFrequencies.none());
        List<PreparedRecord> leftPrepared = left.records().stream().map(RecordLinkage::prepare).toList();
        List<PreparedRecord> rightPrepared = right == null ? null
                : right.records().stream().map(RecordLinkage::prepare).toList();
        RecordLinkage.BatchOptions options = RecordLinkage.BatchOptions.defaults().withMaxBlockSize(maxBlockSize);
        RecordLinkage.BatchResult batch = right == null ? engine.deduplicate(leftPrepared, options, executor)
                : engine.link(leftPrepared, rightPrepared, options, executor);
        List<String> truth = new ArrayList<>(left.truth());
        List<PreparedRecord> all = new ArrayList<>(leftPrepared);
        if (right != null) {
            truth.addAll(right.truth());
            all.addAll(rightPrepared);
        }
        long truePairs = truePairs(left.truth(), right == null ? null : right.truth());
        CandidatePairs candidates = batch.candidates();
        long kept = 0;
        long tp = 0;
        long fp = 0;
        long review = 0;
        long reviewTrue = 0;
        long[] rowPredicted = new long[TABLE_THRESHOLDS.length + 2];
        long[] rowTrue = new long[rowPredicted.length];
        double[] rowThresholds = new double[rowPredicted.length];
        System.arraycopy(TABLE_THRESHOLDS, 0, rowThresholds, 0, TABLE_THRESHOLDS.length);
        rowThresholds[TABLE_THRESHOLDS.length] = thresholds.reviewProbability();
        rowThresholds[TABLE_THRESHOLDS.length + 1] = thresholds.autoLinkProbability();
        List<FalseLink> falseLinks = new ArrayList<>();
        for (ScoredPair pair : batch.scored()) {
            boolean same = truth.get(pair.left()).equals(truth.get(pair.right()));
            if (same) {
                kept++;
            }
            switch (pair.decision()) {
                case LINK -> {
                    if (same) {
                        tp++;
                    } else {
                        fp++;
                        falseLinks.add(FalseLink.of(batch.linkage().compare(all.get(pair.left()),
                                all.get(pair.right()))));
                    }
                }
                case REVIEW -> {
                    review++;
                    if (same) {
                        reviewTrue++;
                    }
                }
                case NON_MATCH -> {
                }
            }
            for (int t = 0; t < rowThresholds.length; t++) {
                boolean predicted = pair.linkedAt(rowThresholds[t]);
                if (predicted) {
                    rowPredicted[t]++;
                    if (same) {
                        rowTrue[t]++;
                    }
                }
            }
        }
        Map<Double, ThresholdRow> rows = new LinkedHashMap<>();
        for (int t = 0; t < rowThresholds.length; t++) {
            rows.putIfAbsent(rowThresholds[t], new ThresholdRow(rowThresholds[t], rowPredicted[t], rowTrue[t],
                    rowPredicted[t] - rowTrue[t]));
        }
        List<ThresholdRow> sortedRows = rows.values().stream()
                .sorted((a, b) -> Double.compare(a.threshold(), b.threshold())).toList();
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return new Report(profileName(batch), all.size(), candidates.size(), truePairs, kept,
                candidates.oversizedBlocks(), batch.emIterations(), batch.emConverged(),
                batch.linkage().model().toText(), thresholds.autoLinkProbability(), thresholds.reviewProbability(),
                sortedRows, tp, fp, review, reviewTrue, seconds,
                falseLinks);
    }

    private static String profileName(RecordLinkage.BatchResult batch) {
        return batch.linkage().profile().name();
    }

    static long truePairs(List<String> left, List<String> right) {
        Map<String, Long> leftCounts = left.stream().collect(Collectors.groupingBy(s -> s, HashMap::new,
                Collectors.counting()));
        if (right == null) {
            return leftCounts.values().stream().mapToLong(c -> c * (c - 1) / 2).sum();
        }
        Map<String, Long> rightCounts = right.stream().collect(Collectors.groupingBy(s -> s, HashMap::new,
                Collectors.counting()));
        return leftCounts.entrySet().stream().mapToLong(e -> e.getValue() * rightCounts.getOrDefault(e.getKey(), 0L))
                .sum();
    }

    static Labelled read(Format format, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return format == Format.FEBRL ? readFebrl(lines) : readChineseResidents(lines);
    }

    /**
     * FEBRL: header line, then {@code rec_id, given_name, surname, street_number, address_1, address_2, suburb,
     * postcode, state, date_of_birth, soc_sec_id}; the truth is the number N of {@code rec-N-org} /
     * {@code rec-N-dup-k}.
     */
    static Labelled readFebrl(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).replace(" ", "").startsWith("rec_id,given_name,surname")) {
            throw new IllegalArgumentException("line 1: expected the FEBRL header rec_id, given_name, surname, ...");
        }
        List<PersonRecord> records = new ArrayList<>(lines.size());
        List<String> truth = new ArrayList<>(lines.size());
        String[] names = {"given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode",
                "state"};
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 11) {
                throw new IllegalArgumentException("line " + (n + 1) + ": expected 11 fields, found " + f.length);
            }
            String recId = f[0].strip();
            String[] idParts = recId.split("-");
            if (idParts.length < 3 || !idParts[0].equals("rec")) {
                throw new IllegalArgumentException("line " + (n + 1) + ": rec_id must look like rec-N-org or rec-N-dup-k");
            }
            Map<String, String> extra = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                extra.put(names[i], f[i + 1].strip());
            }
            String name = (f[1].strip() + " " + f[2].strip()).strip();
            String address = (f[3].strip() + " " + f[4].strip() + " " + f[6].strip()).strip();
            records.add(new PersonRecord(recId, name, "", f[9].strip(), f[10].strip(), "", address, extra));
            truth.add(idParts[1]);
        }
        return new Labelled(records, truth);
    }

    /**
     * Chinese resident CSV (shared/data/linkage/cn/README.md): {@code rec_id,entity_id,name,sex,birth_date,
     * id_number,phone,address}; {@code entity_id} becomes the truth and is not given to the matcher.
     */
    static Labelled readChineseResidents(List<String> lines) {
        String header = lines.isEmpty() ? "" : lines.get(0).replace("\uFEFF", "").strip();
        if (!header.equals("rec_id,entity_id,name,sex,birth_date,id_number,phone,address")) {
            throw new IllegalArgumentException(
                    "line 1: expected the header rec_id,entity_id,name,sex,birth_date,id_number,phone,address");
        }
        List<PersonRecord> records = new ArrayList<>(lines.size());
        List<String> truth = new ArrayList<>(lines.size());
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 8) {
                throw new IllegalArgumentException("line " + (n + 1) + ": expected 8 fields, found " + f.length);
            }
            records.add(PersonRecord.of(f[0], f[2], f[3], f[4], f[5], f[6], f[7]));
            truth.add(f[1]);
        }
        return new Labelled(records, truth);
    }
}
