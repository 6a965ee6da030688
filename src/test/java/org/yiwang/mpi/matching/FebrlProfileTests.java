package org.yiwang.mpi.matching;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FebrlProfileTests {

    private final LinkageProfile profile = LinkageProfile.febrl();

    static PreparedRecord febrl(String given, String surname, String number, String street, String suburb,
                                String postcode, String state, String dob, String ssn) {
        Map<String, String> extra = new HashMap<>();
        extra.put("given_name", given);
        extra.put("surname", surname);
        extra.put("street_number", number);
        extra.put("address_1", street);
        extra.put("address_2", "");
        extra.put("suburb", suburb);
        extra.put("postcode", postcode);
        extra.put("state", state);
        return PreparedRecord.of(new PersonRecord("r", given + " " + surname, "", dob, ssn, "", "", extra));
    }

    private String level(String field, PreparedRecord a, PreparedRecord b) {
        FieldComparison comparison = profile.comparisons().stream().filter(c -> c.field().equals(field)).findFirst()
                .orElseThrow();
        int level = comparison.compare(a, b);
        return level < 0 ? "MISSING" : comparison.levels().get(level);
    }

    private final PreparedRecord original = febrl("lachlan", "berry", "69", "giblin street", "bittern", "4814", "qld",
            "19990219", "7364009");

    @Test
    void gradesNamesByJaroWinkler() {
        assertThat(level("given_name", original, febrl("lachlan", "berry", "", "", "", "", "", "", ""))).isEqualTo("EXACT");
        assertThat(level("given_name", original, febrl("lachlna", "berry", "", "", "", "", "", "", ""))).isEqualTo("CLOSE");
        assertThat(level("surname", original, febrl("lachlan", "berryman", "", "", "", "", "", "", ""))).isEqualTo("SIMILAR");
        assertThat(level("surname", original, febrl("lachlan", "sondergeld", "", "", "", "", "", "", ""))).isEqualTo("DIFFERENT");
        assertThat(level("given_name", original, febrl("", "berry", "", "", "", "", "", "", ""))).isEqualTo("MISSING");
    }

    @Test
    void comparesSwappedGivenNameAndSurnameCrosswise() {
        PreparedRecord swapped = febrl("berry", "lachlan", "", "", "", "", "", "", "");
        assertThat(level("given_name", original, swapped)).isEqualTo("EXACT");
        assertThat(level("surname", original, swapped)).isEqualTo("EXACT");
    }

    @Test
    void toleratesASpaceRemovedOrOneTypingErrorInTextAndCodes() {
        PreparedRecord variant = febrl("", "", "96", "giblinstreet", "bitern", "4841", "vic", "", "7364090");
        assertThat(level("address_1", original, variant)).isEqualTo("EXACT");
        assertThat(level("suburb", original, variant)).isEqualTo("SIMILAR");
        assertThat(level("street_number", original, variant)).isEqualTo("TYPO");
        assertThat(level("postcode", original, variant)).isEqualTo("TYPO");
        assertThat(level("state", original, variant)).isEqualTo("DIFFERENT");
        assertThat(level("soc_sec_id", original, variant)).isEqualTo("TYPO");
        assertThat(level("soc_sec_id", original, febrl("", "", "", "", "", "", "", "", "1804974"))).isEqualTo("DIFFERENT");
    }

    @Test
    void datesOfBirthTolerateTypingErrorsAndInvalidCalendarDates() {
        assertThat(level("date_of_birth", original, febrl("", "", "", "", "", "", "", "19990291", ""))).isEqualTo("CLOSE");
        assertThat(level("date_of_birth", febrl("", "", "", "", "", "", "", "19371233", ""),
                febrl("", "", "", "", "", "", "", "19371223", ""))).isEqualTo("CLOSE");
        assertThat(level("date_of_birth", original, febrl("", "", "", "", "", "", "", "19600210", ""))).isEqualTo("DIFFERENT");
    }

    @Test
    void aSingleMistypedIdDigitStillSharesABlockingKey() {
        PreparedRecord typo = febrl("x", "y", "", "", "", "", "", "", "7364909");
        List<String> a = profile.blockingKeys(original).stream().map(BlockingKey::key).toList();
        List<String> b = profile.blockingKeys(typo).stream().map(BlockingKey::key).toList();
        assertThat(a).anyMatch(b::contains);
        assertThat(a.stream().filter(b::contains)).allMatch(key -> key.startsWith("ssn-del"));
    }
}
