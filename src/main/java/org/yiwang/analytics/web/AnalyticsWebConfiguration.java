package org.yiwang.analytics.web;

import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.HomePage;
import org.yiwang.platform.web.NavigationItem;

/** The commission's home page and its place in the navigation. */
@Configuration(proxyBeanMethods = false)
class AnalyticsWebConfiguration {

    @Bean
    HomePage commissionAnalystHomePage() {
        return new HomePage(Role.COMMISSION_ANALYST, CommissionHomeController.PATH);
    }

    @Bean
    NavigationItem commissionNavigationItem() {
        return new NavigationItem("nav.commission", CommissionHomeController.PATH,
                Set.of(Role.COMMISSION_ANALYST, Role.SYSTEM_ADMIN), 100);
    }
}
