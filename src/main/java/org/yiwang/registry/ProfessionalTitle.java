package org.yiwang.registry;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Professional titles (专业技术职称) as stored in {@code practitioner.title} (the Chinese name), with the
 * professions that may hold each: a nurse cannot be a 主任医师, a pharmacist not a 主管护师.
 */
public enum ProfessionalTitle {
    CHIEF_PHYSICIAN("主任医师", Level.SENIOR, Profession.PHYSICIAN, Profession.PUBLIC_HEALTH_PHYSICIAN),
    ASSOCIATE_CHIEF_PHYSICIAN("副主任医师", Level.ASSOCIATE_SENIOR, Profession.PHYSICIAN, Profession.PUBLIC_HEALTH_PHYSICIAN),
    ATTENDING_PHYSICIAN("主治医师", Level.INTERMEDIATE, Profession.PHYSICIAN),
    /** The public-health counterpart of 主治医师. */
    SUPERVISING_PHYSICIAN("主管医师", Level.INTERMEDIATE, Profession.PUBLIC_HEALTH_PHYSICIAN),
    PHYSICIAN("医师", Level.JUNIOR, Profession.PHYSICIAN, Profession.PUBLIC_HEALTH_PHYSICIAN),
    ASSISTANT_PHYSICIAN("医士", Level.ASSISTANT, Profession.PHYSICIAN, Profession.PUBLIC_HEALTH_PHYSICIAN),
    VILLAGE_DOCTOR("乡村医生", Level.ASSISTANT, Profession.VILLAGE_DOCTOR),
    CHIEF_NURSE("主任护师", Level.SENIOR, Profession.NURSE),
    ASSOCIATE_CHIEF_NURSE("副主任护师", Level.ASSOCIATE_SENIOR, Profession.NURSE),
    SUPERVISING_NURSE("主管护师", Level.INTERMEDIATE, Profession.NURSE),
    SENIOR_NURSE("护师", Level.JUNIOR, Profession.NURSE),
    NURSE("护士", Level.ASSISTANT, Profession.NURSE),
    CHIEF_PHARMACIST("主任药师", Level.SENIOR, Profession.PHARMACIST),
    ASSOCIATE_CHIEF_PHARMACIST("副主任药师", Level.ASSOCIATE_SENIOR, Profession.PHARMACIST),
    SUPERVISING_PHARMACIST("主管药师", Level.INTERMEDIATE, Profession.PHARMACIST),
    PHARMACIST("药师", Level.JUNIOR, Profession.PHARMACIST),
    SUPERVISING_TCM_PHARMACIST("主管中药师", Level.INTERMEDIATE, Profession.PHARMACIST),
    TCM_PHARMACIST("中药师", Level.JUNIOR, Profession.PHARMACIST),
    ASSISTANT_PHARMACIST("药士", Level.ASSISTANT, Profession.PHARMACIST),
    CHIEF_TECHNICIAN("主任技师", Level.SENIOR, Profession.LAB_TECHNICIAN),
    ASSOCIATE_CHIEF_TECHNICIAN("副主任技师", Level.ASSOCIATE_SENIOR, Profession.LAB_TECHNICIAN),
    SUPERVISING_TECHNICIAN("主管技师", Level.INTERMEDIATE, Profession.LAB_TECHNICIAN),
    TECHNICIAN("技师", Level.JUNIOR, Profession.LAB_TECHNICIAN),
    ASSISTANT_TECHNICIAN("技士", Level.ASSISTANT, Profession.LAB_TECHNICIAN),
    ENGINEER("工程师", Level.INTERMEDIATE, Profession.ADMINISTRATIVE_STAFF),
    STATISTICIAN("统计师", Level.INTERMEDIATE, Profession.ADMINISTRATIVE_STAFF),
    CLERK("科员", Level.JUNIOR, Profession.ADMINISTRATIVE_STAFF);

    /** 正高 / 副高 / 中级 / 初级（师） / 初级（士）. */
    public enum Level { SENIOR, ASSOCIATE_SENIOR, INTERMEDIATE, JUNIOR, ASSISTANT }

    private final String nameZh;
    private final Level level;
    private final Set<Profession> professions;

    ProfessionalTitle(String nameZh, Level level, Profession first, Profession... more) {
        this.nameZh = nameZh;
        this.level = level;
        this.professions = EnumSet.of(first, more);
    }

    /** The stored and displayed Chinese name, e.g. 主治医师. */
    public String nameZh() {
        return nameZh;
    }

    public Level level() {
        return level;
    }

    public boolean fits(Profession profession) {
        return professions.contains(profession);
    }

    public String messageKey() {
        return "registry.title." + name();
    }

    /** The title with this Chinese name, if it is one of the vocabulary. */
    public static Optional<ProfessionalTitle> fromNameZh(String nameZh) {
        return Arrays.stream(values()).filter(t -> t.nameZh.equals(nameZh)).findFirst();
    }
}
