package dev.gssproxy4j.rpc;

import dev.gssproxy4j.xdr.XdrWriter;

/**
 * Builds records for RFC 5531 section 11 record marking as one single, last fragment, the way every GSS-Proxy
 * peer sends them: {@link #start} reserves the 4-byte mark, the message is encoded after it, and {@link #finish}
 * fills the mark in, so the record goes out in one write without copying.
 */
public final class RecordWriter {

    private RecordWriter() {}

    /** A writer for one record whose message may be at most {@code maxRecord} bytes. */
    public static XdrWriter start(int maxRecord) {
        XdrWriter writer = new XdrWriter(4 + maxRecord);
        writer.writeInt(0);
        return writer;
    }

    /** As {@link #start(int)}, encoding into {@code scratch} (see {@link XdrWriter#XdrWriter(byte[], int)}). */
    public static XdrWriter start(int maxRecord, byte[] scratch) {
        XdrWriter writer = new XdrWriter(scratch, 4 + maxRecord);
        writer.writeInt(0);
        return writer;
    }

    /** The whole record: the mark for the bytes written after it, then those bytes. */
    public static byte[] finish(XdrWriter writer) {
        int length = writer.position() - 4;
        writer.patchInt(0, 0x8000_0000 | length);
        return writer.toByteArray();
    }

    /** Frames an already encoded message. */
    public static byte[] frame(byte[] message) {
        byte[] record = new byte[4 + message.length];
        int mark = 0x8000_0000 | message.length;
        for (int i = 0; i < 4; i++) {
            record[i] = (byte) (mark >>> (24 - 8 * i));
        }
        System.arraycopy(message, 0, record, 4, message.length);
        return record;
    }
}
