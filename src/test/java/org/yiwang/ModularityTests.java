package org.yiwang;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** The modules of ARCHITECTURE.md stay acyclic and only use each other's declared public APIs. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(YiwangApplication.class);

    @Test
    void modulesRespectTheirDeclaredDependencies() {
        MODULES.verify();
    }

    @Test
    void everyModuleOfTheArchitectureExists() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("platform", "registry", "mpi", "records", "scheduling", "referral", "ecg", "consultation",
                        "publichealth", "analytics", "fhir", "cli");
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
