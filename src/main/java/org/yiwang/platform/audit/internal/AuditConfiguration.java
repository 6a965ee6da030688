package org.yiwang.platform.audit.internal;

import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yiwang.platform.crypto.IntegrityMac;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.NavigationItem;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    @Bean
    AuditChain auditChain(IntegrityMac integrityMac) {
        return new AuditChain(integrityMac);
    }

    @Bean
    NavigationItem auditNavigation() {
        return new NavigationItem("nav.audit", "/admin/audit", Set.of(Role.SYSTEM_ADMIN), 900);
    }
}
