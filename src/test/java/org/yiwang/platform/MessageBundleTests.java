package org.yiwang.platform;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/** Every UI bundle exists in zh-CN and en with exactly the same keys, and no value is empty. */
class MessageBundleTests {

    static Stream<String> bundles() throws IOException {
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*_zh_CN.properties");
        assertThat(resources).as("zh-CN bundles").isNotEmpty();
        return Stream.of(resources).map(r -> r.getFilename().replace("_zh_CN.properties", ""));
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void chineseAndEnglishBundlesHoldTheSameKeys(String bundle) throws IOException {
        Properties chinese = load("i18n/" + bundle + "_zh_CN.properties");
        Properties english = load("i18n/" + bundle + "_en.properties");
        Set<String> onlyChinese = new TreeSet<>(chinese.stringPropertyNames());
        onlyChinese.removeAll(english.stringPropertyNames());
        Set<String> onlyEnglish = new TreeSet<>(english.stringPropertyNames());
        onlyEnglish.removeAll(chinese.stringPropertyNames());
        assertThat(onlyChinese).as("keys missing in %s_en", bundle).isEmpty();
        assertThat(onlyEnglish).as("keys missing in %s_zh_CN", bundle).isEmpty();
        assertThat(chinese.stringPropertyNames()).allSatisfy(key -> {
            assertThat(chinese.getProperty(key)).as("zh-CN %s", key).isNotBlank();
            assertThat(english.getProperty(key)).as("en %s", key).isNotBlank();
        });
    }

    private static Properties load(String path) throws IOException {
        Resource resource = new PathMatchingResourcePatternResolver().getResource("classpath:" + path);
        assertThat(resource.exists()).as(path).isTrue();
        Properties properties = new Properties();
        try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
