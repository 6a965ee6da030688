package org.yiwang.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small FEBRL-format files made up in code (header, {@code rec-N-org} and {@code rec-N-dup-k} lines with ", "
 * separators) for tests of the linkage evaluation; duplicates carry one typing error in one field.
 */
public final class SyntheticFebrl {

    public static final String HEADER = "rec_id, given_name, surname, street_number, address_1, address_2, suburb, "
            + "postcode, state, date_of_birth, soc_sec_id";

    private static final String[] GIVEN = {"lachlan", "deakin", "sarah", "jacob", "mitchell", "harley", "madeline",
            "brinley", "olivia", "noah", "charlotte", "william", "amelia", "jack", "isla", "oliver", "mia", "thomas"};
    private static final String[] SURNAMES = {"berry", "sondergeld", "bruhn", "lanyon", "green", "mccarthy",
            "mason", "efthimiou", "waller", "smith", "jones", "brown", "wilson", "taylor", "white", "martin"};
    private static final String[] STREETS = {"tullaroop street", "giblin street", "goldfinch circuit",
            "forbes street", "milne cove", "wallaby place", "pridham street", "hoseason street"};
    private static final String[] SUBURBS = {"st james", "bittern", "canterbury", "kellerberrin", "cleveland",
            "marsden", "granville", "scarborough"};
    private static final String[] STATES = {"nsw", "vic", "qld", "wa", "sa", "tas", "act", "nt"};

    private SyntheticFebrl() {
    }

    /** Lines of a file (header first) with {@code persons} originals, half of them with one duplicate. */
    public static List<String> lines(int persons, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (int n = 0; n < persons; n++) {
            String[] fields = {GIVEN[random.nextInt(GIVEN.length)], SURNAMES[random.nextInt(SURNAMES.length)],
                    String.valueOf(1 + random.nextInt(200)), STREETS[random.nextInt(STREETS.length)], "",
                    SUBURBS[random.nextInt(SUBURBS.length)], String.valueOf(2000 + random.nextInt(7000)),
                    STATES[random.nextInt(STATES.length)],
                    "%04d%02d%02d".formatted(1920 + random.nextInt(90), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                    "%07d".formatted(1_000_000 + n * 7919 % 8_999_999)};
            lines.add("rec-" + n + "-org, " + String.join(", ", fields));
            if (n % 2 == 0) {
                String[] copy = fields.clone();
                int field = random.nextInt(copy.length);
                if (copy[field].length() > 1) {
                    int at = random.nextInt(copy[field].length());
                    char c = copy[field].charAt(at);
                    char typo = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10) : (char) ('a' + (c - 'a' + 1) % 26);
                    copy[field] = copy[field].substring(0, at) + typo + copy[field].substring(at + 1);
                }
                lines.add("rec-" + n + "-dup-0, " + String.join(", ", copy));
            }
        }
        return lines;
    }
}
