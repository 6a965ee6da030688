package org.yiwang.ecg;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.yiwang.ecg.format.Annotation;
import org.yiwang.ecg.format.MitAnnotations;
import org.yiwang.ecg.format.WfdbReader;
import org.yiwang.ecg.signal.EcgRecording;
import org.yiwang.ecg.signal.LeadQuality;
import org.yiwang.ecg.signal.analysis.AnalysisThresholds;
import org.yiwang.ecg.signal.analysis.EcgAnalyser;
import org.yiwang.ecg.signal.analysis.EcgReport;
import org.yiwang.ecg.signal.delineation.Delineation;
import org.yiwang.ecg.signal.delineation.WaveBoundaries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yiwang.ecg.signal.rhythm.AfModel;
import org.yiwang.ecg.signal.rhythm.AfNetwork;
import org.yiwang.ecg.signal.rhythm.LogisticRegression;
import org.yiwang.ecg.signal.rhythm.BeatType;
import org.yiwang.ecg.signal.rhythm.BoostedTrees;
import org.yiwang.ecg.signal.rhythm.FibrillatoryWaves;
import org.yiwang.ecg.signal.rhythm.WindowedIrregularity;
import org.yiwang.ecg.signal.rhythm.RhythmLabel;

/**
 * Accuracy of the rhythm pre-analysis on public reference sets, for {@code ecg-eval --af}: every record of a
 * CinC 2017-style directory ({@code REFERENCE.csv} with {@code name,label} lines, WFDB {@code .hea} + {@code .mat})
 * is analysed and its AF call compared with the label.
 */
@Service
public class EcgRhythmEvaluation {

    private static final Logger log = LoggerFactory.getLogger(EcgRhythmEvaluation.class);

    static final int FOLDS = 5;

    /**
     * @param crossValidate also refit the AF model on four fifths of the records and score the fifth left out
     *                      (folds by record position in name order), and report the model fitted on all records
     */
    public AfEvaluationReport evaluateAf(Path directory, boolean crossValidate) throws IOException {
        List<String[]> labelled = labelledRecords(directory);
        AnalysisThresholds thresholds = AnalysisThresholds.defaults();
        AfModel shipped = thresholds.rhythm().afModel();
        int n = labelled.size();
        double[] networkLogits = new double[n];
        String[] labels = new String[n];
        double[][] features = new double[n][];
        double[][] fibrillatory = new double[n][];
        double[][] windowed = new double[n][];
        boolean[] calledAf = new boolean[n];
        double[] probabilities = new double[n];
        RhythmLabel[] rhythms = new RhythmLabel[n];
        long analysisNanos = 0;
        double recordingSeconds = 0;
        for (int i = 0; i < n; i++) {
            String name = labelled.get(i)[0];
            labels[i] = labelled.get(i)[1];
            EcgRecording recording = WfdbReader.read(directory.resolve(name + ".hea"), WfdbReader.Checks.NONE)
                    .toRecording();
            long started = System.nanoTime();
            EcgReport report = EcgAnalyser.analyse(recording, outOfFold(thresholds, shipped, i));
            analysisNanos += System.nanoTime() - started;
            recordingSeconds += recording.durationSeconds();
            rhythms[i] = report.rhythm().label();
            calledAf[i] = rhythms[i] == RhythmLabel.ATRIAL_FIBRILLATION;
            probabilities[i] = rhythms[i] == RhythmLabel.VENTRICULAR_TACHYCARDIA || rhythms[i] == RhythmLabel.ATRIAL_FLUTTER
                    ? Double.NaN : report.rhythm().afProbability();
            networkLogits[i] = report.rhythm().atrialActivity().waveformAfLogit();
            features[i] = report.rhythm().irregularity().sufficient()
                    ? AfModel.features(report.rhythm().irregularity(), report.rhythm().atrialActivity().pWaveEvidence())
                    : null;
            if (crossValidate) {
                // Candidate features measured for the comparison below only (not used by the shipped model).
                int lead = recording.leadNames().indexOf(report.morphologyLead());
                int[] beats = report.beats().sampleIndices();
                BeatType[] types = report.beatTypes().toArray(BeatType[]::new);
                FibrillatoryWaves f = FibrillatoryWaves.measure(recording.leadMicrovolts(lead), beats, types,
                        recording.samplingRateHz());
                fibrillatory[i] = new double[] { f.bandShare(), f.dominantHz(), f.organisation(), f.residualRatio(),
                        f.pWaveProminence(), f.tqWaveRatio(), f.tqWaveToNoise() };
                double[] times = new double[beats.length];
                for (int b = 0; b < beats.length; b++) {
                    times[b] = beats[b] * 1000 / recording.samplingRateHz();
                }
                WindowedIrregularity w = WindowedIrregularity.of(times, types);
                windowed[i] = new double[] { w.maximumMedianChange(), w.minimumNearMedian(), w.maximumRdrCells(),
                        w.irregularShare() };
            }
        }
        AfEvaluationReport crossValidated = null;
        String fitted = null;
        if (crossValidate) {
            boolean[] cvCalls = new boolean[n];
            double[] cvProbabilities = new double[n];
            for (int fold = 0; fold < FOLDS; fold++) {
                AfModel model = fitWithNetwork(features, networkLogits, labels, fold);
                for (int i = fold; i < n; i += FOLDS) {
                    cvProbabilities[i] = probabilityWith(model, features[i], networkLogits[i], rhythms[i]);
                    cvCalls[i] = cvProbabilities[i] >= thresholds.rhythm()
                            .afProbability(model.usesNetwork(features[i], networkLogits[i]));
                }
            }
            crossValidated = score(labels, cvCalls, rhythms, null, null, operatingPoint(labels, cvProbabilities), 0, 0);
            AfModel all = fitWithNetwork(features, networkLogits, labels, -1);
            fitted = all.regression() + (all.combined() == null ? "" : "\ncombined (RR logit, network logit): "
                    + all.combined() + "\nnetwork alone (network logit): " + all.networkAlone());
            compareCandidates(labels, rhythms, features, fibrillatory, windowed, thresholds.rhythm().afProbability());
        }
        return score(labels, calledAf, rhythms, crossValidated, fitted, operatingPoint(labels, probabilities),
                analysisNanos / 1e9, recordingSeconds);
    }

    /**
     * Cross-validated AF calls (same folds, same threshold) of candidate models that are not shipped: logistic
     * regression with the QRST-cancellation (fibrillatory-wave) features, with the windowed RR features, with
     * both, and boosted trees on everything. Logged as {@code af-cv5-candidate …} lines for docs/benchmarks.md.
     */
    private static void compareCandidates(String[] labels, RhythmLabel[] rhythms, double[][] features,
            double[][] fibrillatory, double[][] windowed, double threshold) {
        record Candidate(String name, boolean waves, boolean windows, boolean trees) {
        }
        List<Candidate> candidates = List.of(new Candidate("logistic (shipped features)", false, false, false),
                new Candidate("logistic + fibrillatory waves", true, false, false),
                new Candidate("logistic + windowed RR", false, true, false),
                new Candidate("logistic + both", true, true, false),
                new Candidate("boosted trees (shipped features)", false, false, true),
                new Candidate("boosted trees + both", true, true, true));
        int n = labels.length;
        for (Candidate c : candidates) {
            double[][] x = new double[n][];
            for (int i = 0; i < n; i++) {
                if (features[i] != null) {
                    x[i] = concat(features[i], c.waves() ? fibrillatory[i] : new double[0],
                            c.windows() ? windowed[i] : new double[0]);
                }
            }
            double[] p = new double[n];
            boolean[] calls = new boolean[n];
            for (int fold = 0; fold < FOLDS; fold++) {
                List<double[]> rows = new ArrayList<>();
                List<Boolean> af = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (x[i] != null && i % FOLDS != fold && !"~".equals(labels[i])) {
                        rows.add(x[i]);
                        af.add("A".equals(labels[i]));
                    }
                }
                boolean[] y = new boolean[af.size()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = af.get(i);
                }
                double[][] train = rows.toArray(double[][]::new);
                java.util.function.ToDoubleFunction<double[]> model = c.trees()
                        ? BoostedTrees.fit(train, y, BoostedTrees.Settings.defaults())::probability
                        : LogisticRegression.fit(train, y, 1.0)::probability;
                for (int i = fold; i < n; i += FOLDS) {
                    p[i] = x[i] == null || rhythms[i] == RhythmLabel.VENTRICULAR_TACHYCARDIA
                            || rhythms[i] == RhythmLabel.ATRIAL_FLUTTER ? Double.NaN : model.applyAsDouble(x[i]);
                    calls[i] = p[i] >= threshold;
                }
            }
            AfEvaluationReport r = score(labels, calls, rhythms, null, null, operatingPoint(labels, p), 0, 0);
            AfEvaluationReport.OperatingPoint op = r.operatingPoint();
            log.info(String.format(Locale.ROOT,
                    "af-cv5-candidate %s: Se=%.2f Sp=%.2f +P=%.2f F1=%.3f; at Sp>=95%% p>=%.3f Se=%.2f Sp=%.2f", c.name(),
                    r.sensitivityPercent(), r.specificityPercent(), r.positivePredictivityPercent(), r.f1(),
                    op == null ? Double.NaN : op.threshold(), op == null ? Double.NaN : op.sensitivityPercent(),
                    op == null ? Double.NaN : op.specificityPercent()));
        }
    }

    private static double[] concat(double[]... parts) {
        int length = 0;
        for (double[] part : parts) {
            length += part.length;
        }
        double[] out = new double[length];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Fits on all records except those of {@code leftOutFold} (-1: none left out). */
    private static AfModel fit(double[][] features, String[] labels, int leftOutFold) {
        return fit(features, labels, leftOutFold, -1);
    }

    /** Fits on all records except those of the two folds given (-1: none). */
    private static AfModel fit(double[][] features, String[] labels, int leftOutFold, int alsoLeftOut) {
        List<double[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (int i = 0; i < features.length; i++) {
            if (features[i] != null && i % FOLDS != leftOutFold && i % FOLDS != alsoLeftOut
                    && !"~".equals(labels[i])) {
                x.add(features[i]);
                y.add("A".equals(labels[i]));
            }
        }
        boolean[] af = new boolean[y.size()];
        for (int i = 0; i < af.length; i++) {
            af[i] = y.get(i);
        }
        return AfModel.fit(x.toArray(double[][]::new), af, 1.0);
    }

    /**
     * AF calls on every LUDB record (a header with a {@code #Rhythm:} diagnosis), with the shipped AF model (the
     * whole network ensemble: no member saw these records) and with the RR model alone, for {@code ecg-eval --ludb-af}.
     */
    public LudbAfReport evaluateLudbAf(Path directory) throws IOException {
        List<Path> headers;
        try (var files = Files.list(directory)) {
            headers = files.filter(p -> p.getFileName().toString().endsWith(".hea")).sorted(Comparator
                    .comparing((Path p) -> p.getFileName().toString().length()).thenComparing(Path::toString))
                    .toList();
        }
        AnalysisThresholds with = AnalysisThresholds.defaults();
        AnalysisThresholds without = with.withRhythm(with.rhythm()
                .withAfModel(with.rhythm().afModel().withNetwork(null)));
        List<LudbAfReport.Record> records = new ArrayList<>();
        for (Path header : headers) {
            String rhythm = Files.readAllLines(header, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("#Rhythm:")).map(l -> l.substring("#Rhythm:".length()).trim())
                    .findFirst().orElse(null);
            if (rhythm == null) {
                continue;
            }
            EcgRecording recording = WfdbReader.read(header, WfdbReader.Checks.NONE).toRecording();
            EcgReport network = EcgAnalyser.analyse(recording, with);
            EcgReport rrAlone = EcgAnalyser.analyse(recording, without);
            String name = header.getFileName().toString().replaceFirst("\\.hea$", "");
            records.add(new LudbAfReport.Record(name, rhythm, network.rhythm().label(),
                    network.rhythm().afProbability(), network.rhythm().atrialActivity().waveformAfLogit(),
                    rrAlone.rhythm().label(), rrAlone.rhythm().afProbability()));
        }
        if (records.isEmpty()) {
            throw new IOException("no LUDB header with a #Rhythm: diagnosis in " + directory);
        }
        return new LudbAfReport(records);
    }

    /** The (name, label) lines of a CinC 2017-style {@code REFERENCE.csv}, in name order. */
    private static List<String[]> labelledRecords(Path directory) throws IOException {
        Path reference = directory.resolve("REFERENCE.csv");
        if (!Files.isRegularFile(reference)) {
            throw new IOException("no REFERENCE.csv in " + directory);
        }
        List<String[]> labelled = new ArrayList<>();
        for (String line : Files.readAllLines(reference, StandardCharsets.UTF_8)) {
            String[] fields = line.trim().split(",");
            if (fields.length == 2 && !fields[0].isBlank()) {
                labelled.add(new String[] { fields[0].trim(), fields[1].trim() });
            }
        }
        labelled.sort((a, b) -> a[0].compareTo(b[0]));
        if (labelled.isEmpty()) {
            throw new IOException("REFERENCE.csv in " + directory + " lists no records");
        }
        return labelled;
    }

    /**
     * The RR model fitted on all records but {@code leftOutFold}, and where the records have network logits the
     * combined model fitted on the same records' RR logits and network logits, both out of fold: each record's RR
     * logit from an RR model fitted without the record's fold (and without {@code leftOutFold}), its network logit
     * from the ensemble member trained without it. RR logits of the model's own training records would be more
     * confident than those of the records it is later applied to, and the combination would lean on them too much.
     */
    static AfModel fitWithNetwork(double[][] features, double[] networkLogits, String[] labels,
            int leftOutFold) {
        AfModel rr = fit(features, labels, leftOutFold);
        AfModel[] withoutFold = new AfModel[FOLDS];
        for (int fold = 0; fold < FOLDS; fold++) {
            withoutFold[fold] = fold == leftOutFold ? null : fit(features, labels, leftOutFold, fold);
        }
        int n = features.length;
        double[] rrLogits = new double[n];
        double[] network = new double[n];
        boolean[] af = new boolean[n];
        double[] networkOnly = new double[n];
        int usable = 0;
        for (int i = 0; i < n; i++) {
            boolean inFolds = i % FOLDS != leftOutFold && !"~".equals(labels[i]);
            boolean training = features[i] != null && inFolds;
            rrLogits[i] = training ? withoutFold[i % FOLDS].rrLogit(features[i]) : Double.NaN;
            network[i] = training ? networkLogits[i] : Double.NaN;
            networkOnly[i] = inFolds ? networkLogits[i] : Double.NaN;
            af[i] = "A".equals(labels[i]);
            usable += training && !Double.isNaN(networkLogits[i]) ? 1 : 0;
        }
        return usable == 0 ? rr : rr.withCombined(AfModel.fitCombined(rrLogits, network, af, 1.0),
                AfModel.fitNetworkAlone(networkOnly, af, 1.0));
    }

    /**
     * The analysis settings for scoring record {@code index}: the shipped coefficients, with the network ensemble
     * members that were trained without the record's fold (the network was trained on these records, so the whole
     * ensemble would read them in-sample).
     */
    private static AnalysisThresholds outOfFold(AnalysisThresholds thresholds, AfModel shipped, int index) {
        AfNetwork network = shipped.network();
        if (network == null || network.members() % FOLDS != 0) {
            return thresholds;
        }
        return thresholds.withRhythm(thresholds.rhythm().withAfModel(
                shipped.withNetwork(network.withoutFold(index % FOLDS, FOLDS))));
    }

    /**
     * The AF probability with another AF model, NaN (never AF) where the shipped classifier decided the rhythm
     * before the AF model (ventricular tachycardia, flutter) or neither the RR features nor the network logit exist.
     */
    private static double probabilityWith(AfModel model, double[] features, double networkLogit, RhythmLabel shipped) {
        if (shipped == RhythmLabel.VENTRICULAR_TACHYCARDIA || shipped == RhythmLabel.ATRIAL_FLUTTER) {
            return Double.NaN;
        }
        return model.probability(features, networkLogit);
    }

    /**
     * Writes {@link AfNetwork} inputs for training the network offline ({@code tools/af-network/train.py}):
     * {@code index.csv} (name, label, first sample, samples) and {@code inputs.f32} (the inputs one after another,
     * float32 little-endian), made by the code that reads them in use.
     * <ul>
     * <li>A CinC 2017-style directory ({@code REFERENCE.csv}): every record, read from the lead the analysis gives
     * the network, in record-name order, which is the order the folds follow (record position modulo
     * {@value #FOLDS}).</li>
     * <li>Otherwise every WFDB record with a {@code .atr} reference: {@link #TRAINING_WINDOW_SECONDS} s windows of
     * every lead, every half window, each read as a recording of its own, labelled by the reference rhythms: A when
     * the window lies wholly in {@code (AFIB}, N when wholly in {@code (N}, O when it touches another rhythm; a
     * window that is only partly fibrillation is left out.</li>
     * </ul>
     *
     * @return the number of inputs written
     */
    public int exportNetworkInput(Path directory, Path output) throws IOException {
        boolean challengeLayout = Files.isRegularFile(directory.resolve("REFERENCE.csv"));
        List<String[]> labelled = challengeLayout ? labelledRecords(directory) : List.of();
        List<Path> annotated = challengeLayout ? List.of() : EcgEvaluation.referenceRecords(directory);
        if (!challengeLayout && annotated.isEmpty()) {
            throw new IOException("no REFERENCE.csv and no WFDB record with a .atr reference annotation file in "
                    + directory);
        }
        boolean created = !Files.exists(output);
        Files.createDirectories(output);
        try (var writer = new NetworkInputWriter(output)) {
            writeNetworkInputs(directory, challengeLayout, labelled, annotated, writer);
            return writer.count;
        } catch (IOException | RuntimeException e) {
            // all or nothing: a half-written export would train on whatever came before the bad record
            Files.deleteIfExists(output.resolve("index.csv"));
            Files.deleteIfExists(output.resolve("inputs.f32"));
            if (created) {
                Files.deleteIfExists(output);
            }
            throw e;
        }
    }

    private static void writeNetworkInputs(Path directory, boolean challengeLayout, List<String[]> labelled,
            List<Path> annotated, NetworkInputWriter writer) throws IOException {
        if (challengeLayout) {
            AnalysisThresholds defaults = AnalysisThresholds.defaults();
            AnalysisThresholds withoutNetwork = defaults.withRhythm(defaults.rhythm()
                    .withAfModel(defaults.rhythm().afModel().withNetwork(null)));
            for (String[] record : labelled) {
                EcgRecording recording = WfdbReader.read(directory.resolve(record[0] + ".hea"),
                        WfdbReader.Checks.NONE).toRecording();
                EcgReport report = EcgAnalyser.analyse(recording, withoutNetwork);
                int lead = EcgAnalyser.afNetworkLead(recording,
                        recording.leadNames().indexOf(report.morphologyLead()),
                        report.quality().leads().stream().mapToDouble(LeadQuality::usableFraction).toArray(),
                        withoutNetwork.usableLeadFraction());
                writer.write(record[0], record[1],
                        AfNetwork.input(recording.leadMicrovolts(lead), recording.samplingRateHz()));
            }
        } else {
            for (Path header : annotated) {
                writeRhythmWindows(header, writer);
            }
        }
    }

    static final int TRAINING_WINDOW_SECONDS = 30;

    private static void writeRhythmWindows(Path header, NetworkInputWriter writer) throws IOException {
        String name = header.getFileName().toString().replaceFirst("\\.hea$", "");
        EcgRecording recording = WfdbReader.read(header).toRecording();
        double fs = recording.samplingRateHz();
        Map<String, List<AfEpisodeScore.Interval>> rhythms = AfEpisodeScore.rhythms(
                MitAnnotations.read(header.resolveSibling(name + ".atr")), fs, recording.sampleCount());
        int window = (int) Math.round(TRAINING_WINDOW_SECONDS * fs);
        for (int from = 0; from + window <= recording.sampleCount(); from += window / 2) {
            double start = from / fs;
            String label = windowLabel(rhythms, new AfEpisodeScore.Interval(start, (from + window) / fs));
            if (label == null) {
                continue;
            }
            EcgRecording part = recording.slice(from, from + window);
            for (int lead = 0; lead < part.leadCount(); lead++) {
                writer.write(String.format(Locale.ROOT, "%s_%s_%.0f", name, part.leadNames().get(lead),
                        start), label, AfNetwork.input(part.leadMicrovolts(lead), fs));
            }
        }
    }

    /** A (wholly fibrillation), N (wholly sinus), O (touches another rhythm), null (partly fibrillation). */
    static String windowLabel(Map<String, List<AfEpisodeScore.Interval>> rhythms, AfEpisodeScore.Interval window) {
        boolean touchesOther = false;
        for (Map.Entry<String, List<AfEpisodeScore.Interval>> rhythm : rhythms.entrySet()) {
            for (AfEpisodeScore.Interval interval : rhythm.getValue()) {
                if (!interval.overlaps(window)) {
                    continue;
                }
                if (AfEpisodeScore.FIBRILLATION.equals(rhythm.getKey())) {
                    boolean wholly = interval.startSeconds() <= window.startSeconds()
                            && interval.endSeconds() >= window.endSeconds();
                    return wholly ? "A" : null;
                }
                touchesOther |= !"N".equals(rhythm.getKey());
            }
        }
        return touchesOther ? "O" : "N";
    }

    /** index.csv and inputs.f32 of a network-input export. */
    private static final class NetworkInputWriter implements AutoCloseable {
        private final Writer index;
        private final BufferedOutputStream inputs;
        private long offset;
        private int count;

        NetworkInputWriter(Path output) throws IOException {
            index = Files.newBufferedWriter(output.resolve("index.csv"), StandardCharsets.UTF_8);
            inputs = new BufferedOutputStream(Files.newOutputStream(output.resolve("inputs.f32")));
            index.write("name,label,offset,samples\n");
        }

        void write(String name, String label, float[] input) throws IOException {
            ByteBuffer bytes = ByteBuffer.allocate(input.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(input);
            inputs.write(bytes.array());
            index.write(name + "," + label + "," + offset + "," + input.length + "\n");
            offset += input.length;
            count++;
        }

        @Override
        public void close() throws IOException {
            try (index; inputs) {
                index.flush();
            }
        }
    }

    /** The lowest probability threshold at which at least 95 % of the non-AF records are not called AF. */
    static AfEvaluationReport.OperatingPoint operatingPoint(String[] labels, double[] probabilities) {
        List<Double> candidates = new ArrayList<>();
        for (double p : probabilities) {
            if (!Double.isNaN(p)) {
                candidates.add(p);
            }
        }
        candidates.add(1.0 + 1e-9);
        candidates.sort(null);
        for (double threshold : candidates) {
            int tp = 0;
            int positives = 0;
            int tn = 0;
            int negatives = 0;
            for (int i = 0; i < labels.length; i++) {
                boolean called = probabilities[i] >= threshold;
                if ("A".equals(labels[i])) {
                    positives++;
                    tp += called ? 1 : 0;
                } else {
                    negatives++;
                    tn += called ? 0 : 1;
                }
            }
            if (negatives > 0 && 100.0 * tn / negatives >= 95) {
                return new AfEvaluationReport.OperatingPoint(threshold, positives == 0 ? Double.NaN : 100.0 * tp / positives,
                        100.0 * tn / negatives);
            }
        }
        return null;
    }

    private static AfEvaluationReport score(String[] labels, boolean[] calledAf, RhythmLabel[] rhythms,
            AfEvaluationReport crossValidated, String fitted, AfEvaluationReport.OperatingPoint operatingPoint,
            double seconds, double recordingSeconds) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Map<String, Integer>> rhythmCounts = new TreeMap<>();
        int tp = 0;
        int fn = 0;
        int fp = 0;
        int tn = 0;
        for (int i = 0; i < labels.length; i++) {
            int[] c = counts.computeIfAbsent(labels[i], k -> new int[2]);
            c[0]++;
            if (calledAf[i]) {
                c[1]++;
            }
            rhythmCounts.computeIfAbsent(labels[i], k -> new TreeMap<>()).merge(rhythms[i].name(), 1, Integer::sum);
            boolean af = "A".equals(labels[i]);
            if (af && calledAf[i]) {
                tp++;
            } else if (af) {
                fn++;
            } else if (calledAf[i]) {
                fp++;
            } else {
                tn++;
            }
        }
        List<AfEvaluationReport.ClassResult> classes = new ArrayList<>();
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            classes.add(new AfEvaluationReport.ClassResult(e.getKey(), e.getValue()[0], e.getValue()[1],
                    rhythmCounts.get(e.getKey())));
        }
        return new AfEvaluationReport(classes, tp, fn, fp, tn, crossValidated, fitted, operatingPoint, seconds,
                recordingSeconds);
    }

    /** One annotated wave of one lead: onset, peak, offset samples. */
    private record Wave(char kind, long onset, long peak, long offset) {
    }

    static final String[] LUDB_LEADS = { "i", "ii", "iii", "avr", "avl", "avf", "v1", "v2", "v3", "v4", "v5", "v6" };
    static final String[] MEASURES = { "P_on", "QRS_on", "QRS_off", "T_end", "PR", "QRS", "QT" };

    /**
     * Runs the pre-analysis on every record of a LUDB-style directory (12-lead {@code .hea}/{@code .dat} with one
     * annotation file per lead, named after the lead) and compares the delineation with the annotations.
     */
    public DelineationEvaluationReport evaluateDelineation(Path directory) throws IOException {
        List<Path> headers;
        try (var files = Files.list(directory)) {
            headers = files.filter(p -> p.getFileName().toString().endsWith(".hea"))
                    .filter(p -> Files.isRegularFile(annotationPath(p, "ii"))).sorted().toList();
        }
        if (headers.isEmpty()) {
            throw new IOException("no record with per-lead annotation files (e.g. 1.ii) in " + directory);
        }
        Map<String, List<Double>> leadII = new TreeMap<>();
        Map<String, List<Double>> allLeads = new TreeMap<>();
        for (String m : MEASURES) {
            leadII.put(m, new ArrayList<>());
            allLeads.put(m, new ArrayList<>());
        }
        int referenceQrs = 0;
        int matched = 0;
        AnalysisThresholds thresholds = AnalysisThresholds.defaults();
        for (Path header : headers) {
            EcgRecording recording = WfdbReader.read(header, WfdbReader.Checks.NONE).toRecording();
            double fs = recording.samplingRateHz();
            List<List<Wave>> waves = new ArrayList<>();
            for (String lead : LUDB_LEADS) {
                Path file = annotationPath(header, lead);
                waves.add(Files.isRegularFile(file) ? waves(MitAnnotations.read(file)) : List.of());
            }
            EcgReport report = EcgAnalyser.analyse(recording, thresholds);
            Delineation d = report.delineation().orElse(null);
            int[] beats = report.beats().sampleIndices();
            for (Wave qrs : waves.get(1)) {
                if (qrs.kind() != 'N') {
                    continue;
                }
                referenceQrs++;
                int beat = nearest(beats, qrs.peak(), (int) Math.round(0.15 * fs));
                if (beat < 0 || d == null) {
                    continue;
                }
                matched++;
                WaveBoundaries b = d.boundaries();
                double[] predicted = { at(beat, b.pOnsetMs(), fs), at(beat, b.qrsOnsetMs(), fs),
                        at(beat, b.qrsOffsetMs(), fs), at(beat, b.tEndMs(), fs) };
                double[] predictedIntervals = { d.intervals().prMs(), d.intervals().qrsMs(), d.intervals().qtMs() };
                compare(reference(List.of(waves.get(1)), qrs, fs), predicted, predictedIntervals, fs, leadII);
                compare(reference(waves, qrs, fs), predicted, predictedIntervals, fs, allLeads);
            }
        }
        return new DelineationEvaluationReport(headers.size(), referenceQrs, matched, statistics(leadII),
                statistics(allLeads));
    }

    private static Path annotationPath(Path header, String lead) {
        return header.resolveSibling(header.getFileName().toString().replaceFirst("\\.hea$", "") + "." + lead);
    }

    private static double at(int beat, double offsetMs, double fs) {
        return Double.isNaN(offsetMs) ? Double.NaN : beat + offsetMs * fs / 1000;
    }

    private static int nearest(int[] beats, long sample, int window) {
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int b : beats) {
            long distance = Math.abs(b - sample);
            if (distance <= window && distance < bestDistance) {
                best = b;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** {P on, QRS on, QRS off, T end} (samples, NaN when absent): earliest onsets and latest offsets over the leads. */
    private static double[] reference(List<List<Wave>> leads, Wave qrsII, double fs) {
        double pOn = Double.NaN;
        double qrsOn = Double.NaN;
        double qrsOff = Double.NaN;
        double tEnd = Double.NaN;
        long near = Math.round(0.1 * fs);
        for (List<Wave> lead : leads) {
            Wave qrs = null;
            for (Wave w : lead) {
                if (w.kind() == 'N' && Math.abs(w.peak() - qrsII.peak()) <= near) {
                    qrs = w;
                }
            }
            if (qrs == null) {
                continue;
            }
            qrsOn = Double.isNaN(qrsOn) ? qrs.onset() : Math.min(qrsOn, qrs.onset());
            qrsOff = Double.isNaN(qrsOff) ? qrs.offset() : Math.max(qrsOff, qrs.offset());
            for (Wave w : lead) {
                if (w.kind() == 'p' && w.offset() <= qrs.onset() && qrs.onset() - w.offset() < 0.3 * fs) {
                    pOn = Double.isNaN(pOn) ? w.onset() : Math.min(pOn, w.onset());
                }
                if (w.kind() == 't' && w.onset() >= qrs.offset() && w.onset() - qrs.offset() < 0.4 * fs) {
                    tEnd = Double.isNaN(tEnd) ? w.offset() : Math.max(tEnd, w.offset());
                }
            }
        }
        return new double[] { pOn, qrsOn, qrsOff, tEnd };
    }

    private static void compare(double[] reference, double[] predicted, double[] intervals, double fs,
            Map<String, List<Double>> errors) {
        double toMs = 1000 / fs;
        for (int k = 0; k < 4; k++) {
            if (!Double.isNaN(reference[k]) && !Double.isNaN(predicted[k])) {
                errors.get(MEASURES[k]).add((predicted[k] - reference[k]) * toMs);
            }
        }
        double[] referenceIntervals = { (reference[1] - reference[0]) * toMs, (reference[2] - reference[1]) * toMs,
                (reference[3] - reference[1]) * toMs };
        for (int k = 0; k < 3; k++) {
            if (!Double.isNaN(referenceIntervals[k]) && !Double.isNaN(intervals[k])) {
                errors.get(MEASURES[4 + k]).add(intervals[k] - referenceIntervals[k]);
            }
        }
    }

    private static List<Wave> waves(List<Annotation> annotations) {
        List<Wave> waves = new ArrayList<>();
        long onset = -1;
        long peak = -1;
        char kind = 0;
        for (Annotation a : annotations) {
            char m = a.mnemonic();
            if (m == '(') {
                onset = a.sample();
                peak = -1;
            } else if (m == ')') {
                if (onset >= 0 && peak >= 0) {
                    waves.add(new Wave(kind, onset, peak, a.sample()));
                }
                onset = -1;
                peak = -1;
            } else if (m == 'p' || m == 't' || a.isBeat()) {
                kind = m == 'p' || m == 't' ? m : 'N';
                peak = a.sample();
            }
        }
        return waves;
    }

    private static Map<String, DelineationEvaluationReport.ErrorStatistics> statistics(Map<String, List<Double>> errors) {
        Map<String, DelineationEvaluationReport.ErrorStatistics> out = new TreeMap<>();
        for (Map.Entry<String, List<Double>> e : errors.entrySet()) {
            List<Double> v = e.getValue();
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double variance = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.size() - 1);
            double absolute = v.stream().mapToDouble(Math::abs).average().orElse(Double.NaN);
            out.put(e.getKey(), new DelineationEvaluationReport.ErrorStatistics(v.size(), mean, Math.sqrt(variance),
                    absolute));
        }
        return out;
    }
}
