package org.yiwang.ecg;

import java.util.concurrent.Executor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
@EnableAsync
@EnableConfigurationProperties({EcgProperties.class, EcgIntakeProperties.class})
class EcgConfiguration {

    static final String ANALYSIS_EXECUTOR = "ecgAnalysisExecutor";

    /** Few threads: pre-analysis is CPU-bound, and uploads must not starve the web requests. */
    @Bean(ANALYSIS_EXECUTOR)
    Executor ecgAnalysisExecutor(EcgProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(properties.analysisThreads());
        executor.setMaxPoolSize(properties.analysisThreads());
        executor.setThreadNamePrefix("ecg-analysis-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        executor.initialize();
        return executor;
    }
}
