package org.yiwang.mpi.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic Chinese resident registrations for tests and benchmarks: persons with made-up names,
 * valid ID numbers (ID-01..ID-03), phones and addresses, registered one or more times with the errors seen in
 * county registries (homophone and look-alike characters, traditional characters, a space in the name, pinyin
 * only, mistyped or placeholder birth dates, 15-digit, truncated, lower-case x or mistyped ID numbers, changed
 * or mistyped phones, partial addresses, missing values), plus families sharing phone and address and twins.
 * Same seed, same records. Every value is made up.
 */
public final class SyntheticResidents {

    /** A generated registration and, apart from it, the person it belongs to (the truth, for scoring only). */
    public record Registration(PersonRecord record, int person) {
    }

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华红建文辉玲萍鹏飞宇浩凯欣怡佳雪梅琳晨阳波斌峰宏志国福春海俊龙云燕颖婷慧莉琴芸蓉露菲晓德寿光义全泉新";
    private static final String[] COUNTIES = {"500117", "500118", "510704", "511002", "652902"};
    private static final String[] TOWNS = {"何埂镇", "二郎镇", "街子镇", "永安镇", "朝阳镇", "三教镇", "五间镇", "全安镇"};
    private static final String[] VILLAGES = {"水井村", "长湾村", "白果村", "金鸡村", "红星村", "青杠村", "柏林村"};
    private static final String[] PREFIXES = {"重庆市永川区", "重庆市合川区", "四川省内江市市中区", "新疆伊犁州"};

    private SyntheticResidents() {
    }

    /**
     * {@code persons} people, about {@code duplicateShare} of them registered 2–4 times, the rest once; about 3 % of
     * them have a twin and many share a phone and address with a family member.
     */
    public static List<Registration> generate(int persons, double duplicateShare, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Registration> out = new ArrayList<>((int) (persons * (1 + duplicateShare * 2)));
        Person family = null;
        for (int p = 0; p < persons; p++) {
            Person person;
            double kind = random.nextDouble();
            if (family != null && kind < 0.03) {
                person = family.twin(random);
            } else if (family != null && kind < 0.25) {
                person = family.relative(random);
            } else {
                person = Person.random(random);
            }
            family = person;
            int copies = random.nextDouble() < duplicateShare ? 2 + random.nextInt(3) : 1;
            for (int c = 0; c < copies; c++) {
                String id = "S" + p + "-" + c;
                out.add(new Registration(c == 0 ? person.clean(id) : person.corrupted(id, random), p));
            }
        }
        return out;
    }

    private record Person(String surname, String given, char sex, int year, int month, int day, String id,
                          String phone, String address, String prefix) {

        static Person random(SplittableRandom r) {
            String surname = String.valueOf(SURNAMES.charAt(r.nextInt(SURNAMES.length())));
            char sex = r.nextBoolean() ? 'M' : 'F';
            int year = 1930 + r.nextInt(90);
            int month = 1 + r.nextInt(12);
            int day = 1 + r.nextInt(28);
            String county = COUNTIES[r.nextInt(COUNTIES.length)];
            return new Person(surname, given(r), sex, year, month, day, id(county, year, month, day, sex, r),
                    phone(r), address(r), PREFIXES[r.nextInt(PREFIXES.length)]);
        }

        Person twin(SplittableRandom r) {
            char newSex = r.nextBoolean() ? 'M' : 'F';
            return new Person(surname, given(r), newSex, year, month, day,
                    id(id.substring(0, 6), year, month, day, newSex, r), phone, address, prefix);
        }

        Person relative(SplittableRandom r) {
            char newSex = r.nextBoolean() ? 'M' : 'F';
            int newYear = 1930 + r.nextInt(90);
            int newMonth = 1 + r.nextInt(12);
            int newDay = 1 + r.nextInt(28);
            String newSurname = r.nextInt(3) == 0 ? String.valueOf(SURNAMES.charAt(r.nextInt(SURNAMES.length())))
                    : surname;
            return new Person(newSurname, given(r), newSex, newYear, newMonth, newDay,
                    id(id.substring(0, 6), newYear, newMonth, newDay, newSex, r), phone, address, prefix);
        }

        static String given(SplittableRandom r) {
            StringBuilder given = new StringBuilder();
            int length = r.nextInt(3) == 0 ? 1 : 2;
            for (int i = 0; i < length; i++) {
                given.append(GIVEN.charAt(r.nextInt(GIVEN.length())));
            }
            return given.toString();
        }

        static String id(String county, int year, int month, int day, char sex, SplittableRandom r) {
            int sequence = r.nextInt(500) * 2 + (sex == 'M' ? 1 : 0);
            String first17 = county + "%04d%02d%02d%03d".formatted(year, month, day, sequence);
            return first17 + IdNumbers.checkCharacter(first17);
        }

        static String phone(SplittableRandom r) {
            return "1" + (3 + r.nextInt(7)) + "%09d".formatted(r.nextInt(1_000_000_000));
        }

        static String address(SplittableRandom r) {
            return TOWNS[r.nextInt(TOWNS.length)] + VILLAGES[r.nextInt(VILLAGES.length)] + (1 + r.nextInt(12)) + "组"
                    + (1 + r.nextInt(80)) + "号";
        }

        String date() {
            return "%04d-%02d-%02d".formatted(year, month, day);
        }

        PersonRecord clean(String recordId) {
            return PersonRecord.of(recordId, surname + given, String.valueOf(sex), date(), id, phone, prefix + address);
        }

        PersonRecord corrupted(String recordId, SplittableRandom r) {
            String name = surname + given;
            double n = r.nextDouble();
            if (n < 0.15) {
                name = homophone(name, r);
            } else if (n < 0.2) {
                name = surname + " " + given;
            } else if (n < 0.25) {
                name = traditional(name);
            } else if (n < 0.29) {
                String pinyin = ChineseNames.toneless(name);
                name = Character.toUpperCase(pinyin.charAt(0)) + pinyin.substring(1);
            }
            String date = date();
            double d = r.nextDouble();
            if (d < 0.05) {
                date = "%04d-%02d-%02d".formatted(year, month, Math.min(28, day + 1));
            } else if (d < 0.08) {
                date = "%04d-01-01".formatted(year);
            } else if (d < 0.1) {
                date = "%04d-%02d-%02d".formatted(year, Math.min(12, day), Math.min(28, month));
            }
            String typedId = id;
            double i = r.nextDouble();
            if (i < 0.2) {
                typedId = "";
            } else if (i < 0.25) {
                typedId = id.substring(0, 6) + id.substring(8, 17);
            } else if (i < 0.3) {
                int at = r.nextInt(17);
                typedId = id.substring(0, at) + (char) ('0' + (id.charAt(at) - '0' + 1 + r.nextInt(8)) % 10)
                        + id.substring(at + 1);
            } else if (i < 0.32) {
                typedId = id.toLowerCase();
            }
            String typedPhone = phone;
            double t = r.nextDouble();
            if (t < 0.2) {
                typedPhone = phone(r);
            } else if (t < 0.3) {
                typedPhone = "";
            } else if (t < 0.35) {
                typedPhone = phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7);
            } else if (t < 0.4) {
                int at = 3 + r.nextInt(8);
                typedPhone = phone.substring(0, at) + (char) ('0' + (phone.charAt(at) - '0' + 1) % 10)
                        + phone.substring(at + 1);
            }
            String typedAddress = prefix + address;
            double a = r.nextDouble();
            if (a < 0.3) {
                typedAddress = address;
            } else if (a < 0.4) {
                typedAddress = "";
            }
            String typedSex = r.nextDouble() < 0.05 ? "" : String.valueOf(sex);
            return PersonRecord.of(recordId, name, typedSex, date, typedId, typedPhone, typedAddress);
        }

        static String homophone(String name, SplittableRandom r) {
            int at = 1 + r.nextInt(name.length() - 1);
            List<String> readings = ChineseNames.readings(name.codePointAt(at));
            if (readings.isEmpty()) {
                return name;
            }
            for (int k = 0; k < 20; k++) {
                char candidate = GIVEN.charAt(r.nextInt(GIVEN.length()));
                if (candidate != name.charAt(at) && ChineseNames.readings(candidate).contains(readings.get(0))) {
                    return name.substring(0, at) + candidate + name.substring(at + 1);
                }
            }
            return name;
        }

        static String traditional(String name) {
            return name.replace('刘', '劉').replace('马', '馬').replace('国', '國').replace('华', '華')
                    .replace('丽', '麗').replace('红', '紅').replace('兰', '蘭').replace('龙', '龍')
                    .replace('飞', '飛').replace('凤', '鳳').replace('晓', '曉').replace('义', '義');
        }
    }
}
