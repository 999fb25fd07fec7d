package dev.gssproxy4j.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, plus the JVM it runs on. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "gssproxy4j " + (version == null ? "(development build)" : version),
            "GSS-Proxy protocol: ONC RPC program 400112 version 1",
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
