package org.yiwang.registry;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.yiwang.platform.security.Role;

/**
 * The organisations, practitioners and demo logins of 清水县, generated without touching the database or the
 * clock: the same seed gives the same county.
 */
record DemoCountyPlan(List<NewOrganisation> organisations, List<NewPractitioner> practitioners, List<DemoLogin> logins) {

    static final String COMMISSION = "519921-WJW";
    static final String COUNTY_HOSPITAL = "519921-RMYY";
    static final String TCM_HOSPITAL = "519921-ZYYY";
    static final String MCH_HOSPITAL = "519921-FYBJY";
    static final String CDC = "519921-JKZX";
    /** A fictional city tertiary hospital outside the county, partner of the 医联体. */
    static final String CITY_HOSPITAL = "519900-SZXYY";
    static final String CITY_DIVISION = "519900";

    /** A demo login for one practitioner, with the roles it holds at each organisation (by code). */
    record DemoLogin(String username, String practitionerKey, String displayName, List<Membership> memberships) {
    }

    record Membership(String organisationCode, Role role) {
    }

    private record Place(String nameZh, String pinyin) {
    }

    private record Township(String nameZh, String pinyin, boolean town, List<Place> villages) {
    }

    /** Eight townships (codes 001–008 in this order) and their villages (committee codes 101 upwards). */
    private static final List<Township> TOWNSHIPS = List.of(
            township("城关镇", "Chengguan", true, "新华村 Xinhua", "红星村 Hongxing", "东关村 Dongguan", "西河村 Xihe"),
            township("青石镇", "Qingshi", true, "柳溪村 Liuxi", "石桥村 Shiqiao", "杏林村 Xinglin", "竹园村 Zhuyuan"),
            township("白马镇", "Baima", true, "白马村 Baima", "黄桷村 Huangjue", "金竹村 Jinzhu"),
            township("龙泉乡", "Longquan", false, "龙泉村 Longquan", "松林村 Songlin", "高峰村 Gaofeng", "桂花村 Guihua",
                    "青龙村 Qinglong"),
            township("桃源乡", "Taoyuan", false, "桃源村 Taoyuan", "梨花村 Lihua", "水口村 Shuikou"),
            township("石门镇", "Shimen", true, "石门村 Shimen", "观音村 Guanyin", "五星村 Wuxing", "大堰村 Dayan"),
            township("双河乡", "Shuanghe", false, "双河村 Shuanghe", "板桥村 Banqiao", "长滩村 Changtan", "沙坝村 Shaba"),
            township("金山镇", "Jinshan", true, "金山村 Jinshan", "茶园村 Chayuan", "凤凰村 Fenghuang", "白鹤村 Baihe",
                    "马鞍村 Ma'an"));

    /** Centre of the (fictional) county seat. */
    private static final double CENTRE_LATITUDE = 30.125;
    private static final double CENTRE_LONGITUDE = 103.650;

    static DemoCountyPlan generate(long seed) {
        return new Generator(new Random(seed)).generate();
    }

    static String townshipCentreCode(int townshipIndex) {
        return DemoCounty.DIVISION_CODE + "%03d".formatted(townshipIndex + 1) + "-WSY";
    }

    static String villageClinicCode(int townshipIndex, int villageIndex) {
        return DemoCounty.DIVISION_CODE + "%03d%03d".formatted(townshipIndex + 1, 101 + villageIndex) + "-WSS";
    }

    private static Township township(String nameZh, String pinyin, boolean town, String... villages) {
        List<Place> places = new ArrayList<>();
        for (String village : villages) {
            int space = village.indexOf(' ');
            places.add(new Place(village.substring(0, space), village.substring(space + 1)));
        }
        return new Township(nameZh, pinyin, town, List.copyOf(places));
    }

    private static final class Generator {

        private final Random random;
        private final List<NewOrganisation> organisations = new ArrayList<>();
        private final List<NewPractitioner> practitioners = new ArrayList<>();
        private int licenceSerial;

        Generator(Random random) {
            this.random = random;
        }

        DemoCountyPlan generate() {
            countyLevel();
            for (int t = 0; t < TOWNSHIPS.size(); t++) {
                township(t);
            }
            staffCountyLevel();
            for (int t = 0; t < TOWNSHIPS.size(); t++) {
                staffTownship(t);
            }
            cityHospital(new Random(random.nextLong()));
            return new DemoCountyPlan(List.copyOf(organisations), List.copyOf(practitioners), logins());
        }

        private void countyLevel() {
            String county = DemoCounty.DIVISION_CODE;
            organisation(COMMISSION, "清水县卫生健康委员会", "Qingshui County Health Commission", "县卫健委",
                    "Health Commission", OrganisationType.HEALTH_COMMISSION, null, county, "清水县城关镇政府街8号", 0.004);
            organisation(COUNTY_HOSPITAL, "清水县人民医院", "Qingshui County People's Hospital", "县人民医院",
                    "County Hospital", OrganisationType.COUNTY_HOSPITAL, COMMISSION, county, "清水县城关镇人民路128号", 0.01);
            organisation(TCM_HOSPITAL, "清水县中医医院", "Qingshui County Hospital of Traditional Chinese Medicine",
                    "县中医院", "TCM Hospital", OrganisationType.TCM_HOSPITAL, COMMISSION, county, "清水县城关镇杏林路36号", 0.01);
            organisation(MCH_HOSPITAL, "清水县妇幼保健院", "Qingshui County Maternal and Child Health Hospital",
                    "县妇幼保健院", "MCH Hospital", OrganisationType.MCH_HOSPITAL, COMMISSION, county, "清水县城关镇文化路52号", 0.01);
            organisation(CDC, "清水县疾病预防控制中心", "Qingshui County Center for Disease Control and Prevention",
                    "县疾控中心", "County CDC", OrganisationType.CDC, COMMISSION, county, "清水县城关镇滨河路18号", 0.01);
        }

        private void township(int t) {
            Township township = TOWNSHIPS.get(t);
            String division = DemoCounty.DIVISION_CODE + "%03d".formatted(t + 1);
            String kindEn = township.town() ? "Town" : "Township";
            // the county seat lies at the centre; the other townships on a ring around it
            double angle = 2 * Math.PI * t / (TOWNSHIPS.size() - 1) + random.nextDouble() * 0.4;
            double radius = t == 0 ? 0.0 : 0.08 + random.nextDouble() * 0.14;
            double latitude = CENTRE_LATITUDE + radius * Math.sin(angle);
            double longitude = CENTRE_LONGITUDE + radius * Math.cos(angle) * 1.15;
            String centreCode = townshipCentreCode(t);
            organisations.add(new NewOrganisation(centreCode, township.nameZh() + "卫生院",
                    township.pinyin() + " " + kindEn + " Health Centre", null, null,
                    OrganisationType.TOWNSHIP_HEALTH_CENTRE, COUNTY_HOSPITAL, division,
                    DemoCounty.NAME_ZH + township.nameZh() + "正街" + (10 + random.nextInt(180)) + "号",
                    coordinate(latitude + jitter(0.003)), coordinate(longitude + jitter(0.003))));
            for (int v = 0; v < township.villages().size(); v++) {
                Place village = township.villages().get(v);
                organisations.add(new NewOrganisation(villageClinicCode(t, v), village.nameZh() + "卫生室",
                        village.pinyin() + " Village Clinic", null, null, OrganisationType.VILLAGE_CLINIC, centreCode,
                        division + "%03d".formatted(101 + v),
                        DemoCounty.NAME_ZH + township.nameZh() + village.nameZh() + (1 + random.nextInt(9)) + "组",
                        coordinate(latitude + jitter(0.035)), coordinate(longitude + jitter(0.035))));
            }
        }

        private void organisation(String code, String nameZh, String nameEn, String shortZh, String shortEn,
                OrganisationType type, String parentCode, String division, String address, double spread) {
            organisations.add(new NewOrganisation(code, nameZh, nameEn, shortZh, shortEn, type, parentCode, division,
                    address, coordinate(CENTRE_LATITUDE + jitter(spread)), coordinate(CENTRE_LONGITUDE + jitter(spread))));
        }

        /** Added last, from its own generator, so the county's own organisations and staff stay as they were. */
        private void cityHospital(Random cityRandom) {
            organisations.add(new NewOrganisation(CITY_HOSPITAL, "清源市中心医院", "Qingyuan City Central Hospital",
                    "市中心医院", "City Central Hospital", OrganisationType.TERTIARY_HOSPITAL, null, CITY_DIVISION,
                    "清源市滨江路1号", coordinate(30.402 + cityRandom.nextDouble() * 0.002),
                    coordinate(103.981 + cityRandom.nextDouble() * 0.002)));
            new Staffing(CITY_HOSPITAL)
                    .add(Profession.PHYSICIAN, 4, 0.6, titles("主任医师", "副主任医师"), "心血管内科", "神经内科", "医学影像科",
                            "心电诊断")
                    .add(Profession.NURSE, 1, 0.05, titles("主管护师"), "心内科护理");
        }

        private void staffCountyLevel() {
            Staffing commission = new Staffing(COMMISSION);
            commission.add(Profession.ADMINISTRATIVE_STAFF, 1, 0.6, titles("工程师"), "信息科");
            commission.add(Profession.ADMINISTRATIVE_STAFF, 2, 0.4, titles("统计师", "科员"), "规划信息科");
            commission.add(Profession.ADMINISTRATIVE_STAFF, 2, 0.5, titles("科员"), "医政医管科", "基层卫生科");

            Staffing hospital = new Staffing(COUNTY_HOSPITAL);
            hospital.add(Profession.PHYSICIAN, 22, 0.6, PHYSICIAN_TITLES, "心血管内科", "呼吸内科", "消化内科", "内分泌科",
                    "神经内科", "普外科", "骨科", "妇产科", "儿科", "急诊科", "全科医学科", "重症医学科", "肾内科", "医学影像科");
            hospital.add(Profession.PHYSICIAN, 3, 0.5, titles("副主任医师", "主治医师", "医师"), "心电诊断");
            hospital.add(Profession.NURSE, 16, 0.05, NURSE_TITLES, "内科护理", "外科护理", "急诊护理", "重症护理");
            hospital.add(Profession.PHARMACIST, 3, 0.4, titles("主管药师", "药师", "药师"), "药剂科");
            hospital.add(Profession.LAB_TECHNICIAN, 4, 0.4, titles("主管技师", "技师", "技师"), "检验科");
            hospital.add(Profession.ADMINISTRATIVE_STAFF, 2, 0.3, titles("科员"), "挂号收费处");

            Staffing tcm = new Staffing(TCM_HOSPITAL);
            tcm.add(Profession.PHYSICIAN, 8, 0.6, PHYSICIAN_TITLES, "中医内科", "针灸科", "推拿科", "中医骨伤科");
            tcm.add(Profession.NURSE, 5, 0.05, NURSE_TITLES, "中医护理");
            tcm.add(Profession.PHARMACIST, 2, 0.4, titles("主管中药师", "中药师"), "中药房");
            tcm.add(Profession.LAB_TECHNICIAN, 1, 0.4, titles("技师"), "检验科");
            tcm.add(Profession.ADMINISTRATIVE_STAFF, 1, 0.3, titles("科员"), "挂号收费处");

            Staffing mch = new Staffing(MCH_HOSPITAL);
            mch.add(Profession.PHYSICIAN, 6, 0.2, PHYSICIAN_TITLES, "妇产科", "儿科", "儿童保健科");
            mch.add(Profession.NURSE, 6, 0.02, NURSE_TITLES, "产科护理", "儿科护理");
            mch.add(Profession.PHARMACIST, 1, 0.4, titles("药师"), "药剂科");
            mch.add(Profession.LAB_TECHNICIAN, 1, 0.4, titles("技师"), "检验科");
            mch.add(Profession.ADMINISTRATIVE_STAFF, 1, 0.3, titles("科员"), "挂号收费处");

            Staffing cdc = new Staffing(CDC);
            cdc.add(Profession.PUBLIC_HEALTH_PHYSICIAN, 6, 0.5, titles("主任医师", "副主任医师", "主管医师", "医师", "医师"),
                    "传染病防制", "免疫规划", "慢性病防制", "健康教育");
            cdc.add(Profession.LAB_TECHNICIAN, 2, 0.4, titles("主管技师", "技师"), "检验科");
        }

        private void staffTownship(int t) {
            Staffing centre = new Staffing(townshipCentreCode(t));
            // the first is a general practitioner, who leads a family-doctor team
            centre.add(Profession.PHYSICIAN, 1, 0.6, titles("主治医师"), "全科医学科");
            centre.add(Profession.PHYSICIAN, 2 + random.nextInt(2), 0.6, titles("副主任医师", "主治医师", "医师", "医师"),
                    "全科医学科", "中医科", "内科");
            centre.add(Profession.NURSE, 3, 0.05, titles("主管护师", "护师", "护士", "护士"), "护理");
            centre.add(Profession.PUBLIC_HEALTH_PHYSICIAN, 2, 0.5, titles("主管医师", "医师"), "公共卫生科");
            centre.add(Profession.PHARMACIST, 1, 0.4, titles("药师"), "药房");
            centre.add(Profession.LAB_TECHNICIAN, 1, 0.4, titles("技师"), "检验科");
            for (int v = 0; v < TOWNSHIPS.get(t).villages().size(); v++) {
                new Staffing(villageClinicCode(t, v))
                        .add(Profession.VILLAGE_DOCTOR, 1 + random.nextInt(2), 0.7, titles("乡村医生"), "全科");
            }
        }

        private List<DemoLogin> logins() {
            String qingshiCentre = townshipCentreCode(1);
            String liuxiClinic = villageClinicCode(1, 0);
            return List.of(
                    login("admin", p -> p.organisationCode().equals(COMMISSION) && "信息科".equals(p.specialty()),
                            new Membership(COMMISSION, Role.SYSTEM_ADMIN)),
                    login("analyst", p -> p.organisationCode().equals(COMMISSION) && "规划信息科".equals(p.specialty()),
                            new Membership(COMMISSION, Role.COMMISSION_ANALYST)),
                    login("registrar", atCountyHospital(Profession.ADMINISTRATIVE_STAFF),
                            new Membership(COUNTY_HOSPITAL, Role.REGISTRAR)),
                    // a county specialist who also holds clinics at a township centre (医共体 下沉)
                    login("doctor", p -> atCountyHospital(Profession.PHYSICIAN).test(p) && "心血管内科".equals(p.specialty()),
                            new Membership(COUNTY_HOSPITAL, Role.DOCTOR), new Membership(qingshiCentre, Role.DOCTOR)),
                    login("nurse", atCountyHospital(Profession.NURSE), new Membership(COUNTY_HOSPITAL, Role.NURSE)),
                    login("familydoctor", p -> p.organisationCode().equals(qingshiCentre) && "全科医学科".equals(p.specialty()),
                            new Membership(qingshiCentre, Role.FAMILY_DOCTOR), new Membership(liuxiClinic, Role.FAMILY_DOCTOR)),
                    login("ecgreader", p -> atCountyHospital(Profession.PHYSICIAN).test(p) && "心电诊断".equals(p.specialty()),
                            new Membership(COUNTY_HOSPITAL, Role.ECG_READER)),
                    // a second reader of the county ECG centre, so that two can share (and race for) the worklist
                    login("ecgreader2", secondOf(p -> atCountyHospital(Profession.PHYSICIAN).test(p)
                            && "心电诊断".equals(p.specialty())), new Membership(COUNTY_HOSPITAL, Role.ECG_READER)),
                    login("pharmacist", atCountyHospital(Profession.PHARMACIST),
                            new Membership(COUNTY_HOSPITAL, Role.PHARMACIST)),
                    login("labtech", atCountyHospital(Profession.LAB_TECHNICIAN),
                            new Membership(COUNTY_HOSPITAL, Role.LAB_TECHNICIAN)),
                    login("phworker", p -> p.organisationCode().equals(CDC) && p.profession() == Profession.PUBLIC_HEALTH_PHYSICIAN,
                            new Membership(CDC, Role.PUBLIC_HEALTH_WORKER)));
        }

        /** Matches only the second practitioner {@code who} matches, in plan order. */
        private Predicate<NewPractitioner> secondOf(Predicate<NewPractitioner> who) {
            String key = practitioners.stream().filter(who).skip(1).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no second practitioner")).key();
            return p -> p.key().equals(key);
        }

        private static Predicate<NewPractitioner> atCountyHospital(Profession profession) {
            return p -> p.organisationCode().equals(COUNTY_HOSPITAL) && p.profession() == profession;
        }

        private DemoLogin login(String username, Predicate<NewPractitioner> who, Membership... memberships) {
            NewPractitioner practitioner = practitioners.stream().filter(who).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no practitioner for demo login " + username));
            return new DemoLogin(username, practitioner.key(), practitioner.name(), List.of(memberships));
        }

        private double jitter(double spread) {
            return (random.nextDouble() * 2 - 1) * spread;
        }

        private static BigDecimal coordinate(double value) {
            return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP);
        }

        private String licenceNumber(Profession profession) {
            if (profession == Profession.ADMINISTRATIVE_STAFF) {
                return null;
            }
            // 15 digits: profession digit, county code, year of first registration, serial
            licenceSerial++;
            return "%d%s%04d%04d".formatted(profession.ordinal() + 1, DemoCounty.DIVISION_CODE,
                    1990 + random.nextInt(35), licenceSerial);
        }

        /** Adds the staff of one organisation, numbering them 0001, 0002, … */
        private final class Staffing {

            private final String organisationCode;
            private int employees;

            Staffing(String organisationCode) {
                this.organisationCode = organisationCode;
                this.employees = (int) practitioners.stream()
                        .filter(p -> p.organisationCode().equals(organisationCode)).count();
            }

            Staffing add(Profession profession, int count, double maleShare, List<String> titles, String... specialties) {
                for (int i = 0; i < count; i++) {
                    boolean male = random.nextDouble() < maleShare;
                    employees++;
                    practitioners.add(new NewPractitioner(ChineseNames.fullName(random, male), male ? 1 : 2, profession,
                            titles.get(random.nextInt(titles.size())), specialties[i % specialties.length],
                            licenceNumber(profession), "%04d".formatted(employees), organisationCode));
                }
                return this;
            }
        }
    }

    /** Senior titles are rarer: the lists repeat the common ones. */
    private static final List<String> PHYSICIAN_TITLES = titles("主任医师", "副主任医师", "副主任医师", "主治医师", "主治医师",
            "主治医师", "主治医师", "医师", "医师", "医师");
    private static final List<String> NURSE_TITLES = titles("副主任护师", "主管护师", "主管护师", "主管护师", "护师", "护师",
            "护师", "护士", "护士");

    private static List<String> titles(String... titles) {
        return List.of(titles);
    }
}
