package dev.gssproxy4j.protocol.dump;

/** Output of the dumper: one line per item, {@code offset  indentation text}, offsets from the record start. */
final class DumpLines {

    private final StringBuilder out = new StringBuilder();

    void line(int offset, int depth, String text) {
        out.append(String.format("%6d  ", offset)).append("  ".repeat(depth)).append(text).append('\n');
    }

    /** A decode problem: what failed, and where. */
    void error(int offset, String text) {
        line(offset, 0, "!! " + text);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
