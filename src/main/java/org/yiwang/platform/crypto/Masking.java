package org.yiwang.platform.crypto;

import java.util.Objects;
import java.util.Set;

/**
 * Display masking of identifying values (MASK-03). Masking is a display control only (MASK-04): originals stay
 * encrypted at rest, and a value too short to keep its visible parts is masked entirely rather than revealed.
 * Null or blank input is returned unchanged. Counts are in characters (code points), so rare surname characters
 * outside the Basic Multilingual Plane count as one.
 *
 * <p>Available as a Spring bean configured from {@code yiwang.crypto.masking.*}, or built directly:
 * {@code new Masking(MaskingRules.DEFAULTS)}.
 */
public final class Masking {

    private static final int MASK = '*';

    /** Two-character surnames (复姓) that keep both characters: 欧阳** rather than 欧***. */
    private static final Set<String> COMPOUND_SURNAMES = Set.of("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟",
            "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐");

    private final MaskingRules rules;

    public Masking(MaskingRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public MaskingRules rules() {
        return rules;
    }

    /** {@code 510105199001011234} → {@code 5101**********1234} with the default rules. */
    public String idNumber(String idNumber) {
        return keepEnds(idNumber, rules.idKeepStart(), rules.idKeepEnd());
    }

    /** {@code 13812345678} → {@code 138****5678} with the default rules. */
    public String phone(String phone) {
        return keepEnds(phone, rules.phoneKeepStart(), rules.phoneKeepEnd());
    }

    /**
     * Chinese names keep the surname ({@code 张三丰} → {@code 张**}, {@code 欧阳娜娜} → {@code 欧阳**}); other names keep
     * the initial of each word ({@code John Smith} → {@code J*** S****}). Spaces, hyphens and the middle dot of
     * transliterated names ({@code ·}) stay, so the shape of the name remains readable. A part that would be shown
     * whole (a one-character name or word) is masked instead.
     */
    public String name(String name) {
        if (isBlank(name)) {
            return name;
        }
        int[] chars = name.strip().codePoints().toArray();
        return Character.UnicodeScript.of(chars[0]) == Character.UnicodeScript.HAN
                ? maskAfterSurname(chars)
                : maskAfterInitials(chars);
    }

    private static String maskAfterSurname(int[] chars) {
        int keep = surnameLength(chars);
        StringBuilder out = new StringBuilder(chars.length);
        for (int i = 0; i < chars.length; i++) {
            boolean visible = (i < keep && keep < chars.length) || isNameSeparator(chars[i]);
            out.appendCodePoint(visible ? chars[i] : MASK);
        }
        return out.toString();
    }

    private static String maskAfterInitials(int[] chars) {
        StringBuilder out = new StringBuilder(chars.length);
        for (int i = 0; i < chars.length; i++) {
            boolean wordStart = i == 0 || isNameSeparator(chars[i - 1]);
            boolean wordContinues = i + 1 < chars.length && !isNameSeparator(chars[i + 1]);
            boolean visible = isNameSeparator(chars[i]) || (wordStart && wordContinues);
            out.appendCodePoint(visible ? chars[i] : MASK);
        }
        return out.toString();
    }

    private static int surnameLength(int[] chars) {
        return chars.length > 2 && COMPOUND_SURNAMES.contains(new String(chars, 0, 2)) ? 2 : 1;
    }

    private static boolean isNameSeparator(int c) {
        return Character.isWhitespace(c) || c == '·' || c == '•' || c == '.' || c == '-';
    }

    private static String keepEnds(String value, int keepStart, int keepEnd) {
        if (isBlank(value)) {
            return value;
        }
        int[] chars = value.codePoints().toArray();
        boolean tooShort = chars.length <= keepStart + keepEnd;
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < chars.length; i++) {
            boolean visible = !tooShort && (i < keepStart || i >= chars.length - keepEnd);
            out.appendCodePoint(visible ? chars[i] : MASK);
        }
        return out.toString();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "Masking[" + rules + "]";
    }
}
