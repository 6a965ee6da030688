package org.yiwang.platform.web;

import org.yiwang.platform.security.Role;

/**
 * Where an actor with {@code role} lands after signing in, contributed by the module that owns the page.
 * Roles without a contributed page land on the platform workbench.
 */
public record HomePage(Role role, String path) {
}
