package org.yiwang.registry;

/** How a practitioner practises at an organisation other than their primary one. */
public enum PracticeRole {
    /** 多机构执业: registered to practise at a further organisation. */
    ADDITIONAL,
    /** 下沉/帮扶: a county specialist holding sessions at a township centre. */
    VISITING;

    public String messageKey() {
        return "registry.practiceRole." + name();
    }
}
