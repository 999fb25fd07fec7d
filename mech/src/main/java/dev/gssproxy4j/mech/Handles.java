package dev.gssproxy4j.mech;

/** Error paths for calls that hand back native handles: nothing the library returned may leak. */
final class Handles {

    private Handles() {
    }

    /** {@link NativeCall#check}, closing {@code owned} (nulls allowed) before throwing. */
    static void checkOrClose(NativeCall call, int major, String function, Oid mech, AutoCloseable... owned) {
        try {
            call.check(major, function, mech);
        } catch (GssException e) {
            closeQuietly(owned);
            throw e;
        }
    }

    static void closeQuietly(AutoCloseable... owned) {
        for (AutoCloseable c : owned) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // the close methods here only release native memory and do not throw
                }
            }
        }
    }
}
