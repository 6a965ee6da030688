package org.yiwang.ecg.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EcgFormatMessagesTests {

    private static Properties bundle(String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = EcgFormatMessagesTests.class.getResourceAsStream("/i18n/ecg_" + language
                + ".properties")) {
            assertThat(in).as("bundle ecg_" + language).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @ParameterizedTest
    @EnumSource(EcgFormatProblem.class)
    void everyProblemHasAChineseAndAnEnglishSentenceWithFileNamePlaceholder(EcgFormatProblem problem)
            throws IOException {
        for (String language : new String[] {"zh_CN", "en"}) {
            String pattern = bundle(language).getProperty("ecg.format.problem." + problem.name());
            assertThat(pattern).as(language + " " + problem).isNotBlank().contains("{0}");
            String filled = new MessageFormat(pattern, Locale.ROOT).format(new Object[] {"A", "B", "C", "D", "E"});
            assertThat(filled).doesNotContain("{");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh_CN", "en"})
    void bundlesHoldOnlyKeysOfKnownProblems(String language) throws IOException {
        for (String key : bundle(language).stringPropertyNames()) {
            if (key.startsWith("ecg.format.problem.")) {
                assertThat(EcgFormatProblem.valueOf(key.substring("ecg.format.problem.".length()))).isNotNull();
            }
        }
    }
}
