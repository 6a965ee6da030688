package org.yiwang.mpi.matching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdNumbersTests {

    @Test
    void computesTheMod11CheckCharacterOfTheTestVectors() {
        // ID-03, ID-04
        assertThat(IdNumbers.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(IdNumbers.checkCharacter("32108319781216211")).isEqualTo('9');
        assertThat(IdNumbers.hasValidCheckCharacter("11010519491231002X")).isTrue();
        assertThat(IdNumbers.hasValidCheckCharacter("110105194912310029")).isFalse();
        assertThatThrownBy(() -> IdNumbers.checkCharacter("1101051949123100")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void upgradesA15DigitLegacyNumberTo18() {
        // ID-05
        assertThat(IdNumbers.normalise("150102880730303")).isEqualTo("150102198807303035");
    }

    @Test
    void upperCasesALowerCaseCheckCharacterAndDropsSeparators() {
        // ID-03
        assertThat(IdNumbers.normalise(" 11010519491231002x ")).isEqualTo("11010519491231002X");
        assertThat(IdNumbers.normalise("110105 19491231 002X")).isEqualTo("11010519491231002X");
        assertThat(IdNumbers.normalise(null)).isEmpty();
    }

    @Test
    void keepsMistypedNumbersVisible() {
        assertThat(IdNumbers.normalise("5001181938031713")).isEqualTo("5001181938031713");
    }
}
