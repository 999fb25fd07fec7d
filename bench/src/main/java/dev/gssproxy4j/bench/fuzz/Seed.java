package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.xdr.Opaque;

/**
 * A starting point for mutation: a valid call for this run's realm (built through the daemon, or captured from a
 * real peer and decodable), or the bytes of a captured record the codec cannot decode, which only byte-level
 * mutation can use.
 */
sealed interface Seed permits Seed.Call, Seed.Raw {

    /** Largest record a mutant may be: four times the daemon's limit, so that oversized records are sent too. */
    int MAX_MUTANT_RECORD = 4 * GssProxyMessages.MAX_RECORD;

    /** E.g. {@code accept-with-cred} or {@code wire/kernel/01-ACCEPT_SEC_CONTEXT-alice}. */
    String name();

    Target target();

    /** The whole record with {@code xid}, mark included. */
    byte[] record(int xid);

    /** A decoded call: structure-aware mutation applies. */
    record Call(String name, Target target, Procedure procedure, GssxArg args) implements Seed {

        @Override
        public byte[] record(int xid) {
            return GssProxyMessages.encodeCall(xid, procedure, args, MAX_MUTANT_RECORD);
        }
    }

    /** Undecodable captured bytes (a broken header or framing): sent with their own xid. */
    record Raw(String name, Target target, Opaque bytes) implements Seed {

        @Override
        public byte[] record(int xid) {
            return bytes.toByteArray();
        }
    }
}
