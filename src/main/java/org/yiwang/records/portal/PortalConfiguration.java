package org.yiwang.records.portal;

import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.HomePage;
import org.yiwang.platform.web.NavigationItem;

/** Residents land on their portal; its pages are their navigation. A report's PDF is written with a CJK font. */
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
    NavigationItem portalRecordNavigation() {
        return new NavigationItem("portal.nav.record", PortalRecordController.RECORD, Set.of(Role.RESIDENT), 15);
    }

    @Bean
    NavigationItem portalImmunizationsNavigation() {
        return new NavigationItem("portal.nav.immunizations", PortalRecordController.IMMUNIZATIONS,
                Set.of(Role.RESIDENT), 16);
    }

    @Bean
    NavigationItem portalHealthNavigation() {
        return new NavigationItem("portal.nav.health", PortalRecordController.HEALTH, Set.of(Role.RESIDENT), 17);
    }

    @Bean
    ReportPdf reportPdf(PortalProperties properties) {
        return new ReportPdf(properties.pdfFonts());
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
