package org.yiwang.mpi;

import java.util.Arrays;
import java.util.List;

/**
 * A resident's name as registered: Chinese characters (with the middle dot of transliterated minority names,
 * e.g. 阿依古丽·买买提), or Latin letters, spaces, hyphens and apostrophes for foreign names. Surrounding blanks are
 * dropped, runs of blanks collapsed, and blanks between Chinese characters removed (张 伟 → 张伟). Pure.
 */
public record ResidentName(String value) {

    public static final int MAX_LENGTH = 50;

    /** Why a name was rejected; bundle key {@link #messageKey()}. */
    public record Error(Code code, List<String> parameters) {

        public enum Code {
            EMPTY,
            /** Parameters: maximum, length found. */
            TOO_LONG,
            /** A character that is no letter of a name; parameters: position, character. */
            CHARACTER
        }

        public Error {
            parameters = List.copyOf(parameters);
        }

        static Error of(Code code, Object... parameters) {
            return new Error(code, Arrays.stream(parameters).map(String::valueOf).toList());
        }

        public String messageKey() {
            return "mpi.name.error." + code.name();
        }

        public Object[] arguments() {
            return parameters.toArray();
        }
    }

    public sealed interface Result permits Valid, Invalid {
    }

    public record Valid(ResidentName name) implements Result {
    }

    public record Invalid(Error error) implements Result {
    }

    public static Result parse(String input) {
        String collapsed = input == null ? "" : input.strip().replaceAll("[\\s\\u3000]+", " ");
        if (collapsed.isEmpty()) {
            return new Invalid(Error.of(Error.Code.EMPTY));
        }
        String name = collapsed.replaceAll("(?<=\\p{IsHan}) (?=\\p{IsHan})", "");
        int[] chars = name.codePoints().toArray();
        if (chars.length > MAX_LENGTH) {
            return new Invalid(Error.of(Error.Code.TOO_LONG, MAX_LENGTH, chars.length));
        }
        for (int i = 0; i < chars.length; i++) {
            int c = chars[i];
            boolean allowed = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                    || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || c == ' ' || c == '·' || c == '•' || c == '-' || c == '\'' || c == '.';
            if (!allowed) {
                return new Invalid(Error.of(Error.Code.CHARACTER, i + 1, new String(Character.toChars(c))));
            }
        }
        return new Valid(new ResidentName(name));
    }
}
