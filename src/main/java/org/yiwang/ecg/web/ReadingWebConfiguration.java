package org.yiwang.ecg.web;

import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.HomePage;
import org.yiwang.platform.web.NavigationItem;

/** Navigation of the reading centre (worklist, turnaround) and of the clinics (their ECG results). */
@Configuration(proxyBeanMethods = false)
class ReadingWebConfiguration {

    @Bean
    HomePage ecgReaderHome() {
        return new HomePage(Role.ECG_READER, WorklistController.WORKLIST);
    }

    @Bean
    NavigationItem ecgWorklistNavigation() {
        return new NavigationItem("ecg.worklist.nav", WorklistController.WORKLIST, Set.of(Role.ECG_READER), 300);
    }

    @Bean
    NavigationItem ecgTurnaroundNavigation() {
        return new NavigationItem("ecg.worklist.turnaround.nav", TurnaroundController.TURNAROUND,
                Set.of(Role.ECG_READER), 305);
    }

    @Bean
    NavigationItem ecgClinicNavigation() {
        return new NavigationItem("ecg.report.clinic.nav", ClinicInboxController.CLINIC,
                Set.of(Role.DOCTOR, Role.NURSE, Role.FAMILY_DOCTOR), 310);
    }
}
