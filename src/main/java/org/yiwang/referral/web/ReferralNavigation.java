package org.yiwang.referral.web;

import java.util.EnumSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.NavigationItem;

@Configuration(proxyBeanMethods = false)
class ReferralNavigation {

    @Bean
    NavigationItem referralNavigationItem() {
        return new NavigationItem("nav.referrals", "/referrals/incoming",
                EnumSet.of(Role.DOCTOR, Role.NURSE, Role.FAMILY_DOCTOR, Role.ECG_READER), 350);
    }
}
