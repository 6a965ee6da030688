package org.yiwang;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules of ARCHITECTURE.md that Spring Modulith does not check. */
class ArchitectureTests {

    static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.yiwang");

    /** Pure cores (signal processing, record linkage) use only the JDK and themselves. */
    static ArchRule pureCore(String corePackage) {
        return classes().that().resideInAPackage(corePackage + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", corePackage + "..")
                .allowEmptyShould(true)
                .because("pure cores hold no framework, I/O, clock or randomness (ARCHITECTURE.md)");
    }

    /** HAPI FHIR types stay inside the fhir module. */
    static final ArchRule HAPI_ONLY_IN_FHIR = noClasses().that().resideOutsideOfPackage("org.yiwang.fhir..")
            .should().dependOnClassesThat().resideInAnyPackage("ca.uhn.fhir..", "org.hl7.fhir..")
            .because("FHIR is a facade over the modules' public APIs");

    @Test
    void ecgSignalCoreIsPureJava() {
        pureCore("org.yiwang.ecg.signal").check(PRODUCTION);
    }

    @Test
    void recordLinkageCoreIsPureJava() {
        pureCore("org.yiwang.mpi.matching").check(PRODUCTION);
    }

    @Test
    void hapiFhirTypesStayInsideTheFhirModule() {
        HAPI_ONLY_IN_FHIR.check(PRODUCTION);
    }

    @Test
    void pureCoreRuleRejectsASpringDependency() {
        JavaClasses violating = new ClassFileImporter().importClasses(fixtures.impure.ImpureCore.class);
        assertThatThrownBy(() -> pureCore("fixtures.impure").check(violating)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.springframework");
    }

    @Test
    void pureCoreRuleAcceptsJdkOnlyCode() {
        JavaClasses clean = new ClassFileImporter().importClasses(fixtures.pure.PureCore.class);
        pureCore("fixtures.pure").check(clean);
        assertThat(clean).isNotEmpty();
    }
}
