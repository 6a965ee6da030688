package org.yiwang;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The modules of ARCHITECTURE.md stay acyclic and only use each other's declared public APIs. */
class ModularityTests {

    /** Production code only: tests may reach across modules and share helpers. */
    static final DescribedPredicate<JavaClass> TEST_CODE = DescribedPredicate.describe("test code",
            type -> type.getSource().map(source -> source.getUri().toString().contains("/test-classes/")).orElse(false));

    static final ApplicationModules MODULES = ApplicationModules.of(YiwangApplication.class, TEST_CODE);

    @Test
    void modulesRespectTheirDeclaredDependencies() {
        MODULES.verify();
    }

    @Test
    void everyModuleOfTheArchitectureExists() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("platform", "registry", "mpi", "records", "scheduling", "referral", "ecg", "consultation",
                        "publichealth", "analytics", "fhir", "cli")
                .doesNotContain("testing");
    }

    @Test
    void verificationRejectsAccessToAnotherModulesInternals() {
        // The fixtures are test classes, which Modulith skips by default: import them explicitly.
        ImportOption everything = location -> true;
        assertThatThrownBy(() -> ApplicationModules.of("fixtures.modulith", everything).verify())
                .hasMessageContaining("fixtures.modulith.inventory.internal.StockLedger");
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
