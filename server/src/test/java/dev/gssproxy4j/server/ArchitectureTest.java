package dev.gssproxy4j.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The daemon's package structure, checked on every build (the allowed edges are drawn in the README's Layout
 * section): no package cycle, and the layers point one way — the root package composes, {@code dispatch} runs one
 * request, {@code handler} implements the procedures, {@code call} holds what one call carries (with its
 * credential policy), {@code creds} the credential policy, and the packages below ({@code shared}, {@code error},
 * {@code transport}, {@code seal}, {@code cache}, {@code config}, {@code log}, {@code fair}) know nothing of calls.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.gssproxy4j.server";
    private static final JavaClasses DAEMON = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    /** Each package is its own slice: cycles through the root package count too. */
    private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(com.tngtech.archunit.core.domain.JavaClass javaClass) {
            return javaClass.getPackageName().startsWith(ROOT) ? SliceIdentifier.of(javaClass.getPackageName())
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "packages of " + ROOT;
        }
    };

    @Test
    void noPackageCycle() {
        slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles().check(DAEMON);
    }

    @Test
    void onlyTheRootPackageComposesTheDaemon() {
        noClasses().that().resideOutsideOfPackage(ROOT).should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(DAEMON);
    }

    @Test
    void thePackagesBelowACallKnowNothingOfCalls() {
        noClasses().that().resideInAnyPackage(ROOT + ".transport..", ROOT + ".seal..", ROOT + ".cache..",
                        ROOT + ".config..", ROOT + ".log..", ROOT + ".fair..", ROOT + ".stats..", ROOT + ".os..",
                        ROOT + ".shared..", ROOT + ".error..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".call..", ROOT + ".dispatch..",
                        ROOT + ".handler..", ROOT + ".creds..")
                .check(DAEMON);
    }

    @Test
    void theDispatcherKnowsNoProcedureAndNoCredentialPolicy() {
        noClasses().that().resideInAPackage(ROOT + ".dispatch..").should().dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".handler..", ROOT + ".creds..").check(DAEMON);
    }
}
