package dev.gssproxy4j.testkit;

/** The end of a test class that started several things (a realm, a daemon, clients): stop them all. */
public final class Teardown {

    private Teardown() {}

    /**
     * Closes each of {@code started} in order, skipping the ones that never started ({@code null}). Every one is
     * closed even when an earlier one fails; then the first failure is thrown, unchecked, with the others
     * suppressed, so a teardown that went wrong is reported rather than hidden.
     */
    public static void closeAll(AutoCloseable... started) {
        RuntimeException failed = null;
        for (AutoCloseable resource : started) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (failed == null) {
                    failed = new IllegalStateException("closing " + resource.getClass().getSimpleName()
                            + " failed", e);
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
