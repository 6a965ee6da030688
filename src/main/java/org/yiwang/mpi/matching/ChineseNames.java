package org.yiwang.mpi.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chinese personal names: toneless pinyin (with surname readings such as 单 shan, 曾 zeng, 尉迟 yuchi),
 * traditional → simplified folding and look-alike characters (形近字). Tables are resources next to this
 * class (see their README), loaded once. Pure and thread-safe.
 */
public final class ChineseNames {

    private ChineseNames() {
    }

    /** A name split into surname and given name, both in simplified characters (or lower-case Latin). */
    public record Split(String surname, String givenName) {
    }

    /**
     * Toneless pinyin of a name, surname first, surname and given name each written as one word:
     * {@code 张三 → "zhang san"}, {@code 欧阳修 → "ouyang xiu"}, {@code 單雄信 → "shan xiongxin"},
     * {@code "Zhang San" → "zhang san"}. Polyphones take their surname reading in the surname and their most
     * common reading elsewhere; ü is written {@code v} (吕 → lv). Characters without a reading are dropped.
     */
    public static String toneless(String name) {
        Split split = split(name);
        String surname = pinyinWord(split.surname(), true);
        String given = pinyinWord(split.givenName(), false);
        if (surname.isEmpty()) {
            return given;
        }
        return given.isEmpty() ? surname : surname + " " + given;
    }

    /** Folds traditional characters to simplified ({@code 劉德華 → 刘德华}); other characters are kept. */
    public static String simplified(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(simplified(cp)));
        return out.toString();
    }

    /** The simplified form of one character, or the character itself. */
    public static int simplified(int codePoint) {
        Integer folded = Tables.TRADITIONAL_TO_SIMPLIFIED.get(codePoint);
        return folded == null ? codePoint : folded;
    }

    /** All toneless readings of a character, most common first; empty for a character not in the table. */
    public static List<String> readings(int codePoint) {
        String[] readings = Tables.PINYIN.get(simplified(codePoint));
        return readings == null ? List.of() : List.of(readings);
    }

    /** True when both characters are the same after folding or are listed as look-alikes (形近字). */
    public static boolean lookAlike(int first, int second) {
        int a = simplified(first);
        int b = simplified(second);
        if (a == b) {
            return true;
        }
        Integer groupA = Tables.LOOKALIKE_GROUP.get(a);
        return groupA != null && groupA.equals(Tables.LOOKALIKE_GROUP.get(b));
    }

    /** True when the two characters share at least one reading (homophones, counting polyphones). */
    public static boolean homophones(int first, int second) {
        String[] a = Tables.PINYIN.get(simplified(first));
        String[] b = Tables.PINYIN.get(simplified(second));
        if (a == null || b == null) {
            return false;
        }
        for (String x : a) {
            for (String y : b) {
                if (x.equals(y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the character is a Han ideograph. */
    public static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    /**
     * Cleans a name as typed (trims, folds full-width letters and spaces, simplified characters, lower-case
     * Latin, single spaces) and splits it into surname and given name: a compound surname from the table, else
     * the first character; for a Latin name the first word (or the part before a space typed between Chinese
     * surname and given name).
     */
    public static Split split(String name) {
        String cleaned = clean(name);
        if (cleaned.isEmpty()) {
            return new Split("", "");
        }
        if (!containsHan(cleaned)) {
            int space = cleaned.indexOf(' ');
            return space < 0 ? new Split("", cleaned) : new Split(cleaned.substring(0, space),
                    cleaned.substring(space + 1).replace(" ", ""));
        }
        String han = cleaned.replace(" ", "");
        int typedSpace = cleaned.indexOf(' ');
        if (typedSpace > 0 && typedSpace <= 2 && cleaned.indexOf(' ', typedSpace + 1) < 0) {
            return new Split(cleaned.substring(0, typedSpace), cleaned.substring(typedSpace + 1));
        }
        if (han.codePointCount(0, han.length()) >= 3) {
            int end = han.offsetByCodePoints(0, 2);
            if (Tables.SURNAMES.containsKey(han.substring(0, end))) {
                return new Split(han.substring(0, end), han.substring(end));
            }
        }
        int end = han.offsetByCodePoints(0, 1);
        return new Split(han.substring(0, end), han.substring(end));
    }

    /**
     * The name as typed, cleaned: NFKC-like folding of full-width ASCII and ideographic spaces, simplified
     * characters, lower-case Latin, middle dots and punctuation turned to spaces, single spaces, trimmed.
     */
    public static String clean(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean space = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                cp -= 0xFEE0;
            }
            if (Character.isWhitespace(cp) || cp == 0x3000 || cp == 0xB7 || cp == 0x30FB || cp == 0x2022
                    || cp == '.' || cp == '-' || cp == ',' || cp == '_') {
                space = out.length() > 0;
                continue;
            }
            if (!Character.isLetter(cp)) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(isHan(cp) ? simplified(cp) : Character.toLowerCase(cp));
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean containsHan(String text) {
        return text.codePoints().anyMatch(ChineseNames::isHan);
    }

    /** Pinyin of a run of characters written as one word; Latin letters are kept. */
    static String pinyinWord(String part, boolean surname) {
        if (part.isEmpty()) {
            return "";
        }
        if (surname) {
            String reading = Tables.SURNAMES.get(part);
            if (reading != null) {
                return reading;
            }
        }
        StringBuilder out = new StringBuilder();
        part.codePoints().forEach(cp -> {
            if (isHan(cp)) {
                String[] readings = Tables.PINYIN.get(cp);
                if (readings != null) {
                    out.append(readings[0]);
                }
            } else if (cp != ' ') {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** The loaded tables (initialised on first use, once, by the class loader). */
    static final class Tables {

        static final Map<Integer, String[]> PINYIN = new HashMap<>(32_768);
        static final Map<Integer, Integer> TRADITIONAL_TO_SIMPLIFIED = new HashMap<>(4_096);
        static final Map<String, String> SURNAMES = new HashMap<>(256);
        static final Map<Integer, Integer> LOOKALIKE_GROUP = new HashMap<>(512);

        static {
            for (String[] row : rows("hanzi-pinyin.txt")) {
                PINYIN.put(row[0].codePointAt(0), row[1].split(","));
            }
            for (String[] row : rows("traditional-simplified.txt")) {
                TRADITIONAL_TO_SIMPLIFIED.put(row[0].codePointAt(0), row[1].codePointAt(0));
            }
            for (String[] row : rows("surname-pinyin.txt")) {
                SURNAMES.put(row[0], row[1]);
            }
            int group = 0;
            for (String line : lines("lookalike-characters.txt")) {
                int id = group++;
                line.codePoints().forEach(cp -> LOOKALIKE_GROUP.put(cp, id));
            }
        }

        private static List<String[]> rows(String resource) {
            List<String[]> rows = new ArrayList<>();
            for (String line : lines(resource)) {
                String[] cells = line.split("\t");
                if (cells.length != 2) {
                    throw new IllegalStateException(resource + ": bad line " + line);
                }
                rows.add(cells);
            }
            return rows;
        }

        private static List<String> lines(String resource) {
            try (InputStream in = ChineseNames.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                List<String> lines = new ArrayList<>();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String stripped = line.strip();
                    if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                        lines.add(stripped);
                    }
                }
                return lines;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
