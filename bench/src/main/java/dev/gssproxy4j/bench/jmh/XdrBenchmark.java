package dev.gssproxy4j.bench.jmh;

import dev.gssproxy4j.protocol.DecodedMessage;
import dev.gssproxy4j.protocol.DecodedReply;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.xdr.XdrLimits;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * XDR codec cost of the call the daemon serves most: ACCEPT_SEC_CONTEXT as the interposer sends it
 * ({@code shared/wire/accept/04}: a 1,392-byte call carrying the AP-REQ and the credential handle, a 1,976-byte
 * reply carrying the exported context). Decoding covers the RPC header and the arguments/results with every bounds
 * check; encoding produces the whole record, mark included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class XdrBenchmark {

    /** The {@code shared} folder; empty means the system property {@code gssproxy4j.sharedDir}. */
    @Param("")
    public String sharedDir;

    private byte[] call;
    private byte[] reply;
    private ArgAcceptSecContext args;
    private ResAcceptSecContext result;
    private int xid;

    @Setup
    public void load() {
        call = WireRecords.message(sharedDir, "accept/04-ACCEPT_SEC_CONTEXT.call.bin");
        reply = WireRecords.message(sharedDir, "accept/04-ACCEPT_SEC_CONTEXT.reply.bin");
        DecodedMessage decoded = decodeAcceptCall();
        args = (ArgAcceptSecContext) ((DecodedMessage.Args) decoded.body()).args();
        xid = decoded.header().xid();
        result = (ResAcceptSecContext) decodeAcceptReply().result().orElseThrow();
    }

    @Benchmark
    public DecodedMessage decodeAcceptCall() {
        return GssProxyMessages.decodeMessage(call, 0, call.length, Optional.empty(), XdrLimits.DEFAULT);
    }

    @Benchmark
    public DecodedReply decodeAcceptReply() {
        return GssProxyMessages.decodeReply(Procedure.ACCEPT_SEC_CONTEXT, reply);
    }

    @Benchmark
    public byte[] encodeAcceptCall() {
        return GssProxyMessages.encodeCall(xid, Procedure.ACCEPT_SEC_CONTEXT, args, GssProxyMessages.MAX_RECORD);
    }

    @Benchmark
    public byte[] encodeAcceptReply() {
        return GssProxyMessages.encodeReply(xid, Procedure.ACCEPT_SEC_CONTEXT, result, GssProxyMessages.MAX_RECORD);
    }
}
