package org.yiwang.mpi.matching;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link PersonRecord} with every normalised form a comparator needs, computed once: simplified name, its
 * pinyin (all readings per character), fuzzy pinyin, sex, birth-date parts, normalised ID number (15 → 18,
 * upper-case X) and whether its check character is right, phone digits and the address without its
 * province/city/county prefix. Immutable and cheap to compare.
 */
public final class PreparedRecord {

    final PersonRecord record;
    /** Simplified Han characters of the name without spaces, or "" for a name without Han characters. */
    final String nameHan;
    final int[] nameChars;
    /** Per Han character all readings, the surname reading first; empty for Latin names. */
    final String[][] readings;
    /** Per Han character its readings folded by {@link #fuzzy}. */
    final String[][] fuzzyReadings;
    /** Per Han character its look-alike group, or -1. */
    final int[] lookAlikeGroups;
    /** Latin-only name: its words, lower case; empty otherwise. */
    final String[] latinWords;
    /** Primary pinyin, no spaces, surname first ({@code zhangsan}); for a Latin name its letters. */
    final String namePinyin;
    final String surnamePinyin;
    final String givenPinyin;
    final String fuzzyName;
    final String fuzzySurname;
    final String fuzzyGiven;
    /** 'M', 'F' or 0. */
    final char sex;
    /** Eight digits YYYYMMDD or "" when not complete. */
    final String birth8;
    final int birthYear;
    final int birthMonth;
    final int birthDay;
    /** Days since 1970-01-01 of a real calendar date, or {@link Long#MIN_VALUE}. */
    final long birthEpochDay;
    final String idNumber;
    final boolean idValid;
    /** The number typed with 15 digits (legacy, or an 18-digit number with century and check dropped). */
    final boolean idTypedLegacy;
    /** The 15-digit legacy form: address, YYMMDD, sequence (ID-05); "" when not derivable. */
    final String idLegacy;
    final String phone;
    final String address;
    final Map<String, String> extra;

    private PreparedRecord(PersonRecord record) {
        this.record = record;
        ChineseNames.Split split = ChineseNames.split(record.name());
        String han = (split.surname() + split.givenName());
        boolean isHan = !han.isEmpty() && han.codePoints().anyMatch(ChineseNames::isHan);
        if (isHan) {
            nameHan = han;
            nameChars = han.codePoints().toArray();
            readings = new String[nameChars.length][];
            int surnameLength = split.surname().codePointCount(0, split.surname().length());
            String compoundReading = surnameLength > 1 ? ChineseNames.pinyinWord(split.surname(), true) : null;
            fuzzyReadings = new String[nameChars.length][];
            lookAlikeGroups = new int[nameChars.length];
            for (int i = 0; i < nameChars.length; i++) {
                String[] all = ChineseNames.Tables.PINYIN.get(nameChars[i]);
                String surnameReading = i == 0 && surnameLength == 1
                        ? ChineseNames.Tables.SURNAMES.get(new String(Character.toChars(nameChars[0]))) : null;
                if (all == null) {
                    all = new String[] {new String(Character.toChars(nameChars[i]))};
                }
                if (surnameReading != null && !surnameReading.equals(all[0])) {
                    String[] ordered = new String[all.length + 1];
                    ordered[0] = surnameReading;
                    int n = 1;
                    for (String reading : all) {
                        if (!reading.equals(surnameReading)) {
                            ordered[n++] = reading;
                        }
                    }
                    all = java.util.Arrays.copyOf(ordered, n);
                }
                readings[i] = all;
                fuzzyReadings[i] = new String[all.length];
                for (int k = 0; k < all.length; k++) {
                    fuzzyReadings[i][k] = fuzzy(all[k]);
                }
                Integer group = ChineseNames.Tables.LOOKALIKE_GROUP.get(nameChars[i]);
                lookAlikeGroups[i] = group == null ? -1 : group;
            }
            latinWords = new String[0];
            surnamePinyin = compoundReading != null ? compoundReading : firstReadings(0, surnameLength);
            givenPinyin = firstReadings(surnameLength, nameChars.length);
        } else {
            nameHan = "";
            nameChars = new int[0];
            readings = new String[0][];
            fuzzyReadings = new String[0][];
            lookAlikeGroups = new int[0];
            String cleaned = ChineseNames.clean(record.name()).replaceAll("[^a-z ]", "");
            latinWords = cleaned.isBlank() ? new String[0] : cleaned.strip().split(" +");
            surnamePinyin = latinWords.length > 1 ? latinWords[0] : "";
            StringBuilder given = new StringBuilder();
            for (int i = latinWords.length > 1 ? 1 : 0; i < latinWords.length; i++) {
                given.append(latinWords[i]);
            }
            givenPinyin = given.toString();
        }
        namePinyin = surnamePinyin + givenPinyin;
        fuzzyName = fuzzy(namePinyin);
        fuzzySurname = fuzzy(surnamePinyin);
        fuzzyGiven = fuzzy(givenPinyin);
        sex = sexOf(record.sex());
        int[] date = dateParts(record.birthDate());
        birthYear = date[0];
        birthMonth = date[1];
        birthDay = date[2];
        birth8 = birthYear > 0 && birthMonth > 0 && birthDay > 0 ? eightDigits(birthYear, birthMonth, birthDay) : "";
        birthEpochDay = epochDay(birthYear, birthMonth, birthDay);
        idNumber = IdNumbers.normalise(record.idNumber());
        idValid = IdNumbers.hasValidCheckCharacter(idNumber);
        String typedDigits = digits(record.idNumber());
        idTypedLegacy = typedDigits.length() == 15 && record.idNumber().strip().length() == 15;
        idLegacy = idTypedLegacy ? typedDigits
                : idNumber.length() == 18 ? idNumber.substring(0, 6) + idNumber.substring(8, 17) : "";
        phone = digits(record.phone());
        address = addressOf(record.address());
        Map<String, String> normalisedExtra = new HashMap<>();
        record.extra().forEach((k, v) -> normalisedExtra.put(k, v == null ? "" : v.strip().toLowerCase(Locale.ROOT)));
        extra = Map.copyOf(normalisedExtra);
    }

    /** Normalises a record once; the result is compared many times. */
    public static PreparedRecord of(PersonRecord record) {
        return new PreparedRecord(record);
    }

    public PersonRecord record() {
        return record;
    }

    public String recordId() {
        return record.recordId();
    }

    /** The normalised ID number: 18 characters with upper-case X after a 15 → 18 upgrade (ID-03, ID-05). */
    public String idNumber() {
        return idNumber;
    }

    /** True when the normalised ID number has 18 characters and a correct check character (ID-03). */
    public boolean idValid() {
        return idValid;
    }

    /** Primary toneless pinyin of the name without spaces, surname first. */
    public String namePinyin() {
        return namePinyin;
    }

    /** Fuzzy pinyin key of the name (southern-dialect folds zh/z, ch/c, sh/s, n/l, r/l, f/h, ng/n, ü/u). */
    public String fuzzyName() {
        return fuzzyName;
    }

    /** Birth date as YYYYMMDD, or "" when not complete. */
    public String birthDate() {
        return birth8;
    }

    /** Phone digits only. */
    public String phone() {
        return phone;
    }

    /** Normalised extra field ("" when absent). */
    public String extra(String field) {
        return extra.getOrDefault(field, "");
    }

    private String firstReadings(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            out.append(readings[i][0]);
        }
        return out.toString();
    }

    /** Southern-dialect folding of pinyin written without tones (applied to whole strings, both sides alike). */
    static String fuzzy(String pinyin) {
        if (pinyin.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(pinyin.length());
        for (int i = 0; i < pinyin.length(); i++) {
            char c = pinyin.charAt(i);
            char next = i + 1 < pinyin.length() ? pinyin.charAt(i + 1) : 0;
            if ((c == 'z' || c == 'c' || c == 's') && next == 'h') {
                out.append(c);
                i++;
            } else if (c == 'n' && next == 'g') {
                out.append('l');
                i++;
            } else if (c == 'n' || c == 'r') {
                out.append('l');
            } else if (c == 'f') {
                out.append('h');
            } else if (c == 'v') {
                out.append('u');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String eightDigits(int year, int month, int day) {
        char[] out = new char[8];
        out[0] = (char) ('0' + year / 1000 % 10);
        out[1] = (char) ('0' + year / 100 % 10);
        out[2] = (char) ('0' + year / 10 % 10);
        out[3] = (char) ('0' + year % 10);
        out[4] = (char) ('0' + month / 10 % 10);
        out[5] = (char) ('0' + month % 10);
        out[6] = (char) ('0' + day / 10 % 10);
        out[7] = (char) ('0' + day % 10);
        return new String(out);
    }

    private static long epochDay(int year, int month, int day) {
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31) {
            return Long.MIN_VALUE;
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return Long.MIN_VALUE;
        }
        return java.time.LocalDate.of(year, month, day).toEpochDay();
    }

    static char sexOf(String typed) {
        String s = typed.strip().toUpperCase(Locale.ROOT);
        return switch (s) {
            case "M", "MALE", "男", "1" -> 'M';
            case "F", "FEMALE", "女", "2" -> 'F';
            default -> 0;
        };
    }

    /** Year, month, day from YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD or a partial form; 0 for an unknown part. */
    static int[] dateParts(String typed) {
        String s = typed.strip();
        int[] parts = new int[3];
        if (s.isEmpty()) {
            return parts;
        }
        String digitsOnly = digits(s);
        if (digitsOnly.length() == s.length()) {
            if (s.length() >= 4) {
                parts[0] = Integer.parseInt(s.substring(0, 4));
            }
            if (s.length() >= 6) {
                parts[1] = Integer.parseInt(s.substring(4, 6));
            }
            if (s.length() >= 8) {
                parts[2] = Integer.parseInt(s.substring(6, 8));
            }
        } else {
            String[] fields = s.split("[^0-9]+");
            for (int i = 0, p = 0; i < fields.length && p < 3; i++) {
                if (!fields[i].isEmpty() && fields[i].length() <= 4) {
                    parts[p++] = Integer.parseInt(fields[i]);
                }
            }
            if (parts[0] < 1000) {
                return new int[3];
            }
        }
        if (parts[1] > 99 || parts[2] > 99) {
            return new int[3];
        }
        return parts;
    }

    static String digits(String typed) {
        StringBuilder out = new StringBuilder(typed.length());
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            } else if (c >= '０' && c <= '９') {
                out.append((char) (c - '０' + '0'));
            }
        }
        return out.toString();
    }

    /**
     * Address without spaces, in simplified characters with ASCII digits, and without the leading province,
     * city and county (省/市/区/县/自治州…) so that a full and a partial address of one place are equal.
     */
    static String addressOf(String typed) {
        if (typed.isBlank()) {
            return "";
        }
        StringBuilder folded = new StringBuilder(typed.length());
        typed.codePoints().forEach(cp -> {
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                cp -= 0xFEE0;
            }
            if (!Character.isWhitespace(cp) && cp != 0x3000) {
                folded.appendCodePoint(Character.toLowerCase(ChineseNames.simplified(cp)));
            }
        });
        String s = folded.toString();
        int township = indexOfAny(s, "镇", "乡", "街道", "村", "社区");
        int cut = -1;
        String head = township < 0 ? s : s.substring(0, township);
        for (String marker : new String[] {"省", "自治区", "市", "州", "盟", "区", "县", "旗"}) {
            int at = head.lastIndexOf(marker);
            if (at >= 0 && township - (at + marker.length()) >= 1) {
                cut = Math.max(cut, at + marker.length());
            }
        }
        return cut > 0 ? s.substring(cut) : s;
    }

    private static int indexOfAny(String s, String... markers) {
        int best = -1;
        for (String marker : markers) {
            int at = s.indexOf(marker);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "PreparedRecord[" + record.recordId() + "]";
    }
}
