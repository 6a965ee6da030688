package org.yiwang.registry;

/** An organisation's role in a consortium: the lead (牵头医院, 总院), a member, or a branch (分院) of a group. */
public enum ConsortiumRole {
    LEAD,
    MEMBER,
    BRANCH;

    public String messageKey() {
        return "registry.consortiumRole." + name();
    }
}
