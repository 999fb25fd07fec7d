package dev.gssproxy4j.testkit.interop;

import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import java.util.function.BiFunction;

/**
 * What an interop test class runs against: a Kerby realm, its {@link InteropScenarios} and one daemon (upstream
 * gssproxy or gssproxy4j) configured from them. {@link #close()} stops them in reverse order, also after a failed
 * start.
 *
 * @param <D> the daemon
 */
public final class InteropRig<D extends AutoCloseable> implements AutoCloseable {

    private final Realm realm;
    private InteropScenarios scenarios;
    private D daemon;

    private InteropRig(Realm realm) {
        this.realm = realm;
    }

    /** Starts the realm, prepares the scenarios, then the daemon {@code start} makes from both. */
    public static <D extends AutoCloseable> InteropRig<D> start(BiFunction<Realm, InteropScenarios, D> start) {
        InteropRig<D> rig = new InteropRig<>(Realms.kerby());
        try {
            rig.scenarios = InteropScenarios.prepare(rig.realm);
            rig.daemon = start.apply(rig.realm, rig.scenarios);
            return rig;
        } catch (RuntimeException | Error e) {
            rig.close();
            throw e;
        }
    }

    public Realm realm() {
        return realm;
    }

    public InteropScenarios scenarios() {
        return scenarios;
    }

    public D daemon() {
        return daemon;
    }

    @Override
    public void close() {
        try {
            if (daemon != null) {
                daemon.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("stopping " + daemon + " failed", e);
        } finally {
            if (scenarios != null) {
                scenarios.close();
            }
            realm.close();
        }
    }
}
