package org.yiwang.registry;

/** Kinds of consortium (GLOSSARY): 医共体, 医联体, 医疗集团. */
public enum ConsortiumType {
    /** 县域医共体: a lead hospital with the township centres and village clinics. */
    MEDICAL_COMMUNITY,
    /** 医联体: an alliance, typically a city tertiary hospital with county hospitals. */
    MEDICAL_ALLIANCE,
    /** 医疗集团 / 集团医院: a headquarters with branches. */
    HOSPITAL_GROUP;

    /** The role of the non-lead members: branches in a group, members otherwise. */
    public ConsortiumRole memberRole() {
        return this == HOSPITAL_GROUP ? ConsortiumRole.BRANCH : ConsortiumRole.MEMBER;
    }

    public String messageKey() {
        return "registry.consortiumType." + name();
    }
}
