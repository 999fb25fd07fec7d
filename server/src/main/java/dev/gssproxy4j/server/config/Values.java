package dev.gssproxy4j.server.config;

import dev.gssproxy4j.mech.CredUsage;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Conversions of value text shared by the section parsers and the option defaults. */
final class Values {

    private static final Pattern LEADING_INTEGER = Pattern.compile("^([+-]?[0-9]+)(.*)$", Pattern.DOTALL);

    private Values() {
    }

    /**
     * A {@code cred_usage} value, {@code both}, {@code initiate} or {@code accept}, case-insensitive as upstream's
     * {@code strcasecmp}; the service then narrows requests to the RFC 2744 usage of that name.
     */
    static Optional<CredUsage> parseCredUsage(String text) {
        return Arrays.stream(CredUsage.values()).filter(u -> credUsageText(u).equalsIgnoreCase(text)).findFirst();
    }

    /** {@code usage} as {@code cred_usage} spells it: {@code both}, {@code initiate} or {@code accept}. */
    static String credUsageText(CredUsage usage) {
        return usage.name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code 1/true/yes/on} and {@code 0/false/no/off}, case-insensitive. Upstream's {@code gp_boolean_is_true}
     * takes every other text as false; gssproxy4j rejects it instead, because a typo such as {@code ture} would
     * otherwise silently turn an option off.
     */
    static Optional<Boolean> parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> Optional.of(true);
            case "0", "false", "no", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /**
     * A decimal integer at the start of the text, as ding-libs {@code ini_get_int_config_value} with
     * {@code strict = 0} reads it with {@code strtoll(str, &end, 10)}: trailing text is allowed and reported in
     * {@link LeadingInteger#rest()}. Empty if the text does not start with a number or it does not fit an int.
     */
    static Optional<LeadingInteger> leadingInteger(String text) {
        Matcher m = LEADING_INTEGER.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LeadingInteger(Integer.parseInt(m.group(1)), m.group(2)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An integer and the text after it (empty if the whole value was the number). */
    record LeadingInteger(int value, String rest) {
    }
}
