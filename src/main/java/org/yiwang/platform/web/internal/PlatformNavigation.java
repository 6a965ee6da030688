package org.yiwang.platform.web.internal;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.NavigationItem;

/** The platform's own navigation entries. */
@Configuration(proxyBeanMethods = false)
class PlatformNavigation {

    @Bean
    NavigationItem workbenchNavigation() {
        // staff only: residents have their portal (/me)
        Set<Role> staffButAdmin = EnumSet.complementOf(EnumSet.of(Role.SYSTEM_ADMIN, Role.RESIDENT));
        return new NavigationItem("nav.workbench", HomeController.WORKBENCH, staffButAdmin, 0);
    }

    @Bean
    NavigationItem adminNavigation() {
        return new NavigationItem("nav.admin", "/admin", Set.of(Role.SYSTEM_ADMIN), 800);
    }

    @Bean
    NavigationItem accountsNavigation() {
        return new NavigationItem("nav.accounts", "/admin/accounts", Set.of(Role.SYSTEM_ADMIN), 810);
    }

    @Bean
    NavigationItem apiClientsNavigation() {
        return new NavigationItem("nav.apiClients", "/admin/api-clients", Set.of(Role.SYSTEM_ADMIN), 820);
    }
}
