package org.yiwang.records.portal;

import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.HomePage;
import org.yiwang.platform.web.NavigationItem;

/** Residents land on their portal; its three pages are their navigation. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PortalProperties.class)
class PortalConfiguration {

    @Bean
    HomePage residentHomePage() {
        return new HomePage(Role.RESIDENT, PortalController.HOME);
    }

    @Bean
    NavigationItem portalHomeNavigation() {
        return new NavigationItem("portal.nav.home", PortalController.HOME, Set.of(Role.RESIDENT), 10);
    }

    @Bean
    NavigationItem portalAccessLogNavigation() {
        return new NavigationItem("portal.nav.accessLog", PortalController.ACCESS_LOG, Set.of(Role.RESIDENT), 20);
    }

    @Bean
    NavigationItem portalFamilyNavigation() {
        return new NavigationItem("portal.nav.family", PortalController.FAMILY, Set.of(Role.RESIDENT), 30);
    }
}
