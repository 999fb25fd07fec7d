package dev.gssproxy4j.server.transport;

/**
 * What serving a connection needs from its server: the ready queue, the idle park, the protocol's record handler,
 * the limits, and the way to close a connection (which gives back its slot). One per {@link UnixSocketServer},
 * shared by its workers and connections.
 */
record Serving(ReadyQueue ready, IdlePark park, Transport.RecordHandler handler, TransportLimits limits,
               Worker.ConnectionCloser closer) {}
