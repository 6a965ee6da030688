package org.yiwang.mpi;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.yiwang.mpi.matching.ChineseNames;
import org.yiwang.registry.DemoCounty;

/**
 * Realistic duplicate registrations for the demo county, so that the review queue has real work on first start:
 * the same person registered again at another institution (a township centre or the county hospital), with the
 * errors clerks make, and different people who look alike. Deterministic for a seed and a base plan.
 *
 * <p>Same person, registered twice ({@link Kind#isSamePerson()}); without an ID number the second registration
 * gives only the village as address:
 * <ul>
 *   <li>{@link Kind#HOMOPHONE}: a character replaced by one that sounds the same (张伟 → 章伟, 李丽 → 李莉); no ID
 *       card at hand, same phone.</li>
 *   <li>{@link Kind#LOOK_ALIKE}: a character miscopied as one that looks alike (王 → 玉, 婷 → 停); no ID.</li>
 *   <li>{@link Kind#TRADITIONAL}: typed in traditional characters (陈 → 陳); no ID, same phone.</li>
 *   <li>{@link Kind#NAME_WITH_SPACE}: a space between surname and given name (张 伟); no ID.</li>
 *   <li>{@link Kind#PINYIN_ONLY}: the name in pinyin only (Zhang Wei), as a hospital system without Chinese input
 *       stored it; no ID.</li>
 *   <li>{@link Kind#MISSING_ID}: same name and birth date, no ID, no phone.</li>
 *   <li>{@link Kind#ID_TYPO}: one digit of the sequence code mistyped, stored unchecked by an old system (its
 *       check character no longer fits, ID-03).</li>
 *   <li>{@link Kind#LEGACY_ID}: the original record has no ID; the duplicate was registered with the 15-digit legacy
 *       number (ID-05), stored upgraded with the original as typed.</li>
 *   <li>{@link Kind#DAY_MONTH_SWAPPED}: birth date with day and month swapped (1990-03-04 → 1990-04-03); no ID.</li>
 *   <li>{@link Kind#CHANGED_PHONE}: a new phone number since the first registration; no ID.</li>
 * </ul>
 * Different people who look alike ({@code !isSamePerson()}): {@link Kind#TWINS} (same birth date, address and
 * family phone, different given names) and {@link Kind#COMMON_NAME} (the same common name, born a few days apart,
 * in another village, each with their own ID card).
 *
 * @param residents the base residents (some originals of {@link Kind#LEGACY_ID} lose their ID) plus the new ones
 * @param pairs what each pair is, by health-record number
 */
record DemoDuplicatePlan(List<NewResident> residents, List<Pair> pairs) {

    static final int PAIRS_PER_KIND = 4;

    enum Kind {
        HOMOPHONE, LOOK_ALIKE, TRADITIONAL, NAME_WITH_SPACE, PINYIN_ONLY, MISSING_ID, ID_TYPO, LEGACY_ID,
        DAY_MONTH_SWAPPED, CHANGED_PHONE, TWINS, COMMON_NAME;

        boolean isSamePerson() {
            return this != TWINS && this != COMMON_NAME;
        }
    }

    /** Two records of the demo county and how they relate. */
    record Pair(Kind kind, String firstHealthRecordNumber, String secondHealthRecordNumber) {
    }

    private static final Map<Character, Character> HOMOPHONES = map(
            "张章", "王汪", "李黎", "刘柳", "杨阳", "吴伍", "徐许", "何贺", "朱诸",
            "伟玮", "丽莉", "军君", "芳方", "静婧", "华桦", "明铭", "涛韬", "斌彬", "辉晖", "飞菲", "宇雨", "浩昊",
            "凯恺", "俊峻", "龙隆", "东冬", "峰锋", "晨辰", "阳洋", "娜纳", "慧惠", "玉钰", "萍平", "红虹", "燕艳",
            "梅玫", "婷亭", "佳家", "欣馨", "怡仪", "颖莹", "倩茜", "琴芹", "云芸", "兰岚", "璐露", "萱宣", "彤桐");
    /** From the matching engine's look-alike list (lookalike-characters.txt). */
    private static final Map<Character, Character> LOOK_ALIKES = map(
            "王玉", "杨扬", "吴昊", "洁结", "晶品", "斌赋", "婷停", "雪雯", "芳芬", "鹏朋", "涛焘", "颖颍", "宇字",
            "辉晖", "俊骏", "凯恺", "平乎", "秀季", "丽俪", "伟炜");
    private static final Map<Character, Character> TRADITIONAL = map(
            "陈陳", "张張", "刘劉", "黄黃", "杨楊", "赵趙", "吴吳", "郑鄭", "冯馮", "孙孫", "马馬", "许許", "邓鄧",
            "韩韓", "谢謝", "罗羅", "伟偉", "华華", "国國", "军軍", "红紅", "丽麗", "龙龍", "东東", "强強", "涛濤",
            "鹏鵬", "飞飛", "鸿鴻", "辉輝", "凯凱", "兰蘭", "云雲", "艳艷", "静靜", "颖穎", "莹瑩", "刚剛", "宁寧",
            "杰傑", "宇宇");

    /**
     * @param otherInstitutions organisations other than the village clinics (township centres, county hospital)
     *        where the second registrations happen
     */
    static DemoDuplicatePlan generate(long seed, DemoResidentPlan base, List<Long> otherInstitutions) {
        if (otherInstitutions.isEmpty()) {
            throw new IllegalArgumentException("no other institutions to register duplicates at");
        }
        return new Generator(new Random(seed), base, otherInstitutions).generate();
    }

    private static Map<Character, Character> map(String... pairs) {
        Map<Character, Character> map = new HashMap<>();
        for (String pair : pairs) {
            map.put(pair.charAt(0), pair.charAt(1));
        }
        return Map.copyOf(map);
    }

    private static final class Generator {

        private final Random random;
        private final DemoResidentPlan base;
        private final List<Long> institutions;
        private final List<NewResident> residents;
        private final List<NewResident> added = new ArrayList<>();
        private final List<Pair> pairs = new ArrayList<>();
        private final Set<String> used = new HashSet<>();
        private final Set<String> idNumbers = new HashSet<>();
        private final Map<String, Integer> serials = new HashMap<>();
        private final LocalDate today = DemoCounty.REFERENCE_DATE;

        Generator(Random random, DemoResidentPlan base, List<Long> institutions) {
            this.random = random;
            this.base = base;
            this.institutions = institutions;
            this.residents = new ArrayList<>(base.residents());
            for (NewResident r : residents) {
                serials.merge(r.healthRecordNumber().substring(0, 12), Integer.parseInt(r.healthRecordNumber().substring(12)),
                        Math::max);
                if (r.idNumber() != null) {
                    idNumbers.add(r.idNumber());
                }
            }
            used.add(base.loginHealthRecordNumber());
        }

        DemoDuplicatePlan generate() {
            for (Kind kind : Kind.values()) {
                int made = 0;
                for (int attempt = 0; made < PAIRS_PER_KIND && attempt < 5000; attempt++) {
                    int index = random.nextInt(residents.size());
                    NewResident original = residents.get(index);
                    if (used.contains(original.healthRecordNumber()) || !eligible(kind, original)) {
                        continue;
                    }
                    NewResident second = make(kind, index, original);
                    if (second == null) {
                        continue;
                    }
                    used.add(original.healthRecordNumber());
                    added.add(second);
                    pairs.add(new Pair(kind, original.healthRecordNumber(), second.healthRecordNumber()));
                    made++;
                }
            }
            List<NewResident> all = new ArrayList<>(residents);
            all.addAll(added);
            return new DemoDuplicatePlan(List.copyOf(all), List.copyOf(pairs));
        }

        private boolean eligible(Kind kind, NewResident r) {
            int age = Period.between(r.birthDate(), today).getYears();
            boolean adult = age >= 18 && r.guardianHealthRecordNumber() == null && r.idNumber() != null;
            return switch (kind) {
                case LEGACY_ID -> adult && r.birthDate().getYear() < 2000 && r.birthDate().getYear() >= 1900;
                case DAY_MONTH_SWAPPED -> adult && ResidentQueries.swapped(r.birthDate()) != null;
                case HOMOPHONE -> adult && r.name().chars().anyMatch(c -> HOMOPHONES.containsKey((char) c));
                case LOOK_ALIKE -> adult && r.name().chars().anyMatch(c -> LOOK_ALIKES.containsKey((char) c));
                case TRADITIONAL -> adult && r.name().chars().anyMatch(c -> TRADITIONAL.containsKey((char) c)
                        && TRADITIONAL.get((char) c) != c);
                case NAME_WITH_SPACE, PINYIN_ONLY -> adult && r.name().length() >= 2 && r.name().length() <= 3
                        && !r.name().startsWith("欧阳");
                default -> adult;
            };
        }

        private NewResident make(Kind kind, int index, NewResident o) {
            return switch (kind) {
                case HOMOPHONE -> again(o, replaceOne(o.name(), HOMOPHONES), o.birthDate(), null, o.phone(), null);
                case LOOK_ALIKE -> again(o, replaceOne(o.name(), LOOK_ALIKES), o.birthDate(), null, null, null);
                case TRADITIONAL -> again(o, replaceAll(o.name(), TRADITIONAL), o.birthDate(), null, o.phone(), null);
                case NAME_WITH_SPACE -> again(o, o.name().charAt(0) + " " + o.name().substring(1), o.birthDate(), null,
                        null, null);
                case PINYIN_ONLY -> again(o, capitalised(ChineseNames.toneless(o.name())), o.birthDate(), null, null, null);
                case MISSING_ID -> again(o, o.name(), o.birthDate(), null, null, null);
                case ID_TYPO -> again(o, o.name(), o.birthDate(), typo(o.idNumber()), o.phone(), null);
                case LEGACY_ID -> {
                    String legacy = o.idNumber().substring(0, 6) + o.idNumber().substring(8, 17);
                    // the first registration, long ago at the village clinic, had no ID number on file
                    residents.set(index, withoutId(o));
                    yield again(o, o.name(), o.birthDate(), o.idNumber(), null, legacy);
                }
                case DAY_MONTH_SWAPPED -> again(o, o.name(), ResidentQueries.swapped(o.birthDate()), null, o.phone(), null);
                case CHANGED_PHONE -> again(o, o.name(), o.birthDate(), null, phone(), null);
                case TWINS -> twin(o);
                case COMMON_NAME -> namesake(o);
            };
        }

        /** The same person registered at another institution, in the same village. */
        private NewResident again(NewResident o, String name, LocalDate birthDate, String idNumber, String phone,
                String idAsTyped) {
            if (name == null) {
                return null;
            }
            if (idNumber != null && !idNumber.equals(o.idNumber()) && !idNumbers.add(idNumber)) {
                return null;
            }
            // without an ID card the registrar elsewhere writes down the village, not the house: nothing but the
            // name and birth date (and a phone, when given) corroborates the match, so most such pairs need review
            String address = idNumber == null ? villageOnly(o.address()) : o.address();
            return new NewResident(nextNumber(o.divisionCode()), name, o.sex(), birthDate, o.ethnicityCode(), idNumber,
                    phone, o.divisionCode(), address, null, institution(), idAsTyped);
        }

        /** 清源县青石镇柳溪村3组12号 → 清源县青石镇柳溪村. */
        private static String villageOnly(String address) {
            return address == null ? null : address.replaceFirst("\\d+组\\d+号$", "");
        }

        /** A twin of {@code o}: same birth date, address and family phone, own ID card and given name. */
        private NewResident twin(NewResident o) {
            String surname = o.name().substring(0, 1);
            boolean male = o.sex() == Sex.MALE;
            String name;
            int tries = 0;
            do {
                name = surname + org.yiwang.registry.ChineseNames.givenName(random, male);
            } while (name.equals(o.name()) && ++tries < 10);
            String id = freshId(o.idNumber().substring(0, 6), o.birthDate(), male);
            return id == null ? null : new NewResident(nextNumber(o.divisionCode()), name, o.sex(), o.birthDate(),
                    o.ethnicityCode(), id, o.phone(), o.divisionCode(), o.address(), null, o.registeredOrganisationId(), null);
        }

        /** Someone else with the same name, born 1–5 days later, in another village, with their own ID and phone. */
        private NewResident namesake(NewResident o) {
            NewResident other = base.residents().get(random.nextInt(base.residents().size()));
            if (other.divisionCode().equals(o.divisionCode())) {
                return null;
            }
            LocalDate birthDate = o.birthDate().plusDays(1 + random.nextInt(5));
            String id = freshId(DemoCounty.DIVISION_CODE, birthDate, o.sex() == Sex.MALE);
            return id == null ? null : new NewResident(nextNumber(other.divisionCode()), o.name(), o.sex(), birthDate,
                    o.ethnicityCode(), id, phone(), other.divisionCode(), other.address(), null,
                    other.registeredOrganisationId(), null);
        }

        private String freshId(String addressCode, LocalDate birthDate, boolean male) {
            for (int i = 0; i < 50; i++) {
                String id = ResidentIdNumber.compose(addressCode, birthDate, random.nextInt(500) * 2 + (male ? 1 : 0))
                        .value();
                if (idNumbers.add(id)) {
                    return id;
                }
            }
            return null;
        }

        /** One digit of the sequence code (positions 15–16) changed; the check character is left as it was. */
        private String typo(String idNumber) {
            int position = 14 + random.nextInt(2);
            char digit = idNumber.charAt(position);
            char wrong = (char) ('0' + (digit - '0' + 1 + random.nextInt(8)) % 10);
            return idNumber.substring(0, position) + wrong + idNumber.substring(position + 1);
        }

        private NewResident withoutId(NewResident o) {
            return new NewResident(o.healthRecordNumber(), o.name(), o.sex(), o.birthDate(), o.ethnicityCode(), null,
                    o.phone(), o.divisionCode(), o.address(), o.guardianHealthRecordNumber(), o.registeredOrganisationId(),
                    null);
        }

        private String replaceOne(String name, Map<Character, Character> map) {
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < name.length(); i++) {
                if (map.containsKey(name.charAt(i))) {
                    positions.add(i);
                }
            }
            if (positions.isEmpty()) {
                return null;
            }
            int at = positions.get(random.nextInt(positions.size()));
            return name.substring(0, at) + map.get(name.charAt(at)) + name.substring(at + 1);
        }

        private static String replaceAll(String name, Map<Character, Character> map) {
            StringBuilder out = new StringBuilder();
            for (char c : name.toCharArray()) {
                out.append(map.getOrDefault(c, c));
            }
            return out.toString();
        }

        /** zhang wei → Zhang Wei. */
        private static String capitalised(String pinyin) {
            StringBuilder out = new StringBuilder();
            for (String word : pinyin.split(" ")) {
                if (!word.isEmpty()) {
                    out.append(out.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
            return out.toString();
        }

        private String phone() {
            return "1" + (3 + random.nextInt(7)) + "%09d".formatted(random.nextInt(1_000_000_000));
        }

        private long institution() {
            return institutions.get(random.nextInt(institutions.size()));
        }

        private String nextNumber(String division) {
            int serial = serials.merge(division, 1, Integer::sum);
            return HealthRecordNumber.of(division, serial).value();
        }
    }
}
