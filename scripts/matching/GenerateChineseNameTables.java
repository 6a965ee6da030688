import com.ibm.icu.text.Transliterator;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Generates the two large tables of org.yiwang.mpi.matching (see the README next to them):
 * hanzi-pinyin.txt from pinyin4j's data (all readings, tones dropped, ü written v) and
 * traditional-simplified.txt from ICU4J's "Traditional-Simplified" transliterator.
 * Neither library is a dependency of the application; run this by hand (command in the README).
 */
public class GenerateChineseNameTables {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "src/main/resources/org/yiwang/mpi/matching");
        writePinyin(out.resolve("hanzi-pinyin.txt"));
        writeTraditionalSimplified(out.resolve("traditional-simplified.txt"));
    }

    static void writePinyin(Path file) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("# hanzi<TAB>toneless pinyin readings, most common first (ü as v). Generated from pinyin4j 2.5.1");
        lines.add("# (BSD licence) pinyindb/unicode_to_hanyu_pinyin.txt by scripts/matching/GenerateChineseNameTables.java");
        try (InputStream in = GenerateChineseNameTables.class.getClassLoader()
                .getResourceAsStream("pinyindb/unicode_to_hanyu_pinyin.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                int space = line.indexOf(' ');
                if (space < 0 || !line.endsWith(")")) {
                    continue;
                }
                int codePoint = Integer.parseInt(line.substring(0, space), 16);
                String readings = line.substring(line.indexOf('(') + 1, line.length() - 1);
                if (readings.equals("none0") || readings.isBlank()) {
                    continue;
                }
                Set<String> toneless = new LinkedHashSet<>();
                for (String reading : readings.split(",")) {
                    String r = reading.strip().replaceAll("[0-9]", "").replace("u:", "v");
                    if (r.matches("[a-z]+")) {
                        toneless.add(r);
                    }
                }
                if (!toneless.isEmpty()) {
                    lines.add(new String(Character.toChars(codePoint)) + "\t" + String.join(",", toneless));
                }
            }
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        System.out.println(file + ": " + (lines.size() - 2) + " characters");
    }

    static void writeTraditionalSimplified(Path file) throws Exception {
        Transliterator toSimplified = Transliterator.getInstance("Traditional-Simplified");
        List<String> lines = new ArrayList<>();
        lines.add("# traditional<TAB>simplified, one character each. Generated from ICU4J 76.1 (Unicode licence)");
        lines.add("# transliterator Traditional-Simplified over U+3400..U+9FFF by scripts/matching/GenerateChineseNameTables.java");
        for (int cp = 0x3400; cp <= 0x9FFF; cp++) {
            if (!Character.isIdeographic(cp)) {
                continue;
            }
            String c = new String(Character.toChars(cp));
            String s = toSimplified.transliterate(c);
            if (!s.equals(c) && s.codePointCount(0, s.length()) == 1) {
                lines.add(c + "\t" + s);
            }
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        System.out.println(file + ": " + (lines.size() - 2) + " characters");
    }
}
