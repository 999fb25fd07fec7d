package dev.gssproxy4j.it;

import org.ietf.jgss.GSSException;

/** How the child programs report a failure on one line: every cause's class and message, GSS major codes named. */
final class Failures {

    private Failures() {}

    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            if (t instanceof GSSException gss) {
                text.append("GSSException[major=").append(gss.getMajor()).append(']');
            } else {
                text.append(t.getClass().getSimpleName());
            }
            text.append(": ").append(t.getMessage());
        }
        return text.toString().replace('\n', ' ');
    }
}
