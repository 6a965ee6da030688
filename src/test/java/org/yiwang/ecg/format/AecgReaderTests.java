package org.yiwang.ecg.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AecgReaderTests {

    private static String aecg(String effectiveTime, String timeSequence, String... leads) {
        StringBuilder x = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <AnnotatedECG xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <id root="61d1a24f-b47e-41aa-ae95-f8ac302f4eeb"/>
                """);
        x.append(effectiveTime);
        x.append("""
                  <componentOf><timepointEvent><componentOf><subjectAssignment><subject><trialSubject>
                    <id root="2.16.840.1.113883.3.35" extension="SUBJ-0042"/>
                  </trialSubject></subject></subjectAssignment></componentOf></timepointEvent></componentOf>
                  <component><series>
                    <code code="RHYTHM" codeSystem="2.16.840.1.113883.5.4"/>
                    <author><seriesAuthor><manufacturedSeriesDevice>
                      <manufacturerModelName>CardioTest 12</manufacturerModelName>
                    </manufacturedSeriesDevice></seriesAuthor></author>
                    <component><sequenceSet>
                """);
        x.append(timeSequence);
        for (String lead : leads) {
            x.append(lead);
        }
        x.append("""
                    </sequenceSet></component>
                    <derivation><derivedSeries><component><sequenceSet>
                      <component><sequence><code code="MDC_ECG_LEAD_I"/>
                        <value xsi:type="SLIST_PQ"><origin value="0" unit="uV"/><scale value="1" unit="uV"/>
                        <digits>9 9 9</digits></value></sequence></component>
                    </sequenceSet></component></derivedSeries></derivation>
                  </series></component>
                </AnnotatedECG>
                """);
        return x.toString();
    }

    private static final String EFFECTIVE = """
              <effectiveTime><low value="20260301100304.500+0800"/><high value="20260301100314.500+0800"/></effectiveTime>
            """;

    private static final String RELATIVE_MS = """
            <component><sequence><code code="TIME_RELATIVE" codeSystem="2.16.840.1.113883.5.4"/>
              <value xsi:type="GLIST_PQ"><head value="0" unit="ms"/><increment value="2" unit="ms"/></value>
            </sequence></component>
            """;

    private static String lead(String code, String origin, String scale, String digits) {
        return "<component><sequence><code code=\"" + code + "\" codeSystem=\"2.16.840.1.113883.6.24\"/>"
                + "<value xsi:type=\"SLIST_PQ\">" + origin + scale + "<digits>" + digits + "</digits></value>"
                + "</sequence></component>\n";
    }

    private static DecodedEcg read(String xml) throws EcgFormatException {
        return EcgFiles.read(List.of(new EcgFile("ecg.xml", xml.getBytes(StandardCharsets.UTF_8))),
                EcgFileLimits.DEFAULT);
    }

    private static EcgFormatException failure(String xml) {
        try {
            read(xml);
        } catch (EcgFormatException e) {
            return e;
        }
        throw new AssertionError("read without error");
    }

    @Test
    void appliesOriginScaleAndUnitsAndReadsTimeDeviceAndSubject() throws EcgFormatException {
        DecodedEcg ecg = read(aecg(EFFECTIVE, RELATIVE_MS,
                lead("MDC_ECG_LEAD_II", "<origin value=\"0\" unit=\"uV\"/>", "<scale value=\"5\" unit=\"uV\"/>",
                        "1 -2\n 3"),
                lead("MDC_ECG_LEAD_AVR", "<origin value=\"0.1\" unit=\"mV\"/>",
                        "<scale value=\"0.0025\" unit=\"mV\"/>", "0 2 -4")));

        assertThat(ecg.format()).isEqualTo(EcgSourceFormat.HL7_AECG);
        assertThat(ecg.recording().samplingRateHz()).isEqualTo(500);
        assertThat(ecg.recording().leadNames()).containsExactly("II", "aVR");
        assertThat(ecg.recording().leadMicrovolts(0)).containsExactly(5, -10, 15);
        assertThat(ecg.recording().leadMicrovolts(1)).containsExactly(100, 105, 90);
        assertThat(ecg.acquiredAt()).contains(Instant.parse("2026-03-01T02:03:04.500Z"));
        assertThat(ecg.deviceOrPatientHint()).contains("device CardioTest 12; subject SUBJ-0042");
    }

    @Test
    void takesTheRateFromAnAbsoluteTimeSequenceInSecondsAndItsHeadWhenThereIsNoEffectiveTime()
            throws EcgFormatException {
        String absolute = """
                <component><sequence><code code="TIME_ABSOLUTE" codeSystem="2.16.840.1.113883.5.4"/>
                  <value xsi:type="GLIST_TS"><head value="20260301100304"/><increment value="0.004" unit="s"/></value>
                </sequence></component>
                """;
        DecodedEcg ecg = read(aecg("", absolute, lead("MDC_ECG_LEAD_V1", "<origin value=\"0\" unit=\"uV\"/>",
                "<scale value=\"1\" unit=\"uV\"/>", "7 8")));

        assertThat(ecg.recording().samplingRateHz()).isEqualTo(250);
        assertThat(ecg.acquiredAt()).contains(Instant.parse("2026-03-01T02:03:04Z"));
    }

    @Test
    void refusesAnExternalEntityAttemptWithoutResolvingIt() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE AnnotatedECG [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <AnnotatedECG xmlns="urn:hl7-org:v3"><id root="&secret;"/></AnnotatedECG>
                """;

        EcgFormatException e = failure(xxe);

        assertThat(e.problem()).isEqualTo(EcgFormatProblem.XML_DOCTYPE_FORBIDDEN);
        assertThat(e.getMessage()).doesNotContain("root:");
    }

    @Test
    void refusesAnInternalEntityExpansionBomb() {
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <AnnotatedECG xmlns="urn:hl7-org:v3"><id root="&b;"/></AnnotatedECG>
                """;

        assertThat(failure(bomb).problem()).isEqualTo(EcgFormatProblem.XML_DOCTYPE_FORBIDDEN);
    }

    @Test
    void namesAnAecgWithoutSequences() {
        EcgFormatException e = failure(aecg(EFFECTIVE, ""));

        assertThat(e.problem()).isEqualTo(EcgFormatProblem.NO_WAVEFORMS);
        assertThat(e.arguments()).containsExactly("ecg.xml");
    }

    @Test
    void namesAnUnknownLeadCode() {
        EcgFormatException e = failure(aecg(EFFECTIVE, RELATIVE_MS, lead("MDC_ECG_LEAD_Q7",
                "<origin value=\"0\" unit=\"uV\"/>", "<scale value=\"1\" unit=\"uV\"/>", "1")));

        assertThat(e.problem()).isEqualTo(EcgFormatProblem.UNKNOWN_LEAD_CODE);
        assertThat(e.arguments()).containsExactly("ecg.xml", "MDC_ECG_LEAD_Q7");
    }

    @Test
    void namesLeadsOfDifferentLengthsAndADuplicateLead() {
        String origin = "<origin value=\"0\" unit=\"uV\"/>";
        String scale = "<scale value=\"1\" unit=\"uV\"/>";
        EcgFormatException lengths = failure(aecg(EFFECTIVE, RELATIVE_MS, lead("MDC_ECG_LEAD_I", origin, scale,
                "1 2 3"), lead("MDC_ECG_LEAD_II", origin, scale, "1 2")));
        assertThat(lengths.problem()).isEqualTo(EcgFormatProblem.LEADS_DIFFER_IN_LENGTH);
        assertThat(lengths.arguments()).containsExactly("ecg.xml", "II", "2", "I", "3");

        EcgFormatException duplicate = failure(aecg(EFFECTIVE, RELATIVE_MS, lead("MDC_ECG_LEAD_I", origin, scale,
                "1"), lead("MDC_ECG_LEAD_I", origin, scale, "1")));
        assertThat(duplicate.problem()).isEqualTo(EcgFormatProblem.DUPLICATE_LEAD);
    }

    @Test
    void namesMissingRateBadDigitsAndUnsupportedUnits() {
        String origin = "<origin value=\"0\" unit=\"uV\"/>";
        String scale = "<scale value=\"1\" unit=\"uV\"/>";
        assertThat(failure(aecg(EFFECTIVE, "", lead("MDC_ECG_LEAD_I", origin, scale, "1"))).problem())
                .isEqualTo(EcgFormatProblem.NO_SAMPLING_RATE);

        EcgFormatException digits = failure(aecg(EFFECTIVE, RELATIVE_MS, lead("MDC_ECG_LEAD_I", origin, scale,
                "1 2 x3 4")));
        assertThat(digits.problem()).isEqualTo(EcgFormatProblem.BAD_SAMPLED_DATA);
        assertThat(digits.arguments().get(2)).contains("'x3' (value 3) is not an integer");

        assertThat(failure(aecg(EFFECTIVE, RELATIVE_MS, lead("MDC_ECG_LEAD_I", origin,
                "<scale value=\"1\" unit=\"mmHg\"/>", "1"))).problem()).isEqualTo(EcgFormatProblem.UNSUPPORTED_UNIT);
    }

    @Test
    void namesXmlThatIsNotWellFormedWithItsLineAndXmlThatIsNotAecg() {
        EcgFormatException broken = failure("<?xml version=\"1.0\"?>\n<AnnotatedECG xmlns=\"urn:hl7-org:v3\">\n"
                + "<id></AnnotatedECG>");
        assertThat(broken.problem()).isEqualTo(EcgFormatProblem.NOT_XML);
        assertThat(broken.arguments().get(1)).isEqualTo("3");

        EcgFormatException other = failure("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>");
        assertThat(other.problem()).isEqualTo(EcgFormatProblem.NOT_AECG);
        assertThat(other.arguments()).containsExactly("ecg.xml", "{urn:hl7-org:v3}ClinicalDocument");
    }

    @Test
    void stopsReadingDigitsAtTheSampleLimit() {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            digits.append(i % 100).append(' ');
        }
        String xml = aecg(EFFECTIVE, RELATIVE_MS, lead("MDC_ECG_LEAD_I", "<origin value=\"0\" unit=\"uV\"/>",
                "<scale value=\"1\" unit=\"uV\"/>", digits.toString()));

        assertThatThrownBy(() -> EcgFiles.read(List.of(new EcgFile("e.xml", xml.getBytes(StandardCharsets.UTF_8))),
                new EcgFileLimits(16, 1000, 100_000, 1 << 20))).isInstanceOfSatisfying(EcgFormatException.class,
                        e -> {
                            assertThat(e.problem()).isEqualTo(EcgFormatProblem.TOO_MANY_SAMPLES);
                            assertThat(e.arguments()).containsExactly("e.xml", "> 1000", "1000");
                        });
    }
}
