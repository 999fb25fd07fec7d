package dev.gssproxy4j.jgss;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * The two JDK-internal packages a mechanism provider needs: {@code sun.security.jgss.spi} (the interfaces it
 * implements) and {@code sun.security.jgss} ({@code GSSCaller}, whose instance the JDK hands each factory, and
 * {@code ProviderList}, which finds the JDK's own krb5 for local routing). Neither is exported.
 */
final class JgssAccess {

    static final String MODULE = "java.security.jgss";
    static final Set<String> PACKAGES = Set.of("sun.security.jgss", "sun.security.jgss.spi");

    private JgssAccess() {}

    /** Exports both packages to {@code to}, as {@code --add-exports} would (JVMTI, from an agent). */
    static void grant(Instrumentation instrumentation, Module to) {
        Module jgss = jgss();
        Map<String, Set<Module>> exports = Map.of("sun.security.jgss", Set.of(to), "sun.security.jgss.spi",
                Set.of(to));
        instrumentation.redefineModule(jgss, Set.of(), exports, Map.of(), Set.of(), Map.of());
    }

    /** @throws IllegalStateException with the flags to add, unless both packages are exported to {@code to} */
    static void require(Module to) {
        Module jgss = jgss();
        for (String pkg : PACKAGES) {
            if (!jgss.isExported(pkg, to)) {
                throw new IllegalStateException("the gssproxy4j provider needs the JDK's GSS mechanism SPI: run with "
                        + "-javaagent:gssproxy4j-jgss.jar, or add --add-exports java.security.jgss/sun.security.jgss"
                        + ".spi=ALL-UNNAMED --add-exports java.security.jgss/sun.security.jgss=ALL-UNNAMED");
            }
        }
    }

    private static Module jgss() {
        return ModuleLayer.boot().findModule(MODULE).orElseThrow(() -> new IllegalStateException(
                "this JVM has no module " + MODULE + " (a jlink image without GSS-API?)"));
    }
}
