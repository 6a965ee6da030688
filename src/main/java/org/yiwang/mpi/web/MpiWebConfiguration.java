package org.yiwang.mpi.web;

import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yiwang.platform.security.Role;
import org.yiwang.platform.web.NavigationItem;

/** The residents pages in the main navigation. */
@Configuration(proxyBeanMethods = false)
class MpiWebConfiguration {

    @Bean
    NavigationItem residentsNavigationItem() {
        return new NavigationItem("nav.residents", ResidentController.PATH,
                Set.of(Role.REGISTRAR, Role.DOCTOR, Role.NURSE, Role.FAMILY_DOCTOR), 200);
    }

    @Bean
    NavigationItem reviewQueueNavigationItem() {
        return new NavigationItem("nav.mpiReview", ReviewController.PATH, Set.of(Role.REGISTRAR), 210);
    }
}
