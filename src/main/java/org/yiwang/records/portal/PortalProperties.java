package org.yiwang.records.portal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Resident portal settings, {@code yiwang.portal.*}.
 *
 * @param accessLogPageSize entries per page of "who viewed my record" (the audit trail caps it at 100)
 * @param maxFamilyGrants family members one resident may authorise at a time
 * @param recordPageSize    reports and results per page of "my reports and results" (the record caps it)
 * @param pdfFonts          CJK fonts for the PDF of a report, the first readable one is used; a collection's face
 *                          after a comma
 */
@ConfigurationProperties("yiwang.portal")
record PortalProperties(
        @DefaultValue("20") int accessLogPageSize,
        @DefaultValue("10") int maxFamilyGrants,
        @DefaultValue("20") int recordPageSize,
        @DefaultValue({"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2",
                "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc,2",
                "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc,0",
                "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0",
                "/usr/share/fonts/truetype/arphic/uming.ttc,0"}) List<String> pdfFonts) {
}
