package org.yiwang.records;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The record's code lists, loaded once from the classpath, and its settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RecordsProperties.class, RecordAccessProperties.class})
class RecordsConfiguration {

    @Bean
    IcdCodes icdCodes() {
        return IcdCodes.fromClasspath();
    }

    @Bean
    ObservationCatalogue observationCatalogue() {
        return ObservationCatalogue.fromClasspath();
    }
}
