package org.yiwang.records;

import java.util.Objects;

/**
 * One ICD-10 category or subcategory from the project's code list ({@code records/icd10.tsv}).
 *
 * @param code        canonical form: upper-case letter, two digits, optionally a dot and one or two characters
 *                    ({@code I10}, {@code E11.9})
 * @param chineseName name after GB/T 14396
 * @param englishName WHO ICD-10 title
 * @param chapter     chapter as a Roman numeral ({@code IX} for circulatory diseases)
 */
public record IcdCode(String code, String chineseName, String englishName, String chapter) {

    public IcdCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(chineseName, "chineseName");
        Objects.requireNonNull(englishName, "englishName");
        Objects.requireNonNull(chapter, "chapter");
    }
}
