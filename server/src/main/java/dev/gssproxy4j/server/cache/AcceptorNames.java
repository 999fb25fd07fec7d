package dev.gssproxy4j.server.cache;

import dev.gssproxy4j.mech.mit.TicketServer;
import dev.gssproxy4j.protocol.GssxName;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Descriptions of accepted contexts' target names by the {@link TicketServer} their AP-REQ named, so that an
 * acceptor that sees the same service principal on every login describes it once instead of asking the library for
 * it each time (a name out of {@code gss_inquire_context} and its description cost MIT three krb5 contexts).
 * Entries are put only after {@code gss_accept_sec_context} succeeded and from what the library itself described,
 * so a token cannot plant a name: a lookup can only return what MIT said for the same ticket server. Bounded,
 * least recently used first out; thread-safe.
 */
public final class AcceptorNames {

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** Service principals remembered at most; a daemon typically accepts for a handful. */
    public static final int DEFAULT_CAPACITY = 256;

    private final BoundedLru<TicketServer, GssxName> names;

    public AcceptorNames(int capacity) {
        this.names = new BoundedLru<>("AcceptorNames", capacity);
    }

    /** The described target name of contexts accepted from tickets for {@code server}, if known. */
    public Optional<GssxName> get(TicketServer server) {
        Optional<GssxName> name;
        synchronized (names) {
            name = Optional.ofNullable(names.get(server));
        }
        (name.isPresent() ? hits : misses).increment();
        return name;
    }

    /** Lookups that found a name, since start (for {@code gssproxy4j stats}). */
    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Remembers {@code name}, as the library described the target of a context accepted for {@code server}. */
    public void put(TicketServer server, GssxName name) {
        synchronized (names) {
            names.put(server, name);
        }
    }

    public int size() {
        synchronized (names) {
            return names.size();
        }
    }
}
