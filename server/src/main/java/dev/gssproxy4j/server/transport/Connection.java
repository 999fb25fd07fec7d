package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.rpc.RecordMarkingException;
import dev.gssproxy4j.rpc.RecordReader;
import dev.gssproxy4j.server.log.DaemonLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One client connection: reads whole records, hands each to the {@link Transport.RecordHandler}, writes the
 * reply, in order (the interposer sends one request at a time and matches replies strictly by order). A framing
 * error or a {@link Transport.Drop} closes the connection, as upstream does; nothing else does, and idle
 * connections stay open (the kernel keeps its connection for the life of nfsd).
 */
final class Connection {

    private final SocketChannel channel;
    private final Transport.Origin origin;
    private final Transport.RecordHandler handler;
    private final RecordReader reader;

    Connection(SocketChannel channel, Transport.Origin origin, Transport.RecordHandler handler, int maxRecord) {
        this.channel = channel;
        this.origin = origin;
        this.handler = handler;
        this.reader = new RecordReader(new ReadAheadChannel(channel), maxRecord);
    }

    void run() throws IOException {
        try {
            byte[] request;
            while ((request = reader.read()) != null) {
                switch (handler.handle(request, origin)) {
                    case Transport.Reply reply -> write(reply.record());
                    case Transport.Drop drop -> {
                        DaemonLog.debug(1, origin.connectionId(), "dropping connection: " + drop.reason());
                        return;
                    }
                }
            }
        } catch (RecordMarkingException e) {
            DaemonLog.debug(1, origin.connectionId(), "dropping connection: " + e.getMessage());
        }
    }

    private void write(byte[] record) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(record);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
