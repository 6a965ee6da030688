package org.yiwang.platform.web.internal;

import java.io.IOException;
import java.util.Arrays;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every module's UI bundle {@code i18n/<bundle>_zh_CN.properties} / {@code _en.properties} is found on the
 * class path, so a module adds its strings without touching configuration. zh-CN and en only: there is no
 * base bundle and no fallback to the server's locale.
 */
@Configuration(proxyBeanMethods = false)
class MessageSourceConfiguration {

    @Bean
    MessageSource messageSource() throws IOException {
        String[] basenames = Arrays.stream(new PathMatchingResourcePatternResolver()
                        .getResources("classpath*:i18n/*_zh_CN.properties"))
                .map(resource -> "i18n/" + resource.getFilename().replace("_zh_CN.properties", ""))
                .distinct()
                .sorted()
                .toArray(String[]::new);
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames(basenames);
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setDefaultLocale(LocaleConfiguration.CHINESE);
        return messages;
    }
}
