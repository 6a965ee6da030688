package org.yiwang.platform.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Password complexity (SEC-04 a): a minimum length and at least three of upper case, lower case, digits
 * and symbols, not containing the login name. Returns message keys of every rule broken.
 */
final class PasswordPolicy {

    private final int minimumLength;

    PasswordPolicy(int minimumLength) {
        this.minimumLength = minimumLength;
    }

    List<String> violations(String password, String username) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.length() < minimumLength) {
            problems.add("password.rule.length");
            if (password == null) {
                return problems;
            }
        }
        int classes = 0;
        classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        if (classes < 3) {
            problems.add("password.rule.classes");
        }
        if (username != null && username.length() >= 3
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            problems.add("password.rule.username");
        }
        return problems;
    }

    int minimumLength() {
        return minimumLength;
    }
}
