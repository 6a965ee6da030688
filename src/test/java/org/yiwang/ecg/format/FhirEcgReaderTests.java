package org.yiwang.ecg.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FhirEcgReaderTests {

    private static String component(String code, String sampledData) {
        return "{\"code\":{\"coding\":[{\"system\":\"urn:oid:2.16.840.1.113883.6.24\",\"code\":\"" + code
                + "\"}]},\"valueSampledData\":" + sampledData + "}";
    }

    private static String observation(String extra, String... components) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\"," + extra + "\"component\":["
                + String.join(",", components) + "]}";
    }

    private static final String PLAIN = "{\"origin\":{\"value\":0,\"unit\":\"uV\"},\"period\":2,\"dimensions\":1,"
            + "\"data\":\"1 2 3\"}";

    private static DecodedEcg read(String json) throws EcgFormatException {
        return EcgFiles.read(List.of(new EcgFile("obs.json", json.getBytes(StandardCharsets.UTF_8))),
                EcgFileLimits.DEFAULT);
    }

    private static EcgFormatException failure(String json) {
        try {
            read(json);
        } catch (EcgFormatException e) {
            return e;
        }
        throw new AssertionError("read without error");
    }

    @Test
    void readsMdcCodedComponentsWithOriginFactorUnitsAndLimits() throws EcgFormatException {
        String lead1 = component("131329", "{\"origin\":{\"value\":0.5,\"unit\":\"mV\",\"system\":"
                + "\"http://unitsofmeasure.org\",\"code\":\"mV\"},\"period\":4,\"factor\":0.001,\"lowerLimit\":-3,"
                + "\"upperLimit\":3,\"dimensions\":1,\"data\":\"0 -250 L U 1.5\"}");
        String lead3 = component("131389", "{\"origin\":{\"value\":-100},\"period\":4,\"factor\":2,\"dimensions\":1,"
                + "\"data\":\"0  10\\n-10 1 2\"}");
        String json = observation("\"effectiveDateTime\":\"2026-03-01T10:03:04+08:00\",\"device\":{\"display\":"
                + "\"Gateway 7\"},\"subject\":{\"reference\":\"Patient/123\"},", lead1, lead3);

        DecodedEcg ecg = read(json);

        assertThat(ecg.format()).isEqualTo(EcgSourceFormat.FHIR_SAMPLED_DATA);
        assertThat(ecg.recording().samplingRateHz()).isEqualTo(250);
        assertThat(ecg.recording().leadNames()).containsExactly("I", "III");
        assertThat(ecg.recording().leadMicrovolts(0)).containsExactly(500, 250, -3000, 3000, 502);
        assertThat(ecg.recording().leadMicrovolts(1)).containsExactly(-100, -80, -120, -98, -96);
        assertThat(ecg.acquiredAt()).contains(Instant.parse("2026-03-01T02:03:04Z"));
        assertThat(ecg.deviceOrPatientHint()).contains("device Gateway 7; subject Patient/123");
    }

    @Test
    void readsTheTwelveMdcLeadCodes() throws EcgFormatException {
        String[] codes = {"131329", "131330", "131389", "131390", "131391", "131392", "131331", "131332", "131333",
            "131334", "131335", "131336"};
        String[] components = new String[codes.length];
        for (int i = 0; i < codes.length; i++) {
            components[i] = component(codes[i], PLAIN);
        }

        assertThat(read(observation("", components)).recording().leadNames()).containsExactly("I", "II", "III",
                "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6");
    }

    @Test
    void readsASampledDataOnTheObservationItselfAndInterleavedDimensions() throws EcgFormatException {
        String single = "{\"resourceType\":\"Observation\",\"code\":{\"coding\":[{\"system\":"
                + "\"urn:oid:2.16.840.1.113883.6.24\",\"code\":\"131330\"}]},\"effectiveDateTime\":\"2026-03-01\","
                + "\"valueSampledData\":" + PLAIN + "}";
        DecodedEcg one = read(single);
        assertThat(one.recording().leadNames()).containsExactly("II");
        assertThat(one.acquiredAt()).contains(Instant.parse("2026-02-28T16:00:00Z"));

        String interleaved = "{\"resourceType\":\"Observation\",\"valueSampledData\":{\"origin\":{\"value\":0},"
                + "\"period\":10,\"dimensions\":2,\"data\":\"1 -1 2 -2 3 -3\"}}";
        DecodedEcg two = read(interleaved);
        assertThat(two.recording().leadNames()).containsExactly("ECG1", "ECG2");
        assertThat(two.recording().samplingRateHz()).isEqualTo(100);
        assertThat(two.recording().leadMicrovolts(1)).containsExactly(-1, -2, -3);
    }

    @Test
    void readsTheR5IntervalWhenThereIsNoPeriod() throws EcgFormatException {
        String r5 = "{\"origin\":{\"value\":0},\"interval\":0.004,\"intervalUnit\":\"s\",\"dimensions\":1,"
                + "\"data\":\"1 2\"}";

        assertThat(read(observation("", component("131329", r5))).recording().samplingRateHz()).isEqualTo(250);
    }

    @Test
    void readsTheOneEcgObservationOfABundle() throws EcgFormatException {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
                + "{\"resourceType\":\"Patient\"}},{\"resource\":" + observation("", component("131335", PLAIN))
                + "}]}";

        assertThat(read(bundle).recording().leadNames()).containsExactly("V5");
        assertThat(failure("{\"resourceType\":\"Bundle\",\"entry\":[]}").problem())
                .isEqualTo(EcgFormatProblem.NOT_FHIR_ECG);
    }

    @Test
    void namesDataThatDoNotFillTheDimensions() {
        String json = "{\"resourceType\":\"Observation\",\"valueSampledData\":{\"origin\":{\"value\":0},"
                + "\"period\":10,\"dimensions\":2,\"data\":\"1 -1 2 -2 3\"}}";

        EcgFormatException e = failure(json);

        assertThat(e.problem()).isEqualTo(EcgFormatProblem.BAD_SAMPLED_DATA);
        assertThat(e.arguments().get(2)).isEqualTo("5 data points are not a multiple of dimensions 2");
    }

    @Test
    void namesAMissingPeriodAnUnknownLeadCodeAndLeadsOfDifferentLength() {
        EcgFormatException period = failure(observation("", component("131329",
                "{\"origin\":{\"value\":0},\"dimensions\":1,\"data\":\"1\"}")));
        assertThat(period.problem()).isEqualTo(EcgFormatProblem.NO_SAMPLING_RATE);

        EcgFormatException code = failure(observation("", component("8867-4", PLAIN)));
        assertThat(code.problem()).isEqualTo(EcgFormatProblem.UNKNOWN_LEAD_CODE);
        assertThat(code.arguments()).containsExactly("obs.json", "urn:oid:2.16.840.1.113883.6.24|8867-4");

        EcgFormatException lengths = failure(observation("", component("131329", PLAIN), component("131330",
                PLAIN.replace("1 2 3", "1 2"))));
        assertThat(lengths.problem()).isEqualTo(EcgFormatProblem.LEADS_DIFFER_IN_LENGTH);
        assertThat(lengths.arguments()).containsExactly("obs.json", "II", "2", "I", "3");
    }

    @Test
    void refusesErrorValuesAndLimitsThatAreNotDeclared() {
        EcgFormatException error = failure(observation("", component("131329", PLAIN.replace("1 2 3", "1 E 3"))));
        assertThat(error.problem()).isEqualTo(EcgFormatProblem.SAMPLED_DATA_ERROR_VALUE);
        assertThat(error.arguments()).containsExactly("obs.json", "I", "2");

        EcgFormatException limit = failure(observation("", component("131329", PLAIN.replace("1 2 3", "1 U 3"))));
        assertThat(limit.problem()).isEqualTo(EcgFormatProblem.BAD_SAMPLED_DATA);

        EcgFormatException word = failure(observation("", component("131329", PLAIN.replace("1 2 3", "1 2x 3"))));
        assertThat(word.arguments().get(2)).isEqualTo("data point 2 '2x' is not a decimal, E, L or U");
    }

    @Test
    void namesJsonThatIsBrokenOrNotAnEcgObservation() {
        assertThat(failure("{\"resourceType\":\"Observation\",").problem()).isEqualTo(EcgFormatProblem.NOT_JSON);
        EcgFormatException patient = failure("{\"resourceType\":\"Patient\"}");
        assertThat(patient.problem()).isEqualTo(EcgFormatProblem.NOT_FHIR_ECG);
        assertThat(patient.arguments().get(1)).contains("Patient");
        assertThat(failure("{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":72}}").problem())
                .isEqualTo(EcgFormatProblem.NOT_FHIR_ECG);
        assertThat(failure(observation("", component("131329", PLAIN.replace("\"uV\"", "\"mmHg\"")))).problem())
                .isEqualTo(EcgFormatProblem.UNSUPPORTED_UNIT);
    }
}
