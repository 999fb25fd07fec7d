package dev.gssproxy4j.protocol.dump;

import dev.gssproxy4j.protocol.GssProxyMessages;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 5531 section 11 record mark at the start of a whole record, and what is wrong with it for GSS-Proxy:
 * upstream accepts only single, last-fragment records of at most MAX_RPC_SIZE (1 MiB) and closes the connection
 * otherwise ({@code gp_socket.c}).
 *
 * @param value     the 4 mark bytes as an int
 * @param available how many bytes follow the mark in the buffer
 */
record RecordMark(int value, int available) {

    static final int MARK_BYTES = 4;

    /** The mark of {@code record}, which must be at least 4 bytes long. */
    static RecordMark of(byte[] record) {
        int value = ((record[0] & 0xff) << 24) | ((record[1] & 0xff) << 16) | ((record[2] & 0xff) << 8)
                | (record[3] & 0xff);
        return new RecordMark(value, record.length - MARK_BYTES);
    }

    boolean lastFragment() {
        return value < 0;
    }

    int length() {
        return value & 0x7fff_ffff;
    }

    /** Where the message ends in the buffer: after the announced length, or at the end of what is there. */
    int end() {
        return MARK_BYTES + Math.min(length(), available);
    }

    String describe() {
        return String.format("record mark 0x%08x: %s fragment, %d bytes", value,
                lastFragment() ? "last" : "NOT the last", length());
    }

    /** Everything wrong with the mark, in the order a reader meets it; empty if the record is well framed. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!lastFragment()) {
            problems.add("record mark without the last-fragment bit: GSS-Proxy peers send every message as one "
                    + "last fragment and upstream closes the connection on anything else");
        }
        if (length() > GssProxyMessages.MAX_RECORD) {
            problems.add("record mark announces " + length() + " bytes, more than the maximum of "
                    + GssProxyMessages.MAX_RECORD + " (upstream MAX_RPC_SIZE; the connection is closed)");
        }
        if (length() > available) {
            problems.add("record mark announces " + length() + " bytes but only " + available + " follow "
                    + "(truncated record)");
        } else if (length() < available) {
            problems.add((available - length()) + " bytes follow the end of the record");
        }
        return problems;
    }
}
