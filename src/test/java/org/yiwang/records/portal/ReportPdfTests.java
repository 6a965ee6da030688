package org.yiwang.records.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/** The PDF of a report without a file of its own, written with the machine's CJK font (CI installs fonts-noto-cjk). */
class ReportPdfTests {

    static final String NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2";

    static ReportPdf.Printable printable() {
        return new ReportPdf.Printable("腹部超声", List.of(new ReportPdf.Field("姓名", "张桂兰"),
                new ReportPdf.Field("机构", "演示县人民医院"), new ReportPdf.Field("日期", "2026-11-02")),
                "检查所见", "肝脏大小形态正常，包膜光滑。", "结论", "脂肪肝（轻度）", "检验结果",
                List.of("项目", "结果", "参考范围", "提示"),
                List.of(new ReportPdf.Row("空腹血糖", "7.2 mmol/L", "3.9–6.1 mmol/L", "偏高", true),
                        new ReportPdf.Row("总胆固醇", "4.8 mmol/L", "≤ 5.2 mmol/L", "", false)),
                "本文件由医网生成");
    }

    @Test
    void writesAPdfWhoseTextReadsBackInChinese() throws Exception {
        ReportPdf pdf = new ReportPdf(List.of("/nonexistent/font.ttf", NOTO));
        assertThat(pdf.available()).as("CJK font " + NOTO + " (apt-get install fonts-noto-cjk)").isTrue();

        byte[] bytes = pdf.write(printable());

        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(bytes.length).as("a subset of the font is embedded, not the whole 19 MB").isLessThan(1_000_000);
        PdfReader reader = new PdfReader(bytes);
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        assertThat(text).contains("腹部超声", "张桂兰", "演示县人民医院", "2026-11-02", "肝脏大小形态正常", "脂肪肝（轻度）",
                "空腹血糖", "7.2 mmol/L", "偏高");
        assertThat(reader.getInfo().get("Title")).isEqualTo("腹部超声");
    }

    @Test
    void withoutAChineseFontItSaysWhatToInstall() {
        ReportPdf pdf = new ReportPdf(List.of("/nonexistent/a.ttc,2", "/nonexistent/b.ttf"));

        assertThat(pdf.available()).isFalse();
        assertThatThrownBy(() -> pdf.write(printable())).isInstanceOf(ReportPdf.FontMissingException.class)
                .hasMessageContaining("fonts-noto-cjk").hasMessageContaining("/nonexistent/a.ttc,2");
    }
}
