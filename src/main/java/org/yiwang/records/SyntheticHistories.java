package org.yiwang.records;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.yiwang.records.EntryDetails.AllergyCategory;
import org.yiwang.records.EntryDetails.Criticality;
import org.yiwang.records.EntryDetails.DiagnosisRole;
import org.yiwang.records.EntryDetails.EncounterClass;

/**
 * Realistic clinical histories for synthetic residents (the demo county and the load command): chronic patients
 * with years of follow-up readings and prescriptions, annual checks of the elderly with lab panels and reports,
 * childhood vaccinations by the national schedule, acute visits, a few inpatient stays with discharge summaries,
 * allergies. Pure and deterministic: the same resident, seed and day give the same history.
 *
 * <p>Entries that belong to an encounter of the same history carry a local {@code encounterId}: minus one
 * minus the encounter's index in the returned list ({@link #localEncounterReference}); the loader swaps in the real id.
 */
final class SyntheticHistories {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String SOURCE_SYSTEM = "urn:yiwang:synthetic";

    /** The organisations a resident uses: village clinic, township centre, county hospital; authors per organisation. */
    record Sites(long villageClinic, long townshipCentre, long countyHospital, List<Long> villageAuthors,
                 List<Long> townshipAuthors, List<Long> hospitalAuthors) {
    }

    /** Who the history is for. */
    record Person(long residentId, boolean female, LocalDate birthDate, boolean showcase) {
    }

    private final ObservationCatalogue catalogue;
    private final LocalDate today;

    SyntheticHistories(ObservationCatalogue catalogue, LocalDate today) {
        this.catalogue = catalogue;
        this.today = today;
    }

    static long localEncounterReference(int index) {
        return -1L - index;
    }

    static int localEncounterIndex(long encounterId) {
        return (int) (-1L - encounterId);
    }

    /** The history of one resident; empty for most young adults, as in life. */
    List<NewEntry> historyOf(Person person, Sites sites, long seed) {
        History h = new History(person, sites, new Random(seed * 1_000_003L + person.residentId()));
        int age = Period.between(person.birthDate(), today).getYears();
        Random r = h.random;
        if (age < 7) {
            h.vaccinations();
        }
        boolean hypertension = person.showcase() || age >= 35 && r.nextDouble() < (age < 45 ? 0.08 : age < 55 ? 0.18 : age < 65 ? 0.30 : 0.40);
        boolean diabetes = person.showcase() || age >= 35 && r.nextDouble() < (age < 50 ? 0.05 : age < 65 ? 0.10 : 0.15);
        if (age >= 15 && r.nextDouble() < 0.06) {
            h.allergy();
        }
        if (age >= 15) {
            int visits = r.nextDouble() < 0.45 ? 1 + r.nextInt(3) : 0;
            for (int i = 0; i < visits; i++) {
                h.acuteVisit();
            }
        }
        if (hypertension || diabetes) {
            h.chronicCare(hypertension, diabetes, Math.min(age - 30, 2 + r.nextInt(8)), 4, 3);
        }
        if (age >= 65 || person.showcase()) {
            for (int yearsAgo = 2; yearsAgo >= 0; yearsAgo--) {
                h.annualCheck(yearsAgo);
            }
        }
        if (person.showcase() || age >= 30 && r.nextDouble() < (age >= 65 ? 0.08 : 0.03)) {
            h.inpatientStay();
        }
        if (age >= 18 && r.nextDouble() < 0.006) {
            h.mentalHealth();
        }
        return h.entries;
    }

    /**
     * A long history of about 500 items — five years of monthly follow-ups of hypertension and diabetes, annual
     * checks and a hospital stay — for benchmarking the record of the county's heaviest users.
     */
    List<NewEntry> heavyHistoryOf(Person person, Sites sites, long seed) {
        History h = new History(person, sites, new Random(seed * 1_000_003L + person.residentId()));
        h.allergy();
        h.chronicCare(true, true, 10, 5, 1);
        for (int yearsAgo = 5; yearsAgo >= 0; yearsAgo--) {
            h.annualCheck(yearsAgo);
        }
        h.inpatientStay();
        return h.entries;
    }

    private final class History {

        final Person person;
        final Sites sites;
        final Random random;
        final List<NewEntry> entries = new ArrayList<>();

        History(Person person, Sites sites, Random random) {
            this.person = person;
            this.sites = sites;
            this.random = random;
        }

        // --- building blocks -------------------------------------------------------------------------------

        Instant at(LocalDate day, int hour, int minute) {
            LocalDate d = day.isAfter(today) ? today : day;
            return LocalDateTime.of(d, java.time.LocalTime.of(hour, minute)).atZone(CHINA).toInstant();
        }

        Instant daytime(LocalDate day) {
            return at(day, 8 + random.nextInt(9), random.nextInt(60));
        }

        Long author(long organisation) {
            List<Long> authors = organisation == sites.villageClinic() ? sites.villageAuthors()
                    : organisation == sites.townshipCentre() ? sites.townshipAuthors() : sites.hospitalAuthors();
            return authors.isEmpty() ? null : authors.get(random.nextInt(authors.size()));
        }

        long encounter(long organisation, EncounterClass type, Instant start, Instant end, String department,
                       String reason, String disposition, Long author) {
            String display = switch (type) {
                case OUTPATIENT -> "门诊";
                case INPATIENT -> "住院";
                case EMERGENCY -> "急诊";
                case ONLINE -> "互联网诊疗";
                case HOME_VISIT -> "家庭访视";
            };
            entries.add(entry(EntryKind.ENCOUNTER, null, new Coding(Coding.LOCAL, type.name(), display), null,
                    "finished", start, end, null, new EntryDetails.Encounter(type, department, reason, disposition),
                    organisation, author));
            return localEncounterReference(entries.size() - 1);
        }

        void diagnosis(long encounter, long organisation, Instant at, String icd, String name, DiagnosisRole role,
                       String status, Long author) {
            entries.add(entry(EntryKind.CONDITION, encounter, new Coding(Coding.ICD10, icd, name), null, status, at,
                    null, null, new EntryDetails.Condition(role, at.atZone(CHINA).toLocalDate(), null), organisation,
                    author));
        }

        void result(long encounter, long organisation, Instant at, String loinc, double value, int scale, Long author) {
            ObservationType type = catalogue.find(loinc).orElseThrow(() -> new IllegalStateException("not in catalogue: " + loinc));
            entries.add(entry(EntryKind.OBSERVATION, encounter, new Coding(Coding.LOINC, loinc, type.chineseName()),
                    type.category(), "final", at, null, new Quantity(decimal(value, scale), type.unit()),
                    new EntryDetails.Observation(List.of(), type.category().equals("laboratory") ? "血清" : null, null),
                    organisation, author));
        }

        void bloodPressure(long encounter, long organisation, Instant at, int systolic, int diastolic, Long author) {
            entries.add(entry(EntryKind.OBSERVATION, encounter, new Coding(Coding.LOINC, "85354-9", "血压"), "vital-signs",
                    "final", at, null, null, new EntryDetails.Observation(List.of(
                            component("8480-6", systolic), component("8462-4", diastolic)), null, "电子血压计"),
                    organisation, author));
        }

        EntryDetails.Component component(String loinc, int value) {
            ObservationType type = catalogue.find(loinc).orElseThrow();
            return new EntryDetails.Component(new Coding(Coding.LOINC, loinc, type.chineseName()),
                    new Quantity(BigDecimal.valueOf(value), type.unit()), null, null);
        }

        void prescription(long encounter, long organisation, Instant at, String drug, String name, String dose,
                          String doseUnit, String frequency, int days, int quantity, String unit, Long author) {
            boolean running = at.plus(java.time.Duration.ofDays(days)).isAfter(at(today, 0, 0));
            entries.add(entry(EntryKind.MEDICATION_REQUEST, encounter, new Coding(Coding.LOCAL, drug, name), null,
                    running ? "active" : "completed", at, null, null,
                    new EntryDetails.MedicationRequest(Quantity.of(dose, doseUnit), "口服", frequency, days,
                            Quantity.of(Integer.toString(quantity), unit)), organisation, author));
        }

        void report(long encounter, long organisation, Instant at, String category, String loinc, String name,
                    String findings, String conclusion, List<NewAttachment> files, Long author) {
            entries.add(new NewEntry(person.residentId(), EntryKind.DIAGNOSTIC_REPORT, encounter,
                    new Coding(Coding.LOINC, loinc, name), category, "final", at, null, null, null, null, null,
                    new EntryDetails.Report(findings, conclusion, List.of(), null), organisation, author,
                    SOURCE_SYSTEM, sourceId(), files));
        }

        NewEntry entry(EntryKind kind, Long encounter, Coding code, String category, String status, Instant at,
                       Instant end, Quantity value, EntryDetails details, long organisation, Long author) {
            return new NewEntry(person.residentId(), kind, encounter, code, category, status, at, end, value, null,
                    null, null, details, organisation, author, SOURCE_SYSTEM, sourceId(), List.of());
        }

        String sourceId() {
            return person.residentId() + "-" + entries.size();
        }

        double around(double mean, double spread) {
            return mean + random.nextGaussian() * spread;
        }

        // --- the stories -------------------------------------------------------------------------------------

        void vaccinations() {
            // 国家免疫规划疫苗儿童免疫程序 (2021): vaccine, dose, age in months
            Object[][] schedule = {
                    {"HepB", "乙肝疫苗", 1, 0}, {"BCG", "卡介苗", 1, 0}, {"HepB", "乙肝疫苗", 2, 1},
                    {"IPV", "脊灰灭活疫苗", 1, 2}, {"IPV", "脊灰灭活疫苗", 2, 3}, {"DTaP", "百白破疫苗", 1, 3},
                    {"bOPV", "脊灰减毒活疫苗", 1, 4}, {"DTaP", "百白破疫苗", 2, 4}, {"DTaP", "百白破疫苗", 3, 5},
                    {"HepB", "乙肝疫苗", 3, 6}, {"MPSV-A", "A群流脑多糖疫苗", 1, 6}, {"MMR", "麻腮风疫苗", 1, 8},
                    {"JE-L", "乙脑减毒活疫苗", 1, 8}, {"MPSV-A", "A群流脑多糖疫苗", 2, 9}, {"DTaP", "百白破疫苗", 4, 18},
                    {"MMR", "麻腮风疫苗", 2, 18}, {"HepA-L", "甲肝减毒活疫苗", 1, 18}, {"JE-L", "乙脑减毒活疫苗", 2, 24},
                    {"MPSV-AC", "A群C群流脑多糖疫苗", 1, 36}, {"bOPV", "脊灰减毒活疫苗", 2, 48},
                    {"MPSV-AC", "A群C群流脑多糖疫苗", 2, 72}, {"DT", "白破疫苗", 1, 72}};
            for (Object[] dose : schedule) {
                LocalDate day = person.birthDate().plusMonths((Integer) dose[3]).plusDays(random.nextInt(10));
                if (!day.isBefore(today)) {
                    continue;
                }
                long site = (Integer) dose[3] == 0 ? sites.countyHospital() : sites.townshipCentre();
                entries.add(entry(EntryKind.IMMUNIZATION, null, new Coding(Coding.VACCINE, (String) dose[0], (String) dose[1]),
                        null, "completed", daytime(day), null, null,
                        new EntryDetails.Immunization("20" + (10 + random.nextInt(90)) + "%04d".formatted(random.nextInt(10_000)),
                                null, (Integer) dose[2], (Integer) dose[3] == 0 ? "左上臂" : "右上臂", "肌内注射"),
                        site, author(site)));
            }
        }

        void allergy() {
            double pick = random.nextDouble();
            String[] allergen = pick < 0.55 ? new String[] {"penicillin", "青霉素", "MEDICATION"}
                    : pick < 0.75 ? new String[] {"sulfonamide", "磺胺类药物", "MEDICATION"}
                    : pick < 0.9 ? new String[] {"seafood", "海鲜", "FOOD"} : new String[] {"pollen", "花粉", "ENVIRONMENT"};
            boolean severe = random.nextDouble() < 0.2;
            LocalDate day = today.minusDays(200 + random.nextInt(3000));
            long site = sites.townshipCentre();
            entries.add(entry(EntryKind.ALLERGY, null, new Coding(Coding.LOCAL, allergen[0], allergen[1]), null,
                    "active", daytime(day), null, null, new EntryDetails.Allergy(AllergyCategory.valueOf(allergen[2]),
                            severe ? Criticality.HIGH : Criticality.LOW, severe ? "过敏性休克" : "皮疹、瘙痒"),
                    site, author(site)));
        }

        void acuteVisit() {
            String[][] illnesses = {
                    {"J06.9", "急性上呼吸道感染", "咳嗽、咽痛2天"}, {"K29.7", "胃炎", "上腹部不适1周"},
                    {"M54.5", "腰痛", "腰痛3天"}, {"J20.9", "急性支气管炎", "咳嗽咳痰5天"}, {"L30.9", "皮炎", "皮肤瘙痒"}};
            String[] illness = illnesses[random.nextInt(illnesses.length)];
            LocalDate day = today.minusDays(3 + random.nextInt(3 * 365));
            long site = random.nextBoolean() ? sites.villageClinic() : sites.townshipCentre();
            Long doctor = author(site);
            Instant at = daytime(day);
            long visit = encounter(site, EncounterClass.OUTPATIENT, at, at.plusSeconds(900), "全科", illness[2], null, doctor);
            diagnosis(visit, site, at, illness[0], illness[1], DiagnosisRole.PRIMARY, "resolved", doctor);
            if (illness[0].startsWith("J")) {
                result(visit, site, at, "8310-5", around(37.6, 0.5), 1, doctor);
            }
        }

        void chronicCare(boolean hypertension, boolean diabetes, int yearsSinceDiagnosis, int followUpYears,
                         int intervalMonths) {
            LocalDate diagnosed = today.minusYears(Math.max(1, yearsSinceDiagnosis)).minusDays(random.nextInt(300));
            long township = sites.townshipCentre();
            Long townshipDoctor = author(township);
            Instant first = daytime(diagnosed);
            long visit = encounter(township, EncounterClass.OUTPATIENT, first, first.plusSeconds(1200), "慢病门诊",
                    "体检发现血压、血糖异常", null, townshipDoctor);
            if (hypertension) {
                diagnosis(visit, township, first, "I10", "特发性（原发性）高血压", DiagnosisRole.CHRONIC, "active", townshipDoctor);
                bloodPressure(visit, township, first, (int) around(156, 8), (int) around(96, 5), townshipDoctor);
            }
            if (diabetes) {
                diagnosis(visit, township, first, "E11.9", "2型糖尿病，无并发症", DiagnosisRole.CHRONIC, "active", townshipDoctor);
                result(visit, township, first, "1558-6", around(9.2, 1.2), 1, townshipDoctor);
                result(visit, township, first, "4548-4", around(8.1, 0.7), 1, townshipDoctor);
            }
            // quarterly follow-ups by the village doctor (HTN-05, DM-03) for the last four years at most
            LocalDate start = diagnosed.plusMonths(intervalMonths).isBefore(today.minusYears(followUpYears))
                    ? today.minusYears(followUpYears) : diagnosed.plusMonths(intervalMonths);
            double control = 0;
            int quarter = 0;
            for (LocalDate day = start; day.isBefore(today);
                 day = day.plusMonths(intervalMonths).plusDays(random.nextInt(15) - 7)) {
                quarter++;
                control = Math.min(1, control + 0.45 / intervalMonths);
                long clinic = sites.villageClinic();
                Long doctor = author(clinic);
                Instant at = daytime(day);
                long followUp = encounter(clinic, random.nextDouble() < 0.4 ? EncounterClass.HOME_VISIT : EncounterClass.OUTPATIENT,
                        at, at.plusSeconds(900), "公共卫生", "慢病随访", null, doctor);
                if (hypertension) {
                    int systolic = (int) Math.round(around(156 - 20 * control, 8));
                    int diastolic = (int) Math.round(around(96 - 12 * control, 5));
                    bloodPressure(followUp, clinic, at, systolic, diastolic, doctor);
                    result(followUp, clinic, at, "8867-4", around(76, 8), 0, doctor);
                    prescription(followUp, clinic, at, "amlodipine", "苯磺酸氨氯地平片", "5", "mg", "每日一次", 90, 90, "片", doctor);
                }
                if (diabetes) {
                    result(followUp, clinic, at, "1558-6", Math.max(4.2, around(9.2 - 2.4 * control, 0.9)), 1, doctor);
                    prescription(followUp, clinic, at, "metformin", "盐酸二甲双胍片", "0.5", "g", "每日两次", 90, 180, "片", doctor);
                    if (quarter % Math.max(1, 6 / intervalMonths) == 0) {
                        result(followUp, township, at, "4548-4", Math.max(5.0, around(8.1 - 1.4 * control, 0.5)), 1, townshipDoctor);
                    }
                }
                if (quarter % Math.max(1, 12 / intervalMonths) == 0) {
                    result(followUp, clinic, at, "29463-7", around(person.female() ? 60 : 70, 6), 1, doctor);
                }
            }
        }

        void annualCheck(int yearsAgo) {
            LocalDate day = today.minusYears(yearsAgo).withDayOfYear(1).plusDays(60 + random.nextInt(200));
            if (!day.isBefore(today)) {
                return;
            }
            long township = sites.townshipCentre();
            Long doctor = author(township);
            Instant at = at(day, 8, random.nextInt(50));
            long check = encounter(township, EncounterClass.OUTPATIENT, at, at.plusSeconds(3600), "体检中心",
                    "老年人健康体检", null, doctor);
            double height = around(person.female() ? 155 : 166, 5);
            double weight = around(person.female() ? 58 : 66, 8);
            bloodPressure(check, township, at, (int) around(138, 12), (int) around(84, 7), doctor);
            result(check, township, at, "8867-4", around(74, 8), 0, doctor);
            result(check, township, at, "8302-2", height, 1, doctor);
            result(check, township, at, "29463-7", weight, 1, doctor);
            result(check, township, at, "39156-5", weight / (height / 100) / (height / 100), 1, doctor);
            Instant lab = at.plusSeconds(3 * 3600);
            result(check, township, lab, "1558-6", around(5.8, 0.9), 1, doctor);
            result(check, township, lab, "2093-3", around(5.0, 0.8), 2, doctor);
            result(check, township, lab, "2571-8", Math.max(0.4, around(1.6, 0.6)), 2, doctor);
            result(check, township, lab, "13457-7", around(3.0, 0.6), 2, doctor);
            result(check, township, lab, "2085-9", around(1.3, 0.25), 2, doctor);
            result(check, township, lab, "2160-0", around(person.female() ? 70 : 85, 15), 0, doctor);
            result(check, township, lab, "1742-6", Math.max(8, around(24, 9)), 0, doctor);
            result(check, township, lab, "718-7", around(person.female() ? 128 : 142, 12), 0, doctor);
            result(check, township, lab, "6690-2", around(6.2, 1.4), 1, doctor);
            result(check, township, lab, "777-3", around(220, 50), 0, doctor);
            report(check, township, at.plusSeconds(1800), "ULTRASOUND", "24558-9", "腹部超声",
                    "肝脏大小形态正常，实质回声均匀；胆囊壁光滑；双肾未见明显异常。",
                    random.nextDouble() < 0.25 ? "脂肪肝（轻度）" : "肝胆脾胰双肾未见明显异常", List.of(), doctor);
            report(check, township, at.plusSeconds(2400), "ECG", "11524-6", "十二导联心电图",
                    "心率" + (int) around(72, 8) + "次/分，PR 0.16s，QRS 0.09s，QTc 0.42s",
                    random.nextDouble() < 0.15 ? "窦性心律，ST-T改变" : "窦性心律，正常心电图", List.of(), doctor);
        }

        void inpatientStay() {
            String[][] reasons = {
                    {"J18.9", "肺炎", "发热、咳嗽咳痰5天", "呼吸内科"}, {"I63.9", "脑梗死", "突发左侧肢体无力6小时", "神经内科"},
                    {"K80.2", "胆囊结石不伴有胆囊炎", "反复右上腹痛1年", "普外科"}, {"I20.0", "不稳定型心绞痛", "活动后胸闷胸痛2周", "心血管内科"}};
            String[] reason = reasons[random.nextInt(reasons.length)];
            LocalDate admitted = today.minusDays(30 + random.nextInt(3 * 365));
            long hospital = sites.countyHospital();
            Long doctor = author(hospital);
            Instant in = at(admitted, 10 + random.nextInt(8), random.nextInt(60));
            int days = 5 + random.nextInt(8);
            Instant out = at(admitted.plusDays(days), 10, 0);
            long stay = encounter(hospital, EncounterClass.INPATIENT, in, out, reason[3], reason[2], "出院回家", doctor);
            diagnosis(stay, hospital, in, reason[0], reason[1], DiagnosisRole.ADMISSION, "resolved", doctor);
            Instant lab = in.plusSeconds(2 * 3600);
            result(stay, hospital, lab, "6690-2", reason[0].equals("J18.9") ? around(13.5, 2) : around(7, 1.5), 1, doctor);
            result(stay, hospital, lab, "1988-5", reason[0].equals("J18.9") ? around(48, 15) : Math.max(1, around(5, 2)), 1, doctor);
            result(stay, hospital, lab, "718-7", around(person.female() ? 122 : 136, 10), 0, doctor);
            // now and then a critical potassium, so that the flag is seen in the demo
            result(stay, hospital, lab, "2823-3", random.nextDouble() < 0.15 ? 2.7 : around(4.0, 0.3), 1, doctor);
            result(stay, hospital, lab, "2951-2", around(139, 2.5), 0, doctor);
            result(stay, hospital, lab, "2160-0", around(80, 15), 0, doctor);
            String[] imaging = switch (reason[0]) {
                case "J18.9" -> new String[] {"24627-2", "胸部CT", "右肺下叶见斑片状高密度影，边界模糊。", "右肺下叶肺炎"};
                case "I63.9" -> new String[] {"24590-2", "头颅MRI", "右侧基底节区见斑片状DWI高信号。", "右侧基底节区急性脑梗死"};
                case "K80.2" -> new String[] {"24558-9", "腹部超声", "胆囊内见多个强回声团伴声影，随体位移动。", "胆囊多发结石"};
                default -> new String[] {"18745-0", "冠状动脉造影", "前降支中段狭窄约75%。", "冠状动脉粥样硬化性心脏病，单支病变"};
            };
            report(stay, hospital, in.plusSeconds(5 * 3600), reason[0].equals("I20.0") ? "IMAGING" : imaging[1].contains("超声") ? "ULTRASOUND" : "IMAGING",
                    imaging[0], imaging[1], imaging[2], imaging[3],
                    List.of(new NewAttachment(imaging[1] + "报告.pdf", "application/pdf", reportPdf(imaging[1], imaging[3]))),
                    doctor);
            if (reason[0].equals("K80.2")) {
                entries.add(entry(EntryKind.PROCEDURE, stay, new Coding(Coding.ICD9CM3, "51.23", "腹腔镜下胆囊切除术"),
                        null, "completed", in.plusSeconds(26 * 3600), null, null,
                        new EntryDetails.Procedure("胆囊", "手术顺利，术后恢复良好"), hospital, doctor));
            }
            diagnosis(stay, hospital, out, reason[0], reason[1], DiagnosisRole.DISCHARGE, "resolved", doctor);
            entries.add(entry(EntryKind.DOCUMENT, stay, new Coding(Coding.LOINC, "18842-5", "出院小结"), null, "current",
                    out, null, null, new EntryDetails.Document("出院小结", List.of(
                            new EntryDetails.Section("入院情况", "患者因“" + reason[2] + "”入院。"),
                            new EntryDetails.Section("诊疗经过", "入院后完善相关检查，予对症支持治疗，病情好转。"),
                            new EntryDetails.Section("出院诊断", reason[1]),
                            new EntryDetails.Section("出院医嘱", "注意休息，按时服药，两周后门诊复查；不适随诊。"))),
                    hospital, doctor));
        }

        void mentalHealth() {
            boolean severe = random.nextDouble() < 0.4;
            LocalDate day = today.minusDays(60 + random.nextInt(1500));
            long hospital = sites.countyHospital();
            Long doctor = author(hospital);
            Instant at = daytime(day);
            long visit = encounter(hospital, EncounterClass.OUTPATIENT, at, at.plusSeconds(1800), "精神心理科",
                    severe ? "幻听、多疑3个月" : "情绪低落、失眠2个月", null, doctor);
            diagnosis(visit, hospital, at, severe ? "F20.9" : "F32.9", severe ? "精神分裂症" : "抑郁发作",
                    DiagnosisRole.CHRONIC, "active", doctor);
        }
    }

    private static BigDecimal decimal(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }

    /** A small valid one-page PDF saying which report it is (ASCII only: no embedded CJK font). */
    static byte[] reportPdf(String title, String conclusion) {
        String text = "Yiwang synthetic report - " + Integer.toHexString(title.hashCode()) + "/"
                + Integer.toHexString(conclusion.hashCode());
        String stream = "BT /F1 14 Tf 72 760 Td (" + text + ") Tj ET";
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(o -> pdf.append("%010d 00000 n \n".formatted(o)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
