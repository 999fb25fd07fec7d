package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.protocol.Procedure;
import java.util.Optional;

/**
 * One input the fuzzer sends. {@link #toString()} names it without its bytes (tokens and keys of the throwaway
 * realm still do not belong in a log); the bytes go only into reproduction files.
 *
 * @param index      the call number, from which the mutation was derived together with the run's seed
 * @param seed       the seed's name
 * @param procedure  the procedure whose results a SUCCESS reply carries, if the header names one
 * @param location   where the input was changed, e.g. {@code GET_MIC context_handle.exported_context_token}: the
 *                   key findings are grouped by, as one bug is found through many kinds of change there
 * @param inputClass what was done, e.g. {@code GET_MIC context_handle.exported_context_token: truncate}
 * @param record     the whole record, mark included
 * @param exact      whether the header and framing are exactly as the codec made them: then any reply that does
 *                   not decode, or answers another xid, is the daemon's fault
 * @param framing    whether the record mark disagrees with the bytes (sent alone on a half-closed connection)
 */
record Mutant(long index, Target target, String seed, Optional<Procedure> procedure, String location,
              String inputClass, byte[] record, boolean exact, boolean framing) {

    /** The xid every mutant is sent with: its call number, so a reply can be matched to it. */
    int xid() {
        return (int) index;
    }

    @Override
    public String toString() {
        return "call " + index + " to " + target + " (" + record.length + " bytes, seed " + seed + "): " + inputClass;
    }
}
