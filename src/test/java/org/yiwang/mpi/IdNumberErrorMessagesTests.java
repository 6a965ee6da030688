package org.yiwang.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class IdNumberErrorMessagesTests {

    @Test
    void everyErrorCodeHasAChineseAndAnEnglishMessageShowingItsParameters() throws IOException {
        Properties zh = bundle("i18n/mpi_zh_CN.properties");
        Properties en = bundle("i18n/mpi_en.properties");
        IdNumberError mismatch = IdNumberError.of(IdNumberError.Code.CHECK_DIGIT_MISMATCH, 'X', '9');
        for (IdNumberError.Code code : IdNumberError.Code.values()) {
            String key = new IdNumberError(code, List.of()).messageKey();
            assertThat(zh.getProperty(key)).as(key).isNotBlank();
            assertThat(en.getProperty(key)).as(key).isNotBlank();
        }
        String english = new MessageFormat(en.getProperty(mismatch.messageKey()), Locale.ENGLISH).format(mismatch.arguments());
        assertThat(english).contains("\"X\"").contains("\"9\"");
        String chinese = new MessageFormat(zh.getProperty(mismatch.messageKey()), Locale.CHINA).format(mismatch.arguments());
        assertThat(chinese).contains("“X”").contains("“9”");
    }

    private static Properties bundle(String path) throws IOException {
        Properties properties = new Properties();
        try (var in = IdNumberErrorMessagesTests.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
