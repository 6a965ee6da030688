package org.yiwang.records.portal;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a report that came without a file of its own as an A4 PDF: who, where, when, findings, conclusion and the
 * results with their ranges and flags. Chinese needs a CJK font, which is taken from the machine (the first of the
 * configured candidates that exists; Debian's {@code fonts-noto-cjk} by default) and embedded as a subset, so the
 * file reads the same everywhere. Without one {@link #write} throws {@link FontMissingException} naming the package to
 * install, and the pages offer printing instead.
 */
final class ReportPdf {

    private static final Logger log = LoggerFactory.getLogger(ReportPdf.class);

    private final List<String> fontCandidates;
    private volatile Optional<BaseFont> font;

    /** @param fontCandidates font files, a collection's face after a comma ({@code …/NotoSansCJK-Regular.ttc,2}) */
    ReportPdf(List<String> fontCandidates) {
        this.fontCandidates = List.copyOf(fontCandidates);
    }

    /** What goes on the page, already in the reader's language. */
    record Printable(String title, List<Field> header, String findingsLabel, String findings, String conclusionLabel,
            String conclusion, String resultsLabel, List<String> resultColumns, List<Row> results, String footer) {
    }

    record Field(String label, String value) {
    }

    /** A result line: name, value with unit, reference range, flag in words (blank when normal). */
    record Row(String name, String value, String range, String flag, boolean abnormal) {
    }

    /** No CJK font on this machine. */
    static final class FontMissingException extends RuntimeException {
        FontMissingException(List<String> tried) {
            super("no Chinese font to write a PDF with; install one (apt-get install fonts-noto-cjk) or set "
                    + "yiwang.portal.pdf-fonts; tried " + tried);
        }
    }

    boolean available() {
        return font().isPresent();
    }

    byte[] write(Printable p) {
        BaseFont base = font().orElseThrow(() -> new FontMissingException(fontCandidates));
        Font title = new Font(base, 16, Font.BOLD);
        Font label = new Font(base, 10, Font.NORMAL, new Color(0x55, 0x5f, 0x6d));
        Font text = new Font(base, 11);
        Font flagged = new Font(base, 11, Font.BOLD, new Color(0xb0, 0x1e, 0x1e));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 48, 48, 48, 48);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setCompressionLevel(9);
            document.addTitle(p.title());
            document.addCreator("医网 Yiwang");
            document.open();
            Paragraph heading = new Paragraph(p.title(), title);
            heading.setAlignment(Element.ALIGN_CENTER);
            heading.setSpacingAfter(12);
            document.add(heading);

            PdfPTable header = new PdfPTable(new float[] {1, 2.2f});
            header.setWidthPercentage(100);
            for (Field f : p.header()) {
                header.addCell(cell(f.label(), label, false));
                header.addCell(cell(f.value(), text, false));
            }
            document.add(header);
            section(document, p.findingsLabel(), p.findings(), label, text);
            section(document, p.conclusionLabel(), p.conclusion(), label, text);
            if (!p.results().isEmpty()) {
                Paragraph results = new Paragraph(p.resultsLabel(), label);
                results.setSpacingBefore(12);
                results.setSpacingAfter(4);
                document.add(results);
                PdfPTable table = new PdfPTable(new float[] {2.2f, 1.4f, 1.3f, 1});
                table.setWidthPercentage(100);
                table.setHeaderRows(1);
                p.resultColumns().forEach(c -> table.addCell(cell(c, label, true)));
                for (Row r : p.results()) {
                    table.addCell(cell(r.name(), text, true));
                    table.addCell(cell(r.value(), r.abnormal() ? flagged : text, true));
                    table.addCell(cell(r.range(), text, true));
                    table.addCell(cell(r.flag(), r.abnormal() ? flagged : text, true));
                }
                document.add(table);
            }
            Paragraph footer = new Paragraph(p.footer(), label);
            footer.setSpacingBefore(18);
            document.add(footer);
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot write the report's PDF", e);
        } finally {
            if (document.isOpen()) {
                document.close();
            }
        }
        return out.toByteArray();
    }

    private static void section(Document document, String label, String body, Font labelFont, Font textFont) {
        if (body == null || body.isBlank()) {
            return;
        }
        Paragraph heading = new Paragraph(label, labelFont);
        heading.setSpacingBefore(12);
        document.add(heading);
        Paragraph text = new Paragraph(body, textFont);
        text.setLeading(17);
        document.add(text);
    }

    private static PdfPCell cell(String content, Font font, boolean bordered) {
        PdfPCell cell = new PdfPCell(new Phrase(content == null ? "" : content, font));
        cell.setPadding(4);
        cell.setBorder(bordered ? PdfPCell.BOTTOM : PdfPCell.NO_BORDER);
        cell.setBorderColor(new Color(0xdd, 0xdd, 0xdd));
        return cell;
    }

    private Optional<BaseFont> font() {
        Optional<BaseFont> loaded = font;
        if (loaded == null) {
            synchronized (this) {
                if (font == null) {
                    font = load();
                }
                loaded = font;
            }
        }
        return loaded;
    }

    private Optional<BaseFont> load() {
        for (String candidate : fontCandidates) {
            int comma = candidate.lastIndexOf(',');
            String file = comma > 0 && candidate.substring(comma + 1).chars().allMatch(Character::isDigit)
                    ? candidate.substring(0, comma) : candidate;
            if (!Files.isReadable(Path.of(file))) {
                continue;
            }
            try {
                return Optional.of(BaseFont.createFont(candidate, BaseFont.IDENTITY_H, BaseFont.EMBEDDED));
            } catch (Exception e) {
                log.warn("Font {} cannot be used for report PDFs: {}", candidate, e.toString());
            }
        }
        log.warn("No Chinese font for report PDFs (tried {}); install fonts-noto-cjk", fontCandidates);
        return Optional.empty();
    }
}
