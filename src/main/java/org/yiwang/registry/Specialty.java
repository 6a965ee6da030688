package org.yiwang.registry;

import java.util.Arrays;
import java.util.Optional;

/**
 * Clinical specialties, coded after the 诊疗科目名录 (卫医发〔1994〕27号): two-digit subjects (02 全科医疗科) and
 * four-digit sub-specialties (03.04 心血管内科专业). The codes are reproduced from memory of the catalogue and
 * should be checked against the published list before exchanging them with provincial platforms.
 */
public enum Specialty {
    PREVENTIVE_CARE("01", "预防保健科"),
    GENERAL_PRACTICE("02", "全科医疗科"),
    INTERNAL_MEDICINE("03", "内科"),
    RESPIRATORY("03.01", "呼吸内科专业"),
    GASTROENTEROLOGY("03.02", "消化内科专业"),
    NEUROLOGY("03.03", "神经内科专业"),
    CARDIOLOGY("03.04", "心血管内科专业"),
    NEPHROLOGY("03.06", "肾病学专业"),
    ENDOCRINOLOGY("03.07", "内分泌专业"),
    GERIATRICS("03.10", "老年病专业"),
    SURGERY("04", "外科"),
    GENERAL_SURGERY("04.01", "普通外科专业"),
    ORTHOPAEDICS("04.03", "骨科专业"),
    OBSTETRICS_GYNAECOLOGY("05", "妇产科"),
    WOMENS_HEALTH("06", "妇女保健科"),
    PAEDIATRICS("07", "儿科"),
    CHILD_HEALTH("09", "儿童保健科"),
    PSYCHIATRY("15", "精神科"),
    INFECTIOUS_DISEASES("16", "传染科"),
    EMERGENCY_MEDICINE("20", "急诊医学科"),
    REHABILITATION("21", "康复医学科"),
    CRITICAL_CARE("28", "重症医学科"),
    LABORATORY_MEDICINE("30", "医学检验科"),
    MEDICAL_IMAGING("32", "医学影像科"),
    ULTRASOUND_DIAGNOSIS("32.06", "超声诊断专业"),
    ECG_DIAGNOSIS("32.07", "心电诊断专业"),
    TCM("50", "中医科"),
    INTEGRATED_MEDICINE("52", "中西医结合科");

    private final String code;
    private final String nameZh;

    Specialty(String code, String nameZh) {
        this.code = code;
        this.nameZh = nameZh;
    }

    /** The catalogue code, e.g. {@code 03.04}. */
    public String code() {
        return code;
    }

    public String nameZh() {
        return nameZh;
    }

    public String messageKey() {
        return "registry.specialty." + name();
    }

    public static Optional<Specialty> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
