package org.yiwang.records;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code yiwang.records.access}.
 *
 * @param treatingWindow         how long after recording an item for a resident an organisation counts as treating
 *                               them (and may read their record)
 * @param breakGlassDuration     how long an emergency override lasts
 * @param sensitiveGrantDuration how long a sensitive-category grant lasts when the grantor names no end
 * @param unhideableCodes        ICD-10 code prefixes a resident cannot hide from other organisations, because the
 *                               law requires the information to be shared. The default is a deliberate choice, see
 *                               {@link RecordConsent}: the Class A diseases of the 传染病防治法 and the Class B
 *                               diseases that are airborne or managed with Class A measures and so need isolation
 *                               or precautions at any organisation the patient goes to next.
 */
@ConfigurationProperties("yiwang.records.access")
public record RecordAccessProperties(
        @DefaultValue("1095d") Duration treatingWindow,
        @DefaultValue("4h") Duration breakGlassDuration,
        @DefaultValue("365d") Duration sensitiveGrantDuration,
        @DefaultValue({
                "A00", // 霍乱 cholera (甲类)
                "A20", // 鼠疫 plague (甲类)
                "U04", // 传染性非典型肺炎 SARS (乙类, 甲类管理)
                "A22", // 炭疽 anthrax (乙类; 肺炭疽 甲类管理)
                "J09", // 人感染高致病性禽流感 zoonotic / pandemic influenza (乙类)
                "A80", // 脊髓灰质炎 poliomyelitis (乙类)
                "B05", // 麻疹 measles (乙类)
                "A36", // 白喉 diphtheria (乙类)
                "A37", // 百日咳 pertussis (乙类)
                "A39", // 流行性脑脊髓膜炎 meningococcal infection (乙类)
                "A15", "A16", "A17", "A18", "A19", // 肺结核 / 结核病 tuberculosis (乙类)
                "A01", // 伤寒和副伤寒 typhoid and paratyphoid (乙类)
                "A03", // 细菌性痢疾 shigellosis (乙类)
                "A82"  // 狂犬病 rabies (乙类)
        }) List<String> unhideableCodes) {

    public RecordAccessProperties {
        if (treatingWindow.isNegative() || treatingWindow.isZero() || breakGlassDuration.isNegative()
                || breakGlassDuration.isZero() || sensitiveGrantDuration.isNegative() || sensitiveGrantDuration.isZero()) {
            throw new IllegalArgumentException("yiwang.records.access durations must be positive");
        }
        unhideableCodes = unhideableCodes.stream().map(c -> c.strip().toUpperCase(java.util.Locale.ROOT))
                .filter(c -> !c.isEmpty()).toList();
    }
}
