package dev.gssproxy4j.bench.fuzz;

/**
 * A replacement value and what kind of change made it, e.g. {@code truncate} or {@code oid-2a86}. The kind is the
 * "input class" findings are grouped by, so it names the transformation, never the bytes.
 */
record Change(Object value, String what) {
}
