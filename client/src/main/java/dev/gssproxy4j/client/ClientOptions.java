package dev.gssproxy4j.client;

import dev.gssproxy4j.protocol.GssProxyMessages;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Settings of one {@link GssProxyClient}, with upstream's defaults.
 *
 * @param ioTimeout     how long one call (sending the request and receiving the whole reply) may take; upstream's
 *                      client library ({@code src/client/gpm_common.c}) allows 15 s per I/O step
 * @param maxReplyBytes the largest reply record accepted, checked from the record marks before anything is
 *                      allocated; upstream's MAX_RPC_SIZE is 1 MiB
 * @param firstXid      the xid of the first call; empty (the default) picks a random one as upstream does. Set it
 *                      only to reproduce a captured conversation byte for byte
 */
public record ClientOptions(Duration ioTimeout, int maxReplyBytes, OptionalInt firstXid) {

    public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(15);

    /** 15 s timeout, 1 MiB replies, random first xid. */
    public static final ClientOptions DEFAULTS =
            new ClientOptions(DEFAULT_IO_TIMEOUT, GssProxyMessages.MAX_RECORD, OptionalInt.empty());

    public ClientOptions {
        Objects.requireNonNull(ioTimeout, "ioTimeout");
        Objects.requireNonNull(firstXid, "firstXid");
        if (ioTimeout.isNegative() || ioTimeout.isZero()) {
            throw new IllegalArgumentException("ioTimeout must be positive, got " + ioTimeout);
        }
        if (maxReplyBytes < 28) {
            // 28 bytes: the smallest SUCCESS reply header (RFC 5531 section 9) plus nothing.
            throw new IllegalArgumentException("maxReplyBytes must be at least 28, got " + maxReplyBytes);
        }
    }

    public ClientOptions withIoTimeout(Duration timeout) {
        return new ClientOptions(timeout, maxReplyBytes, firstXid);
    }

    public ClientOptions withMaxReplyBytes(int bytes) {
        return new ClientOptions(ioTimeout, bytes, firstXid);
    }

    public ClientOptions withFirstXid(int xid) {
        return new ClientOptions(ioTimeout, maxReplyBytes, OptionalInt.of(xid));
    }
}
