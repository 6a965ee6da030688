package org.yiwang.platform.web.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The system administrator's home: account and API-client counts and the admin tools. */
@Controller
@PreAuthorize("hasRole('SYSTEM_ADMIN')")
class AdminHomeController {

    private final JdbcClient jdbc;

    AdminHomeController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record AdminCounts(long staffAccounts, long residentAccounts, long lockedAccounts, long activeApiClients) {
    }

    @GetMapping("/admin")
    String home(Model model) {
        model.addAttribute("counts", jdbc.sql("""
                select (select count(*) from platform.account where kind = 'STAFF'),
                       (select count(*) from platform.account where kind = 'RESIDENT'),
                       (select count(*) from platform.account where locked_until > now()),
                       (select count(*) from platform.api_client where revoked_at is null)""")
                .query((rs, n) -> new AdminCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single());
        return "platform/admin-home";
    }
}
