package dev.gssproxy4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gssproxy4j.protocol.dump.WireCheck;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.rpc.RecordReader;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;

/** encode -> decode gives back an equal value, for every gssx type and every procedure's arguments and results. */
class RoundTripProperties {

    /** One value of every type per try, so every type is covered on every run. */
    @Provide
    Arbitrary<List<GssxStruct>> oneOfEveryType() {
        return Combinators.combine(GssxArbitraries.ALL_TYPES.stream()
                .map(type -> GssxArbitraries.of(type).map(GssxStruct.class::cast)).toList()).as(values -> values);
    }

    @Property(tries = 40)
    void everyTypeRoundTrips(@ForAll("oneOfEveryType") List<GssxStruct> values) throws Exception {
        for (GssxStruct value : values) {
            XdrWriter writer = new XdrWriter(GssProxyMessages.MAX_RECORD);
            value.encode(writer);
            byte[] bytes = writer.toByteArray();
            assertEquals(0, bytes.length % 4, "XDR items are 4-byte aligned");
            XdrReader reader = new XdrReader(bytes, XdrLimits.DEFAULT);
            Object decoded = decoderOf(value).invoke(null, reader);
            assertEquals(value, decoded);
            assertEquals(0, reader.remaining(), "decode consumed everything for " + value.getClass().getSimpleName());
        }
    }

    private static Method decoderOf(GssxStruct value) throws NoSuchMethodException {
        Class<?> type = value instanceof GssxHandle ? GssxHandle.class : value.getClass();
        return type.getMethod("decode", XdrReader.class);
    }

    @Provide
    Arbitrary<Tuple3<Procedure, GssxArg, GssxRes>> exchanges() {
        return Arbitraries.of(Procedure.class).flatMap(p -> Combinators.combine(
                GssxArbitraries.of(p.argType()), GssxArbitraries.of(p.resultType()))
                .as((arg, res) -> Tuple.of(p, (GssxArg) arg, (GssxRes) res)));
    }

    @Property(tries = 150)
    void everyProcedureRoundTripsAsWholeRecords(@ForAll("exchanges") Tuple3<Procedure, GssxArg, GssxRes> exchange,
                                                @ForAll int xid) throws IOException {
        Procedure procedure = exchange.get1();
        byte[] call = GssProxyMessages.encodeCall(xid, procedure, exchange.get2(), GssProxyMessages.MAX_RECORD);
        byte[] callMessage = unframe(call);
        DecodedMessage decodedCall = GssProxyMessages.decodeMessage(callMessage, 0, callMessage.length,
                Optional.empty(), XdrLimits.DEFAULT);
        assertEquals(xid, decodedCall.header().xid());
        assertEquals(new DecodedMessage.Args(procedure, exchange.get2()), decodedCall.body());
        assertArrayEquals(call, decodedCall.toRecord(GssProxyMessages.MAX_RECORD));

        byte[] reply = GssProxyMessages.encodeReply(xid, procedure, exchange.get3(), GssProxyMessages.MAX_RECORD);
        DecodedReply decodedReply = GssProxyMessages.decodeReply(procedure, unframe(reply));
        assertEquals(xid, decodedReply.xid());
        assertEquals(Optional.of(exchange.get3()), decodedReply.result());
        assertInstanceOf(WireCheck.Identical.class, WireCheck.check(reply, Optional.of(procedure)));
        assertInstanceOf(WireCheck.Identical.class, WireCheck.check(call, Optional.empty()));
    }

    private static byte[] unframe(byte[] record) throws IOException {
        return new RecordReader(Channels.newChannel(new ByteArrayInputStream(record))).read();
    }
}
