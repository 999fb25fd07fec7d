package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.interop.InteropRig;
import dev.gssproxy4j.testkit.interop.InteropScenarios;
import java.util.List;
import java.util.function.BiFunction;

/** The start of a test class that runs MIT's sample programs through the interposer against one daemon. */
final class InteropClasses {

    private InteropClasses() {}

    /**
     * Starts the rig, or skips the class naming what is missing ({@code missing}: from {@code InteropPreconditions}).
     */
    static <D extends AutoCloseable> InteropRig<D> startOrSkip(List<String> missing,
                                                              BiFunction<Realm, InteropScenarios, D> start) {
        assumeTrue(missing.isEmpty(), () -> "interop prerequisites missing: " + String.join("; ", missing));
        return InteropRig.start(start);
    }
}
