package org.yiwang.mpi.matching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MatchModelTests {

    @Test
    void survivesTheTextRoundTrip() {
        MatchModel model = LinkageProfile.chineseResidents().defaultModel();
        MatchModel parsed = MatchModel.parse(model.toText());
        assertThat(parsed.profile()).isEqualTo("cn-resident");
        assertThat(parsed.matchPrior()).isCloseTo(model.matchPrior(), within(1e-6));
        assertThat(parsed.fields()).hasSameSizeAs(model.fields());
        for (int f = 0; f < model.fields().size(); f++) {
            assertThat(parsed.fields().get(f).levels()).isEqualTo(model.fields().get(f).levels());
            assertThat(parsed.fields().get(f).m()).containsExactly(model.fields().get(f).m(), within(1e-6));
        }
        parsed.requireCompatible(LinkageProfile.chineseResidents().comparisons());
    }

    @Test
    void rejectsMalformedTextAndIncompatibleProfiles() {
        assertThatThrownBy(() -> MatchModel.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        String text = LinkageProfile.chineseResidents().defaultModel().toText();
        assertThatThrownBy(() -> MatchModel.parse(text.replace(" m ", " q ")))
                .hasMessageContaining("bad model line");
        MatchModel febrl = LinkageProfile.febrl().defaultModel();
        assertThatThrownBy(() -> febrl.requireCompatible(LinkageProfile.chineseResidents().comparisons()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
