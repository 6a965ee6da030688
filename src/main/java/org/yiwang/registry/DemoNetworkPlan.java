package org.yiwang.registry;

import static org.yiwang.registry.ServiceCode.*;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The network facts of the demo county derived from its {@link DemoCountyPlan}: services and beds per organisation,
 * the 医共体, 医联体 and hospital group, practitioners' specialties and visiting sites, and one family-doctor team per
 * township centre covering its village clinics. Pure and deterministic.
 */
record DemoNetworkPlan(Map<String, Set<ServiceCode>> services, Map<String, Integer> beds, List<Consortium> consortia,
        Map<String, List<Specialty>> specialties, List<Site> sites, List<Team> teams) {

    record Consortium(String code, String nameZh, String nameEn, ConsortiumType type, Map<String, ConsortiumRole> members) {
    }

    record Site(String practitionerKey, String organisationCode, PracticeRole role) {
    }

    record Team(String nameZh, String nameEn, String baseCode, List<String> coveredCodes,
            Map<String, CareTeamRole> members) {
    }

    /** Department (科室) of the demo staff to 诊疗科目 specialties. */
    private static final Map<String, List<Specialty>> DEPARTMENT_SPECIALTIES = Map.ofEntries(
            Map.entry("心血管内科", List.of(Specialty.INTERNAL_MEDICINE, Specialty.CARDIOLOGY)),
            Map.entry("呼吸内科", List.of(Specialty.INTERNAL_MEDICINE, Specialty.RESPIRATORY)),
            Map.entry("消化内科", List.of(Specialty.INTERNAL_MEDICINE, Specialty.GASTROENTEROLOGY)),
            Map.entry("内分泌科", List.of(Specialty.INTERNAL_MEDICINE, Specialty.ENDOCRINOLOGY)),
            Map.entry("神经内科", List.of(Specialty.INTERNAL_MEDICINE, Specialty.NEUROLOGY)),
            Map.entry("肾内科", List.of(Specialty.INTERNAL_MEDICINE, Specialty.NEPHROLOGY)),
            Map.entry("普外科", List.of(Specialty.SURGERY, Specialty.GENERAL_SURGERY)),
            Map.entry("骨科", List.of(Specialty.SURGERY, Specialty.ORTHOPAEDICS)),
            Map.entry("妇产科", List.of(Specialty.OBSTETRICS_GYNAECOLOGY)),
            Map.entry("儿科", List.of(Specialty.PAEDIATRICS)),
            Map.entry("儿童保健科", List.of(Specialty.CHILD_HEALTH)),
            Map.entry("急诊科", List.of(Specialty.EMERGENCY_MEDICINE)),
            Map.entry("全科医学科", List.of(Specialty.GENERAL_PRACTICE)),
            Map.entry("全科", List.of(Specialty.GENERAL_PRACTICE)),
            Map.entry("重症医学科", List.of(Specialty.CRITICAL_CARE)),
            Map.entry("医学影像科", List.of(Specialty.MEDICAL_IMAGING)),
            Map.entry("心电诊断", List.of(Specialty.MEDICAL_IMAGING, Specialty.ECG_DIAGNOSIS)),
            Map.entry("中医内科", List.of(Specialty.TCM)),
            Map.entry("针灸科", List.of(Specialty.TCM)),
            Map.entry("推拿科", List.of(Specialty.TCM, Specialty.REHABILITATION)),
            Map.entry("中医骨伤科", List.of(Specialty.TCM)),
            Map.entry("中医科", List.of(Specialty.TCM)),
            Map.entry("内科", List.of(Specialty.INTERNAL_MEDICINE)),
            Map.entry("检验科", List.of(Specialty.LABORATORY_MEDICINE)),
            Map.entry("公共卫生科", List.of(Specialty.PREVENTIVE_CARE)),
            Map.entry("传染病防制", List.of(Specialty.PREVENTIVE_CARE, Specialty.INFECTIOUS_DISEASES)),
            Map.entry("免疫规划", List.of(Specialty.PREVENTIVE_CARE)),
            Map.entry("慢性病防制", List.of(Specialty.PREVENTIVE_CARE)),
            Map.entry("健康教育", List.of(Specialty.PREVENTIVE_CARE)));

    static DemoNetworkPlan of(DemoCountyPlan county) {
        List<NewOrganisation> organisations = county.organisations();
        List<NewPractitioner> staff = county.practitioners();
        Map<String, Set<ServiceCode>> services = new LinkedHashMap<>();
        Map<String, Integer> beds = new LinkedHashMap<>();
        services.put(DemoCountyPlan.COUNTY_HOSPITAL, EnumSet.of(ECG_READING, CT, MRI, DIGITAL_RADIOGRAPHY, ULTRASOUND,
                LABORATORY, HAEMODIALYSIS, INTERNET_HOSPITAL, MATERNITY, PAEDIATRICS, EMERGENCY, CHEST_PAIN_CENTRE,
                STROKE_CENTRE, REHABILITATION, PHARMACY_DISPENSING, MENTAL_HEALTH, REMOTE_CONSULTATION));
        beds.put(DemoCountyPlan.COUNTY_HOSPITAL, 620);
        services.put(DemoCountyPlan.TCM_HOSPITAL, EnumSet.of(TCM, REHABILITATION, DIGITAL_RADIOGRAPHY, ULTRASOUND,
                LABORATORY, PHARMACY_DISPENSING, ECG_READING));
        beds.put(DemoCountyPlan.TCM_HOSPITAL, 280);
        services.put(DemoCountyPlan.MCH_HOSPITAL, EnumSet.of(MATERNITY, PAEDIATRICS, ULTRASOUND, LABORATORY,
                VACCINATION, PHARMACY_DISPENSING));
        beds.put(DemoCountyPlan.MCH_HOSPITAL, 120);
        services.put(DemoCountyPlan.CDC, EnumSet.of(LABORATORY, VACCINATION));
        services.put(DemoCountyPlan.CITY_HOSPITAL, EnumSet.of(ECG_READING, CT, MRI, DIGITAL_RADIOGRAPHY, ULTRASOUND,
                LABORATORY, HAEMODIALYSIS, INTERNET_HOSPITAL, EMERGENCY, CHEST_PAIN_CENTRE, STROKE_CENTRE,
                MENTAL_HEALTH, REMOTE_CONSULTATION, PHARMACY_DISPENSING));
        beds.put(DemoCountyPlan.CITY_HOSPITAL, 1800);
        List<String> centres = codes(organisations, OrganisationType.TOWNSHIP_HEALTH_CENTRE);
        List<String> clinics = codes(organisations, OrganisationType.VILLAGE_CLINIC);
        for (int t = 0; t < centres.size(); t++) {
            Set<ServiceCode> offered = EnumSet.of(GENERAL_PRACTICE, LABORATORY, DIGITAL_RADIOGRAPHY, VACCINATION,
                    PHARMACY_DISPENSING, TCM);
            if (t % 2 == 0) {
                offered.add(ULTRASOUND);
            }
            if (t == 0 || t == 1) {
                // the two largest centres host chest-pain units with ECG carts
                offered.add(EMERGENCY);
            }
            services.put(centres.get(t), offered);
            beds.put(centres.get(t), 30 + 10 * (t % 4));
        }
        clinics.forEach(code -> services.put(code, EnumSet.of(GENERAL_PRACTICE, PHARMACY_DISPENSING)));

        List<Consortium> consortia = new ArrayList<>();
        Map<String, ConsortiumRole> community = new LinkedHashMap<>();
        community.put(DemoCountyPlan.COUNTY_HOSPITAL, ConsortiumRole.LEAD);
        community.put(DemoCountyPlan.TCM_HOSPITAL, ConsortiumRole.MEMBER);
        community.put(DemoCountyPlan.MCH_HOSPITAL, ConsortiumRole.MEMBER);
        centres.forEach(code -> community.put(code, ConsortiumRole.MEMBER));
        clinics.forEach(code -> community.put(code, ConsortiumRole.MEMBER));
        consortia.add(new Consortium("519921-YGT", "清水县人民医院医共体", "Qingshui County Medical Community",
                ConsortiumType.MEDICAL_COMMUNITY, community));
        Map<String, ConsortiumRole> alliance = new LinkedHashMap<>();
        alliance.put(DemoCountyPlan.CITY_HOSPITAL, ConsortiumRole.LEAD);
        alliance.put(DemoCountyPlan.COUNTY_HOSPITAL, ConsortiumRole.MEMBER);
        alliance.put(DemoCountyPlan.MCH_HOSPITAL, ConsortiumRole.MEMBER);
        consortia.add(new Consortium("519900-YLT", "清源市中心医院医联体", "Qingyuan City Central Hospital Medical Alliance",
                ConsortiumType.MEDICAL_ALLIANCE, alliance));
        Map<String, ConsortiumRole> group = new LinkedHashMap<>();
        group.put(DemoCountyPlan.TCM_HOSPITAL, ConsortiumRole.LEAD);
        group.put(centres.get(2), ConsortiumRole.BRANCH);
        group.put(centres.get(4), ConsortiumRole.BRANCH);
        consortia.add(new Consortium("519921-ZYJT", "清水县中医医院集团", "Qingshui County TCM Hospital Group",
                ConsortiumType.HOSPITAL_GROUP, group));

        Map<String, List<Specialty>> specialties = new LinkedHashMap<>();
        for (NewPractitioner p : staff) {
            if (p.profession() != Profession.NURSE && p.profession() != Profession.ADMINISTRATIVE_STAFF
                    && p.profession() != Profession.PHARMACIST) {
                List<Specialty> list = DEPARTMENT_SPECIALTIES.get(p.specialty());
                if (list != null) {
                    specialties.put(p.key(), list);
                }
            }
        }

        List<Site> sites = new ArrayList<>();
        String qingshiCentre = DemoCountyPlan.townshipCentreCode(1);
        DemoCountyPlan.DemoLogin doctor = county.logins().stream().filter(l -> l.username().equals("doctor"))
                .findFirst().orElseThrow();
        sites.add(new Site(doctor.practitionerKey(), qingshiCentre, PracticeRole.VISITING));

        List<Team> teams = new ArrayList<>();
        for (String centre : centres) {
            NewOrganisation base = organisations.stream().filter(o -> o.code().equals(centre)).findFirst().orElseThrow();
            List<String> covered = organisations.stream()
                    .filter(o -> o.type() == OrganisationType.VILLAGE_CLINIC && centre.equals(o.parentCode()))
                    .map(NewOrganisation::code).toList();
            Map<String, CareTeamRole> members = new LinkedHashMap<>();
            members.put(first(staff, at(centre, Profession.PHYSICIAN).and(p -> "全科医学科".equals(p.specialty()))), CareTeamRole.LEAD_DOCTOR);
            members.put(first(staff, at(centre, Profession.NURSE)), CareTeamRole.NURSE);
            members.put(first(staff, at(centre, Profession.PUBLIC_HEALTH_PHYSICIAN)), CareTeamRole.PUBLIC_HEALTH);
            for (String clinic : covered) {
                members.put(first(staff, at(clinic, Profession.VILLAGE_DOCTOR)), CareTeamRole.VILLAGE_DOCTOR);
            }
            if (centre.equals(qingshiCentre)) {
                members.put(doctor.practitionerKey(), CareTeamRole.SPECIALIST);
            }
            String place = base.nameZh().replace("卫生院", "");
            teams.add(new Team(place + "家庭医生团队", base.nameEn().replace(" Health Centre", "") + " family-doctor team",
                    centre, covered, members));
        }
        return new DemoNetworkPlan(services, beds, consortia, specialties, sites, teams);
    }

    private static List<String> codes(List<NewOrganisation> organisations, OrganisationType type) {
        return organisations.stream().filter(o -> o.type() == type).map(NewOrganisation::code).sorted().toList();
    }

    private static Predicate<NewPractitioner> at(String organisationCode, Profession profession) {
        return p -> p.organisationCode().equals(organisationCode) && p.profession() == profession;
    }

    private static String first(List<NewPractitioner> staff, Predicate<NewPractitioner> who) {
        Optional<NewPractitioner> found = staff.stream().filter(who).findFirst();
        return found.orElseThrow(() -> new IllegalStateException("demo county lacks a team member")).key();
    }
}
