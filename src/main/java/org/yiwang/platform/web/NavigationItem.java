package org.yiwang.platform.web;

import java.util.Set;
import org.yiwang.platform.security.Role;

/**
 * An entry of the main navigation, contributed by a module as a bean; shown to actors holding any of
 * {@code roles}.
 *
 * @param messageKey bundle key of the label
 * @param path where it leads
 * @param order position, lower first
 */
public record NavigationItem(String messageKey, String path, Set<Role> roles, int order) {

    public NavigationItem {
        roles = Set.copyOf(roles);
    }

    public boolean visibleTo(Set<Role> actorRoles) {
        return roles.stream().anyMatch(actorRoles::contains);
    }
}
