package org.yiwang.mpi;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MpiProperties.class, MatchReviewProperties.class})
class MpiConfiguration {
}
