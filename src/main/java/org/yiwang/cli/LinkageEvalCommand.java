package org.yiwang.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;
import org.yiwang.mpi.LinkageEvaluation;
import org.yiwang.mpi.LinkageEvaluation.Format;
import org.yiwang.mpi.LinkageEvaluation.Report;

/**
 * {@code java -jar yiwang.jar linkage-eval --format febrl|cn-resident --input FILE [--link-to FILE2]
 * [--auto-link P] [--review P] [--max-block N] [--threads T] [--model]}: accuracy of the record-linkage engine on a
 * labelled file. Prints blocking figures, a table of thresholds against predicted/true/false links, the false
 * links with their explanation, and ends with one line
 * {@code precision=… recall=… f1=… review=… candidate_pairs=… seconds=…} counting only automatic links as
 * predicted matches.
 */
@Component
class LinkageEvalCommand implements CliCommand {

    static final String USAGE = "usage: linkage-eval --format febrl|cn-resident --input FILE [--link-to FILE2] "
            + "[--auto-link P] [--review P] [--max-block N] [--threads T] [--model]";

    @Override
    public String name() {
        return "linkage-eval";
    }

    @Override
    public String description() {
        return "record-linkage accuracy on a FEBRL or Chinese resident file (precision, recall, F1)";
    }

    @Override
    public int run(List<String> args, PrintStream out) throws Exception {
        LinkageEvaluation.Request request;
        int threads;
        try {
            Format format = Format.parse(required(args, "--format"));
            Path input = Path.of(required(args, "--input"));
            String linkTo = option(args, "--link-to");
            String autoLinkText = option(args, "--auto-link");
            String reviewText = option(args, "--review");
            Double autoLink = autoLinkText == null ? null : probability("--auto-link", autoLinkText);
            Double review = reviewText == null ? null : probability("--review", reviewText);
            int maxBlock = positive(args, "--max-block", 500);
            threads = positive(args, "--threads", 1);
            request = new LinkageEvaluation.Request(format, input, linkTo == null ? null : Path.of(linkTo),
                    autoLink, review, maxBlock, Runnable::run);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        Report report;
        try (ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null) {
            LinkageEvaluation.Request withExecutor = pool == null ? request
                    : new LinkageEvaluation.Request(request.format(), request.input(), request.linkTo(),
                    request.autoLinkProbability(), request.reviewProbability(), request.maxBlockSize(), pool);
            report = LinkageEvaluation.evaluate(withExecutor);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
        print(report, request, args.contains("--model"), out);
        return 0;
    }

    static void print(Report report, LinkageEvaluation.Request request, boolean showModel, PrintStream out) {
        out.printf(Locale.ROOT, "linkage-eval profile=%s mode=%s records=%d%n", report.profile(),
                request.linkTo() == null ? "deduplication" : "linkage", report.records());
        out.printf(Locale.ROOT, "blocking: candidate_pairs=%d true_pairs=%d true_pairs_kept=%d pair_completeness=%.4f "
                        + "oversized_blocks=%d%n", report.candidatePairs(), report.truePairs(), report.truePairsKept(),
                report.blockingRecall(), report.oversizedBlocks());
        out.printf(Locale.ROOT, "model: EM iterations=%d converged=%s match_prior=%.4f (fitted on the candidates, "
                + "never on the truth)%n", report.emIterations(), report.emConverged(), matchPrior(report.model()));
        if (showModel) {
            out.print(report.model());
        }
        out.println("auto-link threshold  predicted links  true  false  precision  recall");
        for (LinkageEvaluation.ThresholdRow row : report.rows()) {
            long predicted = row.predicted();
            out.printf(Locale.ROOT, "%-20s %15d %5d %6d %10.4f %7.4f%s%n", threshold(row.threshold()), predicted,
                    row.truePositives(), row.falsePositives(),
                    predicted == 0 ? 1.0 : (double) row.truePositives() / predicted,
                    report.truePairs() == 0 ? 1.0 : (double) row.truePositives() / report.truePairs(),
                    row.threshold() == report.autoLinkProbability() ? "   <- auto-link" : "");
        }
        out.printf(Locale.ROOT, "decisions at auto-link=%s review=%s: link=%d (true %d, false %d) review=%d (true %d) "
                        + "missed_true_pairs=%d%n", threshold(report.autoLinkProbability()),
                threshold(report.reviewProbability()), report.truePositives() + report.falsePositives(),
                report.truePositives(), report.falsePositives(), report.review(), report.reviewTrue(),
                report.truePairs() - report.truePositives() - report.reviewTrue());
        if (report.falseLinks().isEmpty()) {
            out.println("false links: none");
        } else {
            out.println("false links: " + report.falseLinks().size());
            report.falseLinks().stream().limit(50).forEach(link -> {
                StringBuilder fields = new StringBuilder();
                for (LinkageEvaluation.FieldLine agreement : link.fields()) {
                    fields.append(String.format(Locale.ROOT, " %s=%s(%+.1f)", agreement.field(), agreement.level(),
                            agreement.weightBits()));
                }
                out.printf(Locale.ROOT, "  %s ~ %s p=%.6f%s%s%n", link.leftRecordId(), link.rightRecordId(),
                        link.probability(), link.rule().isEmpty() ? "" : " rule=\"" + link.rule() + "\"", fields);
            });
        }
        out.println(report.summaryLine());
    }

    private static double matchPrior(String modelText) {
        for (String line : modelText.split("\n")) {
            if (line.startsWith("prior ")) {
                return Double.parseDouble(line.substring(6));
            }
        }
        return Double.NaN;
    }

    private static String threshold(double value) {
        String text = String.format(Locale.ROOT, "%.8f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String option(List<String> args, String name) {
        int index = args.indexOf(name);
        if (index < 0) {
            return null;
        }
        if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(index + 1);
    }

    private static String required(List<String> args, String name) {
        String value = option(args, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static double probability(String name, String text) {
        try {
            double value = Double.parseDouble(text);
            if (!(value > 0 && value < 1)) {
                throw new IllegalArgumentException(name + " must be a probability between 0 and 1, got " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got " + text);
        }
    }

    private static int positive(List<String> args, String name, int fallback) {
        String text = option(args, name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + text);
        }
    }
}
