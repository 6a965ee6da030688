package org.yiwang.ecg.web;

import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.NavigationItem;

/**
 * The clinics' ECG pages in the main navigation: uploading, and the results inbox (which links to the full history of
 * uploads at /ecg/clinic/uploads).
 */
@Configuration(proxyBeanMethods = false)
class EcgWebConfiguration {

    @Bean
    NavigationItem ecgUploadNavigationItem() {
        return new NavigationItem("ecg.intake.nav.upload", EcgUploadController.PATH + "/new",
                Set.of(Role.DOCTOR, Role.NURSE, Role.FAMILY_DOCTOR), 400);
    }
}
