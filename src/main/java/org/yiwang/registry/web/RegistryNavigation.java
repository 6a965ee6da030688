package org.yiwang.registry.web;

import java.util.EnumSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.NavigationItem;

/** The registry's entry in the main navigation: every staff role may browse the network; only admins edit it. */
@Configuration(proxyBeanMethods = false)
class RegistryNavigation {

    /** Spring Security expression for the read-only pages: any staff role. */
    static final String STAFF = "hasAnyRole('SYSTEM_ADMIN','COMMISSION_ANALYST','REGISTRAR','DOCTOR','NURSE',"
            + "'FAMILY_DOCTOR','ECG_READER','PHARMACIST','LAB_TECHNICIAN','PUBLIC_HEALTH_WORKER')";

    static final String ADMIN = "hasRole('SYSTEM_ADMIN')";

    @Bean
    NavigationItem registryNavigationItem() {
        return new NavigationItem("nav.registry", "/registry", EnumSet.complementOf(EnumSet.of(Role.RESIDENT)), 700);
    }
}
